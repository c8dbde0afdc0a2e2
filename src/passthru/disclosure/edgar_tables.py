"""Stratification tables laid out as the EDGAR text of the CMSI 2002-12 8-K prints them.

Column positions (0-based) measured on the filing: labels from column 0, wrapped
before column 34 ("Condominium Units (one to four" / "stories high)"); "Number of"
/ "Loans" from column 34, counts right-aligned to column 38; "Aggregate
Principal" / "Balances Outstanding" right-aligned to column 78; balances
right-aligned to column 75, with "$" on the first row and on the total, both
aligned to the widest figure (the total's). A dashed rule underlines each
heading; "===" and "============" underline the total's count and balance.
The size and state tables are single-spaced, the others double-spaced; two
blank lines precede "Total". A footnote ("*   Multi-family dwellings are
2-family.") follows its table under an 11-dash rule, and the row it explains
carries "*".
"""

from __future__ import annotations

from passthru.disclosure.views import FOOTNOTE_MARK, marked_label
from passthru.disclosure.words import centred, wrap
from passthru.money import format_number
from passthru.strats.model import Table, TableRow

COUNT_COLUMN = 34  # "Number of" and "Loans" start here
COUNT_END = 39  # counts end in column 38
BALANCE_END = 76  # balances end in column 75
HEADING_END = 79  # "Balances Outstanding" ends in column 78
LABEL_WIDTH = COUNT_COLUMN - 1
BALANCE_RULE = "-" * len("Balances Outstanding")
FOOTNOTE_RULE = "-" * 11

SINGLE_SPACED = frozenset({"size", "state"})
# The filing underlines "Number of" with eight dashes in these tables, nine elsewhere.
SHORT_COUNT_RULE = frozenset({"origination_year", "state"})


def table_lines(table: Table) -> list[str]:
    """The table from its centred title through the "===" rule and its footnote."""
    lines = [centred(t) for t in table.title]
    lines += ["", *_heading_lines(table), ""]
    first = True
    widest = len(format_number(table.total.dollars))
    for row in table.rows:
        if not first and table.kind not in SINGLE_SPACED:
            lines.append("")
        lines += _row_lines(marked_label(table, row), row, widest, dollar=first)
        first = False
    lines += ["", ""]
    lines += _row_lines("Total", table.total, widest, dollar=True)
    lines.append(_total_rule(table.total))
    if table.footnote:
        footnote = wrap(table.footnote, first=f"{FOOTNOTE_MARK}   ", rest="    ")
        lines += ["", FOOTNOTE_RULE, *footnote, ""]
    return lines


def _heading_lines(table: Table) -> list[str]:
    heading = ("",) * (2 - len(table.heading)) + tuple(table.heading)
    *upper, lower = heading
    top = upper[-1] if upper else ""
    count_rule = "-" * (8 if table.kind in SHORT_COUNT_RULE else 9)
    label_rule = "-" * max(len(h) for h in table.heading)
    return [
        _columns(top, "Number of", "Aggregate Principal", HEADING_END),
        _columns(lower, "Loans", "Balances Outstanding", HEADING_END),
        _columns(label_rule, count_rule, BALANCE_RULE, HEADING_END),
    ]


def _columns(label: str, count: str, balance: str, balance_end: int) -> str:
    left = label.ljust(COUNT_COLUMN) + count
    return left + balance.rjust(balance_end - len(left))


def _row_lines(label: str, row: TableRow, widest: int, *, dollar: bool) -> list[str]:
    labels = wrap(label, first="", width=LABEL_WIDTH) or [""]
    figure = format_number(row.dollars)
    balance = f"${figure.rjust(widest)}" if dollar else figure
    first = labels[0].ljust(COUNT_COLUMN) + str(row.count).rjust(COUNT_END - COUNT_COLUMN)
    return [first + balance.rjust(BALANCE_END - len(first)), *labels[1:]]


def _total_rule(total: TableRow) -> str:
    count = "=" * len(str(total.count))
    left = count.rjust(COUNT_END)
    balance = "=" * (len(format_number(total.dollars)) + 1)
    return left + balance.rjust(BALANCE_END - len(left))
