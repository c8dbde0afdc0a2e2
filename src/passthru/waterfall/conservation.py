"""Every distribution day is checked: cash in equals cash out, balances track the collateral.

- cash: the pools' available funds equal the interest, principal and PO
  deferred amounts paid to all classes plus the residual, to the cent;
- no class balance is negative, and each class's ending balance is its
  beginning balance less principal paid and losses;
- the target-rate classes (seniors and B-1 to B-6) together equal the pools'
  target-rate strips, and each PO class equals its pool's PO strip (the PO
  deferred amounts are owed on top: a PO loss reduces both, §2.7).

The checks run over the recorded days at once (arrays with a scenario and a day
axis); a break raises :class:`passthru.errors.ConservationError` naming the
first day that breaks, the scenario, the class and the amounts.
"""

from __future__ import annotations

import numpy as np

from passthru.errors import ConservationError
from passthru.waterfall.record import Record
from passthru.waterfall.state import TOLERANCE, Terms

CENT = 0.01
Break = tuple[int, str]
"""A break: the distribution day and the message."""


def _first_break(gap: np.ndarray, tolerance: float) -> tuple[int, ...] | None:
    """(day index, scenario, further indices) of the earliest entry of ``gap`` (scenarios,
    days, ...) beyond ``tolerance``, or None."""
    if gap.size == 0 or not np.abs(gap).max() > tolerance:
        return None
    by_day = np.moveaxis(gap, 1, 0)
    t, s, *rest = np.argwhere(np.abs(by_day) > tolerance)[0]
    return (int(t), int(s), *(int(i) for i in rest))


def cash_break(
    day: int, available: np.ndarray, paid: np.ndarray, residual: np.ndarray
) -> Break | None:
    """Available funds = everything paid to the classes + the residual (scenarios, days);
    ``day`` is the number of the first day."""
    where = _first_break(available - paid - residual, TOLERANCE)
    if where is None:
        return None
    t, s = where
    a, p, r = available[s, t], paid[s, t], residual[s, t]
    return day + t, (
        f"distribution day {day + t}, scenario {s}: available funds {a:,.2f} but {p:,.2f} "
        f"paid to the classes and {r:,.2f} residual (difference {a - p - r:,.2f})"
    )


def check_cash(day: int, available: np.ndarray, paid: np.ndarray, residual: np.ndarray) -> None:
    """:func:`cash_break` for arrays of one day (scenarios,) or many (scenarios, days)."""
    columns = [np.asarray(a, dtype=float).reshape(len(a), -1) for a in (available, paid, residual)]
    found = cash_break(day, *columns)
    if found:
        raise ConservationError(found[1])


def class_break(day: int, names: tuple[str, ...], classes: dict[str, np.ndarray]) -> Break | None:
    """No negative balance; ending = beginning - principal paid - loss, for every class."""
    ending = classes["ending_balance"]
    negative = _first_break(np.minimum(ending, 0.0), TOLERANCE)
    expected = classes["beginning_balance"] - classes["principal_paid"] - classes["loss"]
    drift = _first_break(ending - expected, TOLERANCE)
    if negative and (drift is None or negative <= drift):
        t, s, c = negative
        return day + t, (
            f"distribution day {day + t}, scenario {s}: class {names[c]} ends at "
            f"{ending[s, t, c]:,.2f}, below zero"
        )
    if drift:
        t, s, c = drift
        return day + t, (
            f"distribution day {day + t}, scenario {s}: class {names[c]} ends at "
            f"{ending[s, t, c]:,.2f}, not beginning {classes['beginning_balance'][s, t, c]:,.2f} "
            f"less principal {classes['principal_paid'][s, t, c]:,.2f} and loss "
            f"{classes['loss'][s, t, c]:,.2f}"
        )
    return None


def tracking_breaks(day: int, terms: Terms, balance: np.ndarray, strip: np.ndarray,
                    po_strip: np.ndarray) -> list[Break]:  # fmt: skip
    """Target-rate classes track the target-rate strips, each PO class its PO strip, to the
    cent (``balance`` (scenarios, days, classes), strips (scenarios, days, pools))."""
    table = terms.table
    classes = balance[:, :, table.target_rate_classes].sum(axis=2)
    strips = strip.sum(axis=2)
    found = []
    where = _first_break(classes - strips, CENT)
    if where:
        t, s = where
        found.append((day + t, (
            f"distribution day {day + t}, scenario {s}: target-rate classes total "
            f"{classes[s, t]:,.2f} but the target-rate strips {strips[s, t]:,.2f} "
            f"(difference {classes[s, t] - strips[s, t]:,.2f})"
        )))  # fmt: skip
    for p, po in enumerate(table.po):
        where = _first_break(balance[:, :, po] - po_strip[:, :, p], CENT) if po >= 0 else None
        if where:
            t, s = where
            found.append((day + t, (
                f"distribution day {day + t}, scenario {s}: class {table.names[po]} balance "
                f"{balance[s, t, po]:,.2f} but pool {table.pools[p]}'s PO strip "
                f"{po_strip[s, t, p]:,.2f}"
            )))  # fmt: skip
    return found


def check_record(terms: Terms, record: Record) -> None:
    """Check every recorded day; raise for the earliest break (cash, then classes, then
    tracking on the same day)."""
    c = record.classes
    paid = (c["interest_paid"] + c["principal_paid"] + c["deferred_paid"]).sum(axis=2)
    breaks = [
        cash_break(1, record.deal["available_funds"], paid, record.deal["residual"]),
        class_break(1, terms.table.names, c),
        *tracking_breaks(
            1, terms, c["ending_balance"], record.pools["target_rate_strip"],
            record.pools["po_strip"],
        ),
    ]  # fmt: skip
    found = [b for b in breaks if b is not None]
    if found:
        raise ConservationError(min(found, key=lambda b: b[0])[1])
