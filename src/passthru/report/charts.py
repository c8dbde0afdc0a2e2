"""The report's four charts, each from a wide Polars frame: a ``period`` column (the
distribution date's number, 1 = first distribution) and one numeric column per line.

A deal run feeds them its frames; :func:`balance_paths_frame` turns (speeds, periods)
balance arrays, as :func:`passthru.analytics.pass_through_balances` reads them, into
such a frame.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from passthru.analytics.decrement import speed_label
from passthru.errors import AssumptionError
from passthru.report.svg import Series, compact_number, line_chart, percent_label

PERIOD = "period"
X_LABEL = "Distribution date (month number)"


def frame_series(frame: pl.DataFrame, what: str) -> list[Series]:
    """Every numeric column but ``period`` as one series against ``period``."""
    if PERIOD not in frame.columns:
        raise AssumptionError(f"the {what} frame has no {PERIOD!r} column", field=what)
    lines = [c for c, t in frame.schema.items() if c != PERIOD and t.is_numeric()]
    if not lines:
        raise AssumptionError(f"the {what} frame has no numeric column to chart", field=what)
    x = frame[PERIOD].cast(pl.Float64).to_numpy()
    return [Series(c, x, frame[c].cast(pl.Float64).fill_null(np.nan).to_numpy()) for c in lines]


def balance_paths_frame(balances: np.ndarray, speeds: Sequence[float]) -> pl.DataFrame:
    """(speeds, periods) balances as a frame: ``period`` and a column per speed, ``100%``."""
    paths = np.atleast_2d(np.asarray(balances, dtype=np.float64))
    frame = {PERIOD: np.arange(1, paths.shape[1] + 1)}
    frame.update({speed_label(s): paths[i] for i, s in enumerate(speeds)})
    return pl.DataFrame(frame)


def pool_balance_chart(balances: pl.DataFrame) -> str:
    """Pool balance after each distribution date, one line per PSA speed."""
    return line_chart(
        frame_series(balances, "pool_balances"),
        chart_id="chart-pool-balance",
        title="Pool balance by PSA speed",
        x_label=X_LABEL,
        y_label="Balance outstanding ($)",
        y_format=compact_number,
    )


def class_balance_chart(balances: pl.DataFrame) -> str:
    """Certificate balance of each class after each distribution date."""
    return line_chart(
        frame_series(balances, "class_balances"),
        chart_id="chart-class-balances",
        title="Class balances over time",
        x_label=X_LABEL,
        y_label="Class balance ($)",
        y_format=compact_number,
    )


def cumulative_loss_chart(losses: pl.DataFrame) -> str:
    """Realized losses allocated to each class, cumulated through each distribution date."""
    return line_chart(
        frame_series(losses, "cumulative_losses"),
        chart_id="chart-cumulative-losses",
        title="Cumulative realized losses by class",
        x_label=X_LABEL,
        y_label="Cumulative losses ($)",
        y_format=compact_number,
    )


def senior_prepayment_chart(path: pl.DataFrame) -> str:
    """The senior prepayment percentage (percent) applied on each distribution date."""
    return line_chart(
        frame_series(path, "senior_prepayment"),
        chart_id="chart-senior-prepayment",
        title="Senior prepayment percentage",
        x_label=X_LABEL,
        y_label="Senior prepayment percentage",
        y_format=percent_label,
    )
