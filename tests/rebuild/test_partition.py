"""The discrete steps: nominal balances, table partitions, subsets and steering (by hand)."""

from __future__ import annotations

import numpy as np

from passthru.rebuild.partition import partition, pick, spread_nominal, steer


def test_nominal_balances_add_up_exactly_inside_their_row():
    rng = np.random.default_rng(1)
    values = spread_nominal(240, 9_072_504_200, 35_000_000, 39_999_999, rng)
    assert values.sum() == 9_072_504_200
    assert values.min() >= 35_000_000 and values.max() <= 39_999_999
    assert spread_nominal(1, 16_000_000, 15_000_000, 20_000_000, rng).tolist() == [16_000_000]


def test_partition_meets_counts_exactly_and_pins_one_loan_rows():
    values = np.array([100, 200, 300, 400, 500, 600], dtype=np.int64) * 100_000
    lo, hi = values - 2_000_000, values + 2_000_000
    pinned = np.zeros(6, dtype=bool)
    # Row 0: one loan of $410,000 (the $400,000 loan, pinned there); rows 1, 2: 2 and 3 loans.
    rows = partition(values, lo, hi, pinned, [1, 2, 3], [41_000_000, 70_000_000, 100_000_000])
    assert np.bincount(rows).tolist() == [1, 2, 3]
    assert rows[3] == 0 and values[3] == 41_000_000 and pinned[3]
    sums = np.bincount(rows, weights=values)
    # Exact splits exist (1 + 6 or 2 + 5 for row 1), and the swaps find one.
    assert sums.tolist() == [41_000_000, 70_000_000, 100_000_000]


def test_pick_finds_a_subset_near_the_target():
    values = np.array([5, 7, 11, 13, 17, 19, 23], dtype=float)
    chosen = pick(values, np.arange(7), 40.0)
    assert values[chosen].sum() == 40.0
    three = pick(values, np.arange(7), 53.0, 3)
    assert len(three) == 3 and values[three].sum() == 53.0


def test_steer_moves_eighths_until_the_weighted_rate_is_met():
    rng = np.random.default_rng(0)
    rates = np.array([6000, 6000, 6000, 6000])
    weights = np.array([1.0, 2.0, 3.0, 4.0])
    low, high = np.full(4, 5500), np.full(4, 7000)
    # Target weighted rate 6.2125: sum w r = 62,125 = 60,000 + 125 * 17 (17 = 4 + 4 + 4 + 3 + 2).
    moved = steer(rates, low, high, 125, weights, 62_125.0, np.ones(4, dtype=bool), rng)
    assert weights @ moved == 62_125
    assert ((moved - rates) % 125 == 0).all()
    assert (moved >= low).all() and (moved <= high).all()
