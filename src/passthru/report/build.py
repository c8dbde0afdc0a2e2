"""One deal in one report: ``report.html`` (self-contained page) and ``report.xlsx``.

Every section is optional but the title, so the report grows with what a run has:
the term sheet (the :mod:`passthru.disclosure` HTML body), the class table, decrement
and yield tables, and four charts (:mod:`passthru.report.charts`). Both files are
written to a temporary name and renamed, so a reader never sees half a report.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import polars as pl
from markupsafe import Markup

from passthru.analytics.decrement import format_decrement
from passthru.analytics.decrement_text import class_heading
from passthru.disclosure.html import render_html
from passthru.report import charts
from passthru.report.views import as_frame, table_view
from passthru.report.workbook import Sheet, write_workbook
from passthru.strats.model import TermSheet
from passthru.templating import html_templates

_ENV = html_templates("passthru.report")
BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL | re.IGNORECASE)
Rows = pl.DataFrame | Sequence[Mapping[str, Any]]


@dataclass(frozen=True)
class ReportInputs:
    """What each section needs; ``None`` or empty leaves the section out.

    ``decrement`` and ``yields`` map a class name to its table (decrement tables as
    :func:`passthru.analytics.decrement_values` gives them); the chart frames have a
    ``period`` column and one numeric column per line (:mod:`passthru.report.charts`).
    """

    title: str
    summary: Mapping[str, str] = field(default_factory=dict)
    termsheet: TermSheet | None = None
    structure: Rows | None = None
    decrement: Mapping[str, pl.DataFrame] = field(default_factory=dict)
    yields: Mapping[str, pl.DataFrame] = field(default_factory=dict)
    pool_balances: pl.DataFrame | None = None
    class_balances: pl.DataFrame | None = None
    cumulative_losses: pl.DataFrame | None = None
    senior_prepayment: pl.DataFrame | None = None

    def as_keywords(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


CHARTS: tuple[tuple[str, Callable[[pl.DataFrame], str]], ...] = (
    ("pool_balances", charts.pool_balance_chart),
    ("class_balances", charts.class_balance_chart),
    ("cumulative_losses", charts.cumulative_loss_chart),
    ("senior_prepayment", charts.senior_prepayment_chart),
)


def termsheet_body(termsheet: TermSheet) -> Markup:
    """The body of the disclosure HTML term sheet, to embed in the report."""
    page = render_html(termsheet)
    found = BODY.search(page)
    return Markup(found.group(1) if found else page)  # our own escaped render


def build_report(
    *,
    title: str,
    summary: Mapping[str, str] | None = None,
    termsheet: TermSheet | None = None,
    structure: Rows | None = None,
    decrement: Mapping[str, pl.DataFrame] | None = None,
    yields: Mapping[str, pl.DataFrame] | None = None,
    pool_balances: pl.DataFrame | None = None,
    class_balances: pl.DataFrame | None = None,
    cumulative_losses: pl.DataFrame | None = None,
    senior_prepayment: pl.DataFrame | None = None,
) -> str:
    """The report as one HTML page: no scripts, fonts or links to fetch; charts as SVG."""
    frames = {
        "pool_balances": pool_balances,
        "class_balances": class_balances,
        "cumulative_losses": cumulative_losses,
        "senior_prepayment": senior_prepayment,
    }
    svgs = [Markup(chart(frames[key])) for key, chart in CHARTS if frames[key] is not None]
    return _ENV.get_template("report.html.j2").render(
        title=title,
        summary=dict(summary or {}),
        termsheet=termsheet_body(termsheet) if termsheet is not None else None,
        structure=table_view("Certificates", structure) if structure is not None else None,
        decrement=[
            table_view(class_heading(name), format_decrement(values))
            for name, values in (decrement or {}).items()
        ],
        yields=[table_view(name, frame) for name, frame in (yields or {}).items()],
        charts=svgs,
    )


def workbook_sheets(inputs: ReportInputs) -> list[Sheet]:
    """The workbook's tables in page order: summary, structure, decrement, yield, chart data."""
    sheets = []
    if inputs.summary:
        summary = pl.DataFrame(
            {"Item": list(inputs.summary), "Value": list(inputs.summary.values())}
        )
        sheets.append(Sheet("Summary", summary))
    if inputs.structure is not None:
        sheets.append(Sheet("Structure", as_frame(inputs.structure)))
    sheets += [Sheet(f"Decrement {n}", v, decrement=True) for n, v in inputs.decrement.items()]
    sheets += [Sheet(f"Yield {n}", frame) for n, frame in inputs.yields.items()]
    for key, _ in CHARTS:
        frame = getattr(inputs, key)
        if frame is not None:
            sheets.append(Sheet(key.replace("_", " ").capitalize(), frame))
    return sheets


def _replace_atomically(target: Path, write: Callable[[Path], object]) -> Path:
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a report is for reading
        write(Path(temporary))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def write_report(inputs: ReportInputs, out_dir: str | Path) -> tuple[Path, Path]:
    """Write ``report.html`` and ``report.xlsx`` into ``out_dir`` (created if missing)."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    page = build_report(**inputs.as_keywords())
    html = _replace_atomically(
        folder / "report.html", lambda p: p.write_text(page, encoding="utf-8")
    )
    xlsx = _replace_atomically(
        folder / "report.xlsx", lambda p: write_workbook(p, workbook_sheets(inputs))
    )
    return html, xlsx
