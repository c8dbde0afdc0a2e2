"""What the engine records on every distribution day, one row per scenario."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CLASS_SERIES = (
    "beginning_balance",
    "interest_accrued",
    "interest_paid",
    "interest_shortfall",
    "principal_paid",
    "deferred_paid",
    "loss",
    "ending_balance",
)
DEAL_SERIES = (
    "available_funds",
    "servicing_fee",
    "distributed",
    "residual",
    "realized_loss",
    "loss_ordinary",
    "loss_special_hazard",
    "loss_fraud",
    "loss_bankruptcy",
    "excess_loss",
    "writedown",
    "special_hazard_limit",
    "fraud_limit",
    "bankruptcy_limit",
    "po_deferred",
    "subordinate_rate",
    "senior_pct",
    "senior_prepayment_pct",
    "collateral_balance",
    "step_down_tests_pass",
    "impaired_classes",
    "crossed_over",
    "call_exercised",
)
POOL_SERIES = ("available_funds", "senior_pct", "senior_prepayment_pct")


@dataclass(frozen=True, eq=False)
class Record:
    """``classes[name]`` (scenarios, periods, classes); ``deal[name]`` (scenarios, periods);
    ``pools[name]`` (scenarios, periods, pools). ``periods`` is how many days were run."""

    classes: dict[str, np.ndarray]
    deal: dict[str, np.ndarray]
    pools: dict[str, np.ndarray]
    periods: int

    @classmethod
    def empty(cls, scenarios: int, periods: int, classes: int, pools: int) -> Record:
        return cls(
            classes={n: np.zeros((scenarios, periods, classes)) for n in CLASS_SERIES},
            deal={n: np.zeros((scenarios, periods)) for n in DEAL_SERIES},
            pools={n: np.zeros((scenarios, periods, pools)) for n in POOL_SERIES},
            periods=periods,
        )

    def cut(self, periods: int) -> Record:
        """The first ``periods`` days only."""
        return Record(
            classes={n: a[:, :periods] for n, a in self.classes.items()},
            deal={n: a[:, :periods] for n, a in self.deal.items()},
            pools={n: a[:, :periods] for n, a in self.pools.items()},
            periods=periods,
        )
