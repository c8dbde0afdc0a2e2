"""SF-44 30/360, SF-45 delays, SF-46/48 settlement timing (vectors V22, V23)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from passthru.analytics import (
    actual_delay,
    cash_flow_times,
    days_30_360,
    days_into_accrual_month,
    distribution_dates,
    stated_delay,
    wal,
    years_from_closing,
)


def test_v22_30_360_cases(vectors):
    vector = vectors["V22"]
    cases = [tuple(map(date.fromisoformat, pair)) for pair in vector["inputs"]["cases"]]
    assert [days_30_360(a, b) for a, b in cases] == vector["expected"]["days"]


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (date(2004, 2, 29), date(2004, 3, 31), 30),  # leap-year end of February -> 30
        (date(2004, 2, 28), date(2004, 3, 1), 3),  # 28 Feb is not the end in a leap year
        (date(2003, 3, 30), date(2003, 3, 31), 0),  # D1 = 30 and D2 = 31 -> D2 = 30
        (date(2003, 3, 29), date(2003, 3, 31), 2),  # D2 = 31 stays when D1 < 30
        (date(2003, 5, 1), date(2003, 4, 1), 0),  # never negative
        (date(2002, 12, 1), date(2003, 1, 25), 54),
    ],
)
def test_30_360_rules(start, end, days):
    assert days_30_360(start, end) == days


def test_v23_actual_and_stated_delay(vectors):
    """SF-45 table: issued 3/1, first payment due from homeowners 4/1."""
    vector = vectors["V23"]
    paid = [date(2003, 4, 15), date(2003, 4, 20), date(2003, 4, 25), date(2003, 5, 15)]
    paid.append(date(2003, 4, 15))
    assert [actual_delay(date(2003, 4, 1), p) for p in paid] == vector["expected"]["actual_delay"]
    assert [stated_delay(date(2003, 3, 1), p) for p in paid] == vector["expected"]["stated_delay"]


def test_cmsi_delay_distributions_on_the_25th():
    assert actual_delay(date(2003, 3, 1), date(2003, 3, 25)) == 24


def test_cash_flow_times_sf_example_and_cmsi():
    assert cash_flow_times(2, 14) == pytest.approx([44 / 360, 74 / 360])
    # CMSI: D = 24, settlement on the 27th (N = 26): T_1 = 28/360, T_2 = 58/360
    n = days_into_accrual_month(date(2003, 2, 27))
    assert n == 26
    assert cash_flow_times(2, 24, n) == pytest.approx([28 / 360, 58 / 360])


def test_distribution_dates_keep_the_day_or_take_the_month_end():
    assert distribution_dates(date(2003, 11, 25), 3) == [
        date(2003, 11, 25),
        date(2003, 12, 25),
        date(2004, 1, 25),
    ]
    assert distribution_dates(date(2003, 1, 31), 2) == [date(2003, 1, 31), date(2003, 2, 28)]


def test_wal_in_both_time_bases():
    """Closing 2/27, distributions on the 25th: 28, 58, 88 days from closing."""
    closing_years = years_from_closing(date(2003, 2, 27), date(2003, 3, 25), 3)
    assert closing_years == pytest.approx(np.array([28, 58, 88]) / 360)
    principal = np.array([50.0, 50.0, 0.0])
    assert wal(principal, closing_years) == pytest.approx((28 + 58) / 2 / 360)
    settlement_years = cash_flow_times(3, 24, 26)
    assert wal(principal, settlement_years) == pytest.approx((28 + 58) / 2 / 360)
    assert wal(principal, cash_flow_times(3, 24, 0)) == pytest.approx((54 + 84) / 2 / 360)
