"""Polars frames as printed tables for the HTML page: every cell a string, numbers
right-aligned, figures rounded half-up through :mod:`passthru.money`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl

from passthru.money import format_date, format_number

FLOAT_PLACES = 2
NUMERIC_TEXT = re.compile(r"^[-+$(]?[\d.,]+%?\)?$|^\*$")


@dataclass(frozen=True)
class TableView:
    """A printed table: headings, rows of strings and which columns are right-aligned."""

    caption: str
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]


def as_frame(table: pl.DataFrame | Sequence[Mapping[str, Any]]) -> pl.DataFrame:
    """A frame from a frame or a list of row dicts (the class table of a deal, say)."""
    return table if isinstance(table, pl.DataFrame) else pl.DataFrame(list(table))


def printed_cell(value: Any) -> str:
    """One cell: thousands separators; floats to 2 decimals, Decimals to their own places."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format_number(value, max(-value.as_tuple().exponent, 0))  # type: ignore[operator]
    if isinstance(value, int):
        return format_number(value, 0)
    if isinstance(value, float):
        return format_number(value, FLOAT_PLACES) if value == value else ""
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def _right_aligned(frame: pl.DataFrame, column: str, cells: list[str]) -> bool:
    dtype = frame.schema[column]
    if dtype.is_numeric() or dtype == pl.Date:
        return True
    filled = [c for c in cells if c]
    return bool(filled) and all(NUMERIC_TEXT.match(c) for c in filled)


def table_view(caption: str, table: pl.DataFrame | Sequence[Mapping[str, Any]]) -> TableView:
    """Print every cell of ``table`` (see :func:`printed_cell`)."""
    frame = as_frame(table)
    columns = {c: [printed_cell(v) for v in frame[c].to_list()] for c in frame.columns}
    return TableView(
        caption=caption,
        headings=tuple(frame.columns),
        rows=tuple(zip(*columns.values(), strict=True)),
        numeric=tuple(_right_aligned(frame, c, cells) for c, cells in columns.items()),
    )
