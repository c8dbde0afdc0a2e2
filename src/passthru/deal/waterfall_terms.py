"""Waterfall choices that cashflow-and-structure.md §2 leaves GENERIC or unconfirmed.

Each is a deal term with the generic rule as its default, so a deal file can state
the deal's own once its pooling agreement has been read (§2.10).
"""

from __future__ import annotations

from typing import Literal

from passthru.deal.base import Frozen


class WaterfallOptions(Frozen):
    """Distribution-day choices the engine reads.

    - ``po_deferred_from_subordinate_principal``: PO losses become deferred
      amounts, reimbursed from principal otherwise due to the subordinated
      classes until the cross-over date (§2.7, [S15] GENERIC).
    - ``interest_shortfalls``: uncovered prepayment-interest and Relief Act
      shortfalls shared by accrued interest among all interest-bearing classes
      (§2.3 GENERIC), or borne by the subordinated classes first, most junior first.
    - ``senior_principal``: among several senior target-rate classes of a pool,
      pro rata by balance or sequentially in the order the deal file lists them.
    - ``liquidated_loans``: senior principal from a liquidated loan is the lesser
      of SP·(1-f)·stated balance and SPP·(1-f)·liquidation principal ([S19],
      §2.4), or the loan is treated as unscheduled principal like a prepayment.
    """

    po_deferred_from_subordinate_principal: bool = True
    interest_shortfalls: Literal["by_accrued_interest", "subordinate_first"] = "by_accrued_interest"
    senior_principal: Literal["pro_rata", "sequential"] = "pro_rata"
    liquidated_loans: Literal["lesser_of_balance_and_proceeds", "as_unscheduled"] = (
        "lesser_of_balance_and_proceeds"
    )
