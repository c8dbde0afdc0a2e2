"""The run's results as Polars frames: per class and day, and per day for the deal.

``classes``: one row per scenario, distribution day and class, with
``beginning_balance, interest_accrued, interest_paid, interest_shortfall,
principal_paid, deferred_paid`` (PO deferred amounts reimbursed), ``loss``
(realized losses and undercollateralisation writedowns), ``ending_balance``,
``unpaid_interest`` (owed after the day and carried forward,
``WaterfallOptions.interest_carry_forward``; ``interest_paid`` pays it before the
day's interest, and ``interest_shortfall`` is what of the day's own accrual is
left unpaid), ``beginning_notional``/``ending_notional`` (an IO class's notional
balance, the aggregate scheduled balance of its pool's premium loans, §2.2 [S6];
null for the other classes, whose balance columns are their balances; an IO
class's balance columns stay 0) and ``factor`` (ending balance over initial
balance; for an IO class ending notional over the notional at the cut-off).

``deal``: one row per scenario and day: available funds, servicing fee,
distributed, residual, realized losses (by type, excess), writedowns, loss
limits remaining after the day, PO deferred amounts outstanding, the
subordinated rate, collateral balance, senior percentage and senior prepayment
percentage (percent; the deal's are the pools' weighted by their target-rate
strips, and each pool's has its own column, ``senior_pct_<pool>``), step-down
tests, impaired subordinated classes, whether the cross-over date has passed and
whether the call was exercised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl
import xlsxwriter

from passthru.waterfall.record import CLASS_SERIES, Record
from passthru.waterfall.state import Terms

FLAGS = ("step_down_tests_pass", "crossed_over", "call_exercised")
NOTIONAL = ("beginning_notional", "ending_notional")


@dataclass(frozen=True, eq=False)
class Results:
    """What a run produced; ``collateral`` is the pools' projection for the days run."""

    collateral: pl.DataFrame
    classes: pl.DataFrame
    deal: pl.DataFrame

    FRAMES = ("classes", "deal", "collateral")

    def write(self, directory: str | Path, *, xlsx: bool = False) -> list[Path]:
        """``classes.csv``, ``deal.csv`` and ``collateral.csv`` in ``directory``; with
        ``xlsx`` also ``run.xlsx``, one sheet per frame. Returns the paths written."""
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name in self.FRAMES:
            getattr(self, name).write_csv(folder / f"{name}.csv")
            written.append(folder / f"{name}.csv")
        if xlsx:
            with xlsxwriter.Workbook(folder / "run.xlsx") as workbook:
                for name in self.FRAMES:
                    getattr(self, name).write_excel(workbook=workbook, worksheet=name)
            written.append(folder / "run.xlsx")
        return written


def distribution_dates(cut_off: date, day: int, periods: int) -> list[date]:
    """Distribution day t falls on ``day`` of the t-th month after the cut-off month."""
    months = cut_off.year * 12 + cut_off.month - 1 + np.arange(1, periods + 1)
    return [date(int(m // 12), int(m % 12) + 1, day) for m in months]


def _axes(scenarios: int, periods: int, inner: int) -> tuple[np.ndarray, np.ndarray]:
    scenario = np.repeat(np.arange(scenarios), periods * inner)
    period = np.tile(np.repeat(np.arange(1, periods + 1), inner), scenarios)
    return scenario, period


def class_frame(record: Record, terms: Terms, dates: list[date]) -> pl.DataFrame:
    """One row per scenario, day and class."""
    table = terms.table
    scenarios, periods, n = record.classes["ending_balance"].shape
    scenario, period = _axes(scenarios, periods, n)
    data = {name: record.classes[name].reshape(-1) for name in CLASS_SERIES}
    io = np.tile(np.array(table.kinds) == "io", scenarios * periods)
    for name in NOTIONAL:
        data[name] = pl.Series(data[name]).fill_nan(None).set(pl.Series(~io), None)
    initial = np.tile(table.initial, scenarios * periods)
    factor = np.where(initial > 0, data["ending_balance"] / np.where(initial > 0, initial, 1), 0)
    if io.any():
        cut_off = np.tile(_initial_notional(record, table), scenarios * periods)
        factor = np.where(io, record.classes["ending_notional"].reshape(-1) / cut_off, factor)
    pools = [table.pools[p] if p >= 0 else None for p in table.pool_of]
    return pl.DataFrame(
        {
            "scenario": scenario,
            "date": pl.Series(dates).gather(period - 1),
            "period": period,
            "class": np.tile(np.array(table.names, dtype=object), scenarios * periods).tolist(),
            "kind": np.tile(np.array(table.kinds, dtype=object), scenarios * periods).tolist(),
            "pool": pools * (scenarios * periods),
            **data,
            "factor": pl.Series(factor).fill_nan(None),
        },
        schema_overrides={"class": pl.String, "kind": pl.String, "pool": pl.String},
    )


def _initial_notional(record: Record, table) -> np.ndarray:
    """Each class's notional at the cut-off (NaN where unknown or zero; a non-IO class's is
    unused)."""
    first = record.classes["beginning_notional"][0, 0] if record.periods else np.zeros(table.count)
    return np.where(first > 0, first, np.nan)


def deal_frame(record: Record, terms: Terms, dates: list[date]) -> pl.DataFrame:
    """One row per scenario and day."""
    scenarios, periods = record.deal["available_funds"].shape
    scenario, period = _axes(scenarios, periods, 1)
    columns: dict[str, object] = {
        "scenario": scenario,
        "date": pl.Series(dates).gather(period - 1),
        "period": period,
    }
    for name, values in record.deal.items():
        flat = values.reshape(-1)
        columns[name] = flat.astype(bool) if name in FLAGS else flat
    columns["impaired_classes"] = record.deal["impaired_classes"].reshape(-1).astype(np.int64)
    for name, values in record.pools.items():
        for p, pool in enumerate(terms.table.pools):
            columns[f"{name}_{pool}"] = values[:, :, p].reshape(-1)
    return pl.DataFrame(columns)
