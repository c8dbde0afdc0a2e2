"""``passthru decrement`` and ``passthru report``: decrement tables and the deal report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from passthru.analytics import (
    certificate_flows,
    class_decrements,
    deal_calendar,
    deal_for_tape,
    format_decrement,
    pass_through_decrements,
    psa_labels,
    psa_scenarios,
)
from passthru.analytics.decrement_text import render_decrement_text
from passthru.cli.app import app, console, err_console, report_errors
from passthru.cli.options import parse_speeds
from passthru.deal import Deal, load_deal
from passthru.pipeline import pooled_tape, termsheet_of
from passthru.report import progress, write_report
from passthru.report.deal_inputs import DEFAULT_SPEEDS, STEPS, deal_report_inputs

DealArg = Annotated[str, typer.Argument(help="A deal TOML path or a shipped deal name.")]
TapeOpt = Annotated[Path, typer.Option("--tape", help="The loan tape (CSV, Parquet or xlsx).")]
PsaOpt = Annotated[
    str, typer.Option("--psa", help="PSA speeds, comma-separated (percent of the PSA curve).")
]
ClassesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--class",
        help="A certificate class (A classes, PO, B-1..B-6), pass-through (all loans) or "
        "pass-through-<pool>; repeatable. Default: every class with principal.",
    ),
]


def deal_and_loans(deal: str, tape: Path) -> tuple[Deal, pl.DataFrame]:
    """The deal and the tape pooled under it; a deal with classes is resized to a tape that
    is not its own, with a note on stderr."""
    terms = load_deal(deal)
    loans = pooled_tape(tape, terms).loans
    if not terms.classes:
        return terms, loans
    sized, note = deal_for_tape(terms, loans)
    if note:
        err_console.print(f"note: {note}", highlight=False)
    return sized, loans


def _decrements(terms: Deal, loans: pl.DataFrame, speeds: list[float], classes: list[str] | None):
    closing, first = deal_calendar(terms)
    if not terms.classes:
        return pass_through_decrements(
            loans, speeds, closing=closing, first_distribution=first, names=classes
        )
    flows = certificate_flows(terms, loans, psa_scenarios(speeds), labels=psa_labels(speeds))
    return class_decrements(flows, speeds, closing=closing, first_distribution=first, names=classes)


@app.command("decrement")
@report_errors
def decrement_command(
    deal: DealArg,
    tape: TapeOpt,
    psa: PsaOpt = ",".join(f"{s:g}" for s in DEFAULT_SPEEDS),
    classes: ClassesOpt = None,
) -> None:
    """Percent of initial balance outstanding at each anniversary, and WAL, per PSA speed."""
    terms, loans = deal_and_loans(deal, tape)
    speeds = parse_speeds(psa)
    with progress("running the waterfall at each speed", total=None):
        tables = _decrements(terms, loans, speeds, classes)
    for name, values in tables.items():
        text = render_decrement_text(name, format_decrement(values))
        console.print(text, highlight=False, markup=False)


@app.command("report")
@report_errors
def report_command(
    deal: DealArg,
    tape: TapeOpt,
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder for the report files.")],
    psa: PsaOpt = ",".join(f"{s:g}" for s in DEFAULT_SPEEDS),
) -> None:
    """Write report.html (term sheet, structure, decrement and yield tables, charts) and
    report.xlsx."""
    terms = load_deal(deal)
    with progress("building the report", total=STEPS + 2) as advance:
        pooled = pooled_tape(tape, terms)
        advance()
        inputs = deal_report_inputs(
            terms, pooled.loans, termsheet_of(pooled, terms), speeds=parse_speeds(psa),
            advance=advance,
        )  # fmt: skip
        html, xlsx = write_report(inputs, out)
        advance()
    console.print(f"wrote {html}\nwrote {xlsx}", highlight=False)
