"""The PSA x SDA matrix of cumulative defaults and losses (SF-17 h/i, table SF-21).

Because new defaults come from the performing balance, a faster prepayment
speed leaves less balance to default; the standard therefore asks for
cumulative defaults, and losses, over a grid of prepayment and default speeds.
All scenarios run in one pass of the kernel.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

import numpy as np
import polars as pl

from passthru.collateral.assumptions import Assumptions, Order
from passthru.collateral.kernel import COLUMNS
from passthru.collateral.loans import LoanArrays
from passthru.collateral.projection import as_loan_arrays, horizon, project_totals
from passthru.errors import AssumptionError

NEW_DEFAULTS = COLUMNS.index("new_defaults")
LOSSES = COLUMNS.index("losses")


def default_matrix(
    loans: LoanArrays | pl.DataFrame,
    *,
    psa: Sequence[float],
    sda: Sequence[float],
    severity: float = 0.0,
    lag: int = 0,
    advancing: bool = True,
    order: Order = "standard",
    months: int | None = None,
) -> pl.DataFrame:
    """Cumulative defaults and losses, % of the original balance, for every PSA x SDA pair.

    One row per pair: ``psa``, ``sda``, ``cumulative_defaults_pct``,
    ``cumulative_losses_pct`` (all pools together).
    """
    for name, speeds in (("psa", psa), ("sda", sda)):
        if not speeds:
            raise AssumptionError(f"no {name.upper()} speeds; give at least one", field=name)
    arrays = as_loan_arrays(loans)
    n = horizon(arrays, months)
    pairs = list(product(psa, sda))
    scenarios = [
        Assumptions.from_options(
            psa=p, sda=d, severity=severity, lag=lag, advancing=advancing, order=order
        )
        for p, d in pairs
    ]
    totals = project_totals(arrays, scenarios, n)
    original = float(np.sum(arrays.balance))
    scale = 100.0 / original if original > 0 else 0.0
    return pl.DataFrame(
        {
            "psa": [float(p) for p, _ in pairs],
            "sda": [float(d) for _, d in pairs],
            "cumulative_defaults_pct": totals[:, :, :, NEW_DEFAULTS].sum(axis=(1, 2)) * scale,
            "cumulative_losses_pct": totals[:, :, :, LOSSES].sum(axis=(1, 2)) * scale,
        }
    )


def matrix_table(matrix: pl.DataFrame, measure: str = "cumulative_defaults_pct") -> pl.DataFrame:
    """SF-21's layout: one row per PSA, one column per SDA (``sda_100`` ...)."""
    wide = matrix.pivot(on="sda", index="psa", values=measure, sort_columns=True)
    return wide.rename({c: f"sda_{float(c):g}" for c in wide.columns if c != "psa"})
