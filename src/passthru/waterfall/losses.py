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

import numpy as np

from passthru.deal import FraudLimit, SpecialHazardLimit
from passthru.waterfall.allocate import pro_rata, reverse_sequential

LIMITED = ("special_hazard", "fraud", "bankruptcy")
"""The loss types with a limit, in the order of ``RunOptions.loss_mix`` after ``ordinary``."""


def within_limits(losses: np.ndarray, limits: np.ndarray) -> np.ndarray:
    """The part of each limited loss type's losses within its remaining limit.

    ``losses`` and ``limits`` are (scenarios, 3) in :data:`LIMITED` order; the rest
    of each loss is an excess loss (vectorised :func:`passthru.deal.split_at_limit`).
    """
    return np.minimum(losses, np.maximum(limits, 0.0))


def ordinary_losses_to_subordinates(loss: np.ndarray, subordinates: np.ndarray) -> np.ndarray:
    """B-6 first, then B-5, ... B-1, each to its balance (V33); the rest is left over."""
    return reverse_sequential(loss, subordinates)


def excess_loss_shares(
    loss: np.ndarray, senior: np.ndarray, subordinates: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(seniors' share, each subordinated class's share) of an excess loss, pro rata by
    balance (V35).

    ``senior`` (scenarios,) is the seniors' aggregate balance; ``subordinates``
    (scenarios, 6) the balances of B-1 to B-6 standing behind the pool.
    """
    weights = np.concatenate([senior[:, None], subordinates], axis=1)
    shares = pro_rata(loss, weights)
    return shares[:, 0], shares[:, 1:]


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
