"""``passthru decrement`` and ``passthru report``: decrement tables and the deal report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from passthru.analytics import deal_calendar, format_decrement, pass_through_decrements
from passthru.analytics.decrement_text import render_decrement_text
from passthru.cli.app import app, console, report_errors
from passthru.deal import load_deal
from passthru.errors import AssumptionError
from passthru.pipeline import pooled_tape, termsheet_from_tape
from passthru.report import progress, write_report
from passthru.report.deal_inputs import DEFAULT_SPEEDS, deal_report_inputs

DealArg = Annotated[str, typer.Argument(help="A deal TOML path or a shipped deal name.")]
TapeOpt = Annotated[Path, typer.Option("--tape", help="The loan tape (CSV, Parquet or xlsx).")]
PsaOpt = Annotated[
    str, typer.Option("--psa", help="PSA speeds, comma-separated (percent of the PSA curve).")
]


def parse_speeds(text: str) -> list[float]:
    """``"0,100,275"`` -> ``[0.0, 100.0, 275.0]``."""
    try:
        speeds = [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise AssumptionError(f"{text!r} is not a comma-separated list", field="psa") from None
    if not speeds or any(s < 0 for s in speeds):
        raise AssumptionError(f"{text!r}: give one or more speeds >= 0", field="psa")
    return speeds


@app.command("decrement")
@report_errors
def decrement_command(
    deal: DealArg,
    tape: TapeOpt,
    psa: PsaOpt = ",".join(f"{s:g}" for s in DEFAULT_SPEEDS),
    classes: Annotated[
        list[str] | None,
        typer.Option(
            "--class", help="pass-through (all loans) or pass-through-<pool>; repeatable."
        ),
    ] = None,
) -> None:
    """Percent of initial balance outstanding at each anniversary, and WAL, per PSA speed."""
    terms = load_deal(deal)
    loans = pooled_tape(tape, terms).loans
    closing, first = deal_calendar(terms)
    with progress("projecting", total=None):
        tables = pass_through_decrements(
            loans, parse_speeds(psa), closing=closing, first_distribution=first, names=classes
        )
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
    """Write report.html (term sheet, structure, decrement tables, charts) and report.xlsx."""
    terms = load_deal(deal)
    with progress("building the report", total=4) as advance:
        termsheet = termsheet_from_tape(tape, terms)
        loans = pooled_tape(tape, terms).loans
        inputs = deal_report_inputs(
            terms, loans, termsheet, speeds=parse_speeds(psa), advance=advance
        )
        html, xlsx = write_report(inputs, out)
        advance()
    console.print(f"wrote {html}\nwrote {xlsx}", highlight=False)
