"""The EDGAR table layout, against the 2002-12 filing and hand-laid cases."""

from __future__ import annotations

import dataclasses

from passthru.disclosure.edgar_tables import table_lines
from passthru.disclosure.text import render_text, tables_lines
from passthru.strats.model import Table, TableRow

# Where the filing itself is irregular, the expected line is the regular one:
# the first row of pool I's origination table has its "$" one column right of
# the total's, and the pool I note-rate title says "GROUP" for "POOL".
FILING_IRREGULAR = {
    "2000                                  1                          $   391,272": (
        "2000                                  1                         $    391,272"
    ),
    "              DISTRIBUTION OF GROUP I MORTGAGE LOANS BY NOTE RATES": (
        "              DISTRIBUTION OF POOL I MORTGAGE LOANS BY NOTE RATES"
    ),
}


def _filing_lines(filing_text, first: str, last: str) -> list[str]:
    lines = filing_text("2002-12").splitlines()
    start = lines.index(first)
    end = len(lines) - 1 - lines[::-1].index(last)
    return [FILING_IRREGULAR.get(line, line) for line in lines[start : end + 1]]


def test_every_table_page_matches_the_filing(termsheet_2002_12, filing_text):
    expected = _filing_lines(
        filing_text,
        "      The following tables set forth information regarding the mortgage loans as",
        "<PAGE>",
    )
    assert tables_lines(termsheet_2002_12) == expected


def test_tables_sit_between_the_narrative_and_the_signatures(termsheet_2002_12):
    text = render_text(termsheet_2002_12)
    assert text.index("premium loans, as of the cut-off date, was 6.153%") < text.index(
        "YEARS OF ORIGINATION OF POOL I"
    )
    tail = text.split("GEOGRAPHIC DISTRIBUTION OF")[-1].splitlines()
    assert tail[-15:-12] == ["", "<PAGE>", ""]
    assert tail[-12] == " " * 35 + "SIGNATURES"
    assert tail[-2:] == [" " * 44 + "By:", " " * 47 + "-" * 25]


def _table(kind="origination_year", rows=(), total=None, footnote="", heading=("Year",)):
    return Table(kind, "II", ("A TITLE",), heading, tuple(rows), total, footnote)


def test_dollar_sign_aligns_with_the_widest_figure():
    rows = [TableRow("1999", 3, 5_250.4, 5_250), TableRow("2000", 12, 9_000_000.0, 9_000_000)]
    total = TableRow("Total", 15, 9_005_250.4, 9_005_250)
    lines = table_lines(_table(rows=rows, total=total))
    # count ends in column 38, balance in column 75; "$" pads to "9,005,250" (9 wide)
    assert lines[6] == "1999" + " " * 34 + "3" + " " * 27 + "$    5,250"
    assert lines[8] == "2000" + " " * 33 + "12" + " " * 28 + "9,000,000"
    assert lines[-2] == "Total" + " " * 32 + "15" + " " * 27 + "$9,005,250"
    assert lines[-1] == " " * 37 + "==" + " " * 27 + "=" * 10
    assert lines[9:11] == ["", ""]


def test_one_line_heading_sits_on_the_lower_line_with_rules():
    total = TableRow("Total", 1, 1.0, 1)
    lines = table_lines(_table(rows=[TableRow("2001", 1, 1.0, 1)], total=total))
    assert lines[:2] == [" " * 36 + "A TITLE", ""]  # (80 - 7) // 2
    assert lines[2] == " " * 34 + "Number of" + " " * 17 + "Aggregate Principal"
    assert lines[3] == "Year" + " " * 30 + "Loans" + " " * 20 + "Balances Outstanding"
    assert lines[4] == "----" + " " * 30 + "--------" + " " * 17 + "-" * 20


def test_long_label_wraps_and_footnoted_row_is_marked():
    rows = [
        TableRow("Multi-family Dwellings", 2, 847_012.0, 847_012),
        TableRow("Condominium Units (one to four stories high)", 10, 4_784_919.2, 4_784_919),
    ]
    total = TableRow("Total", 12, 5_631_931.2, 5_631_931)
    table = _table(
        "property_type",
        rows,
        total,
        "Multi-family dwellings are 2-family.",
        ("Type of", "Dwelling Unit"),
    )
    lines = table_lines(table)
    assert lines[4] == "-------------" + " " * 21 + "-" * 9 + " " * 16 + "-" * 20
    assert lines[6].startswith("Multi-family Dwellings*" + " " * 15 + "2")
    assert lines[8].startswith("Condominium Units (one to four       10")
    assert lines[9] == "stories high)"
    assert lines[-4:] == ["", "-----------", "*   Multi-family dwellings are 2-family.", ""]


def test_single_spaced_kinds_have_no_blank_between_rows():
    rows = [TableRow("Alabama", 1, 10.0, 10), TableRow("Alaska", 1, 20.0, 20)]
    lines = table_lines(_table("state", rows, TableRow("Total", 2, 30.0, 30)))
    assert lines[6].startswith("Alabama") and lines[7].startswith("Alaska")


def test_unknown_row_is_printed_like_any_other():
    rows = [TableRow("Detached Houses", 1, 10.0, 10), TableRow("Unknown", 2, 20.0, 20)]
    table = _table("property_type", rows, TableRow("Total", 3, 30.0, 30))
    assert table_lines(table)[8] == "Unknown" + " " * 31 + "2" + " " * 35 + "20"


def test_a_page_per_state_table(termsheet_2002_12):
    tables = tuple(t for t in termsheet_2002_12.tables if t.kind in ("size", "state"))
    three_pools = (*tables, dataclasses.replace(tables[-1], pool="III"))
    text = "\n".join(tables_lines(dataclasses.replace(termsheet_2002_12, tables=three_pools)))
    pages = text.split("<PAGE>")[:-1]
    assert [p.count("Total") for p in pages] == [2, 1, 1, 1]


def test_pages_pair_the_pools_whatever_the_order_of_the_tables(termsheet_2002_12):
    # build_termsheet lists a pool's seven tables, then the next pool's: the filing's
    # pages still pair pool I and pool II of each kind
    pool_major = tuple(
        sorted(
            termsheet_2002_12.tables, key=lambda t: termsheet_2002_12.deal.pool_names.index(t.pool)
        )
    )
    assert pool_major != termsheet_2002_12.tables
    reordered = dataclasses.replace(termsheet_2002_12, tables=pool_major)
    assert tables_lines(reordered) == tables_lines(termsheet_2002_12)
