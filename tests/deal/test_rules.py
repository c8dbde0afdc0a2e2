"""Shifting interest, step-down tests, loss-limit resets and the clean-up call (§2.5-§2.9)."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from passthru.deal import (
    CleanupCall,
    FraudLimit,
    ShiftingInterest,
    SpecialHazardLimit,
    StepDownTests,
    bankruptcy_limit,
    cumulative_loss_test_passes,
    delinquency_test_passes,
    fraud_limit_at_anniversary,
    senior_prepayment_pct,
    special_hazard_limit_at_anniversary,
    split_at_limit,
    truncate_cents,
)


def test_v29_senior_prepayment_schedule(vector):
    v = vector("V29")
    got = [
        senior_prepayment_pct(day, v["inputs"]["senior_pct"], v["inputs"]["initial_senior_pct"])
        for day in v["inputs"]["distribution_days"]
    ]
    assert got == pytest.approx(v["expected"]["senior_prepay_pct"], abs=1e-12)


def test_v30_full_senior_share_above_initial(vector):
    v = vector("V30")["inputs"]
    spp = senior_prepayment_pct(v["day"], v["senior_pct"], v["initial_senior_pct"])
    assert spp == vector("V30")["expected"]["senior_prepay_pct"]


def test_failed_tests_keep_the_prior_percentage():
    # Day 61 with SP 96%: the schedule would give 96 + 0.7 x 4 = 98.8%; a failed test
    # keeps day 60's 100%. A passing test lets it step down.
    assert senior_prepayment_pct(61, 0.96, 0.965, tests_pass=False, prior_spp=1.0) == 1.0
    assert senior_prepayment_pct(61, 0.96, 0.965, tests_pass=True, prior_spp=1.0) == pytest.approx(
        0.988
    )
    # A failed test never lowers it, but does not cap a higher computed share either.
    assert senior_prepayment_pct(62, 0.96, 0.965, tests_pass=False, prior_spp=0.97) == (
        pytest.approx(0.988)
    )


def test_deal_schedule_and_rule_one_switch():
    schedule = ShiftingInterest(schedule=((1, 1.0), (13, 0.5)), full_when_above_initial=False)
    # SP 97% above the initial 96.5%, but the rule is off: 0.97 + 0.5 x 0.03 = 0.985.
    assert senior_prepayment_pct(13, 0.97, 0.965, schedule=schedule) == pytest.approx(0.985)
    assert senior_prepayment_pct(12, 0.97, 0.965, schedule=schedule) == 1.0


@pytest.mark.parametrize(
    ("schedule", "words"),
    [
        (((2, 1.0), (61, 0.7)), "must start on distribution day 1"),
        (((1, 1.0), (61, 0.7), (61, 0.6)), "distribution days must increase"),
        (((1, 1.0), (61, 1.5)), "must be a day >= 1 and in [0, 1]"),
        (((1, 0.5), (61, 0.7)), "the kept share may only fall"),
    ],
)
def test_bad_schedules_are_errors(schedule, words):
    with pytest.raises(ValidationError, match=words.replace("[", r"\[").replace("]", r"\]")):
        ShiftingInterest(schedule=schedule)


def test_delinquency_test_averages_six_months():
    tests = StepDownTests()
    # Last six months average (1+2+3+4+5+6)/6 = 3.5 against 50% of 8 = 4: passes;
    # the 100 seven months back is outside the window.
    assert delinquency_test_passes([100, 1, 2, 3, 4, 5, 6], 8.0, tests)
    assert not delinquency_test_passes([100, 1, 2, 3, 4, 5, 6], 7.0, tests)  # 3.5 < 3.5 fails


def test_cumulative_loss_thresholds_by_day():
    tests = StepDownTests()
    # Original subordinate balance 1,000: 30% from day 61, 35% from day 73, 50% from 109.
    assert cumulative_loss_test_passes(61, 300.0, 1000.0, tests)
    assert not cumulative_loss_test_passes(72, 300.01, 1000.0, tests)
    assert cumulative_loss_test_passes(73, 350.0, 1000.0, tests)
    assert cumulative_loss_test_passes(200, 500.0, 1000.0, tests)
    assert not cumulative_loss_test_passes(200, 500.01, 1000.0, tests)


def test_v25_truncation_to_the_cent(vector):
    v = vector("V25")
    pool = v["inputs"]["pool_balance"]
    one = truncate_cents(Decimal("0.01") * Decimal(repr(pool)))
    ten = truncate_cents(Decimal("0.10") * Decimal(repr(pool)))
    assert one == Decimal(repr(v["expected"]["one_pct_displayed"]))
    assert ten == Decimal(repr(v["expected"]["ten_pct_displayed"]))
    assert ten != Decimal(repr(v["expected"]["ten_pct_if_rounded"]))
    # A float input is read as the decimal it prints as: 75724165.627 -> .62, never .63.
    assert truncate_cents(75724165.627) == Decimal("75724165.62")


def test_v37_special_hazard_reset(vector):
    v = vector("V37")["inputs"]
    rule = SpecialHazardLimit(fraction=Decimal("0.01"))
    new = special_hazard_limit_at_anniversary(
        rule, v["initial"], v["sh_losses"], v["pool"], v["largest_loan"], v["largest_CA_zip"]
    )
    assert new == Decimal(repr(vector("V37")["expected"]["new_limit"]))


def test_special_hazard_reset_other_branches():
    rule = SpecialHazardLimit(fraction=Decimal("0.01"))
    # 2 x largest loan 4,000,000 beats 1% of 300,000,000 and the zip 1,000,000 ...
    assert special_hazard_limit_at_anniversary(
        rule, 7572416.56, 0, 300_000_000, 2_000_000, 1_000_000
    ) == Decimal("4000000")
    # ... but is capped by initial less losses, 7,572,416.56 - 4,000,000.
    assert special_hazard_limit_at_anniversary(
        rule, 7572416.56, 4_000_000, 600_000_000, 2_000_000, 1_000_000
    ) == Decimal("3572416.56")
    # Without the California zip term: 1% of 400,000,000 and 2 x 2,000,000 are both
    # 4,000,000; the zip's 9,000,000 would otherwise win (capped at 7,572,416.56).
    no_zip = SpecialHazardLimit(fraction=Decimal("0.01"), largest_california_zip=False)
    assert special_hazard_limit_at_anniversary(
        no_zip, 7572416.56, 0, 400_000_000, 2_000_000, 9_000_000
    ) == Decimal("4000000")
    losses_only = SpecialHazardLimit(fraction=Decimal("0.01"), reset="losses_only")
    assert special_hazard_limit_at_anniversary(
        losses_only, 7572416.56, 72416.56, 1, 1, 1
    ) == Decimal("7500000.00")


def test_v36_fraud_variant_a(vector):
    v = vector("V36")["inputs"]
    rule = FraudLimit(fraction=Decimal("0.01"), variant="A", later_fraction=Decimal("0.01"))
    new = fraud_limit_at_anniversary(
        rule, 1, v["initial"], v["fraud_losses_allocated"], v["pool_at_anniv"]
    )
    assert new == Decimal(repr(vector("V36")["expected"]["new_limit"]))


def test_fraud_variant_b_by_anniversary():
    rule = FraudLimit(fraction=Decimal("0.01"))  # variant B: 0.5% from the 3rd anniversary
    initial, losses, pool = Decimal("7572416.56"), Decimal("500000"), Decimal("600000000")
    assert fraud_limit_at_anniversary(rule, 1, initial, losses, pool) == Decimal("7072416.56")
    assert fraud_limit_at_anniversary(rule, 2, initial, losses, pool) == Decimal("7072416.56")
    assert fraud_limit_at_anniversary(rule, 3, initial, losses, pool) == Decimal("3000000.00")
    assert fraud_limit_at_anniversary(rule, 4, initial, losses, 2_000_000_000) == Decimal(
        "7072416.56"
    )  # 0.5% of 2bn = 10m, never above the initial less losses
    assert fraud_limit_at_anniversary(rule, 5, initial, losses, pool) == Decimal(0)


def test_bankruptcy_and_excess_split():
    assert bankruptcy_limit(225000, 25000.5) == Decimal("199999.5")
    assert bankruptcy_limit(225000, 300000) == Decimal(0)
    assert split_at_limit(100, 60) == (Decimal(60), Decimal(40))
    assert split_at_limit(50, 60) == (Decimal(50), Decimal(0))


def test_initial_limit_needs_one_of_amount_and_fraction():
    with pytest.raises(ValidationError, match="exactly one of amount and fraction"):
        FraudLimit()
    with pytest.raises(ValidationError, match="exactly one of amount and fraction"):
        FraudLimit(amount=1, fraction=Decimal("0.01"))
    with pytest.raises(ValidationError, match="negative"):
        FraudLimit(amount=-1)


def test_v38_cleanup_call(vector):
    v = vector("V38")
    call = CleanupCall()
    pool = Decimal(repr(v["inputs"]["initial"]))
    assert call.threshold(pool) == Decimal("75724165.62")
    assert [call.allows(b, pool) for b in v["inputs"]["current"]] == v["expected"]["callable"]
