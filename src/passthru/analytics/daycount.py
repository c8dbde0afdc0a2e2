"""Day count, delay and cash-flow timing (SF-44 to SF-46; spec §1.5-1.6).

Times are in 30/360 years, measured from settlement to the day investors receive the
cash (SF-48 a), so they include the actual delay.
"""

from __future__ import annotations

import calendar
from datetime import date

import numpy as np


def _is_last_day_of_february(day: date) -> bool:
    return day.month == 2 and day.day == calendar.monthrange(day.year, 2)[1]


def days_30_360(start: date, end: date) -> int:
    """Days from ``start`` to ``end`` on the 30/360 calendar (SF-44 E.1, vector V22).

    If D1 is the last day of February, D1 = 30; if D1 is 31, D1 = 30; then if D1 is 30
    and D2 is 31, D2 = 30. ``N = max(360(Y2-Y1) + 30(M2-M1) + (D2-D1), 0)``.
    """
    d1 = 30 if _is_last_day_of_february(start) or start.day == 31 else start.day
    d2 = 30 if d1 == 30 and end.day == 31 else end.day
    days = 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1)
    return max(days, 0)


def actual_delay(due_from_homeowners: date, paid_to_investors: date) -> int:
    """Actual delay in days: investor payment date minus homeowner payment date, 30-day
    months (SF-44 E.2, vector V23). Due on 4/1, paid 4/25: 24 days (CMSI, FNMA)."""
    return days_30_360(due_from_homeowners, paid_to_investors)


def stated_delay(issue_date: date, first_payment_to_investors: date) -> int:
    """Stated delay ("days to first payment"): calendar days from the issue (accrual) date
    to the first investor payment (SF-45 table, vector V23: 3/1 to 4/15 is 45 days)."""
    return (first_payment_to_investors - issue_date).days


def days_into_accrual_month(settlement: date) -> int:
    """N: 30/360 days from the 1st of the settlement month (the accrual start and the
    factor's as-of date) to settlement (SF-46 c)."""
    return days_30_360(settlement.replace(day=1), settlement)


def cash_flow_times(n_periods: int, delay: int, days_into_month: int = 0) -> np.ndarray:
    """``T_k = (30k + D - N)/360`` years for k = 1..n (spec §1.6, SF-50 example).

    D is the actual delay in days, N the 30/360 days from the 1st of the settlement month
    to settlement. SF's GNMA I example (D = 14, N = 0) gives T_1 = 44/360, T_2 = 74/360.
    """
    k = np.arange(1, n_periods + 1, dtype=np.float64)
    return (30.0 * k + delay - days_into_month) / 360.0


def distribution_dates(first_distribution: date, n_periods: int) -> list[date]:
    """Monthly distribution dates from the first one, on the same day of the month (the
    last day of a shorter month when that day does not exist)."""
    dates = []
    for k in range(n_periods):
        months = first_distribution.month - 1 + k
        year, month = first_distribution.year + months // 12, months % 12 + 1
        day = min(first_distribution.day, calendar.monthrange(year, month)[1])
        dates.append(date(year, month, day))
    return dates


def years_from_closing(closing: date, first_distribution: date, n_periods: int) -> np.ndarray:
    """30/360 years from the closing date to each distribution date: the time base of
    prospectus decrement tables (spec §1.6, "keep both conventions selectable")."""
    dates = distribution_dates(first_distribution, n_periods)
    return np.array([days_30_360(closing, d) for d in dates], dtype=np.float64) / 360.0
