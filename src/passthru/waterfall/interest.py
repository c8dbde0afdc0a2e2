"""Interest accrued, interest shortfalls and unpaid interest carried forward on a day.

cashflow-and-structure.md §2.3: a target-rate class accrues balance x rate / 12
(30/360, prior calendar month) on its balance after the previous distribution
day; the IO class the pool's IO strip interest; the PO class nothing.

Each pool's interest collections pay the interest its classes claim: its own
senior and IO classes and its part of the subordinated classes' (by its
subordinate component's interest at its target rate). Interest a pool collects
beyond its claims first covers the other pools' shortfalls (the two-pool
cross-collateralisation, simplified). A shortfall of collections falls first on
the day's interest, shared by accrued interest (GENERIC) or borne by the
subordinated classes first, most junior first; then on interest carried forward.

Unpaid interest (``WaterfallOptions.interest_carry_forward``, GENERIC prime
jumbo "unpaid interest shortfall"): what a class is owed and not paid is carried
to later days, without interest, and paid out of the collections before the
day's interest.
"""

from __future__ import annotations

import numba
import numpy as np

from passthru.waterfall.allocate import NJIT, pro_rata_into, ratio, reverse_sequential_into
from passthru.waterfall.state import TOLERANCE

MONTHS_PER_YEAR = 12.0


@numba.njit(**NJIT)
def subordinate_rate_of(components: np.ndarray, target_rates: np.ndarray) -> float:
    """The subordinated classes' rate (fraction a year): the pools' target rates weighted by
    each pool's subordinate component, its target-rate strip less its senior balance
    (``WaterfallOptions.subordinate_rate = "weighted_target_rate"``).

    A component within half a cent of zero or below weighs nothing (after the cross-over
    the components are rounding noise); with no component left, the plain average of the
    target rates.
    """
    total = 0.0
    weighted = 0.0
    for p in range(components.shape[0]):
        weight = components[p] if components[p] > TOLERANCE else 0.0
        total += weight
        weighted += weight * target_rates[p]
    return weighted / total if total > 0 else target_rates.mean()


@numba.njit(**NJIT)
def accrue_into(k, balance: np.ndarray, sub_rate: float, io_interest: np.ndarray, out) -> None:
    """Each class's interest accrued (``k``: :class:`KernelClasses`)."""
    for c in range(balance.shape[0]):
        rate = k.rate[c] if k.stated_rate[c] else sub_rate
        out[c] = balance[c] * rate / MONTHS_PER_YEAR
    for p in range(k.io.shape[0]):
        if k.io[p] >= 0:
            out[k.io[p]] = io_interest[p]


@numba.njit(**NJIT)
def _claims(k, p: int, owed: np.ndarray, weight: float, parts: np.ndarray) -> int:
    """Pool p's claims on its collections: its own classes' then its part of each
    subordinated class's ``owed`` amount, into ``parts``; returns how many own classes."""
    n = 0
    for c in k.own[p]:
        if c >= 0:
            parts[n] = owed[c]
            n += 1
    for j in range(k.subordinates.shape[0]):
        parts[n + j] = owed[k.subordinates[j]] * weight
    return n


@numba.njit(**NJIT)
def _share_current(amount: float, parts: np.ndarray, own: int, subordinate_first: bool, out):
    """A pool's shortfall of the day's interest over its claims ``parts`` (own classes, then
    the subordinated classes' parts): by accrued interest, or B-6 first then by accrued."""
    if not subordinate_first:
        pro_rata_into(min(amount, parts.sum()), parts, out)
        return
    subs = parts[own:]
    reverse_sequential_into(amount, subs, out[own:])
    rest = amount - out[own:].sum()
    pro_rata_into(min(rest, parts[:own].sum()), parts[:own], out[:own])


@numba.njit(**NJIT)
def _add_back(k, p: int, own: int, shares: np.ndarray, out: np.ndarray) -> None:
    n = 0
    for c in k.own[p]:
        if c >= 0:
            out[c] += shares[n]
            n += 1
    for j in range(k.subordinates.shape[0]):
        out[k.subordinates[j]] += shares[own + j]


@numba.njit(**NJIT)
def subordinate_weights(components: np.ndarray, target_rates: np.ndarray) -> np.ndarray:
    """Each pool's part of the subordinated classes' interest: its component's interest at
    its target rate, over all pools'."""
    earning = np.maximum(components, 0.0) * target_rates
    total = earning.sum()
    weights = np.empty(components.shape[0])
    for p in range(components.shape[0]):
        weights[p] = ratio(earning[p], total)
    return weights


@numba.njit(**NJIT)
def pool_shortfalls(claims: np.ndarray, collected: np.ndarray) -> np.ndarray:
    """Each pool's shortfall of collections under its claims, less the cover from what the
    other pools collect beyond theirs."""
    short = np.maximum(claims - collected, 0.0)
    spare = np.maximum(collected - claims, 0.0).sum()
    return short * (1.0 - min(ratio(spare, short.sum()), 1.0))


@numba.njit(**NJIT)
def interest_dues_into(
    k, balance, carried, components, target_rates, collected, io_interest,
    subordinate_first: bool, accrued, shortfall, due,
) -> float:  # fmt: skip
    """One scenario's day: interest ``accrued``, the day's ``shortfall`` of it and the
    interest ``due`` (the day's less its shortfall, plus carried interest the collections
    cover); returns the subordinated rate. ``collected`` is each pool's target-rate and IO
    strip interest."""
    pools = components.shape[0]
    sub_rate = subordinate_rate_of(components, target_rates)
    accrue_into(k, balance, sub_rate, io_interest, accrued)
    width = k.own.shape[1] + k.subordinates.shape[0]
    current = np.zeros((pools, width))
    owed = np.zeros((pools, width))
    claims = np.zeros(pools)
    weights = subordinate_weights(components, target_rates)
    own = np.zeros(pools, dtype=np.int64)
    for p in range(pools):
        own[p] = _claims(k, p, accrued, weights[p], current[p])
        _claims(k, p, carried, weights[p], owed[p])
        claims[p] = current[p].sum() + owed[p].sum()
    short = pool_shortfalls(claims, collected)
    shortfall[:] = 0.0
    carried_short = np.zeros(balance.shape[0])
    shares = np.empty(width)
    for p in range(pools):
        on_current = min(short[p], current[p].sum())
        _share_current(on_current, current[p], own[p], subordinate_first, shares)
        _add_back(k, p, own[p], shares, shortfall)
        pro_rata_into(min(short[p] - on_current, owed[p].sum()), owed[p], shares)
        _add_back(k, p, own[p], shares, carried_short)
    for c in range(balance.shape[0]):
        due[c] = accrued[c] - shortfall[c] + carried[c] - carried_short[c]
    return sub_rate
