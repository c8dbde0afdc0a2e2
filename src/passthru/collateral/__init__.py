"""Prepayment and default assumptions and the loan-level projection kernel.

Collateral cash flows by the Standard Formulas (SIFMA/BMA Uniform Practices,
chapter SF; cashflow-and-structure.md §1):

    from passthru.collateral import Assumptions, project
    result = project(pooled_loans, Assumptions.from_options(psa=150, sda=100, severity=20, lag=12))
    result.frame      # one row per period and pool (columns: passthru.collateral.results)
    result.summary    # totals, WAL, cumulative defaults and losses
"""

from pathlib import Path

from passthru.collateral.assumptions import (
    Assumptions,
    Default,
    PoolAssumptions,
    Prepayment,
    Rate,
)
from passthru.collateral.loans import UNPOOLED, LoanArrays, loan_arrays
from passthru.collateral.matrix import default_matrix, matrix_table
from passthru.collateral.projection import CashflowGrid, project, project_grid
from passthru.collateral.results import TOTAL, CashflowResult
from passthru.numba_cache import drop_stale_cache

# Numba reads its cache when a kernel first runs, not on import: drop it here if stale.
drop_stale_cache(Path(__file__).parent)

__all__ = [
    "TOTAL",
    "UNPOOLED",
    "Assumptions",
    "CashflowGrid",
    "CashflowResult",
    "Default",
    "LoanArrays",
    "PoolAssumptions",
    "Prepayment",
    "Rate",
    "default_matrix",
    "loan_arrays",
    "matrix_table",
    "project",
    "project_grid",
]
