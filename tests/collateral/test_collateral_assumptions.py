"""Bad assumptions fail with an AssumptionError that names the field."""

from __future__ import annotations

import polars as pl
import pytest

from passthru.collateral import Assumptions, Default, Prepayment, project
from passthru.errors import AssumptionError, TapeError

TAPE = pl.DataFrame(
    {"current_balance": [1e5], "note_rate": [6.0], "original_term": [360], "remaining_term": [24]}
)


@pytest.mark.parametrize(
    ("build", "field", "words"),
    [
        (lambda: Assumptions.from_options(cpr=-1), "prepayment.value", "negative"),
        (lambda: Assumptions.from_options(smm=100.5), "prepayment.value", "over 100%"),
        (lambda: Assumptions.from_options(psa=-50), "prepayment.value", "negative"),
        (lambda: Assumptions.from_options(cdr=101), "default.value", "over 100%"),
        (lambda: Assumptions.from_options(mdr=float("nan")), "default.value", "not a number"),
        (lambda: Assumptions.from_options(sda=100, severity=120), "severity", "100%"),
        (lambda: Assumptions(severity=(10.0, -1.0)), "severity", "between"),
        (lambda: Assumptions.from_options(lag=-1), "lag", "negative"),
        (lambda: Assumptions.from_options(cpr=6, psa=100), "prepayment", "CPR and PSA"),
        (lambda: Assumptions.from_options(cdr=1, sda=100), "default", "CDR and SDA"),
        (lambda: Prepayment(kind="CPR", vector=(1.0, 200.0)), "prepayment.vector", "entry 2"),
        (lambda: Prepayment(kind="CPR", value=1, curve=(1.0,)), "prepayment", "exactly one"),
        (lambda: Default(kind="SDA", curve=()), "default.curve", "empty"),
        (lambda: Prepayment(kind="ABS", value=1), "prepayment.kind", "CPR"),
        (lambda: Assumptions(order="defaults_last"), "order", "standard"),
    ],
)
def test_bad_assumptions_name_the_field(build, field, words):
    with pytest.raises(AssumptionError) as caught:
        build()
    assert caught.value.field == field
    assert words in str(caught.value)


def test_vectors_shorter_than_the_projection_are_refused():
    short = Assumptions(prepayment=Prepayment(kind="SMM", vector=(1.0,) * 23))
    with pytest.raises(AssumptionError, match="23 entries; the projection runs 24") as caught:
        project(TAPE, short)
    assert caught.value.field == "prepayment.vector"
    with pytest.raises(AssumptionError) as caught:
        project(TAPE, Assumptions(severity=(20.0,) * 5))
    assert caught.value.field == "severity"


def test_age_curves_must_reach_the_loans_last_month():
    tape = TAPE.with_columns(pl.lit(120).alias("original_term"))  # age 96, last MONTH 120
    with pytest.raises(AssumptionError, match="MONTH 120") as caught:
        project(tape, Assumptions(default=Default(kind="MDR", curve=(1.0,) * 119)))
    assert caught.value.field == "default.curve"
    project(tape, Assumptions(default=Default(kind="MDR", curve=(1.0,) * 120)))


def test_every_pool_needs_assumptions():
    with pytest.raises(AssumptionError, match=r"\['all'\]") as caught:
        project(TAPE, {"I": Assumptions()})
    assert caught.value.field == "assumptions"


def test_assumptions_are_immutable():
    a = Assumptions.from_options(cpr=6)
    with pytest.raises(Exception, match="frozen"):
        a.lag = 3  # type: ignore[misc]


def test_unprojectable_loans_are_named():
    bad = pl.DataFrame(
        {
            "current_balance": [1e5, -5.0],
            "note_rate": [6.0, 6.0],
            "original_term": [360, 360],
            "remaining_term": [360, 0],
        }
    )
    with pytest.raises(TapeError) as caught:
        project(bad, Assumptions())
    found = {(i.row, i.column, i.rule) for i in caught.value.issues}
    assert found == {
        (2, "current_balance", "balance_positive"),
        (2, "remaining_term", "term_range"),
    }


POOLED = pl.DataFrame(
    {
        "source_row": [4, 9, 12],
        "pool": ["I", None, None],
        "current_balance": [1e5, 2e5, 3e5],
        "note_rate": [6.0, 6.0, 6.0],
        "net_rate": [5.75, 5.75, 5.75],
        "target_rate": [5.5, 5.5, 5.5],
        "premium": [True, True, True],
        "discount_fraction": [0.0, 0.0, 0.0],
        "io_strip_rate": [0.25, 0.25, 0.25],
        "original_term": [360, 360, 360],
        "remaining_term": [360, 360, 360],
    }
)


def test_pooled_loans_without_a_pool_are_refused_by_their_tape_row():
    # pool columns but some loans with no pool: never re-pooled as one pool "all"
    with pytest.raises(TapeError, match="2 loans have no pool") as caught:
        project(POOLED, Assumptions())
    found = {(i.row, i.column, i.rule) for i in caught.value.issues}
    assert found == {(9, "pool", "required"), (12, "pool", "required")}


def test_a_pooled_frame_needs_every_pool_column():
    with pytest.raises(TapeError) as caught:
        project(POOLED.drop("io_strip_rate", "target_rate").fill_null("I"), Assumptions())
    found = {(i.column, i.rule) for i in caught.value.issues}
    assert found == {("target_rate", "missing_column"), ("io_strip_rate", "missing_column")}


def test_a_tape_without_pool_columns_is_one_pool_all():
    plain = POOLED.select("pool", *TAPE.columns)  # stated pools, partly null, no strips
    result = project(plain, Assumptions())
    assert result.pools == ("all",)
    assert result.summary["original_balance"].to_list() == [6e5]


@pytest.mark.parametrize(
    ("severity", "shown"),
    [(20.0, "severity 20%"), (22.5, "severity 22.5%"), (0.00001, "severity 0.00001%")],
)
def test_describe_prints_the_severity_as_given(severity, shown):
    text = Assumptions.from_options(psa=150, sda=100, severity=severity, lag=12).describe()
    assert text == f"150 PSA, 100 SDA, {shown}, lag 12, advancing"
