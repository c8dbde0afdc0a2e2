"""The payment steps of a distribution day, interpreted in the deal's order.

The step types are data (:mod:`passthru.deal.steps`, written in the deal file
or CMSI's default, cashflow-and-structure.md §2.8). They are compiled to an
array of step codes that one Numba kernel interprets for each scenario and day:
each step draws what it pays from the day's available funds, a senior or PO step
pro rata by amount due when the funds fall short, a subordinate step in order of
seniority. What no step takes is the residual.
"""

from __future__ import annotations

import numba
import numpy as np

from passthru.deal import PayInterest, PayPODeferred, PayPrincipal, PaySubordinatesInTurn, Step
from passthru.waterfall.allocate import NJIT, ratio

SENIOR_INTEREST, SUBORDINATE_INTEREST = 0, 1
PO_PRINCIPAL, SENIOR_PRINCIPAL, SUBORDINATE_PRINCIPAL = 2, 3, 4
PO_DEFERRED, SUBORDINATES_IN_TURN = 5, 6


def step_code(step: Step) -> int:
    """The kernel's code for one step."""
    if isinstance(step, PayInterest):
        return SENIOR_INTEREST if step.group == "senior" else SUBORDINATE_INTEREST
    if isinstance(step, PayPrincipal):
        return {"po": PO_PRINCIPAL, "senior": SENIOR_PRINCIPAL}.get(
            step.group, SUBORDINATE_PRINCIPAL
        )
    if isinstance(step, PayPODeferred):
        return PO_DEFERRED
    if isinstance(step, PaySubordinatesInTurn):
        return SUBORDINATES_IN_TURN
    raise TypeError(f"unknown waterfall step {step!r}")


def step_codes(steps: tuple[Step, ...]) -> np.ndarray:
    """The deal's steps, in order, as kernel codes."""
    return np.array([step_code(s) for s in steps], dtype=np.int64)


@numba.njit(**NJIT)
def pay_pro_rata(funds: float, columns, due, into) -> float:
    """Pay ``due`` of ``columns`` in full, or pro rata when funds fall short; funds left."""
    total = 0.0
    for c in columns:
        total += due[c]
    scale = min(max(ratio(funds, total), 0.0), 1.0)
    paid = 0.0
    for c in columns:
        into[c] += due[c] * scale
        paid += due[c] * scale
    return funds - paid


@numba.njit(**NJIT)
def pay_in_order(funds: float, columns, due, into, due_after, into_after, both: bool) -> float:
    """Pay column by column, each column's ``due`` then (when ``both``) its ``due_after``;
    funds left."""
    available = max(funds, 0.0)
    filled = 0.0
    paid = 0.0
    for c in columns:
        amount = min(max(available - filled, 0.0), due[c])
        filled += due[c]
        into[c] += amount
        paid += amount
        if both:
            amount = min(max(available - filled, 0.0), due_after[c])
            filled += due_after[c]
            into_after[c] += amount
            paid += amount
    return funds - paid


@numba.njit(**NJIT)
def pay_day_into(codes, k, dues, funds: float, paid) -> float:
    """Run every step in order. ``dues`` and ``paid`` are (interest, principal, PO deferred)
    per class (``k``: :class:`KernelClasses`); returns the residual."""
    interest, principal, deferred = dues[0], dues[1], dues[2]
    paid[:] = 0.0
    subs = k.subordinates
    for code in codes:
        if code == SENIOR_INTEREST:
            funds = pay_pro_rata(funds, k.senior_interest, interest, paid[0])
        elif code == SUBORDINATE_INTEREST:
            funds = pay_in_order(funds, subs, interest, paid[0], interest, paid[0], False)
        elif code == PO_PRINCIPAL:
            funds = pay_pro_rata(funds, k.po_classes, principal, paid[1])
        elif code == SENIOR_PRINCIPAL:
            funds = pay_pro_rata(funds, k.all_seniors, principal, paid[1])
        elif code == SUBORDINATE_PRINCIPAL:
            funds = pay_in_order(funds, subs, principal, paid[1], principal, paid[1], False)
        elif code == PO_DEFERRED:
            funds = pay_pro_rata(funds, k.po_classes, deferred, paid[2])
        else:
            funds = pay_in_order(funds, subs, interest, paid[0], principal, paid[1], True)
    return funds
