"""``passthru cashflows`` and ``passthru matrix``: collateral cash flows by the Standard Formulas.

Rates are in percent (``--smm 1`` is 1% a month); without ``--deal`` the tape is one pool.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.table import Table

from passthru.cli.app import app, console, report_errors
from passthru.cli.options import (
    AdvancingOpt,
    CdrOpt,
    CprOpt,
    DealOpt,
    LagOpt,
    MdrOpt,
    OrderOpt,
    PsaOpt,
    RejectsOpt,
    SdaOpt,
    SeverityOpt,
    SmmOpt,
    TapeArg,
    assumptions_from_options,
    check_format,
    parse_speeds,
)
from passthru.collateral import default_matrix, loan_arrays, matrix_table, project
from passthru.collateral.loans import LoanArrays
from passthru.deal import load_deal
from passthru.errors import AssumptionError
from passthru.money import format_dollars, format_number
from passthru.pipeline import plain_tape, pooled_tape

FORMATS = ("csv", "parquet", "xlsx", "json")
BINARY = ("parquet", "xlsx")


def _loans(tape: Path, deal: str | None, allow_rejects: bool) -> LoanArrays:
    """Pooled loans under a deal, or the whole tape as one pool ``all``."""
    if deal is not None:
        pooled = pooled_tape(tape, load_deal(deal), allow_rejects=allow_rejects)
        return loan_arrays(pooled.loans, source=pooled.source)
    load = plain_tape(tape, allow_rejects=allow_rejects)
    return loan_arrays(load.loans, source=load.source)


def _write(frame: pl.DataFrame, fmt: str, output: Path | None) -> None:
    check_format(fmt, FORMATS)
    if output is None:
        if fmt in BINARY:
            raise AssumptionError(f"{fmt} output needs -o PATH", field="--output")
        typer.echo(frame.write_csv() if fmt == "csv" else frame.write_json(), nl=False)
        return
    writers = {
        "csv": frame.write_csv,
        "parquet": frame.write_parquet,
        "xlsx": frame.write_excel,
        "json": frame.write_json,
    }
    writers[fmt](output)


def _print_summary(summary: pl.DataFrame) -> None:
    table = Table("pool", "original", "defaults", "losses", "prepayments", "WAL (yrs)")
    for row in summary.iter_rows(named=True):
        wal = row["wal_years"]
        table.add_row(
            row["pool"],
            format_dollars(row["original_balance"]),
            f"{format_number(row['cumulative_defaults_pct'], 2)}%",
            f"{format_number(row['cumulative_losses_pct'], 2)}%",
            format_dollars(row["prepayments"]),
            "-" if wal is None else format_number(wal, 2),
        )
    console.print(table)


@app.command("cashflows")
@report_errors
def cashflows_command(
    tape: TapeArg,
    deal: DealOpt = None,
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
    fmt: Annotated[str, typer.Option("--format", help="csv, parquet, xlsx or json.")] = "csv",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here (else stdout).")
    ] = None,
    allow_rejects: RejectsOpt = False,
) -> None:
    """Project monthly collateral cash flows per pool (BMA/SIFMA Standard Formulas)."""
    assumptions = assumptions_from_options(locals())
    result = project(_loans(tape, deal, allow_rejects), assumptions)
    _write(result.frame, fmt, output)
    if output is not None:
        console.print(f"{assumptions.describe()}: wrote {result.frame.height} rows to {output}")
        _print_summary(result.summary)


def _print_matrix(wide: pl.DataFrame, title: str) -> None:
    table = Table(title=title)
    table.add_column("% PSA", justify="right")
    for column in wide.columns[1:]:
        table.add_column(f"{column.removeprefix('sda_')}% SDA", justify="right")
    for row in wide.iter_rows():
        table.add_row(format_number(row[0], 0), *(format_number(x, 2) for x in row[1:]))
    console.print(table)


@app.command("matrix")
@report_errors
def matrix_command(
    tape: TapeArg,
    psa: Annotated[str, typer.Option(help="PSA speeds, comma-separated.")] = "100,150,200,300,500",
    sda: Annotated[str, typer.Option(help="SDA speeds, comma-separated.")] = "50,100,200,300",
    severity: SeverityOpt = 0.0,
    lag: LagOpt = 0,
    advancing: AdvancingOpt = True,
    order: OrderOpt = "standard",
    deal: DealOpt = None,
    allow_rejects: RejectsOpt = False,
) -> None:
    """Cumulative defaults and losses (% of original balance) by PSA x SDA, as SF-21 prints."""
    matrix = default_matrix(
        _loans(tape, deal, allow_rejects),
        psa=parse_speeds(psa, "--psa"),
        sda=parse_speeds(sda, "--sda"),
        severity=severity,
        lag=lag,
        advancing=advancing,
        order=order,
    )
    _print_matrix(matrix_table(matrix), "Cumulative defaults, % of original balance")
    _print_matrix(
        matrix_table(matrix, "cumulative_losses_pct"), "Cumulative losses, % of original balance"
    )
