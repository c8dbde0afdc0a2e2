"""The synthetic sample tape: deterministic, canonical, and plausible 2002 prime jumbo."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest

from passthru.deal import load_deal
from passthru.pool import form_pools
from passthru.tape import load_tape, write_tape
from passthru.tape.schema import COLUMN_NAMES, SCHEMA, STATES
from passthru.tape.synthetic import ZIP_PREFIXES, scheduled_balance, synthetic_tape

DEALS = ("cmsi-2002-12", "cmsi-2003-2")


@pytest.fixture(scope="module", params=DEALS)
def deal(request):
    return load_deal(request.param)


@pytest.fixture(scope="module")
def tape(deal):
    """Enough loans for shares to settle: 20,000."""
    return synthetic_tape(20_000, deal=deal, seed=11)


def month_index(column: str) -> pl.Expr:
    return pl.col(column).dt.year() * 12 + pl.col(column).dt.month()


def share(tape: pl.DataFrame, condition: pl.Expr) -> float:
    return tape.select(condition.mean()).item()


# Determinism and shape


def test_same_seed_gives_the_same_tape():
    deal = load_deal("cmsi-2002-12")
    assert synthetic_tape(500, deal=deal, seed=7).equals(synthetic_tape(500, deal=deal, seed=7))


def test_different_seeds_give_different_tapes():
    deal = load_deal("cmsi-2002-12")
    first = synthetic_tape(500, deal=deal, seed=7)
    second = synthetic_tape(500, deal=deal, seed=8)
    assert not first.equals(second)
    assert first["current_balance"].sum() != second["current_balance"].sum()


def test_default_is_1300_loans_of_the_canonical_schema():
    tape = synthetic_tape(deal=load_deal("cmsi-2002-12"))
    assert tape.height == 1300
    assert tuple(tape.columns) == COLUMN_NAMES
    assert tape.schema == pl.Schema(SCHEMA)


def test_pool_and_servicing_fee_are_left_to_the_deal(tape):
    assert tape["pool"].null_count() == tape.height
    assert tape["servicing_fee_rate"].null_count() == tape.height


def test_loan_ids_are_unique_and_required_columns_filled(tape):
    assert tape["loan_id"].n_unique() == tape.height
    required = [c for c in COLUMN_NAMES if c not in ("pool", "servicing_fee_rate")]
    required.remove("ltv_without_pledge")
    assert tape.select(pl.col(required).null_count()).sum_horizontal().item() == 0


def test_no_loans_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        synthetic_tape(0, deal=load_deal("cmsi-2002-12"))


# Dates and terms


def test_first_payment_is_the_first_of_the_month_after_origination(tape, deal):
    assert (tape["first_payment_date"].dt.day() == 1).all()
    gap = tape.select(month_index("first_payment_date") - month_index("origination_date"))
    assert (gap.to_series() == 1).all()
    assert (tape["origination_date"] <= deal.cut_off_date).all()


def test_maturity_is_first_payment_plus_term_less_one_month(tape):
    months = tape.select(month_index("maturity_date") - month_index("first_payment_date"))
    assert (months.to_series() == tape["original_term"] - 1).all()
    assert (tape["maturity_date"].dt.day() == 1).all()


def test_remaining_term_counts_the_months_from_cut_off_to_maturity(tape, deal):
    cut_off = deal.cut_off_date.year * 12 + deal.cut_off_date.month
    months = tape.select(month_index("maturity_date") - cut_off).to_series()
    assert (months == tape["remaining_term"]).all()


def test_ages_run_from_0_to_24_months_and_most_are_new(tape):
    age = tape["original_term"] - tape["remaining_term"]
    assert age.min() == 0
    assert age.max() == 24
    assert share(tape, (pl.col("original_term") - pl.col("remaining_term")) <= 3) > 0.8


def test_2002_12_ages_fit_the_filing_window():
    # 8-K: none originated before September 1, 2000 or after December 1, 2002;
    # no maturity later than December 1, 2032.
    tape = synthetic_tape(20_000, deal=load_deal("cmsi-2002-12"), seed=3)
    assert tape["origination_date"].min() >= date(2000, 9, 1)
    assert tape["origination_date"].max() <= date(2002, 12, 1)
    assert tape["maturity_date"].max() == date(2032, 12, 1)


# Balances


def test_scheduled_balance_by_hand():
    # $100,000 at 6% for 360 months: payment 100,000 x 0.005 / (1 - 1.005^-360)
    # = 599.55; the first payment's principal is 599.55 - 500.00 = 99.55.
    balance = scheduled_balance(
        np.array([100_000.0, 100_000.0]),
        np.array([6.0, 6.0]),
        np.array([360, 360]),
        np.array([0, 1]),
    )
    assert balance.tolist() == [100_000.00, 99_900.45]


def test_current_balance_is_the_level_payment_balance_after_payments_made(tape):
    # Amortise month by month, independently of the closed form.
    sample = tape.sample(200, seed=1)
    for row in sample.iter_rows(named=True):
        rate = row["note_rate"] / 1200
        payment = row["original_balance"] * rate / (1 - (1 + rate) ** -row["original_term"])
        balance = row["original_balance"]
        for _ in range(row["original_term"] - row["remaining_term"]):
            balance -= payment - balance * rate
        assert row["current_balance"] == pytest.approx(balance, abs=0.006)


def test_current_never_exceeds_original_and_is_in_cents(tape):
    assert (tape["current_balance"] <= tape["original_balance"]).all()
    cents = (tape["current_balance"] * 100).round(6)
    assert (cents == cents.round(0)).all()


def test_original_balances_are_jumbo_with_a_small_tail(tape):
    original = tape["original_balance"]
    assert original.max() <= 1_000_000
    assert original.min() >= 16_000
    assert 0.90 < share(tape, pl.col("original_balance").is_between(300_000, 1_000_000)) < 0.99


# Rates and pools


def test_note_rates_are_in_eighths(tape):
    assert ((tape["note_rate"] * 8) == (tape["note_rate"] * 8).round(0)).all()


def test_note_rates_centre_on_the_filing_ranges(tape, deal):
    long_term = pl.col("original_term") > 180
    long_core = tape.filter(long_term).select(pl.col("note_rate").is_between(6.0, 6.75).mean())
    short_core = tape.filter(~long_term).select(pl.col("note_rate").is_between(5.625, 6.5).mean())
    assert long_core.item() > 0.8
    assert short_core.item() > 0.8


def test_pools_form_without_rejects_and_with_plausible_shares(tape, deal):
    formed = form_pools(tape, deal)
    assert formed.rejected.height == 0
    assert formed.issues == ()
    balance = formed.loans.group_by("pool").agg(pl.col("current_balance").sum())
    by_pool = dict(balance.iter_rows())
    assert 0.72 < by_pool["I"] / sum(by_pool.values()) < 0.82
    terms = formed.loans.group_by("pool").agg(pl.col("original_term").unique().sort())
    assert dict(terms.iter_rows())["II"] == [120, 180]


def test_some_loans_are_discount_loans_at_the_target_rates(tape, deal):
    pooled = form_pools(tape, deal).loans
    discount = pooled.group_by("pool").agg((~pl.col("premium")).mean())
    for pool, fraction in discount.iter_rows():
        assert 0.0 < fraction < 0.05, pool


# LTV, collateral and mortgage insurance


def test_ltvs_are_in_thousandths_and_mostly_40_to_80(tape):
    assert ((tape["ltv"] * 1000).round(6) == (tape["ltv"] * 1000).round(0)).all()
    assert tape["ltv"].max() <= 95
    assert share(tape, pl.col("ltv").is_between(40, 80)) > 0.85


def test_every_loan_over_80_ltv_has_mortgage_insurance(tape):
    over_80 = tape.filter(pl.col("ltv") > 80)
    assert over_80.height > 0
    assert over_80["mortgage_insurance"].all()


def test_additional_collateral_loans_are_80_ltv_with_the_pledge(tape):
    pledged = tape.filter(pl.col("additional_collateral"))
    assert 0.002 < pledged.height / tape.height < 0.01
    assert (pledged["ltv"] == 80).all()
    assert pledged["ltv_without_pledge"].is_between(90, 100).all()
    others = tape.filter(~pl.col("additional_collateral"))
    assert others["ltv_without_pledge"].null_count() == others.height


# Places, dwellings and borrowers


def test_states_are_weighted_like_the_filing(tape):
    assert set(tape["state"].unique()) <= set(STATES)
    assert 0.29 < share(tape, pl.col("state") == "CA") < 0.38
    assert 0.13 < share(tape, pl.col("state") == "NY") < 0.20


def test_zips_are_five_digits_from_the_state_prefixes_and_some_are_shared(tape):
    assert tape["zip"].str.contains(r"^\d{5}$").all()
    prefixes = tape.select("state", pl.col("zip").str.slice(0, 3).alias("prefix")).unique()
    for state, prefix in prefixes.iter_rows():
        assert prefix in ZIP_PREFIXES[state], (state, prefix)
    assert tape.group_by("zip").len()["len"].max() > 1


def test_units_exceed_one_only_for_multi_family(tape):
    multi = pl.col("property_type") == "multi_family"
    assert tape.filter(multi)["units"].is_between(2, 4).all()
    assert (tape.filter(~multi)["units"] == 1).all()
    assert 0.005 < share(tape, multi) < 0.02


def test_dwellings_are_mostly_detached_and_cooperatives_mostly_in_new_york(tape):
    assert 0.85 < share(tape, pl.col("property_type") == "detached") < 0.92
    coops = tape.filter(pl.col("property_type") == "cooperative")
    assert 0.02 < coops.height / tape.height < 0.06
    assert share(coops, pl.col("state") == "NY") > 0.5


def test_occupancy_is_primary_or_second_home(tape):
    assert set(tape["occupancy"].unique()) == {"primary", "second_home"}
    assert 0.96 < share(tape, pl.col("occupancy") == "primary") < 0.99


def test_documentation_mix_and_streamlined_loans_are_refinances(tape):
    assert 0.66 < share(tape, pl.col("documentation") == "streamlined") < 0.74
    assert 0.21 < share(tape, pl.col("documentation") == "full") < 0.29
    assert 0.03 < share(tape, pl.col("documentation") == "stated_income") < 0.06
    streamlined = tape.filter(pl.col("documentation") == "streamlined")
    assert not (streamlined["loan_purpose"] == "purchase").any()


# Through the reader and validator


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_tape_passes_validation_without_findings_and_round_trips(tmp_path, deal, suffix):
    tape = synthetic_tape(2_000, deal=deal, seed=5)
    path = tmp_path / f"sample{suffix}"
    write_tape(tape, path)
    load = load_tape(path, cut_off=deal.cut_off_date)
    assert load.issues == ()
    assert load.read_count == load.accepted_count == 2_000
    assert load.loans.drop("source_row").equals(tape)
