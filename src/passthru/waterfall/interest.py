"""Interest accrued and interest shortfalls on a distribution day.

cashflow-and-structure.md §2.3: a target-rate class accrues balance x rate / 12
(30/360, prior calendar month) on its balance after the previous distribution
day; the IO class the pool's IO strip interest; the PO class nothing.
Shortfalls (interest collected below interest accrued) are shared among the
interest-bearing classes by accrued interest (GENERIC) or borne by the
subordinated classes first, most junior first.
"""

from __future__ import annotations

import numpy as np

from passthru.waterfall.allocate import pro_rata, ratio, reverse_sequential

MONTHS_PER_YEAR = 12.0


def subordinate_rate(components: np.ndarray, target_rates: np.ndarray) -> np.ndarray:
    """The subordinated classes' rate (fraction a year): the pools' target rates weighted by
    each pool's subordinate component, its target-rate strip less its senior balance
    (``WaterfallOptions.subordinate_rate = "weighted_target_rate"``).

    ``components`` is (scenarios, pools); a negative component weighs nothing.
    With no component left, the plain average of the target rates.
    """
    weights = np.maximum(components, 0.0)
    total = weights.sum(axis=1)
    weighted = ratio((weights * target_rates).sum(axis=1), total)
    return np.where(total > 0, weighted, target_rates.mean())


def share_by_accrued(shortfall: np.ndarray, accrued: np.ndarray) -> np.ndarray:
    """A pool's shortfall shared among its classes in proportion to interest accrued (§2.3)."""
    return pro_rata(np.minimum(shortfall, accrued.sum(axis=-1)), accrued)


def subordinates_first(
    shortfall: np.ndarray, senior_accrued: np.ndarray, subordinate_accrued: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(seniors', subordinates') shares of a shortfall borne by B-6 first, up to B-1, then the
    seniors by accrued interest (``interest_shortfalls = "subordinate_first"``)."""
    to_subordinates = reverse_sequential(shortfall, subordinate_accrued)
    rest = shortfall - to_subordinates.sum(axis=-1)
    return share_by_accrued(rest, senior_accrued), to_subordinates
