"""The term sheet as one self-contained HTML page (Jinja2, ``templates/termsheet.html.j2``).

Same narrative and tables as the EDGAR text, in a readable page: inline style,
no external assets, numbers right-aligned, totals ruled as the filing rules them.
"""

from __future__ import annotations

from dataclasses import dataclass

from passthru.disclosure.narrative import build_narrative
from passthru.disclosure.views import figure_grid, marked_label
from passthru.money import format_date, format_dollars
from passthru.strats.model import Table, TermSheet
from passthru.templating import html_templates

_ENV = html_templates("passthru.disclosure")


@dataclass(frozen=True)
class _Row:
    label: str
    count: int
    dollars: str


@dataclass(frozen=True)
class _TableView:
    kind: str
    pool: str
    title: tuple[str, ...]
    heading: tuple[str, ...]
    rows: tuple[_Row, ...]
    total: _Row
    footnote: str


def _view(table: Table) -> _TableView:
    rows = tuple(
        _Row(marked_label(table, r), r.count, format_dollars(r.dollars)) for r in table.rows
    )
    total = _Row("Total", table.total.count, format_dollars(table.total.dollars))
    return _TableView(
        table.kind, table.pool, table.title, table.heading, rows, total, table.footnote
    )


def render_html(ts: TermSheet) -> str:
    """The whole term sheet as an HTML page."""
    captions, figures = figure_grid(ts)
    return _ENV.get_template("termsheet.html.j2").render(
        ts=ts,
        deal=ts.deal,
        story=build_narrative(ts),
        tables=[_view(t) for t in ts.tables],
        captions=captions,
        figures=figures,
        format_date=format_date,
    )
