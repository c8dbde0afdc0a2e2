"""Class cash flows from waterfall runs, per 100 of initial face (spec §1.5-1.6, §2.2).

Hand checks: on a one-pool deal whose loans all net exactly the target rate, at 0% PSA
with no defaults the senior class keeps its share of the pool, so its balance follows
the pool's level-payment amortisation (SF-4) computed here loan by loan; the IO notional
is the pool's premium-loan balance and its first coupon the balance-weighted strip.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest

from passthru.analytics import (
    INITIAL_ROW,
    certificate_flows,
    class_decrements,
    deal_calendar,
    deal_for_tape,
    measures,
    pass_through_flows,
    price_class,
    psa_labels,
    psa_scenarios,
)
from passthru.collateral import Assumptions, project
from passthru.deal import Deal, load_deal
from passthru.errors import DealError
from passthru.pool import form_pools
from passthru.tape.synthetic import synthetic_tape

CMSI = load_deal("cmsi-2003-2")
SUBORDINATES = ("B-1", "B-2", "B-3", "B-4", "B-5", "B-6")


def one_pool_deal() -> Deal:
    """Pool I at a 6% target, a 0.25% fee; senior IA-1 94%, B-1..B-6 1% each."""
    classes = [
        {"name": "IA-1", "kind": "senior", "pool": "I", "balance": "940000"},
        {"name": "I-IO", "kind": "io", "pool": "I", "rate": "strip"},
    ] + [{"name": n, "kind": "subordinate", "balance": "10000"} for n in SUBORDINATES]
    return Deal.model_validate(
        {
            "name": "one-pool",
            "cut_off_date": date(2003, 2, 1),
            "closing_date": date(2003, 2, 27),
            "servicing_fee_rate": 0.25,
            "cut_off_balance": "1000000",
            "pools": [
                {
                    "name": "I",
                    "original_term": [181, 360],
                    "target_rate": 6.0,
                    "cut_off_balance": "1000000",
                }
            ],
            "classes": classes,
        }
    )


@pytest.fixture(scope="module")
def par_pool():
    """Six loans netting exactly 6% (notes 6.25%), sized deal, and the pooled loans."""
    deal = one_pool_deal()
    tape = synthetic_tape(6, deal=deal, seed=3).with_columns(pl.lit(6.25).alias("note_rate"))
    loans = form_pools(tape, deal).loans
    sized, _ = deal_for_tape(deal, loans)
    return sized, loans


def level_payment_balance(balance: float, rate: float, term: int, months: int) -> np.ndarray:
    """SF-4: ``B_t = B0 [(1+r)^n - (1+r)^t] / [(1+r)^n - 1]``, zero after the last payment."""
    r = rate / 1200.0
    t = np.minimum(np.arange(1, months + 1), term)
    return balance * ((1 + r) ** term - (1 + r) ** t) / ((1 + r) ** term - 1)


def test_senior_at_zero_psa_follows_its_pools_amortisation(par_pool):
    deal, loans = par_pool
    flows = certificate_flows(deal, loans, psa_scenarios([0]))
    months = flows.periods
    pool = sum(
        level_payment_balance(b, 6.25, n, months)
        for b, n in loans.select("current_balance", "remaining_term").iter_rows()
    )
    expected = pool / float(loans["current_balance"].sum())
    senior = flows.balances("IA-1")[0] / flows.initial["IA-1"]
    np.testing.assert_allclose(senior, expected, rtol=0, atol=1e-9)

    closing, first = deal_calendar(deal)
    table = class_decrements(flows, [0], closing=closing, first_distribution=first)["IA-1"]
    assert table["Distribution Date"][0] == INITIAL_ROW
    assert table["Distribution Date"][1] == "February 25, 2004"
    assert table["0%"][1] == pytest.approx(100 * expected[11], abs=1e-7)  # 12th distribution


def test_io_notional_is_the_premium_balance_and_its_coupon_the_weighted_strip():
    loans = form_pools(synthetic_tape(40, deal=CMSI, seed=5), CMSI).loans
    deal, _ = deal_for_tape(CMSI, loans)
    flows = certificate_flows(deal, loans, psa_scenarios([100]))
    premium = loans.filter(pl.col("premium") & (pl.col("pool") == "I"))
    notional = float(premium["current_balance"].sum())
    strip = (premium["net_rate"] - premium["target_rate"]) * premium["current_balance"]
    assert flows.initial["I-IO"] == pytest.approx(notional, abs=1e-6)
    assert flows.array("I-IO", "coupon")[0, 0] == pytest.approx(float(strip.sum()) / notional)
    assert flows.array("I-IO", "principal").sum() == 0


def test_every_class_returns_its_initial_balance_without_defaults(par_pool):
    deal, loans = par_pool
    flows = certificate_flows(deal, loans, psa_scenarios([0, 300]), labels=psa_labels([0, 300]))
    for name in flows.names:
        if flows.kind(name) != "io":
            assert flows.array(name, "principal").sum(axis=1) == pytest.approx([100, 100]), name
    assert flows.labels == ("0%", "300%")


def test_the_pass_through_class_without_a_deal_prices_like_the_collateral_itself():
    tape = synthetic_tape(8, deal=CMSI, seed=11).with_columns(
        pl.lit(0.25).alias("servicing_fee_rate")
    )
    flows = pass_through_flows(tape, psa_scenarios([150]))
    got = price_class(flows, "pass-through", price="99-16", delay=24)

    frame = project(tape, Assumptions.from_options(psa=150)).frame
    per_100 = 100.0 / float(tape["current_balance"].sum())
    cash = (frame["principal_paid"] + frame["interest_paid"]).to_numpy() * per_100
    net = (tape["note_rate"] - 0.25) * tape["current_balance"] / tape["current_balance"].sum()
    direct = measures(
        cash,
        frame["principal_paid"].to_numpy() * per_100,
        price=99 + 16 / 32,
        settle=date(2003, 2, 1),
        delay=24,
        coupon=float(net.sum()),
    )
    assert got.yield_ == pytest.approx(direct.yield_, abs=1e-10)
    assert got.wal == pytest.approx(direct.wal, abs=1e-10)
    assert got.accrued_interest == 0.0


def test_a_tape_that_is_the_deals_own_keeps_the_deal(par_pool):
    deal, loans = par_pool
    same, note = deal_for_tape(deal, loans)
    assert same is deal and note is None
    resized, note = deal_for_tape(CMSI, form_pools(synthetic_tape(5, deal=CMSI), CMSI).loans)
    assert "resized" in note
    assert "not the deal's cut-off balance $757,241,656.27" in note  # 2003-2's 8-K figure
    assert resized.cut_off_balance != CMSI.cut_off_balance


def test_unknown_and_io_classes_are_refused_in_decrement_tables(par_pool):
    deal, loans = par_pool
    flows = certificate_flows(deal, loans, psa_scenarios([0]))
    closing, first = deal_calendar(deal)
    with pytest.raises(DealError, match="no class 'A-9'"):
        class_decrements(flows, [0], closing=closing, first_distribution=first, names=["A-9"])
    with pytest.raises(DealError, match="interest only"):
        class_decrements(flows, [0], closing=closing, first_distribution=first, names=["I-IO"])
