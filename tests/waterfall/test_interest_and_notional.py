"""Unpaid interest carried forward, and the IO class's notional (hand-computed, tiny deal).

Tiny deal (conftest.py): IA-1 900,000 at 6% accrues 4,500 a month; IIA-1 450,000 at
5% accrues 1,875; B-1..B-6 (150,000) at (100,000 x 6% + 50,000 x 5%) / 150,000 =
5.6667% accrue 708.33, of which pool I claims 6,000/8,500 (500) and pool II
2,500/8,500 (208.33). Pool I's claims: 4,500 + 500 = 5,000; pool II's: 2,083.33.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import polars as pl
import pytest

from passthru.collateral import Assumptions
from passthru.deal import load_deal
from passthru.pool import form_pools
from passthru.tape.synthetic import synthetic_tape
from passthru.waterfall import RunOptions, run
from passthru.waterfall.conservation import class_break
from passthru.waterfall.results import class_frame
from passthru.waterfall.sizing import deal_sized_to_tape

POOL_II_INTEREST = 500_000 * 0.05 / 12
SUB_SHARES = {"B-1": 0.4, "B-2": 0.2, "B-3": 2 / 15, "B-4": 0.1, "B-5": 0.1, "B-6": 1 / 15}


def short_then_catch_up(tiny, pool_one_interest: list[float]):
    """Pool I collects ``pool_one_interest`` on days 1 and 2; pool II its full interest."""
    return (
        tiny.pool_flows("I", 6.0, 1_000_000, 20_000, 2, interest=pool_one_interest),
        tiny.pool_flows("II", 5.0, 500_000, 0.0, 2, interest=[POOL_II_INTEREST] * 2),
    )


def test_unpaid_senior_interest_is_carried_and_repaid_next_day(tiny, deal):
    # day 1: pool I collects 1,000 of its 5,000 claims: a 4,000 shortfall by accrued interest,
    # IA-1 4,000 x 4,500 / 5,000 = 3,600 (paid 900), the B classes 400 (B-1 0.4 x 400 = 160)
    terms, record = tiny.run_days(deal, short_then_catch_up(tiny, [1_000, 9_000]))
    d1, d2 = tiny.day(record, terms, 1), tiny.day(record, terms, 2)
    assert d1["IA-1"]["interest_paid"] == pytest.approx(900)
    assert d1["IA-1"]["interest_shortfall"] == pytest.approx(3_600)
    assert d1["IA-1"]["unpaid_interest"] == pytest.approx(3_600)
    assert d1["B-1"]["unpaid_interest"] == pytest.approx(160)
    assert d1["IIA-1"]["unpaid_interest"] == pytest.approx(0, abs=1e-9)
    # day 2: pool I collects 9,000 against 5,000 + 3,600 + its part of the B classes' 400
    # (282.35); pool II's part (117.65) is covered by pool I's 117.65 to spare: all paid
    assert d2["IA-1"]["interest_paid"] == pytest.approx(3_600 + 4_500)
    assert d2["IA-1"]["interest_shortfall"] == pytest.approx(0, abs=1e-9)
    assert d2["IA-1"]["unpaid_interest"] == pytest.approx(0, abs=1e-9)
    for name, share in SUB_SHARES.items():
        assert d2[name]["interest_paid"] == pytest.approx((400 + 8_500 / 12) * share)
        assert d2[name]["unpaid_interest"] == pytest.approx(0, abs=1e-9)
    assert d2["IIA-1"]["interest_paid"] == pytest.approx(1_875)
    assert record.deal["residual"][0, 1] == pytest.approx(0, abs=1e-6)


def test_a_partial_catch_up_pays_carried_interest_before_the_days_interest(tiny, deal):
    # day 2: pool I collects 7,000 of claims 8,882.35: the 1,882.35 short falls on the day's
    # interest (IA-1 1,882.35 x 0.9 = 1,694.12), so IA-1 gets 3,600 + 4,500 - 1,694.12
    terms, record = tiny.run_days(deal, short_then_catch_up(tiny, [1_000, 7_000]))
    d2 = tiny.day(record, terms, 2)
    claims = 5_000 + 3_600 + 400 * 6 / 8.5
    on_current = (claims - 7_000) * 4_500 / 5_000
    assert d2["IA-1"]["interest_paid"] == pytest.approx(3_600 + 4_500 - on_current)
    assert d2["IA-1"]["interest_shortfall"] == pytest.approx(on_current)
    assert d2["IA-1"]["unpaid_interest"] == pytest.approx(on_current)


def test_without_carry_forward_unpaid_interest_is_lost(tiny):
    deal = tiny.tiny_deal(waterfall={"interest_carry_forward": False})
    terms, record = tiny.run_days(deal, short_then_catch_up(tiny, [1_000, 9_000]))
    d2 = tiny.day(record, terms, 2)
    assert tiny.day(record, terms, 1)["IA-1"]["unpaid_interest"] == 0
    assert d2["IA-1"]["interest_paid"] == pytest.approx(4_500)
    assert record.deal["residual"][0, 1] == pytest.approx(4_000)  # the catch-up, unclaimed


def test_io_notional_is_the_premium_loans_balance_on_the_prior_day(tiny, deal):
    # pool I's premium loans: 800,000 at the cut-off, 790,000 after day 1, 785,000 after day 2
    one, two = short_then_catch_up(tiny, [5_000, 5_000])
    one = replace(
        one,
        premium_balance=np.array([[790_000.0, 785_000.0]]),
        opening_premium_balance=np.array([800_000.0]),
    )
    terms, record = tiny.run_days(deal, (one, two))
    d1, d2 = tiny.day(record, terms, 1), tiny.day(record, terms, 2)
    assert (d1["I-IO"]["beginning_notional"], d1["I-IO"]["ending_notional"]) == (800_000, 790_000)
    assert (d2["I-IO"]["beginning_notional"], d2["I-IO"]["ending_notional"]) == (790_000, 785_000)
    assert d2["I-IO"]["ending_balance"] == 0
    frame = class_frame(record, terms, [date(2003, 3, 25), date(2003, 4, 25)])
    io = frame.filter(pl.col("class") == "I-IO").get_column("factor").to_list()
    assert io == pytest.approx([790_000 / 800_000, 785_000 / 800_000])
    senior = frame.filter(pl.col("class") == "IA-1")
    assert senior.get_column("ending_notional").null_count() == 2


def test_io_notional_without_premium_balances_is_null(tiny, deal):
    terms, record = tiny.run_days(deal, short_then_catch_up(tiny, [5_000, 5_000]))
    frame = class_frame(record, terms, [date(2003, 3, 25), date(2003, 4, 25)])
    io = frame.filter(pl.col("class") == "I-IO")
    assert io.get_column("beginning_notional").null_count() == 2
    assert io.get_column("factor").null_count() == 2


def test_run_starts_each_io_notional_at_its_pools_premium_loans():
    cmsi = load_deal("cmsi-2003-2")
    pooled = form_pools(synthetic_tape(60, deal=cmsi, seed=5), cmsi).loans
    deal = deal_sized_to_tape(cmsi, pooled)
    results = run(deal, pooled, Assumptions.from_options(psa=150), RunOptions(call=True))
    first = results.classes.filter((pl.col("period") == 1) & (pl.col("kind") == "io"))
    premium = pooled.filter(pl.col("discount_fraction").fill_null(0.0) == 0.0)
    expected = dict(premium.group_by("pool").agg(pl.col("current_balance").sum()).iter_rows())
    for pool, notional in first.select("pool", "beginning_notional").iter_rows():
        assert notional == pytest.approx(expected[pool])
    io = results.classes.filter(pl.col("kind") == "io").sort("class", "period")
    # each day's beginning notional is the day before's ending notional; after the call, 0
    for _, rows in io.group_by("class"):
        ending = rows.get_column("ending_notional").to_numpy()
        beginning = rows.get_column("beginning_notional").to_numpy()
        assert beginning[1:] == pytest.approx(ending[:-1])
        assert ending[-1] == 0
        assert np.all(np.diff(ending) <= 1e-6)


def test_conservation_names_the_first_day_that_breaks_in_any_scenario():
    # scenario 0 breaks on day 3 (A ends 1 short of 10 - 0 - 0), scenario 1 on day 2 (B)
    shape = (2, 3, 2)
    classes = {k: np.zeros(shape) for k in ("beginning_balance", "principal_paid", "loss")}
    classes["beginning_balance"][:] = 10.0
    classes["ending_balance"] = np.full(shape, 10.0)
    classes["ending_balance"][0, 2, 0] = 9.0
    classes["ending_balance"][1, 1, 1] = 9.0
    day, message = class_break(1, ("A", "B"), classes)
    assert day == 2
    assert message.startswith("distribution day 2, scenario 1: class B ends at 9.00")
