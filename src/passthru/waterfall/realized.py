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

The kernels here work on one scenario's class balances (``k``:
:class:`~passthru.waterfall.certificates.KernelClasses`; ``f``: the day's
collections, series by pool, :mod:`~passthru.waterfall.flows`).
"""

from __future__ import annotations

import numba
import numpy as np

from passthru.waterfall.allocate import (
    NJIT,
    pro_rata_capped_into,
    pro_rata_into,
    ratio,
    reverse_sequential_into,
)
from passthru.waterfall.dues import senior_balances
from passthru.waterfall.flows import BALANCE, LOSSES, PO_BALANCE, PO_LOSSES
from passthru.waterfall.losses import excess_loss_shares_into, within_limits
from passthru.waterfall.state import TOLERANCE


@numba.njit(**NJIT)
def ordinary_share(loss_mix, limits, total: float) -> tuple[float, np.ndarray, np.ndarray]:
    """(share of the day's losses treated as ordinary, losses by type, within each limit)."""
    by_type = total * loss_mix
    within = within_limits(by_type[1:], limits)
    ordinary = ratio(by_type[0] + within.sum(), total) if total > 0 else 1.0
    return ordinary, by_type, within


@numba.njit(**NJIT)
def _reduce_seniors(k, p: int, amount: float, balance) -> None:
    """Pool p's seniors lose ``amount`` pro rata by balance, each at most its balance."""
    cols = k.seniors[p][k.seniors[p] >= 0]
    taken = np.empty(cols.shape[0])
    pro_rata_capped_into(amount, balance[cols], taken)
    balance[cols] -= taken


@numba.njit(**NJIT)
def excess_to_all(k, balance, excess, f) -> None:
    """Excess losses pro rata among each pool's seniors and its part of each subordinated
    class (V35)."""
    subs = k.subordinates
    seniors = senior_balances(k, balance)
    components = np.maximum(f[BALANCE] + f[LOSSES] - seniors, 0.0)
    total = components.sum()
    standing = balance[subs]
    sub_loss = np.zeros(subs.shape[0])
    share = np.empty(subs.shape[0])
    weights = np.empty(subs.shape[0] + 1)
    for p in range(seniors.shape[0]):
        part = standing * ratio(components[p], total)
        senior_share = excess_loss_shares_into(excess[p], seniors[p], part, weights, share)
        _reduce_seniors(k, p, senior_share, balance)
        sub_loss += share
    balance[subs] -= np.minimum(sub_loss, balance[subs])


@numba.njit(**NJIT)
def to_uncovered_seniors(k, balance, amount: float, fallback, f) -> None:
    """What the subordinated classes cannot take falls on the seniors of the pools whose
    target-rate strip no longer covers them (else by ``fallback``), pro rata within a pool."""
    uncovered = np.maximum(senior_balances(k, balance) - f[BALANCE], 0.0)
    weights = uncovered if uncovered.sum() > TOLERANCE else fallback
    rest = np.empty(uncovered.shape[0])
    pro_rata_into(amount, weights, rest)
    for p in range(rest.shape[0]):
        _reduce_seniors(k, p, rest[p], balance)


@numba.njit(**NJIT)
def ordinary_to_subordinates_then_seniors(k, balance, ordinary, f) -> None:
    """B-6, B-5, ... B-1 (V33), then the uncovered seniors."""
    subs = k.subordinates
    total = ordinary.sum()
    absorbed = np.empty(subs.shape[0])
    reverse_sequential_into(total, balance[subs], absorbed)
    balance[subs] -= absorbed
    to_uncovered_seniors(k, balance, total - absorbed.sum(), ordinary, f)


@numba.njit(**NJIT)
def undercollateralisation(k, balance, f) -> float:
    """Write the certificates down to the collateral (§2.7); returns the writedown."""
    subs = k.subordinates
    before = balance.sum()
    over = balance[k.target_rate_classes].sum() - f[BALANCE].sum()
    over = over if over > TOLERANCE else 0.0
    taken = np.empty(subs.shape[0])
    reverse_sequential_into(over, balance[subs], taken)
    balance[subs] -= taken
    to_uncovered_seniors(k, balance, over - taken.sum(), f[BALANCE], f)
    for p in range(k.po.shape[0]):
        po = k.po[p]
        if po >= 0:
            po_over = balance[po] - f[PO_BALANCE, p]
            if po_over > TOLERANCE:
                balance[po] -= po_over
    return before - balance.sum()


@numba.njit(**NJIT)
def allocate_losses_into(k, loss_mix, limits, po_deferred: bool, f, balance, loss, deferred):
    """Reduce ``balance`` (after the day's payments) by the day's losses, in place.

    Writes each class's ``loss`` (losses and writedowns) and each pool's addition to its PO
    ``deferred`` amount; returns (losses by type (4,), within each limit (3,), excess
    loss, writedown).
    """
    start = balance.copy()
    total = (f[LOSSES] + f[PO_LOSSES]).sum()
    ordinary, by_type, within = ordinary_share(loss_mix, limits, total)
    deferred[:] = 0.0
    for p in range(k.po.shape[0]):
        po = k.po[p]
        if po >= 0:
            balance[po] -= min(f[PO_LOSSES, p], balance[po])
            if po_deferred:
                deferred[p] = f[PO_LOSSES, p] * ordinary
    tr_ordinary = f[LOSSES] * ordinary
    excess_to_all(k, balance, f[LOSSES] - tr_ordinary, f)
    ordinary_to_subordinates_then_seniors(k, balance, tr_ordinary, f)
    writedown = undercollateralisation(k, balance, f)
    loss[:] = start - balance
    return by_type, within, total * (1.0 - ordinary), writedown
