"""``passthru rebuild``: a canonical loan tape whose term sheet reproduces a filing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from passthru.cli.app import app, console, report_errors
from passthru.deal import load_deal
from passthru.disclosure.filing import Filing
from passthru.disclosure.parse import parse_filing_file
from passthru.errors import FilingError
from passthru.rebuild import rebuild_tape
from passthru.tape import write_tape


def read_filing(path: Path) -> Filing:
    """A filing parsed to JSON (``passthru parse -o``) or the 8-K text itself."""
    if path.suffix.lower() != ".json":
        return parse_filing_file(path)
    try:
        return Filing.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError) as exc:
        raise FilingError(f"{path}: not a parsed filing ({exc})") from None


@app.command("rebuild")
@report_errors
def rebuild_command(
    filing: Annotated[
        Path, typer.Argument(help="Parsed filing (JSON from `passthru parse -o`) or the 8-K text.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Tape to write: .csv, .parquet or .xlsx.")
    ],
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of every draw; same seed, same tape.")
    ] = 0,
    deal: Annotated[
        str | None,
        typer.Option(
            "--deal", help="Shipped deal name or deal TOML; default: the filing's own terms."
        ),
    ] = None,
) -> None:
    """Rebuild a loan tape from a CMSI-style 8-K so that its term sheet reproduces the filing."""
    parsed = read_filing(filing)
    result = rebuild_tape(parsed, deal=load_deal(deal) if deal else None, seed=seed)
    write_tape(result.tape, output)
    report = result.report
    console.print(
        f"wrote {output} ({result.tape.height} loans); {len(report.matched)} of "
        f"{len(report.checks)} figures and table rows match the filing "
        f"({report.attempts} attempt{'s' if report.attempts > 1 else ''}, {report.seconds:.2f} s)",
        highlight=False,
    )
    for check in report.unmet:
        console.print(
            f"[yellow]not met:[/] {escape(check.key)}: filed {escape(check.filed)!r}, "
            f"rebuilt {escape(check.rebuilt)!r}",
            highlight=False,
        )
    for reason in report.reasons:
        console.print(f"[yellow]note:[/] {escape(reason)}", highlight=False)
