"""The fannie-mae layout (docs/fannie-mae-layout.md), legacy 25 and current 108 fields.

Expected balances are the level-payment balance after the payments due on or
before the cut-off (cashflow-and-structure.md §3.1), computed by hand with
exact decimals: 200,000 at 6% for 360 months pays 1,199.10105; one payment
leaves 199,800.90.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from passthru.errors import TapeError
from passthru.tape import LAYOUTS, load_tape

FANNIE = Path(__file__).parents[1] / "data" / "tapes" / "fannie-mae"
UNKNOWN = {"servicing_fee_rate", "ltv_without_pledge", "zip", "documentation",
           "additional_collateral"}  # fmt: skip
TREATED_AS_UNKNOWN = {"zip", "documentation", "additional_collateral", "property_type",
                      "loan_purpose"}  # fmt: skip


def test_layouts_are_listed():
    assert list(LAYOUTS) == ["fannie-mae"]


def test_legacy_25_fields_form_a_pool_at_each_first_payment_date():
    load = load_tape(FANNIE / "legacy-25.txt", layout="fannie-mae")
    assert load.errors == ()
    assert load.read_count == load.accepted_count == 3
    loans = {row["loan_id"]: row for row in load.loans.iter_rows(named=True)}
    a, b, c = loans["100000000001"], loans["100000000002"], loans["100000000003"]
    assert (a["original_balance"], a["current_balance"], a["note_rate"]) == (200000, 199800.90, 6.0)
    assert (a["original_term"], a["remaining_term"]) == (360, 359)
    assert (a["origination_date"], a["first_payment_date"], a["maturity_date"]) == (
        date(2003, 1, 1), date(2003, 3, 1), date(2033, 2, 1))  # fmt: skip
    assert (a["property_type"], a["occupancy"], a["loan_purpose"]) == (
        "detached",
        "primary",
        "purchase",
    )
    assert (a["state"], a["ltv"], a["mortgage_insurance"]) == ("CA", 80.0, False)
    # 100,000 at 5.5% for 180 months; CO (condominium height unknown) stays unknown
    assert (b["current_balance"], b["remaining_term"], b["maturity_date"]) == (
        99641.25, 179, date(2018, 1, 1))  # fmt: skip
    assert (b["property_type"], b["occupancy"]) == (None, "second_home")
    assert b["loan_purpose"] == "rate_term_refinance"
    assert b["mortgage_insurance"] is True
    # SF with 3 units is multi-family; purpose U is unknown; MI percent 0 is no insurance
    assert (c["current_balance"], c["property_type"], c["units"]) == (149877.05, "multi_family", 3)
    assert (c["loan_purpose"], c["occupancy"], c["mortgage_insurance"]) == (
        None,
        "investment",
        False,
    )
    assert all(a[col] is None for col in UNKNOWN)


def test_unknown_columns_are_one_warning_each_and_exposed():
    load = load_tape(FANNIE / "legacy-25.txt", layout="fannie-mae")
    unknown = {i.column: i.message for i in load.warnings if i.rule == "unknown_from_layout"}
    # the servicing fee takes the deal's default and ltv_without_pledge matters only
    # for pledged loans: neither is unknown to the run
    assert set(unknown) == TREATED_AS_UNKNOWN
    assert unknown["property_type"].startswith("1 of 3 loans")
    assert set(load.unknown_columns) == set(unknown)


def test_the_missing_servicing_fee_is_said_once_to_take_the_deals_default():
    load = load_tape(FANNIE / "legacy-25.txt", layout="fannie-mae")
    (fee,) = [i for i in load.warnings if i.column == "servicing_fee_rate"]
    assert fee.rule == "servicing_fee_default"
    assert fee.message.startswith("3 of 3 loans")
    assert "the deal's servicing fee applies (zero without a deal)" in fee.message
    assert "stays unknown" not in fee.message
    assert [i for i in load.warnings if i.column == "ltv_without_pledge"] == []


def test_a_given_cut_off_deducts_every_payment_due_by_then():
    # loan 3 first pays 2003-01-01; by 2003-03-01 three payments are due: 357 remain, and
    # 150,000 at 7% after three payments of 997.95374 is 149,628.98
    load = load_tape(FANNIE / "legacy-25.txt", layout="fannie-mae", cut_off=date(2003, 3, 1))
    c = load.loans.filter(load.loans["loan_id"] == "100000000003").row(0, named=True)
    assert (c["remaining_term"], c["current_balance"]) == (357, 149628.98)
    assert load.errors == ()


def test_current_108_fields_keep_each_loans_earliest_month():
    load = load_tape(FANNIE / "current-108.txt", layout="fannie-mae")
    assert load.errors == ()
    assert load.read_count == 2
    x, y = load.loans.iter_rows(named=True)
    assert x["loan_id"] == "200000000001" and x["source_row"] == 2  # 022003 is on line 2
    assert (x["current_balance"], x["remaining_term"], x["loan_purpose"]) == (
        299728.80, 359, "cash_out_refinance")  # fmt: skip
    assert x["property_type"] is None  # PU
    assert (y["current_balance"], y["property_type"], y["mortgage_insurance"]) == (
        249064.68, "cooperative", True)  # fmt: skip
    assert [i.rule for i in load.warnings if i.rule == "layout_monthly_rows"] == [
        "layout_monthly_rows"
    ]


def test_a_trailing_delimiter_is_not_a_field(tmp_path):
    path = tmp_path / "acq.txt"
    path.write_text(
        "".join(line + "|\n" for line in (FANNIE / "legacy-25.txt").read_text().splitlines())
    )
    assert load_tape(path, layout="fannie-mae").accepted_count == 3


def test_bad_values_are_named_by_canonical_column(tmp_path):
    path = tmp_path / "acq.txt"
    line = (FANNIE / "legacy-25.txt").read_text().splitlines()[0]
    path.write_text(line.replace("|200000|", "|2OOOOO|").replace("|P|SF|", "|X|SF|") + "\n")
    load = load_tape(path, layout="fannie-mae")
    assert {(i.rule, i.column, i.value) for i in load.errors} >= {
        ("type", "original_balance", "2OOOOO"),
        ("enum_value", "loan_purpose", "X"),
    }
    assert load.rejected_count == 1


def test_wrong_field_count(tmp_path):
    path = tmp_path / "acq.txt"
    path.write_text("1|2|3\n")
    with pytest.raises(TapeError) as caught:
        load_tape(path, layout="fannie-mae")
    (issue,) = caught.value.issues
    assert issue.rule == "layout_fields" and issue.value == "3"
