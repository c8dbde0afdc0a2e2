"""A workbook typed by hand: a title line above the header row."""

from __future__ import annotations

import logging

import openpyxl
import pytest

from passthru.errors import TapeError
from passthru.tape import load_tape
from passthru.tape.schema import COLUMN_NAMES


def test_a_title_row_reads_quietly_and_names_the_missing_columns(tmp_path, caplog):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Loans"
    sheet.append(["Loan tape, December 2002"])
    sheet.append([])
    sheet.append(list(COLUMN_NAMES))
    path = tmp_path / "tape.xlsx"
    book.save(path)
    with caplog.at_level(logging.DEBUG), pytest.raises(TapeError) as caught:
        load_tape(path, sheet="Loans")
    assert "required columns missing: loan_id" in str(caught.value)
    assert [r.getMessage() for r in caplog.records if r.name.startswith("fastexcel")] == []
