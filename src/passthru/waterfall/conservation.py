"""Every distribution day is checked: cash in equals cash out, balances track the collateral.

- cash: the pools' available funds equal the interest, principal and PO
  deferred amounts paid to all classes plus the residual, to the cent;
- no class balance is negative, and each class's ending balance is its
  beginning balance less principal paid and losses;
- the target-rate classes (seniors and B-1 to B-6) together equal the pools'
  target-rate strips, and each PO class equals its pool's PO strip (the PO
  deferred amounts are owed on top: a PO loss reduces both, §2.7).

A break raises :class:`passthru.errors.ConservationError` naming the day, the
scenario, the class and the amounts.
"""

from __future__ import annotations

import numpy as np

from passthru.errors import ConservationError
from passthru.waterfall.state import TOLERANCE, Terms

CENT = 0.01


def _first_break(gap: np.ndarray, tolerance: float) -> tuple[int, ...] | None:
    if gap.size == 0 or np.abs(gap).max() <= tolerance:
        return None
    bad = np.argwhere(np.abs(gap) > tolerance)
    return tuple(int(i) for i in bad[0]) if bad.size else None


def check_cash(day: int, available: np.ndarray, paid: np.ndarray, residual: np.ndarray) -> None:
    """Available funds = everything paid to the classes + the residual (per scenario)."""
    where = _first_break(available - paid - residual, TOLERANCE)
    if where:
        (s,) = where
        raise ConservationError(
            f"distribution day {day}, scenario {s}: available funds {available[s]:,.2f} "
            f"but {paid[s]:,.2f} paid to the classes and {residual[s]:,.2f} residual "
            f"(difference {available[s] - paid[s] - residual[s]:,.2f})"
        )


def check_classes(day: int, terms: Terms, series: dict[str, np.ndarray]) -> None:
    """No negative balance; ending = beginning - principal paid - loss, for every class."""
    names = terms.table.names
    ending = series["ending_balance"]
    negative = _first_break(np.minimum(ending, 0.0), TOLERANCE)
    if negative:
        s, c = negative
        raise ConservationError(
            f"distribution day {day}, scenario {s}: class {names[c]} ends at "
            f"{ending[s, c]:,.2f}, below zero"
        )
    expected = series["beginning_balance"] - series["principal_paid"] - series["loss"]
    drift = _first_break(ending - expected, TOLERANCE)
    if drift:
        s, c = drift
        raise ConservationError(
            f"distribution day {day}, scenario {s}: class {names[c]} ends at "
            f"{ending[s, c]:,.2f}, not beginning {series['beginning_balance'][s, c]:,.2f} less "
            f"principal {series['principal_paid'][s, c]:,.2f} and loss {series['loss'][s, c]:,.2f}"
        )


def check_tracking(
    day: int, terms: Terms, balance: np.ndarray, strip: np.ndarray, po_strip: np.ndarray
) -> None:
    """Target-rate classes track the target-rate strips, each PO class its PO strip, to the
    cent."""
    table = terms.table
    classes = balance[:, table.target_rate_classes].sum(axis=1)
    strips = strip.sum(axis=1)
    where = _first_break(classes - strips, CENT)
    if where:
        (s,) = where
        raise ConservationError(
            f"distribution day {day}, scenario {s}: target-rate classes total "
            f"{classes[s]:,.2f} but the target-rate strips {strips[s]:,.2f} "
            f"(difference {classes[s] - strips[s]:,.2f})"
        )
    for p, po in enumerate(table.po):
        if po < 0:
            continue
        where = _first_break(balance[:, po] - po_strip[:, p], CENT)
        if where:
            (s,) = where
            raise ConservationError(
                f"distribution day {day}, scenario {s}: class {table.names[po]} balance "
                f"{balance[s, po]:,.2f} but pool {table.pools[p]}'s PO strip "
                f"{po_strip[s, p]:,.2f}"
            )
