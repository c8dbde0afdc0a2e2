"""Reading a tape from any supported source into a :class:`RawTape`.

The canonical tape (docs/loan-tape.md) is read as is from CSV, Parquet or an
Excel workbook; other layouts come through a built-in ``layout`` or a TOML
column ``mapping``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from passthru.tape import schema
from passthru.tape.excel import EXCEL_SUFFIXES, read_excel
from passthru.tape.layouts import LAYOUTS
from passthru.tape.mapping import ColumnMapping, apply_mapping, load_mapping
from passthru.tape.raw import RawTape
from passthru.tape.sources import (
    NO_HEADER_HINT,
    delimited_top_rows,
    find_header_row,
    header_row_issue,
    read_delimited,
    read_parquet,
    require_file,
    structural_error,
)

TEXT_DELIMITERS = {".csv": ",", ".txt": ",", ".tsv": "\t"}
PARQUET_SUFFIXES = (".parquet", ".pq")


def _read_frame(
    path: Path, source: str, sheet: str | None, mapping: ColumnMapping | None
) -> tuple[pl.DataFrame, int | None]:
    """The source frame and the 0-based row of its header (``None``: not found, see
    :func:`_canonical_tape`). A canonical CSV or xlsx tape may have title rows
    above its header; a mapping says how many rows to skip instead."""
    require_file(path, source)
    suffix = path.suffix.lower()
    skip_rows = mapping.skip_rows if mapping else 0
    find_header = () if mapping else schema.REQUIRED
    if suffix in EXCEL_SUFFIXES:
        expected = mapping.source_names if mapping else schema.COLUMN_NAMES
        return read_excel(
            path, source, sheet=sheet, expected=expected, skip_rows=skip_rows,
            find_header=find_header,
        )  # fmt: skip
    if suffix in PARQUET_SUFFIXES:
        return read_parquet(path, source), 0
    if suffix in TEXT_DELIMITERS or mapping is not None:
        delimiter = mapping.delimiter if mapping else TEXT_DELIMITERS[suffix]
        header = mapping.header if mapping else True
        found = skip_rows
        if find_header:
            found = find_header_row(delimited_top_rows(path, delimiter), find_header)
        frame = read_delimited(
            path, source, delimiter=delimiter, header=header, skip_rows=found or skip_rows
        )
        return frame, found
    known = ", ".join((*TEXT_DELIMITERS, *PARQUET_SUFFIXES, *EXCEL_SUFFIXES))
    message = f"unknown file type {suffix or '(none)'!r}; tapes are {known}"
    raise structural_error(source, "file_format", message, value=suffix)


def _canonical_tape(source: str, frame: pl.DataFrame, header_row: int | None, unit: str) -> RawTape:
    """A canonical tape as read: a ``header_row`` warning when title rows came first,
    the ``missing_column`` hint when no row of the first 20 held the column names."""
    if header_row is None:
        return RawTape(source=source, frame=frame, missing_column_hint=NO_HEADER_HINT)
    issues = (header_row_issue(source, header_row, unit),) if header_row else ()
    return RawTape(source=source, frame=frame, issues=issues)


def read_tape(
    path: str | Path,
    *,
    sheet: str | None = None,
    layout: str | None = None,
    mapping: str | Path | None = None,
    cut_off: date | None = None,
) -> RawTape:
    """Read a tape file: canonical columns as is, or through a layout or a mapping file.

    A canonical CSV or xlsx tape whose first row is not its header (a title, a
    date, a blank row above the column names) is read from the first of its
    first 20 rows that holds every required column, with a ``header_row``
    warning; ``source_row`` then counts data rows below that header.
    ``cut_off`` matters only to layouts that derive balances and remaining terms.
    """
    source = str(path)
    path = Path(path)
    if layout is not None:
        if mapping is not None:
            message = "give either --layout or --mapping, not both"
            raise structural_error(source, "layout_mapping_conflict", message)
        if layout not in LAYOUTS:
            message = f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}"
            raise structural_error(source, "layout_unknown", message, value=layout)
        return LAYOUTS[layout](path, source, cut_off=cut_off)
    parsed = load_mapping(mapping) if mapping is not None else None
    frame, header_row = _read_frame(path, source, sheet, parsed)
    if parsed is None:
        unit = "sheet row" if path.suffix.lower() in EXCEL_SUFFIXES else "line"
        return _canonical_tape(source, frame, header_row, unit)
    return apply_mapping(frame, parsed, source)
