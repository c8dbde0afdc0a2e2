"""Bucket keys, labels and the empty-size-row merge (cashflow-and-structure.md §3.5, V40)."""

import polars as pl
import pytest

from passthru.strats import buckets
from passthru.strats.buckets import SizeSpan, merge_empty_sizes


def _keys(expr: pl.Expr, column: str, values: list[float]) -> list[int]:
    return pl.DataFrame({column: values}).select(expr.alias("key"))["key"].to_list()


def _size_labels(balances: list[float]) -> list[str]:
    return [buckets.size_label(r) for r in _keys(buckets.size_row(), "current_balance", balances)]


def test_v40_balance_buckets_are_half_open_dollar_intervals():
    # V40: balances 149,999.50, 150,000.00, 199,999.99, 200,000.00
    assert _size_labels([149_999.5, 150_000.0, 199_999.99, 200_000.0]) == [
        "$149,999 and under",
        "$150,000 through $199,999",
        "$150,000 through $199,999",
        "$200,000 through $249,999",
    ]


def test_size_edges_and_open_ends():
    assert _size_labels([0.01, 149_999.99, 150_000.0, 949_999.99, 950_000.0, 5_000_000.0]) == [
        "$149,999 and under",
        "$149,999 and under",
        "$150,000 through $199,999",
        "$900,000 through $949,999",
        "$950,000 and over",
        "$950,000 and over",
    ]


def test_v40_ltv_rounds_to_three_decimals_then_closed_ranges():
    # V40: 65.0 and 65.0004 -> first row; 65.0005 (65.001 after rounding) and 75.0 -> second.
    rows = _keys(buckets.ltv_row(), "ltv", [65.0, 65.0004, 65.0005, 75.0])
    assert [buckets.ltv_label(r) for r in rows] == [
        "65.00% and below",
        "65.00% and below",
        "65.001% - 75.000%",
        "65.001% - 75.000%",
    ]


def test_ltv_rows_above_eighty_are_five_points_wide():
    ltvs = [65.001, 75.001, 80.0, 80.001, 85.0, 90.0, 90.001, 95.0, 95.001, 100.0, 100.001]
    labels = [buckets.ltv_label(r) for r in _keys(buckets.ltv_row(), "ltv", ltvs)]
    assert labels == [
        "65.001% - 75.000%",
        "75.001% - 80.000%",
        "75.001% - 80.000%",
        "80.001% - 85.000%",
        "80.001% - 85.000%",
        "85.001% - 90.000%",
        "90.001% - 95.000%",
        "90.001% - 95.000%",
        "95.001% - 100.000%",
        "95.001% - 100.000%",
        "100.001% - 105.000%",
    ]


def test_v40_rate_rows_are_half_a_point_wide():
    # V40: 5.5 -> 5.001-5.500; 5.501, 5.875, 6.0 -> 5.501-6.000; 6.001 -> 6.001-6.500.
    rows = _keys(buckets.rate_row(), "note_rate", [5.5, 5.501, 5.875, 6.0, 6.001])
    assert [buckets.rate_label(r) for r in rows] == [
        "5.001% - 5.500%",
        "5.501% - 6.000%",
        "5.501% - 6.000%",
        "5.501% - 6.000%",
        "6.001% - 6.500%",
    ]


def test_rate_label_shows_the_pools_extremes_at_the_ends():
    assert buckets.rate_label(5500, lowest=5375) == "5.375% - 5.500%"
    assert buckets.rate_label(8000, highest=7625) == "7.501% - 7.625%"


def test_thousandths_round_half_up_despite_binary_noise():
    # 65.0005 and 5.0005 are just below the half in binary; 6.4995 just above.
    frame = pl.DataFrame({"x": [65.0005, 65.0004, 5.0005, 6.4995, 7.0]})
    assert frame.select(buckets.thousandths("x"))["x"].to_list() == [
        65001,
        65000,
        5001,
        6500,
        7000,
    ]


# Size-row counts of the 2002-12 filing's pool II table before merging: rows
# $200,000-$249,999 and $800,000-$849,999 are empty.
POOL_II_COUNTS = [1, 1, 0, 2, 48, 75, 47, 27, 22, 18, 13, 12, 3, 4, 0, 1, 1, 8]


def _spans(counts: list[int]) -> list[SizeSpan]:
    return merge_empty_sizes({i: (c, c * 1000.0) for i, c in enumerate(counts) if c})


def test_empty_rows_merge_as_in_2002_12_pool_ii():
    spans = _spans(POOL_II_COUNTS)
    assert [s.label for s in spans] == [
        "$149,999 and under",
        "$150,000 through $249,999",
        "$250,000 through $299,999",
        "$300,000 through $349,999",
        "$350,000 through $399,999",
        "$400,000 through $449,999",
        "$450,000 through $499,999",
        "$500,000 through $549,999",
        "$550,000 through $599,999",
        "$600,000 through $649,999",
        "$650,000 through $699,999",
        "$700,000 through $749,999",
        "$750,000 through $799,999",
        "$800,000 through $899,999",
        "$900,000 through $949,999",
        "$950,000 and over",
    ]
    assert [s.count for s in spans] == [1, 1, 2, 48, 75, 47, 27, 22, 18, 13, 12, 3, 4, 1, 1, 8]


def test_no_empty_rows_keeps_all_eighteen():
    spans = _spans([13, 1, 5, 2, 172, 240, 168, 112, 79, 63, 52, 51, 4, 7, 6, 1, 4, 13])
    assert len(spans) == 18
    assert spans[0].label == "$149,999 and under"
    assert spans[-1].label == "$950,000 and over"


def test_tie_merges_into_the_following_row():
    counts = [1] * 18
    counts[1] = 0  # neighbours both hold 1 loan
    spans = _spans(counts)
    assert spans[1].label == "$150,000 through $249,999"
    assert spans[0].label == "$149,999 and under"


def test_merge_into_smaller_previous_row_and_into_open_ends():
    counts = [1, 0, 5] + [2] * 12 + [5, 0, 3]
    spans = _spans(counts)
    assert spans[0].label == "$199,999 and under"
    assert spans[0].count == 1
    assert spans[-1].label == "$900,000 and over"
    assert spans[-1].count == 3


def test_a_run_of_empty_rows_merges_until_none_is_left():
    # 149,999.99 | 150,000 and 199,999.99 | empty | 260,000 | empty ... | 1,200,000
    counts = [1, 2, 0, 1] + [0] * 13 + [1]
    spans = _spans(counts)
    assert [(s.label, s.count) for s in spans] == [
        ("$149,999 and under", 1),
        ("$150,000 through $199,999", 2),
        ("$200,000 through $299,999", 1),
        ("$300,000 and over", 1),
    ]


@pytest.mark.parametrize(
    ("first", "last", "label"),
    [
        (0, 0, "$149,999 and under"),
        (1, 1, "$150,000 through $199,999"),
        (14, 15, "$800,000 through $899,999"),
        (16, 17, "$900,000 and over"),
        (0, 17, "$0 and over"),
    ],
)
def test_span_labels(first, last, label):
    assert SizeSpan(first, last, 1, 1.0).label == label
