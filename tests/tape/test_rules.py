"""Each validation rule on hand-made rows (docs/loan-tape.md; cashflow-and-structure.md §3.2)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from passthru.errors import TapeError
from passthru.tape import load_tape, validate_tape
from passthru.tape.schema import SCHEMA

CUT_OFF = date(2003, 2, 1)
DATA = Path(__file__).parents[1] / "data" / "tapes"


@pytest.fixture(scope="module")
def tape(canonical_loan):
    """``tape(*changes)``: the canonical loan, which passes every rule at the 2003-02-01
    cut-off, as L1, then one loan per ``changes`` (ids L2, L3, ...)."""
    good = canonical_loan()

    def build(*changes: dict) -> pl.DataFrame:
        rows = [good] + [{**good, "loan_id": f"L{i}", **c} for i, c in enumerate(changes, start=2)]
        return pl.DataFrame(rows, schema=SCHEMA)

    return build


def rules_of(load, row: int) -> set[str]:
    return {i.rule for i in load.issues if i.row == row}


def check_rejected(tape, change: dict, rule: str, column: str, *, cut_off: date = CUT_OFF) -> None:
    load = validate_tape(tape(change), cut_off=cut_off)
    found = [i for i in load.errors if i.rule == rule]
    assert [(i.row, i.column) for i in found] == [(2, column)]
    assert load.accepted_count == 1 and load.rejected_count == 1
    assert load.loans["loan_id"].to_list() == ["L1"]
    assert rule in load.rejected["reasons"][0].split(";")


def test_good_loan_has_no_issue(tape):
    load = validate_tape(tape(), cut_off=CUT_OFF)
    assert load.issues == ()
    assert load.accepted_count == load.read_count == 1
    assert load.loans.columns[:-1] == list(SCHEMA) and load.loans.columns[-1] == "source_row"


@pytest.mark.parametrize(
    ("change", "rule", "column"),
    [
        ({"original_balance": 0.0}, "balance_positive", "original_balance"),
        ({"current_balance": -1.0}, "balance_positive", "current_balance"),
        ({"current_balance": 500000.01}, "current_le_original", "current_balance"),
        ({"note_rate": 0.0}, "note_rate_range", "note_rate"),
        ({"note_rate": 20.125}, "note_rate_range", "note_rate"),
        ({"servicing_fee_rate": -0.25}, "servicing_fee_range", "servicing_fee_rate"),
        ({"servicing_fee_rate": 6.25}, "servicing_fee_below_note_rate", "servicing_fee_rate"),
        ({"original_term": 481}, "term_range", "original_term"),
        ({"remaining_term": 0, "maturity_date": date(2003, 2, 1)}, "term_range", "remaining_term"),
        ({"original_term": 240}, "remaining_le_original", "remaining_term"),
        ({"remaining_term": 358}, "remaining_term_maturity", "remaining_term"),
        ({"ltv": 0.0}, "ltv_range", "ltv"),
        ({"ltv": 200.001}, "ltv_range", "ltv"),
        ({"units": 5}, "units_range", "units"),
        ({"state": "XX"}, "state_code", "state"),
        ({"state": "ca"}, "state_code", "state"),
        ({"zip": "9410"}, "zip_format", "zip"),
        ({"zip": "94105-1234"}, "zip_format", "zip"),
        ({"property_type": "condo"}, "enum_value", "property_type"),
        ({"occupancy": "owner"}, "enum_value", "occupancy"),
        ({"documentation": "low_doc"}, "enum_value", "documentation"),
        ({"loan_purpose": "refinance"}, "enum_value", "loan_purpose"),
        ({"ltv_without_pledge": 95.0}, "ltv_without_pledge_only_with_collateral",
         "ltv_without_pledge"),
        ({"maturity_date": date(2002, 12, 1)}, "maturity_after_origination", "maturity_date"),
        ({"loan_id": None}, "required", "loan_id"),
        ({"documentation": None}, "required", "documentation"),
    ],
)  # fmt: skip
def test_rule_rejects_the_loan(tape, change, rule, column):
    check_rejected(tape, change, rule, column)


def test_servicing_fee_rule_bounds_are_inclusive_below_exclusive_above(tape):
    load = validate_tape(
        tape({"servicing_fee_rate": 0.0}, {"servicing_fee_rate": 4.999},
             {"servicing_fee_rate": 5.0}, {"servicing_fee_rate": 5.0, "note_rate": 7.0}),
        cut_off=CUT_OFF,
    )  # fmt: skip
    assert {(i.row, i.rule) for i in load.errors} == {
        (4, "servicing_fee_range"),
        (5, "servicing_fee_range"),
    }


def test_edges_that_pass(tape):
    load = validate_tape(
        tape(
            {"note_rate": 20.0},
            {"ltv": 200.0},
            {"original_term": 480, "remaining_term": 1, "maturity_date": date(2003, 3, 1),
             "first_payment_date": date(1963, 4, 1), "origination_date": date(1963, 3, 1)},
            {"property_type": "multi_family", "units": 4},
            {"additional_collateral": True, "ltv_without_pledge": 95.0, "ltv": 80.0},
            {"state": "DC", "zip": "00501"},
        ),
        cut_off=CUT_OFF,
    )  # fmt: skip
    assert load.errors == ()
    assert load.accepted_count == 7


def test_duplicate_loan_ids_reject_every_copy_and_name_the_rows(tape):
    load = validate_tape(tape({"loan_id": "L1"}, {"loan_id": "L3"}), cut_off=CUT_OFF)
    duplicates = [i for i in load.errors if i.rule == "loan_id_unique"]
    assert [i.row for i in duplicates] == [1, 2]
    assert all("rows 1, 2" in i.message for i in duplicates)
    assert load.loans["loan_id"].to_list() == ["L3"]


def test_remaining_term_message_gives_the_expected_value(tape):
    # maturity 2033-01-01 from cut-off 2003-02-01: 2033*12+1 - (2003*12+2) = 359 payments
    load = validate_tape(tape({"remaining_term": 350}), cut_off=CUT_OFF)
    (issue,) = load.errors
    assert issue.rule == "remaining_term_maturity" and "expected 359" in issue.message
    assert issue.value == "350"


def test_remaining_term_counts_a_due_date_after_a_mid_month_cut_off(tape):
    # payments fall on the 15th; cut-off 2003-02-10: the 2003-02-15 payment is still due,
    # so 2003-02-15 .. 2033-01-15 is 360 payments.
    # Loan 1 pays on the 1st: 2003-02-01 was due before the cut-off, 359 remain.
    mid_month = {"maturity_date": date(2033, 1, 15), "first_payment_date": date(2003, 2, 15)}
    load = validate_tape(
        tape({**mid_month, "remaining_term": 360}, {**mid_month, "remaining_term": 359}),
        cut_off=date(2003, 2, 10),
    )
    assert rules_of(load, 1) == rules_of(load, 2) == set()
    (issue,) = load.errors
    assert (issue.row, issue.rule) == (3, "remaining_term_maturity")
    assert "expected 360" in issue.message


def test_cut_off_is_inferred_as_the_most_common_with_a_warning(tape):
    load = validate_tape(tape({}, {"remaining_term": 358}))
    inferred = [i for i in load.warnings if i.rule == "cut_off_inferred"]
    assert len(inferred) == 1 and inferred[0].value == "2003-02-01"
    assert "2 of 3 loans agree" in inferred[0].message
    assert load.cut_off == CUT_OFF
    assert [i.row for i in load.errors if i.rule == "remaining_term_maturity"] == [3]


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"property_type": "multi_family", "units": 1}, "units_property_type"),
        ({"property_type": "detached", "units": 2}, "units_property_type"),
        ({"additional_collateral": True}, "ltv_without_pledge_missing"),
        ({"additional_collateral": True, "ltv_without_pledge": 70.0},
         "ltv_without_pledge_below_ltv"),
        ({"ltv": 90.0}, "mortgage_insurance_over_80"),
        ({"first_payment_date": date(2002, 12, 15)}, "first_payment_after_origination"),
        ({"maturity_date": date(2033, 2, 1), "remaining_term": 360}, "maturity_original_term"),
        ({"note_rate": 0.0625, "servicing_fee_rate": 0.0}, "note_rate_percent"),
        ({"origination_date": date(2003, 2, 3)}, "origination_after_cut_off"),
    ],
)  # fmt: skip
def test_warnings_keep_the_loan(tape, change, rule):
    load = validate_tape(tape(change), cut_off=CUT_OFF)
    assert rule in {i.rule for i in load.warnings if i.row == 2}
    assert load.errors == ()
    assert load.accepted_count == 2


def test_all_errors_of_a_row_are_reported_at_once(tape):
    load = validate_tape(
        tape({"note_rate": 25.0, "state": "ZZ", "zip": "1", "occupancy": "owner"}), cut_off=CUT_OFF
    )
    assert rules_of(load, 2) == {"note_rate_range", "state_code", "zip_format", "enum_value"}
    assert load.rejected["reasons"][0] == "note_rate_range;state_code;zip_format;enum_value"


def test_header_only_frame_is_no_loans():
    with pytest.raises(TapeError) as caught:
        validate_tape(pl.DataFrame(schema=SCHEMA))
    assert [i.rule for i in caught.value.issues] == ["no_loans"]


def test_missing_required_columns_are_named_together(tape):
    frame = tape().drop("zip", "ltv")
    with pytest.raises(TapeError) as caught:
        validate_tape(frame)
    assert {(i.rule, i.column) for i in caught.value.issues} == {
        ("missing_column", "zip"),
        ("missing_column", "ltv"),
    }


@pytest.mark.parametrize(
    ("change", "rule", "expected"),
    [
        ({"original_balance": 381000.0, "current_balance": 381500.0}, "current_le_original",
         "exceeds original_balance 381,000.00"),
        ({"note_rate": 6.0, "servicing_fee_rate": 6.0}, "servicing_fee_below_note_rate",
         "not below the note rate 6"),
        ({"note_rate": 0.0000001, "servicing_fee_rate": 0.25}, "servicing_fee_below_note_rate",
         "not below the note rate 0.0000001"),
        ({"ltv": 90.0}, "mortgage_insurance_over_80",
         "ltv 90 above 80 without primary mortgage insurance"),
        ({"ltv": 80.0, "additional_collateral": True, "ltv_without_pledge": 72.5},
         "ltv_without_pledge_below_ltv",
         "below ltv 80 (the pledge should lower the LTV, not raise it)"),
    ],
)  # fmt: skip
def test_numbers_in_messages_are_plain_decimals_not_float_reprs(tape, change, rule, expected):
    load = validate_tape(tape(change), cut_off=CUT_OFF)
    (issue,) = [i for i in load.issues if i.rule == rule]
    assert issue.message == expected


def test_no_rule_message_shows_a_float_repr(tape):
    load = validate_tape(
        tape(
            {"original_balance": 200000.0, "current_balance": 250000.0},
            {"note_rate": 5.0, "servicing_fee_rate": 5.0},
            {"ltv": 95.0, "additional_collateral": True, "ltv_without_pledge": 85.0},
            {"property_type": "multi_family", "units": 1, "original_term": 240},
            {"remaining_term": 300, "maturity_date": date(2028, 1, 1)},
        ),
        cut_off=CUT_OFF,
    )
    assert len(load.issues) >= 7
    assert [i.message for i in load.issues if re.search(r"\d\.0\b|\de[+-]?\d", i.message)] == []


def test_a_csv_tape_quotes_the_original_balance_in_dollars():
    load = load_tape(DATA / "malformed" / "current_above_original.csv", cut_off=CUT_OFF)
    (issue,) = load.errors
    assert (issue.rule, issue.value) == ("current_le_original", "400000.01")
    assert issue.message == "exceeds original_balance 400,000.00"
