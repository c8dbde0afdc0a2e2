"""The payment steps of a distribution day, interpreted in the deal's order.

The step types are data (:mod:`passthru.deal.steps`, written in the deal file
or CMSI's default, cashflow-and-structure.md §2.8). Each step here draws what it
pays from the day's available funds, one amount per scenario: a senior or PO
step pro rata by amount due when the funds fall short, a subordinate step in
order of seniority. What no step takes is the residual.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from passthru.deal import PayInterest, PayPODeferred, PayPrincipal, PaySubordinatesInTurn, Step
from passthru.waterfall.allocate import ratio, sequential
from passthru.waterfall.certificates import ClassTable
from passthru.waterfall.dues import Dues


@dataclass(eq=False)
class Payments:
    """What each class received (scenarios, classes) and the funds not yet paid out (scenarios,)."""

    interest: np.ndarray
    principal: np.ndarray
    deferred: np.ndarray
    funds: np.ndarray

    @classmethod
    def from_funds(cls, funds: np.ndarray, classes: int) -> Payments:
        shape = (funds.shape[0], classes)
        return cls(np.zeros(shape), np.zeros(shape), np.zeros(shape), funds.copy())

    def pay_pro_rata(self, into: np.ndarray, columns: np.ndarray, due: np.ndarray) -> None:
        """Pay ``due`` (scenarios, len(columns)) in full, or pro rata when funds fall short."""
        scale = np.clip(ratio(self.funds, due.sum(axis=1)), 0.0, 1.0)
        paid = due * scale[:, None]
        into[:, columns] += paid
        self.funds -= paid.sum(axis=1)

    def pay_in_order(self, into: tuple[np.ndarray, ...], columns: np.ndarray, due: tuple) -> None:
        """Pay dues in turn: column by column, each kind of due in the order given."""
        interleaved = np.stack(due, axis=2).reshape(due[0].shape[0], -1)
        paid = sequential(np.maximum(self.funds, 0.0), interleaved).reshape(
            due[0].shape[0], -1, len(due)
        )
        for k, target in enumerate(into):
            target[:, columns] += paid[:, :, k]
        self.funds -= paid.sum(axis=(1, 2))


def senior_interest_classes(table: ClassTable) -> np.ndarray:
    """Every pool's senior target-rate and IO classes."""
    io = table.io[table.io >= 0]
    return np.concatenate([*table.seniors, io]).astype(int)


def po_classes(table: ClassTable) -> np.ndarray:
    return table.po[table.po >= 0].astype(int)


def run_step(step: Step, table: ClassTable, dues: Dues, paid: Payments) -> None:
    """Make one step's payments out of ``paid.funds``."""
    subs = table.subordinates
    if isinstance(step, PayInterest):
        if step.group == "senior":
            cols = senior_interest_classes(table)
            paid.pay_pro_rata(paid.interest, cols, dues.interest[:, cols])
        else:
            paid.pay_in_order((paid.interest,), subs, (dues.interest[:, subs],))
    elif isinstance(step, PayPrincipal):
        if step.group == "subordinate":
            paid.pay_in_order((paid.principal,), subs, (dues.principal[:, subs],))
        else:
            cols = po_classes(table) if step.group == "po" else np.concatenate(table.seniors)
            paid.pay_pro_rata(paid.principal, cols.astype(int), dues.principal[:, cols])
    elif isinstance(step, PayPODeferred):
        cols = po_classes(table)
        paid.pay_pro_rata(paid.deferred, cols, dues.deferred[:, cols])
    elif isinstance(step, PaySubordinatesInTurn):
        paid.pay_in_order(
            (paid.interest, paid.principal), subs, (dues.interest[:, subs], dues.principal[:, subs])
        )


def pay_day(steps: tuple[Step, ...], table: ClassTable, dues: Dues, funds: np.ndarray) -> Payments:
    """Run every step in order; ``funds`` left over is the residual."""
    paid = Payments.from_funds(funds, table.count)
    for step in steps:
        run_step(step, table, dues, paid)
    return paid
