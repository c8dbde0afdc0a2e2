"""Invariants on random small tapes and assumptions (SF-17 e, conservation of principal)."""

from __future__ import annotations

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from passthru.collateral import Assumptions, project

loan = st.tuples(
    st.floats(1_000, 2_000_000, allow_nan=False).map(lambda x: round(x, 2)),
    st.sampled_from([0.0, 3.5, 5.25, 6.0, 7.875, 12.0]),
    st.sampled_from([120, 180, 240, 360]),
    st.integers(0, 200),
)
tapes = st.lists(loan, min_size=1, max_size=6).map(
    lambda loans: pl.DataFrame(
        {
            "current_balance": [b for b, *_ in loans],
            "note_rate": [r for _, r, *_ in loans],
            "original_term": [t for _, _, t, _ in loans],
            "remaining_term": [max(1, t - min(a, t - 1)) for _, _, t, a in loans],
        }
    )
)
assumptions = st.builds(
    lambda prepay, default, severity, lag, advancing, order: Assumptions.from_options(
        **prepay, **default, severity=severity, lag=lag, advancing=advancing, order=order
    ),
    st.one_of(
        st.builds(lambda x: {"cpr": x}, st.floats(0, 100)),
        st.builds(lambda x: {"smm": x}, st.floats(0, 100)),
        st.builds(lambda x: {"psa": x}, st.floats(0, 3000)),
    ),
    st.one_of(
        st.builds(lambda x: {"cdr": x}, st.floats(0, 100)),
        st.builds(lambda x: {"mdr": x}, st.floats(0, 100)),
        st.builds(lambda x: {"sda": x}, st.floats(0, 5000)),
    ),
    st.floats(0, 100),
    st.integers(0, 24),
    st.booleans(),
    st.sampled_from(["standard", "surviving_balance"]),
)
SETTINGS = settings(max_examples=60, deadline=None)


@SETTINGS
@given(tapes, assumptions)
def test_no_balance_is_ever_negative(tape, a):
    f = project(tape, a).frame
    for column in (
        "performing_balance",
        "foreclosure_balance",
        "prepayments",
        "new_defaults",
        "actual_amortization",
        "recoveries",
        "losses",
        "liquidated_balance",
    ):
        assert f[column].min() >= 0, column


@SETTINGS
@given(tapes, assumptions)
def test_defaults_prepayments_and_amortisation_never_exceed_the_prior_balance(tape, a):
    f = project(tape, a).frame
    prior = np.concatenate(([tape["current_balance"].sum()], f["performing_balance"][:-1]))
    taken = f["new_defaults"] + f["prepayments"] + f["actual_amortization"]
    assert np.all(taken.to_numpy() <= prior * (1 + 1e-12) + 1e-9)


@SETTINGS
@given(tapes, assumptions, st.one_of(st.none(), st.integers(1, 400)))
def test_every_dollar_is_accounted_for_to_the_cent(tape, a, months):
    result = project(tape, a, months=months)
    s = result.summary.row(0, named=True)
    accounted = (
        s["actual_amortization"]
        + s["defaulted_amortization"]
        + s["prepayments"]
        + s["recoveries"]
        + s["losses"]
        + s["ending_balance"]
    )
    assert abs(accounted - tape["current_balance"].sum()) < 0.005  # to the cent


@settings(max_examples=25, deadline=None)
@given(
    tapes, st.floats(0, 5), st.floats(0, 3), st.floats(0, 100), st.integers(0, 15), st.booleans()
)
def test_kernel_matches_the_recursion_read_loan_by_loan(
    recursion, tape, smm, mdr, severity, lag, advancing
):
    a = Assumptions.from_options(smm=smm, mdr=mdr, severity=severity, lag=lag, advancing=advancing)
    f = project(tape, a).frame
    expected = np.zeros(f.height)
    for row in tape.iter_rows(named=True):
        flows = recursion.loan_flows(
            row["current_balance"],
            row["note_rate"],
            row["note_rate"],
            row["remaining_term"],
            row["original_term"] - row["remaining_term"],
            lambda _k, _m: smm / 100,
            lambda _k, _m: mdr / 100,
            severity / 100,
            lag,
            advancing,
        )
        expected[: len(flows)] += [r["prepayments"] + r["losses"] for r in flows]
    got = (f["prepayments"] + f["losses"]).to_numpy()
    np.testing.assert_allclose(got, expected, rtol=1e-8, atol=1e-6)
