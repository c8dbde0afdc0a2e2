"""Bond-equivalent yield and price (SF-48), mortgage yield (V21), settlement (V24)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from passthru.analytics import (
    YieldError,
    accrued_interest,
    bey_from_mortgage_yield,
    bond_equivalent_yield,
    cash_flow_times,
    full_price,
    mortgage_yield,
    price_from_yield,
    principal_amount,
    settlement_cost,
)


def level_annuity_price(payment: float, n: int, bey: float) -> float:
    """Closed form: n monthly payments at T_k = k/12, each month discounted by
    v = (1 + Y/200)^(-1/6)."""
    v = (1 + bey / 200) ** (-1 / 6)
    return payment * v * (1 - v**n) / (1 - v)


def test_flat_cash_flow_priced_at_its_own_yield_returns_its_price():
    t = cash_flow_times(120, 0)
    cf = np.full(120, 1.25)
    price = level_annuity_price(1.25, 120, 7.5)
    assert price_from_yield(cf, 7.5, t) == pytest.approx(price, rel=1e-13)
    assert bond_equivalent_yield(cf, price, t) == pytest.approx(7.5, abs=1e-9)


def test_zero_coupon_like_flow():
    """One payment of 100 in 5 years at 67.5564169...: Y = 200[(100/P)^(1/10) - 1] = 8%."""
    t = np.array([1.0, 3.0, 5.0])
    cf = np.array([0.0, 0.0, 100.0])
    price = 100 / 1.04**10
    assert bond_equivalent_yield(cf, price, t) == pytest.approx(8.0, abs=1e-9)
    assert price_from_yield(cf, 8.0, t) == pytest.approx(price, rel=1e-14)


def test_io_like_flow_with_a_negative_yield_and_a_po_flow():
    t = cash_flow_times(60, 24)
    interest = 0.5 * 0.97 ** np.arange(60)  # no principal
    assert bond_equivalent_yield(interest, interest.sum(), t) == pytest.approx(0.0, abs=1e-9)
    negative = bond_equivalent_yield(interest, interest.sum() * 1.1, t)
    assert negative < 0
    assert price_from_yield(interest, negative, t) == pytest.approx(interest.sum() * 1.1)
    principal = np.zeros(60)
    principal[-1] = 100.0  # a PO paying in one lump: T = (1800 + 24)/360
    po_yield = bond_equivalent_yield(principal, 60.0, t)
    assert po_yield == pytest.approx(200 * ((100 / 60) ** (360 / (2 * 1824)) - 1), abs=1e-9)


def test_vectorised_over_scenarios_matches_one_at_a_time():
    t = cash_flow_times(24, 14)
    cf = np.stack([np.full(24, 5.0), np.linspace(8, 1, 24), np.r_[np.zeros(23), 120.0]])
    prices = np.array([100.0, 95.0, 80.0])
    together = bond_equivalent_yield(cf, prices, t)
    assert together.shape == (3,)
    for row, price, y in zip(cf, prices, together, strict=True):
        assert bond_equivalent_yield(row, price, t) == pytest.approx(y, abs=1e-10)
    assert price_from_yield(cf, together, t) == pytest.approx(prices, rel=1e-12)


def test_one_price_for_many_scenarios_broadcasts():
    t = cash_flow_times(12, 24)
    cf = np.stack([np.full(12, 9.0), np.full(12, 10.0)])
    yields = bond_equivalent_yield(cf, 100.0, t)
    assert yields[0] < yields[1]


def test_no_yield_raises_or_gives_nan():
    t = cash_flow_times(12, 14)
    cf = np.stack([np.full(12, 9.0), np.full(12, 9.0), np.zeros(12)])
    prices = np.array([100.0, -1.0, 100.0])
    with pytest.raises(YieldError) as caught:
        bond_equivalent_yield(cf, prices, t)
    assert caught.value.scenarios == (1, 2)
    loose = bond_equivalent_yield(cf, prices, t, strict=False)
    assert not math.isnan(loose[0])
    assert np.isnan(loose[1:]).all()
    with pytest.raises(YieldError, match="positive"):
        bond_equivalent_yield(cf[0], 0.0, t)
    with pytest.raises(YieldError, match="no cash flows"):
        bond_equivalent_yield(cf[2], 10.0, t)


@settings(max_examples=200, deadline=None)
@given(
    cf=arrays(np.float64, st.integers(1, 72), elements=st.floats(0.0, 50.0)),
    bey=st.floats(-60.0, 150.0),
    delay=st.integers(0, 44),
)
def test_yield_price_round_trip(cf, bey, delay):
    cf[-1] += 1.0  # at least one cash flow
    t = cash_flow_times(len(cf), delay)
    price = price_from_yield(cf, bey, t)
    assert bond_equivalent_yield(cf, price, t) == pytest.approx(bey, abs=1e-8)


@settings(max_examples=200, deadline=None)
@given(
    cf=arrays(np.float64, st.integers(1, 72), elements=st.floats(0.0, 50.0)),
    share=st.floats(0.5, 3.0),
)
def test_price_yield_round_trip(cf, share):
    cf[-1] += 1.0
    t = cash_flow_times(len(cf), 24, 10)
    price = cf.sum() * share
    bey = bond_equivalent_yield(cf, price, t)
    assert price_from_yield(cf, bey, t) == pytest.approx(price, rel=1e-9)


def test_v21_mortgage_yield_and_bey(vectors):
    vector = vectors["V21"]
    my = vector["inputs"]["mortgage_yield_pct"]
    assert bey_from_mortgage_yield(my) == pytest.approx(vector["expected"]["BEY_pct"], abs=1e-9)
    assert mortgage_yield(vector["expected"]["BEY_pct"]) == pytest.approx(my, abs=1e-8)


def test_v24_settlement_amount(vectors):
    vector = vectors["V24"]
    i, expected = vector["inputs"], vector["expected"]
    assert principal_amount(i["FACE"], i["PRICE"], i["F"]) == pytest.approx(
        expected["principal_amount"], abs=0.005
    )
    assert accrued_interest(i["COUPON"], i["F"], i["FACE"], i["N"]) == pytest.approx(
        expected["accrued_interest"], abs=5e-7
    )
    assert settlement_cost(i["FACE"], i["PRICE"], i["F"], i["COUPON"], i["N"]) == pytest.approx(
        expected["cost"], abs=5e-5
    )


def test_cmsi_full_price():
    """Spec §1.6: clean 101, 5.5% net, N = 26 gives 101.3972222."""
    assert full_price(101.0, 5.5, 26) == pytest.approx(101.3972222, abs=5e-8)
