"""The month loop: every distribution day of every scenario, one pass over arrays.

Day t (cashflow-and-structure.md §2): the loss limits reset on each
anniversary of the cut-off (day 12, 24, ...); the dues are worked out from the
prior day's balances (:mod:`~passthru.waterfall.dues`); the deal's steps pay
them from the available funds (:mod:`~passthru.waterfall.steps`); the month's
losses are allocated (:mod:`~passthru.waterfall.realized`); the day is checked
(:mod:`~passthru.waterfall.conservation`) and recorded. Each array has one row
per scenario; nothing loops over scenarios or loans.

The clean-up call (§2.9): once the collateral balance after a day is at or
below the threshold and the call is exercised, on the next day the collateral is
bought at par plus a month's interest (target-rate strip at the target rate,
the IO strip as projected) and every class is paid off; nothing follows.
"""

from __future__ import annotations

import numpy as np

from passthru.deal import Deal
from passthru.waterfall.allocate import ratio
from passthru.waterfall.certificates import ClassTable
from passthru.waterfall.conservation import check_cash, check_classes, check_tracking
from passthru.waterfall.dues import Dues, day_dues
from passthru.waterfall.flows import OPENING, PoolFlows, stacked
from passthru.waterfall.interest import MONTHS_PER_YEAR
from passthru.waterfall.losses import fraud_reset, special_hazard_reset
from passthru.waterfall.principal import subordination_levels
from passthru.waterfall.realized import Allocated, allocate_losses
from passthru.waterfall.record import Record
from passthru.waterfall.state import TOLERANCE, State, Terms, senior_balance
from passthru.waterfall.steps import Payments, pay_day

MONTHS_PER_ANNIVERSARY = 12
KEPT_ON_CALL = ("io_interest", "servicing_fee")


def run_terms(
    deal: Deal,
    table: ClassTable,
    pools: tuple[PoolFlows, ...],
    *,
    initial_limits: np.ndarray,
    loss_mix: np.ndarray,
    call: bool,
    call_threshold: float,
    largest_loan: float = 0.0,
    largest_california_zip: float = 0.0,
) -> Terms:
    """The fixed terms of a run; the cut-off percentages and levels come from the pools'
    opening strips."""
    strip = np.array([p.opening_balance[0] for p in pools])
    po_strip = np.array([p.opening_po_balance[0] for p in pools])
    initial = table.initial[None, :]
    subs = table.initial[table.subordinates]
    basis = strip.sum()
    if deal.maintenance_of_subordination.level_basis == "pool":
        basis += po_strip.sum()
    return Terms(
        deal=deal,
        table=table,
        target_rates=np.array([p.target_rate for p in pools]) / 100.0,
        initial_limits=initial_limits,
        loss_mix=loss_mix,
        call=call,
        call_threshold=call_threshold,
        original_subordinate_balance=float(subs.sum()),
        initial_senior_pct=senior_balance(initial, table)[0] / np.where(strip > 0, strip, 1.0),
        initial_levels=subordination_levels(subs[None, :], np.array([basis]))[0],
        original_pool_balance=float(strip.sum() + po_strip.sum()),
        largest_loan=largest_loan,
        largest_california_zip=largest_california_zip,
    )


def day_flows(terms: Terms, state: State, flows: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The day's collections: as projected, or the call's purchase price, or nothing once called."""
    calling = (state.call_next & state.alive)[:, None]
    dead = (~state.alive)[:, None]
    price = {
        "prepayments": state.strip,
        "interest": state.strip * terms.target_rates[None, :] / MONTHS_PER_YEAR,
        "po_principal": state.po_strip,
    }
    out = {}
    for name, values in flows.items():
        on_call = values if name in KEPT_ON_CALL else price.get(name, 0.0)
        out[name] = np.where(dead, 0.0, np.where(calling, on_call, values))
    return out


def reset_limits(terms: Terms, state: State, day: int) -> None:
    """On each anniversary of the cut-off, the special hazard and fraud limits reset (§2.7)."""
    rules = terms.deal.loss_limits
    if rules is None or day % MONTHS_PER_ANNIVERSARY:
        return
    anniversary = day // MONTHS_PER_ANNIVERSARY
    pool = (state.strip + state.po_strip).sum(axis=1)
    factor = pool / terms.original_pool_balance if terms.original_pool_balance else pool * 0.0
    state.limits[:, 0] = special_hazard_reset(
        rules.special_hazard, terms.initial_limits[0], state.limit_losses[:, 0], pool,
        terms.largest_loan * factor, terms.largest_california_zip * factor,
    )  # fmt: skip
    state.limits[:, 1] = fraud_reset(
        rules.fraud, anniversary, terms.initial_limits[1], state.limit_losses[:, 1], pool
    )


def record_day(
    record: Record, t: int, state: State, flows: dict, dues: Dues, paid: Payments,
    allocated: Allocated, balance: np.ndarray, seniors: np.ndarray,
) -> None:  # fmt: skip
    """Write day ``t``'s figures (before the state moves on); ``seniors`` (scenarios, pools)
    are the senior target-rate balances on the prior day. The deal's SP and SPP are the
    pools' weighted by their target-rate strips on the prior day."""
    c = record.classes
    c["beginning_balance"][:, t] = state.balance
    c["interest_accrued"][:, t] = dues.accrued
    c["interest_paid"][:, t] = paid.interest
    c["interest_shortfall"][:, t] = dues.accrued - paid.interest
    c["principal_paid"][:, t] = paid.principal
    c["deferred_paid"][:, t] = paid.deferred
    c["loss"][:, t] = allocated.loss
    c["ending_balance"][:, t] = balance
    pool_funds = available_funds(flows)
    d = record.deal
    d["available_funds"][:, t] = pool_funds.sum(axis=1)
    d["servicing_fee"][:, t] = flows["servicing_fee"].sum(axis=1)
    d["distributed"][:, t] = d["available_funds"][:, t] - paid.funds
    d["residual"][:, t] = paid.funds
    d["realized_loss"][:, t] = (flows["losses"] + flows["po_losses"]).sum(axis=1)
    for k, name in enumerate(("ordinary", "special_hazard", "fraud", "bankruptcy")):
        d[f"loss_{name}"][:, t] = allocated.by_type[:, k]
    d["excess_loss"][:, t] = allocated.excess
    d["writedown"][:, t] = allocated.writedown
    d["subordinate_rate"][:, t] = dues.subordinate_rate * 100.0
    d["collateral_balance"][:, t] = (flows["balance"] + flows["po_balance"]).sum(axis=1)
    d["step_down_tests_pass"][:, t] = dues.tests_pass
    d["impaired_classes"][:, t] = dues.impaired.sum(axis=1)
    d["call_exercised"][:, t] = state.call_next & state.alive
    p = record.pools
    p["available_funds"][:, t] = pool_funds
    p["senior_pct"][:, t] = dues.senior_pct * 100.0
    p["senior_prepayment_pct"][:, t] = dues.spp * 100.0
    strip = state.strip.sum(axis=1)
    d["senior_pct"][:, t] = 100.0 * np.minimum(ratio(seniors.sum(axis=1), strip), 1.0)
    d["senior_prepayment_pct"][:, t] = 100.0 * ratio((dues.spp * state.strip).sum(axis=1), strip)


def available_funds(flows: dict[str, np.ndarray]) -> np.ndarray:
    """Each pool's interest (net of servicing) and principal collections (scenarios, pools)."""
    principal = flows["scheduled"] + flows["prepayments"] + flows["recoveries"]
    return flows["interest"] + flows["io_interest"] + principal + flows["po_principal"]


def advance(
    terms: Terms, state: State, flows: dict, dues: Dues, paid: Payments, allocated: Allocated,
    balance: np.ndarray,
) -> None:  # fmt: skip
    """Move the state to the end of the day; decide whether the call comes next day."""
    table = terms.table
    reimbursed = np.zeros_like(state.deferred)
    for p, po in enumerate(table.po):
        if po >= 0:
            reimbursed[:, p] = paid.deferred[:, po]
    state.deferred = np.maximum(state.deferred + allocated.deferred - reimbursed, 0.0)
    state.limits = np.maximum(state.limits - allocated.within, 0.0)
    state.limit_losses = state.limit_losses + allocated.within
    state.cumulative_loss = state.cumulative_loss + allocated.by_type.sum(axis=1)
    state.prior_spp = dues.spp
    state.delinquent.append(flows["delinquent"].sum(axis=1))
    state.balance = balance
    state.strip = flows["balance"]
    state.po_strip = flows["po_balance"]
    subs = balance[:, table.subordinates].sum(axis=1)
    state.crossed = state.crossed | (subs <= TOLERANCE)
    state.alive = state.alive & ~state.call_next
    collateral = (state.strip + state.po_strip).sum(axis=1)
    state.call_next = (
        state.alive & terms.call & (collateral <= terms.call_threshold) & (collateral > TOLERANCE)
    )


def finished(state: State) -> bool:
    """Every scenario called, or its classes and collateral paid down to nothing."""
    left = state.balance.sum(axis=1) + state.strip.sum(axis=1) + state.po_strip.sum(axis=1)
    return bool(np.all(~state.alive | (left <= TOLERANCE)))


def run_waterfall(terms: Terms, pools: tuple[PoolFlows, ...]) -> Record:
    """Every distribution day for every scenario; stops once all are paid down or called."""
    series = stacked(pools)
    scenarios, periods, n_pools = series["scheduled"].shape
    state = State.opening(terms, series["opening_balance"], series["opening_po_balance"])
    record = Record.empty(scenarios, periods, terms.table.count, n_pools)
    projected = {k: v for k, v in series.items() if k not in OPENING}
    for t in range(periods):
        day = t + 1
        flows = day_flows(terms, state, {k: v[:, t] for k, v in projected.items()})
        reset_limits(terms, state, day)
        dues = day_dues(terms, state, flows, day, state.call_next & state.alive)
        paid = pay_day(terms.deal.waterfall.steps, terms.table, dues, available_funds(flows).sum(1))
        balance = state.balance - paid.principal
        allocated = allocate_losses(terms, state, balance, flows)
        seniors = state.senior_balance(terms.table)
        record_day(record, t, state, flows, dues, paid, allocated, balance, seniors)
        check_day(day, t, terms, record, flows, balance)
        advance(terms, state, flows, dues, paid, allocated, balance)
        record.deal["crossed_over"][:, t] = state.crossed
        record.deal["po_deferred"][:, t] = state.deferred.sum(axis=1)
        for k, name in enumerate(("special_hazard", "fraud", "bankruptcy")):
            record.deal[f"{name}_limit"][:, t] = state.limits[:, k]
        if finished(state):
            return record.cut(day)
    return record


def check_day(
    day: int, t: int, terms: Terms, record: Record, flows: dict, balance: np.ndarray
) -> None:
    """Conservation of the day (:mod:`~passthru.waterfall.conservation`)."""
    series = {name: values[:, t] for name, values in record.classes.items()}
    paid = (series["interest_paid"] + series["principal_paid"] + series["deferred_paid"]).sum(1)
    check_cash(day, available_funds(flows).sum(axis=1), paid, record.deal["residual"][:, t])
    check_classes(day, terms, series)
    check_tracking(day, terms, balance, flows["balance"], flows["po_balance"])
