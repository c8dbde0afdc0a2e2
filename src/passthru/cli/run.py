"""``passthru run``: the certificates of a deal paid every distribution day from a tape."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich import box
from rich.table import Table

from passthru.cli.app import app, console, report_errors
from passthru.cli.options import (
    AdvancingOpt,
    CdrOpt,
    CprOpt,
    LagOpt,
    MdrOpt,
    OrderOpt,
    PsaOpt,
    RejectsOpt,
    SdaOpt,
    SeverityOpt,
    SmmOpt,
    assumptions_from_options,
    check_format,
)
from passthru.deal import load_deal
from passthru.money import format_dollars
from passthru.pipeline import pooled_tape
from passthru.waterfall import Results, RunOptions, run
from passthru.waterfall.sizing import deal_sized_to_tape

FORMATS = ("csv", "xlsx")


def _print_classes(results: Results) -> None:
    """Each class's totals in dollars and cents; a figure too wide for the terminal folds
    onto a second line rather than being cut short."""
    first = results.classes.filter(pl.col("scenario") == 0)
    totals = first.group_by("class", maintain_order=True).agg(
        pl.col("beginning_balance").first(),
        pl.col("interest_paid").sum(),
        pl.col("principal_paid").sum(),
        pl.col("loss").sum(),
        pl.col("ending_balance").last(),
    )
    table = Table(
        "class", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True
    )
    for header in ("initial", "interest", "principal", "loss", "ending"):
        table.add_column(header, justify="right", overflow="fold")
    for row in totals.iter_rows():
        table.add_row(row[0], *(format_dollars(x, 2) for x in row[1:]))
    console.print(table)


@app.command("run")
@report_errors
def run_command(
    deal: Annotated[str, typer.Argument(help="Deal name or TOML file, with its classes.")],
    tape: Annotated[Path, typer.Option("--tape", help="Loan tape (CSV, Parquet, xlsx).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Directory to write into.")],
    cpr: CprOpt = None,
    smm: SmmOpt = None,
    psa: PsaOpt = None,
    cdr: CdrOpt = None,
    mdr: MdrOpt = None,
    sda: SdaOpt = None,
    severity: SeverityOpt = 0.0,
    lag: LagOpt = 0,
    advancing: AdvancingOpt = True,
    order: OrderOpt = "standard",
    call: Annotated[
        bool | None,
        typer.Option("--call/--no-call", help="Exercise the clean-up call (default: the deal's)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="csv, or xlsx (the CSVs and run.xlsx).")] = (
        "csv"
    ),
    allow_rejects: RejectsOpt = False,
    size_to_tape: Annotated[
        bool,
        typer.Option(
            "--size-to-tape",
            help="Scale the deal's classes to the tape's pool balances, keeping each class's "
            "share (for a tape other than the deal's own).",
        ),
    ] = False,
) -> None:
    """Pay the deal's certificates every distribution day (senior/subordinate waterfall)."""
    check_format(fmt, FORMATS)
    terms = load_deal(deal)
    assumptions = assumptions_from_options(locals())
    loans = pooled_tape(tape, terms, allow_rejects=allow_rejects).loans
    if size_to_tape:
        terms = deal_sized_to_tape(terms, loans)
    results = run(terms, loans, assumptions, RunOptions(call=call))
    written = results.write(output, xlsx=fmt == "xlsx")
    console.print(
        f"{assumptions.describe()}: wrote {', '.join(p.name for p in written)} to {output}"
    )
    _print_classes(results)
