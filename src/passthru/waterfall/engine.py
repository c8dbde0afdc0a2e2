"""The engine: the run's terms, the day kernel, the conservation checks.

:func:`run_waterfall` compiles the deal's rules and steps into the arrays the
Numba kernel takes (:mod:`~passthru.waterfall.kernel`: one pass over months,
each month one pass over scenarios, nothing loops over loans), runs every
distribution day, and checks every day it ran for conservation
(:mod:`~passthru.waterfall.conservation`).

Known approximation ([S19], §2.4): the liquidated-loan rule "the lesser of
SP x the loan's stated balance and SPP x its liquidation principal" is applied
to each pool's liquidations of the month together, not loan by loan, since the
collateral projection gives pool totals; with several liquidations in a month
the senior amount can only be higher than the loan-by-loan rule's.
"""

from __future__ import annotations

import numpy as np

from passthru.deal import Deal
from passthru.deal.shifting import value_on_day
from passthru.waterfall.certificates import ClassTable
from passthru.waterfall.conservation import check_record
from passthru.waterfall.dues import DueRules
from passthru.waterfall.flows import PoolFlows, stacked
from passthru.waterfall.kernel import MONTHS_PER_ANNIVERSARY, RunRules, run_days
from passthru.waterfall.losses import reset_coefficients
from passthru.waterfall.principal import LIQUIDATED_RULES, subordination_levels
from passthru.waterfall.record import CLASS_SERIES, DEAL_SERIES, POOL_SERIES, Record
from passthru.waterfall.state import Terms
from passthru.waterfall.steps import step_codes


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
    subs = table.initial[table.subordinates]
    basis = strip.sum()
    if deal.maintenance_of_subordination.level_basis == "pool":
        basis += po_strip.sum()
    seniors = np.array([table.initial[cols].sum() for cols in table.seniors])
    return Terms(
        deal=deal,
        table=table,
        target_rates=np.array([p.target_rate for p in pools]) / 100.0,
        initial_limits=initial_limits,
        loss_mix=loss_mix,
        call=call,
        call_threshold=call_threshold,
        original_subordinate_balance=float(subs.sum()),
        initial_senior_pct=seniors / np.where(strip > 0, strip, 1.0),
        initial_levels=subordination_levels(subs[None, :], np.array([basis]))[0],
        original_pool_balance=float(strip.sum() + po_strip.sum()),
        largest_loan=largest_loan,
        largest_california_zip=largest_california_zip,
    )


def due_rules(terms: Terms, days: int) -> DueRules:
    """The deal's principal rules, with the day-dependent ones tabulated by day (0..days)."""
    deal = terms.deal
    by_day = range(days + 1)
    tests = deal.step_down
    return DueRules(
        initial_senior_pct=terms.initial_senior_pct,
        initial_levels=terms.initial_levels,
        kept_share=np.array([value_on_day(deal.shifting_interest.schedule, d) for d in by_day]),
        loss_threshold=np.array([value_on_day(tests.cumulative_loss, d) for d in by_day])
        * terms.original_subordinate_balance,
        full_when_above_initial=deal.shifting_interest.full_when_above_initial,
        delinquency_months=tests.delinquency_months,
        delinquency_fraction=tests.delinquency_fraction,
        liquidated_rule=LIQUIDATED_RULES.index(deal.waterfall.liquidated_loans),
        senior_sequential=deal.waterfall.senior_principal == "sequential",
        po_deferred=deal.waterfall.po_deferred_from_subordinate_principal,
        maintenance_applies=deal.maintenance_of_subordination.applies,
        pool_basis=deal.maintenance_of_subordination.level_basis == "pool",
    )


def run_rules(terms: Terms, days: int) -> RunRules:
    """The run's terms as the kernel takes them, for a run of up to ``days`` days."""
    waterfall = terms.deal.waterfall
    original = terms.original_pool_balance or 1.0
    return RunRules(
        initial=terms.table.initial.astype(float),
        target_rates=terms.target_rates,
        loss_mix=np.asarray(terms.loss_mix, dtype=float),
        initial_limits=np.asarray(terms.initial_limits, dtype=float),
        reset=reset_coefficients(
            terms.deal.loss_limits,
            days // MONTHS_PER_ANNIVERSARY,
            terms.largest_loan / original,
            terms.largest_california_zip / original,
        ),
        call=bool(terms.call),
        call_threshold=float(terms.call_threshold),
        subordinate_first=waterfall.interest_shortfalls == "subordinate_first",
        carry_forward=waterfall.interest_carry_forward,
        po_deferred=waterfall.po_deferred_from_subordinate_principal,
        steps=step_codes(waterfall.steps),
    )


def run_waterfall(terms: Terms, pools: tuple[PoolFlows, ...]) -> Record:
    """Every distribution day for every scenario; stops once all are paid down or called.

    Raises ``ConservationError`` for the first day (and class) that fails to conserve.
    """
    flows, openings = stacked(pools)
    scenarios, days, _, n_pools = flows.shape
    classes = np.zeros((len(CLASS_SERIES), scenarios, days, terms.table.count))
    deal = np.zeros((len(DEAL_SERIES), scenarios, days))
    by_pool = np.zeros((len(POOL_SERIES), scenarios, days, n_pools))
    ran = run_days(
        terms.table.kernel_classes(), due_rules(terms, days), run_rules(terms, days),
        flows, openings, classes, deal, by_pool,
    )  # fmt: skip
    record = Record.from_arrays(classes, deal, by_pool).cut(ran)
    check_record(terms, record)
    return record
