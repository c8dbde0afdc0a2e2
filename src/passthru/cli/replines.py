"""``passthru replines``: a tape aggregated into rep lines, and how far their cash flows drift.

Without ``--deal`` the tape is one pool per stated pool value, with no strips.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.table import Table

from passthru.cli.app import app, console, report_errors
from passthru.cli.options import parse_speeds
from passthru.deal import load_deal
from passthru.errors import AssumptionError
from passthru.money import format_dollars, format_number
from passthru.pipeline import plain_tape, pooled_tape
from passthru.replines import KEYS, LOAN_COUNT, MEASURES, compare_rep_lines, rep_lines
from passthru.tape import write_tape


def _loans(tape: Path, deal: str | None, allow_rejects: bool) -> tuple[pl.DataFrame, date | None]:
    """Pooled loans and the deal's cut-off, or the plain tape and its inferred cut-off."""
    if deal is not None:
        terms = load_deal(deal)
        return pooled_tape(tape, terms, allow_rejects=allow_rejects).loans, terms.cut_off_date
    load = plain_tape(tape, allow_rejects=allow_rejects)
    return load.loans, load.cut_off


def _list(text: str, option: str) -> list[str]:
    items = [item.strip() for item in text.split(",") if item.strip()]
    if not items:
        raise AssumptionError(f"{text!r} names nothing", field=option)
    return items


def _percent(value: float) -> str:
    return "inf" if value == float("inf") else f"{format_number(value, 2)}%"


def _years(value: float | None) -> str:
    return "-" if value is None else format_number(value, 3)


def _print_differences(report: pl.DataFrame) -> None:
    table = Table(title="Largest difference in a period, rep lines against loans")
    for header in ("PSA", "pool", "measure", "dollars", "% of loans'"):
        table.add_column(header, justify="right")
    for row in report.iter_rows(named=True):
        for measure in MEASURES:
            table.add_row(
                format_number(row["psa"], 0),
                row["pool"],
                measure,
                format_dollars(row[f"{measure}_max_abs_diff"], 2),
                _percent(row[f"{measure}_max_rel_diff_pct"]),
            )
    console.print(table)


def _print_lives(report: pl.DataFrame) -> None:
    table = Table(title="Weighted average life (years) and total cash, rep lines against loans")
    headers = ("PSA", "pool", "loans", "lines", "WAL", "line WAL", "diff", "cash diff")
    for header in headers:
        table.add_column(header, justify="right")
    for row in report.iter_rows(named=True):
        table.add_row(
            format_number(row["psa"], 0),
            row["pool"],
            str(row["loans"]),
            str(row["rep_lines"]),
            _years(row["wal_years"]),
            _years(row["rep_wal_years"]),
            _years(row["wal_diff_years"]),
            format_dollars(row["total_cash_diff"], 2),
        )
    console.print(table)


@app.command("replines")
@report_errors
def replines_command(
    tape: Annotated[Path, typer.Argument(help="Loan tape (CSV, Parquet, xlsx).")],
    deal: Annotated[
        str | None, typer.Option("--deal", help="Deal name or TOML file: pools and strips.")
    ] = None,
    by: Annotated[
        str,
        typer.Option("--by", help=f"Grouping keys, comma-separated; one of: {', '.join(KEYS)}."),
    ] = "pool,rate,remaining_term",
    rate_step: Annotated[
        float | None, typer.Option("--rate-step", help="Note-rate bucket width, percent.")
    ] = None,
    term_step: Annotated[
        int | None, typer.Option("--term-step", help="Remaining-term bucket width, months.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write the rep lines here (.csv, .parquet, .xlsx)."),
    ] = None,
    psa: Annotated[
        str, typer.Option("--psa", help="PSA speeds to compare, comma-separated.")
    ] = "100,300",
    allow_rejects: Annotated[
        bool, typer.Option("--allow-rejects", help="Use the loans that pass validation.")
    ] = False,
) -> None:
    """Aggregate a tape into balance-weighted rep lines and compare their cash flows."""
    keys, speeds = _list(by, "--by"), parse_speeds(psa)
    loans, cut_off = _loans(tape, deal, allow_rejects)
    lines = rep_lines(loans, keys, rate_step=rate_step, term_step=term_step, cut_off=cut_off)
    report = compare_rep_lines(loans, lines, psa=speeds)
    if output is not None:
        write_tape(lines.drop(LOAN_COUNT), output)
        console.print(f"wrote {lines.height} rep lines for {loans.height} loans to {output}")
    else:
        console.print(f"{lines.height} rep lines for {loans.height} loans")
    _print_differences(report)
    _print_lives(report)
