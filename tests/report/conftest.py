"""Synthetic report inputs made with NumPy: balance paths, losses and an SPP path."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest

from passthru.analytics import decrement_values
from passthru.report import ReportInputs, balance_paths_frame

SPEEDS = [0, 100, 300]
PERIODS = 120


def _paths() -> np.ndarray:
    """Straight-line amortisation over 120 months, faster at higher speeds."""
    t = np.arange(1, PERIODS + 1)
    slow = 1_000_000.0 * (1 - t / PERIODS)
    return np.stack([slow, slow * np.exp(-t / 60), slow * np.exp(-t / 20)])


@pytest.fixture
def inputs() -> ReportInputs:
    t = np.arange(1, PERIODS + 1)
    paths = _paths()
    return ReportInputs(
        title="Series 2099-1 <Test & Co>",
        summary={"Issuer": "Test Mortgage Securities", "Loans": "3"},
        structure=[
            {"Class": "A-1", "Initial balance ($)": 950_000.0, "Rate (%)": 5.75},
            {"Class": "B-1", "Initial balance ($)": 50_000.0, "Rate (%)": 5.75},
        ],
        decrement={
            "A-1": decrement_values(
                paths,
                1_000_000.0,
                closing=date(2003, 2, 24),
                first_distribution=date(2003, 3, 25),
                speeds=SPEEDS,
            )
        },
        yields={"A-1": pl.DataFrame({"Price": ["99-16", "100-00"], "100%": [5.812, 5.75]})},
        pool_balances=balance_paths_frame(paths, SPEEDS),
        class_balances=pl.DataFrame({"period": t, "A-1": paths[1] * 0.95, "B-1": paths[1] * 0.05}),
        cumulative_losses=pl.DataFrame(
            {"period": t, "B-1": np.minimum(t * 200.0, 10_000.0), "A-1": np.zeros(PERIODS)}
        ),
        senior_prepayment=pl.DataFrame(
            {"period": t, "Senior prepayment %": np.where(t <= 60, 100.0, 70.0)}
        ),
    )
