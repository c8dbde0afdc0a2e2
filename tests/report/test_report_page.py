"""The report page and workbook: sections, self-containment, numbers as numbers, atomicity."""

from __future__ import annotations

import re
from decimal import Decimal

import openpyxl
import polars as pl
import pytest

from passthru.report import ReportInputs, build_report, write_report
from passthru.report.views import printed_cell, table_view
from passthru.report.workbook import sheet_name


def test_every_section_given_is_on_the_page(inputs):
    page = build_report(**inputs.as_keywords())
    for section in ("structure", "decrement", "yields", "charts"):
        assert f'<section id="{section}">' in page
    assert 'id="termsheet"' not in page  # not given, left out
    for chart in ("pool-balance", "class-balances", "cumulative-losses", "senior-prepayment"):
        assert page.count(f'id="chart-{chart}"') == 1
    assert "Series 2099-1 &lt;Test &amp; Co&gt;" in page  # the title is escaped


def test_only_the_title_is_needed():
    page = build_report(title="Bare")
    assert "<h1>Bare</h1>" in page
    assert "<section" not in page


def test_the_page_fetches_nothing(inputs):
    page = build_report(**inputs.as_keywords())
    assert "<script" not in page
    assert not re.search(r"\b(src|href)=\"(?!#)", page)  # only in-page links
    assert "@import" not in page and "url(" not in page
    assert set(re.findall(r"https?://[^\"' ]+", page)) == {"http://www.w3.org/2000/svg"}


def test_decrement_rows_are_printed_in_the_prospectus_layout(inputs):
    page = build_report(**inputs.as_keywords())
    # 0% PSA: straight line over 120 months; Feb 25, 2004 is period 12: 1 - 12/120 = 90%.
    row = re.search(r"<tr><td>February 25, 2004</td>(.*?)</tr>", page).group(1)
    assert re.findall(r">([^<]*)</td>", row)[0] == "90"
    assert "PSA Prepayment Assumption" in page


def test_cells_print_with_separators_and_half_up():
    assert printed_cell(1234567.005) == "1,234,567.01"
    assert printed_cell(Decimal("7572000.00")) == "7,572,000.00"
    assert printed_cell(12) == "12"
    assert printed_cell(None) == ""
    view = table_view("t", pl.DataFrame({"Class": ["A"], "Note": ["*"], "Rate": [5.75]}))
    assert view.numeric == (False, True, True)


def test_write_report_writes_both_files_and_no_temporaries(inputs, tmp_path):
    html, xlsx = write_report(inputs, tmp_path / "out")
    assert html.name == "report.html" and xlsx.name == "report.xlsx"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.html", "report.xlsx"]
    assert html.read_text(encoding="utf-8") == build_report(**inputs.as_keywords())


def test_a_failed_write_leaves_the_previous_report(inputs, tmp_path):
    write_report(inputs, tmp_path)
    before = (tmp_path / "report.html").read_text(encoding="utf-8")
    broken = ReportInputs(title="x", pool_balances=pl.DataFrame({"no_period": [1.0]}))
    with pytest.raises(Exception, match="period"):
        write_report(broken, tmp_path)
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.xlsx"]


def test_workbook_has_one_sheet_per_table_with_numbers_as_numbers(inputs, tmp_path):
    _, xlsx = write_report(inputs, tmp_path)
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == [
        "Summary",
        "Structure",
        "Decrement A-1",
        "Yield A-1",
        "Pool balances",
        "Class balances",
        "Cumulative losses",
        "Senior prepayment",
    ]
    structure = book["Structure"]
    assert structure["B2"].value == 950_000.0 and structure["B2"].number_format == "#,##0.00"
    decrement = book["Decrement A-1"]
    assert [c.value for c in decrement[1]] == ["Distribution Date", "0%", "100%", "300%"]
    assert decrement["A3"].value == "February 25, 2004"
    assert decrement["B3"].value == pytest.approx(0.90)  # a fraction under a percent format
    assert decrement["B3"].number_format == '[=0]0%;[<0.005]"*";0%'
    last = decrement.max_row
    assert decrement.cell(last, 1).value == "Weighted Average Life (years)"
    # 0% PSA pays 1/120 of the balance on each of 120 dates; date k (0-based) is
    # 30(k + 1) + 1 days of 30/360 after February 24, 2003, so the WAL is the mean
    # (30 x 60.5 + 1) / 360 = 1816/360 years.
    assert decrement.cell(last, 2).number_format == "0.00"
    assert decrement.cell(last, 2).value == pytest.approx(1816 / 360)


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    assert sheet_name("Decrement A/B: [x]", taken) == "Decrement A-B- -x-"
    long = "Decrement " + "X" * 40
    first, second = sheet_name(long, taken), sheet_name(long, taken)
    assert len(first) == 31 and len(second) == 31 and first != second
