"""The month loop in one Numba kernel: every distribution day of every scenario.

Day t (cashflow-and-structure.md §2), for each scenario: the day's collections
(as projected, the call's purchase price, or nothing once called); the loss
limits reset on each anniversary of the cut-off (day 12, 24, ...); interest
(:mod:`~passthru.waterfall.interest`) and principal
(:mod:`~passthru.waterfall.dues`) due from the prior day's balances; the deal's
steps, compiled to codes (:mod:`~passthru.waterfall.steps`), pay them from the
available funds; the month's losses are allocated
(:mod:`~passthru.waterfall.realized`); the day is recorded and the state moves
on. The loop stops once every scenario is called or paid down.

The clean-up call (§2.9): once the collateral balance after a day is at or
below the threshold and the call is exercised, on the next day the collateral is
bought at par plus a month's interest (target-rate strip at the target rate,
the IO strip as projected) and every class is paid off; nothing follows.
"""

from __future__ import annotations

from typing import NamedTuple

import numba
import numpy as np

from passthru.waterfall import flows as flow
from passthru.waterfall import record as rec
from passthru.waterfall.allocate import NJIT, ratio
from passthru.waterfall.dues import principal_dues_into, senior_balances, step_down_tests
from passthru.waterfall.interest import MONTHS_PER_YEAR, interest_dues_into
from passthru.waterfall.realized import allocate_losses_into, ordinary_share
from passthru.waterfall.state import TOLERANCE
from passthru.waterfall.steps import pay_day_into

MONTHS_PER_ANNIVERSARY = 12


class RunRules(NamedTuple):
    """The run's terms as the kernel takes them.

    ``reset[a]``: the special hazard and fraud reset coefficients after anniversary a
    (:func:`passthru.waterfall.losses.reset_coefficients`); ``steps``: the step codes.
    """

    initial: np.ndarray
    target_rates: np.ndarray
    loss_mix: np.ndarray
    initial_limits: np.ndarray
    reset: np.ndarray
    call: bool
    call_threshold: float
    subordinate_first: bool
    carry_forward: bool
    po_deferred: bool
    steps: np.ndarray


@numba.njit(**NJIT)
def day_flows_into(raw, alive: bool, calling: bool, strip, po_strip, target_rates, out) -> None:
    """The day's collections: as projected, or the call's purchase price (the strips at par
    and a month's interest at the target rates; IO interest and the fee as projected), or
    nothing once called."""
    if not alive:
        out[:] = 0.0
        return
    out[:] = raw
    if calling:
        for series in range(out.shape[0]):
            if series != flow.IO_INTEREST and series != flow.SERVICING_FEE:
                out[series] = 0.0
        out[flow.PREPAYMENTS] = strip
        out[flow.INTEREST] = strip * target_rates / MONTHS_PER_YEAR
        out[flow.PO_PRINCIPAL] = po_strip


@numba.njit(**NJIT)
def reset_limits(rules: RunRules, day: int, pool_balance: float, limit_losses, limits) -> None:
    """On each anniversary of the cut-off the special hazard and fraud limits reset to the
    lesser of their floor and the initial limit less the losses so far (§2.7)."""
    coefficients = rules.reset[day // MONTHS_PER_ANNIVERSARY]
    if day % MONTHS_PER_ANNIVERSARY or np.isnan(coefficients[0]):
        return
    for i in range(2):
        remaining = max(rules.initial_limits[i] - limit_losses[i], 0.0)
        floor = coefficients[i]
        limits[i] = remaining if np.isinf(floor) else min(floor * pool_balance, remaining)


@numba.njit(**NJIT)
def available_funds(f) -> np.ndarray:
    """Each pool's interest (net of servicing) and principal collections."""
    principal = f[flow.SCHEDULED] + f[flow.PREPAYMENTS] + f[flow.RECOVERIES]
    return f[flow.INTEREST] + f[flow.IO_INTEREST] + principal + f[flow.PO_PRINCIPAL]


@numba.njit(**NJIT)
def carry_forward(k, carried, accrued, paid, ending, notional_after) -> None:
    """Interest owed and not paid is carried to the next day; a class paid down (an IO class:
    its notional gone) is owed nothing more."""
    carried[:] = np.maximum(carried + accrued - paid, 0.0)
    for c in range(carried.shape[0]):
        if ending[c] <= TOLERANCE:
            carried[c] = 0.0
    for p in range(k.io.shape[0]):
        if k.io[p] >= 0:
            carried[k.io[p]] = 0.0 if notional_after[p] <= TOLERANCE else carried[k.io[p]]


class Day(NamedTuple):
    """One scenario's working arrays for a day (reused from day to day)."""

    f: np.ndarray
    dues: np.ndarray
    paid: np.ndarray
    accrued: np.ndarray
    shortfall: np.ndarray
    loss: np.ndarray
    sp: np.ndarray
    spp: np.ndarray
    impaired: np.ndarray
    deferred_added: np.ndarray


@numba.njit(**NJIT)
def new_day(series: int, classes: int, pools: int, subordinates: int) -> Day:
    return Day(
        np.empty((series, pools)), np.empty((3, classes)), np.empty((3, classes)),
        np.empty(classes), np.empty(classes), np.empty(classes), np.empty(pools),
        np.empty(pools), np.zeros(subordinates, dtype=np.bool_), np.empty(pools),
    )  # fmt: skip


class State(NamedTuple):
    """Balances and running figures after the last distribution day, one row per scenario.

    ``deferred`` (scenarios, pools): unreimbursed PO deferred amounts; ``limits``
    (scenarios, 3): loss limits remaining; ``limit_losses``: losses allocated against each
    limit since the cut-off; ``carried``: unpaid interest owed to each class;
    ``notional``: each pool's premium loans' balance; ``delinquent`` (scenarios, days):
    each day's 60+ day delinquencies; ``crossed``: the subordinated classes are gone;
    ``call_next``: the call is exercised on the next day; ``alive``: not called.
    """

    balance: np.ndarray
    strip: np.ndarray
    po_strip: np.ndarray
    notional: np.ndarray
    deferred: np.ndarray
    limits: np.ndarray
    limit_losses: np.ndarray
    cumulative_loss: np.ndarray
    prior_spp: np.ndarray
    carried: np.ndarray
    delinquent: np.ndarray
    crossed: np.ndarray
    call_next: np.ndarray
    alive: np.ndarray


@numba.njit(**NJIT)
def opening_state(rules: RunRules, openings, days: int) -> State:
    scenarios, pools = openings.shape[1], openings.shape[2]
    classes = rules.initial.shape[0]
    balance = np.empty((scenarios, classes))
    limits = np.empty((scenarios, 3))
    for s in range(scenarios):
        balance[s] = rules.initial
        limits[s] = rules.initial_limits
    return State(
        balance, openings[0].copy(), openings[1].copy(), openings[2].copy(),
        np.zeros((scenarios, pools)), limits, np.zeros((scenarios, 3)), np.zeros(scenarios),
        np.ones((scenarios, pools)), np.zeros((scenarios, classes)), np.zeros((scenarios, days)),
        np.zeros(scenarios, dtype=np.bool_), np.zeros(scenarios, dtype=np.bool_),
        np.ones(scenarios, dtype=np.bool_),
    )  # fmt: skip


@numba.njit(**NJIT)
def pay_and_allocate(k, dues_rules, rules: RunRules, state: State, s: int, t: int, w: Day):
    """Dues, payments and losses of scenario s on day t + 1 (``w.f`` holds its collections);
    returns (residual, subordinated rate, step-down tests, losses by type, within each
    limit, excess loss, writedown, ending class balances)."""
    day = t + 1
    calling = state.call_next[s] and state.alive[s]
    f, balance = w.f, state.balance[s]
    components = state.strip[s] - senior_balances(k, balance)
    sub_rate = interest_dues_into(
        k, balance, state.carried[s], components, rules.target_rates,
        f[flow.INTEREST] + f[flow.IO_INTEREST], f[flow.IO_INTEREST], rules.subordinate_first,
        w.accrued, w.shortfall, w.dues[0],
    )  # fmt: skip
    subordinates = balance[k.subordinates].sum()
    tests = step_down_tests(
        dues_rules, day, subordinates, state.delinquent[s, :t], state.cumulative_loss[s]
    )
    ordinary, _, _ = ordinary_share(
        rules.loss_mix, state.limits[s], (f[flow.LOSSES] + f[flow.PO_LOSSES]).sum()
    )
    principal_dues_into(
        k, dues_rules, day, f, balance, state.strip[s], state.po_strip[s], state.deferred[s],
        state.crossed[s], calling, tests, f[flow.LOSSES].sum() * ordinary, state.prior_spp[s],
        w.dues[1], w.dues[2], w.sp, w.spp, w.impaired,
    )  # fmt: skip
    residual = pay_day_into(rules.steps, k, w.dues, available_funds(f).sum(), w.paid)
    ending = balance - w.paid[1]
    by_type, within, excess, writedown = allocate_losses_into(
        k, rules.loss_mix, state.limits[s], rules.po_deferred, f, ending, w.loss,
        w.deferred_added,
    )  # fmt: skip
    return residual, sub_rate, tests, by_type, within, excess, writedown, ending


@numba.njit(**NJIT)
def record_classes(k, state: State, s: int, t: int, w: Day, ending, out) -> None:
    """Day t's class figures: paid interest goes to carried interest first, so the day's
    shortfall is what of its own accrual is left unpaid."""
    balance = state.balance[s]
    out[rec.BEGINNING, s, t] = balance
    out[rec.ACCRUED, s, t] = w.accrued
    out[rec.INTEREST_PAID, s, t] = w.paid[0]
    current_paid = np.maximum(w.paid[0] - state.carried[s], 0.0)
    out[rec.SHORTFALL, s, t] = w.accrued - current_paid
    out[rec.PRINCIPAL_PAID, s, t] = w.paid[1]
    out[rec.DEFERRED_PAID, s, t] = w.paid[2]
    out[rec.LOSS, s, t] = w.loss
    out[rec.ENDING, s, t] = ending
    for p in range(k.io.shape[0]):
        if k.io[p] >= 0:
            out[rec.BEGINNING_NOTIONAL, s, t, k.io[p]] = state.notional[s, p]
            out[rec.ENDING_NOTIONAL, s, t, k.io[p]] = w.f[flow.PREMIUM_BALANCE, p]


@numba.njit(**NJIT)
def record_deal(k, state: State, s: int, t: int, w: Day, figures, deal, pools) -> None:
    """Day t's deal and pool figures, before the state moves on. The deal's SP and SPP are
    the pools' weighted by their target-rate strips on the prior day."""
    residual, sub_rate, tests, by_type, _, excess, writedown, _ = figures
    f = w.f
    funds = available_funds(f)
    deal[rec.AVAILABLE, s, t] = funds.sum()
    deal[rec.SERVICING, s, t] = f[flow.SERVICING_FEE].sum()
    deal[rec.DISTRIBUTED, s, t] = funds.sum() - residual
    deal[rec.RESIDUAL, s, t] = residual
    deal[rec.REALIZED, s, t] = (f[flow.LOSSES] + f[flow.PO_LOSSES]).sum()
    deal[rec.LOSS_BY_TYPE : rec.LOSS_BY_TYPE + 4, s, t] = by_type
    deal[rec.EXCESS, s, t] = excess
    deal[rec.WRITEDOWN, s, t] = writedown
    deal[rec.SUB_RATE, s, t] = sub_rate * 100.0
    deal[rec.COLLATERAL, s, t] = (f[flow.BALANCE] + f[flow.PO_BALANCE]).sum()
    deal[rec.TESTS, s, t] = tests
    deal[rec.IMPAIRED, s, t] = w.impaired.sum()
    deal[rec.CALLED, s, t] = state.call_next[s] and state.alive[s]
    strip = state.strip[s].sum()
    pools[rec.POOL_AVAILABLE, s, t] = funds
    pools[rec.POOL_SENIOR_PCT, s, t] = w.sp * 100.0
    pools[rec.POOL_SPP, s, t] = w.spp * 100.0
    pools[rec.POOL_STRIP, s, t] = f[flow.BALANCE]
    pools[rec.POOL_PO_STRIP, s, t] = f[flow.PO_BALANCE]
    deal[rec.SENIOR_PREPAYMENT_PCT, s, t] = 100.0 * ratio((w.spp * state.strip[s]).sum(), strip)
    seniors = senior_balances(k, state.balance[s]).sum()
    deal[rec.SENIOR_PCT, s, t] = 100.0 * min(ratio(seniors, strip), 1.0)


@numba.njit(**NJIT)
def advance(k, rules: RunRules, state: State, s: int, t: int, w: Day, figures) -> None:
    """Move scenario s to the end of day t; decide whether the call comes next day."""
    by_type, within, ending = figures[3], figures[4], figures[7]
    for p in range(k.po.shape[0]):
        reimbursed = w.paid[2, k.po[p]] if k.po[p] >= 0 else 0.0
        state.deferred[s, p] = max(state.deferred[s, p] + w.deferred_added[p] - reimbursed, 0.0)
    state.limits[s] = np.maximum(state.limits[s] - within, 0.0)
    state.limit_losses[s] += within
    state.cumulative_loss[s] += by_type.sum()
    state.prior_spp[s] = w.spp
    state.delinquent[s, t] = w.f[flow.DELINQUENT].sum()
    if rules.carry_forward:
        carry_forward(k, state.carried[s], w.accrued, w.paid[0], ending, w.f[flow.PREMIUM_BALANCE])
    state.balance[s] = ending
    state.strip[s] = w.f[flow.BALANCE]
    state.po_strip[s] = w.f[flow.PO_BALANCE]
    state.notional[s] = w.f[flow.PREMIUM_BALANCE]
    state.crossed[s] = state.crossed[s] or ending[k.subordinates].sum() <= TOLERANCE
    state.alive[s] = state.alive[s] and not state.call_next[s]
    collateral = state.strip[s].sum() + state.po_strip[s].sum()
    state.call_next[s] = (
        state.alive[s] and rules.call and TOLERANCE < collateral <= rules.call_threshold
    )


@numba.njit(**NJIT)
def finished(state: State) -> bool:
    """Every scenario called, or its classes and collateral paid down to nothing."""
    for s in range(state.alive.shape[0]):
        left = state.balance[s].sum() + state.strip[s].sum() + state.po_strip[s].sum()
        if state.alive[s] and left > TOLERANCE:
            return False
    return True


@numba.njit(**NJIT)
def run_days(k, dues_rules, rules: RunRules, flows, openings, classes, deal, pools) -> int:
    """Every distribution day of every scenario into the record arrays ``classes``, ``deal``
    and ``pools`` (series first, then scenario and day); returns the days run.

    ``flows`` (scenarios, days, series, pools): the projected collections
    (:data:`passthru.waterfall.flows.KERNEL_SERIES`); ``openings`` (3, scenarios, pools):
    the target-rate strips, PO strips and premium balances at the cut-off.
    """
    scenarios, days, series, n_pools = flows.shape
    state = opening_state(rules, openings, days)
    w = new_day(series, rules.initial.shape[0], n_pools, k.subordinates.shape[0])
    for t in range(days):
        for s in range(scenarios):
            calling = state.call_next[s] and state.alive[s]
            day_flows_into(
                flows[s, t], state.alive[s], calling, state.strip[s], state.po_strip[s],
                rules.target_rates, w.f,
            )  # fmt: skip
            pool_balance = state.strip[s].sum() + state.po_strip[s].sum()
            reset_limits(rules, t + 1, pool_balance, state.limit_losses[s], state.limits[s])
            figures = pay_and_allocate(k, dues_rules, rules, state, s, t, w)
            record_classes(k, state, s, t, w, figures[7], classes)
            record_deal(k, state, s, t, w, figures, deal, pools)
            advance(k, rules, state, s, t, w, figures)
            deal[rec.CROSSED, s, t] = state.crossed[s]
            deal[rec.PO_DEFERRED_OWED, s, t] = state.deferred[s].sum()
            deal[rec.LIMITS : rec.LIMITS + 3, s, t] = state.limits[s]
            classes[rec.UNPAID, s, t] = state.carried[s]
        if finished(state):
            return t + 1
    return days
