"""The malformed-input corpus: each input answered by ``passthru validate`` with its
named error, exit status 1 and no traceback; nothing is dropped silently.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import xlsxwriter
from typer.testing import CliRunner

from passthru.cli import app

DATA = Path(__file__).parents[1] / "data" / "tapes"
MALFORMED = DATA / "malformed"
CUT_OFF = ["--cut-off", "2003-02-01"]
SUMMARY = re.compile(r"read (\d+), accepted (\d+), rejected (\d+), (\d+) errors")

# file -> (rule, the data row it names, loans rejected); row None: the whole file fails.
ROW_CASES = {
    "non_numeric_balance": ("type", 2, 1),
    "non_integer_term": ("type", 2, 1),
    "boolean_unknown": ("type", 2, 1),
    "bad_date": ("date_parse", 2, 1),
    "required_empty": ("required", 2, 1),
    "duplicate_loan_id": ("loan_id_unique", 2, 2),
    "balance_not_positive": ("balance_positive", 2, 1),
    "current_above_original": ("current_le_original", 2, 1),
    "note_rate_out_of_range": ("note_rate_range", 2, 1),
    "servicing_fee_out_of_range": ("servicing_fee_range", 2, 1),
    "servicing_fee_above_note_rate": ("servicing_fee_below_note_rate", 2, 1),
    "term_out_of_range": ("term_range", 2, 1),
    "remaining_above_original": ("remaining_le_original", 2, 1),
    "maturity_before_origination": ("maturity_after_origination", 2, 1),
    "remaining_term_mismatch": ("remaining_term_maturity", 2, 1),
    "ltv_out_of_range": ("ltv_range", 2, 1),
    "units_out_of_range": ("units_range", 2, 1),
    "state_unknown": ("state_code", 2, 1),
    "zip_four_digits": ("zip_format", 2, 1),
    "enum_unknown": ("enum_value", 2, 1),
    "ltv_without_pledge_no_collateral": ("ltv_without_pledge_only_with_collateral", 2, 1),
}
FILE_CASES = {
    "empty": "empty_file",
    "header_only": "no_loans",
    "duplicate_column": "duplicate_column",
    "missing_column": "missing_column",
    "ragged_row": "csv_structure",
}


def run(*args: str):
    result = CliRunner().invoke(app, ["validate", *map(str, args)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


@pytest.mark.parametrize("name", sorted(ROW_CASES))
def test_row_level_case(name):
    rule, row, rejected = ROW_CASES[name]
    result = run(MALFORMED / f"{name}.csv", *CUT_OFF)
    assert result.exit_code == 1
    assert f"row {row}" in result.output and f"[{rule}]" in result.output
    read, accepted, rejected_shown, errors = map(int, SUMMARY.search(result.output).groups())
    assert read == accepted + rejected_shown == 2
    assert rejected_shown == rejected and errors >= rejected


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_file_level_case(name):
    result = run(MALFORMED / f"{name}.csv")
    assert result.exit_code == 1
    assert f"[{FILE_CASES[name]}]" in result.output


def test_latin1_bytes_name_the_encoding_and_line(tmp_path):
    header = (MALFORMED / "header_only.csv").read_bytes()
    path = tmp_path / "latin1.csv"
    row = "L1,,1,1,6,,360,359,2002-12-15,2003-02-01,2033-01-01,75,,détaché,1,CA,94105,"
    path.write_bytes(header + row.encode("latin-1") + b"primary,full,purchase,false,false\n")
    result = run(path)
    assert result.exit_code == 1
    assert "[encoding]" in result.output and "line 2" in result.output


def _workbook(path: Path, sheets: dict[str, list[list]]) -> None:
    book = xlsxwriter.Workbook(path)
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, values in enumerate(rows):
            sheet.write_row(r, 0, values)
    book.close()


def test_excel_whose_first_sheet_is_a_cover_names_the_others(tmp_path):
    path = tmp_path / "tape.xlsx"
    _workbook(path, {"Cover": [["CMSI 2003-2 loan tape"]], "Loans": [["loan_id"]], "Notes": [[]]})
    result = run(path)
    assert result.exit_code == 1
    assert "[excel_sheet]" in result.output
    assert "'Loans'" in result.output and "--sheet" in result.output


def test_unknown_sheet(tmp_path):
    path = tmp_path / "tape.xlsx"
    _workbook(path, {"Loans": [["loan_id"]]})
    result = run(path, "--sheet", "Pool I")
    assert result.exit_code == 1 and "[excel_sheet]" in result.output


def test_a_text_file_named_xlsx_is_unreadable(tmp_path):
    path = tmp_path / "tape.xlsx"
    path.write_text("loan_id\nL1\n")
    result = run(path)
    assert result.exit_code == 1 and "[excel_unreadable]" in result.output


@pytest.mark.parametrize(
    ("args", "rule"),
    [
        (["no-such-tape.csv"], "file_missing"),
        ([DATA / "clean.csv", "--layout", "freddie-mac"], "layout_unknown"),
        ([DATA / "clean.csv", "--layout", "fannie-mae"], "layout_fields"),
        ([DATA / "clean.csv", "--layout", "fannie-mae", "--mapping", "m.toml"],
         "layout_mapping_conflict"),
    ],
)  # fmt: skip
def test_option_errors(args, rule):
    result = run(*args)
    assert result.exit_code == 1 and f"[{rule}]" in result.output


def test_unknown_file_type(tmp_path):
    path = tmp_path / "tape.json"
    path.write_text("{}")
    result = run(path)
    assert result.exit_code == 1 and "[file_format]" in result.output


def test_every_corpus_file_has_its_expected_rule():
    assert {p.stem for p in MALFORMED.glob("*.csv")} == set(ROW_CASES) | set(FILE_CASES)
