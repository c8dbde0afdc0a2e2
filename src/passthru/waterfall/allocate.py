"""Splitting an amount among classes: pro rata, sequentially, in reverse order.

Every function works on one amount per scenario, ``amount`` (scenarios,), and a
(scenarios, classes) array of balances or caps; no loop over scenarios.
"""

from __future__ import annotations

import numpy as np


def ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator, 0 where the denominator is not positive."""
    positive = denominator > 0
    return np.where(positive, numerator / np.where(positive, denominator, 1.0), 0.0)


def pro_rata(amount: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``amount`` shared in proportion to ``weights`` (each row); nothing where weights are 0."""
    total = weights.sum(axis=-1, keepdims=True)
    return weights * ratio(np.asarray(amount)[..., None], total)


def pro_rata_capped(amount: np.ndarray, balances: np.ndarray) -> np.ndarray:
    """Pro rata by balance, never more than a class's balance (so at most the total)."""
    return np.minimum(pro_rata(np.minimum(amount, balances.sum(axis=-1)), balances), balances)


def sequential(amount: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """Fill the first column up to its cap, then the next, and so on (order of seniority)."""
    filled_before = np.cumsum(caps, axis=-1) - caps
    return np.clip(np.asarray(amount)[..., None] - filled_before, 0.0, caps)


def reverse_sequential(amount: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """Fill the last column first, then the one before it (most junior class first)."""
    return sequential(amount, caps[..., ::-1])[..., ::-1]
