"""Loan arrays for the projection kernel, from a pooled frame or a plain tape.

A pooled frame comes from :func:`passthru.pool.form_pools` and carries each loan's
pool, net rate and strip columns (cashflow-and-structure.md §2.2); every loan
of it must name its pool. A plain canonical tape (none of the strip columns) is
one pool named ``all``: no strips, the tape's own servicing fee (0 where
absent), net rate = note rate - fee.

Loans are sorted by pool once, so the kernel sums each pool over a contiguous
slice. Each loan amortises on its own note rate and remaining term (SF-4); its
age at the cut-off is ``original_term - remaining_term`` (SF-6/7).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from passthru.errors import Issue, TapeError

UNPOOLED = "all"
STRIP_COLUMNS = ("net_rate", "target_rate", "premium", "discount_fraction", "io_strip_rate")
NEEDED = ("current_balance", "note_rate", "original_term", "remaining_term")
SOURCE_ROW = "source_row"


@dataclass(frozen=True, eq=False)
class LoanArrays:
    """One entry per loan, loans grouped by pool (``pool_start[i]:pool_start[i+1]``).

    Rates are percent a year, as on the tape. ``po_fraction`` is the discount
    fraction (the PO strip's share of principal); ``io_fraction`` is the IO strip's
    share of a premium loan's net interest, ``(net - target) / net``.
    """

    pools: tuple[str, ...]
    pool_start: np.ndarray
    balance: np.ndarray
    note_rate: np.ndarray
    net_rate: np.ndarray
    remaining_term: np.ndarray
    loan_age: np.ndarray
    po_fraction: np.ndarray
    io_fraction: np.ndarray

    @property
    def count(self) -> int:
        return int(self.balance.shape[0])

    def original_balance(self) -> np.ndarray:
        """Cut-off balance per pool."""
        return np.add.reduceat(self.balance, self.pool_start[:-1]) if self.count else np.zeros(0)

    def max_month(self, months: int) -> int:
        """The highest loan MONTH reached within ``months`` projected months."""
        if not self.count:
            return 1
        return int(np.max(self.loan_age + np.minimum(self.remaining_term, months)))


def _check(frame: pl.DataFrame, source: str) -> None:
    missing = [c for c in NEEDED if c not in frame.columns]
    if missing:
        raise TapeError(
            f"{source}: columns {missing} are needed to project cash flows",
            tuple(
                Issue(source, "missing_column", "needed for cash flows", column=c) for c in missing
            ),
        )
    rules = (
        ("current_balance", pl.col("current_balance") < 0, "balance_positive", "is negative"),
        ("note_rate", pl.col("note_rate") < 0, "note_rate_range", "is negative"),
        ("remaining_term", pl.col("remaining_term") < 1, "term_range", "is below 1 month"),
        (
            "remaining_term",
            pl.col("remaining_term") > pl.col("original_term"),
            "remaining_le_original",
            "exceeds the original term",
        ),
    )
    rows = _numbered(frame)
    issues: list[Issue] = []
    for column in NEEDED:
        for (row,) in rows.filter(pl.col(column).is_null()).select("row").iter_rows():
            issues.append(Issue(source, "required", "is empty", row=row, column=column))
    for column, bad, rule, message in rules:
        for row, value in rows.filter(bad).select("row", column).iter_rows():
            issues.append(Issue(source, rule, message, row=row, column=column, value=str(value)))
    if issues:
        raise TapeError(f"{source}: {len(issues)} loans cannot be projected", tuple(issues))


def _numbered(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with a ``row`` column: the tape's own ``source_row`` when carried, else the
    1-based position."""
    if SOURCE_ROW in frame.columns:
        return frame.with_columns(pl.col(SOURCE_ROW).alias("row"))
    return frame.with_row_index("row", offset=1)


def _check_pooled(frame: pl.DataFrame, source: str) -> None:
    """A pooled frame (§2.2) carries every pool column and names every loan's pool: a loan
    without one is refused, never projected in a pool of its own or with the rest."""
    missing = [c for c in ("pool", *STRIP_COLUMNS) if c not in frame.columns]
    if missing:
        raise TapeError(
            f"{source}: a pooled frame needs the pool columns {missing}",
            tuple(Issue(source, "missing_column", "needed for pools", column=c) for c in missing),
        )
    unpooled = _numbered(frame).filter(pl.col("pool").is_null()).get_column("row").to_list()
    if unpooled:
        raise TapeError(
            f"{source}: {len(unpooled)} loans have no pool; pool them under the deal",
            tuple(
                Issue(source, "required", "has no pool", row=row, column="pool") for row in unpooled
            ),
        )


def _with_strips(frame: pl.DataFrame, source: str) -> pl.DataFrame:
    if any(c in frame.columns for c in STRIP_COLUMNS):
        _check_pooled(frame, source)
        return frame
    fee = (
        pl.col("servicing_fee_rate").fill_null(0.0)
        if "servicing_fee_rate" in frame.columns
        else pl.lit(0.0)
    )
    return frame.with_columns(
        pl.lit(UNPOOLED).alias("pool"),
        (pl.col("note_rate") - fee).alias("net_rate"),
        pl.lit(0.0).alias("target_rate"),
        pl.lit(True).alias("premium"),
        pl.lit(0.0).alias("discount_fraction"),
        pl.lit(0.0).alias("io_strip_rate"),
    )


def loan_arrays(frame: pl.DataFrame, *, source: str = "loans") -> LoanArrays:
    """Convert a pooled frame or a plain canonical tape to :class:`LoanArrays`.

    Raises :class:`TapeError` for loans that cannot be projected and, in a pooled frame,
    for loans without a pool."""
    _check(frame, source)
    loans = _with_strips(frame, source).sort("pool", maintain_order=True)
    pools = tuple(loans.get_column("pool").unique(maintain_order=True).to_list())
    counts = loans.group_by("pool", maintain_order=True).len().get_column("len").to_numpy()
    net = loans.get_column("net_rate").cast(pl.Float64).to_numpy()
    io_rate = loans.get_column("io_strip_rate").cast(pl.Float64).fill_null(0.0).to_numpy()
    safe_net = np.where(net > 0, net, 1.0)
    remaining = loans.get_column("remaining_term").cast(pl.Int64).to_numpy()
    original = loans.get_column("original_term").cast(pl.Int64).to_numpy()
    return LoanArrays(
        pools=pools,
        pool_start=np.concatenate(([0], np.cumsum(counts))).astype(np.int64),
        balance=loans.get_column("current_balance").cast(pl.Float64).to_numpy().copy(),
        note_rate=loans.get_column("note_rate").cast(pl.Float64).to_numpy().copy(),
        net_rate=net.copy(),
        remaining_term=remaining.copy(),
        loan_age=(original - remaining).astype(np.int64),
        po_fraction=loans.get_column("discount_fraction")
        .cast(pl.Float64)
        .fill_null(0.0)
        .to_numpy()
        .copy(),
        io_fraction=np.where(net > 0, io_rate / safe_net, 0.0),
    )
