"""Rep lines: weighted averages, modes, dates, buckets and the keys' rules, checked by hand."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from passthru.errors import AssumptionError, TapeError
from passthru.pool import form_pools
from passthru.replines import rep_lines
from passthru.tape import load_tape, write_tape

CUT_OFF = date(2002, 12, 1)


def test_weighted_averages_modes_and_dates(pooled, loan):
    loans = pooled(
        loan("A", 100_000.0, 6.0, 300, state="NY", zip="10001", ltv=80.0),
        loan("B", 300_000.0, 7.0, 359, ltv=60.0),
    )
    (line,) = rep_lines(loans, ["pool"], cut_off=CUT_OFF).iter_rows(named=True)
    assert line["loan_id"] == "RL-0001" and line["loan_count"] == 2 and line["pool"] == "I"
    assert line["original_balance"] == 420_000.0 and line["current_balance"] == 400_000.0
    # (100k x 6.0 + 300k x 7.0) / 400k; fee 0.25 throughout; IO strip (0 + 1.0 x 3) / 4
    assert line["note_rate"] == pytest.approx(6.75)
    assert line["servicing_fee_rate"] == pytest.approx(0.25)
    assert line["net_rate"] == pytest.approx(6.5)
    assert line["io_strip_rate"] == pytest.approx(0.75)
    assert line["premium"] is True and line["discount_fraction"] == 0.0
    # remaining (100k x 300 + 300k x 359) / 400k = 344.25 -> 344; original 360; age 16
    assert (line["remaining_term"], line["original_term"], line["loan_age"]) == (344, 360, 16)
    assert line["origination_date"] == date(2001, 8, 1)
    assert line["first_payment_date"] == date(2001, 9, 1)
    assert line["maturity_date"] == date(2031, 8, 1)  # December 2002 + 344 months
    assert (line["state"], line["zip"]) == ("CA", "94105")  # B carries 3/4 of the balance
    assert line["ltv"] == pytest.approx(65.0)
    assert line["ltv_without_pledge"] is None


def test_half_months_round_up_and_ties_take_the_smallest_value(pooled, loan):
    loans = pooled(
        loan("A", 200_000.0, 6.5, 358, state="NY"), loan("B", 200_000.0, 6.5, 359, state="CA")
    )
    (line,) = rep_lines(loans, ["pool"], cut_off=CUT_OFF).iter_rows(named=True)
    assert (line["remaining_term"], line["original_term"], line["loan_age"]) == (359, 360, 1)
    assert line["state"] == "CA"


def test_ltv_without_pledge_follows_the_lines_additional_collateral(pooled, loan):
    loans = pooled(
        loan(
            "A", 300_000.0, 6.5, 360, ltv=80.0, ltv_without_pledge=90.0, additional_collateral=True
        ),
        loan("B", 100_000.0, 6.5, 360, ltv=60.0),
    )
    (line,) = rep_lines(loans, ["pool"], cut_off=CUT_OFF).iter_rows(named=True)
    assert line["additional_collateral"] is True
    assert line["ltv"] == pytest.approx(75.0)  # (300k x 80 + 100k x 60) / 400k
    assert line["ltv_without_pledge"] == pytest.approx(82.5)  # B's own ltv where it has none


def test_pools_and_premium_are_never_mixed(pooled, loan):
    loans = pooled(
        loan("P1", 100_000.0, 6.5, 360),  # pool I premium (net 6.25 >= 5.75)
        loan("D1", 100_000.0, 5.5, 360),  # pool I discount
        loan("P2", 100_000.0, 6.0, 180, 180),  # pool II premium (net 5.75 >= 5.25)
        loan("D2", 100_000.0, 5.25, 180, 180),  # pool II discount
    )
    lines = rep_lines(loans, ["state"], cut_off=CUT_OFF)
    assert lines.select("pool", "premium").rows() == [
        ("I", False),
        ("I", True),
        ("II", False),
        ("II", True),
    ]
    assert lines["loan_id"].to_list() == ["RL-0001", "RL-0002", "RL-0003", "RL-0004"]


def test_rate_and_term_buckets(pooled, loan):
    loans = pooled(
        loan("A", 100_000.0, 6.0, 360),
        loan("B", 100_000.0, 6.125, 360),
        loan("C", 100_000.0, 6.25, 360),
        loan("D", 100_000.0, 6.375, 360),
    )
    lines = rep_lines(loans, ["rate"], rate_step=0.25, cut_off=CUT_OFF)
    assert lines["note_rate"].to_list() == pytest.approx([6.0625, 6.3125])
    assert lines["loan_count"].to_list() == [2, 2]
    terms = pooled(
        loan("A", 100_000.0, 6.5, 348),
        loan("B", 100_000.0, 6.5, 359),
        loan("C", 100_000.0, 6.5, 360),
    )
    lines = rep_lines(terms, ["remaining_term"], term_step=12, cut_off=CUT_OFF)
    assert lines.select("loan_count", "remaining_term").rows() == [(2, 354), (1, 360)]


def test_categorical_and_age_keys_split_groups(pooled, loan):
    loans = pooled(
        loan("A", 100_000.0, 6.5, 360, occupancy="investment"),
        loan("B", 100_000.0, 6.5, 359),
        loan("C", 100_000.0, 6.5, 359, occupancy="investment"),
    )
    assert rep_lines(loans, ["occupancy"], cut_off=CUT_OFF)["loan_count"].to_list() == [2, 1]
    assert rep_lines(loans, ["age"], cut_off=CUT_OFF)["loan_count"].to_list() == [1, 2]
    assert rep_lines(loans, ["occupancy", "age"], cut_off=CUT_OFF).height == 3


def test_plain_tape_groups_by_its_own_fee_and_infers_the_cut_off(tape, loan):
    loans = tape(
        loan("A", 100_000.0, 6.5, 350, pool="I"),
        loan("B", 100_000.0, 6.5, 350, pool="I", servicing_fee_rate=0.5),
    )
    lines = rep_lines(loans, ["pool"])
    assert lines["servicing_fee_rate"].to_list() == [None, 0.5]
    assert lines["maturity_date"].to_list() == [date(2032, 2, 1)] * 2  # December 2002 + 350
    assert "premium" not in lines.columns


def test_written_lines_read_back_valid_with_the_same_strips(pooled, loan, deal, tmp_path):
    loans = pooled(
        loan("A", 100_000.0, 5.5, 300, state="NY"),
        loan("B", 300_000.0, 5.75, 357),
        loan("C", 200_000.0, 6.5, 170, 180),
        loan("D", 250_000.0, 6.25, 176, 180),
    )
    lines = rep_lines(loans, ["pool"], cut_off=CUT_OFF)
    path = tmp_path / "lines.csv"
    write_tape(lines.drop("loan_count"), path)
    load = load_tape(path, cut_off=CUT_OFF)
    assert load.errors == () and load.rejected_count == 0
    again = form_pools(load.loans, deal).loans
    for column in ("pool", "premium", "original_term", "remaining_term", "loan_age"):
        assert again[column].to_list() == lines[column].to_list()
    po = again["current_balance"] * again["discount_fraction"]
    assert po.to_list() == pytest.approx(
        [100_000 * 0.5 / 5.75 + 300_000 * 0.25 / 5.75, 0.0], abs=0.005
    )


def test_bad_keys_and_steps_are_refused(pooled, loan, tape):
    loans = pooled(loan("A", 100_000.0, 6.5, 360))
    with pytest.raises(AssumptionError, match="'colour' not a grouping key; use pool, premium"):
        rep_lines(loans, ["pool", "colour"])
    with pytest.raises(AssumptionError, match="rate_step"):
        rep_lines(loans, ["rate"], rate_step=0.0)
    with pytest.raises(AssumptionError, match="term_step"):
        rep_lines(loans, ["remaining_term"], term_step=0)
    with pytest.raises(TapeError, match="premium needs loans pooled under a deal"):
        rep_lines(tape(loan("A", 100_000.0, 6.5, 360)), ["premium"])


def test_loans_that_cannot_be_weighted_are_refused(tape, loan):
    with pytest.raises(TapeError, match="no loans"):
        rep_lines(tape(), ["pool"])
    with pytest.raises(TapeError, match="no positive balance") as raised:
        rep_lines(tape(loan("A", 100_000.0, 6.5, 360), loan("B", 0.0, 6.5, 360)), ["pool"])
    assert [(i.row, i.column) for i in raised.value.issues] == [(2, "current_balance")]
    undated = tape(loan("A", 100_000.0, 6.5, 360)).with_columns(
        pl.lit(None, dtype=pl.Date).alias("maturity_date")
    )
    with pytest.raises(TapeError, match="no cut-off date"):
        rep_lines(undated, ["pool"])
