"""Project a pool's collateral cash flows under one or many sets of assumptions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from passthru.collateral.assumptions import Assumptions, PoolAssumptions, assumptions_by_pool
from passthru.collateral.kernel import project_arrays
from passthru.collateral.loans import LoanArrays, loan_arrays
from passthru.collateral.results import (
    CashflowResult,
    original_balances,
    pool_frame,
    summary_frame,
)
from passthru.collateral.tables import scenario_tables
from passthru.errors import AssumptionError

Scenario = Assumptions | PoolAssumptions


def as_loan_arrays(loans: LoanArrays | pl.DataFrame) -> LoanArrays:
    """Accept a pooled frame, a plain tape or ready :class:`LoanArrays`."""
    return loans if isinstance(loans, LoanArrays) else loan_arrays(loans)


def horizon(loans: LoanArrays, months: int | None) -> int:
    """The projection's months: as asked, else to the last loan's maturity."""
    if months is None:
        return int(loans.remaining_term.max()) if loans.count else 1
    if months < 1:
        raise AssumptionError(f"{months} months; project at least 1 month", field="months")
    return months


def project_totals(loans: LoanArrays, scenarios: Sequence[Scenario], months: int) -> np.ndarray:
    """Kernel totals ``[scenario, pool, month, column]`` for each scenario."""
    if not scenarios:
        raise AssumptionError("no scenarios to project; give at least one", field="scenarios")
    per_pool = [assumptions_by_pool(s, loans.pools) for s in scenarios]
    tables = scenario_tables(per_pool, months, loans.max_month(months))
    return project_arrays(loans, tables, months)


def project(
    loans: LoanArrays | pl.DataFrame, assumptions: Scenario, *, months: int | None = None
) -> CashflowResult:
    """Monthly cash flows of every pool by the Standard Formulas (SF-4 to SF-21).

    ``assumptions`` apply to every pool, or map each pool name to its own.
    ``months`` cuts the horizon (default: to the last maturity).
    """
    grid = project_grid(loans, [assumptions], months=months)
    return grid.result(0)


@dataclass(frozen=True)
class CashflowGrid:
    """Many scenarios on the same loans: ``frame`` and ``summary`` carry a ``scenario`` column."""

    frame: pl.DataFrame
    summary: pl.DataFrame
    pools: tuple[str, ...]
    months: int

    def result(self, scenario: int) -> CashflowResult:
        """One scenario's projection (scenario s is ``scenarios[s]`` of the grid)."""
        return CashflowResult(
            self.frame.filter(pl.col("scenario") == scenario).drop("scenario"),
            self.summary.filter(pl.col("scenario") == scenario).drop("scenario"),
            self.pools,
            self.months,
        )


def project_grid(
    loans: LoanArrays | pl.DataFrame, scenarios: Sequence[Scenario], *, months: int | None = None
) -> CashflowGrid:
    """Project every scenario in one pass of the kernel (scenario s is row s of the grid)."""
    arrays = as_loan_arrays(loans)
    n = horizon(arrays, months)
    frame = pool_frame(project_totals(arrays, scenarios, n), arrays.pools)
    original = original_balances(arrays.original_balance(), arrays.pools)
    return CashflowGrid(frame, summary_frame(frame, original), arrays.pools, n)
