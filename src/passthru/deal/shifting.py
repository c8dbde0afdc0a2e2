"""Shifting interest: the senior prepayment percentage, the step-down tests, subordination.

cashflow-and-structure.md §2.5 (CMSI "Unscheduled principal" clause and the
generic Step Down Conditions, [S3], [S8], [S9]) and §2.6 (maintenance of
subordination, [S4]). Thresholds the spec marks GENERIC are deal terms whose
defaults are the generic figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Literal

from pydantic import Field, field_validator

from passthru.deal.base import Frozen

Schedule = tuple[tuple[int, float], ...]


def _check_schedule(schedule: Schedule, what: str, *, first_day: int | None = None) -> Schedule:
    """Days strictly increasing (from ``first_day`` when given), values in [0, 1]."""
    if not schedule:
        raise ValueError(f"{what} is empty")
    if first_day is not None and schedule[0][0] != first_day:
        raise ValueError(f"{what} must start on distribution day {first_day}")
    for (day, _), (later, _) in pairwise(schedule):
        if later <= day:
            raise ValueError(f"{what}: distribution days must increase ({day} then {later})")
    for day, value in schedule:
        if day < 1 or not 0 <= value <= 1:
            raise ValueError(f"{what}: day {day} value {value} must be a day >= 1 and in [0, 1]")
    return schedule


def value_on_day(schedule: Schedule, day: int) -> float:
    """The value of the last entry whose first day is on or before ``day`` (else the first)."""
    value = schedule[0][1]
    for first_day, entry in schedule:
        if first_day <= day:
            value = entry
    return value


class ShiftingInterest(Frozen):
    """The share of the subordinated percentage the seniors keep of unscheduled principal.

    ``schedule`` pairs [first distribution day, s]: SPP = SP + s(t)·(1 - SP)
    (§2.5; CMSI: 100% for days 1-60, then 70, 60, 40, 20 and 0%).
    ``full_when_above_initial``: SPP is 100% while the senior percentage exceeds
    its initial value (§2.5 rule 1).
    """

    schedule: Schedule = ((1, 1.0), (61, 0.7), (73, 0.6), (85, 0.4), (97, 0.2), (109, 0.0))
    full_when_above_initial: bool = True

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: Schedule) -> Schedule:
        _check_schedule(value, "shifting-interest schedule", first_day=1)
        shares = [s for _, s in value]
        if shares != sorted(shares, reverse=True):
            raise ValueError("shifting-interest schedule: the kept share may only fall")
        return value


class StepDownTests(Frozen):
    """The conditions without which the senior prepayment percentage does not step down.

    GENERIC ([S9], §2.5; CMSI thresholds unconfirmed, §2.10):
    - delinquency: loans 60+ days delinquent (with foreclosure and REO), averaged
      over the preceding ``delinquency_months``, below ``delinquency_fraction`` of
      the current aggregate subordinate balance;
    - cumulative loss: realized losses at most the fraction of the **original**
      subordinate balance in force on the day, by [first distribution day, fraction].
    """

    delinquency_months: int = Field(6, ge=1)
    delinquency_fraction: float = Field(0.5, gt=0, le=1)
    cumulative_loss: Schedule = ((61, 0.30), (73, 0.35), (85, 0.40), (97, 0.45), (109, 0.50))

    @field_validator("cumulative_loss")
    @classmethod
    def _losses(cls, value: Schedule) -> Schedule:
        return _check_schedule(value, "cumulative loss thresholds")


class MaintenanceOfSubordination(Frozen):
    """CMSI maintenance of subordination (§2.6, [S4]).

    When a subordinated class is impaired (its level on the prior day below its
    initial level), subordinate principal is reallocated to the most senior
    impaired class and those above it. ``level_basis``: whether class
    percentages are measured on the target-rate strip (default) or the whole pool
    (unconfirmed for CMSI, §2.10).
    """

    applies: bool = True
    level_basis: Literal["target_rate_strip", "pool"] = "target_rate_strip"


def senior_prepayment_pct(
    day: int,
    senior_pct: float,
    initial_senior_pct: float,
    tests_pass: bool = True,
    prior_spp: float | None = None,
    schedule: ShiftingInterest | None = None,
) -> float:
    """The senior prepayment percentage on a distribution day (§2.5; V29, V30).

    1. 100% if the senior percentage exceeds its initial value;
    2. else SP + s(day)·(1 - SP);
    3. when a step-down test fails the percentage is not reduced: it is at least
       ``prior_spp``, the previous day's percentage (the CMSI provisos).
    """
    rule = schedule or ShiftingInterest()
    if rule.full_when_above_initial and senior_pct > initial_senior_pct:
        return 1.0
    senior = min(senior_pct, 1.0)
    spp = senior + value_on_day(rule.schedule, day) * (1.0 - senior)
    if not tests_pass and prior_spp is not None:
        spp = max(spp, prior_spp)
    return min(spp, 1.0)


def delinquency_test_passes(
    delinquent_60_plus: Sequence[float], subordinate_balance: float, tests: StepDownTests
) -> bool:
    """True when the average of the last ``delinquency_months`` monthly 60+ day balances
    is below ``delinquency_fraction`` of the current subordinate balance (§2.5 (i)).

    Fewer months than the window (early days) are averaged as they are.
    """
    window = list(delinquent_60_plus)[-tests.delinquency_months :]
    average = sum(window) / len(window) if window else 0.0
    return average < tests.delinquency_fraction * subordinate_balance


def cumulative_loss_test_passes(
    day: int, cumulative_losses: float, original_subordinate_balance: float, tests: StepDownTests
) -> bool:
    """True when cumulative realized losses are at most the day's fraction of the
    original subordinate balance (§2.5 (ii)); days before the first entry use the first."""
    threshold = value_on_day(tests.cumulative_loss, day)
    return cumulative_losses <= threshold * original_subordinate_balance
