"""Representative lines: each group of loans as one balance-weighted loan.

A rep line stands for its group in a cash-flow run. It carries the group's summed
original and current balances and the current-balance weighted averages
(docs/loan-tape.md: "Weighted averages are weighted by current_balance") of what
drives the projection (SF-4 to SF-7, cashflow-and-structure.md §1):

* note rate (SF-4 level-payment amortisation), servicing fee and net rate;
* remaining and original term, each rounded to the nearest whole month (halves
  up); the loan age (SF-6/7 MONTH = AGE + k) is their difference, as the kernel
  reads it, so it is within a month of the group's weighted age (which is exactly
  weighted original less weighted remaining term), and the original term stays
  within the group's range, hence within its pool's;
* for pooled loans (§2.2), the weighted discount fraction and IO strip rate:
  ``sum(b) * (sum(b * f) / sum(b)) = sum(b * f)``, so the line's PO strip balance
  and IO strip interest at the cut-off are exactly its loans'. A line never mixes
  pools or premium and discount loans (:mod:`passthru.replines.keys`).

Other attributes: ``ltv`` is weighted; ``ltv_without_pledge`` is weighted over
its value, or ``ltv`` where empty, when the line has additional collateral, and
empty otherwise. Every categorical attribute (property type, units, state, zip,
occupancy, documentation, purpose, mortgage insurance, additional collateral) is
the group's balance-weighted mode: the value carrying the most current balance,
ties to the smallest value. Dates fall on the 1st, consistent with the line's
terms and the cut-off: maturity = cut-off month + remaining term (so the stated
remaining term counts the payments due after the cut-off, §3.2), first payment =
maturity - (original term - 1) months, origination one month before that.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl

from passthru.errors import Issue, TapeError
from passthru.pool import POOL_COLUMNS
from passthru.replines.keys import CATEGORICAL, key_columns
from passthru.tape.dates import implied_cut_off_month
from passthru.tape.schema import SCHEMA

GROUP = "_group"
WEIGHT = "current_balance"  # docs/loan-tape.md: weighted by current_balance
LOAN_COUNT = "loan_count"
WEIGHTED_RATES = ("note_rate", "net_rate", "discount_fraction", "io_strip_rate")


def _weighted(name: str | pl.Expr) -> pl.Expr:
    """Balance-weighted average over the loans where the value is given."""
    value = pl.col(name) if isinstance(name, str) else name
    weight = pl.col(WEIGHT).filter(value.is_not_null())
    return pl.when(value.is_not_null().any()).then((value * pl.col(WEIGHT)).sum() / weight.sum())


def _whole_months(name: str | pl.Expr) -> pl.Expr:
    return _weighted(name).round(0, mode="half_away_from_zero").cast(pl.Int64)


def _sums(columns: Sequence[str]) -> list[pl.Expr]:
    expressions = [
        pl.len().cast(pl.Int64).alias(LOAN_COUNT),
        pl.col("original_balance").sum(),
        pl.col("current_balance").sum(),
        _weighted("servicing_fee_rate").alias("servicing_fee_rate"),
        _weighted("ltv").alias("ltv"),
        _weighted(pl.coalesce("ltv_without_pledge", "ltv")).alias("ltv_without_pledge"),
        _whole_months("remaining_term").alias("remaining_term"),
        _whole_months("original_term").alias("original_term"),
    ]
    expressions += [_weighted(c).alias(c) for c in WEIGHTED_RATES if c in columns]
    expressions += [pl.col(c).first() for c in ("target_rate", "premium") if c in columns]
    return expressions


def _mode(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """Per group, the value of ``column`` with the most balance (ties: smallest value)."""
    return (
        frame.group_by(GROUP, column)
        .agg(pl.col(WEIGHT).sum().alias("_mass"))
        .sort([GROUP, "_mass", column], descending=[False, True, False], nulls_last=True)
        .group_by(GROUP, maintain_order=True)
        .agg(pl.col(column).first())
    )


def _check_balances(loans: pl.DataFrame) -> None:
    """Weights are current balances, so each must be positive (loan-tape rule)."""
    if loans.height == 0:
        raise TapeError("no loans to group into rep lines")
    rows = loans.with_row_index("row", offset=1).filter(~(pl.col("current_balance") > 0))
    issues = tuple(
        Issue(
            "loans", "balance_positive", "not > 0", row=row, column="current_balance", value=str(v)
        )
        for row, v in rows.select("row", "current_balance").iter_rows()
    )
    if issues:
        raise TapeError(f"{len(issues)} loans have no positive balance to weight by", issues)


def _cut_off_month(loans: pl.DataFrame, cut_off: date | None) -> int:
    """The cut-off's month index, or the most common one the loans imply (§3.2)."""
    if cut_off is not None:
        return cut_off.year * 12 + cut_off.month - 1
    implied = loans.select(
        implied_cut_off_month(pl.col("maturity_date"), pl.col("remaining_term")).alias("month")
    ).drop_nulls()
    if implied.height == 0:
        issue = Issue("loans", "cut_off_unknown", "no maturity dates", column="maturity_date")
        raise TapeError("no cut-off date given and none implied by the loans", (issue,))
    return int(implied.select(pl.col("month").mode().min()).item())


def _first_of_month(index: pl.Expr) -> pl.Expr:
    return pl.date(index // 12, index % 12 + 1, 1)


def _dates(cut_off_month: int) -> list[pl.Expr]:
    remaining, age = pl.col("remaining_term"), pl.col("original_term") - pl.col("remaining_term")
    return [
        _first_of_month(pl.lit(cut_off_month) - age).alias("origination_date"),
        _first_of_month(pl.lit(cut_off_month + 1) - age).alias("first_payment_date"),
        _first_of_month(pl.lit(cut_off_month) + remaining).alias("maturity_date"),
    ]


def _labelled(lines: pl.DataFrame) -> pl.DataFrame:
    width = max(4, len(str(lines.height)))
    number = pl.int_range(1, pl.len() + 1).cast(pl.String).str.zfill(width)
    return lines.with_columns(pl.format("RL-{}", number).alias("loan_id"))


def rep_lines(
    loans: pl.DataFrame,
    by: Sequence[str],
    *,
    rate_step: float | None = None,
    term_step: int | None = None,
    cut_off: date | None = None,
) -> pl.DataFrame:
    """A canonical tape of rep lines, one per group of ``loans`` sharing the keys ``by``
    (and the implied keys).

    ``loan_id`` is ``RL-0001``, ``RL-0002``... in key order; ``loan_count`` gives
    each line's number of loans. Pooled loans keep their pool columns (net rate,
    strips, loan age), so the lines project as pooled. ``rate_step`` buckets note
    rates (percent), ``term_step`` remaining terms (months), each from 0. Dates
    follow the line's terms from ``cut_off``, else from the cut-off month most
    loans imply.
    """
    _check_balances(loans)
    keyed, keys = key_columns(loans, by, rate_step, term_step)
    grouped = keyed.with_columns(pl.struct(keys).rank("dense").alias(GROUP))
    lines = grouped.group_by(GROUP).agg(_sums(loans.columns))
    for column in CATEGORICAL:
        lines = lines.join(_mode(grouped, column), on=GROUP, how="left")
    lines = lines.sort(GROUP).with_columns(
        *_dates(_cut_off_month(loans, cut_off)),
        pl.when(pl.col("additional_collateral")).then(pl.col("ltv_without_pledge")),
    )
    if "loan_age" in loans.columns:
        lines = lines.with_columns(
            (pl.col("original_term") - pl.col("remaining_term")).alias("loan_age")
        )
    carried = [c for c in POOL_COLUMNS if c in loans.columns]
    return _labelled(lines).select(
        *(pl.col(name).cast(dtype) for name, dtype in SCHEMA.items()), *carried, LOAN_COUNT
    )
