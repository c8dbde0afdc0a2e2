"""Grouping keys of representative lines: what a rep line's loans have in common.

Two keys are implied and always applied when the loans carry them
(cashflow-and-structure.md §2.2): ``pool`` (a line never mixes pools) and, for
loans pooled under a deal, ``premium`` (a line never mixes premium and discount
loans, so its PO and IO strips stay exact). A line also never mixes a loan with
its own servicing fee and one whose fee is empty (the deal's default applies).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from passthru.errors import AssumptionError, Issue, TapeError

# Canonical columns that name a category rather than an amount (docs/loan-tape.md).
CATEGORICAL: tuple[str, ...] = (
    "pool",
    "property_type",
    "units",
    "state",
    "zip",
    "occupancy",
    "documentation",
    "loan_purpose",
    "mortgage_insurance",
    "additional_collateral",
)

KEYS: dict[str, str] = {
    "pool": "the loan's pool (always applied)",
    "premium": "premium or discount loan (always applied to pooled loans; needs a deal)",
    "rate": "note rate, in buckets of rate_step percent when given",
    "net_rate": "net rate: note rate less servicing fee",
    "remaining_term": "remaining term, in buckets of term_step months when given",
    "original_term": "original term in months",
    "age": "loan age: original term less remaining term",
    "loan_id": "each loan its own line",
    **{name: f"the canonical column {name}" for name in CATEGORICAL[1:]},
}

# Rates like 6.1 / 0.1 = 60.999... must fall in bucket 61, not 60.
BUCKET_TOLERANCE = 1e-9
FEE_GIVEN = "_fee_given"


def key_column(name: str) -> str:
    """The working column that holds key ``name``'s value per loan."""
    return f"_by_{name}"


def _check_steps(rate_step: float | None, term_step: int | None) -> None:
    if rate_step is not None and not rate_step > 0:
        raise AssumptionError(f"{rate_step} is not a positive rate step", field="rate_step")
    if term_step is not None and term_step < 1:
        raise AssumptionError(
            f"{term_step} is not a term step of at least 1 month", field="term_step"
        )


def grouping_keys(by: Sequence[str], columns: Sequence[str]) -> tuple[str, ...]:
    """The implied keys, then ``by`` in order, each once; unknown keys are refused."""
    unknown = [key for key in by if key not in KEYS]
    if unknown:
        raise AssumptionError(
            f"{', '.join(repr(k) for k in unknown)} not a grouping key; use {', '.join(KEYS)}",
            field="by",
        )
    if "premium" in by and "premium" not in columns:
        issue = Issue("loans", "missing_column", "pool the loans under a deal", column="premium")
        raise TapeError("grouping by premium needs loans pooled under a deal", (issue,))
    implied = [key for key in ("pool", "premium") if key in columns]
    return tuple(dict.fromkeys([*implied, *by]))


def _net_rate(columns: Sequence[str]) -> pl.Expr:
    if "net_rate" in columns:
        return pl.col("net_rate")
    return pl.col("note_rate") - pl.col("servicing_fee_rate").fill_null(0.0)


def key_expression(
    name: str, columns: Sequence[str], rate_step: float | None, term_step: int | None
) -> pl.Expr:
    """Key ``name``'s value per loan: bucket floors for ``rate`` and ``remaining_term``."""
    if name == "rate":
        rate = pl.col("note_rate")
        if rate_step is not None:
            rate = (rate / rate_step + BUCKET_TOLERANCE).floor() * rate_step
        return rate
    if name == "remaining_term":
        term = pl.col("remaining_term")
        return term if term_step is None else term // term_step * term_step
    if name == "net_rate":
        return _net_rate(columns)
    if name == "age":
        return pl.col("original_term") - pl.col("remaining_term")
    return pl.col(name)


def key_columns(
    loans: pl.DataFrame, by: Sequence[str], rate_step: float | None, term_step: int | None
) -> tuple[pl.DataFrame, list[str]]:
    """``loans`` with one working column per key, and those columns' names."""
    _check_steps(rate_step, term_step)
    keys = grouping_keys(by, loans.columns)
    expressions = [
        key_expression(k, loans.columns, rate_step, term_step).alias(key_column(k)) for k in keys
    ]
    expressions.append(pl.col("servicing_fee_rate").is_not_null().alias(FEE_GIVEN))
    return loans.with_columns(expressions), [*(key_column(k) for k in keys), FEE_GIVEN]
