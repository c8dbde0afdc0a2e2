"""``passthru parse``: read a CMSI-style 8-K into structured data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from passthru.cli.app import app, console, report_errors
from passthru.disclosure.filing import Filing
from passthru.disclosure.parse import parse_filing_file
from passthru.files import write_bytes_atomically
from passthru.money import format_number

_SUMMARY_KEYS = ("loan_count", "aggregate_balance", "wa_note_rate", "wa_remaining_term")


@app.command("parse")
@report_errors
def parse_command(
    filing: Annotated[Path, typer.Argument(help="The 8-K as plain EDGAR text.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the parsed filing as JSON instead of a summary."
        ),
    ] = None,
) -> None:
    """Parse a CMSI-style Form 8-K: figures, tables, certificates, and warnings."""
    parsed = parse_filing_file(filing)
    if output is not None:
        write_bytes_atomically(output, (parsed.to_json() + "\n").encode("utf-8"))
        console.print(
            f"wrote {output} ({len(parsed.tables)} tables, {len(parsed.warnings)} warnings)",
            highlight=False,
        )
        return
    _print_summary(parsed)


def _print_summary(f: Filing) -> None:
    console.print(
        f"[bold]{f.registrant or 'unknown registrant'}[/], series {f.series or '?'} "
        f"({f.kind.replace('_', ' ')}); report date {f.report_date or '?'}, "
        f"cut-off date {f.cut_off_date or '?'}",
        highlight=False,
    )
    pools = Table("pool", "loans", "balance", "WA rate", "WA term", "figures", title="Pools")
    for pool, figures in f.pools.items():
        shown = [figures[k].printed if k in figures else "" for k in _SUMMARY_KEYS]
        pools.add_row(pool, *shown, str(len(figures)))
    console.print(pools)
    if f.tables:
        tables = Table(
            "line", "kind", "pool", "rows", "total loans", "total balance", title="Tables"
        )
        for t in f.tables:
            count, balance = (
                ("", "")
                if t.total is None
                else (str(t.total.count), format_number(t.total.balance))
            )
            tables.add_row(str(t.line), t.kind, t.pool, str(len(t.rows)), count, balance)
        console.print(tables)
    _print_certificates(f)
    for warning in f.warnings:
        console.print(f"[yellow]warning:[/] {escape(warning)}", highlight=False)


def _print_certificates(f: Filing) -> None:
    c = f.certificates
    if c.class_balances or c.subordination_levels:
        certs = Table("class", "initial balance", "subordination level", title="Certificates")
        for name in dict.fromkeys([*c.class_balances, *c.subordination_levels]):
            balance = c.class_balances.get(name)
            level = c.subordination_levels.get(name)
            certs.add_row(
                name,
                "" if balance is None else f"${balance:,}",
                "" if level is None else f"{level.printed}%",
            )
        console.print(certs)
    for label, value in (
        ("special hazard loss limit", c.special_hazard_loss_limit),
        ("fraud loss limit", c.fraud_loss_limit),
        ("bankruptcy loss limit", c.bankruptcy_loss_limit),
        ("clean-up threshold", c.clean_up_threshold),
    ):
        if value is not None:
            console.print(f"{label}: ${value:,}", highlight=False)
