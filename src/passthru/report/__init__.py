"""HTML report with charts and the Excel workbook."""

from passthru.report.build import ReportInputs, build_report, write_report
from passthru.report.charts import (
    balance_paths_frame,
    class_balance_chart,
    cumulative_loss_chart,
    pool_balance_chart,
    senior_prepayment_chart,
)
from passthru.report.progress import progress
from passthru.report.svg import Series, line_chart, nice_ticks

__all__ = [
    "ReportInputs",
    "Series",
    "balance_paths_frame",
    "build_report",
    "class_balance_chart",
    "cumulative_loss_chart",
    "line_chart",
    "nice_ticks",
    "pool_balance_chart",
    "progress",
    "senior_prepayment_chart",
    "write_report",
]
