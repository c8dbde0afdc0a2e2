"""Waterfall choices that cashflow-and-structure.md §2 leaves GENERIC or unconfirmed.

Each is a deal term with the generic rule as its default, so a deal file can state
the deal's own once its pooling agreement has been read (§2.10).
"""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from passthru.deal.base import Frozen
from passthru.deal.steps import CMSI_STEPS, Step, check_steps


class WaterfallOptions(Frozen):
    """Distribution-day choices the engine reads.

    - ``po_deferred_from_subordinate_principal``: PO losses become deferred
      amounts, reimbursed from principal otherwise due to the subordinated
      classes until the cross-over date (§2.7, [S15] GENERIC).
    - ``interest_shortfalls``: uncovered prepayment-interest and Relief Act
      shortfalls shared by accrued interest among all interest-bearing classes
      (§2.3 GENERIC), or borne by the subordinated classes first, most junior first.
    - ``interest_carry_forward``: interest a class is owed and not paid (its share of
      a pool's shortfall of collections) is carried forward, without interest, and
      paid out of later days' collections before their current interest (GENERIC
      prime-jumbo unpaid interest shortfalls); off: it is lost.
    - ``senior_principal``: among several senior target-rate classes of a pool,
      pro rata by balance or sequentially in the order the deal file lists them.
    - ``liquidated_loans``: senior principal from a liquidated loan is the lesser
      of SP·(1-f)·stated balance and SPP·(1-f)·liquidation principal ([S19],
      §2.4), or the loan is treated as unscheduled principal like a prepayment.
    - ``subordinate_rate``: the pass-through rate of a subordinated class whose
      deal file states none (the 8-K gives none): CMSI-style, the average of the
      pools' target rates weighted by each pool's subordinate component (its
      target-rate strip less its senior target-rate balance) on the prior day.
    - ``steps``: the distribution-day priority (:mod:`passthru.deal.steps`);
      by default the GENERIC order of §2.8.
    """

    po_deferred_from_subordinate_principal: bool = True
    interest_shortfalls: Literal["by_accrued_interest", "subordinate_first"] = "by_accrued_interest"
    interest_carry_forward: bool = True
    senior_principal: Literal["pro_rata", "sequential"] = "pro_rata"
    liquidated_loans: Literal["lesser_of_balance_and_proceeds", "as_unscheduled"] = (
        "lesser_of_balance_and_proceeds"
    )
    subordinate_rate: Literal["weighted_target_rate"] = "weighted_target_rate"
    steps: tuple[Step, ...] = CMSI_STEPS

    @field_validator("steps")
    @classmethod
    def _each_payment_once(cls, steps: tuple[Step, ...]) -> tuple[Step, ...]:
        return check_steps(steps)
