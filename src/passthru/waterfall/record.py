"""What the engine records on every distribution day, one row per scenario.

The kernel writes into three arrays whose first axis is the series, in the order
of :data:`CLASS_SERIES`, :data:`DEAL_SERIES` and :data:`POOL_SERIES`; the
constants below name the positions it uses.
"""

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
    "unpaid_interest",
    "beginning_notional",
    "ending_notional",
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
POOL_SERIES = (
    "available_funds",
    "senior_pct",
    "senior_prepayment_pct",
    "target_rate_strip",
    "po_strip",
)


@dataclass(frozen=True, eq=False)
class Record:
    """``classes[name]`` (scenarios, periods, classes); ``deal[name]`` (scenarios, periods);
    ``pools[name]`` (scenarios, periods, pools). ``periods`` is how many days were run."""

    classes: dict[str, np.ndarray]
    deal: dict[str, np.ndarray]
    pools: dict[str, np.ndarray]
    periods: int

    @classmethod
    def from_arrays(cls, classes: np.ndarray, deal: np.ndarray, pools: np.ndarray) -> Record:
        """The kernel's arrays: (:data:`CLASS_SERIES`, scenarios, periods, classes),
        (:data:`DEAL_SERIES`, scenarios, periods), (:data:`POOL_SERIES`, scenarios,
        periods, pools)."""
        return cls(
            classes=dict(zip(CLASS_SERIES, classes, strict=True)),
            deal=dict(zip(DEAL_SERIES, deal, strict=True)),
            pools=dict(zip(POOL_SERIES, pools, strict=True)),
            periods=deal.shape[2],
        )

    def cut(self, periods: int) -> Record:
        """The first ``periods`` days only."""
        return Record(
            classes={n: a[:, :periods] for n, a in self.classes.items()},
            deal={n: a[:, :periods] for n, a in self.deal.items()},
            pools={n: a[:, :periods] for n, a in self.pools.items()},
            periods=periods,
        )


(BEGINNING, ACCRUED, INTEREST_PAID, SHORTFALL, PRINCIPAL_PAID, DEFERRED_PAID, LOSS, ENDING,
 UNPAID, BEGINNING_NOTIONAL, ENDING_NOTIONAL) = range(len(CLASS_SERIES))  # fmt: skip
(AVAILABLE, SERVICING, DISTRIBUTED, RESIDUAL, REALIZED, LOSS_BY_TYPE) = range(6)  # 5..8 by type
EXCESS, WRITEDOWN, LIMITS, PO_DEFERRED_OWED = 9, 10, 11, 14  # limits: 11..13
SUB_RATE, SENIOR_PCT, SENIOR_PREPAYMENT_PCT, COLLATERAL, TESTS, IMPAIRED = range(15, 21)
CROSSED, CALLED = 21, 22
POOL_AVAILABLE, POOL_SENIOR_PCT, POOL_SPP, POOL_STRIP, POOL_PO_STRIP = range(len(POOL_SERIES))
