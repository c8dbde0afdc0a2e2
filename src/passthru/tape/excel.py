"""Excel workbooks (``.xlsx``): the first sheet, or the one named with ``--sheet``.

Cells keep their Excel types (numbers, dates, text). A sheet that is not a tape
(a cover page, notes) is answered with ``excel_sheet`` naming the other sheets.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import fastexcel
import polars as pl

from passthru.tape.sources import (
    check_duplicates,
    header_names,
    require_file,
    structural_error,
    with_source_row,
)

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")


@contextmanager
def _quiet_type_inference() -> Iterator[None]:
    """Silence fastexcel's "falling back to string" log lines: a mixed column is
    expected here and is reported as named issues by validation instead."""
    logger = logging.getLogger("fastexcel")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _open(path: Path, source: str) -> fastexcel.ExcelReader:
    try:
        return fastexcel.read_excel(path)
    except Exception as exc:  # fastexcel raises its own exception types for any unreadable book
        reason = str(exc).splitlines()[0]
        raise structural_error(
            source, "excel_unreadable", f"not a readable Excel workbook: {reason}"
        ) from None


def _header(reader: fastexcel.ExcelReader, sheet: str, skip_rows: int) -> list[str]:
    with _quiet_type_inference():  # a blank header cell has no type to infer
        top = reader.load_sheet(sheet, header_row=None, skip_rows=skip_rows, n_rows=1)
    top = top.to_polars()
    if top.height == 0:
        return []
    return header_names([None if v is None else str(v) for v in top.row(0)])


def _choose_sheet(
    reader: fastexcel.ExcelReader,
    source: str,
    sheet: str | None,
    expected: Iterable[str],
    skip_rows: int,
) -> tuple[str, list[str]]:
    names = list(reader.sheet_names)
    if sheet is not None:
        if sheet not in names:
            message = f"no sheet {sheet!r}; the workbook has sheets {', '.join(map(repr, names))}"
            raise structural_error(source, "excel_sheet", message, value=sheet)
        return sheet, _header(reader, sheet, skip_rows)
    first = names[0]
    header = _header(reader, first, skip_rows)
    if len(names) > 1 and not set(header) & set(expected):
        others = ", ".join(map(repr, names[1:]))
        message = (
            f"the first sheet {first!r} is not a loan tape (no known column in its first row); "
            f"the workbook also has sheets {others}: choose one with --sheet"
        )
        raise structural_error(source, "excel_sheet", message, value=first)
    return first, header


def read_excel(
    path: Path,
    source: str,
    *,
    sheet: str | None = None,
    expected: Iterable[str] = (),
    skip_rows: int = 0,
) -> pl.DataFrame:
    """One sheet with typed cells; ``expected`` are the column names a tape sheet has."""
    require_file(path, source)
    reader = _open(path, source)
    chosen, header = _choose_sheet(reader, source, sheet, expected, skip_rows)
    if not header:
        raise structural_error(source, "empty_file", f"sheet {chosen!r} is empty")
    check_duplicates(header, source)
    try:
        with _quiet_type_inference():
            typed = reader.load_sheet(chosen, header_row=skip_rows, schema_sample_rows=None)
        text = reader.load_sheet(chosen, header_row=skip_rows, dtypes="string")
        frame = _keep_every_cell(typed.to_polars(), text.to_polars())
    except Exception as exc:  # a sheet calamine cannot decode
        reason = str(exc).splitlines()[0]
        raise structural_error(source, "excel_unreadable", f"sheet {chosen!r}: {reason}") from None
    if frame.width != len(header):
        message = f"sheet {chosen!r}: {frame.width} columns of data, {len(header)} header cells"
        raise structural_error(source, "excel_header", message)
    return with_source_row(frame.rename(dict(zip(frame.columns, header, strict=True))))


def _keep_every_cell(typed: pl.DataFrame, text: pl.DataFrame) -> pl.DataFrame:
    """Typed columns, except where typing lost a cell (text in a number column):
    there the column stays text, so the bad cell is reported rather than emptied.
    Dates shown as text lose Excel's ``00:00:00`` time.
    """
    lost = typed.select(
        (pl.col(c).is_null() & text[c].is_not_null()).any().alias(c) for c in typed.columns
    ).row(0, named=True)
    frame = typed.with_columns(text[c] for c, was_lost in lost.items() if was_lost)
    return frame.with_columns(
        pl.col(pl.String).str.replace(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", "${1}")
    )
