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
from passthru.tape import check_tape_path, write_tape


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
    allow_unmet: Annotated[
        bool,
        typer.Option(
            "--allow-unmet",
            help="Write the tape even when some figures are unmet (named as a warning).",
        ),
    ] = False,
) -> None:
    """Rebuild a loan tape from a CMSI-style 8-K so that its term sheet reproduces the filing.

    When a figure or table row cannot be met, nothing is written and the command
    fails naming them, unless --allow-unmet is given.
    """
    check_tape_path(output)
    parsed = read_filing(filing)
    result = rebuild_tape(parsed, deal=load_deal(deal) if deal else None, seed=seed)
    console.print(result.report.summary(), highlight=False, markup=False)
    if result.unmet and not allow_unmet:
        raise FilingError(
            f"{filing}: the rebuilt tape misses {_unmet(result.unmet)}; nothing written "
            "(--allow-unmet writes it anyway)"
        )
    write_tape(result.tape, output)
    console.print(f"wrote {output} ({result.tape.height} loans)", highlight=False)
    if result.unmet:
        console.print(
            f"[yellow]warning:[/] {escape(str(output))} misses {escape(_unmet(result.unmet))}",
            highlight=False,
        )


def _unmet(keys: tuple[str, ...]) -> str:
    """ "1 of the filing's figures and table rows (I/wa_note_rate)"."""
    return f"{len(keys)} of the filing's figures and table rows ({', '.join(keys)})"
