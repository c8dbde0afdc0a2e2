"""Render a term sheet in any format, and write it atomically.

The EDGAR text comes in two styles (``TEXT_STYLES``): the "collateral" term
sheets of 2002-12 and the "detailed" description of 2003-2, by default the
deal's own; ``tables`` shows or hides the stratification tables there (by
default shown in the collateral style only). Other formats have one layout.
A file is written whole or not at all (:func:`passthru.files.write_atomically`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from passthru.disclosure.data import render_csv, render_json
from passthru.disclosure.html import render_html
from passthru.disclosure.markdown import render_markdown
from passthru.disclosure.text import TEXT_STYLES, render_text
from passthru.disclosure.xlsx import render_xlsx
from passthru.files import make_folder, write_bytes_atomically
from passthru.strats.model import TermSheet

__all__ = [
    "SUFFIXES",
    "TERMSHEET_FORMATS",
    "TEXT_STYLES",
    "format_for_path",
    "render_termsheet",
    "write_termsheet",
    "write_termsheets",
]

TERMSHEET_FORMATS: tuple[str, ...] = ("text", "md", "html", "json", "csv", "xlsx")
SUFFIXES: dict[str, str] = {
    "text": ".txt",
    "md": ".md",
    "html": ".html",
    "json": ".json",
    "csv": ".csv",
    "xlsx": ".xlsx",
}
_FORMAT_OF_SUFFIX = {suffix: fmt for fmt, suffix in SUFFIXES.items()} | {".htm": "html"}

# The formats with one layout; "text" takes a style and is rendered apart.
_RENDERERS: dict[str, Callable[[TermSheet], str | bytes]] = {
    "md": render_markdown,
    "html": render_html,
    "json": render_json,
    "csv": render_csv,
    "xlsx": render_xlsx,
}


def render_termsheet(
    ts: TermSheet, fmt: str, style: str | None = None, tables: bool | None = None
) -> str | bytes:
    """The term sheet in ``fmt`` (one of TERMSHEET_FORMATS); bytes for xlsx, text otherwise.

    ``style`` (one of TEXT_STYLES) and ``tables`` apply to the text format only.
    """
    if fmt == "text":
        return render_text(ts, style, tables)
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(
            f"unknown term sheet format {fmt!r}; use one of {', '.join(TERMSHEET_FORMATS)}"
        ) from None
    return renderer(ts)


def format_for_path(path: str | Path) -> str:
    """The format a file name asks for: .txt text, .md, .html, .json, .csv, .xlsx."""
    suffix = Path(path).suffix.lower()
    try:
        return _FORMAT_OF_SUFFIX[suffix]
    except KeyError:
        raise ValueError(
            f"{path}: cannot tell the format from suffix {suffix!r}; "
            f"use one of {', '.join(sorted(_FORMAT_OF_SUFFIX))} or name the format"
        ) from None


def write_termsheet(
    ts: TermSheet,
    path: str | Path,
    fmt: str | None = None,
    *,
    style: str | None = None,
    tables: bool | None = None,
) -> Path:
    """Render and write the term sheet; ``fmt`` defaults to the one the suffix names."""
    path = Path(path)
    rendered = render_termsheet(ts, fmt or format_for_path(path), style, tables)
    content = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
    write_bytes_atomically(path, content)
    return path


def write_termsheets(
    ts: TermSheet,
    folder: str | Path,
    stem: str = "termsheet",
    *,
    style: str | None = None,
    tables: bool | None = None,
) -> tuple[Path, ...]:
    """Every format into ``folder`` as ``termsheet.txt``, ``.md``, ... (the folder is created)."""
    folder = make_folder(folder)
    return tuple(
        write_termsheet(ts, folder / f"{stem}{SUFFIXES[f]}", f, style=style, tables=tables)
        for f in TERMSHEET_FORMATS
    )
