"""The engine's fixed terms for a run and its state from one distribution day to the next."""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass(eq=False)
class State:
    """Balances and running figures after the last distribution day, one row per scenario.

    ``deferred`` (scenarios, pools): unreimbursed PO deferred amounts;
    ``limits`` (scenarios, 3): loss limits remaining; ``limit_losses``: losses
    allocated against each limit since the cut-off; ``crossed``: the
    subordinated classes are gone (the cross-over date has passed);
    ``call_next``: the call is exercised on the next day; ``alive``: not called.
    """

    balance: np.ndarray
    strip: np.ndarray
    po_strip: np.ndarray
    deferred: np.ndarray
    limits: np.ndarray
    limit_losses: np.ndarray
    cumulative_loss: np.ndarray
    prior_spp: np.ndarray
    crossed: np.ndarray
    call_next: np.ndarray
    alive: np.ndarray
    delinquent: list[np.ndarray] = field(default_factory=list)

    @classmethod
    def opening(cls, terms: Terms, strip: np.ndarray, po_strip: np.ndarray) -> State:
        scenarios, pools = strip.shape
        return cls(
            balance=np.tile(terms.table.initial, (scenarios, 1)),
            strip=strip.copy(),
            po_strip=po_strip.copy(),
            deferred=np.zeros((scenarios, pools)),
            limits=np.tile(terms.initial_limits, (scenarios, 1)),
            limit_losses=np.zeros((scenarios, 3)),
            cumulative_loss=np.zeros(scenarios),
            prior_spp=np.ones((scenarios, pools)),
            crossed=np.zeros(scenarios, dtype=bool),
            call_next=np.zeros(scenarios, dtype=bool),
            alive=np.ones(scenarios, dtype=bool),
        )

    def senior_balance(self, table: ClassTable) -> np.ndarray:
        """Each pool's senior target-rate balance (scenarios, pools)."""
        return senior_balance(self.balance, table)


def senior_balance(balance: np.ndarray, table: ClassTable) -> np.ndarray:
    """Each pool's senior target-rate balance (scenarios, pools) from class balances."""
    return balance @ table.senior_of
