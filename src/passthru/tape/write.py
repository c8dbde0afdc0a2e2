"""Writing the canonical tape (docs/loan-tape.md): CSV, Parquet or xlsx by suffix.

CSV dates are ISO ``YYYY-MM-DD``, booleans ``true``/``false``, null is empty,
so that :func:`passthru.tape.load_tape` reads back exactly what was written.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from passthru.errors import Issue, TapeError
from passthru.tape import schema
from passthru.tape.read import PARQUET_SUFFIXES, TEXT_DELIMITERS
from passthru.tape.sources import structural_error


def canonical_frame(frame: pl.DataFrame, target: str) -> pl.DataFrame:
    """Exactly the canonical columns, in order, with their dtypes."""
    missing = [c for c in schema.COLUMN_NAMES if c not in frame.columns]
    if missing:
        issues = tuple(
            Issue(target, "missing_column", "required to write a tape", column=c) for c in missing
        )
        raise TapeError(f"{target}: cannot write a tape without {', '.join(missing)}", issues)
    return frame.select(pl.col(name).cast(dtype) for name, dtype in schema.SCHEMA.items())


def write_tape(frame: pl.DataFrame, path: str | Path) -> None:
    """Write ``frame`` as a canonical tape; the suffix picks CSV, Parquet or xlsx."""
    path = Path(path)
    suffix = path.suffix.lower()
    tape = canonical_frame(frame, str(path))
    if suffix in TEXT_DELIMITERS:
        tape.write_csv(path, separator=TEXT_DELIMITERS[suffix], date_format="%Y-%m-%d")
    elif suffix in PARQUET_SUFFIXES:
        tape.write_parquet(path)
    elif suffix == ".xlsx":
        tape.write_excel(path, worksheet="tape", dtype_formats={pl.Date: "yyyy-mm-dd"})
    else:
        known = ", ".join((*TEXT_DELIMITERS, *PARQUET_SUFFIXES, ".xlsx"))
        message = f"cannot write {suffix or '(no suffix)'!r}; write {known}"
        raise structural_error(str(path), "file_format", message, value=suffix)
