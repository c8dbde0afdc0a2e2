"""The engine's fixed terms for a run (the kernel keeps the state from day to day)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from passthru.deal import Deal
from passthru.waterfall.certificates import ClassTable

LOSS_TYPES = ("ordinary", "special_hazard", "fraud", "bankruptcy")
TOLERANCE = 0.005
"""Half a cent: balances within it of zero are zero, amounts within it agree (to the cent)."""


@dataclass(frozen=True, eq=False)
class Terms:
    """Everything about the deal and the run that does not change during the run.

    ``initial_limits`` (special hazard, fraud, bankruptcy) in dollars;
    ``loss_mix`` the shares of each month's realized losses by :data:`LOSS_TYPES`;
    ``initial_senior_pct`` (pools,) and ``initial_levels`` (6,) at the cut-off;
    ``largest_loan``/``largest_california_zip``: the tape's figures at the
    cut-off, scaled by the pool factor at each anniversary for the special
    hazard reset.
    """

    deal: Deal
    table: ClassTable
    target_rates: np.ndarray
    initial_limits: np.ndarray
    loss_mix: np.ndarray
    call: bool
    call_threshold: float
    original_subordinate_balance: float
    initial_senior_pct: np.ndarray
    initial_levels: np.ndarray
    original_pool_balance: float
    largest_loan: float
    largest_california_zip: float
