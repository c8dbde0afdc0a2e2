"""What each class is due on a distribution day, before any payment is made.

Interest (cashflow-and-structure.md §2.3) and principal (§2.4-§2.6, §2.7 PO
deferred amounts): the payment steps then pay these dues in the deal's order
from the day's available funds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from passthru.deal.shifting import value_on_day
from passthru.waterfall.allocate import pro_rata_capped, ratio, sequential
from passthru.waterfall.interest import (
    MONTHS_PER_YEAR,
    share_by_accrued,
    subordinate_rate,
    subordinates_first,
)
from passthru.waterfall.principal import (
    impaired,
    maintenance_of_subordination,
    senior_percentage,
    senior_prepayment_pct,
    senior_principal_amount,
    subordination_levels,
)
from passthru.waterfall.state import State, Terms, senior_balance

Flows = dict[str, np.ndarray]


@dataclass(frozen=True, eq=False)
class Dues:
    """Per class (scenarios, classes): interest accrued, its shortfall, principal and PO
    deferred amounts due; per pool SP and SPP; the subordinated rate; impaired classes."""

    accrued: np.ndarray
    shortfall: np.ndarray
    principal: np.ndarray
    deferred: np.ndarray
    senior_pct: np.ndarray
    spp: np.ndarray
    subordinate_rate: np.ndarray
    impaired: np.ndarray
    tests_pass: np.ndarray

    @property
    def interest(self) -> np.ndarray:
        return self.accrued - self.shortfall


def subordinate_components(state: State, terms: Terms) -> np.ndarray:
    """Each pool's target-rate strip less its senior target-rate balance (scenarios, pools)."""
    return state.strip - state.senior_balance(terms.table)


def interest_dues(
    terms: Terms, state: State, flows: Flows
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(accrued, shortfall, subordinate rate): accrual on prior-day balances, and each pool's
    shortfall of collected interest shared among the classes it pays (§2.3). Interest a
    pool collects beyond what its own classes accrue first covers the other pools'
    shortfalls (the two-pool cross-collateralisation, simplified)."""
    table, balance = terms.table, state.balance
    components = subordinate_components(state, terms)
    sub_rate = subordinate_rate(components, terms.target_rates)
    rate = (
        np.where(table.stated_rate, table.rate, 0.0)[None, :]
        + np.where(table.stated_rate, 0.0, 1.0)[None, :] * sub_rate[:, None]
    )
    accrued = balance * rate / MONTHS_PER_YEAR
    for p, io in enumerate(table.io):
        if io >= 0:
            accrued[:, io] = flows["io_interest"][:, p]
    shortfall = np.zeros_like(accrued)
    # pool p's part of the subordinated interest: its component's interest at its target rate
    earning = np.maximum(components, 0.0) * terms.target_rates[None, :]
    weights = ratio(earning, earning.sum(axis=1)[:, None])
    subs = table.subordinates
    own = [_pool_interest_classes(table, p) for p in range(len(table.pools))]
    sub_parts = [accrued[:, subs] * weights[:, p : p + 1] for p in range(len(table.pools))]
    claims = np.stack(
        [
            accrued[:, o].sum(axis=1) + part.sum(axis=1)
            for o, part in zip(own, sub_parts, strict=True)
        ],
        axis=1,
    )
    net = claims - flows["interest"] - flows["io_interest"]
    short = np.maximum(net, 0.0)
    # one pool's interest beyond its own classes' covers another pool's shortfall
    cover = np.minimum(ratio(np.maximum(-net, 0.0).sum(axis=1), short.sum(axis=1)), 1.0)
    short = short * (1.0 - cover)[:, None]
    for p, (cols, sub_part) in enumerate(zip(own, sub_parts, strict=True)):
        if terms.deal.waterfall.interest_shortfalls == "subordinate_first":
            senior_share, sub_share = subordinates_first(short[:, p], accrued[:, cols], sub_part)
        else:
            both = np.concatenate([accrued[:, cols], sub_part], axis=1)
            shares = share_by_accrued(short[:, p], both)
            senior_share, sub_share = shares[:, : len(cols)], shares[:, len(cols) :]
        shortfall[:, cols] += senior_share
        shortfall[:, subs] += sub_share
    return accrued, shortfall, sub_rate


def _pool_interest_classes(table, p: int) -> np.ndarray:
    io = table.io[p : p + 1]
    return np.concatenate([table.seniors[p], io[io >= 0]]).astype(int)


def step_down_tests(terms: Terms, state: State, day: int) -> np.ndarray:
    """Both step-down tests pass (§2.5 (i), (ii); vectorised delinquency and cumulative loss)."""
    rules = terms.deal.step_down
    subs = state.balance[:, terms.table.subordinates].sum(axis=1)
    window = state.delinquent[-rules.delinquency_months :]
    average = np.mean(window, axis=0) if window else np.zeros_like(subs)
    delinquency = average < rules.delinquency_fraction * subs
    threshold = value_on_day(rules.cumulative_loss, day) * terms.original_subordinate_balance
    return delinquency & (state.cumulative_loss <= threshold)


def principal_dues(
    terms: Terms, state: State, flows: Flows, day: int, calling: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(principal, deferred, SP, SPP, impaired, tests) due on the day (§2.4-§2.7).

    After the cross-over date, and on the day of the call, SP = SPP = 100%.
    """
    table, balance = terms.table, state.balance
    seniors = state.senior_balance(table)
    tests = step_down_tests(terms, state, day)
    sp = senior_percentage(seniors, state.strip)
    spp = senior_prepayment_pct(
        day, sp, terms.initial_senior_pct, tests[:, None], state.prior_spp,
        terms.deal.shifting_interest,
    )  # fmt: skip
    full = (state.crossed | calling)[:, None]
    sp, spp = np.where(full, 1.0, sp), np.where(full, 1.0, spp)
    principal = np.zeros_like(balance)
    for p, po in enumerate(table.po):
        if po >= 0:
            principal[:, po] = np.minimum(flows["po_principal"][:, p], balance[:, po])
    rule = terms.deal.waterfall
    senior_amount = np.minimum(
        senior_principal_amount(
            sp, spp, flows["scheduled"], flows["prepayments"], flows["liquidated"],
            flows["recoveries"], rule.liquidated_loans,
        ),
        seniors,
    )  # fmt: skip
    collected = flows["scheduled"] + flows["prepayments"] + flows["recoveries"]
    pot = collected.sum(axis=1) - senior_amount.sum(axis=1)
    strip_after = flows["balance"] + flows["losses"]
    shortfall = np.maximum(seniors - senior_amount - strip_after, 0.0)
    top_up = pro_rata_capped(np.minimum(pot, shortfall.sum(axis=1)), shortfall)
    pot = pot - top_up.sum(axis=1)
    _senior_shares(terms, balance, senior_amount + top_up, principal)
    deferred = np.zeros_like(balance)
    if rule.po_deferred_from_subordinate_principal:
        paid = sequential(np.where(state.crossed, 0.0, pot), state.deferred)
        pot = pot - paid.sum(axis=1)
        for p, po in enumerate(table.po):
            if po >= 0:
                deferred[:, po] = paid[:, p]
    subs = table.subordinates
    levels = subordination_levels(balance[:, subs], _level_basis(terms, state))
    impaired_now = impaired(levels, terms.initial_levels)
    if not terms.deal.maintenance_of_subordination.applies:
        impaired_now = np.zeros_like(impaired_now)
    principal[:, subs] = maintenance_of_subordination(pot, balance[:, subs], impaired_now)
    left = pot - principal[:, subs].sum(axis=1)
    _senior_shares(terms, balance, _spread_to_seniors(left, balance - principal, table), principal)
    return principal, deferred, sp, spp, impaired_now, tests


def _level_basis(terms: Terms, state: State) -> np.ndarray:
    """Class percentages' denominator: the target-rate strips or the whole pool (§2.6)."""
    basis = state.strip.sum(axis=1)
    if terms.deal.maintenance_of_subordination.level_basis == "pool":
        basis = basis + state.po_strip.sum(axis=1)
    return basis


def _spread_to_seniors(left: np.ndarray, remaining: np.ndarray, table) -> np.ndarray:
    """Subordinate principal beyond the subordinated balances goes to every pool's seniors,
    pro rata by their remaining balances (scenarios, pools)."""
    return pro_rata_capped(left, senior_balance(remaining, table))


def _senior_shares(terms: Terms, balance: np.ndarray, amount: np.ndarray, out: np.ndarray) -> None:
    """Add each pool's senior principal to its senior classes, pro rata or in deal order."""
    for p, seniors in enumerate(terms.table.seniors):
        room = balance[:, seniors] - out[:, seniors]
        if terms.deal.waterfall.senior_principal == "sequential":
            out[:, seniors] += sequential(amount[:, p], room)
        else:
            out[:, seniors] += pro_rata_capped(amount[:, p], room)


def day_dues(terms: Terms, state: State, flows: Flows, day: int, calling: np.ndarray) -> Dues:
    """Interest and principal due to every class on distribution day ``day``."""
    accrued, shortfall, sub_rate = interest_dues(terms, state, flows)
    principal, deferred, sp, spp, impaired_now, tests = principal_dues(
        terms, state, flows, day, calling
    )
    return Dues(accrued, shortfall, principal, deferred, sp, spp, sub_rate, impaired_now, tests)
