"""Yield tables of certificate classes over full waterfall runs (SF-45 to SF-49, §1.5-1.6).

The published yield example (SF-50 to SF-52, tests/data/sf/yield_example.json) is run
through ``passthru yield`` as a new user would: a one-loan tape at 9.5% gross and 9.0%
net, 360 months, 150% PSA, settled on the issue date at 100, 14-day delay.
"""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from typer.testing import CliRunner

from passthru.analytics import (
    WAL_ROW,
    PriceQuoteError,
    certificate_flows,
    deal_for_tape,
    parse_prices,
    price_class,
    price_table,
    psa_labels,
    psa_scenarios,
    yield_measures,
    yield_table,
)
from passthru.cli import app
from passthru.deal import load_deal
from passthru.errors import AssumptionError
from passthru.pool import form_pools
from passthru.tape import write_tape
from passthru.tape.synthetic import synthetic_tape

CMSI = load_deal("cmsi-2003-2")
SPEEDS = [0, 100, 300, 600]
SETTLE = date(2003, 2, 24)  # the 2003-2 closing date: N = 23 days into February
PUBLISHED = json.loads(
    (Path(__file__).parents[1] / "data" / "sf" / "yield_example.json").read_text()
)
EIGHT_KEYS = {
    "yield",
    "mortgage_yield",
    "wal",
    "macaulay_duration",
    "modified_duration",
    "convexity",
    "price",
    "accrued_interest",
}
runner = CliRunner()


@pytest.fixture(scope="module")
def flows():
    loans = form_pools(synthetic_tape(30, deal=CMSI, seed=21), CMSI).loans
    deal, _ = deal_for_tape(CMSI, loans)
    return certificate_flows(deal, loans, psa_scenarios(SPEEDS), labels=psa_labels(SPEEDS))


def test_price_to_yield_and_back_through_the_full_run(flows):
    for name in ("IA-1", "B-2", "I-PO", "I-IO"):
        there = price_class(flows, name, scenario=2, price="99-16+", settle=SETTLE)
        back = price_class(flows, name, scenario=2, yield_=there.yield_, settle=SETTLE)
        assert back.price == pytest.approx(99 + 16.5 / 32, abs=1e-9), name


def test_accrued_interest_runs_at_the_class_coupon_from_the_first(flows):
    senior = price_class(flows, "IA-1", price=100, settle=SETTLE)
    assert senior.accrued_interest == pytest.approx(5.75 * 23 / 360)  # pool I target 5.750%
    assert price_class(flows, "I-PO", price=70, settle=SETTLE).accrued_interest == 0.0


def test_an_io_yield_falls_as_prepayments_speed_up(flows):
    table = yield_table(flows, "I-IO", ["2-00", "3-00"], settle=SETTLE)
    yields = table.filter(pl.col("Price") == "2-00").select(psa_labels(SPEEDS)).row(0)
    assert all(a > b for a, b in itertools.pairwise(yields))
    assert table.filter(pl.col("Price") == WAL_ROW).null_count().sum_horizontal()[0] == len(SPEEDS)


def test_a_po_bought_at_a_discount_yields_more_the_faster_it_pays(flows):
    table = yield_table(flows, "I-PO", ["70"], settle=SETTLE)
    yields = table.row(0)[1:]
    assert all(a < b for a, b in itertools.pairwise(yields))
    lives = table.filter(pl.col("Price") == WAL_ROW).row(0)[1:]
    assert all(a > b for a, b in itertools.pairwise(lives))


def test_modified_duration_matches_the_price_slope(flows):
    got = price_class(flows, "IA-1", scenario=1, price=100, settle=SETTLE)
    bump = 1e-4  # percentage points of yield

    def full(y):
        m = price_class(flows, "IA-1", scenario=1, yield_=y, settle=SETTLE)
        return m.price + m.accrued_interest

    p0, up, down = full(got.yield_), full(got.yield_ + bump), full(got.yield_ - bump)
    slope = (down - up) / (2 * bump / 100) / p0
    curvature = (up + down - 2 * p0) / (bump / 100) ** 2 / p0
    assert got.modified_duration == pytest.approx(slope, rel=1e-6)
    assert got.convexity == pytest.approx(curvature, rel=1e-3)


def test_the_price_table_inverts_the_yield_table(flows):
    prices = price_table(flows, "B-1", [5.0, 6.0], settle=SETTLE)
    for row in prices.iter_rows(named=True):
        for s, label in enumerate(flows.labels):
            m = price_class(flows, "B-1", scenario=s, price=row[label], settle=SETTLE)
            assert m.yield_ == pytest.approx(row["Yield (%)"], abs=1e-8)


def test_measures_come_per_price_and_speed(flows):
    long = yield_measures(flows, "IA-1", ["99", "101"], settle=SETTLE)
    assert long.height == 2 * len(SPEEDS)
    assert set(long.columns) >= EIGHT_KEYS


def test_prices_in_32nds_and_bad_quotes():
    assert parse_prices("99-16, 99-16+,100") == ["99-16", "99-16+", "100"]
    with pytest.raises(PriceQuoteError, match="99-32"):
        parse_prices("99-32")
    with pytest.raises(AssumptionError):
        parse_prices(" , ")


def test_settlement_before_the_first_accrual_month_is_refused(flows):
    with pytest.raises(AssumptionError, match="before the first accrual month"):
        price_class(flows, "IA-1", price=100, settle=date(2003, 1, 15))


def test_a_later_settlement_buys_the_remaining_flows_at_the_factor(flows):
    later = price_class(flows, "IA-1", scenario=1, price=100, settle=date(2003, 5, 10))
    factor = flows.array("IA-1", "ending_balance")[1, 2] / 100  # after 3 distributions
    cash = flows.array("IA-1", "cash_flow")[1, 3:]
    t = (30 * np.arange(1, cash.size + 1) + 24 - 9) / 360
    full = (100 + later.accrued_interest) * factor
    assert np.sum(cash * (1 + later.yield_ / 200) ** (-2 * t)) == pytest.approx(full, rel=1e-12)


def _sf_tape(path: Path) -> Path:
    """The SF example as a one-loan tape: 9.5% note, 0.5% servicing, new 360-month loan."""
    inputs = PUBLISHED["inputs"]
    loan = synthetic_tape(1, deal=CMSI, seed=1).with_columns(
        pl.lit(100_000.0).alias("original_balance"),
        pl.lit(100_000.0).alias("current_balance"),
        pl.lit(inputs["gross_coupon"]).alias("note_rate"),
        pl.lit(inputs["gross_coupon"] - inputs["net_coupon"]).alias("servicing_fee_rate"),
        pl.lit(inputs["term_months"]).alias("original_term"),
        pl.lit(inputs["term_months"]).alias("remaining_term"),
    )
    write_tape(loan, path)
    return path


def test_passthru_yield_reproduces_the_published_example(tmp_path):
    tape = _sf_tape(tmp_path / "sf.csv")
    done = runner.invoke(
        app,
        ["yield", "--tape", str(tape), "--class", "pass-through", "--price", "100",
         "--psa", "150", "--delay", "14", "--format", "json"],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    got = json.loads(done.output)
    assert set(got) == EIGHT_KEYS
    expected = PUBLISHED["settled_on_issue_date"]
    assert got["yield"] == pytest.approx(expected["yield_pct"], abs=5e-6)
    assert got["mortgage_yield"] == pytest.approx(expected["mortgage_yield_pct"], abs=5e-6)
    assert got["wal"] == pytest.approx(expected["average_life_years"], abs=5e-6)
    assert got["macaulay_duration"] == pytest.approx(expected["duration_years"], abs=5e-6)
    assert got["modified_duration"] == pytest.approx(expected["modified_duration_years"], abs=5e-6)
    assert got["convexity"] == pytest.approx(expected["cash_flow_convexity_years2"], abs=5e-5)
    assert got["price"] == 100.0 and got["accrued_interest"] == 0.0


def test_passthru_yield_of_a_certificate_class(tmp_path):
    tape = tmp_path / "tape.csv"
    write_tape(synthetic_tape(20, deal=CMSI, seed=4), tape)
    base = ["yield", "cmsi-2003-2", "--tape", str(tape), "--class", "IA-1"]
    one = runner.invoke(app, [*base, "--price", "99-16", "--psa", "275", "--format", "json"])
    assert one.exit_code == 0, one.output
    assert set(json.loads(one.stdout)) == EIGHT_KEYS
    many = runner.invoke(app, [*base, "--price", "99,101", "--psa", "0,275", "--format", "json"])
    rows = json.loads(many.stdout)
    assert [(r["quote"], r["psa"]) for r in rows] == [
        ("99", 0),
        ("99", 275),
        ("101", 0),
        ("101", 275),
    ]
    text = runner.invoke(app, [*base, "--price", "99-16+", "--psa", "100,300"])
    assert text.exit_code == 0, text.output
    assert "Class IA-1" in text.output and "99-16+" in text.output and "300% PSA" in text.output
    bad = runner.invoke(app, [*base, "--price", "99-40"])
    assert bad.exit_code == 1 and "99-40" in bad.output
