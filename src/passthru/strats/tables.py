"""The seven stratification tables per pool, as the 2002-12 filing prints them.

Each kind is one Polars ``group_by`` over (pool, row key) for every pool at once;
only the few resulting rows are labelled and ordered in Python. A row's dollars
are its exact balance rounded half-up to the dollar, and so is the total, from
the exact pool sum: rows need not add to the total (as in the filing).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl

from passthru.deal import Deal
from passthru.money import whole_dollars
from passthru.strats import buckets
from passthru.strats.aggregates import CENTS, with_cents
from passthru.strats.model import TABLE_KINDS, Table, TableRow
from passthru.tape.schema import PROPERTY_TYPES, STATES

Group = dict[str, Any]  # one (pool, key) group: key, count, balance and extras
Rows = tuple[tuple[TableRow, ...], str]  # a pool's rows and its footnote

_HEADINGS: dict[str, tuple[str, ...]] = {
    "origination_year": ("Year Originated",),
    "property_type": ("Type of", "Dwelling Unit"),
    "units": ("Type of", "Dwelling Unit"),
    "size": ("Outstanding Principal", "Balance by Loan Size"),
    "note_rate": ("Mortgage Loan", "Interest Rate"),
    "ltv": ("Loan-To-Value Ratio",),
    "state": ("State",),
}


def table_title(kind: str, pool: str) -> tuple[str, ...]:
    """The title lines as the 2002-12 filing centres them (always "POOL", never "GROUP")."""
    return {
        "origination_year": (f"YEARS OF ORIGINATION OF POOL {pool} MORTGAGE LOANS",),
        "property_type": (f"TYPES OF DWELLINGS SUBJECT TO POOL {pool} MORTGAGE LOANS",),
        "units": (f"NUMBER OF UNITS IN DWELLINGS SUBJECT TO POOL {pool} MORTGAGE LOANS",),
        "size": (f"SIZE OF POOL {pool} MORTGAGE LOANS",),
        "note_rate": (f"DISTRIBUTION OF POOL {pool} MORTGAGE LOANS BY NOTE RATES",),
        "ltv": (
            f"DISTRIBUTION OF POOL {pool} MORTGAGE LOANS",
            "BY LOAN-TO-VALUE RATIOS AT ORIGINATION",
        ),
        "state": ("GEOGRAPHIC DISTRIBUTION OF", f"POOL {pool} MORTGAGED PROPERTIES BY STATE"),
    }[kind]


def _row(label: str, count: int, balance: float) -> TableRow:
    return TableRow(label=label, count=count, balance=balance, dollars=whole_dollars(balance))


def _ordered(
    groups: Iterable[Group], order: Callable[[Any], Any], label: Callable[[Any], str]
) -> Rows:
    """Known keys in ``order``, then one "Unknown" row for a null key; no footnote."""
    known = sorted((g for g in groups if g["key"] is not None), key=lambda g: order(g["key"]))
    rows = [_row(label(g["key"]), g["count"], g["balance"]) for g in known]
    rows += [_row(buckets.UNKNOWN, g["count"], g["balance"]) for g in groups if g["key"] is None]
    return tuple(rows), ""


def _family(units: int) -> str:
    return f"{units}-family"


def _listed(words: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def multi_family_footnote(unit_counts: Iterable[int | None]) -> str:
    """ "Multi-family dwellings are 2-family and 3-family." from the unit counts present."""
    present = sorted({u for u in unit_counts if u is not None})
    return (
        f"Multi-family dwellings are {_listed([_family(u) for u in present])}." if present else ""
    )


def _property_type_order(code: str) -> tuple[int, str]:
    codes = list(PROPERTY_TYPES)
    return (codes.index(code) if code in codes else len(codes), code)


def _property_type_rows(groups: list[Group]) -> Rows:
    """Types in the filing's order, with the footnote naming the multi-family unit counts."""
    rows, _ = _ordered(groups, _property_type_order, lambda code: PROPERTY_TYPES.get(code, code))
    multi = [u for g in groups if g["key"] == "multi_family" for u in g["units"]]
    return rows, multi_family_footnote(multi)


def _size_rows(groups: list[Group]) -> Rows:
    present = {g["key"]: (g["count"], g["balance"]) for g in groups}
    spans = buckets.merge_empty_sizes(present)
    return tuple(_row(s.label, s.count, s.balance) for s in spans), ""


def _note_rate_rows(groups: list[Group]) -> Rows:
    """Half-point rows; the first starts at the pool's lowest rate, the last ends at its highest."""
    known = sorted((g for g in groups if g["key"] is not None), key=lambda g: g["key"])
    lowest = {known[0]["key"]: known[0]["lowest"]} if known else {}
    highest = {known[-1]["key"]: known[-1]["highest"]} if known else {}

    def label(upper: int) -> str:
        return buckets.rate_label(upper, lowest=lowest.get(upper), highest=highest.get(upper))

    return _ordered(groups, int, label)


def _state_name(code: str) -> str:
    return STATES.get(code, code)


@dataclass(frozen=True)
class _Kind:
    """How one table kind groups the loans and turns a pool's groups into rows."""

    key: pl.Expr
    rows: Callable[[list[Group]], Rows]
    extra: tuple[pl.Expr, ...] = ()


def _kinds() -> dict[str, _Kind]:
    rate = buckets.thousandths("note_rate")
    return {
        "origination_year": _Kind(
            pl.col("origination_date").dt.year(), lambda g: _ordered(g, int, str)
        ),
        "property_type": _Kind(
            pl.col("property_type"), _property_type_rows, (pl.col("units").unique(),)
        ),
        "units": _Kind(pl.col("units"), lambda g: _ordered(g, int, _family)),
        "size": _Kind(buckets.size_row(), _size_rows),
        "note_rate": _Kind(
            buckets.rate_row(),
            _note_rate_rows,
            (rate.min().alias("lowest"), rate.max().alias("highest")),
        ),
        "ltv": _Kind(buckets.ltv_row(), lambda g: _ordered(g, int, buckets.ltv_label)),
        "state": _Kind(pl.col("state"), lambda g: _ordered(g, _state_name, _state_name)),
    }


def _by_pool(frame: pl.DataFrame) -> dict[str, list[Group]]:
    by_pool: dict[str, list[Group]] = defaultdict(list)
    for group in frame.iter_rows(named=True):
        by_pool[group["pool"]].append(group | {"balance": group["cents"] / 100})
    return by_pool


def build_tables(loans: pl.DataFrame, deal: Deal) -> tuple[Table, ...]:
    """The seven tables for each deal pool that holds loans, in deal then TABLE_KINDS order.

    One group_by over (pool, row key) per kind, all run in one parallel collect.
    """
    kinds = _kinds()
    prepared = with_cents(loans.lazy())
    sums = (pl.len().alias("count"), pl.col(CENTS).sum().alias("cents"))
    totals, *grouped = pl.collect_all(
        [
            prepared.group_by("pool").agg(*sums),
            *(
                prepared.group_by("pool", kinds[k].key.alias("key")).agg(*sums, *kinds[k].extra)
                for k in TABLE_KINDS
            ),
        ]
    )
    pool_totals = {g["pool"]: g for g in totals.iter_rows(named=True)}
    by_kind = dict(zip(TABLE_KINDS, (_by_pool(frame) for frame in grouped), strict=True))
    tables: list[Table] = []
    for pool in (p for p in deal.pool_names if p in pool_totals):
        total = _row("Total", pool_totals[pool]["count"], pool_totals[pool]["cents"] / 100)
        for kind in TABLE_KINDS:
            rows, footnote = kinds[kind].rows(by_kind[kind][pool])
            tables.append(
                Table(
                    kind=kind,
                    pool=pool,
                    title=table_title(kind, pool),
                    heading=_HEADINGS[kind],
                    rows=rows,
                    total=total,
                    footnote=footnote,
                )
            )
    return tuple(tables)
