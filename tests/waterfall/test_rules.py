"""The waterfall's vectorised rules, against the spec's vectors and passthru.deal's scalar rules.

cashflow-and-structure.md §2.5 (V29, V30), §2.6 (V31), §2.7 (V33, V35-V37).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from passthru.deal import (
    FraudLimit,
    ShiftingInterest,
    SpecialHazardLimit,
    fraud_limit_at_anniversary,
    senior_prepayment_pct,
    special_hazard_limit_at_anniversary,
)
from passthru.waterfall.allocate import sequential
from passthru.waterfall.losses import (
    excess_loss_shares,
    fraud_reset,
    ordinary_losses_to_subordinates,
    special_hazard_reset,
    within_limits,
)
from passthru.waterfall.principal import (
    impaired,
    maintenance_of_subordination,
    subordination_levels,
)
from passthru.waterfall.principal import (
    senior_prepayment_pct as spp_vector,
)

CMSI = ShiftingInterest()


def test_v29_spp_schedule_by_day(vectors):
    v = vectors["V29"]
    inputs = v["inputs"]
    for day, expected in zip(
        inputs["distribution_days"], v["expected"]["senior_prepay_pct"], strict=True
    ):
        got = spp_vector(
            day, np.array([0.96]), np.array([0.965]), np.array([True]), np.array([1.0]), CMSI
        )
        assert got[0] == pytest.approx(expected, abs=1e-12), day


def test_v30_spp_is_full_while_senior_pct_above_initial():
    got = spp_vector(80, np.array([0.97]), np.array([0.965]), np.array([True]), np.ones(1), CMSI)
    assert got[0] == 1.0


def test_failed_step_down_test_keeps_prior_spp():
    # day 61, SP 90%: computed 0.9 + 0.7 * 0.1 = 0.97; a failed test keeps yesterday's 100%
    got = spp_vector(
        61, np.array([0.9, 0.9]), np.array([0.9, 0.9]), np.array([True, False]), np.ones(2), CMSI
    )
    assert got == pytest.approx([0.97, 1.0])


@settings(max_examples=200, deadline=None)
@given(
    day=st.integers(1, 200),
    senior=st.floats(0, 1),
    initial=st.floats(0.5, 1),
    tests_pass=st.booleans(),
    prior=st.floats(0, 1),
)
def test_vectorised_spp_agrees_with_scalar(day, senior, initial, tests_pass, prior):
    scalar = senior_prepayment_pct(day, senior, initial, tests_pass, prior, CMSI)
    vector = spp_vector(
        day, np.array([senior]), np.array([initial]), np.array([tests_pass]), np.array([prior]),
        CMSI,
    )  # fmt: skip
    assert vector[0] == pytest.approx(scalar, abs=1e-15)


def test_v31_maintenance_of_subordination(vectors):
    v = vectors["V31"]
    balances = np.array([v["inputs"]["balances"]], dtype=float)
    impaired_classes = np.array([[False, True, False, False, False, False]])
    got = maintenance_of_subordination(np.array([3120.0]), balances, impaired_classes)
    assert got[0] == pytest.approx(v["expected"]["alloc"])


def test_no_class_impaired_means_pro_rata_by_balance():
    balances = np.array([[600.0, 300.0, 100.0]])
    got = maintenance_of_subordination(np.array([100.0]), balances, np.zeros((1, 3), bool))
    assert got[0] == pytest.approx([60.0, 30.0, 10.0])


def test_subordination_levels_and_impairment():
    # levels: B-1 (30+10)/1000, B-2 10/1000, B-3 0; after B-3 loses 5 (basis 995):
    # B-1 35/995 = 3.52% < 4%, B-2 5/995 = 0.50% < 1%: both impaired; B-3 stays at 0
    initial = subordination_levels(np.array([[60.0, 30.0, 10.0]]), np.array([1000.0]))[0]
    assert initial == pytest.approx([0.04, 0.01, 0.0])
    now = subordination_levels(np.array([[60.0, 30.0, 5.0]]), np.array([995.0]))
    assert impaired(now, initial)[0].tolist() == [True, True, False]


def test_v33_ordinary_loss_reverse_sequential(vectors):
    # the vector's own expected figures allocate 2,271,859.56 of a 2,000,000 loss; by its
    # rule B-6 takes 1,514,859.56, B-5 the rest 485,140.44, B-4 nothing
    v = vectors["V33"]["inputs"]
    balances = np.array([[7_000_000.0, 3_000_000.0, 2_000_000.0, v["B4"], v["B5"], v["B6"]]])
    got = ordinary_losses_to_subordinates(np.array([v["loss"]]), balances)
    assert got[0] == pytest.approx([0, 0, 0, 0, 485_140.44, 1_514_859.56])


def test_v35_excess_loss_pro_rata(vectors):
    v = vectors["V35"]
    senior, subs = excess_loss_shares(
        np.array([v["inputs"]["excess_loss"]]),
        np.array([v["inputs"]["senior_nonPO"]]),
        np.array([v["inputs"]["B"]]),
    )
    assert senior[0] == pytest.approx(v["expected"]["senior"], rel=1e-9)
    assert subs[0] == pytest.approx(v["expected"]["B"], rel=1e-9)


def test_v36_fraud_limit_at_first_anniversary(vectors):
    v = vectors["V36"]["inputs"]
    rule = FraudLimit(fraction="0.01", variant="A", later_fraction="0.01")
    got = fraud_reset(
        rule,
        1,
        v["initial"],
        np.array([v["fraud_losses_allocated"]]),
        np.array([v["pool_at_anniv"]]),
    )
    assert got[0] == pytest.approx(vectors["V36"]["expected"]["new_limit"])


def test_v37_special_hazard_limit_at_anniversary(vectors):
    v = vectors["V37"]["inputs"]
    got = special_hazard_reset(
        SpecialHazardLimit(fraction="0.01"), v["initial"], np.array([v["sh_losses"]]),
        np.array([v["pool"]]), np.array([v["largest_loan"]]), np.array([v["largest_CA_zip"]]),
    )  # fmt: skip
    assert got[0] == pytest.approx(vectors["V37"]["expected"]["new_limit"])


@settings(max_examples=150, deadline=None)
@given(
    variant=st.sampled_from(["A", "B"]),
    anniversary=st.integers(0, 7),
    losses=st.floats(0, 10_000_000),
    pool=st.floats(0, 900_000_000),
    largest=st.floats(0, 5_000_000),
    zip_=st.floats(0, 10_000_000),
)
def test_vectorised_limit_resets_agree_with_scalar(
    variant, anniversary, losses, pool, largest, zip_
):
    initial = 7_572_416.56
    fraud = FraudLimit(fraction="0.01", variant=variant)
    scalar = float(fraud_limit_at_anniversary(fraud, anniversary, initial, losses, pool))
    vector = fraud_reset(fraud, anniversary, initial, np.array([losses]), np.array([pool]))[0]
    assert vector == pytest.approx(scalar, abs=0.01)  # the scalar truncates to the cent
    hazard = SpecialHazardLimit(fraction="0.01")
    scalar = float(
        special_hazard_limit_at_anniversary(hazard, initial, losses, pool, largest, zip_)
    )
    vector = special_hazard_reset(
        hazard, initial, np.array([losses]), np.array([pool]), np.array([largest]),
        np.array([zip_]),
    )[0]  # fmt: skip
    assert vector == pytest.approx(scalar, abs=0.01)


def test_within_limits_and_sequential_caps():
    assert within_limits(np.array([[8.0, 2.0, 0.0]]), np.array([[5.0, 4.0, 3.0]]))[0].tolist() == [
        5.0,
        2.0,
        0.0,
    ]
    assert sequential(np.array([25.0]), np.array([[10.0, 10.0, 10.0]]))[0].tolist() == [
        10.0,
        10.0,
        5.0,
    ]
