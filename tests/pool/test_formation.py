import polars as pl
import pytest

from passthru.deal import load_deal
from passthru.pool import form_pools


def _tape(**cols):
    n = len(next(iter(cols.values())))
    base = {
        "loan_id": [f"L{i}" for i in range(n)],
        "pool": [None] * n,
        "note_rate": [6.0] * n,
        "servicing_fee_rate": [None] * n,
        "original_term": [360] * n,
        "remaining_term": [358] * n,
    }
    base.update(cols)
    return pl.DataFrame(
        base, schema_overrides={"pool": pl.String, "servicing_fee_rate": pl.Float64}
    )


def test_assignment_net_rate_and_strips():
    deal = load_deal("cmsi-2002-12")
    tape = _tape(
        note_rate=[6.0, 5.5, 6.5, 5.375, 5.5],
        original_term=[360, 360, 240, 180, 120],
        remaining_term=[358, 360, 239, 176, 120],
    )
    out = form_pools(tape, deal).loans
    assert out["pool"].to_list() == ["I", "I", "I", "II", "II"]
    assert out["net_rate"].to_list() == [5.75, 5.25, 6.25, 5.125, 5.25]
    assert out["premium"].to_list() == [True, False, True, False, True]
    assert out["discount_fraction"].to_list() == pytest.approx(
        [0.0, 0.5 / 5.75, 0.0, 0.125 / 5.25, 0.0]
    )
    assert out["io_strip_rate"].to_list() == pytest.approx([0.0, 0.0, 0.5, 0.0, 0.0])
    assert out["loan_age"].to_list() == [2, 0, 1, 4, 0]


def test_loan_fee_overrides_deal_default():
    out = form_pools(_tape(servicing_fee_rate=[0.375]), load_deal("cmsi-2002-12")).loans
    assert out["net_rate"].to_list() == [5.625]
    assert out["premium"].to_list() == [False]


def test_unmatched_and_unknown_pools_are_rejected_not_dropped():
    deal = load_deal("cmsi-2002-12")
    tape = _tape(
        original_term=[360, 200, 360], remaining_term=[360, 200, 360], pool=[None, None, "Z"]
    )
    result = form_pools(tape, deal)
    assert result.loans.height + result.rejected.height == 3
    assert sorted(i.rule for i in result.issues) == ["pool_no_match", "pool_unknown"]
    assert {i.row for i in result.issues} == {2, 3}


def test_rejections_name_the_pools_in_words():
    tape = _tape(original_term=[200, 360], remaining_term=[200, 360], pool=[None, "Z"])
    messages = {i.rule: i.message for i in form_pools(tape, load_deal("cmsi-2002-12")).issues}
    assert messages == {
        "pool_no_match": "original term fits no pool of cmsi-2002-12 "
        "(pool I: 240-360 months; pool II: 120-180 months)",
        "pool_unknown": "not a pool of cmsi-2002-12 (pools I, II)",
    }


def test_stated_pool_kept_with_warning():
    deal = load_deal("cmsi-2002-12")
    result = form_pools(_tape(pool=["II"]), deal)
    assert result.loans["pool"].to_list() == ["II"]
    assert [(i.rule, i.severity) for i in result.issues] == [("pool_term_range", "warning")]
