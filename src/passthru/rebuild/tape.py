"""The rebuilt loans as a canonical tape (docs/loan-tape.md).

Original balances follow from the level-payment schedule (SF-4): the current
balance divided by the share of principal still owed after ``age`` payments,
rounded to the nearest $100 (never below the current balance), inside the
printed smallest and largest original balances; one loan holds each of those
exactly.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from passthru.tape.schema import SCHEMA

BALANCE_STEP = 100.0  # original balances in whole hundreds of dollars


def owed_share(rate_percent: np.ndarray, term: np.ndarray, age: np.ndarray) -> np.ndarray:
    """Share of the original balance still owed after ``age`` level payments (SF-4)."""
    growth = 1.0 + rate_percent / 1200.0
    full = growth**term
    return (full - growth**age) / (full - 1.0)


def original_balances(
    current: np.ndarray,
    rate_percent: np.ndarray,
    term: np.ndarray,
    age: np.ndarray,
    smallest: float,
    largest: float,
) -> np.ndarray:
    """Original balances in [smallest, largest], never below the current balance."""
    scheduled = current / owed_share(rate_percent, term, age)
    rounded = np.where(age > 0, np.round(scheduled / BALANCE_STEP) * BALANCE_STEP, current)
    return np.clip(np.maximum(rounded, current), smallest, largest)


def pin_extremes(
    original: np.ndarray,
    current: np.ndarray,
    smallest_loan: np.ndarray,
    largest_loan: np.ndarray,
    smallest: np.ndarray,
    largest: np.ndarray,
) -> np.ndarray:
    """The designated loans hold the printed smallest and largest original balances.

    Never below the loan's current balance (docs/loan-tape.md: current <= original):
    when the balances LP left the smallest loan above the printed smallest, it keeps
    its own original balance and the figure is reported unmet.
    """
    fits = smallest_loan & (smallest > 0) & (current <= smallest)
    original = np.where(fits, smallest, original)
    return np.where(largest_loan, np.maximum(largest, current), original)


def canonical_tape(columns: dict[str, np.ndarray | list]) -> pl.DataFrame:
    """A canonical tape from one array per column; ``loan_id`` numbered R0000001 on."""
    n = len(columns["current_balance"])
    data = {"loan_id": [f"R{i:07d}" for i in range(1, n + 1)]} | {
        name: columns[name] for name in SCHEMA if name in columns
    }
    frame = pl.DataFrame(data, nan_to_null=True)
    missing = [
        pl.lit(None, dtype=dtype).alias(name) for name, dtype in SCHEMA.items() if name not in data
    ]
    return frame.with_columns(missing).select(
        pl.col(name).cast(dtype) for name, dtype in SCHEMA.items()
    )
