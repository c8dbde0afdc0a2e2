"""Bucket keys and row labels of the stratification tables (cashflow-and-structure.md §3.5, V40).

Keys are computed as Polars expressions over all loans at once; labels are
built from the few keys present. Rates and LTVs are compared in whole
thousandths of a percent after rounding half-up to 3 decimals, so 65.0004
falls in "65.00% and below" and 65.0005 (65.001) in "65.001% - 75.000%".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

# Removes binary noise before rounding half-up: 65.0005 * 1000 is 65000.49999...
# in float64 but 65000.5 to six decimals.
_NOISE_DECIMALS = 6

SIZE_STEP = 50_000
SIZE_FIRST_UPPER = 150_000  # "$149,999 and under"
SIZE_LAST_LOWER = 950_000  # "$950,000 and over"
SIZE_ROWS = (SIZE_LAST_LOWER - SIZE_FIRST_UPPER) // SIZE_STEP + 2  # 18 rows

RATE_STEP = 500  # half a point, in thousandths of a percent

LTV_FIRST_UPPER = 65_000  # "65.00% and below"
LTV_FIXED_UPPERS = (75_000, 80_000)  # then five-point rows
LTV_STEP = 5_000

UNKNOWN = "Unknown"


def thousandths(column: str) -> pl.Expr:
    """A percent rounded half-up to 3 decimals, as a whole number of thousandths."""
    scaled = (pl.col(column) * 1000).round(_NOISE_DECIMALS)
    return (scaled + 0.5).floor().cast(pl.Int64)


def size_row(column: str = "current_balance") -> pl.Expr:
    """Size row index on half-open dollar intervals [lo, hi + 1): 149,999.50 is in row 0.

    Row 0 is "$149,999 and under", row 1 "$150,000 through $199,999", ...,
    row 17 "$950,000 and over".
    """
    index = (pl.col(column) / SIZE_STEP).floor().cast(pl.Int64) - (
        SIZE_FIRST_UPPER // SIZE_STEP - 1
    )
    return index.clip(0, SIZE_ROWS - 1)


def rate_row(column: str = "note_rate") -> pl.Expr:
    """Half-point note-rate row, named by its upper bound in thousandths (5.501-6.000 -> 6000)."""
    milli = thousandths(column)
    return ((milli + RATE_STEP - 1) // RATE_STEP) * RATE_STEP


def ltv_row(column: str = "ltv") -> pl.Expr:
    """LTV row, named by its upper bound in thousandths (65.001-75.000 -> 75000).

    Closed ranges on the LTV rounded to 3 decimals: up to 65.000, 75.000, 80.000,
    then every five points (85.000, 90.000, 95.000, 100.000, ...).
    """
    milli = thousandths(column)
    above_80 = (
        LTV_FIXED_UPPERS[-1]
        + ((milli - LTV_FIXED_UPPERS[-1] + LTV_STEP - 1) // LTV_STEP) * LTV_STEP
    )
    return (
        pl.when(milli <= LTV_FIRST_UPPER)
        .then(LTV_FIRST_UPPER)
        .when(milli <= LTV_FIXED_UPPERS[0])
        .then(LTV_FIXED_UPPERS[0])
        .when(milli <= LTV_FIXED_UPPERS[1])
        .then(LTV_FIXED_UPPERS[1])
        .otherwise(above_80)
    )


def _percent(milli: int, places: int = 3) -> str:
    return f"{milli / 1000:.{places}f}%"


def rate_label(upper: int, *, lowest: int | None = None, highest: int | None = None) -> str:
    """ "5.501% - 6.000%"; the first and last rows of a table show the pool's own extremes."""
    low = upper - RATE_STEP + 1 if lowest is None else lowest
    high = upper if highest is None else highest
    return f"{_percent(low)} - {_percent(high)}"


def ltv_label(upper: int) -> str:
    """ "65.00% and below", "65.001% - 75.000%", "75.001% - 80.000%", "80.001% - 85.000%"."""
    if upper == LTV_FIRST_UPPER:
        return f"{_percent(upper, 2)} and below"
    lowers = dict(zip(LTV_FIXED_UPPERS, (LTV_FIRST_UPPER, *LTV_FIXED_UPPERS[:-1]), strict=True))
    lower = lowers.get(upper, upper - LTV_STEP)
    return f"{_percent(lower + 1)} - {_percent(upper)}"


@dataclass(frozen=True)
class SizeSpan:
    """Consecutive size rows ``first..last`` (inclusive) merged into one printed row."""

    first: int
    last: int
    count: int
    balance: float

    @property
    def lower(self) -> int:
        return 0 if self.first == 0 else SIZE_FIRST_UPPER + (self.first - 1) * SIZE_STEP

    @property
    def upper(self) -> float:
        """Exclusive upper bound in dollars; infinite for the "and over" row."""
        if self.last == SIZE_ROWS - 1:
            return math.inf
        return SIZE_FIRST_UPPER + self.last * SIZE_STEP

    @property
    def label(self) -> str:
        if self.first == 0 and self.last == SIZE_ROWS - 1:
            return "$0 and over"
        if self.first == 0:
            return f"${int(self.upper) - 1:,} and under"
        if self.last == SIZE_ROWS - 1:
            return f"${self.lower:,} and over"
        return f"${self.lower:,} through ${int(self.upper) - 1:,}"


def size_label(row: int) -> str:
    """The unmerged label of size row ``row``."""
    return SizeSpan(row, row, 0, 0.0).label


def merge_empty_sizes(rows: dict[int, tuple[int, float]]) -> list[SizeSpan]:
    """Every size row, empty ones merged into the neighbour with fewer loans.

    ``rows`` maps row index to (count, balance) for the rows that hold loans.
    The first empty row from the top merges into its neighbour with fewer loans
    (the following row on a tie, the only neighbour at an end); repeat until no
    empty row remains (2002-12 pool II: "$150,000 through $249,999",
    "$800,000 through $899,999").
    """
    spans = [SizeSpan(i, i, *rows.get(i, (0, 0.0))) for i in range(SIZE_ROWS)]
    while len(spans) > 1:
        empty = next((i for i, s in enumerate(spans) if s.count == 0), None)
        if empty is None:
            break
        before = spans[empty - 1].count if empty > 0 else math.inf
        after = spans[empty + 1].count if empty + 1 < len(spans) else math.inf
        other = empty - 1 if before < after else empty + 1
        low, high = sorted((empty, other))
        a, b = spans[low], spans[high]
        spans[low : high + 1] = [
            SizeSpan(a.first, b.last, a.count + b.count, a.balance + b.balance)
        ]
    return spans
