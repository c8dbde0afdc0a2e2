"""Pool formation: assign each loan to a pool and split it into strips.

For a loan with net rate n (note rate less servicing fee) in a pool with target
rate T (cashflow-and-structure.md §2.2, vectors V26-V28):

* premium loan, n >= T: all principal is target-rate principal; the IO strip
  earns ``io_strip_rate = n - T`` on the whole balance;
* discount loan, n < T: ``discount_fraction = (T - n) / T`` of its principal
  is PO strip, the rest earns exactly T.

Loan age at the cut-off is ``original_term - remaining_term`` (SF-6 MONTH/AGE).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from passthru.deal import Deal
from passthru.errors import Issue

# Rates are quoted to at most a few decimals; rounding the difference removes
# binary noise so that 6.000 - 0.250 compares equal to a 5.750 target.
RATE_DECIMALS = 9

POOL_COLUMNS: tuple[str, ...] = (
    "net_rate",
    "target_rate",
    "premium",
    "discount_fraction",
    "io_strip_rate",
    "loan_age",
)


@dataclass(frozen=True)
class PoolFormation:
    """Loans with their pool and strip columns, and the loans no pool would take."""

    loans: pl.DataFrame
    rejected: pl.DataFrame
    issues: tuple[Issue, ...]


def _assigned_pool(deal: Deal) -> pl.Expr:
    """The tape's own pool when given, else the pool whose term range holds the loan."""
    by_term = pl.lit(None, dtype=pl.String)
    for pool in reversed(deal.pools):
        low, high = pool.original_term
        by_term = (
            pl.when(pl.col("original_term").is_between(low, high))
            .then(pl.lit(pool.name))
            .otherwise(by_term)
        )
    given = pl.col("pool").str.strip_chars()
    return pl.when(given.is_null() | (given == "")).then(by_term).otherwise(given).alias("pool")


def _strip_columns(deal: Deal) -> list[pl.Expr]:
    target = pl.col("target_rate")
    net = pl.col("net_rate")
    premium = net >= target
    return [
        premium.alias("premium"),
        pl.when(premium).then(0.0).otherwise((target - net) / target).alias("discount_fraction"),
        pl.when(premium)
        .then((net - target).round(RATE_DECIMALS))
        .otherwise(0.0)
        .alias("io_strip_rate"),
        (pl.col("original_term") - pl.col("remaining_term")).alias("loan_age"),
    ]


def _row_issues(
    frame: pl.DataFrame, source: str, rule: str, message: str, column: str
) -> list[Issue]:
    rows = frame.select("source_row", pl.col(column).cast(pl.String)).iter_rows()
    return [Issue(source, rule, message, row=r, column=column, value=v) for r, v in rows]


def _term_ranges(deal: Deal) -> str:
    """ "pool I: 240-360 months; pool II: 120-180 months": each pool's original terms."""
    return "; ".join(
        f"pool {p.name}: {p.original_term[0]}-{p.original_term[1]} months" for p in deal.pools
    )


def form_pools(loans: pl.DataFrame, deal: Deal, *, source: str = "tape") -> PoolFormation:
    """Assign pools, fill servicing fees and compute net rates and strips.

    ``loans`` is a validated canonical tape with a ``source_row`` column. A loan
    whose stated pool is not one of the deal's, or whose original term falls in
    no pool's range, is rejected with a named issue; nothing is dropped silently.
    A stated pool that disagrees with the term ranges is kept, with a warning.
    """
    if "source_row" not in loans.columns:
        loans = loans.with_row_index("source_row", offset=1).with_columns(
            pl.col("source_row").cast(pl.Int64)
        )
    targets = pl.DataFrame(
        {"pool": list(deal.pool_names), "target_rate": [p.target_rate for p in deal.pools]}
    )
    assigned = loans.with_columns(_assigned_pool(deal))
    known = pl.col("pool").is_in(list(deal.pool_names))
    unmatched = assigned.filter(pl.col("pool").is_null())
    unknown = assigned.filter(pl.col("pool").is_not_null() & ~known)
    issues = _row_issues(
        unmatched,
        source,
        "pool_no_match",
        f"original term fits no pool of {deal.name} ({_term_ranges(deal)})",
        "original_term",
    ) + _row_issues(
        unknown,
        source,
        "pool_unknown",
        f"not a pool of {deal.name} (pools {', '.join(deal.pool_names)})",
        "pool",
    )
    kept = assigned.filter(known)
    issues += _term_mismatch_warnings(kept, deal, source)
    pooled = (
        kept.with_columns(pl.col("servicing_fee_rate").fill_null(deal.servicing_fee_rate))
        .join(targets, on="pool", how="left", maintain_order="left")
        .with_columns(
            (pl.col("note_rate") - pl.col("servicing_fee_rate"))
            .round(RATE_DECIMALS)
            .alias("net_rate")
        )
        .with_columns(_strip_columns(deal))
    )
    rejected = pl.concat([unmatched, unknown])
    return PoolFormation(loans=pooled, rejected=rejected, issues=tuple(issues))


def _term_mismatch_warnings(kept: pl.DataFrame, deal: Deal, source: str) -> list[Issue]:
    issues: list[Issue] = []
    for pool in deal.pools:
        low, high = pool.original_term
        off = kept.filter(
            (pl.col("pool") == pool.name) & ~pl.col("original_term").is_between(low, high)
        )
        for row, term in off.select("source_row", "original_term").iter_rows():
            issues.append(
                Issue(
                    source,
                    "pool_term_range",
                    f"stated pool {pool.name} holds original terms {low}-{high}",
                    row=row,
                    column="original_term",
                    value=str(term),
                    severity="warning",
                )
            )
    return issues
