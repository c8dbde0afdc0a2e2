"""Month arithmetic on date columns: remaining terms, maturities and cut-offs.

A loan pays on the same day of each month as its maturity date. The stated
remaining term at a cut-off date counts the payments due after that date, since
payments due on or before it are deducted from the balance
(cashflow-and-structure.md §3.1 and §3.2, "RT_i ... months from the cut-off-date
due date to maturity").
"""

from __future__ import annotations

import polars as pl


def month_index(date: pl.Expr) -> pl.Expr:
    """Months since year 0: ``year * 12 + month - 1``, so differences count months."""
    return date.dt.year().cast(pl.Int64) * 12 + date.dt.month().cast(pl.Int64) - 1


def add_months(date: pl.Expr, months: pl.Expr) -> pl.Expr:
    """``date`` moved by ``months`` calendar months, the day clipped to the month's end."""
    index = month_index(date) + months
    first = pl.date(index // 12, index % 12 + 1, 1)
    day = pl.min_horizontal(date.dt.day(), first.dt.month_end().dt.day())
    return first + pl.duration(days=day.cast(pl.Int64) - 1)


def is_month_end(date: pl.Expr) -> pl.Expr:
    """The last day of its month."""
    return (date + pl.duration(days=1)).dt.month() != date.dt.month()


def months_later_differs(later: pl.Expr, date: pl.Expr, months: pl.Expr) -> pl.Expr:
    """``later`` is not :func:`add_months` ``(date, months)`` (computed without building dates)."""
    other_month = month_index(later) != month_index(date) + months
    day, later_day = date.dt.day(), later.dt.day()
    clipped = (later_day < day) & is_month_end(later)
    return other_month | ((later_day != day) & ~clipped)


def remaining_payments(cut_off: pl.Expr, maturity: pl.Expr) -> pl.Expr:
    """Payments due after ``cut_off`` up to and including ``maturity`` (§3.2 RT_i).

    The due date in the cut-off month falls on the maturity's day of the month;
    it was deducted when it is on or before the cut-off date.
    """
    months = month_index(maturity) - month_index(cut_off)
    due_after_cut_off = (maturity.dt.day() > cut_off.dt.day()).cast(pl.Int64)
    return months + due_after_cut_off


def implied_cut_off_month(maturity: pl.Expr, remaining_term: pl.Expr) -> pl.Expr:
    """The month index of a first-of-month cut-off that gives ``remaining_term``.

    Inverse of :func:`remaining_payments` for a cut-off on the 1st of a month.
    """
    due_after_first = (maturity.dt.day() > 1).cast(pl.Int64)
    return month_index(maturity) + due_after_first - remaining_term


def first_of_month(index: int) -> str:
    """ISO date of the first day of the month with :func:`month_index` ``index``."""
    year, month0 = divmod(index, 12)
    return f"{year:04d}-{month0 + 1:02d}-01"
