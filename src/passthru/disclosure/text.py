"""The term sheet as EDGAR text, in either style of the CMSI Form 8-Ks.

The "collateral" style is laid out like the 2002-12 filing: cover page (FORM
8-K, CURRENT REPORT, date of report, registrant), ``<PAGE>``, "Item 5. Other
Events." with the narrative and its footnotes, any notes (loans rejected,
figures computed with unknown values), the tables two kinds of a pool per page
as the filing pairs pool I and pool II (each state table on a page of its own),
and the signature block without a signer. The "detailed" style is laid out like
the 2003-2 filing: "Item 2. Acquisition or Disposition of Assets.", a title
block, the detailed description and its footnotes, any notes, the certificate
section on a page of its own with the subordination levels' footnote, and the
signature block; the tables only when asked. Paragraphs wrap at 80 columns with
a five-space indent (see :mod:`passthru.disclosure.words`).
"""

from __future__ import annotations

from itertools import groupby

from passthru.disclosure.detailed import build_detailed
from passthru.disclosure.edgar_tables import FOOTNOTE_RULE, table_lines
from passthru.disclosure.narrative import Paragraph, build_narrative
from passthru.disclosure.words import centred, wrap
from passthru.money import format_date
from passthru.strats.model import TABLE_KINDS, Table, TermSheet

PAGE = "<PAGE>"
ITEM_5 = "Item 5.        Other Events."
ITEM_2 = "Item 2.   Acquisition or Disposition of Assets."
DETAILED_TITLE = "DETAILED DESCRIPTION OF THE MORTGAGE LOAN POOL AND THE MORTGAGED PROPERTIES(1)"
DETAILED_RULE = "-" * 8  # the 2003-2 filing's footnote rule
TEXT_STYLES: tuple[str, ...] = ("collateral", "detailed")
SIGNATURE_COLUMN = " " * 44
ONE_TABLE_PER_PAGE = frozenset({"state"})
COVER_WIDTH = 81  # the cover page centres with the odd space on the left


def _cover(text: str) -> str:
    return centred(text, COVER_WIDTH)


def text_style(ts: TermSheet, style: str | None = None) -> str:
    """The style asked for, else the deal's own (``Deal.disclosure_style``)."""
    chosen = style or ts.deal.disclosure_style
    if chosen not in TEXT_STYLES:
        raise ValueError(f"unknown text style {chosen!r}; use one of {', '.join(TEXT_STYLES)}")
    return chosen


def render_text(ts: TermSheet, style: str | None = None, tables: bool | None = None) -> str:
    """The whole 8-K as text, lines joined by newlines, ending with a newline.

    ``style`` is "collateral" or "detailed", by default the deal's; the tables
    are shown by default in the collateral style only.
    """
    style = text_style(ts, style)
    lines = [*cover_lines(ts), "", "", PAGE]
    if style == "collateral":
        lines += [ITEM_5, "", *narrative_lines(ts)]
    else:
        lines += [ITEM_2, "", *detailed_lines(ts)]
    lines += ["", "", PAGE, "", ""]
    show_tables = style == "collateral" if tables is None else tables
    if show_tables:
        lines += [*tables_lines(ts), ""]
    lines += signature_lines(ts, gap=2 if style == "collateral" else 1)
    return "\n".join(lines) + "\n"


def cover_lines(ts: TermSheet) -> list[str]:
    """FORM 8-K, CURRENT REPORT, the date of report and the registrant, centred."""
    deal = ts.deal
    lines = [
        _cover("SECURITIES AND EXCHANGE COMMISSION"),
        _cover("Washington, D.C. 20549"),
        "",
        "",
        _cover("-" * 14),
        "",
        "",
        _cover("FORM 8-K"),
        "",
        _cover("CURRENT REPORT"),
        "",
        "",
        _cover("Pursuant to Section 13 or 15(d) of the"),
        _cover("Securities Exchange Act of 1934"),
        "",
        "",
    ]
    if deal.report_date:
        report = f"Date of Report: {format_date(deal.report_date)}"
        lines += [
            _cover(report),
            _cover("-" * (len(report) + 1)),
            _cover("(Date of earliest event reported)"),
            "",
            "",
        ]
    issuer_line = f"(Issuer in Respect of the {deal.title or deal.name})"
    return [
        *lines,
        _cover(deal.issuer.upper()),
        _cover(issuer_line),
        _cover("-" * len(issuer_line)),
        _cover("(Exact name of registrant as specified in charter)"),
    ]


def _paragraph_lines(paragraph: Paragraph) -> list[str]:
    lines = wrap(paragraph.text)
    for number, item in enumerate(paragraph.items, start=1):
        lines += ["", *wrap(item, first=f"     {number}.".ljust(10), rest=" " * 10)]
    return lines


def _blocks(paragraphs: tuple[Paragraph, ...]) -> list[str]:
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [*(lines and [""]), *_paragraph_lines(paragraph)]
    return lines


def narrative_lines(ts: TermSheet) -> list[str]:
    """The Item 5 paragraphs, the footnotes at the foot of the first page, then the notes."""
    story = build_narrative(ts)
    lines = [*_blocks(story.opening), "", *_footnote_lines(FOOTNOTE_RULE, story.footnotes)]
    lines += [PAGE, "", ""]
    lines += _blocks(story.body)
    lines += _notes_lines("NOTES", story.notes)
    lines += _notes_lines("NOTES ON FIGURES", story.figure_notes)
    return lines


def _footnote_lines(rule: str, footnotes: tuple[str, ...]) -> list[str]:
    """A rule, then "1    Terms used ..." and each further footnote after a blank line."""
    lines = [rule]
    for number, footnote in enumerate(footnotes, start=1):
        lines += [
            *([""] if number > 1 else []),
            *wrap(footnote, first=f"{number:<5}", rest=" " * 5, break_on_hyphens=False),
        ]
    return lines


def title_lines(ts: TermSheet) -> list[str]:
    """The detailed description's title block: issuer, series, date and heading, centred."""
    deal = ts.deal
    title = deal.title or deal.name
    lines = [_cover(deal.issuer.upper()), _cover(title), _cover("-" * (len(title) + 1)), ""]
    day = deal.report_date or deal.closing_date
    if day:
        lines += [_cover(format_date(day)), ""]
    return [*lines, _cover(DETAILED_TITLE), _cover("-" * len(DETAILED_TITLE))]


def detailed_lines(ts: TermSheet) -> list[str]:
    """The Item 2 text: title block, the description with its footnotes at the foot of the
    first page, the notes, then the certificate section on a page of its own."""
    story = build_detailed(ts)
    lines = [*title_lines(ts), "", *_blocks(story.opening), ""]
    lines += [*_footnote_lines(DETAILED_RULE, story.footnotes), PAGE, "", ""]
    lines += _blocks(story.body)
    lines += _notes_lines("NOTES", story.notes)
    lines += _notes_lines("NOTES ON FIGURES", story.figure_notes)
    if story.certificates:
        lines += ["", "", PAGE, "", ""]
        lines += _blocks(tuple(Paragraph(sentence) for sentence in story.certificates))
    if story.certificate_footnote:
        lines += ["", "", DETAILED_RULE, ""]
        lines += wrap(story.certificate_footnote, first="*     ", rest=" " * 6)
    return lines


def _notes_lines(heading: str, notes: tuple[str, ...]) -> list[str]:
    """A centred heading and one starred entry per note; nothing when there are none."""
    if not notes:
        return []
    lines = ["", "", centred(heading)]
    for note in notes:
        lines += ["", *wrap(note, first="     *    ", rest=" " * 10)]
    return lines


def tables_lines(ts: TermSheet) -> list[str]:
    """The tables' introduction and every table, each page ending in ``<PAGE>``.

    Two blank lines separate tables, one blank line (two after a footnote)
    precedes ``<PAGE>``, as in the filing.
    """
    lines = wrap(
        "The following tables set forth information regarding the mortgage loans as of "
        f"{format_date(ts.as_of)}.",
        first="      ",
    )
    for page in _pages(ts.tables):
        for table in page:
            lines += [""] if lines[-1] == "" else ["", ""]
            lines += table_lines(table)
        lines += ["", PAGE]
    return lines


def _pages(tables: tuple[Table, ...]) -> list[list[Table]]:
    """Tables of one kind share a page (pool I and pool II); state tables stand alone.
    Pages follow the filing's order of kinds, whatever the order of ``tables``."""
    by_kind = sorted(tables, key=lambda t: TABLE_KINDS.index(t.kind))  # stable: pools keep order
    pages: list[list[Table]] = []
    for kind, group in groupby(by_kind, key=lambda t: t.kind):
        same_kind = list(group)
        if kind in ONE_TABLE_PER_PAGE:
            pages += [[t] for t in same_kind]
        else:
            pages.append(same_kind)
    return pages


def signature_lines(ts: TermSheet, gap: int = 2) -> list[str]:
    """The signature block as filed, without a signer; ``gap`` blank lines before the
    registrant (two in 2002-12, one in 2003-2)."""
    return [
        centred("SIGNATURES"),
        "",
        *wrap(
            "Pursuant to the requirements of the Securities Exchange Act of 1934, the "
            "registrant has duly caused this report to be signed on its behalf by the "
            "undersigned thereunto duly authorized.",
            first="      ",
        ),
        *[""] * gap,
        SIGNATURE_COLUMN + ts.deal.issuer.upper(),
        SIGNATURE_COLUMN + "(Registrant)",
        "",
        SIGNATURE_COLUMN + "By:",
        SIGNATURE_COLUMN + "   " + "-" * 25,
    ]
