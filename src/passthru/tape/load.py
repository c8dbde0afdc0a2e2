"""``load_tape``: read and validate in one call (the path every command takes)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from passthru.tape.read import read_tape
from passthru.tape.validate import TapeLoad, validate_tape


def load_tape(
    path: str | Path,
    *,
    cut_off: date | None = None,
    sheet: str | None = None,
    layout: str | None = None,
    mapping: str | Path | None = None,
) -> TapeLoad:
    """Read a tape (CSV, Parquet, xlsx; a layout or a mapping file) and validate it.

    Structural problems raise :class:`passthru.errors.TapeError`; row problems
    reject the row with named issues and the rest are accepted.
    """
    raw = read_tape(path, sheet=sheet, layout=layout, mapping=mapping, cut_off=cut_off)
    return validate_tape(raw, cut_off=cut_off)
