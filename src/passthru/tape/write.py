"""Writing the canonical tape (docs/loan-tape.md): CSV, Parquet or xlsx by suffix.

CSV dates are ISO ``YYYY-MM-DD``, booleans ``true``/``false``, null is empty,
so that :func:`passthru.tape.load_tape` reads back exactly what was written.
The file is written whole or not at all (:func:`passthru.files.write_atomically`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import polars as pl

from passthru.errors import Issue, TapeError
from passthru.files import check_writable, write_atomically
from passthru.tape import schema
from passthru.tape.read import PARQUET_SUFFIXES, TEXT_DELIMITERS
from passthru.tape.sources import structural_error

Writer = Callable[[pl.DataFrame, BinaryIO], object]


def canonical_frame(frame: pl.DataFrame, target: str) -> pl.DataFrame:
    """Exactly the canonical columns, in order, with their dtypes."""
    missing = [c for c in schema.COLUMN_NAMES if c not in frame.columns]
    if missing:
        issues = tuple(
            Issue(target, "missing_column", "required to write a tape", column=c) for c in missing
        )
        raise TapeError(f"{target}: cannot write a tape without {', '.join(missing)}", issues)
    return frame.select(pl.col(name).cast(dtype) for name, dtype in schema.SCHEMA.items())


def _writer(path: Path) -> Writer:
    """How a tape of this suffix is written; a TapeError (rule file_format) for any other."""
    suffix = path.suffix.lower()
    if suffix in TEXT_DELIMITERS:
        separator = TEXT_DELIMITERS[suffix]
        return lambda tape, out: tape.write_csv(out, separator=separator, date_format="%Y-%m-%d")
    if suffix in PARQUET_SUFFIXES:
        return lambda tape, out: tape.write_parquet(out)
    if suffix == ".xlsx":
        return lambda tape, out: tape.write_excel(
            out, worksheet="tape", dtype_formats={pl.Date: "yyyy-mm-dd"}
        )
    known = ", ".join((*TEXT_DELIMITERS, *PARQUET_SUFFIXES, ".xlsx"))
    message = f"cannot write {suffix or '(no suffix)'!r}; write {known}"
    raise structural_error(str(path), "file_format", message, value=suffix)


def check_tape_path(path: str | Path) -> Path:
    """``path`` if a tape can be written there: a known suffix and a writable folder."""
    path = Path(path)
    _writer(path)
    return check_writable(path)


def write_tape(frame: pl.DataFrame, path: str | Path) -> None:
    """Write ``frame`` as a canonical tape; the suffix picks CSV, Parquet or xlsx."""
    path = Path(path)
    writer = _writer(path)
    tape = canonical_frame(frame, str(path))
    write_atomically(path, lambda out: writer(tape, out))
