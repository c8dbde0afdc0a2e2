"""The distribution-day engine of a senior/subordinate REMIC pass-through.

cashflow-and-structure.md §2: each distribution day, per pool, the available
funds pay senior interest, PO and senior principal, PO deferred amounts and the
subordinated classes B-1 to B-6 in the deal's order of steps; realized losses
go to the classes by the loss rules and limits; the clean-up call retires
everything. Every day is checked for conservation.

    from passthru.waterfall import RunOptions, run
    results = run(deal, pooled_loans, Assumptions.from_options(psa=150), RunOptions(call=True))
    results.classes   # per class and distribution day
    results.deal      # per distribution day
"""

from pathlib import Path

from passthru.numba_cache import drop_stale_cache
from passthru.waterfall.certificates import ClassTable, class_table
from passthru.waterfall.engine import run_terms, run_waterfall
from passthru.waterfall.flows import PoolFlows, pool_flows
from passthru.waterfall.results import Results
from passthru.waterfall.run import LossMix, RunOptions, run

# Numba reads its cache when a kernel first runs, not on import: drop it here if stale.
drop_stale_cache(Path(__file__).parent)

__all__ = [
    "ClassTable",
    "LossMix",
    "PoolFlows",
    "Results",
    "RunOptions",
    "class_table",
    "pool_flows",
    "run",
    "run_terms",
    "run_waterfall",
]
