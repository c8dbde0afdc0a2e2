"""The term sheet as an Excel workbook (XlsxWriter): a "Figures" sheet, one sheet per table.

"Figures" opens with the deal, the cut-off date, the loan counts and any notes,
then one row per figure and pool: the exact value as a number (or date, or
boolean; blank when unknown) next to the text the filing prints. Each table
sheet ("I Year", "II State", ...) holds the title, the heading, one row per
stratum with the count, the whole-dollar balance as printed and the exact
balance, all numeric cells with number formats, then the total and footnote.
"""

from __future__ import annotations

import io
import re
from datetime import date

import xlsxwriter

from passthru.disclosure.views import marked_label, pool_caption
from passthru.strats.model import Exact, Table, TableRow, TermSheet

SHEET_NAME_LIMIT = 31
SHORT_KIND = {
    "origination_year": "Year",
    "property_type": "Dwelling",
    "units": "Units",
    "size": "Size",
    "note_rate": "Rate",
    "ltv": "LTV",
    "state": "State",
}
FIGURE_COLUMNS = ("Pool", "Key", "Label", "Exact", "Printed", "Unit", "Rule", "Note")
TABLE_COLUMNS = ("Number of Loans", "Aggregate Principal Balance ($)", "Exact Balance")
_INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_name(table: Table) -> str:
    """``I Size``, ``II State``: pool and kind, within Excel's 31 characters."""
    kind = SHORT_KIND.get(table.kind, table.kind)
    pool = _INVALID_SHEET_CHARS.sub("_", table.pool)[: SHEET_NAME_LIMIT - len(kind) - 1]
    return f"{pool} {kind}"


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.bold = book.add_format({"bold": True})
        self.header = book.add_format({"bold": True, "bottom": 1, "text_wrap": True})
        self.count = book.add_format({"num_format": "0"})
        self.dollars = book.add_format({"num_format": "$#,##0"})
        self.exact = book.add_format({"num_format": "#,##0.00########"})
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        total = {"bold": True, "top": 1, "bottom": 6}
        self.total_label = book.add_format(total)
        self.total_count = book.add_format({**total, "num_format": "0"})
        self.total_dollars = book.add_format({**total, "num_format": "$#,##0"})
        self.total_exact = book.add_format({**total, "num_format": "#,##0.00"})


def render_xlsx(ts: TermSheet) -> bytes:
    """The workbook as bytes."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    formats = _Formats(book)
    _figures_sheet(book.add_worksheet("Figures"), ts, formats)
    for table in ts.tables:
        _table_sheet(book.add_worksheet(sheet_name(table)), table, formats)
    book.close()
    return out.getvalue()


def _write_strings(sheet, row: int, col: int, values, cell_format=None) -> None:
    """Text stays text: never read as a number or a formula."""
    for offset, value in enumerate(values):
        sheet.write_string(row, col + offset, value, cell_format)


def _write_exact(sheet, row: int, col: int, value: Exact, formats: _Formats) -> None:
    if value is None:
        sheet.write_blank(row, col, None)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, date):
        sheet.write_datetime(row, col, value, formats.date)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, formats.exact)
    else:
        sheet.write_string(row, col, str(value))


def _figures_sheet(sheet, ts: TermSheet, formats: _Formats) -> None:
    deal = ts.deal
    sheet.write_string(0, 0, deal.title or deal.name, formats.bold)
    sheet.write_string(1, 0, "Cut-off date")
    sheet.write_datetime(1, 1, ts.as_of, formats.date)
    counts = (
        ("Loans read", ts.loans_read),
        ("Loans accepted", ts.loans_accepted),
        ("Loans rejected", ts.loans_rejected),
    )
    for offset, (name, value) in enumerate(counts):
        sheet.write_string(2 + offset, 0, name)
        sheet.write_number(2 + offset, 1, value, formats.count)
    row = 2 + len(counts)
    for note in ts.notes:
        sheet.write_string(row, 0, f"Note: {note}", formats.bold)
        row += 1
    row += 1
    _write_strings(sheet, row, 0, FIGURE_COLUMNS, formats.header)
    for pool in ts.pools:
        for f in pool.figures:
            row += 1
            _write_strings(sheet, row, 0, (pool_caption(pool.pool), f.key, f.label))
            _write_exact(sheet, row, 3, f.exact, formats)
            _write_strings(sheet, row, 4, (f.printed, f.unit, f.rule, f.note))
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 2, 40)
    sheet.set_column(3, 4, 20)
    sheet.set_column(5, 7, 16)


def _table_row(sheet, row: int, label: str, data: TableRow, formats: _Formats, total: bool):
    sheet.write_string(row, 0, label, formats.total_label if total else None)
    sheet.write_number(row, 1, data.count, formats.total_count if total else formats.count)
    sheet.write_number(row, 2, data.dollars, formats.total_dollars if total else formats.dollars)
    sheet.write_number(row, 3, data.balance, formats.total_exact if total else formats.exact)


def _table_sheet(sheet, table: Table, formats: _Formats) -> None:
    for row, line in enumerate(table.title):
        sheet.write_string(row, 0, line, formats.bold)
    row = len(table.title) + 1
    sheet.write_string(row, 0, " ".join(table.heading), formats.header)
    _write_strings(sheet, row, 1, TABLE_COLUMNS, formats.header)
    for data in table.rows:
        row += 1
        _table_row(sheet, row, marked_label(table, data), data, formats, total=False)
    _table_row(sheet, row + 1, "Total", table.total, formats, total=True)
    if table.footnote:
        sheet.write_string(row + 3, 0, f"* {table.footnote}")
    sheet.set_column(0, 0, 46)
    sheet.set_column(1, 3, 20)
