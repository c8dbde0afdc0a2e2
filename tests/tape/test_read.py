"""Reading CSV, Parquet and Excel as is; writing the canonical tape and reading it back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from passthru.errors import TapeError
from passthru.tape import load_tape, read_tape, write_tape
from passthru.tape.schema import SCHEMA

CLEAN = Path(__file__).parents[1] / "data" / "tapes" / "clean.csv"
CUT_OFF = date(2003, 2, 1)


def test_clean_csv_is_typed_as_the_schema():
    load = load_tape(CLEAN, cut_off=CUT_OFF)
    assert load.issues == ()
    assert (load.read_count, load.accepted_count, load.rejected_count) == (4, 4, 0)
    assert dict(load.loans.drop("source_row").schema) == SCHEMA
    first = load.loans.row(0, named=True)
    assert first["current_balance"] == 499500.0 and first["maturity_date"] == date(2033, 1, 1)
    # booleans are accepted as true/false, no/N, 0/yes, TRUE/false
    assert load.loans["mortgage_insurance"].to_list() == [False, False, False, True]
    assert load.loans["additional_collateral"].to_list() == [False, False, True, False]
    assert load.loans["zip"].to_list() == ["94105", "10021", "06830", "07030"]
    assert load.loans["source_row"].to_list() == [1, 2, 3, 4]


def test_bom_spaces_and_blank_lines(tmp_path):
    lines = CLEAN.read_text().splitlines()
    padded = lines[1].replace(",6.250,", ", 6.250 ,")
    path = tmp_path / "tape.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join([lines[0], padded, "", lines[2]]).encode() + b"\n")
    load = load_tape(path, cut_off=CUT_OFF)
    assert load.errors == ()
    assert load.loans["note_rate"].to_list() == [6.25, 5.625]
    assert load.loans["source_row"].to_list() == [1, 3]  # the blank line is row 2


def test_rejected_rows_keep_the_source_text_and_reasons(tmp_path):
    lines = CLEAN.read_text().splitlines()
    bad = lines[2].replace("400000.00,400000.00", "4OO000,400000.00").replace(",NY,", ",ny,")
    path = tmp_path / "tape.csv"
    path.write_text("\n".join([lines[0], lines[1], bad]) + "\n")
    load = load_tape(path, cut_off=CUT_OFF)
    assert load.read_count == load.accepted_count + load.rejected_count == 2
    row = load.rejected.row(0, named=True)
    assert row["source_row"] == 2 and row["original_balance"] == "4OO000"
    assert row["reasons"] == "type;state_code"
    assert {(i.rule, i.column, i.value) for i in load.errors} == {
        ("type", "original_balance", "4OO000"),
        ("state_code", "state", "ny"),
    }


def test_unknown_columns_are_warned_and_dropped(tmp_path):
    frame = pl.read_csv(CLEAN, infer_schema=False).with_columns(pl.lit("x").alias("branch"))
    path = tmp_path / "tape.csv"
    frame.write_csv(path)
    load = load_tape(path, cut_off=CUT_OFF)
    assert [(i.rule, i.column, i.severity) for i in load.issues] == [
        ("unknown_column", "branch", "warning")
    ]
    assert "branch" not in load.loans.columns


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".xlsx"])
def test_write_then_load_round_trips(tmp_path, suffix):
    loans = load_tape(CLEAN, cut_off=CUT_OFF).loans
    path = tmp_path / f"tape{suffix}"
    write_tape(loans, path)
    again = load_tape(path, cut_off=CUT_OFF)
    assert again.issues == ()
    assert again.loans.equals(loans)


def test_csv_writes_iso_dates_lowercase_booleans_and_empty_nulls(tmp_path):
    path = tmp_path / "tape.csv"
    write_tape(load_tape(CLEAN, cut_off=CUT_OFF).loans, path)
    header, first = path.read_text().splitlines()[:2]
    assert header == CLEAN.read_text().splitlines()[0]
    assert first == (
        "L001,,500000.0,499500.0,6.25,,360,359,2002-12-15,2003-02-01,2033-01-01,75.5,,"
        "detached,1,CA,94105,primary,full,purchase,false,false"
    )


def test_write_needs_every_canonical_column(tmp_path):
    with pytest.raises(TapeError) as caught:
        write_tape(pl.DataFrame({"loan_id": ["L1"]}), tmp_path / "t.csv")
    assert {i.rule for i in caught.value.issues} == {"missing_column"}


def _excel(path: Path, sheets: dict[str, list[list]]) -> None:
    book = xlsxwriter.Workbook(path)
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                if isinstance(value, date):
                    sheet.write_datetime(r, c, value, dates)
                elif value is not None:
                    sheet.write(r, c, value)
    book.close()


def _typed_rows() -> list[list]:
    """The clean tape as typed cells: numbers, real dates, and zips typed as numbers."""
    loans = load_tape(CLEAN, cut_off=CUT_OFF).loans.drop("source_row")
    rows = [list(loans.columns)]
    for loan in loans.iter_rows(named=True):
        loan["zip"] = int(loan["zip"])  # Excel drops 06830's leading zero
        rows.append(list(loan.values()))
    return rows


def test_excel_sheet_option_typed_cells_and_zip_padding(tmp_path):
    path = tmp_path / "tape.xlsx"
    _excel(path, {"Cover": [["Loan tape"], ["CMSI"]], "Loans": _typed_rows()})
    load = load_tape(path, sheet="Loans", cut_off=CUT_OFF)
    assert load.errors == ()
    assert [i.rule for i in load.warnings] == ["zip_zero_padded"]
    assert "2 zip codes" in load.warnings[0].message
    assert load.loans["zip"].to_list() == ["94105", "10021", "06830", "07030"]
    assert load.loans["origination_date"][0] == date(2002, 12, 15)
    assert load.loans["original_term"].dtype == pl.Int64


def test_excel_text_in_a_number_column_is_a_type_error(tmp_path):
    rows = _typed_rows()
    rows[2][rows[0].index("original_balance")] = "n/a"
    path = tmp_path / "tape.xlsx"
    _excel(path, {"Loans": rows})
    load = load_tape(path, cut_off=CUT_OFF)
    assert [(i.rule, i.row, i.value) for i in load.errors] == [("type", 2, "n/a")]
    assert load.accepted_count == 3


def test_excel_duplicated_column(tmp_path):
    rows = _typed_rows()
    rows = [[*r, r[rows[0].index("ltv")]] for r in rows]
    path = tmp_path / "tape.xlsx"
    _excel(path, {"Loans": rows})
    with pytest.raises(TapeError) as caught:
        read_tape(path)
    assert [(i.rule, i.column) for i in caught.value.issues] == [("duplicate_column", "ltv")]
