"""Yield tables of a class: pre-tax bond-equivalent yield by price and scenario, and
price by yield (SF-45 to SF-49; spec §1.5-1.6).

A class is bought at settlement; the buyer receives the distributions for the accrual
month of settlement onward (the record date is the last day of the prior month), at
the actual delay. Prices are per 100 of current face (notional for an IO) and the
factor is the class's balance at the start of the settlement month over its initial
balance (SF-46 b); accrued interest runs at the class's coupon for that month from
the 1st to settlement (SF-46 c), so a PO accrues none.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl

from passthru.analytics.classes import ClassFlows
from passthru.analytics.daycount import actual_delay
from passthru.analytics.decrement import WAL_ROW
from passthru.analytics.measures import YieldMeasures, measures
from passthru.analytics.prices import parse_price
from passthru.errors import AssumptionError

PRICE_COLUMN = "Price"
YIELD_COLUMN = "Yield (%)"
MODIFIED_DURATION_ROW = "Modified Duration at {price} (years)"
ISSUE_DATE = date(2000, 1, 1)
"""Any 1st of a month: without a settlement date the class settles on the 1st of its
first accrual month (N = 0), as SF's yield example settles on the issue date."""
MEASURES = (
    "yield",
    "mortgage_yield",
    "wal",
    "macaulay_duration",
    "modified_duration",
    "convexity",
    "price",
    "accrued_interest",
)


def distribution_delay(distribution_day: int) -> int:
    """The actual delay of a class paid on ``distribution_day`` for the prior month's
    accrual (SF-44 E.2): from the 1st to the distribution day, 30-day months; 24 for the
    25th (CMSI, spec §1.5)."""
    return actual_delay(date(2000, 1, 1), date(2000, 1, distribution_day))


CMSI_DELAY = distribution_delay(25)


def settlement_month(flows: ClassFlows, settle: date | None) -> tuple[date, int]:
    """The settlement date used and j, the number of distributions paid before it (0 when
    settlement falls in the first accrual month)."""
    if settle is None:
        return flows.first_accrual or ISSUE_DATE, 0
    if flows.first_accrual is None:
        return settle, 0
    months = (settle.year - flows.first_accrual.year) * 12 + settle.month
    j = months - flows.first_accrual.month
    if j < 0:
        raise AssumptionError(
            f"settlement {settle} is before the first accrual month ({flows.first_accrual:%B %Y})",
            field="settle",
        )
    return settle, j


def quote_label(price: float | str) -> str:
    """A price as the table heads its row: the quote as given (``99-16+``) or ``100``."""
    return price.strip() if isinstance(price, str) else f"{price:g}"


def price_class(
    flows: ClassFlows,
    name: str,
    *,
    scenario: int = 0,
    price: float | str | None = None,
    yield_: float | None = None,
    settle: date | None = None,
    delay: int = CMSI_DELAY,
) -> YieldMeasures:
    """Yield from price (decimal or 32nds), or price from yield, of class ``name`` in one
    scenario, with WAL, Macaulay and modified duration and convexity (SF-48, SF-49)."""
    day, j = settlement_month(flows, settle)
    cash = flows.array(name, "cash_flow")[scenario]
    if j >= flows.periods:
        raise AssumptionError(f"class {name} has no distributions after {day}", field="settle")
    factor = float(flows.array(name, "beginning_balance")[scenario, j]) / 100.0
    if factor <= 0 or not cash[j:].any():
        raise AssumptionError(f"class {name} is retired before settlement {day}", field="settle")
    return measures(
        cash[j:],
        flows.array(name, "principal")[scenario, j:],
        price=price,
        yield_=yield_,
        settle=day,
        delay=delay,
        coupon=float(flows.array(name, "coupon")[scenario, j]),
        factor=factor,
    )


def _measure_row(label: str, scenario: str, m: YieldMeasures) -> dict:
    values = m.as_json()
    return {PRICE_COLUMN: label, "scenario": scenario, **{k: values[k] for k in MEASURES}}


def yield_measures(
    flows: ClassFlows,
    name: str,
    prices: Sequence[float | str],
    *,
    settle: date | None = None,
    delay: int = CMSI_DELAY,
) -> pl.DataFrame:
    """Every measure at every price and scenario: one row each, with the price quote, the
    scenario label and the keys of :meth:`YieldMeasures.as_json` (null where a measure
    does not exist, e.g. the WAL of an IO)."""
    if not prices:
        raise AssumptionError("give at least one price", field="price")
    rows = [
        _measure_row(
            quote_label(p),
            label,
            price_class(flows, name, scenario=s, price=p, settle=settle, delay=delay),
        )
        for p in prices
        for s, label in enumerate(flows.labels)
    ]
    return pl.DataFrame(rows, schema_overrides={k: pl.Float64 for k in MEASURES})


def _wide(long: pl.DataFrame, value: str, labels: Sequence[str]) -> pl.DataFrame:
    return long.pivot(on="scenario", index=PRICE_COLUMN, values=value).select(PRICE_COLUMN, *labels)


def yield_table(
    flows: ClassFlows,
    name: str,
    prices: Sequence[float | str],
    *,
    settle: date | None = None,
    delay: int = CMSI_DELAY,
) -> pl.DataFrame:
    """The prospectus yield table of a class: a row per price with the pre-tax yield (%,
    bond-equivalent) under each scenario, then the weighted average life (years from
    settlement, SF-49 c; null for an IO) and the modified duration at each price."""
    long = yield_measures(flows, name, prices, settle=settle, delay=delay)
    labels = list(flows.labels)
    yields = _wide(long, "yield", labels)
    life = _wide(long.head(len(labels)), "wal", labels).with_columns(
        pl.lit(WAL_ROW).alias(PRICE_COLUMN)
    )
    durations = _wide(long, "modified_duration", labels).with_columns(
        pl.format(MODIFIED_DURATION_ROW.replace("{price}", "{}"), pl.col(PRICE_COLUMN)).alias(
            PRICE_COLUMN
        )
    )
    return pl.concat([yields, life, durations])


def price_table(
    flows: ClassFlows,
    name: str,
    yields: Sequence[float],
    *,
    settle: date | None = None,
    delay: int = CMSI_DELAY,
) -> pl.DataFrame:
    """Price from yield: a row per bond-equivalent yield (%), the clean price per 100 of
    current face under each scenario (SF-48 a solved for P, less accrued interest)."""
    if not yields:
        raise AssumptionError("give at least one yield", field="yield")
    table: dict[str, list] = {YIELD_COLUMN: [float(y) for y in yields]}
    for s, label in enumerate(flows.labels):
        table[label] = [
            price_class(flows, name, scenario=s, yield_=y, settle=settle, delay=delay).price
            for y in yields
        ]
    return pl.DataFrame(table)


def parse_prices(text: str) -> list[str]:
    """``"99-16,100,101-08+"`` -> the quotes, each checked (:func:`parse_price`)."""
    quotes = [part.strip() for part in text.split(",") if part.strip()]
    if not quotes:
        raise AssumptionError(f"{text!r}: give one or more prices", field="price")
    for quote in quotes:
        parse_price(quote)
    return quotes
