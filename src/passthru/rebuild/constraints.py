"""Every printed figure and table row as a linear constraint on the balances (or the LTVs).

Each is hard at its printed interval, a hair (``EDGE`` of the width) inside its
open ends, where float sums carry noise; and soft ``share`` of the width inside
each end (at most ``DOLLAR_MARGIN`` for whole dollars), where rounding to cents
must not reach (``solve``). A weighted average's soft margin is counted in
balance times value, the nominal balance of its loans standing in for the
balance the LP will find.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from passthru.rebuild.solve import Constraint
from passthru.rebuild.targets import Bounds
from passthru.strats.aggregates import LTV_80

Lookup = Callable[[str], Bounds | None]

EDGE = 1e-4
DOLLAR_MARGIN = 0.3

_AVERAGES = (
    ("wa_note_rate", "rate_percent", ""),
    ("wa_remaining_term", "remaining_term", ""),
    ("wa_original_term", "original_term", ""),
    ("premium_wa_note_rate", "rate_percent", "premium"),
    ("discount_wa_note_rate", "rate_percent", "discount"),
    ("premium_wa_remaining_term", "remaining_term", "premium"),
    ("discount_wa_remaining_term", "remaining_term", "discount"),
)
_SUMS = (
    ("premium_balance", "premium"),
    ("discount_balance", "discount"),
    ("ltv_over_80_balance", "over_80"),
    ("max_zip_balance", "largest_zip"),
    ("additional_collateral_balance", "pledged"),
)
_SHARES = (
    ("primary_residence_pct", "occupancy", ("primary",)),
    ("investment_pct", "occupancy", ("investment",)),
    ("full_or_streamlined_pct", "documentation", ("full", "streamlined")),
    ("stated_income_pct", "documentation", ("stated_income",)),
    ("streamlined_pct", "documentation", ("streamlined",)),
)


def sum_within(name: str, index: np.ndarray, bounds: Bounds, share: float) -> Constraint:
    lo, hi = bounds.inner(EDGE)
    return Constraint(
        name, index, np.ones(index.size), lo, hi, min(bounds.width * share, DOLLAR_MARGIN)
    )


def average_within(
    name: str, index: np.ndarray, x: np.ndarray, bounds: Bounds, share: float, weight: float
) -> list[Constraint]:
    """``sum b (x - lo) >= 0`` and ``sum b (x - hi) <= 0``: the b-weighted mean of x in bounds."""
    lo, hi = bounds.inner(EDGE)
    soft = bounds.width * share * weight
    return [
        Constraint(name, index, x - lo, 0.0, np.inf, soft),
        Constraint(name, index, x - hi, -np.inf, 0.0, soft),
    ]


def share_within(
    name: str, index: np.ndarray, inside: np.ndarray, bounds: Bounds, share: float, weight: float
) -> list[Constraint]:
    """The share (percent) of the balance of ``index`` held by loans ``inside`` in bounds."""
    return average_within(name, index, 100.0 * inside, bounds, share, weight)


def figure_constraints(
    prefix: str, index: np.ndarray, columns: dict[str, np.ndarray], bounds: Lookup, share: float
) -> list[Constraint]:
    """The constraints of every printed figure of the loans ``index`` (a pool or all loans)."""
    out: list[Constraint] = []
    nominal = columns["nominal_dollars"]
    premium = ~columns["discount"][index]
    subsets = {"": np.ones(index.size, dtype=bool), "premium": premium, "discount": ~premium}
    for key, column, subset in _AVERAGES:
        b = bounds(key)
        members = index[subsets[subset]]
        if b is not None and members.size:
            weight = float(nominal[members].sum())
            x = columns[column][members]
            out += average_within(f"{prefix}/{key}", members, x, b, share, weight)
    for key, mark in _SUMS:
        b = bounds(key)
        if b is not None and b.hi > 0.5:
            out.append(sum_within(f"{prefix}/{key}", index[columns[mark][index]], b, share))
    for key, column, values in _SHARES:
        b = bounds(key)
        if b is not None:
            inside = np.isin(columns[column][index], values)
            weight = float(nominal[index].sum())
            out += share_within(f"{prefix}/{key}", index, inside, b, share, weight)
    return out


def table_constraints(
    prefix: str, offset: int, rows_of: dict[str, np.ndarray], tables: dict, share: float
) -> list[Constraint]:
    """One constraint per table row: its loans' balance rounds to the row's dollars."""
    out = []
    for kind, rows in tables.items():
        if kind not in rows_of:
            continue
        for r, row in enumerate(rows):
            members = offset + np.flatnonzero(rows_of[kind] == r)
            out.append(sum_within(f"{prefix}/{kind}/{row.label}", members, row.bounds, share))
    return out


def ltv_constraints(
    prefix: str,
    index: np.ndarray,
    balances: np.ndarray,
    pledged: np.ndarray,
    bounds: Lookup,
    share: float,
) -> list[Constraint]:
    """Weighted LTVs, linear in the LTVs once balances are fixed: all loans and pledged ones."""
    out = []
    for key, members in (
        ("wa_ltv", index),
        ("additional_collateral_wa_ltv", index[pledged[index]]),
    ):
        b = bounds(key)
        if b is None or not members.size:
            continue
        weight = balances[members]
        total = weight.sum()
        lo, hi = b.inner(EDGE)
        soft = b.width * share * total
        out.append(Constraint(f"{prefix}/{key}", members, weight, lo * total, hi * total, soft))
    return out


def over_80(ltv_lo: np.ndarray) -> np.ndarray:
    """Loans whose LTV row lies above 80% (they carry mortgage insurance)."""
    return ltv_lo > LTV_80
