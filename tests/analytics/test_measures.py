"""Durations and convexity against finite differences; measures() and its JSON."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from passthru.analytics import (
    YieldMeasures,
    bond_equivalent_yield,
    cash_flow_times,
    convexity,
    macaulay_duration,
    measures,
    modified_duration,
    price_from_yield,
    wal,
)
from passthru.analytics.errors import PriceQuoteError
from passthru.errors import AssumptionError

STEP = 1e-3  # percentage points


def _cash_flows():
    months = np.arange(1, 241)
    principal = 100 * 0.99**months * 0.01
    interest = 0.5 * 0.99 ** (months - 1)
    return principal + interest, principal, interest


@pytest.mark.parametrize("bey", [-5.0, 0.0, 4.0, 9.1, 40.0])
def test_durations_and_convexity_against_finite_differences(bey):
    cf, _, _ = _cash_flows()
    t = cash_flow_times(len(cf), 24, 10)
    p0 = price_from_yield(cf, bey, t)
    up, down = price_from_yield(cf, bey + STEP, t), price_from_yield(cf, bey - STEP, t)
    h = STEP / 100  # as a decimal
    slope, curvature = (up - down) / (2 * h), (up - 2 * p0 + down) / h**2
    assert modified_duration(cf, bey, t) == pytest.approx(-slope / p0, rel=1e-7)
    assert macaulay_duration(cf, bey, t) == pytest.approx(-slope / p0 * (1 + bey / 200), rel=1e-7)
    assert convexity(cf, bey, t) == pytest.approx(curvature / p0, rel=1e-4)


def test_measures_are_vectorised_over_scenarios():
    cf, _, _ = _cash_flows()
    t = cash_flow_times(len(cf), 24)
    grid = np.stack([cf, cf * 0.5 + 0.1])
    yields = np.array([6.0, 8.0])
    durations = modified_duration(grid, yields, t)
    assert durations[1] == pytest.approx(modified_duration(grid[1], 8.0, t))
    assert convexity(grid, yields, t)[0] == pytest.approx(convexity(cf, 6.0, t))


def test_wal_by_hand_and_nan_without_principal():
    assert wal(np.array([10.0, 0.0, 30.0]), np.array([1.0, 2.0, 3.0])) == pytest.approx(2.5)
    assert np.isnan(wal(np.zeros(3), np.array([1.0, 2.0, 3.0])))


def test_measures_time_convention_and_delay_override():
    """A single 100 after 12 months, CMSI delay 24, settled on the 27th (N = 26):
    T = (360 + 24 - 26)/360; priced at 95 the yield is 200[(100/95)^(1/(2T)) - 1]."""
    cf = np.r_[np.zeros(11), 100.0]
    got = measures(cf, cf, price=95.0, settle=date(2003, 2, 27), delay=24, coupon=0.0)
    years = (360 + 24 - 26) / 360
    assert got.yield_ == pytest.approx(200 * ((100 / 95) ** (1 / (2 * years)) - 1), abs=1e-9)
    assert got.wal == pytest.approx(years)
    assert got.macaulay_duration == pytest.approx(years)
    longer = measures(cf, cf, price=95.0, settle=date(2003, 2, 27), delay=54, coupon=0.0)
    assert longer.wal == pytest.approx(years + 30 / 360)


def test_measures_price_and_yield_agree_and_accrue_interest():
    cf, prin, _ = _cash_flows()
    from_price = measures(cf, prin, price="99-16+", settle=date(2003, 3, 10), delay=24, coupon=6)
    assert from_price.accrued_interest == pytest.approx(6 * 9 / 360)
    from_yield = measures(
        cf, prin, yield_=from_price.yield_, settle=date(2003, 3, 10), delay=24, coupon=6
    )
    assert from_yield.price == pytest.approx(99.515625, abs=1e-9)
    t = cash_flow_times(len(cf), 24, 9)
    assert from_price.yield_ == pytest.approx(
        bond_equivalent_yield(cf, 99.515625 + 0.15, t), abs=1e-10
    )


def test_factor_scales_prices_to_current_face():
    """Cash flows per 100 of original face on a pool at factor 0.5 price like twice as
    much cash on 100 of current face."""
    cf, prin, _ = _cash_flows()
    settle = date(2003, 3, 1)
    whole = measures(cf, prin, price=98.0, settle=settle, delay=24, coupon=6)
    half = measures(cf / 2, prin / 2, price=98.0, settle=settle, delay=24, coupon=6, factor=0.5)
    assert half.yield_ == pytest.approx(whole.yield_, abs=1e-10)


def test_exactly_one_of_price_and_yield():
    cf, prin, _ = _cash_flows()
    for kwargs in ({}, {"price": 100.0, "yield_": 5.0}):
        with pytest.raises(ValueError, match="exactly one"):
            measures(cf, prin, settle=date(2003, 3, 1), delay=24, coupon=6, **kwargs)


@pytest.mark.parametrize("price", [0, 0.0, "0-00", -1.0])
def test_a_price_of_zero_or_less_has_no_yield(price):
    cf, prin, _ = _cash_flows()
    with pytest.raises(PriceQuoteError, match="above 0"):
        measures(cf, prin, price=price, settle=date(2003, 2, 24), delay=24, coupon=6.0)


def test_a_negative_delay_is_refused():
    cf, prin, _ = _cash_flows()
    with pytest.raises(AssumptionError, match="delay is 0 days or more"):
        measures(cf, prin, price=100, settle=date(2003, 2, 1), delay=-3, coupon=6.0)


def test_json_keys_and_io_without_average_life():
    _, _, interest = _cash_flows()
    io = measures(
        interest, np.zeros_like(interest), price=20.0, settle=date(2003, 3, 1), delay=24, coupon=6.0
    )
    out = io.as_json()
    assert list(out) == [
        "yield",
        "mortgage_yield",
        "wal",
        "macaulay_duration",
        "modified_duration",
        "convexity",
        "price",
        "accrued_interest",
    ]
    assert out["wal"] is None
    assert out["yield"] == io.yield_
    json.dumps(out)  # valid JSON: no NaN


def test_yield_measures_is_frozen():
    m = YieldMeasures(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 100.0, 0.0)
    with pytest.raises(AttributeError):
        m.price = 99.0  # type: ignore[misc]
