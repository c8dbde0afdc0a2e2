"""Allocating a distribution day's realized losses to the classes, after the payments.

cashflow-and-structure.md §2.7: the month's losses are split by type (the
run's loss mix), each limited type into the part within its remaining limit
(treated as ordinary, reducing the limit) and the excess. Then:

1. the PO share of every loss to the pool's PO class; of ordinary losses it is
   also added to the pool's PO deferred amount (when the deal defers);
2. excess target-rate losses pro rata among the pool's seniors and each
   subordinated class, the subordinated balances counted by the pool's share of
   the subordinate components (V35);
3. ordinary target-rate losses to B-6, B-5, ... B-1 (V33), the rest to the
   seniors of the pools whose strips no longer cover them, pro rata;
4. undercollateralisation: the certificate total never exceeds the collateral;
   any excess writes down the most junior subordinated class first, and once
   the subordinated classes are gone, the seniors of the pools whose strips no
   longer cover them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from passthru.waterfall.allocate import pro_rata, pro_rata_capped, ratio, reverse_sequential
from passthru.waterfall.losses import (
    excess_loss_shares,
    ordinary_losses_to_subordinates,
    within_limits,
)
from passthru.waterfall.state import TOLERANCE, State, Terms, senior_balance

Flows = dict[str, np.ndarray]


@dataclass(frozen=True, eq=False)
class Allocated:
    """The day's losses: ``loss`` per class (losses and writedowns), ``by_type`` (scenarios, 4),
    ``excess`` beyond the limits, ``within`` each limit (scenarios, 3), ``deferred`` added
    to each pool's PO deferred amount, ``writedown`` for undercollateralisation."""

    loss: np.ndarray
    by_type: np.ndarray
    excess: np.ndarray
    within: np.ndarray
    deferred: np.ndarray
    writedown: np.ndarray


def ordinary_fraction(terms: Terms, state: State, flows: Flows) -> tuple[np.ndarray, ...]:
    """(share of the day's losses treated as ordinary, losses by type, within each limit)."""
    total = (flows["losses"] + flows["po_losses"]).sum(axis=1)
    by_type = total[:, None] * terms.loss_mix[None, :]
    within = within_limits(by_type[:, 1:], state.limits)
    ordinary = ratio(by_type[:, 0] + within.sum(axis=1), total)
    return np.where(total > 0, ordinary, 1.0), by_type, within


def allocate_losses(terms: Terms, state: State, balance: np.ndarray, flows: Flows) -> Allocated:
    """Reduce ``balance`` (after the day's payments) by the day's losses, in place."""
    table = terms.table
    start = balance.copy()
    ordinary, by_type, within = ordinary_fraction(terms, state, flows)
    deferred = np.zeros_like(state.deferred)
    for p, po in enumerate(table.po):
        if po >= 0:
            balance[:, po] -= np.minimum(flows["po_losses"][:, p], balance[:, po])
            if terms.deal.waterfall.po_deferred_from_subordinate_principal:
                deferred[:, p] = flows["po_losses"][:, p] * ordinary
    tr_ordinary = flows["losses"] * ordinary[:, None]
    _excess_to_all(terms, balance, flows["losses"] - tr_ordinary, flows)
    _ordinary_to_subordinates_then_seniors(terms, balance, tr_ordinary, flows)
    writedown = _undercollateralisation(terms, balance, flows)
    return Allocated(
        loss=start - balance,
        by_type=by_type,
        excess=(flows["losses"] + flows["po_losses"]).sum(axis=1) * (1.0 - ordinary),
        within=within,
        deferred=deferred,
        writedown=writedown,
    )


def _excess_to_all(terms: Terms, balance: np.ndarray, excess: np.ndarray, flows: Flows) -> None:
    table = terms.table
    subs = table.subordinates
    seniors = senior_balance(balance, table)
    components = np.maximum(flows["balance"] + flows["losses"] - seniors, 0.0)
    weights = ratio(components, components.sum(axis=1)[:, None])
    sub_loss = np.zeros((balance.shape[0], len(subs)))
    for p, senior_cols in enumerate(table.seniors):
        senior_share, sub_share = excess_loss_shares(
            excess[:, p], seniors[:, p], balance[:, subs] * weights[:, p : p + 1]
        )
        balance[:, senior_cols] -= pro_rata_capped(senior_share, balance[:, senior_cols])
        sub_loss += sub_share
    balance[:, subs] -= np.minimum(sub_loss, balance[:, subs])


def _ordinary_to_subordinates_then_seniors(
    terms: Terms, balance: np.ndarray, ordinary: np.ndarray, flows: Flows
) -> None:
    subs = terms.table.subordinates
    total = ordinary.sum(axis=1)
    absorbed = ordinary_losses_to_subordinates(total, balance[:, subs])
    balance[:, subs] -= absorbed
    _to_uncovered_seniors(terms, balance, total - absorbed.sum(axis=1), ordinary, flows)


def _to_uncovered_seniors(
    terms: Terms, balance: np.ndarray, amount: np.ndarray, fallback: np.ndarray, flows: Flows
) -> None:
    """What the subordinated classes cannot take falls on the seniors of the pools whose
    target-rate strip no longer covers them (else by ``fallback``), pro rata within a pool."""
    table = terms.table
    uncovered = np.maximum(senior_balance(balance, table) - flows["balance"], 0.0)
    weights = np.where(uncovered.sum(axis=1, keepdims=True) > TOLERANCE, uncovered, fallback)
    rest = pro_rata(amount, weights)
    for p, senior_cols in enumerate(table.seniors):
        balance[:, senior_cols] -= pro_rata_capped(rest[:, p], balance[:, senior_cols])


def _undercollateralisation(terms: Terms, balance: np.ndarray, flows: Flows) -> np.ndarray:
    """Write the certificates down to the collateral (§2.7); returns the writedown per scenario."""
    table = terms.table
    subs = table.subordinates
    before = balance.sum(axis=1)
    over = balance[:, table.target_rate_classes].sum(axis=1) - flows["balance"].sum(axis=1)
    over = np.where(over > TOLERANCE, over, 0.0)
    taken = reverse_sequential(over, balance[:, subs])
    balance[:, subs] -= taken
    _to_uncovered_seniors(terms, balance, over - taken.sum(axis=1), flows["balance"], flows)
    for p, po in enumerate(table.po):
        if po >= 0:
            po_over = balance[:, po] - flows["po_balance"][:, p]
            balance[:, po] -= np.where(po_over > TOLERANCE, po_over, 0.0)
    return before - balance.sum(axis=1)
