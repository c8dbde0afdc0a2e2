"""Every sum, extreme and weighted sum the narrative figures need, in one pass over the loans.

Weights are the cut-off scheduled balances (cashflow-and-structure.md §3.1-3.2).
Balances are summed as whole cents in integers, so an aggregate is the exact sum
of the tape's balances, with no binary drift before it is rounded to the dollar.
One ``group_by("pool")`` computes every pool; the all-loans figures combine the
pool rows (sums add, extremes take the extreme), so they agree with the pools.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from passthru.strats.buckets import thousandths

Aggregates = dict[str, Any]

CENTS = "_balance_cents"  # current balance in whole cents
_LTV = "_ltv_thousandths"  # LTV rounded half-up to 3 decimals, in thousandths

LTV_80 = 80_000  # "in excess of 80%", compared as the LTV table buckets it
LTV_95 = 95_000

# Aggregates named "balance" or "*_balance" hold whole cents until _in_dollars.
_BALANCE = "balance"

# Each aggregate is a per-loan column reduced by sum, min or max: plain reductions
# of precomputed columns keep the group_by on Polars' fast path.
Aggregate = tuple[str, pl.Expr, str]


def with_cents(loans: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame | pl.LazyFrame:
    """Add the current balance in whole cents (balances are dollars to 2 places)."""
    return loans.with_columns(
        (pl.col("current_balance") * 100).round(0).cast(pl.Int64).alias(CENTS)
    )


def _cents(name: str, mask: pl.Expr | None = None) -> Aggregate:
    cents = pl.col(CENTS)
    return name, cents if mask is None else pl.when(mask).then(cents), "sum"


def _weighted(name: str, column: str, mask: pl.Expr | None = None) -> Aggregate:
    """Sum of balance x value, the numerator of a balance-weighted average (§3.2)."""
    product = pl.col(column) * pl.col("current_balance")
    return name, product if mask is None else pl.when(mask).then(product), "sum"


def _count(name: str, mask: pl.Expr) -> Aggregate:
    return name, mask.fill_null(False).cast(pl.Int64), "sum"


def _share_inputs(column: str, groups: dict[str, tuple[str, ...]]) -> list[Aggregate]:
    """Balances of each group of enum values, plus the balance and count of unknowns."""
    unknown = pl.col(column).is_null()
    return [
        *(
            _cents(f"{column}_{group}_balance", pl.col(column).is_in(list(members)))
            for group, members in groups.items()
        ),
        _cents(f"{column}_unknown_balance", unknown),
        _count(f"{column}_unknown_count", unknown),
    ]


def _strip_inputs(strip: str, mask: pl.Expr) -> list[Aggregate]:
    return [
        _count(f"{strip}_count", mask),
        _cents(f"{strip}_balance", mask),
        _weighted(f"{strip}_rate_weighted", "note_rate", mask),
        _weighted(f"{strip}_remaining_weighted", "remaining_term", mask),
    ]


def _pledge_inputs() -> list[Aggregate]:
    pledged = pl.col("additional_collateral")
    known = pledged & pl.col("ltv_without_pledge").is_not_null()
    return [
        _count("pledged_count", pledged),
        _count("pledged_unknown_count", pledged.is_null()),
        _cents("pledged_balance", pledged),
        _weighted("pledged_ltv_weighted", "ltv", pledged),
        _cents("without_pledge_balance", known),
        _weighted("without_pledge_weighted", "ltv_without_pledge", known),
        _count("without_pledge_unknown", pledged & pl.col("ltv_without_pledge").is_null()),
    ]


def _aggregates() -> list[Aggregate]:
    over_80 = pl.col(_LTV) > LTV_80
    insured = pl.col("mortgage_insurance")
    documentation = {
        "full_or_streamlined": ("full", "streamlined"),
        "stated_income": ("stated_income",),
        "streamlined": ("streamlined",),
    }
    return [
        _cents("balance"),
        _weighted("rate_weighted", "note_rate"),
        _weighted("remaining_weighted", "remaining_term"),
        _weighted("original_weighted", "original_term"),
        _weighted("ltv_weighted", "ltv"),
        ("origination_start", pl.col("origination_date"), "min"),
        ("origination_end", pl.col("origination_date"), "max"),
        ("latest_maturity", pl.col("maturity_date"), "max"),
        ("original_balance_min", pl.col("original_balance"), "min"),
        ("original_balance_max", pl.col("original_balance"), "max"),
        ("max_ltv", pl.col("ltv"), "max"),
        _cents("ltv_over_80_balance", over_80),
        _count("ltv_over_95_count", pl.col(_LTV) > LTV_95),
        *_share_inputs("occupancy", {"primary": ("primary",), "investment": ("investment",)}),
        *_share_inputs("documentation", documentation),
        _count("ltv_over_80_count", over_80),
        _count("ltv_over_80_uninsured_count", over_80 & ~insured),
        _count("ltv_over_80_insurance_unknown", over_80 & insured.is_null()),
        *_pledge_inputs(),
        *_strip_inputs("premium", pl.col("premium")),
        *_strip_inputs("discount", ~pl.col("premium")),
    ]


def _reduced(name: str, how: str) -> pl.Expr:
    column = pl.col(name)
    return {"sum": column.sum(), "min": column.min(), "max": column.max()}[how]


def _largest_zip(zips: pl.DataFrame) -> Aggregates:
    """The largest balance in one known zip code (ties: the lowest zip) and the unknown balance."""
    known = zips.filter(pl.col("zip").is_not_null()).sort(
        ["zip_balance", "zip"], descending=[True, False]
    )
    unknown = zips.filter(pl.col("zip").is_null())
    return {
        "max_zip": known["zip"][0] if known.height else None,
        "max_zip_balance": known["zip_balance"][0] if known.height else None,
        "zip_unknown_balance": unknown["zip_balance"][0] if unknown.height else 0,
        "zip_unknown_count": unknown["zip_count"][0] if unknown.height else 0,
    }


def _in_dollars(row: Aggregates) -> Aggregates:
    return {
        key: value / 100 if key.endswith(_BALANCE) and value is not None else value
        for key, value in row.items()
    }


def aggregates(
    loans: pl.DataFrame, pools: tuple[str, ...], all_loans: str
) -> dict[str, Aggregates]:
    """Aggregates of each of ``pools`` and, under the name ``all_loans``, of every loan.

    A pool with no loans gets zero counts and sums and None extremes.
    """
    specs = _aggregates()
    prepared = (
        with_cents(loans.lazy())
        .with_columns(thousandths("ltv").alias(_LTV))
        .select("pool", "zip", CENTS, *(expr.alias(name) for name, expr, _ in specs))
    )
    count = pl.len().alias("count")
    by_pool, pool_zips, empty = pl.collect_all(
        [
            prepared.group_by("pool").agg(count, *(_reduced(n, how) for n, _, how in specs)),
            prepared.group_by("pool", "zip").agg(
                pl.len().alias("zip_count"), pl.col(CENTS).sum().alias("zip_balance")
            ),
            prepared.clear().select(count, *(_reduced(n, how) for n, _, how in specs)),
        ]
    )
    rows = {row.pop("pool"): row for row in by_pool.iter_rows(named=True)}
    combined = [pl.col("count").sum(), *(_reduced(n, how) for n, _, how in specs)]
    rows[all_loans] = by_pool.select(combined).row(0, named=True)
    zips = {
        key[0]: frame
        for key, frame in pool_zips.partition_by("pool", as_dict=True, include_key=False).items()
    }
    zips[all_loans] = pool_zips.group_by("zip").agg(pl.col("zip_count", "zip_balance").sum())
    return {
        pool: _in_dollars(
            (rows.get(pool) or empty.row(0, named=True))
            | _largest_zip(zips.get(pool, pool_zips.clear()))
        )
        for pool in (*pools, all_loans)
    }
