"""The term sheet as GitHub Markdown: headings, the narrative, GitHub tables.

The same sentences as the EDGAR text (:mod:`passthru.disclosure.narrative`),
unwrapped; tables with right-aligned numbers, "$" on every balance. Characters
Markdown would read as markup ("$" starts math on GitHub, "*", "_", "|") are
escaped.
"""

from __future__ import annotations

import re

from passthru.disclosure.narrative import Paragraph, build_narrative
from passthru.disclosure.views import figure_grid, marked_label
from passthru.money import format_date, format_dollars
from passthru.strats.model import Table, TableRow, TermSheet

_MARKUP = re.compile(r"([\\`*_$|<>\[\]#])")


def escape(text: str) -> str:
    """Backslash every character Markdown would treat as markup."""
    return _MARKUP.sub(r"\\\1", text)


def render_markdown(ts: TermSheet) -> str:
    """The whole term sheet as one Markdown document."""
    blocks = _cover(ts) + _item_5(ts) + _tables(ts) + _figures(ts)
    return "\n\n".join(blocks) + "\n"


def _cover(ts: TermSheet) -> list[str]:
    deal = ts.deal
    facts = [f"Cut-off date: {format_date(ts.as_of)}"]
    if deal.report_date:
        facts.insert(0, f"Date of Report: {format_date(deal.report_date)}")
    facts.append(
        f"Loans: {ts.loans_read} read, {ts.loans_accepted} accepted, {ts.loans_rejected} rejected"
    )
    return [
        "# Form 8-K: Collateral Term Sheet",
        f"**{escape(deal.issuer.upper())}**  \n"
        f"(Issuer in Respect of the {escape(deal.title or deal.name)})",
        "  \n".join(escape(f) for f in facts),
    ]


def _paragraph(paragraph: Paragraph) -> list[str]:
    items = "\n".join(f"{n}. {escape(item)}" for n, item in enumerate(paragraph.items, 1))
    return [escape(paragraph.text), *([items] if items else [])]


def _item_5(ts: TermSheet) -> list[str]:
    story = build_narrative(ts)
    blocks = ["## Item 5. Other Events"]
    for paragraph in story.opening + story.body:
        blocks += _paragraph(paragraph)
    if story.notes:
        blocks.append("\n".join(f"> **Note:** {escape(note)}  " for note in story.notes))
    if story.figure_notes:
        blocks += ["### Notes on figures", "\n".join(f"- {escape(n)}" for n in story.figure_notes)]
    footnotes = "\n".join(f"{n}. {escape(f)}" for n, f in enumerate(story.footnotes, 1))
    return [*blocks, "### Footnotes", footnotes]


def _cells(label: str, row: TableRow, strong: bool = False) -> str:
    cells = [escape(label), str(row.count), escape(format_dollars(row.dollars))]
    if strong:
        cells = [f"**{c}**" for c in cells]
    return "| " + " | ".join(cells) + " |"


def table_markdown(table: Table) -> str:
    """One table: a heading from its title, a GitHub table, its footnote."""
    lines = [
        f"### {escape(' '.join(table.title))}",
        "",
        f"| {escape(' '.join(table.heading))} | Number of Loans "
        "| Aggregate Principal Balances Outstanding |",
        "| :-- | --: | --: |",
        *(_cells(marked_label(table, row), row) for row in table.rows),
        _cells("Total", table.total, strong=True),
    ]
    if table.footnote:
        lines += ["", f"{escape('*')} {escape(table.footnote)}"]
    return "\n".join(lines)


def _tables(ts: TermSheet) -> list[str]:
    intro = (
        "The following tables set forth information regarding the mortgage loans as of "
        f"{format_date(ts.as_of)}."
    )
    return ["## Tables", intro, *(table_markdown(t) for t in ts.tables)]


def _figures(ts: TermSheet) -> list[str]:
    captions, rows = figure_grid(ts)
    lines = [
        "| Figure | " + " | ".join(captions) + " |",
        "| :-- |" + " --: |" * len(captions),
        *(
            f"| {escape(r.label)} | " + " | ".join(escape(p) for p in r.printed) + " |"
            for r in rows
        ),
    ]
    return ["## Figures", "\n".join(lines)]
