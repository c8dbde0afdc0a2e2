"""Source files to raw frames: delimited text (every value a string) and Parquet.

Structural problems that leave nothing to validate raise :class:`TapeError`
with a named rule: ``file_missing``, ``empty_file``, ``encoding``,
``duplicate_column``, ``csv_structure``, ``parquet_unreadable``.
Every raw frame carries ``source_row``, the 1-based data row of the source:
rows are counted from the header row (row 0), blank rows included, so row ``n``
is ``n`` lines (sheet rows) below the column names.

A canonical tape may have title rows above its header (a title, a date, a blank
row): :func:`find_header_row` finds the header among the first
``HEADER_SCAN_ROWS`` rows.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import islice
from pathlib import Path

import polars as pl

from passthru.errors import Issue, TapeError

SOURCE_ROW = "source_row"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
HEADER_SCAN_ROWS = 20
NO_HEADER_HINT = f"no row in the first {HEADER_SCAN_ROWS} holds the required columns"


def structural_error(file: str, rule: str, message: str, **where) -> TapeError:
    """A :class:`TapeError` carrying one named issue about the whole file."""
    return TapeError(f"{file}: {message}", (Issue(file, rule, message, **where),))


def require_file(path: Path, source: str) -> None:
    """``file_missing`` unless ``path`` is an existing file."""
    if not path.is_file():
        raise structural_error(source, "file_missing", f"no such file: {path}")


def decode_utf8(data: bytes, source: str) -> bytes:
    """The bytes without a UTF-8 BOM; ``encoding`` names the first line that is not UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        hint = "it looks like UTF-16; " if data.startswith(UTF16_BOMS) else ""
        message = (
            f"not UTF-8: line {line} has byte 0x{data[exc.start]:02x}; {hint}"
            "save the file as UTF-8 (CSV UTF-8 in Excel)"
        )
        raise structural_error(source, "encoding", message, row=line) from None
    return data.removeprefix(b"\xef\xbb\xbf")


def header_names(names: list[str]) -> list[str]:
    """Header names stripped of spaces; a blank name becomes ``column_<position>``."""
    stripped = [str(name).strip() if name is not None else "" for name in names]
    return [name or f"column_{i}" for i, name in enumerate(stripped, start=1)]


def holds_columns(row: Sequence[object], required: Iterable[str]) -> bool:
    """Whether a row names every required column, ignoring case and surrounding spaces."""
    names = {str(cell).strip().casefold() for cell in row if cell is not None}
    return all(name.casefold() in names for name in required)


def find_header_row(rows: Sequence[Sequence[object]], required: Iterable[str]) -> int | None:
    """Index of the first of ``rows`` that holds every ``required`` column name."""
    required = tuple(required)
    return next((i for i, row in enumerate(rows) if holds_columns(row, required)), None)


def header_row_issue(source: str, index: int, unit: str) -> Issue:
    """``header_row``: the header was found below title rows; says where and what rows count."""
    number = index + 1
    message = (
        f"the first {unit} does not hold the column names; the header is {unit} {number} "
        f"(the {index} {unit}s above it are skipped); rows are counted from it: "
        f"row 1 is {unit} {number + 1}"
    )
    return Issue(source, "header_row", message, value=str(number), severity="warning")


def delimited_top_rows(path: Path, delimiter: str, skip_rows: int = 0) -> list[list[str]]:
    """The first ``HEADER_SCAN_ROWS`` lines after ``skip_rows``, split into fields.

    Undecodable bytes are replaced here: the whole file's encoding is checked on reading.
    """
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as text:
        lines = list(islice(text, skip_rows, skip_rows + HEADER_SCAN_ROWS))
    return [list(fields) for fields in csv.reader(lines, delimiter=delimiter)]


def check_duplicates(names: list[str], source: str) -> None:
    """``duplicate_column``: a column name given twice leaves the value ambiguous."""
    counts = Counter(names)
    issues = tuple(
        Issue(source, "duplicate_column", f"column {name!r} appears {n} times", column=name)
        for name, n in counts.items()
        if n > 1
    )
    if issues:
        repeated = ", ".join(issue.column for issue in issues)
        raise TapeError(f"{source}: duplicated column names: {repeated}", issues)


def with_source_row(frame: pl.DataFrame, *, first: int = 1) -> pl.DataFrame:
    """Number the data rows from ``first`` and drop rows with no value at all."""
    numbered = frame.with_row_index(SOURCE_ROW, offset=first).with_columns(
        pl.col(SOURCE_ROW).cast(pl.Int64)
    )
    if not frame.columns:
        return numbered
    return numbered.filter(~pl.all_horizontal(pl.col(frame.columns).is_null()))


def read_delimited(
    path: Path,
    source: str,
    *,
    delimiter: str = ",",
    header: bool = True,
    skip_rows: int = 0,
) -> pl.DataFrame:
    """Delimited UTF-8 text, every column read as a string (one issue per bad cell later)."""
    require_file(path, source)
    data = path.read_bytes()
    if not data.strip():
        raise structural_error(source, "empty_file", "the file is empty")
    data = decode_utf8(data, source)
    lines = data.decode("utf-8").splitlines()[skip_rows:]
    first = next(csv.reader(lines[:1], delimiter=delimiter), []) if lines else []
    if header:
        names = header_names(first)
        check_duplicates(names, source)
    else:
        names = [str(i) for i in range(1, len(first) + 1)]
    try:
        frame = pl.read_csv(
            data,
            has_header=header,
            new_columns=names,
            separator=delimiter,
            skip_rows=skip_rows,
            infer_schema=False,
            raise_if_empty=False,
        )
    except pl.exceptions.PolarsError as exc:
        first_row = 0 if header else 1
        raise _structure_error(lines, delimiter, len(names), first_row, source, exc) from None
    return with_source_row(frame)


def _structure_error(
    lines: list[str], delimiter: str, width: int, first_row: int, source: str, exc: Exception
) -> TapeError:
    """``csv_structure``: name the first row with more fields than the header."""
    for number, fields in enumerate(csv.reader(lines, delimiter=delimiter), start=first_row):
        if len(fields) > width:
            message = f"row has {len(fields)} fields, expected {width}"
            return structural_error(source, "csv_structure", message, row=number)
    first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return structural_error(source, "csv_structure", f"cannot parse as CSV: {first_line}")


def read_parquet(path: Path, source: str) -> pl.DataFrame:
    """A Parquet file with its native dtypes."""
    require_file(path, source)
    if path.stat().st_size == 0:
        raise structural_error(source, "empty_file", "the file is empty")
    try:
        frame = pl.read_parquet(path)
    except (pl.exceptions.PolarsError, OSError) as exc:
        message = f"not a readable Parquet file: {str(exc).splitlines()[0]}"
        raise structural_error(source, "parquet_unreadable", message) from None
    return with_source_row(frame)


def stringify(frame: pl.DataFrame) -> pl.DataFrame:
    """Every column as text, as the source showed it (for the rejected rows)."""
    return frame.with_columns(pl.col(c).cast(pl.String) for c in frame.columns if c != SOURCE_ROW)
