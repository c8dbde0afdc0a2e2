"""Principal distribution amounts: senior percentage, shifting interest, subordination.

cashflow-and-structure.md §2.4 (senior principal, [S5], [S19]), §2.5 (senior
prepayment percentage, [S3]; V29, V30) and §2.6 (maintenance of subordination,
[S4]; V31). The engine calls the scalar and row kernels for one scenario at a
time; the functions without ``_of``/``_into`` apply them to arrays with one row
per scenario. The scalar rule functions of ``passthru.deal`` are the reference
these agree with.
"""

from __future__ import annotations

import numba
import numpy as np

from passthru.deal import ShiftingInterest
from passthru.deal.shifting import value_on_day
from passthru.waterfall.allocate import NJIT, pro_rata_capped_into, ratio, sequential_into

LIQUIDATED_RULES = ("lesser_of_balance_and_proceeds", "as_unscheduled")
"""``WaterfallOptions.liquidated_loans``, numbered as the kernels take them."""


@numba.njit(**NJIT)
def senior_percentage_of(senior_balance: float, strip_balance: float) -> float:
    """SP: senior target-rate balance / the pool's target-rate strip on the prior day, at
    most 100% (§2.4)."""
    return min(ratio(senior_balance, strip_balance), 1.0)


@numba.njit(**NJIT)
def senior_prepayment_pct_of(
    kept_share: float, senior_pct: float, initial_senior_pct: float, tests_pass: bool,
    prior_spp: float, full_when_above_initial: bool,
) -> float:  # fmt: skip
    """SPP of one pool (§2.5): 100% while SP exceeds its initial value; else
    SP + s·(1 - SP) with ``kept_share`` s of the day; when a step-down test fails it does
    not fall below the prior day's percentage."""
    senior = min(senior_pct, 1.0)
    spp = senior + kept_share * (1.0 - senior)
    if not tests_pass:
        spp = max(spp, prior_spp)
    if full_when_above_initial and senior_pct > initial_senior_pct:
        spp = 1.0
    return min(spp, 1.0)


def senior_prepayment_pct(
    day: int,
    senior_pct: np.ndarray,
    initial_senior_pct: np.ndarray,
    tests_pass: np.ndarray,
    prior_spp: np.ndarray,
    rule: ShiftingInterest,
) -> np.ndarray:
    """SPP on distribution day ``day`` for arrays of pools or scenarios (broadcast);
    :func:`passthru.deal.senior_prepayment_pct` vectorised."""
    arrays = np.broadcast_arrays(senior_pct, initial_senior_pct, tests_pass, prior_spp)
    kept = value_on_day(rule.schedule, day)
    return np.array(
        [
            senior_prepayment_pct_of(kept, sp, init, bool(ok), prior, rule.full_when_above_initial)
            for sp, init, ok, prior in zip(*(a.ravel() for a in arrays), strict=True)
        ]
    ).reshape(arrays[0].shape)


@numba.njit(**NJIT)
def senior_principal_amount_of(
    senior_pct: float, spp: float, scheduled: float, prepayments: float, liquidated: float,
    recoveries: float, liquidated_rule: int,
) -> float:  # fmt: skip
    """SP·scheduled + SPP·unscheduled target-rate principal, plus liquidated loans (§2.4).

    Rule 0, ``"lesser_of_balance_and_proceeds"`` ([S19]): min(SP·stated balance,
    SPP·liquidation principal), taken on the pool's liquidations of the month
    together (an approximation of the loan-by-loan rule: the projection gives pool
    totals); rule 1, ``"as_unscheduled"``: SPP·liquidation principal.
    """
    base = senior_pct * scheduled + spp * prepayments
    if liquidated_rule == 1:
        return base + spp * recoveries
    return base + min(senior_pct * liquidated, spp * recoveries)


@numba.njit(**NJIT)
def subordination_levels_into(balances: np.ndarray, basis: float, out: np.ndarray) -> None:
    """Each subordinated class's level: the class percentages of the classes junior to it (§2.6)."""
    junior = 0.0
    for j in range(balances.shape[0] - 1, -1, -1):
        out[j] = ratio(junior, basis)
        junior += balances[j]


@numba.njit(**NJIT)
def subordination_levels(balances: np.ndarray, basis: np.ndarray) -> np.ndarray:
    """:func:`subordination_levels_into` for every scenario (row of ``balances``)."""
    out = np.zeros(balances.shape)
    for s in range(balances.shape[0]):
        subordination_levels_into(balances[s], basis[s], out[s])
    return out


@numba.njit(**NJIT)
def impaired(levels: np.ndarray, initial_levels: np.ndarray) -> np.ndarray:
    """A class is impaired when its level on the prior day is below its initial level (§2.6).

    Levels are compared to 1e-12 of their value, so that floating-point noise
    on an unchanged level does not count.
    """
    return levels < initial_levels * (1.0 - 1e-12) - 1e-15


@numba.njit(**NJIT)
def maintenance_of_subordination_into(
    amount: float, balances: np.ndarray, impaired_classes: np.ndarray, scratch: np.ndarray,
    out: np.ndarray,
) -> None:  # fmt: skip
    """Subordinate principal by the CMSI maintenance-of-subordination rule (§2.6, [S4]; V31).

    With no class impaired: pro rata by balance. Otherwise pro rata by balance,
    capped at balances, to the most senior impaired class and every class senior
    to it; any remainder sequentially to the others in order of seniority.
    ``scratch`` is (2, classes): the caps and the first part's shares.
    """
    n = balances.shape[0]
    first = n
    for j in range(n):
        if impaired_classes[j]:
            first = j
            break
    caps, head = scratch[0], scratch[1]
    for j in range(n):
        caps[j] = balances[j] if j <= first else 0.0
    pro_rata_capped_into(amount, caps, head)
    for j in range(n):
        caps[j] = 0.0 if j <= first else balances[j]
    sequential_into(amount - head.sum(), caps, out)
    for j in range(n):
        out[j] += head[j]


@numba.njit(**NJIT)
def maintenance_of_subordination(
    amount: np.ndarray, balances: np.ndarray, impaired_classes: np.ndarray
) -> np.ndarray:
    """:func:`maintenance_of_subordination_into` for every scenario (row of ``balances``)."""
    out = np.zeros(balances.shape)
    scratch = np.zeros((2, balances.shape[1]))
    for s in range(balances.shape[0]):
        maintenance_of_subordination_into(
            amount[s], balances[s], impaired_classes[s], scratch, out[s]
        )
    return out
