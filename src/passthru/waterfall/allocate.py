"""Splitting an amount among classes: pro rata, sequentially, in reverse order.

The engine works one scenario at a time inside Numba kernels: each ``*_into``
function takes one amount and a row of balances or caps (one entry per class) and
writes the shares into ``out``. :func:`sequential` and :func:`reverse_sequential`
apply them to every row of a (scenarios, classes) array, one amount per scenario.
"""

from __future__ import annotations

import numba
import numpy as np

NJIT = {"cache": True, "nogil": True}


@numba.njit(**NJIT)
def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, 0 where the denominator is not positive."""
    return numerator / denominator if denominator > 0 else 0.0


@numba.njit(**NJIT)
def pro_rata_into(amount: float, weights: np.ndarray, out: np.ndarray) -> None:
    """``amount`` shared in proportion to ``weights``; nothing where the weights are 0."""
    share = ratio(amount, weights.sum())
    for i in range(weights.shape[0]):
        out[i] = weights[i] * share


@numba.njit(**NJIT)
def pro_rata_capped_into(amount: float, balances: np.ndarray, out: np.ndarray) -> None:
    """Pro rata by balance, never more than a class's balance (so at most the total)."""
    pro_rata_into(min(amount, balances.sum()), balances, out)
    for i in range(balances.shape[0]):
        out[i] = min(out[i], balances[i])


@numba.njit(**NJIT)
def sequential_into(amount: float, caps: np.ndarray, out: np.ndarray) -> None:
    """Fill the first entry up to its cap, then the next (order of seniority)."""
    filled = 0.0
    for i in range(caps.shape[0]):
        out[i] = min(max(amount - filled, 0.0), caps[i])
        filled += caps[i]


@numba.njit(**NJIT)
def reverse_sequential_into(amount: float, caps: np.ndarray, out: np.ndarray) -> None:
    """Fill the last entry first, then the one before it (most junior class first)."""
    filled = 0.0
    for i in range(caps.shape[0] - 1, -1, -1):
        out[i] = min(max(amount - filled, 0.0), caps[i])
        filled += caps[i]


@numba.njit(**NJIT)
def sequential(amount: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """:func:`sequential_into` for every row of ``caps`` (scenarios, classes)."""
    out = np.zeros(caps.shape)
    for s in range(caps.shape[0]):
        sequential_into(amount[s], caps[s], out[s])
    return out


@numba.njit(**NJIT)
def reverse_sequential(amount: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """:func:`reverse_sequential_into` for every row of ``caps`` (scenarios, classes)."""
    out = np.zeros(caps.shape)
    for s in range(caps.shape[0]):
        reverse_sequential_into(amount[s], caps[s], out[s])
    return out
