"""Decrement tables: percent of a class's initial balance outstanding at each anniversary.

A prospectus supplement prints, for each class and a list of PSA speeds, the percentage
of the initial class balance outstanding on the distribution date in the month of each
anniversary of the closing date, then the weighted average life in years measured from
the closing date to each distribution date (spec §1.6; :func:`years_from_closing`).

The numbers (:func:`decrement_values`) and the printed layout (:func:`decrement_table`:
whole percents half-up, ``*`` for more than 0 and less than 0.5%, WAL to 2 decimals)
share the same rows, so the report and the workbook use the numbers and every text
layout prints the same digits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import polars as pl

from passthru.analytics.daycount import distribution_dates, years_from_closing
from passthru.analytics.measures import wal
from passthru.collateral import TOTAL, Assumptions, CashflowGrid, LoanArrays, project_grid
from passthru.deal import Deal
from passthru.errors import AssumptionError, DealError
from passthru.money import format_date, format_dollars, round_half_up

DATE_COLUMN = "Distribution Date"
INITIAL_ROW = "Initial Percentage"
WAL_ROW = "Weighted Average Life (years)"
# A balance below this fraction of the initial balance is float residue, i.e. retired.
RETIRED = 1e-10


def speed_label(speed: float) -> str:
    """The column heading of a PSA speed: ``100%``."""
    return f"{speed:g}%"


def first_distribution_date(cut_off: date, distribution_day: int) -> date:
    """The distribution day of the month after the cut-off month (interest accrues for the
    prior calendar month, spec §2.3): cut-off February 1, 2003 and day 25 give March 25."""
    year, month = divmod(cut_off.year * 12 + cut_off.month, 12)
    return date(year, month + 1, distribution_day)


def _as_paths(balances: np.ndarray, speeds: Sequence[float]) -> np.ndarray:
    paths = np.atleast_2d(np.asarray(balances, dtype=np.float64))
    if paths.ndim != 2 or paths.shape[0] != len(speeds):
        raise AssumptionError(
            f"balances have shape {np.shape(balances)}; need one row per speed "
            f"({len(speeds)} speeds) and one column per distribution date",
            field="balances",
        )
    if paths.shape[1] == 0:
        raise AssumptionError("balances have no distribution dates", field="balances")
    return paths


def _check_retired(paths: np.ndarray, initial: float, speeds: Sequence[float]) -> None:
    left = paths[:, -1] > RETIRED * initial
    if left.any():
        speed = speeds[int(np.argmax(left))]
        raise AssumptionError(
            f"the balance at {speed_label(speed)} PSA is "
            f"{format_dollars(paths[int(np.argmax(left)), -1], 2)} "
            "after the last distribution date; project until the class is retired",
            field="balances",
        )


def anniversary_periods(closing: date, first_distribution: date, periods: int) -> list[int]:
    """0-based period of the distribution date in the month of each anniversary of the
    closing date, as far as ``periods`` distribution dates reach."""
    if first_distribution <= closing:
        raise DealError(
            f"first distribution {first_distribution} is not after the closing date {closing}",
            field="first_distribution",
        )
    start = first_distribution.year * 12 + first_distribution.month
    found = []
    for year in range(1, periods // 12 + 2):
        k = (closing.year + year) * 12 + closing.month - start
        if 0 <= k < periods:
            found.append(k)
    return found


def _retired_through(percent: np.ndarray, row: int) -> bool:
    return bool((percent[:, row] == 0).all())


def decrement_values(
    balances: np.ndarray,
    initial: float,
    *,
    closing: date,
    first_distribution: date,
    speeds: Sequence[float],
) -> pl.DataFrame:
    """Exact figures of a decrement table, one Float64 column per speed.

    ``balances`` is (speeds, periods): the class balance after each distribution date,
    period 1 on ``first_distribution``. Rows: ``Initial Percentage`` (100), then the
    distribution date in each anniversary month of ``closing`` until every speed is at 0,
    then ``Weighted Average Life (years)`` (SF-49 c, years from closing). Percent rows
    carry their ``date``; the others a null date.
    """
    if initial <= 0:
        raise AssumptionError(f"initial balance {initial} must be positive", field="initial")
    paths = _as_paths(balances, speeds)
    _check_retired(paths, initial, speeds)
    paths = np.where(paths > RETIRED * initial, paths, 0.0)
    n = paths.shape[1]
    # Retired classes stay at 0, so the table can reach the first anniversary at 0.
    rows = anniversary_periods(closing, first_distribution, n + 12)
    percent = 100.0 * np.pad(paths, ((0, 0), (0, 12)))[:, rows] / initial
    shown = next((i + 1 for i in range(len(rows)) if _retired_through(percent, i)), len(rows))
    principal = -np.diff(paths, axis=1, prepend=initial)
    lives = np.atleast_1d(wal(principal, years_from_closing(closing, first_distribution, n)))
    dates = distribution_dates(first_distribution, n + 12)
    labels = [INITIAL_ROW, *(format_date(dates[k]) for k in rows[:shown]), WAL_ROW]
    frame = {
        DATE_COLUMN: labels,
        "date": [None, *(dates[k] for k in rows[:shown]), None],
    }
    for s, speed in enumerate(speeds):
        frame[speed_label(speed)] = [100.0, *percent[s, :shown].tolist(), float(lives[s])]
    return pl.DataFrame(frame, schema_overrides={"date": pl.Date})


def printed_percent(percent: float) -> str:
    """Whole percent, half-up (``passthru.money``); ``*`` for more than 0 and less than 0.5%."""
    if 0 < percent < 0.5:
        return "*"
    return str(int(round_half_up(percent, 0)))


def printed_life(years: float) -> str:
    """Weighted average life in years to 2 decimals, half-up."""
    return f"{round_half_up(years, 2):.2f}"


def speed_columns(values: pl.DataFrame) -> list[str]:
    """The speed columns of a decrement frame, in order."""
    return [c for c in values.columns if c not in (DATE_COLUMN, "date")]


def format_decrement(values: pl.DataFrame) -> pl.DataFrame:
    """The printed layout of :func:`decrement_values`: every cell a string."""
    labels = values[DATE_COLUMN].to_list()
    printed = {DATE_COLUMN: labels}
    for column in speed_columns(values):
        cells = values[column].to_list()
        printed[column] = [
            printed_life(x) if label == WAL_ROW else printed_percent(x)
            for label, x in zip(labels, cells, strict=True)
        ]
    return pl.DataFrame(printed)


def decrement_table(
    balances: np.ndarray,
    initial: float,
    *,
    closing: date,
    first_distribution: date,
    speeds: Sequence[float],
) -> pl.DataFrame:
    """The decrement table as the prospectus supplement prints it (strings), see
    :func:`decrement_values` for the rows and :func:`format_decrement` for the rules."""
    return format_decrement(
        decrement_values(
            balances, initial, closing=closing, first_distribution=first_distribution, speeds=speeds
        )
    )


def deal_calendar(deal: Deal) -> tuple[date, date]:
    """The closing date and first distribution date of a deal (decrement-table time base)."""
    if deal.closing_date is None:
        raise DealError("no closing date; decrement tables count from it", field="closing_date")
    return deal.closing_date, first_distribution_date(deal.cut_off_date, deal.distribution_day)


PASS_THROUGH = "pass-through"


def pass_through_grid(loans: LoanArrays | pl.DataFrame, speeds: Sequence[float]) -> CashflowGrid:
    """One projection of the loans at every PSA speed, no defaults (SF-4 to SF-6): the grid
    :func:`pass_through_balances` and :func:`pass_through_decrements` read."""
    return project_grid(loans, [Assumptions.from_options(psa=speed) for speed in speeds])


def pass_through_balances(
    grid: CashflowGrid, *, pool: str | None = None
) -> tuple[np.ndarray, float]:
    """The collateral's own pass-through "class" in a :func:`pass_through_grid`: the
    performing balance of ``pool`` (default: the only pool, or the ``total`` of several)
    after each period at each speed, shape (speeds, periods), and its cut-off balance."""
    pools = grid.pools
    name = pool if pool is not None else (pools[0] if len(pools) == 1 else TOTAL)
    known = pools + ((TOTAL,) if len(pools) > 1 else ())
    if name not in known:
        raise DealError(f"no pool {name!r}; the loans have pools {list(known)}", field="pool")
    rows = grid.frame.filter(pl.col("pool") == name).sort("scenario", "period")
    balances = rows["performing_balance"].to_numpy().reshape(-1, grid.months)
    original = grid.summary.filter((pl.col("pool") == name) & (pl.col("scenario") == 0))
    return balances, float(original["original_balance"][0])


def pass_through_names(pools: Sequence[str]) -> list[str]:
    """``pass-through`` (all loans) and, with several pools, ``pass-through-<pool>`` each."""
    return [PASS_THROUGH] + ([f"{PASS_THROUGH}-{p}" for p in pools] if len(pools) > 1 else [])


def pass_through_decrements(
    loans: LoanArrays | pl.DataFrame | CashflowGrid,
    speeds: Sequence[float],
    *,
    closing: date,
    first_distribution: date,
    names: Sequence[str] | None = None,
) -> dict[str, pl.DataFrame]:
    """:func:`decrement_values` of pass-through "classes" (:func:`pass_through_names`), all
    from one projection of the loans at every speed, or from the :func:`pass_through_grid`
    of ``speeds`` given instead of the loans."""
    grid = loans if isinstance(loans, CashflowGrid) else pass_through_grid(loans, speeds)
    known = pass_through_names(grid.pools)
    tables = {}
    for name in names if names is not None else known:
        if name not in known:
            raise DealError(
                f"no class {name!r} without the certificate waterfall; known: {known}",
                field="class",
            )
        pool = None if name == PASS_THROUGH else name.removeprefix(f"{PASS_THROUGH}-")
        balances, initial = pass_through_balances(grid, pool=pool)
        tables[name] = decrement_values(
            balances, initial, closing=closing, first_distribution=first_distribution, speeds=speeds
        )
    return tables
