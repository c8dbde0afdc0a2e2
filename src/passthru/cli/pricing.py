"""``passthru yield`` and ``passthru breakeven``: price/yield tables and break-evens."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.table import Table

from passthru.analytics import (
    CMSI_DELAY,
    DEFAULT_TOLERANCE,
    LOSS_THRESHOLD,
    ClassFlows,
    breakeven_defaults,
    breakeven_frame,
    breakeven_io_psa,
    certificate_flows,
    check_class_names,
    distribution_delay,
    parse_prices,
    pass_through_flows,
    psa_labels,
    psa_scenarios,
    yield_measures,
    yield_table,
)
from passthru.analytics.decrement import PASS_THROUGH
from passthru.analytics.yield_table import PRICE_COLUMN
from passthru.cli.app import app, console, report_errors
from passthru.cli.options import check_format, parse_speeds
from passthru.cli.report import TapeOpt, deal_and_loans
from passthru.deal import SUBORDINATE_CLASSES
from passthru.errors import AssumptionError
from passthru.money import format_as_given, format_dollars, format_number
from passthru.pipeline import plain_tape
from passthru.report import progress

FORMATS = ("text", "json")
SettleOpt = Annotated[
    datetime | None,
    typer.Option(
        "--settle",
        formats=["%Y-%m-%d"],
        help="Settlement date (default: the deal's closing date; without a deal, the 1st "
        "of the first accrual month).",
    ),
]


def _tape_flows(tape: Path, speeds: list[float]) -> ClassFlows:
    """The tape alone (one pool at its own servicing fees) as the pass-through class; any
    reject refuses the tape (``yield`` has no ``--allow-rejects``)."""
    loans = plain_tape(tape).loans
    return pass_through_flows(loans, psa_scenarios(speeds), labels=psa_labels(speeds))


def _flows(
    deal: str | None, tape: Path, speeds: list[float]
) -> tuple[ClassFlows, date | None, int]:
    """Class flows, the default settlement date and the default delay."""
    if deal is None:
        return _tape_flows(tape, speeds), None, CMSI_DELAY
    terms, loans = deal_and_loans(deal, tape)
    if not terms.classes:
        scenarios = psa_scenarios(speeds)
        flows = pass_through_flows(loans, scenarios, labels=psa_labels(speeds))
    else:
        flows = certificate_flows(terms, loans, psa_scenarios(speeds), labels=psa_labels(speeds))
    return flows, terms.closing_date, distribution_delay(terms.distribution_day)


def _json_rows(rows: pl.DataFrame, speeds: list[float], labels: tuple[str, ...]):
    """One price and speed: the measures under their eight keys; several: a list of them,
    each with its ``quote`` and ``psa``."""
    keyed = []
    for row in rows.to_dicts():
        quote, label = row.pop(PRICE_COLUMN), row.pop("scenario")
        keyed.append({"quote": quote, "psa": speeds[labels.index(label)], **row})
    if len(keyed) == 1:
        return {k: v for k, v in keyed[0].items() if k not in ("quote", "psa")}
    return keyed


def _print_table(name: str, table: pl.DataFrame, settle: date | None, delay: int) -> None:
    when = f"settlement {settle}" if settle else "settlement on the 1st of the accrual month"
    grid = Table(
        title=f"Class {name}: pre-tax yield (%, bond-equivalent), {when}, {delay}-day delay"
    )
    grid.add_column(PRICE_COLUMN)
    for column in table.columns[1:]:
        grid.add_column(f"{column} PSA", justify="right")
    for row in table.iter_rows():
        places = 2 if row[0].endswith("(years)") else 3
        cells = ["-" if x is None else format_number(x, places) for x in row[1:]]
        grid.add_row(row[0], *cells)
    console.print(grid)


@app.command("yield")
@report_errors
def yield_command(
    tape: TapeOpt,
    deal: Annotated[
        str | None, typer.Argument(help="Deal name or TOML; leave out to price the tape alone.")
    ] = None,
    name: Annotated[str, typer.Option("--class", help="The class to price.")] = PASS_THROUGH,
    price: Annotated[
        str, typer.Option("--price", help="Prices, comma-separated: 99.5, 99-16, 99-16+.")
    ] = "100",
    psa: Annotated[str, typer.Option("--psa", help="PSA speeds, comma-separated.")] = "100",
    settle: SettleOpt = None,
    delay: Annotated[
        int | None, typer.Option("--delay", help="Actual delay in days (default: 24 for the 25th).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Yield at each price and PSA speed, with WAL, durations, convexity, accrued interest."""
    check_format(fmt, FORMATS)
    prices, speeds = parse_prices(price), parse_speeds(psa)
    flows, default_settle, default_delay = _flows(deal, tape, speeds)
    day = settle.date() if settle else default_settle
    days = default_delay if delay is None else delay
    if fmt == "json":
        rows = yield_measures(flows, name, prices, settle=day, delay=days)
        typer.echo(json.dumps(_json_rows(rows, speeds, flows.labels), indent=2))
        return
    _print_table(name, yield_table(flows, name, prices, settle=day, delay=days), day, days)


@app.command("breakeven")
@report_errors
def breakeven_command(
    deal: Annotated[str, typer.Argument(help="Deal name or TOML file, with its classes.")],
    tape: TapeOpt,
    names: Annotated[
        list[str] | None,
        typer.Option("--class", help="Classes (default B-1..B-6); an IO class needs --price."),
    ] = None,
    psa: Annotated[float, typer.Option("--psa", help="Prepayments, % PSA.")] = 100.0,
    severity: Annotated[float, typer.Option("--severity", help="Loss severity, %.")] = 40.0,
    lag: Annotated[int, typer.Option("--lag", help="Months from default to liquidation.")] = 12,
    measure: Annotated[str, typer.Option("--measure", help="SDA or CDR.")] = "SDA",
    tolerance: Annotated[
        float, typer.Option("--tolerance", help="Bracket width, points of SDA/CDR.")
    ] = DEFAULT_TOLERANCE,
    price: Annotated[
        str | None, typer.Option("--price", help="Price of an IO class (its 0% yield PSA).")
    ] = None,
    settle: SettleOpt = None,
) -> None:
    """Default speed at which each class first loses principal; PSA at which an IO yields 0%."""
    terms, loans = deal_and_loans(deal, tape)
    chosen = names or list(SUBORDINATE_CLASSES)
    check_class_names(terms, chosen)
    io = [n for n in chosen if n in {c.name for c in terms.classes if c.kind == "io"}]
    if io and price is None:
        raise AssumptionError(f"IO class {io[0]} needs --price for its 0% yield PSA", field="price")
    others = [n for n in chosen if n not in io]
    found = []
    with progress("searching break-evens over full runs", total=None):
        if others:
            found += breakeven_defaults(
                terms, loans, psa=psa, severity=severity, lag=lag,
                measure=measure, names=others, tolerance=tolerance,
            )  # fmt: skip
        day = settle.date() if settle else terms.closing_date
        delay = distribution_delay(terms.distribution_day)
        found += [
            breakeven_io_psa(terms, loans, n, price=price, settle=day, delay=delay) for n in io
        ]
    _print_breakevens(breakeven_frame(found), psa, severity, lag)


def _print_breakevens(found: pl.DataFrame, psa: float, severity: float, lag: int) -> None:
    grid = Table(
        title=f"Break-evens at {format_as_given(psa)}% PSA, {format_as_given(severity)}% severity, "
        f"{lag}-month lag, advancing",
        caption=f"A class loses principal once its cumulative loss exceeds "
        f"{format_dollars(LOSS_THRESHOLD, 2)}; the break-even is within the tolerance above "
        "the highest speed found without loss (IO: the PSA of a 0% yield, Brent's method).",
    )
    for column in ("class", "measure", "break-even", "bracket low", "tolerance", "runs"):
        grid.add_column(column, justify="left" if column in ("class", "measure") else "right")
    for row in found.iter_rows(named=True):
        speed = row["break_even"]
        grid.add_row(
            row["class"],
            row["measure"],
            "none in range" if speed is None else format_number(speed, 3),
            format_number(row["bracket_low"], 3),
            format_as_given(row["tolerance"]),
            str(row["runs"]),
        )
    console.print(grid)
