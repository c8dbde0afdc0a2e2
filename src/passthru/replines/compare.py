"""How far rep-line cash flows differ from loan-level ones, per PSA speed and pool.

Both tapes are projected by the Standard Formulas (SF-4 to SF-7: PSA prepayments,
no defaults) over the same horizon, the loans' last maturity. Per speed and pool
(and ``total`` for several pools), compared period by period:

* ``<m>_max_abs_diff``: the largest |rep line - loan level| in dollars, for
  m = balance (performing balance at the period's end), principal (principal
  paid) and interest (interest paid at the net rate);
* ``<m>_max_rel_diff_pct``: the largest such difference as a percentage of the
  loan-level figure of that period (0 where both are 0, infinite where only the
  rep lines pay);
* ``wal_years`` and ``rep_wal_years``, the weighted average lives of principal
  paid, and ``wal_diff_years``, the absolute difference;
* ``total_cash`` (principal and interest paid over the life) and
  ``total_cash_diff``, the absolute difference of the rep lines' total.

Every difference is an absolute value, so the report is never negative.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from passthru.collateral import TOTAL, Assumptions, LoanArrays, loan_arrays, project_grid
from passthru.errors import AssumptionError

MEASURES: dict[str, str] = {
    "balance": "performing_balance",
    "principal": "principal_paid",
    "interest": "interest_paid",
}
KEYS = ("scenario", "pool")
REP = "_rep"
LEADING = ("psa", "pool", "loans", "rep_lines")
LIVES = ("wal_years", "rep_wal_years", "wal_diff_years", "total_cash", "total_cash_diff")


def _counts(arrays: LoanArrays, name: str) -> pl.DataFrame:
    counts = np.diff(arrays.pool_start).tolist()
    pools = list(arrays.pools)
    if len(pools) > 1:
        pools.append(TOTAL)
        counts.append(arrays.count)
    return pl.DataFrame({"pool": pools, name: counts}, schema={"pool": pl.String, name: pl.Int64})


def _per_period(loans: pl.DataFrame, lines: pl.DataFrame) -> pl.DataFrame:
    columns = [*KEYS, "period", *MEASURES.values()]
    return (
        loans.select(columns)
        .join(lines.select(columns), on=[*KEYS, "period"], how="full", suffix=REP, coalesce=True)
        .with_columns(pl.exclude(*KEYS, "period").fill_null(0.0))
    )


def _differences(measure: str, column: str) -> list[pl.Expr]:
    loan, rep = pl.col(column), pl.col(column + REP)
    gap = (rep - loan).abs()
    relative = (
        pl.when(loan != 0)
        .then(gap / loan.abs() * 100.0)
        .when(gap == 0)
        .then(0.0)
        .otherwise(float("inf"))
    )
    return [
        gap.max().alias(f"{measure}_max_abs_diff"),
        relative.max().alias(f"{measure}_max_rel_diff_pct"),
    ]


def _lives(loans: pl.DataFrame, lines: pl.DataFrame) -> pl.DataFrame:
    cash = (pl.col("principal_paid") + pl.col("interest_paid")).alias("total_cash")
    loan = loans.select(*KEYS, "wal_years", cash)
    rep = lines.select(*KEYS, pl.col("wal_years").alias("rep_wal_years"), cash.alias("rep_cash"))
    return (
        loan.join(rep, on=KEYS, how="full", coalesce=True)
        .with_columns(
            (pl.col("rep_wal_years") - pl.col("wal_years")).abs().alias("wal_diff_years"),
            (pl.col("rep_cash").fill_null(0.0) - pl.col("total_cash").fill_null(0.0))
            .abs()
            .alias("total_cash_diff"),
        )
        .select(*KEYS, *LIVES)
    )


def compare_rep_lines(
    loans: pl.DataFrame, lines: pl.DataFrame, *, psa: Sequence[float] = (100, 300)
) -> pl.DataFrame:
    """Rep-line against loan-level cash flows: the difference report of rep ``lines``
    against ``loans``, one row per PSA speed and pool."""
    if not psa:
        raise AssumptionError("give at least one PSA speed", field="psa")
    scenarios = [Assumptions.from_options(psa=speed) for speed in psa]
    loan_side = loan_arrays(loans, source="loans")
    line_side = loan_arrays(lines, source="rep lines")
    months = int(max(loan_side.remaining_term.max(), line_side.remaining_term.max()))
    by_loan = project_grid(loan_side, scenarios, months=months)
    by_line = project_grid(line_side, scenarios, months=months)
    periods = _per_period(by_loan.frame, by_line.frame).group_by(KEYS, maintain_order=True)
    report = periods.agg(*[e for m, c in MEASURES.items() for e in _differences(m, c)])
    speeds = pl.DataFrame({"scenario": range(len(psa)), "psa": [float(s) for s in psa]})
    return (
        report.join(_lives(by_loan.summary, by_line.summary), on=KEYS, how="left")
        .join(speeds, on="scenario", how="left")
        .join(_counts(loan_side, "loans"), on="pool", how="left")
        .join(_counts(line_side, "rep_lines"), on="pool", how="left")
        .sort("scenario", maintain_order=True)
        .select(*LEADING, pl.exclude("scenario", *LEADING))
    )
