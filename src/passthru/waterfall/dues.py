"""What each class is due in principal on a distribution day, before any payment is made.

cashflow-and-structure.md §2.4-§2.6 and §2.7 (PO deferred amounts), for one
scenario at a time inside the day kernel (:mod:`~passthru.waterfall.kernel`);
interest dues are in :mod:`~passthru.waterfall.interest`. The payment steps then
pay these dues in the deal's order from the day's available funds.
"""

from __future__ import annotations

from typing import NamedTuple

import numba
import numpy as np

from passthru.waterfall.allocate import (
    NJIT,
    pro_rata_capped_into,
    reverse_sequential_into,
    sequential_into,
)
from passthru.waterfall.flows import (
    BALANCE,
    LIQUIDATED,
    PO_PRINCIPAL,
    PREPAYMENTS,
    RECOVERIES,
    SCHEDULED,
)
from passthru.waterfall.principal import (
    impaired,
    maintenance_of_subordination_into,
    senior_percentage_of,
    senior_prepayment_pct_of,
    senior_principal_amount_of,
    subordination_levels_into,
)
from passthru.waterfall.state import TOLERANCE


class DueRules(NamedTuple):
    """The deal's principal rules as the kernels take them.

    ``kept_share[day]``/``loss_threshold[day]``: the shifting-interest share s(day) and
    the cumulative-loss test's threshold in dollars, by distribution day (§2.5);
    ``liquidated_rule``: index in :data:`passthru.waterfall.principal.LIQUIDATED_RULES`.
    """

    initial_senior_pct: np.ndarray
    initial_levels: np.ndarray
    kept_share: np.ndarray
    loss_threshold: np.ndarray
    full_when_above_initial: bool
    delinquency_months: int
    delinquency_fraction: float
    liquidated_rule: int
    senior_sequential: bool
    po_deferred: bool
    maintenance_applies: bool
    pool_basis: bool


@numba.njit(**NJIT)
def senior_balances(k, balance: np.ndarray) -> np.ndarray:
    """Each pool's senior target-rate balance (``k``: :class:`KernelClasses`)."""
    out = np.zeros(k.seniors.shape[0])
    for p in range(k.seniors.shape[0]):
        for c in k.seniors[p]:
            if c >= 0:
                out[p] += balance[c]
    return out


@numba.njit(**NJIT)
def step_down_tests(
    rules: DueRules, day: int, subordinate_balance: float, delinquent: np.ndarray,
    cumulative_loss: float,
) -> bool:  # fmt: skip
    """Both step-down tests pass (§2.5 (i), (ii)); ``delinquent`` holds the 60+ day
    delinquencies of the days before this one."""
    window = delinquent[max(0, delinquent.shape[0] - rules.delinquency_months) :]
    average = window.mean() if window.shape[0] else 0.0
    passes = average < rules.delinquency_fraction * subordinate_balance
    return passes and cumulative_loss <= rules.loss_threshold[day]


@numba.njit(**NJIT)
def senior_shares_into(k, sequential: bool, balance, amount, out) -> None:
    """Add each pool's senior principal ``amount`` to its senior classes, pro rata by what
    is left of their balances or in deal order."""
    for p in range(k.seniors.shape[0]):
        cols = k.seniors[p][k.seniors[p] >= 0]
        room = balance[cols] - out[cols]
        share = np.empty(cols.shape[0])
        if sequential:
            sequential_into(amount[p], room, share)
        else:
            pro_rata_capped_into(amount[p], room, share)
        out[cols] += share


@numba.njit(**NJIT)
def _senior_amounts(rules: DueRules, f, seniors, sp, spp) -> tuple[np.ndarray, float]:
    """Each pool's senior principal amount (at most its seniors' balance), and the principal
    collected beyond them."""
    pools = seniors.shape[0]
    amount = np.empty(pools)
    collected = 0.0
    for p in range(pools):
        amount[p] = min(
            senior_principal_amount_of(
                sp[p], spp[p], f[SCHEDULED, p], f[PREPAYMENTS, p], f[LIQUIDATED, p],
                f[RECOVERIES, p], rules.liquidated_rule,
            ),
            seniors[p],
        )  # fmt: skip
        collected += f[SCHEDULED, p] + f[PREPAYMENTS, p] + f[RECOVERIES, p]
    return amount, collected - amount.sum()


@numba.njit(**NJIT)
def principal_dues_into(
    k, rules: DueRules, day: int, f, balance, strip, po_strip, deferred_owed, crossed: bool,
    calling: bool, tests: bool, ordinary_loss: float, prior_spp, principal, deferred, sp, spp,
    impaired_now,
) -> None:  # fmt: skip
    """One scenario's principal and PO deferred amounts due on ``day`` (§2.4-§2.7), with
    each pool's SP and SPP and the impaired subordinated classes.

    ``f`` (series, pools) are the day's collections (:mod:`~passthru.waterfall.flows`);
    after the cross-over date (``crossed``) and on the day of the call, SP = SPP = 100%.
    ``ordinary_loss`` is the day's ordinary target-rate loss, which the subordinated
    classes absorb after the payments, B-6 first (§2.7).
    """
    seniors = senior_balances(k, balance)
    for p in range(strip.shape[0]):
        sp[p] = senior_percentage_of(seniors[p], strip[p])
        spp[p] = senior_prepayment_pct_of(
            rules.kept_share[day],
            sp[p],
            rules.initial_senior_pct[p],
            tests,
            prior_spp[p],
            rules.full_when_above_initial,
        )
        if crossed or calling:
            sp[p], spp[p] = 1.0, 1.0
    principal[:] = 0.0
    for p in range(strip.shape[0]):
        if k.po[p] >= 0:
            principal[k.po[p]] = min(f[PO_PRINCIPAL, p], balance[k.po[p]])
    amount, pot = _senior_amounts(rules, f, seniors, sp, spp)
    uncovered = np.maximum(seniors - amount - f[BALANCE], 0.0)
    top_up = np.empty(strip.shape[0])
    pro_rata_capped_into(min(pot, uncovered.sum()), uncovered, top_up)
    pot -= top_up.sum()
    senior_shares_into(k, rules.senior_sequential, balance, amount + top_up, principal)
    deferred[:] = 0.0
    if rules.po_deferred:
        reimbursed = np.empty(strip.shape[0])
        sequential_into(0.0 if crossed else pot, deferred_owed, reimbursed)
        pot -= reimbursed.sum()
        for p in range(strip.shape[0]):
            if k.po[p] >= 0:
                deferred[k.po[p]] = reimbursed[p]
    retiring = f[BALANCE].sum() <= TOLERANCE
    _subordinate_principal(
        k, rules, balance, strip, po_strip, pot, ordinary_loss, retiring, principal, impaired_now
    )


@numba.njit(**NJIT)
def kept_after_losses_into(
    ordinary_loss: float, balances, pot: float, retiring: bool, shares
) -> None:  # fmt: skip
    """Cap each subordinated class's principal ``shares`` (in place) at what it keeps after
    the day's ordinary loss, which falls on B-6, B-5, ... B-1 after the payments (§2.7):
    a class is never paid principal that the same day's losses write off, so a senior
    class loses nothing while a subordinated balance could have absorbed the loss. What a
    cap holds back goes to the most senior classes with room, in order (§2.6).

    On the day the collateral retires (``retiring``: its last payment, or the call) the
    ``pot`` pays every class off in order of seniority, so a shortfall (PO deferred
    amounts reimbursed from subordinate principal) falls on the most junior class, as
    the undercollateralisation writedown of any other day does (§2.7)."""
    absorbed = np.empty(balances.shape[0])
    reverse_sequential_into(ordinary_loss, balances, absorbed)
    room = balances - absorbed
    if retiring:
        sequential_into(pot, room, shares)
        return
    held_back = np.maximum(shares - room, 0.0).sum()
    shares[:] = np.minimum(shares, room)
    extra = np.empty(balances.shape[0])
    sequential_into(held_back, room - shares, extra)
    shares += extra


@numba.njit(**NJIT)
def _subordinate_principal(
    k, rules, balance, strip, po_strip, pot, ordinary_loss, retiring, principal, impaired_now
):
    """Subordinate principal by maintenance of subordination (§2.6); what the subordinated
    balances cannot take goes to every pool's seniors, pro rata by what is left of them."""
    subs = balance[k.subordinates]
    levels = np.empty(subs.shape[0])
    basis = strip.sum() + (po_strip.sum() if rules.pool_basis else 0.0)
    subordination_levels_into(subs, basis, levels)
    impaired_now[:] = impaired(levels, rules.initial_levels) & rules.maintenance_applies
    shares = np.empty(subs.shape[0])
    maintenance_of_subordination_into(pot, subs, impaired_now, np.empty((2, subs.shape[0])), shares)
    kept_after_losses_into(ordinary_loss, subs, pot, retiring, shares)
    principal[k.subordinates] = shares
    remaining = senior_balances(k, balance - principal)
    spread = np.empty(strip.shape[0])
    pro_rata_capped_into(pot - shares.sum(), remaining, spread)
    senior_shares_into(k, rules.senior_sequential, balance, spread, principal)
