"""Printed figures to intervals of exact values, and table labels to attribute values (by hand)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from passthru.disclosure.filing import FilingFigure, figure_value
from passthru.rebuild.goals import centred, share_bounds
from passthru.rebuild.targets import Bounds, deal_for_filing, figure_bounds, read_targets


def _figure(key: str, printed: str, qualifier: str = "") -> FilingFigure:
    return FilingFigure(key, printed, figure_value(key, printed), qualifier)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("key", "printed", "qualifier", "expected"),
    [
        ("wa_note_rate", "6.462%", "", (6.4615, 6.4625, False, True)),
        ("wa_remaining_term", "356.84", "", (356.835, 356.845, False, True)),
        ("ltv_over_80_balance", "$7,103,322", "", (7_103_321.5, 7_103_322.5, False, True)),
        ("primary_residence_pct", "97%", "at least", (97, 98, False, True)),
        ("stated_income_pct", "5%", "no more than", (4, 5, True, False)),
        ("investment_pct", "0%", "no more than", (0, 0, False, False)),
        ("min_original_balance", "$16,000", "", (16_000, 16_001, False, True)),
        ("max_original_balance", "$1,000,000", "", (999_999, 1_000_000, True, False)),
        ("additional_collateral_wa_ltv", "80%", "", (79.95, 80.05, False, True)),
        (
            "aggregate_balance",
            "$452,246,359.98",
            "",
            (452_246_359.98, 452_246_359.98, False, False),
        ),
        ("additional_collateral_count", "7", "", (7, 7, False, False)),
    ],
)
def test_figure_bounds_follow_the_printing_rule(key, printed, qualifier, expected):
    b = figure_bounds(key, _figure(key, printed, qualifier))
    assert b is not None
    assert (b.lo, b.hi, b.lo_open, b.hi_open) == pytest.approx(expected)


def test_dates_and_yes_no_have_no_interval():
    assert figure_bounds("latest_maturity", _figure("latest_maturity", "December 1, 2032")) is None
    assert figure_bounds("any_ltv_over_95", _figure("any_ltv_over_95", "no")) is None


def test_table_labels_name_size_rows_rates_ltvs_states_and_types(filings):
    filing = filings["2002-12"]
    targets = read_targets(filing, deal_for_filing(filing))
    pool_ii = targets.pools[1].tables
    sizes = {r.label: r.value for r in pool_ii["size"]}
    assert sizes["$149,999 and under"] == (0, 0)
    assert sizes["$150,000 through $249,999"] == (1, 2)
    assert sizes["$800,000 through $899,999"] == (14, 15)
    assert sizes["$950,000 and over"] == (17, 17)
    assert [r.value for r in pool_ii["note_rate"]] == [(5625, 6000), (6001, 6500), (6501, 6750)]
    assert pool_ii["ltv"][0].value == (20_000, 65_000)
    assert pool_ii["ltv"][-1].value == (85_001, 90_000)
    assert {r.value for r in pool_ii["units"]} == {1, 2}
    assert pool_ii["property_type"][1].value == "multi_family"
    assert pool_ii["state"][2].value == "AR"
    assert targets.pools[0].count == 993 and targets.pools[0].cents == 45_224_635_998


def test_a_series_without_a_shipped_deal_gets_one_from_its_terms(filings):
    other = dataclasses.replace(filings["2002-12"], series="2099-1")
    deal = deal_for_filing(other)
    assert deal.name == "cmsi-2099-1"
    assert [p.original_term for p in deal.pools] == [(240, 360), (120, 180)]
    assert [p.target_rate for p in deal.pools] == [5.75, 5.25]
    assert deal.servicing_fee_rate == 0.25
    assert deal_for_filing(other, servicing_fee_rate=0.375).servicing_fee_rate == 0.375


def test_shares_turn_into_the_subsets_they_bound():
    # "at least 95%" full or streamlined and "no more than 5%" stated income: stated in (4, 5].
    shares = share_bounds(
        {
            "primary_residence_pct": Bounds(97, 98),
            "full_or_streamlined_pct": Bounds(95, 96),
            "stated_income_pct": Bounds(4, 5, lo_open=True, hi_open=False),
        }.get
    )
    assert (shares["non_primary"].lo, shares["non_primary"].hi) == (2, 3)
    assert (shares["stated_income"].lo, shares["stated_income"].hi) == (4, 5)
    assert shares["streamlined"] is None


def test_centred_aims_keep_the_whole_inside_its_interval():
    # 2003-2 stated income: pool I (2, 3], pool II (5, 6], all loans (2, 3]; the
    # middles 2.5 and 5.5 would give all loans (549.86 * 2.5 + 207.38 * 5.5) / 757.24 = 3.32.
    pool_i = Bounds(2, 3, lo_open=True, hi_open=False)
    pool_ii = Bounds(5, 6, lo_open=True, hi_open=False)
    whole = Bounds(2, 3, lo_open=True, hi_open=False)
    aims = centred([(549.86, pool_i), (207.38, pool_ii)], whole)
    mean = (549.86 * aims[0] + 207.38 * aims[1]) / (549.86 + 207.38)
    assert 2 < aims[0] <= 3 and 5 < aims[1] <= 6
    assert 2 < mean <= 3


def test_decimal_figures_read_as_numbers():
    assert figure_bounds("wa_ltv", _figure("wa_ltv", "63.8%")).mid == pytest.approx(63.8)  # type: ignore[union-attr]
    assert Decimal("80") == figure_value("additional_collateral_wa_ltv", "80.0%")
