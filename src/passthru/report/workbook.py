"""``report.xlsx``: one sheet per table, numbers written as numbers with number formats.

Decrement tables keep their exact fractions under a percent format that prints whole
percents, ``*`` for more than 0 and less than 0.5%, and the weighted average life to
2 decimals, as the prospectus supplement does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import xlsxwriter

from passthru.analytics.decrement import DATE_COLUMN, WAL_ROW, speed_columns

SHEET_NAME_MAX = 31
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
FORMATS = {
    "int": {"num_format": "#,##0"},
    "float": {"num_format": "#,##0.00"},
    "date": {"num_format": "mmmm d, yyyy"},
    # 0 prints 0%, more than 0 and less than 0.5% prints *, otherwise whole percents.
    "decrement": {"num_format": '[=0]0%;[<0.005]"*";0%'},
    "life": {"num_format": "0.00"},
    "heading": {"bold": True, "bottom": 1, "text_wrap": True, "valign": "bottom"},
}


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no ``[]:*?/\\``, at most 31 characters."""
    base = NOT_IN_SHEET_NAMES.sub("-", title).strip("'") or "Sheet"
    name, n = base[:SHEET_NAME_MAX], 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _cell_format(value: Any) -> str | None:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return None
    if isinstance(value, int):
        return "int"
    if isinstance(value, float | Decimal):
        return "float"
    return "date" if isinstance(value, date) else None


def _write_cell(sheet, row: int, col: int, value: Any, formats: dict, kind: str | None) -> None:
    if value is None or (isinstance(value, float) and value != value):
        return
    if kind == "date":
        sheet.write_datetime(row, col, value, formats[kind])
    elif kind is not None:
        sheet.write_number(row, col, float(value), formats[kind])
    else:
        sheet.write(row, col, value if isinstance(value, str) else str(value))


def _headings(sheet, frame: pl.DataFrame, formats: dict) -> None:
    for col, name in enumerate(frame.columns):
        width = max([len(name)] + [len(str(v)) for v in frame[name].to_list()[:200]])
        sheet.set_column(col, col, min(max(width + 2, 10), 48))
        sheet.write_string(0, col, name, formats["heading"])
    sheet.freeze_panes(1, 0)


def write_frame(book, title: str, frame: pl.DataFrame, formats: dict, taken: set[str]) -> None:
    """One sheet holding ``frame``: a heading row, then one row per frame row."""
    sheet = book.add_worksheet(sheet_name(title, taken))
    _headings(sheet, frame, formats)
    for r, row in enumerate(frame.iter_rows(), start=1):
        for c, value in enumerate(row):
            _write_cell(sheet, r, c, value, formats, _cell_format(value))


def write_decrement(book, title: str, values: pl.DataFrame, formats: dict, taken: set) -> None:
    """A decrement table (:func:`passthru.analytics.decrement_values`): fractions of the
    initial balance under the decrement format, the WAL row in years."""
    table = values.select(DATE_COLUMN, *speed_columns(values))
    sheet = book.add_worksheet(sheet_name(title, taken))
    _headings(sheet, table, formats)
    for r, row in enumerate(table.iter_rows(), start=1):
        sheet.write_string(r, 0, row[0])
        life = row[0] == WAL_ROW
        for c, value in enumerate(row[1:], start=1):
            number = value if life else value / 100.0
            sheet.write_number(r, c, number, formats["life" if life else "decrement"])


@dataclass(frozen=True)
class Sheet:
    """One table of the workbook; ``decrement`` marks a :func:`decrement_values` frame."""

    title: str
    frame: pl.DataFrame
    decrement: bool = False


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> Path:
    """Write one sheet per table to ``path``, in order."""
    book = xlsxwriter.Workbook(str(path))
    formats = {key: book.add_format(spec) for key, spec in FORMATS.items()}
    taken: set[str] = set()
    for sheet in sheets:
        write = write_decrement if sheet.decrement else write_frame
        write(book, sheet.title, sheet.frame, formats, taken)
    if not sheets:
        book.add_worksheet("Report")
    book.close()
    return path
