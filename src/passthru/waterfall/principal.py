"""Principal distribution amounts: senior percentage, shifting interest, subordination.

cashflow-and-structure.md §2.4 (senior principal, [S5], [S19]), §2.5 (senior
prepayment percentage, [S3]; V29, V30) and §2.6 (maintenance of subordination,
[S4]; V31). Arrays carry one row per scenario; the scalar rule functions of
``passthru.deal`` are the reference these agree with.
"""

from __future__ import annotations

import numpy as np

from passthru.deal import ShiftingInterest
from passthru.deal.shifting import value_on_day
from passthru.waterfall.allocate import pro_rata_capped, ratio, sequential


def senior_percentage(senior_balance: np.ndarray, strip_balance: np.ndarray) -> np.ndarray:
    """SP: senior target-rate balance / the pool's target-rate strip on the prior day, at
    most 100% (§2.4)."""
    return np.minimum(ratio(senior_balance, strip_balance), 1.0)


def senior_prepayment_pct(
    day: int,
    senior_pct: np.ndarray,
    initial_senior_pct: np.ndarray,
    tests_pass: np.ndarray,
    prior_spp: np.ndarray,
    rule: ShiftingInterest,
) -> np.ndarray:
    """SPP on distribution day ``day`` (§2.5); :func:`passthru.deal.senior_prepayment_pct`
    vectorised.

    100% while SP exceeds its initial value; else SP + s(day)·(1 - SP); when a
    step-down test fails it does not fall below the prior day's percentage.
    """
    senior = np.minimum(senior_pct, 1.0)
    spp = senior + value_on_day(rule.schedule, day) * (1.0 - senior)
    spp = np.where(tests_pass, spp, np.maximum(spp, prior_spp))
    if rule.full_when_above_initial:
        spp = np.where(senior_pct > initial_senior_pct, 1.0, spp)
    return np.minimum(spp, 1.0)


def senior_principal_amount(
    senior_pct: np.ndarray,
    spp: np.ndarray,
    scheduled: np.ndarray,
    prepayments: np.ndarray,
    liquidated: np.ndarray,
    recoveries: np.ndarray,
    liquidated_rule: str,
) -> np.ndarray:
    """SP·scheduled + SPP·unscheduled target-rate principal, plus liquidated loans (§2.4).

    ``"lesser_of_balance_and_proceeds"`` ([S19]): min(SP·stated balance,
    SPP·liquidation principal), taken on the pool's liquidations of the month
    together; ``"as_unscheduled"``: SPP·liquidation principal.
    """
    base = senior_pct * scheduled + spp * prepayments
    if liquidated_rule == "as_unscheduled":
        return base + spp * recoveries
    return base + np.minimum(senior_pct * liquidated, spp * recoveries)


def subordination_levels(balances: np.ndarray, basis: np.ndarray) -> np.ndarray:
    """Each subordinated class's level: the class percentages of the classes junior to it (§2.6)."""
    junior = np.cumsum(balances[..., ::-1], axis=-1)[..., ::-1] - balances
    return ratio(junior, np.asarray(basis)[..., None])


def impaired(levels: np.ndarray, initial_levels: np.ndarray) -> np.ndarray:
    """A class is impaired when its level on the prior day is below its initial level (§2.6).

    Levels are compared to 1e-12 of their value, so that floating-point noise
    on an unchanged level does not count.
    """
    return levels < initial_levels * (1.0 - 1e-12) - 1e-15


def maintenance_of_subordination(
    amount: np.ndarray, balances: np.ndarray, impaired_classes: np.ndarray
) -> np.ndarray:
    """Subordinate principal by the CMSI maintenance-of-subordination rule (§2.6, [S4]; V31).

    With no class impaired: pro rata by balance. Otherwise pro rata by balance,
    capped at balances, to the most senior impaired class and every class senior
    to it; any remainder sequentially to the others in order of seniority.
    """
    n = balances.shape[-1]
    first = np.where(impaired_classes.any(axis=-1), impaired_classes.argmax(axis=-1), n)
    upper = np.arange(n)[None, :] <= first[:, None]
    head = pro_rata_capped(amount, np.where(upper, balances, 0.0))
    rest = sequential(amount - head.sum(axis=-1), np.where(upper, 0.0, balances))
    return head + rest
