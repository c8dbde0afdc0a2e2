"""The distribution-day waterfall on a 2003-2-sized deal: one scenario and 100.

A synthetic tape of 1,620 loans pooled under ``cmsi-2003-2`` (two pools), with
the deal's twelve classes sized to it (:func:`passthru.waterfall.sizing.deal_sized_to`):
loan-level collateral by the Standard Formulas, then every distribution day.
Each row keeps the best of a few runs of :func:`passthru.waterfall.run` (collateral,
waterfall, conservation checks and result frames). Goals: one scenario under
50 ms, 100 scenarios under 2 s.

The first run loads the Numba kernels (compiling them once per machine, then from
the cache); it is timed and printed apart.
"""

from __future__ import annotations

import time

import polars as pl
from rich.console import Console
from rich.table import Table

from passthru.collateral import Assumptions
from passthru.deal import load_deal
from passthru.pool import form_pools
from passthru.tape.synthetic import synthetic_tape
from passthru.waterfall import RunOptions, run
from passthru.waterfall.sizing import deal_sized_to

DEAL = "cmsi-2003-2"
LOANS = 1_620
SEED = 2003
GOALS = {1: 0.050, 100: 2.0}
REPEATS = {1: 5, 100: 2}


def inputs():
    """The pooled synthetic tape and the deal sized to it."""
    deal = load_deal(DEAL)
    loans = form_pools(synthetic_tape(LOANS, deal=deal, seed=SEED), deal).loans
    balances = dict(loans.group_by("pool").agg(pl.col("current_balance").sum()).iter_rows())
    return deal_sized_to(deal, balances), loans


def scenarios(count: int) -> tuple[Assumptions, ...]:
    """A grid of PSA x SDA with 35% severity, 12 months to liquidation."""
    return tuple(
        Assumptions.from_options(
            psa=50 + 25 * (i % 10), sda=50 + 25 * (i // 10), severity=35, lag=12
        )
        for i in range(count)
    )


def best_time(deal, loans, count: int) -> tuple[float, int]:
    grid = scenarios(count)
    options = RunOptions(scenarios=grid[1:], call=True)
    best = float("inf")
    rows = 0
    for _ in range(REPEATS[count]):
        started = time.perf_counter()
        results = run(deal, loans, grid[0], options)
        best = min(best, time.perf_counter() - started)
        rows = results.classes.height
    return best, rows


def main() -> None:
    console = Console()
    deal, loans = inputs()
    started = time.perf_counter()
    run(deal, loans, scenarios(1)[0])  # compile (first time on a machine) or load the kernels
    warm_up = time.perf_counter() - started
    table = Table(title=f"waterfall: {LOANS:,} loans, 2 pools, {len(deal.classes)} classes")
    for column in ("scenarios", "class rows", "best (s)", "goal (s)", "met"):
        table.add_column(column, justify="right")
    for count, goal in GOALS.items():
        seconds, rows = best_time(deal, loans, count)
        met = "yes" if seconds <= goal else "no"
        table.add_row(str(count), f"{rows:,}", f"{seconds:.3f}", f"{goal:.3f}", met)
    console.print(table)
    console.print(f"warm-up (kernel compile or cache load, first run): {warm_up:.2f} s")


if __name__ == "__main__":
    main()
