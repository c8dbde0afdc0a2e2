"""A tape as read, before validation: source values under canonical column names."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from passthru.errors import Issue

ISO_DATE = "%Y-%m-%d"


@dataclass(frozen=True)
class RawTape:
    """What a reader hands to :func:`passthru.tape.validate_tape`.

    ``frame`` holds the source's values (strings from delimited text, native
    types from Parquet and Excel) under canonical names where known, plus
    ``source_row``. ``unknown_allowed`` are canonical columns the source layout
    does not carry (or carries only for some loans): null there means unknown,
    not missing. ``scale`` multiplies numeric columns after parsing (a mapping's
    ``[scale]``). ``cut_off_column`` names a column holding each loan's own
    cut-off date (a layout that forms a new pool at each first payment date).
    ``missing_column_hint`` is said with a ``missing_column`` error: why the
    reader may have missed the header.
    """

    source: str
    frame: pl.DataFrame
    issues: tuple[Issue, ...] = ()
    layout: str | None = None
    unknown_allowed: tuple[str, ...] = ()
    date_format: str = ISO_DATE
    scale: tuple[tuple[str, float], ...] = ()
    cut_off_column: str | None = None
    missing_column_hint: str | None = None
