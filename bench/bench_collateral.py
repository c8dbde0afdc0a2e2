"""Collateral projection by the Standard Formulas: a million loans, and a scenario grid.

Two cases, each in its own subprocess so that each reports its own peak memory:

* ``million``: 1,000,000 loans in two pools x 360 months, one scenario
  (150% PSA, 100% SDA, 20% severity, 12-month lag, advancing);
* ``grid``: a 1,620-loan pool x 100 scenarios (10 PSA x 10 SDA speeds), one pass.

Loans are drawn in memory (seeded): balances 50,000 to 1,000,000, note rates
5.25% to 7.25% in eighths, 0.25% servicing, 15- and 30-year terms, ages 0-36.
As a yardstick each case also times 10 passes of a NumPy copy of the loan-state
arrays the kernel reads, and prints the ratio. Goals: the million-loan run under
5 s and 4 GB peak; the grid under 1 s. Each case keeps the best of its runs,
after one untimed run that loads Numba's compiled kernel.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

import numpy as np
from rich.console import Console
from rich.table import Table

from passthru.collateral import Assumptions, LoanArrays, project, project_grid

SEED = 2003
TARGET = {"I": 5.75, "II": 5.25}
GOALS = {"million": (5.0, 4096.0), "grid": (1.0, 4096.0)}
REPEATS = 2


def synthetic_loans(n: int, seed: int = SEED, pools: tuple[str, ...] = ("I", "II")) -> LoanArrays:
    """Loans in pools I (30-year) and II (15-year), with their strips against the targets."""
    rng = np.random.default_rng(seed)
    counts = np.bincount(rng.random(n) < 0.25, minlength=2) if len(pools) == 2 else np.array([n])
    starts = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    terms = np.concatenate([np.full(c, t) for c, t in zip(counts, (360, 180), strict=False)])
    age = rng.integers(0, 37, n)
    note = 5.25 + 0.125 * rng.integers(0, 17, n)
    net = note - 0.25
    target = np.concatenate([np.full(c, TARGET[p]) for c, p in zip(counts, pools, strict=True)])
    premium = net >= target
    return LoanArrays(
        pools=pools,
        pool_start=starts,
        balance=np.round(rng.uniform(50_000, 1_000_000, n), 2),
        note_rate=note,
        net_rate=net,
        remaining_term=(terms - age).astype(np.int64),
        loan_age=age.astype(np.int64),
        po_fraction=np.where(premium, 0.0, (target - net) / target),
        io_fraction=np.where(premium, (net - target) / net, 0.0),
    )


def _yardstick(loans: LoanArrays) -> float:
    """10 passes of a NumPy copy of the arrays the kernel reads (seconds)."""
    arrays = [
        loans.balance,
        loans.note_rate,
        loans.net_rate,
        loans.remaining_term,
        loans.loan_age,
        loans.po_fraction,
        loans.io_fraction,
    ]
    start = time.perf_counter()
    for _ in range(10):
        for a in arrays:
            a.copy()
    return time.perf_counter() - start


def _best(run, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def run_case(case: str) -> dict:
    """Time one case in this process; peak memory is this process's."""
    base = Assumptions.from_options(psa=150, sda=100, severity=20, lag=12)
    if case == "million":
        loans = synthetic_loans(1_000_000)
        project(loans, base, months=2)
        seconds = _best(lambda: project(loans, base))
        label = "1,000,000 loans x 360 months, 1 scenario"
    else:
        loans = synthetic_loans(1_620, pools=("I",))
        grid = [
            Assumptions.from_options(psa=p, sda=s, severity=20, lag=12)
            for p in range(50, 550, 50)
            for s in range(50, 550, 50)
        ]
        project_grid(loans, grid[:1], months=2)
        seconds = _best(lambda: project_grid(loans, grid), repeats=3)
        label = "1,620 loans x 360 months x 100 scenarios"
    yardstick = _yardstick(loans)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {
        "case": case,
        "label": label,
        "seconds": seconds,
        "yardstick": yardstick,
        "peak_mb": peak,
    }


def main() -> None:
    console = Console()
    table = Table(title="Collateral cash flows (Standard Formulas)")
    for column in ("case", "time (s)", "goal (s)", "peak (MB)", "10 numpy copies (s)", "ratio"):
        table.add_column(column, justify="right" if column != "case" else "left")
    for case in ("million", "grid"):
        code = (
            "import json; from bench.bench_collateral import run_case; "
            f"print(json.dumps(run_case({case!r})))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        row = json.loads(done.stdout.strip().splitlines()[-1])
        goal_s, goal_mb = GOALS[case]
        met = row["seconds"] < goal_s and row["peak_mb"] < goal_mb
        table.add_row(
            row["label"],
            f"{row['seconds']:.3f}",
            f"< {goal_s:g} {'ok' if met else 'MISSED'}",
            f"{row['peak_mb']:.0f}",
            f"{row['yardstick']:.4f}",
            f"{row['seconds'] / row['yardstick']:.1f}x",
        )
    console.print(table)


if __name__ == "__main__":
    main()
