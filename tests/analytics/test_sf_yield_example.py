"""The Standard Formulas' published yield example (SF-50 to SF-52), run from its inputs.

The cash flows come from a small helper written here from SF-4 to SF-6 (spec §1.2-1.3),
independent of the package; the published numbers are in tests/data/sf/yield_example.json
with their source.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from passthru.analytics import (
    bond_equivalent_yield,
    cash_flow_times,
    effective_convexity,
    effective_duration,
    find_root,
    horizon_value,
    measures,
    price_from_yield,
    total_percentage_return,
    total_rate_of_return,
)

PUBLISHED = json.loads(
    (Path(__file__).parents[1] / "data" / "sf" / "yield_example.json").read_text()
)
INPUTS = PUBLISHED["inputs"]
ISSUE_DATE = date(1988, 3, 1)  # any 1st of a month: the example settles on the issue date


def sf_pass_through(gross: float, net: float, term: int, psa: float):
    """Cash flows per 100 of par for a new level-payment pool (SF-4, SF-6).

    Scheduled amortisation at the gross rate, then SMM on the balance after it, with
    MONTH = k for a new pool; interest at the net rate. Returns (cash, principal,
    interest, balance after each month).
    """
    rate = gross / 1200.0
    balance = 100.0
    rows = []
    for month in range(1, term + 1):
        remaining = term - month + 1
        scheduled = balance * rate / (1.0 - (1.0 + rate) ** -remaining) - balance * rate
        cpr = min(psa / 100.0 * 0.2 * min(month, 30), 100.0) / 100.0
        smm = 1.0 - (1.0 - cpr) ** (1.0 / 12.0)
        prepaid = (balance - scheduled) * smm
        interest = balance * net / 1200.0
        balance -= scheduled + prepaid
        rows.append((scheduled + prepaid + interest, scheduled + prepaid, interest, balance))
    cash, principal, interest, balances = (np.array(column) for column in zip(*rows, strict=True))
    return cash, principal, interest, balances


@pytest.fixture(scope="module")
def pool():
    return sf_pass_through(
        INPUTS["gross_coupon"], INPUTS["net_coupon"], INPUTS["term_months"], INPUTS["psa"]
    )


def test_helper_reproduces_the_published_cash_flows(pool):
    cash = pool[0]
    for k, printed in PUBLISHED["settled_on_issue_date"]["cash_flows_4dp"].items():
        assert cash[int(k) - 1] == pytest.approx(printed, abs=5e-5)


def test_settled_on_the_issue_date_at_par(pool):
    cash, principal, _, _ = pool
    expected = PUBLISHED["settled_on_issue_date"]
    got = measures(
        cash,
        principal,
        price=expected["price"],
        settle=ISSUE_DATE,
        delay=INPUTS["actual_delay_days"],
        coupon=INPUTS["net_coupon"],
    )
    assert got.yield_ == pytest.approx(expected["yield_pct"], abs=5e-6)
    assert got.mortgage_yield == pytest.approx(expected["mortgage_yield_pct"], abs=5e-6)
    assert got.wal == pytest.approx(expected["average_life_years"], abs=5e-6)
    assert got.macaulay_duration == pytest.approx(expected["duration_years"], abs=5e-6)
    assert got.modified_duration == pytest.approx(expected["modified_duration_years"], abs=5e-6)
    assert got.convexity == pytest.approx(expected["cash_flow_convexity_years2"], abs=5e-5)
    assert got.accrued_interest == 0.0


def test_settled_seven_days_after_issue_at_a_clean_par(pool):
    cash, principal, _, _ = pool
    expected = PUBLISHED["settled_seven_days_after_issue"]
    settle = date(1988, 3, 1 + expected["days_after_issue"])
    got = measures(
        cash,
        principal,
        price="100-00",
        settle=settle,
        delay=INPUTS["actual_delay_days"],
        coupon=INPUTS["net_coupon"],
    )
    assert got.price + got.accrued_interest == pytest.approx(expected["full_price_4dp"], abs=5e-5)
    assert got.yield_ == pytest.approx(expected["yield_pct"], abs=5e-6)


def test_effective_duration_and_convexity():
    example = PUBLISHED["effective_measures"]
    args = (example["price"], example["price_down_10bp"], example["price_up_10bp"])
    assert effective_duration(*args, example["shift_bp"]) == pytest.approx(
        example["effective_duration_years"], abs=5e-3
    )
    assert effective_convexity(*args, example["shift_bp"]) == pytest.approx(
        example["effective_convexity_years2"], abs=5e-2
    )


def test_total_return_over_three_months_sold_at_the_same_yield(pool):
    cash, _, _, balances = pool
    example = PUBLISHED["total_return"]
    held = example["months_held"]
    horizon = example["horizon_days_30_360"] / 360.0
    t = cash_flow_times(len(cash), INPUTS["actual_delay_days"])
    bey = bond_equivalent_yield(cash, INPUTS["price"], t)
    factor = balances[held - 1] / 100.0
    sale_price = price_from_yield(cash[held:], bey, t[held:] - horizon) / factor
    assert factor == pytest.approx(example["pool_factor_8dp"], abs=5e-9)
    assert sale_price == pytest.approx(example["sale_price_4dp"], abs=5e-5)

    value = horizon_value(
        cash,
        t,
        months_held=held,
        horizon=horizon,
        sale_price=sale_price,
        sale_factor=factor,
        reinvestment_rate=example["reinvestment_rate_bey_pct"],
    )
    assert value == pytest.approx(example["horizon_value_4dp"], abs=5e-5)
    assert total_rate_of_return(INPUTS["price"], value, horizon) == pytest.approx(
        example["total_rate_of_return_pct_3dp"], abs=5e-4
    )
    assert total_percentage_return(INPUTS["price"], value) == pytest.approx(
        example["total_percentage_return_pct_3dp"], abs=5e-4
    )


def test_io_yield_falls_with_speed_and_breaks_even_at_zero():
    """An IO on the example pool priced at 30: its yield falls as PSA rises, and the
    break-even PSA for a 0% yield is where its undiscounted cash equals its price."""
    t = cash_flow_times(INPUTS["term_months"], INPUTS["actual_delay_days"])

    def io_cash(psa: float) -> np.ndarray:
        return sf_pass_through(INPUTS["gross_coupon"], INPUTS["net_coupon"], 360, psa)[2]

    speeds = [100.0, 300.0, 600.0, 1000.0]
    yields = bond_equivalent_yield(np.stack([io_cash(s) for s in speeds]), 30.0, t)
    assert np.all(np.diff(yields) < 0)

    tol = 1e-6
    psa = find_root(lambda s: float(bond_equivalent_yield(io_cash(s), 30.0, t)), 100, 3000, tol=tol)
    slope = abs(io_cash(psa + 1).sum() - io_cash(psa - 1).sum()) / 2
    assert io_cash(psa).sum() == pytest.approx(30.0, abs=2 * tol * slope)
