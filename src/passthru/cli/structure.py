"""``passthru structure DEAL``: the certificate section of a deal, as the 8-K prints it."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from passthru.cli.app import app, console, report_errors
from passthru.deal import StructureFigures, load_deal, structure_figures
from passthru.money import format_dollars, format_number, round_half_up_decimal


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("structure")
@report_errors
def structure_command(
    deal: Annotated[str, typer.Argument(help="A deal TOML path or a shipped deal name.")],
    output: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = (
        OutputFormat.text
    ),
) -> None:
    """Class table, subordination levels, loss limits and clean-up threshold of a deal."""
    terms = load_deal(deal)
    if not terms.classes:
        console.print(
            f"{terms.name}: the deal file states no certificate classes "
            "(its filing gives none), so there is no structure to show.",
            highlight=False,
        )
        return
    figures = structure_figures(terms)
    if output is OutputFormat.json:
        console.print_json(figures.model_dump_json())
        return
    console.print(_class_table(figures))
    for line in figures.lines:
        console.print(line, soft_wrap=True, highlight=False, markup=False)


def _rate(rate: Decimal | str | None) -> str:
    """A class rate to three decimals, halves rounded up as the 8-K prints them."""
    if isinstance(rate, Decimal):
        return format_number(round_half_up_decimal(rate, 3), 3) + "%"
    return rate or ""


def _class_table(figures: StructureFigures) -> Table:
    table = Table(title=f"{figures.deal}: certificates as of the cut-off")
    for header in ("Class", "Pool", "Kind"):
        table.add_column(header, no_wrap=True)
    for header in ("Initial balance", "Rate", "Share of pool", "Subordination level"):
        table.add_column(header, justify="right", overflow="fold")
    for row in figures.classes:
        balance = row.balance if isinstance(row.balance, str) else None
        table.add_row(
            row.name,
            row.pool or "all",
            row.kind,
            balance or ("" if row.balance is None else format_dollars(row.balance, 2)),
            _rate(row.rate),
            "" if row.share_of_pool_pct is None else f"{row.share_of_pool_pct}%",
            "" if row.subordination_level_pct is None else f"{row.subordination_level_pct}%",
        )
    table.add_section()
    table.add_row("Total", "", "", format_dollars(figures.cut_off_balance, 2), "", "100%", "")
    return table
