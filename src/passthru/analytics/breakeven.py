"""Break-evens over full waterfall runs: the default speed at which a subordinated class
first loses principal, and the PSA at which an IO's yield falls to 0%.

Default break-even: the smallest SDA (or CDR) at which the class's cumulative principal
loss (realized losses and writedowns allocated to it, ``Results.classes.loss``) exceeds
:data:`LOSS_THRESHOLD` = $0.01, at a fixed PSA, severity and liquidation lag. The loss
is zero up to the break-even and grows from there, so a bracket [no loss, loss] is
narrowed by multisection: each round runs the waterfall once with ``points`` speeds
inside every open bracket as scenarios of one run (a bisection that splits into
``points + 1`` parts per run), until each bracket is at most ``tolerance`` wide. The
speed reported is the bracket's upper end: a run at it loses principal, a run at its
lower end, at most ``tolerance`` below, does not.

IO break-even: the PSA at which the IO's bond-equivalent yield at a price is 0%, by
Brent's method (:func:`find_root`) over full runs, bracketed by one run of a PSA grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from passthru.analytics.classes import ClassFlows, certificate_flows
from passthru.analytics.errors import RootNotBracketedError, YieldError
from passthru.analytics.roots import find_root
from passthru.analytics.yield_table import CMSI_DELAY, price_class
from passthru.collateral import Assumptions
from passthru.deal import SUBORDINATE_CLASSES, Deal
from passthru.errors import AssumptionError, DealError
from passthru.waterfall import RunOptions, run

LOSS_THRESHOLD = 0.01
"""Dollars: a class "loses principal" once its cumulative loss exceeds one cent."""
DEFAULT_TOLERANCE = 0.01
"""Width of the final bracket, in points of SDA or CDR (percent)."""
IO_TOLERANCE = 0.001
"""Tolerance of the IO break-even PSA on the speed, in points of PSA (percent)."""
UPPER = {"SDA": 10_000.0, "CDR": 100.0}
YIELD_FLOOR = -200.0
"""Percent: stands for "no yield in range" (finite, so Brent's steps stay finite)."""
IO_GRID = (0.0, 100.0, 200.0, 400.0, 800.0, 1600.0, 3200.0, 6400.0)


@dataclass(frozen=True)
class Breakeven:
    """One class's break-even: ``speed`` (None when the class never reaches it within the
    searched range), the bracket it lies in, its ``tolerance`` and the runs it took."""

    class_name: str
    measure: str
    speed: float | None
    below: float
    above: float | None
    tolerance: float
    runs: int

    def as_row(self) -> dict[str, object]:
        return {
            "class": self.class_name,
            "measure": self.measure,
            "break_even": self.speed,
            "bracket_low": self.below,
            "tolerance": self.tolerance,
            "runs": self.runs,
        }


def _default_scenario(measure: str, speed: float, psa: float, severity: float, lag: int):
    return Assumptions.from_options(
        psa=psa, severity=severity, lag=lag, **{measure.lower(): float(speed)}
    )


def class_losses(
    deal: Deal,
    loans: pl.DataFrame,
    names: Sequence[str],
    speeds: Sequence[float],
    *,
    measure: str = "SDA",
    psa: float,
    severity: float,
    lag: int,
    call: bool | None = False,
) -> np.ndarray:
    """Cumulative principal loss in dollars of each class (columns) at each default speed
    (rows), from one waterfall run with one scenario per speed."""
    scenarios = [_default_scenario(measure, s, psa, severity, lag) for s in speeds]
    results = run(deal, loans, scenarios[0], RunOptions(call=call, scenarios=tuple(scenarios[1:])))
    totals = (
        results.classes.filter(pl.col("class").is_in(list(names)))
        .group_by("scenario", "class")
        .agg(pl.col("loss").sum())
        .pivot(on="class", index="scenario", values="loss")
        .sort("scenario")
    )
    return totals.select(list(names)).to_numpy()


def check_class_names(deal: Deal, names: Sequence[str]) -> None:
    """Every name is one of the deal's classes, checked before any run; else a
    ``DealError`` on ``class`` naming the classes there are."""
    known = [c.name for c in deal.classes]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise DealError(
            f"no class {', '.join(map(repr, unknown))} in deal {deal.name}; "
            f"its classes are {', '.join(known) or 'none'}",
            field="class",
        )


def _check_measure(measure: str) -> str:
    upper = measure.upper()
    if upper not in UPPER:
        raise AssumptionError(f"{measure!r}: the default measure is SDA or CDR", field="measure")
    return upper


def breakeven_defaults(
    deal: Deal,
    loans: pl.DataFrame,
    *,
    psa: float,
    severity: float,
    lag: int = 12,
    measure: str = "SDA",
    names: Sequence[str] = SUBORDINATE_CLASSES,
    upper: float | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    points: int = 15,
    call: bool | None = False,
) -> list[Breakeven]:
    """The break-even SDA (or CDR) of each class in ``names`` at ``psa``, ``severity`` (%)
    and ``lag`` (months; SF's examples use 12), searched in [0, ``upper``] by
    multisection (see the module docstring) to ``tolerance`` points."""
    measure = _check_measure(measure)
    check_class_names(deal, names)
    if tolerance <= 0 or points < 1:
        raise AssumptionError("tolerance must be positive and points at least 1", field="tolerance")
    top = UPPER[measure] if upper is None else float(upper)
    brackets = {n: (0.0, top) for n in names}
    runs = 1
    ends = class_losses(deal, loans, names, [0.0, top], measure=measure, psa=psa,
                        severity=severity, lag=lag, call=call)  # fmt: skip
    for i, n in enumerate(names):
        if ends[0, i] > LOSS_THRESHOLD:
            brackets[n] = (0.0, 0.0)
        elif ends[1, i] <= LOSS_THRESHOLD:
            brackets[n] = (top, top)
    while open_ := [n for n in names if brackets[n][1] - brackets[n][0] > tolerance]:
        grids = {n: np.linspace(*brackets[n], points + 2)[1:-1] for n in open_}
        speeds = np.concatenate(list(grids.values()))
        losses = class_losses(deal, loans, names, speeds, measure=measure, psa=psa,
                              severity=severity, lag=lag, call=call)  # fmt: skip
        runs += 1
        at = 0
        for n in open_:
            lost = losses[at : at + points, list(names).index(n)] > LOSS_THRESHOLD
            grid = grids[n]
            first = int(np.argmax(lost)) if lost.any() else points
            lo = brackets[n][0] if first == 0 else float(grid[first - 1])
            hi = brackets[n][1] if first == points else float(grid[first])
            brackets[n] = (lo, hi)
            at += points
    return [
        Breakeven(
            class_name=n,
            measure=measure,
            speed=None if ends[1, i] <= LOSS_THRESHOLD else brackets[n][1],
            below=brackets[n][0],
            above=None if ends[1, i] <= LOSS_THRESHOLD else brackets[n][1],
            tolerance=tolerance,
            runs=runs,
        )
        for i, n in enumerate(names)
    ]


def io_yield_at(
    deal: Deal,
    loans: pl.DataFrame,
    name: str,
    speeds: Sequence[float],
    *,
    price: float | str,
    settle: date | None = None,
    delay: int = CMSI_DELAY,
) -> np.ndarray:
    """The IO's bond-equivalent yield (%) at ``price`` at each PSA speed (one run)."""
    scenarios = [Assumptions.from_options(psa=float(s)) for s in speeds]
    flows = certificate_flows(deal, loans, scenarios)
    if flows.kind(name) != "io":
        raise AssumptionError(f"class {name} is not an IO class", field="class")
    return np.array(
        [
            _yield_or_floor(flows, name, s, price=price, settle=settle, delay=delay)
            for s in range(len(speeds))
        ]
    )


def _yield_or_floor(flows: ClassFlows, name: str, scenario: int, **pricing) -> float:
    """The yield, or :data:`YIELD_FLOOR` when so little cash comes back that no yield down
    to -198.65% prices it (an IO at extreme speeds): for a break-even, below 0%."""
    try:
        return price_class(flows, name, scenario=scenario, **pricing).yield_
    except YieldError:
        return YIELD_FLOOR


def breakeven_io_psa(
    deal: Deal,
    loans: pl.DataFrame,
    name: str,
    *,
    price: float | str,
    settle: date | None = None,
    delay: int = CMSI_DELAY,
    tolerance: float = IO_TOLERANCE,
) -> Breakeven:
    """The PSA at which IO class ``name`` bought at ``price`` yields 0%: bracketed by one run
    of :data:`IO_GRID`, then Brent's method over single runs to ``tolerance`` PSA."""
    check_class_names(deal, [name])
    grid = np.array(IO_GRID)
    yields = io_yield_at(deal, loans, name, grid, price=price, settle=settle, delay=delay)
    if yields[0] <= 0 or (yields > 0).all():
        raise RootNotBracketedError(grid[0], grid[-1], float(yields[0]), float(yields[-1]))
    k = int(np.argmax(yields <= 0))
    runs = [1]

    def yield_at(speed: float) -> float:
        runs[0] += 1
        return float(
            io_yield_at(deal, loans, name, [speed], price=price, settle=settle, delay=delay)[0]
        )

    speed = find_root(yield_at, float(grid[k - 1]), float(grid[k]), tol=tolerance)
    return Breakeven(
        class_name=name,
        measure="PSA",
        speed=speed,
        below=float(grid[k - 1]),
        above=float(grid[k]),
        tolerance=tolerance,
        runs=runs[0],
    )


def breakeven_frame(found: Sequence[Breakeven]) -> pl.DataFrame:
    """Break-evens as a table, one row per class."""
    return pl.DataFrame([b.as_row() for b in found])
