"""Source values to the canonical dtypes (docs/loan-tape.md), one issue per bad cell.

Casting is vectorised: each column is cast with ``strict=False`` and a value
that was present but came out null is a ``type`` (``date_parse`` for dates)
error. An empty required value is a ``required`` error, except in columns the
source layout does not carry, where null means unknown.
"""

from __future__ import annotations

import polars as pl

from passthru.errors import Issue, TapeError
from passthru.tape import schema
from passthru.tape.raw import ISO_DATE, RawTape
from passthru.tape.sources import SOURCE_ROW

BOOLEAN_WORDS: dict[str, bool] = {
    "true": True, "false": False, "yes": True, "no": False,
    "y": True, "n": False, "1": True, "0": False,
}  # fmt: skip
ZIP_DIGITS = 5
DOLLAR_COLUMNS = ("original_balance", "current_balance")
PERCENT_COLUMNS = ("note_rate", "servicing_fee_rate", "ltv", "ltv_without_pledge")
# Commas only between groups of three digits: "1,234,567.89", never "1,5" or "12,34".
THOUSANDS_GROUPED = r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$"
SOURCE_PREFIX = "source "
# A scaled value (0.05625 * 100) is rounded to drop binary noise; no rate has more decimals.
SCALED_DECIMALS = 9

TYPE_MESSAGES: dict[type[pl.DataType], str] = {
    pl.Float64: "not a number",
    pl.Int64: "not a whole number",
    pl.Date: "not a date",
    pl.Boolean: "not true/false, yes/no, y/n or 1/0",
    pl.String: "not text",
}


def _is_text(dtype: pl.DataType) -> bool:
    return dtype == pl.String


def _text(name: str) -> pl.Expr:
    """Stripped text; an empty string is no value."""
    text = pl.col(name).str.strip_chars()
    return pl.when(text == "").then(None).otherwise(text)


def _spreadsheet_number(name: str) -> pl.Expr:
    """Text as a spreadsheet saves it: "$1,234,567.89" in a dollar column, "6.375%" in
    a percent column (docs/loan-tape.md units: the sign only repeats the unit)."""
    text = _text(name)
    if name in PERCENT_COLUMNS:
        text = text.str.strip_suffix("%").str.strip_chars_end()
    if name in DOLLAR_COLUMNS:
        text = text.str.strip_prefix("$").str.strip_chars_start()
        grouped = text.str.contains(THOUSANDS_GROUPED)
        text = pl.when(grouped).then(text.str.replace_all(",", "", literal=True)).otherwise(text)
    return text


def _number(name: str, dtype: pl.DataType) -> pl.Expr:
    if _is_text(dtype):
        value = _spreadsheet_number(name).cast(pl.Float64, strict=False)
    elif dtype.is_numeric():
        value = pl.col(name).cast(pl.Float64)
    else:
        value = pl.lit(None, dtype=pl.Float64)
    return pl.when(value.is_finite()).then(value)


def _integer(name: str, dtype: pl.DataType) -> pl.Expr:
    if dtype.is_integer():
        return pl.col(name).cast(pl.Int64)
    value = _number(name, dtype)
    return pl.when(value == value.floor()).then(value.cast(pl.Int64, strict=False))


def _date(name: str, dtype: pl.DataType, date_format: str) -> pl.Expr:
    if dtype == pl.Date:
        return pl.col(name)
    if isinstance(dtype, pl.Datetime):
        return pl.col(name).dt.date()
    if _is_text(dtype):
        return _text(name).str.to_date(date_format, strict=False)
    return pl.lit(None, dtype=pl.Date)


def _boolean(name: str, dtype: pl.DataType) -> pl.Expr:
    if dtype == pl.Boolean:
        return pl.col(name)
    if _is_text(dtype):
        return (
            _text(name)
            .str.to_lowercase()
            .replace_strict(BOOLEAN_WORDS, default=None, return_dtype=pl.Boolean)
        )
    if dtype.is_numeric():
        value = pl.col(name)
        return pl.when(value == 1).then(True).when(value == 0).then(False)
    return pl.lit(None, dtype=pl.Boolean)


def as_text(name: str, dtype: pl.DataType) -> pl.Expr:
    """Text of a value; a whole number typed in a spreadsheet loses its ``.0``."""
    if _is_text(dtype):
        return _text(name)
    if dtype.is_float():
        value = pl.col(name)
        whole = value.cast(pl.Int64, strict=False).cast(pl.String)
        return pl.when(value == value.floor()).then(whole).otherwise(value.cast(pl.String))
    return pl.col(name).cast(pl.String)


def typed_value(name: str, dtype: pl.DataType, date_format: str) -> pl.Expr:
    """The column ``name`` (source dtype ``dtype``) as its canonical dtype, null if it fails."""
    target = schema.SCHEMA[name]
    if target == pl.Float64:
        return _number(name, dtype)
    if target == pl.Int64:
        return _integer(name, dtype)
    if target == pl.Date:
        return _date(name, dtype, date_format)
    if target == pl.Boolean:
        return _boolean(name, dtype)
    if name == "zip" and dtype.is_numeric():
        return as_text(name, dtype).str.zfill(ZIP_DIGITS)
    return as_text(name, dtype)


def _failed_and_empty(name: str, dtype: pl.DataType) -> tuple[pl.Expr, pl.Expr]:
    """Masks over the typed value ``name`` beside the source value ``source name``.

    A text target never fails (it is the stripped text); a value that is present
    in the source but null once typed failed its type; one absent is empty.
    """
    typed, given = pl.col(name), pl.col(f"{SOURCE_PREFIX}{name}")
    if schema.SCHEMA[name] == pl.String:
        return pl.lit(False), typed.is_null()
    given_present = given.str.contains(r"\S") if _is_text(dtype) else given.is_not_null()
    failed = typed.is_null() & given_present.fill_null(False)
    return failed, typed.is_null() & ~failed


def check_columns(raw: RawTape) -> list[Issue]:
    """``missing_column`` (raised, all at once) and ``unknown_column`` warnings."""
    given = [c for c in raw.frame.columns if c != SOURCE_ROW]
    needed = [c for c in schema.REQUIRED if c not in raw.unknown_allowed]
    missing = [c for c in needed if c not in given]
    if missing:
        lowered = {c.lower(): c for c in given}
        issues = tuple(
            Issue(
                raw.source,
                "missing_column",
                "required column is missing"
                + (f" (the file has {lowered[c]!r}: names are lower case)" if c in lowered else ""),
                column=c,
            )
            for c in missing
        )
        hint = f" ({raw.missing_column_hint})" if raw.missing_column_hint else ""
        message = f"{raw.source}: required columns missing: {', '.join(missing)}{hint}"
        raise TapeError(message, issues)
    return [
        Issue(
            raw.source,
            "unknown_column",
            "not a column of the canonical tape; ignored",
            column=c,
            severity="warning",
        )
        for c in given
        if c not in schema.SCHEMA
    ]


def _cell_issues(raw: RawTape, mask: pl.Series, name: str, rule: str, message: str) -> list[Issue]:
    dtype = raw.frame.schema[name]
    rows = raw.frame.filter(mask).select(SOURCE_ROW, as_text(name, dtype)).iter_rows()
    return [Issue(raw.source, rule, message, row=r, column=name, value=v) for r, v in rows]


def _zip_padding(raw: RawTape) -> list[Issue]:
    dtype = raw.frame.schema.get("zip")
    if dtype is None or not dtype.is_numeric():
        return []
    short = raw.frame.select((as_text("zip", dtype).str.len_chars() < ZIP_DIGITS).sum()).item()
    if not short:
        return []
    message = (
        f"{short} zip codes were numbers and lost their leading zeros; "
        f"padded to {ZIP_DIGITS} digits (e.g. 2134 -> 02134)"
    )
    return [Issue(raw.source, "zip_zero_padded", message, column="zip", severity="warning")]


def conform(raw: RawTape) -> tuple[pl.DataFrame, list[Issue]]:
    """The canonical frame (``source_row`` first) and every cell-level issue."""
    issues = check_columns(raw)
    given = raw.frame.schema
    scale = dict(raw.scale)
    typed = []
    for column in schema.COLUMNS:
        name = column.name
        if name not in given:
            typed.append(pl.lit(None, dtype=column.dtype).alias(name))
            continue
        value = typed_value(name, given[name], raw.date_format)
        if name in scale:
            value = (value * scale[name]).round(SCALED_DECIMALS)
        typed.append(value.alias(name))
    frame = raw.frame.select(pl.col(SOURCE_ROW), *typed)
    issues += _cell_checks(raw, frame)
    issues += _zip_padding(raw)
    return frame, issues


def _cell_checks(raw: RawTape, frame: pl.DataFrame) -> list[Issue]:
    """``type``/``date_parse`` and ``required`` issues, one per bad cell."""
    given = raw.frame.schema
    present = [c for c in schema.COLUMN_NAMES if c in given]
    both = pl.concat(
        [frame, raw.frame.select(pl.col(present).name.prefix(SOURCE_PREFIX))], how="horizontal"
    )
    masks = []
    for name in present:
        failed, empty = _failed_and_empty(name, given[name])
        if name not in schema.REQUIRED or name in raw.unknown_allowed:
            empty = pl.lit(False)
        masks += [failed.alias(f"failed {name}"), empty.alias(f"empty {name}")]
    checks = both.select(masks)
    flagged = set(checks.select(pl.all().any()).unpivot().filter("value")["variable"])
    issues: list[Issue] = []
    for name in present:
        if f"failed {name}" in flagged:
            rule = "date_parse" if schema.SCHEMA[name] == pl.Date else "type"
            message = TYPE_MESSAGES[type(schema.SCHEMA[name])]
            if rule == "date_parse":
                message += (
                    " (YYYY-MM-DD)" if raw.date_format == ISO_DATE else f" ({raw.date_format})"
                )
            issues += _cell_issues(raw, checks[f"failed {name}"], name, rule, message)
        if f"empty {name}" in flagged:
            issues += _cell_issues(raw, checks[f"empty {name}"], name, "required", "no value")
    return issues
