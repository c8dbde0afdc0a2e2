"""Tapes typed by hand: title rows (a title, a date, a blank row) above the header row.

The header is the first of the first 20 rows that holds every required column;
``source_row`` counts data rows below it. Expected rows are counted by hand from
the rows written below.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from passthru.errors import TapeError
from passthru.tape import load_tape
from passthru.tape.schema import COLUMN_NAMES

CLEAN = Path(__file__).parents[1] / "data" / "tapes" / "clean.csv"
CUT_OFF = date(2003, 2, 1)
TITLE = [["Loan tape, December 2002"], ["As of February 1, 2003"], []]
NO_HEADER_HINT = "no row in the first 20 holds the required columns"


def _clean_lines() -> list[str]:
    return CLEAN.read_text().splitlines()


def _workbook(path: Path, rows: list[list], *, notes_sheet: bool = False) -> None:
    """The rows on a first sheet "Loans"; a second sheet "Notes" if asked."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Loans"
    for row in rows:
        sheet.append(row)
    if notes_sheet:
        book.create_sheet("Notes").append(["prepared by the servicer"])
    book.save(path)


def _loan_cells(line: str) -> list:
    return [cell or None for cell in line.split(",")]


def test_title_rows_above_an_xlsx_header_are_skipped_with_a_warning(tmp_path, caplog):
    lines = _clean_lines()
    bad = _loan_cells(lines[2].replace(",NY,", ",ny,"))
    rows = [*TITLE, lines[0].split(","), _loan_cells(lines[1]), [], bad]
    path = tmp_path / "hand.xlsx"
    _workbook(path, rows)
    with caplog.at_level(logging.DEBUG):
        load = load_tape(path, sheet="Loans", cut_off=CUT_OFF)
    assert [r.getMessage() for r in caplog.records if r.name.startswith("fastexcel")] == []
    (header,) = [i for i in load.warnings if i.rule == "header_row"]
    # three title rows: the names are on sheet row 4, the first loan on sheet row 5
    assert header.value == "4"
    assert "sheet row 4" in header.message and "row 1 is sheet row 5" in header.message
    assert load.loans["loan_id"].to_list() == ["L001"]
    assert load.loans["source_row"].to_list() == [1]
    # the bad loan is two rows below the first (a blank row between): row 3, sheet row 7
    assert [(i.rule, i.row, i.value) for i in load.errors] == [("state_code", 3, "ny")]


def test_title_rows_above_a_csv_header_are_skipped_with_a_warning(tmp_path):
    lines = _clean_lines()
    path = tmp_path / "hand.csv"
    path.write_text("\n".join(["CMSI loan tape,,", "Cut-off 2003-02-01", "", *lines[:3]]) + "\n")
    load = load_tape(path, cut_off=CUT_OFF)
    assert [(i.rule, i.value) for i in load.issues] == [("header_row", "4")]
    assert "line 4" in load.issues[0].message and "row 1 is line 5" in load.issues[0].message
    assert load.loans["loan_id"].to_list() == ["L001", "L002"]
    assert load.loans["source_row"].to_list() == [1, 2]


def test_a_header_on_the_first_row_gives_no_warning(tmp_path):
    path = tmp_path / "tape.xlsx"
    _workbook(path, [line.split(",") for line in _clean_lines()[:2]])
    load = load_tape(path, cut_off=CUT_OFF)
    assert load.issues == ()


def test_the_first_sheet_with_title_rows_is_taken_as_the_tape(tmp_path):
    path = tmp_path / "hand.xlsx"
    rows = [*TITLE, _clean_lines()[0].split(","), _loan_cells(_clean_lines()[1])]
    _workbook(path, rows, notes_sheet=True)
    load = load_tape(path, cut_off=CUT_OFF)
    assert load.accepted_count == 1
    assert [i.rule for i in load.issues] == ["header_row"]


def test_the_header_is_looked_for_in_the_first_20_rows_only(tmp_path):
    names = list(COLUMN_NAMES)
    loan = _loan_cells(_clean_lines()[1])
    at_20 = tmp_path / "at20.xlsx"
    _workbook(at_20, [[f"note {i}"] for i in range(19)] + [names, loan])
    assert load_tape(at_20, cut_off=CUT_OFF).warnings[0].value == "20"
    at_21 = tmp_path / "at21.xlsx"
    _workbook(at_21, [[f"note {i}"] for i in range(20)] + [names, loan])
    with pytest.raises(TapeError) as caught:
        load_tape(at_21)
    assert "required columns missing: loan_id" in str(caught.value)
    assert NO_HEADER_HINT in str(caught.value)
    assert {i.rule for i in caught.value.issues} == {"missing_column"}


def test_header_search_ignores_case_and_spaces(tmp_path):
    names = [f" {name.upper()} " if name == "loan_id" else name for name in COLUMN_NAMES]
    path = tmp_path / "hand.xlsx"
    _workbook(path, [*TITLE, names, _loan_cells(_clean_lines()[1])])
    with pytest.raises(TapeError) as caught:
        load_tape(path)
    # the header row is found; the upper-case name is then named, not the title rows
    assert NO_HEADER_HINT not in str(caught.value)
    (issue,) = caught.value.issues
    assert "the file has 'LOAN_ID'" in issue.message


def test_a_header_with_a_column_missing_keeps_the_error_and_adds_the_hint(tmp_path):
    lines = _clean_lines()
    path = tmp_path / "tape.csv"
    path.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines[:2]) + "\n")
    with pytest.raises(TapeError) as caught:
        load_tape(path)
    assert str(caught.value).endswith(
        "required columns missing: additional_collateral (" + NO_HEADER_HINT + ")"
    )
