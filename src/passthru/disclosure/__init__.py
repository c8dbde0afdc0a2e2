"""Renderers of term sheets (EDGAR text, Markdown, HTML, JSON, CSV, xlsx) and the filing parser."""

from passthru.disclosure.render import (
    SUFFIXES,
    TERMSHEET_FORMATS,
    format_for_path,
    render_termsheet,
    write_termsheet,
    write_termsheets,
)

__all__ = [
    "SUFFIXES",
    "TERMSHEET_FORMATS",
    "format_for_path",
    "render_termsheet",
    "write_termsheet",
    "write_termsheets",
]
