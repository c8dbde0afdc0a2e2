"""Excel workbooks (``.xlsx``): the first sheet, or the one named with ``--sheet``.

Cells keep their Excel types (numbers, dates, text). A sheet that is not a tape
(a cover page, notes) is answered with ``excel_sheet`` naming the other sheets.
Sheet rows are counted from 0 here, as fastexcel counts them from the top of
the sheet; messages number them from 1, as Excel shows them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import fastexcel
import polars as pl

from passthru.tape.sources import (
    HEADER_SCAN_ROWS,
    check_duplicates,
    find_header_row,
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


def _top_rows(reader: fastexcel.ExcelReader, sheet: str, skip_rows: int) -> list[tuple]:
    """The first ``HEADER_SCAN_ROWS`` rows after ``skip_rows``, every cell as text."""
    with _quiet_type_inference():  # a blank header cell has no type to infer
        top = reader.load_sheet(
            sheet, header_row=None, skip_rows=skip_rows, n_rows=HEADER_SCAN_ROWS, dtypes="string"
        )
    return top.to_polars().rows()


def _locate_header(
    reader: fastexcel.ExcelReader, sheet: str, skip_rows: int, find_header: Sequence[str]
) -> tuple[int | None, list[str]]:
    """The sheet row holding the header and its names; see :func:`read_excel`."""
    rows = _top_rows(reader, sheet, skip_rows)
    found = find_header_row(rows, find_header) if find_header else 0
    if not rows:
        return found, []
    return found if found is None else skip_rows + found, header_names(list(rows[found or 0]))


def _choose_sheet(
    reader: fastexcel.ExcelReader,
    source: str,
    sheet: str | None,
    expected: Iterable[str],
    skip_rows: int,
    find_header: Sequence[str],
) -> tuple[str, int | None, list[str]]:
    names = list(reader.sheet_names)
    if sheet is not None:
        if sheet not in names:
            message = f"no sheet {sheet!r}; the workbook has sheets {', '.join(map(repr, names))}"
            raise structural_error(source, "excel_sheet", message, value=sheet)
        return sheet, *_locate_header(reader, sheet, skip_rows, find_header)
    first = names[0]
    found, header = _locate_header(reader, first, skip_rows, find_header)
    if len(names) > 1 and not set(header) & set(expected):
        others = ", ".join(map(repr, names[1:]))
        message = (
            f"the first sheet {first!r} is not a loan tape (no known column in its header row); "
            f"the workbook also has sheets {others}: choose one with --sheet"
        )
        raise structural_error(source, "excel_sheet", message, value=first)
    return first, found, header


def read_excel(
    path: Path,
    source: str,
    *,
    sheet: str | None = None,
    expected: Iterable[str] = (),
    skip_rows: int = 0,
    find_header: Sequence[str] = (),
) -> tuple[pl.DataFrame, int | None]:
    """One sheet with typed cells, and the 0-based sheet row of its header.

    ``expected`` are the column names a tape sheet has. The header is the row
    after ``skip_rows``, unless ``find_header`` names columns: then it is the
    first of the next ``HEADER_SCAN_ROWS`` rows that holds them all, and the row
    returned is ``None`` when none does (the first row is read as the header).
    """
    require_file(path, source)
    reader = _open(path, source)
    chosen, found, header = _choose_sheet(reader, source, sheet, expected, skip_rows, find_header)
    if not header:
        raise structural_error(source, "empty_file", f"sheet {chosen!r} is empty")
    check_duplicates(header, source)
    header_row = skip_rows if found is None else found
    try:
        with _quiet_type_inference():
            typed = reader.load_sheet(chosen, header_row=header_row, schema_sample_rows=None)
        text = reader.load_sheet(chosen, header_row=header_row, dtypes="string")
        frame = _keep_every_cell(typed.to_polars(), text.to_polars())
    except Exception as exc:  # a sheet calamine cannot decode
        reason = str(exc).splitlines()[0]
        raise structural_error(source, "excel_unreadable", f"sheet {chosen!r}: {reason}") from None
    if frame.width != len(header):
        message = f"sheet {chosen!r}: {frame.width} columns of data, {len(header)} header cells"
        raise structural_error(source, "excel_header", message)
    return with_source_row(frame.rename(dict(zip(frame.columns, header, strict=True)))), found


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
