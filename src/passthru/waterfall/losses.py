"""Realized losses: ordinary against excess, the loss limits and their resets, PO deferred.

cashflow-and-structure.md §2.7 ([S12]-[S15]; V33-V37):

- a special hazard, fraud or bankruptcy loss within the limit remaining is an
  ordinary loss and reduces the limit; the part beyond it is an excess loss;
- the PO share of a loss goes to the PO class; of ordinary losses it becomes a
  PO deferred amount (reimbursed later from subordinate principal);
- the rest of an ordinary loss reduces B-6, then B-5, ... B-1, then the pool's
  seniors pro rata (V33);
- the rest of an excess loss is shared pro rata by balance among the pool's
  seniors (in aggregate) and each subordinated class (V35);
- limits reset on anniversaries of the cut-off by the deal's rules (V36, V37).
"""

from __future__ import annotations

import numba
import numpy as np

from passthru.deal import FraudLimit, LossLimits, SpecialHazardLimit
from passthru.waterfall.allocate import NJIT, pro_rata_into, reverse_sequential

LIMITED = ("special_hazard", "fraud", "bankruptcy")
"""The loss types with a limit, in the order of ``RunOptions.loss_mix`` after ``ordinary``."""


@numba.njit(**NJIT)
def within_limits(losses: np.ndarray, limits: np.ndarray) -> np.ndarray:
    """The part of each limited loss type's losses within its remaining limit.

    ``losses`` and ``limits`` are (3,) or (scenarios, 3) in :data:`LIMITED` order; the
    rest of each loss is an excess loss (vectorised :func:`passthru.deal.split_at_limit`).
    """
    return np.minimum(losses, np.maximum(limits, 0.0))


def ordinary_losses_to_subordinates(loss: np.ndarray, subordinates: np.ndarray) -> np.ndarray:
    """B-6 first, then B-5, ... B-1, each to its balance (V33); the rest is left over."""
    return reverse_sequential(loss, subordinates)


@numba.njit(**NJIT)
def excess_loss_shares_into(
    loss: float, senior: float, subordinates: np.ndarray, weights: np.ndarray, out: np.ndarray
) -> float:
    """One scenario's excess loss pro rata by balance (V35): each subordinated class's share
    into ``out``, the seniors' share returned; ``weights`` is scratch of len(subordinates)+1."""
    weights[0] = senior
    weights[1:] = subordinates
    pro_rata_into(loss, weights, weights)
    out[:] = weights[1:]
    return weights[0]


def excess_loss_shares(
    loss: np.ndarray, senior: np.ndarray, subordinates: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(seniors' share, each subordinated class's share) of an excess loss, pro rata by
    balance (V35), for every scenario.

    ``senior`` (scenarios,) is the seniors' aggregate balance; ``subordinates``
    (scenarios, 6) the balances of B-1 to B-6 standing behind the pool.
    """
    seniors = np.zeros(loss.shape[0])
    shares = np.zeros(subordinates.shape)
    scratch = np.zeros(subordinates.shape[1] + 1)
    for s in range(loss.shape[0]):
        seniors[s] = excess_loss_shares_into(
            loss[s], senior[s], subordinates[s], scratch, shares[s]
        )
    return seniors, shares


def special_hazard_reset(
    rule: SpecialHazardLimit,
    initial: float,
    losses: np.ndarray,
    pool_balance: np.ndarray,
    largest_loan: np.ndarray,
    largest_california_zip: np.ndarray,
) -> np.ndarray:
    """The special hazard limit after an anniversary (vectorised
    :func:`passthru.deal.special_hazard_limit_at_anniversary`, unrounded; V37)."""
    remaining = np.maximum(initial - losses, 0.0)
    if rule.reset == "losses_only":
        return remaining
    floor = np.maximum(
        float(rule.pool_fraction) * pool_balance, float(rule.largest_loan_multiple) * largest_loan
    )
    if rule.largest_california_zip:
        floor = np.maximum(floor, largest_california_zip)
    return np.minimum(floor, remaining)


def fraud_reset(
    rule: FraudLimit, anniversary: int, initial: float, losses: np.ndarray, pool_balance: np.ndarray
) -> np.ndarray:
    """The fraud limit after the given anniversary (vectorised
    :func:`passthru.deal.fraud_limit_at_anniversary`, unrounded; V36)."""
    if anniversary >= rule.ends_at_anniversary:
        return np.zeros_like(losses)
    remaining = np.maximum(initial - losses, 0.0)
    if anniversary < 1 or (rule.variant == "B" and anniversary < rule.reset_from_anniversary):
        return remaining
    return np.minimum(float(rule.later_fraction) * pool_balance, remaining)


NO_FLOOR = np.inf
"""A reset coefficient meaning the limit is only reduced by losses (no pool-based floor)."""


def reset_coefficients(
    rules: LossLimits | None, anniversaries: int, largest_loan: float, largest_zip: float
) -> np.ndarray:
    """Per anniversary a (row a, 0..``anniversaries``), the special hazard and fraud limits
    after it as ``min(coefficient x pool balance, initial - losses so far)`` (V36, V37).

    Both resets are linear in the pool balance: the largest loan and the largest
    California zip concentration scale with the pool factor, so ``largest_loan`` and
    ``largest_zip`` are given as fractions of the original pool balance.
    :data:`NO_FLOOR` where only losses reduce the limit; NaN rows without loss limits.
    """
    out = np.full((anniversaries + 1, 2), np.nan)
    if rules is None:
        return out
    unit, none = np.ones(1), np.zeros(1)
    hazard = special_hazard_reset(
        rules.special_hazard, NO_FLOOR, none, unit, np.array([largest_loan]),
        np.array([largest_zip]),
    )[0]  # fmt: skip
    out[:, 0] = hazard
    for a in range(anniversaries + 1):
        out[a, 1] = fraud_reset(rules.fraud, a, NO_FLOOR, none, unit)[0]
    return out
