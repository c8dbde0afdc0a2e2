"""Decrement tables: anniversary rows, the "*" rule, half-up percents, WAL from closing."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest

from passthru.analytics import (
    decrement_table,
    decrement_values,
    first_distribution_date,
    pass_through_balances,
    pass_through_decrements,
    pass_through_grid,
    render_decrement_text,
)
from passthru.analytics.decrement import printed_life, printed_percent
from passthru.errors import AssumptionError, DealError

CLOSING = date(2003, 2, 24)
FIRST = date(2003, 3, 25)  # period k (0-based) is paid on the 25th, k months after March 2003


def _tiny_paths() -> np.ndarray:
    """Two speeds, 24 periods, initial balance 100.

    Speed "0": 100 through period 11, 2.5 from period 12 (February 25, 2004) to 23, 0 at
    period 24 (February 25, 2005). Speed "100": 0.3 from period 1 to 12, 0 from period 13.
    """
    slow = np.full(24, 100.0)
    slow[11:] = 2.5
    slow[23] = 0.0
    fast = np.zeros(24)
    fast[:12] = 0.3
    return np.stack([slow, fast])


def test_rows_are_the_anniversary_months_until_every_speed_is_retired():
    table = decrement_table(
        _tiny_paths(), 100.0, closing=CLOSING, first_distribution=FIRST, speeds=[0, 100]
    )
    assert table.columns == ["Distribution Date", "0%", "100%"]
    assert table.rows() == [
        ("Initial Percentage", "100", "100"),
        # 2.5% rounds half-up to 3 (not to even); 0.3% is more than 0 and less than 0.5%.
        ("February 25, 2004", "3", "*"),
        ("February 25, 2005", "0", "0"),
        # By hand, 30/360 years from February 24, 2003: Feb 25, 2004 is 361/360,
        # Feb 25, 2005 is 721/360, Mar 25, 2003 is 31/360, Mar 25, 2004 is 391/360.
        # (97.5 x 361 + 2.5 x 721) / 100 / 360 = 1.0278; (99.7 x 31 + 0.3 x 391) / 36000 = 0.0891.
        ("Weighted Average Life (years)", "1.03", "0.09"),
    ]


def test_values_keep_exact_figures_and_dates():
    values = decrement_values(
        _tiny_paths(), 100.0, closing=CLOSING, first_distribution=FIRST, speeds=[0, 100]
    )
    assert values["date"].to_list() == [None, date(2004, 2, 25), date(2005, 2, 25), None]
    assert values["0%"].to_list()[:3] == [100.0, 2.5, 0.0]
    assert values["0%"][3] == pytest.approx(37000 / 36000)
    assert values["100%"][3] == pytest.approx(3208 / 36000)


def test_a_class_retired_after_the_data_ends_reaches_a_zero_row():
    path = np.array([[90.0] * 12 + [0.0]])  # retired on March 25, 2004, before Feb 2005
    table = decrement_table(path, 100.0, closing=CLOSING, first_distribution=FIRST, speeds=[50])
    assert table["Distribution Date"].to_list() == [
        "Initial Percentage",
        "February 25, 2004",
        "February 25, 2005",
        "Weighted Average Life (years)",
    ]
    assert table["50%"].to_list()[:3] == ["100", "90", "0"]
    # (10 x 31 + 90 x 391) / 100 / 360 = 35500/36000 = 0.9861
    assert table["50%"][3] == "0.99"


@pytest.mark.parametrize(
    ("percent", "printed"),
    [(0.0, "0"), (1e-9, "*"), (0.49, "*"), (0.5, "1"), (1.5, "2"), (2.5, "3"), (99.5, "100")],
)
def test_printed_percent_is_whole_half_up_with_a_star_below_one_half(percent, printed):
    assert printed_percent(percent) == printed


def test_printed_life_has_two_decimals_half_up():
    assert printed_life(4.125) == "4.13"
    assert printed_life(10.0) == "10.00"


def _level_payment_balance(balance, note_rate, remaining, k):
    """SF-4: BAL(M - k) / BAL(M) of the level-payment schedule, times the balance."""
    r = note_rate / 1200.0
    left = np.maximum(remaining - k, 0)
    return balance * (1 - (1 + r) ** -left) / (1 - (1 + r) ** -remaining)


def test_at_zero_psa_the_pass_through_follows_scheduled_amortisation():
    loans = pl.DataFrame(
        {
            "current_balance": [400_000.0, 250_000.0, 125_000.0],
            "note_rate": [6.5, 7.125, 5.875],
            "original_term": [360, 360, 180],
            "remaining_term": [358, 300, 170],
        }
    )
    tables = pass_through_decrements(loans, [0, 300], closing=CLOSING, first_distribution=FIRST)
    assert list(tables) == ["pass-through"]  # a plain tape is one pool
    values = tables["pass-through"]
    initial = 775_000.0
    for row in values.filter(pl.col("date").is_not_null()).iter_rows(named=True):
        k = (row["date"].year - 2003) * 12 + row["date"].month - 3 + 1  # periods paid
        expected = sum(
            _level_payment_balance(b, c, m, k)
            for b, c, m in zip(
                *(loans[x] for x in ("current_balance", "note_rate", "remaining_term")), strict=True
            )
        )
        assert row["0%"] == pytest.approx(100.0 * expected / initial, abs=1e-9)
    assert values["date"].drop_nulls()[-1] == date(2033, 2, 25)  # after the 358-month loan
    assert values["300%"][1] < values["0%"][1]


def test_first_distribution_is_the_distribution_day_after_the_cut_off_month():
    assert first_distribution_date(date(2003, 2, 1), 25) == FIRST
    assert first_distribution_date(date(2002, 12, 1), 25) == date(2003, 1, 25)


def test_a_class_not_retired_by_the_last_date_is_refused():
    with pytest.raises(AssumptionError, match="project until the class is retired"):
        decrement_values(
            np.array([[50.0, 40.0]]), 100.0, closing=CLOSING, first_distribution=FIRST, speeds=[0]
        )
    with pytest.raises(AssumptionError, match=r"at 0% PSA is \$1,234,567\.50 after"):
        decrement_values(
            np.array([[2e6, 1_234_567.5]]), 3e6, closing=CLOSING, first_distribution=FIRST,
            speeds=[0],
        )  # fmt: skip


def test_one_path_per_speed_is_required():
    with pytest.raises(AssumptionError, match="one row per speed"):
        decrement_values(
            _tiny_paths(), 100.0, closing=CLOSING, first_distribution=FIRST, speeds=[0]
        )


def test_first_distribution_must_follow_closing():
    with pytest.raises(DealError, match="first_distribution"):
        decrement_values(
            _tiny_paths(), 100.0, closing=FIRST, first_distribution=CLOSING, speeds=[0, 100]
        )


def test_text_layout_has_the_prospectus_headings_and_right_aligned_figures():
    table = decrement_table(
        _tiny_paths(), 100.0, closing=CLOSING, first_distribution=FIRST, speeds=[0, 100]
    )
    lines = render_decrement_text("A-1", table).splitlines()
    assert lines[0].strip() == "Percent of Initial Class Balance Outstanding"
    assert lines[1].strip() == "Class A-1"
    assert lines[3].strip() == "PSA Prepayment Assumption"
    assert lines[5].split() == ["Distribution", "Date", "0%", "100%"]
    star_row = next(line for line in lines if line.startswith("February 25, 2004"))
    assert star_row.split()[-2:] == ["3", "*"]
    assert len({len(line) for line in lines[5:]}) == 1  # every row ends in the same column
    assert lines[-1].startswith("Weighted Average Life (years)")


def test_each_pool_is_a_pass_through_class_of_its_own():
    loans = pl.DataFrame(
        {
            "current_balance": [300_000.0, 100_000.0],
            "note_rate": [6.0, 6.0],
            "original_term": [360, 180],
            "remaining_term": [12, 24],
            "pool": ["I", "II"],
            "net_rate": [5.75, 5.75],
            "target_rate": [5.75, 5.25],
            "premium": [False, True],
            "discount_fraction": [0.0, 0.0],
            "io_strip_rate": [0.0, 0.5],
        }
    )
    tables = pass_through_decrements(loans, [0], closing=CLOSING, first_distribution=FIRST)
    assert list(tables) == ["pass-through", "pass-through-I", "pass-through-II"]
    # Pool I pays off on its 12th date (February 25, 2004); pool II is then at
    # BAL(12)/BAL(24) of a 6% level-payment schedule; all loans are the balance-weighted mix.
    pool_ii = 100.0 * _level_payment_balance(1.0, 6.0, 24, 12)
    assert tables["pass-through-I"]["0%"][1] == 0.0
    assert tables["pass-through-II"]["0%"][1] == pytest.approx(pool_ii)
    assert tables["pass-through"]["0%"][1] == pytest.approx(pool_ii * 100_000 / 400_000)
    with pytest.raises(DealError, match="without the certificate waterfall"):
        pass_through_decrements(
            loans, [0], closing=CLOSING, first_distribution=FIRST, names=["A-1"]
        )


def test_a_pass_through_grid_gives_the_decrements_and_balances_of_one_projection(monkeypatch):
    loans = pl.DataFrame(
        {
            "current_balance": [400_000.0, 250_000.0],
            "note_rate": [6.5, 7.125],
            "original_term": [360, 360],
            "remaining_term": [24, 12],
        }
    )
    grid = pass_through_grid(loans, [0, 300])
    monkeypatch.setattr("passthru.analytics.decrement.project_grid", None)  # no second run
    tables = pass_through_decrements(grid, [0, 300], closing=CLOSING, first_distribution=FIRST)
    balances, initial = pass_through_balances(grid)
    assert initial == 650_000.0 and balances.shape == (2, 24)
    # at 0% PSA, 12 payments later only the 24-month loan is left, at BAL(12)/BAL(24)
    left = _level_payment_balance(400_000.0, 6.5, 24, 12)
    assert balances[0, 11] == pytest.approx(left)
    assert tables["pass-through"]["0%"][1] == pytest.approx(100.0 * left / 650_000.0)
