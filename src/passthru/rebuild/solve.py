"""Balances, then LTVs, as linear programs solved exactly by HiGHS.

With every discrete attribute fixed, each figure is linear in the balances b:
a row's dollars is a sum, a weighted average in [L, H) is the pair
``sum b (x - L) >= 0`` and ``sum b (x - H) <= 0``, a share in [p, q] of the pool
is ``sum_S b - p/100 sum b >= 0`` and its upper twin. Each constraint is hard at
its printed interval (a hair inside its open ends) and soft at a narrower one
(``soft`` inside each end): leaving the narrower interval costs ``PENALTY``
for the whole margin, so the solution keeps away from the edges where the
filing allows (rounding to cents and float sums must not cross them) and goes
near them only where the filing's own figures meet there. The other cost, the
total distance from the nominal balances (whole cents), puts the solution at a
vertex where at most as many loans as there are constraints leave their
nominal or bound; only those carry fractions of a cent, which are rounded by
largest remainder so that each pool's total is its printed cents exactly.

The LTVs are a second, smaller LP of the same form with the balances fixed:
the weighted LTVs of each pool, of all loans and of the pledged loans.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import highspy
import numpy as np

PENALTY = 1e5  # cost of using a constraint's whole soft margin, against 1 per dollar moved
SMALLEST_SOFT = 1e-9
BREAK_PENALTY = 1e8  # cost per unit (at least per soft margin) of breaking a hard bound
BROKEN = 1e-6  # a hard bound broken by more than this is reported


@dataclass(frozen=True)
class Constraint:
    """``lo <= sum(coef * x[index]) <= hi`` over the loans of the whole deal, hard;
    ``soft`` inside each finite end, soft."""

    name: str
    index: np.ndarray
    coef: np.ndarray
    lo: float
    hi: float
    soft: float = 0.0


class SolverError(Exception):
    """HiGHS stopped without an optimal solution (it should not: the LP is always feasible)."""


@dataclass(frozen=True)
class Solution:
    """The values found, and the constraints they could not meet (with the shortfall)."""

    x: np.ndarray
    broken: tuple[tuple[str, float], ...]


def _highs() -> highspy.Highs:
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("random_seed", 0)
    return h


def _slack_columns(constraints: list[Constraint]) -> tuple[np.ndarray, np.ndarray]:
    """Upper bounds and costs of each constraint's four slack columns: short and over
    inside the soft margin, then short and over beyond the hard bound."""
    soft = np.array([c.soft for c in constraints])
    finite = np.array([[math.isfinite(c.lo), math.isfinite(c.hi)] for c in constraints])
    room = (soft[:, None] * finite).reshape(-1, 2)
    soft_cost = PENALTY / np.maximum(room, SMALLEST_SOFT)
    break_cost = BREAK_PENALTY / np.maximum(soft, 1.0)[:, None] * np.ones((soft.size, 2))
    beyond = np.where(finite, np.inf, 0.0).reshape(-1, 2)
    upper = np.concatenate([room.T.ravel(), beyond.T.ravel()])
    return upper, np.concatenate([soft_cost.T.ravel(), break_cost.T.ravel()])


def solve_near(
    nominal: np.ndarray, lo: np.ndarray, hi: np.ndarray, constraints: list[Constraint]
) -> Solution:
    """The x in [lo, hi] nearest ``nominal`` (sum of absolute moves) meeting every constraint.

    Written as x = nominal + up - down with up, down >= 0, so the LP stays linear;
    constraint j's soft margins are two more columns each at most ``soft``, and
    two more, costly beyond any move, break its hard bounds when the constraints
    cannot all hold: so the LP always has a solution, and a broken bound names
    the figure that could not be met with the others.
    """
    n, m = nominal.size, len(constraints)
    start = np.clip(nominal, lo, hi)
    room, soft_cost = _slack_columns(constraints)
    h = _highs()
    inf = highspy.kHighsInf
    upper_bounds = np.concatenate([hi - start, start - lo, room])
    h.addVars(upper_bounds.size, np.zeros(upper_bounds.size), upper_bounds)
    cost = np.concatenate([np.ones(2 * n), soft_cost])
    h.changeColsCost(cost.size, np.arange(cost.size, dtype=np.int32), cost)
    starts, indices, values, lower, upper = [], [], [], [], []
    count = 0
    for j, c in enumerate(constraints):
        base = float(c.coef @ start[c.index])
        starts.append(count)
        slack = 2 * n + j + m * np.arange(4)
        indices += [c.index, c.index + n, slack]
        values += [c.coef, -c.coef, np.array([1.0, -1.0, 1.0, -1.0])]
        count += 2 * c.index.size + 4
        lower.append(-inf if math.isinf(c.lo) else c.lo + c.soft - base)
        upper.append(inf if math.isinf(c.hi) else c.hi - c.soft - base)
    if constraints:
        h.addRows(
            m,
            np.array(lower),
            np.array(upper),
            count,
            np.array(starts, dtype=np.int32),
            np.concatenate(indices).astype(np.int32),
            np.concatenate(values).astype(float),
        )
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise SolverError(h.modelStatusToString(h.getModelStatus()))
    solution = np.asarray(h.getSolution().col_value)
    beyond = solution[2 * n + 2 * m :].reshape(2, -1).sum(axis=0) if m else np.zeros(0)
    broken = tuple(
        (c.name, float(b)) for c, b in zip(constraints, beyond, strict=True) if b > BROKEN
    )
    return Solution(start + solution[:n] - solution[n : 2 * n], broken)


def solve_dropping(
    nominal: np.ndarray, lo: np.ndarray, hi: np.ndarray, constraints: list[Constraint]
) -> Solution:
    """``solve_near``; while it breaks constraints, drop the worst broken one and solve again.

    A figure no tape can meet drags the LP's scale (and so its tolerance) with
    it, and others break only through it; solved again without it, they hold.
    The worst is the one broken by most soft margins. Each round drops one
    constraint, so there are at most as many rounds as constraints.
    """
    dropped: list[tuple[str, float]] = []
    kept = list(constraints)
    while True:
        solution = solve_near(nominal, lo, hi, kept)
        if not solution.broken:
            return Solution(solution.x, tuple(dropped))
        soft = {c.name: max(c.soft, 1.0) for c in kept}
        worst = max(solution.broken, key=lambda b: b[1] / soft[b[0]])
        dropped.append(worst)
        kept = [c for c in kept if c.name != worst[0]]


def round_to_cents(dollars: np.ndarray, pools: list[np.ndarray], totals: list[int]) -> np.ndarray:
    """Whole cents; within each pool the largest remainders round up so the total is exact."""
    scaled = dollars * 100
    cents = np.floor(scaled + 1e-6).astype(np.int64)
    remainder = scaled - cents
    for members, total in zip(pools, totals, strict=True):
        short = int(total - cents[members].sum())
        if short > 0:
            order = members[np.argsort(-remainder[members], kind="stable")]
            cents[order[:short]] += 1
        elif short < 0:
            order = members[np.argsort(remainder[members], kind="stable")]
            cents[order[:-short]] -= 1
    return cents
