"""Column-mapping files (``--mapping FILE``, TOML) for tapes in other layouts.

```toml
[source]                 # all optional
delimiter = ";"          # text files; default ","
header = true            # false: source columns are named by position, "1", "2", ...
skip_rows = 2            # lines (or sheet rows) before the header
date_format = "%m/%d/%Y" # strftime format of the source's dates; default ISO
encoding = "utf-8"       # the only encoding accepted

[columns]                # canonical name = source column name (or position)
loan_id = "Loan Number"

[values.occupancy]       # source value = canonical value
"Owner Occupied" = "primary"

[scale]                  # multiply after parsing, e.g. a rate given as 0.06375
note_rate = 100
```
A canonical column not listed under ``[columns]`` is taken from a source
column of the same name. Every problem is a ``mapping_*`` issue naming the
mapping file and key, all reported at once.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from passthru.errors import Issue, TapeError
from passthru.tape import schema
from passthru.tape.cast import as_text
from passthru.tape.raw import ISO_DATE, RawTape
from passthru.tape.sources import structural_error

SECTIONS = ("source", "columns", "values", "scale")
SOURCE_KEYS: dict[str, type | tuple[type, ...]] = {
    "delimiter": str,
    "header": bool,
    "skip_rows": int,
    "date_format": str,
    "encoding": str,
}
UTF8_NAMES = ("utf-8", "utf8", "utf-8-sig")


@dataclass(frozen=True)
class ColumnMapping:
    """A parsed mapping file."""

    file: str
    delimiter: str = ","
    header: bool = True
    skip_rows: int = 0
    date_format: str = ISO_DATE
    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    scale: dict[str, float] = field(default_factory=dict)

    @property
    def source_names(self) -> tuple[str, ...]:
        """The source column names a tape under this mapping has."""
        return tuple(self.columns.values())


def _issue(file: str, key: str, rule: str, message: str) -> Issue:
    return Issue(file, rule, message, column=key)


def _check_source(file: str, section: object) -> list[Issue]:
    if not isinstance(section, dict):
        return [_issue(file, "source", "mapping_key", "[source] must be a table")]
    issues = []
    for key, value in section.items():
        expected = SOURCE_KEYS.get(key)
        if expected is None:
            known = ", ".join(SOURCE_KEYS)
            issues.append(
                _issue(file, f"source.{key}", "mapping_key", f"unknown key; known: {known}")
            )
        elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            issues.append(
                _issue(file, f"source.{key}", "mapping_key", f"must be {expected.__name__}")
            )
    encoding = section.get("encoding", "utf-8")
    if isinstance(encoding, str) and encoding.lower() not in UTF8_NAMES:
        message = f"encoding {encoding!r}: tapes must be UTF-8; convert the file first"
        issues.append(_issue(file, "source.encoding", "mapping_encoding", message))
    return issues


def _check_canonical(file: str, section: str, keys: object) -> list[Issue]:
    return [
        _issue(file, f"{section}.{key}", "mapping_column", "not a canonical column name")
        for key in keys
        if key not in schema.SCHEMA
    ]


def _check_scale(file: str, scale: dict) -> list[Issue]:
    issues = _check_canonical(file, "scale", scale)
    for key, factor in scale.items():
        numeric = isinstance(factor, int | float) and not isinstance(factor, bool)
        if key in schema.SCHEMA and not (
            numeric and factor > 0 and schema.SCHEMA[key].is_numeric()
        ):
            message = "must be a positive number, for a numeric column"
            issues.append(_issue(file, f"scale.{key}", "mapping_scale", message))
    return issues


def _check_tables(file: str, document: dict) -> list[Issue]:
    issues = [
        _issue(file, key, "mapping_key", f"unknown section; known: {', '.join(SECTIONS)}")
        for key in document
        if key not in SECTIONS
    ]
    issues += _check_source(file, document.get("source", {}))
    for section in ("columns", "values", "scale"):
        if not isinstance(document.get(section, {}), dict):
            issues.append(_issue(file, section, "mapping_key", f"[{section}] must be a table"))
    return issues


def load_mapping(path: str | Path) -> ColumnMapping:
    """Parse and check a mapping file; every problem is raised at once as a TapeError."""
    file = str(path)
    if not Path(path).is_file():
        raise structural_error(file, "mapping_file", f"no such mapping file: {path}")
    try:
        document = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise structural_error(file, "mapping_file", f"not a TOML file: {exc}") from None
    issues = _check_tables(file, document)
    if issues:
        raise TapeError(f"{file}: the mapping file has {len(issues)} problems", tuple(issues))
    columns = {k: str(v) for k, v in document.get("columns", {}).items()}
    values = document.get("values", {})
    scale = document.get("scale", {})
    issues += _check_canonical(file, "columns", columns)
    issues += _check_canonical(file, "values", values)
    issues += [
        _issue(file, f"values.{k}", "mapping_key", "must be a table of source = canonical value")
        for k, v in values.items()
        if not isinstance(v, dict)
    ]
    issues += _check_scale(file, scale)
    issues += [
        _issue(file, f"columns.{k}", "mapping_column", f"source column {v!r} is mapped twice")
        for k, v in columns.items()
        if list(columns.values()).count(v) > 1
    ]
    if issues:
        raise TapeError(f"{file}: the mapping file has {len(issues)} problems", tuple(issues))
    source = document.get("source", {})
    return ColumnMapping(
        file=file,
        delimiter=source.get("delimiter", ","),
        header=source.get("header", True),
        skip_rows=source.get("skip_rows", 0),
        date_format=source.get("date_format", ISO_DATE),
        columns=columns,
        values={k: {str(a): str(b) for a, b in v.items()} for k, v in values.items()},
        scale={k: float(v) for k, v in scale.items()},
    )


def apply_mapping(frame: pl.DataFrame, mapping: ColumnMapping, source: str) -> RawTape:
    """Rename source columns, translate values and carry the scale and date format."""
    issues = [
        _issue(
            mapping.file,
            f"columns.{canonical}",
            "mapping_source_column",
            f"the tape {source} has no column {name!r}",
        )
        for canonical, name in mapping.columns.items()
        if name not in frame.columns
    ]
    mapped_sources = set(mapping.columns.values())
    issues += [
        _issue(
            mapping.file,
            f"columns.{canonical}",
            "mapping_column",
            f"the tape {source} already has a column {canonical!r} that is not mapped",
        )
        for canonical in mapping.columns
        if canonical in frame.columns and canonical not in mapped_sources
    ]
    if issues:
        raise TapeError(f"{mapping.file}: the mapping does not fit {source}", tuple(issues))
    renamed = frame.rename({name: canonical for canonical, name in mapping.columns.items()})
    translated = renamed.with_columns(
        as_text(name, renamed.schema[name]).replace(codes).alias(name)
        for name, codes in mapping.values.items()
        if name in renamed.columns
    )
    return RawTape(
        source=source,
        frame=translated,
        date_format=mapping.date_format,
        scale=tuple(mapping.scale.items()),
    )
