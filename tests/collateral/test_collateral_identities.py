"""The standard's identities, its recursion on seasoned loans, strips and pools (SF-4 to SF-19)."""

from __future__ import annotations

import itertools

import numpy as np
import polars as pl
import pytest

from passthru.collateral import Assumptions, Prepayment, project, project_grid
from passthru.errors import AssumptionError
from passthru.money import cents


def _tape(balances, notes, originals, remainings, fees=None):
    n = len(balances)
    return pl.DataFrame(
        {
            "current_balance": [float(b) for b in balances],
            "note_rate": [float(x) for x in notes],
            "servicing_fee_rate": [0.0] * n if fees is None else [float(f) for f in fees],
            "original_term": originals,
            "remaining_term": remainings,
        }
    )


SEASONED = _tape(
    [250_000.00, 410_333.33, 99_999.99, 1_000_000.00],
    [6.0, 7.125, 5.5, 0.0],
    [360, 360, 180, 120],
    [340, 355, 100, 60],
    fees=[0.25, 0.5, 0.25, 0.0],
)


def test_actual_plus_defaulted_amortisation_is_expected(sf_loans):
    result = project(sf_loans, Assumptions.from_options(psa=200, sda=300, severity=35, lag=6))
    f = result.frame
    gap = (
        f["actual_amortization"] + f["defaulted_amortization"] - f["expected_amortization"]
    ).abs()
    assert gap.max() < 1e-6
    assert f["new_defaults"].sum() > 0 and f["defaulted_amortization"].sum() > 0


def test_pool_amortises_exactly_to_zero_without_prepayments_or_defaults():
    result = project(SEASONED, Assumptions())
    f = result.frame
    assert f["performing_balance"][-1] == 0.0
    assert cents(f["actual_amortization"].sum()) == cents(SEASONED["current_balance"].sum())
    assert f["prepayments"].sum() == 0 and f["new_defaults"].sum() == 0
    # every loan's last payment falls in its own last month: 60, 100, 340, 355
    balance = f["performing_balance"].to_list()
    assert balance[353] > 0 and balance[354] == 0.0


def test_a_100_percent_smm_month_leaves_nothing():
    result = project(SEASONED, Assumptions.from_options(smm=100))
    f = result.frame
    assert f["performing_balance"][0] == 0.0
    assert cents(f["actual_amortization"][0] + f["prepayments"][0]) == cents(
        SEASONED["current_balance"].sum()
    )
    assert f["principal_paid"][1:].sum() == 0.0


def test_higher_psa_never_raises_cumulative_defaults_under_the_standard_order(sf_loans):
    speeds = [0, 50, 100, 150, 200, 300, 500, 1000]
    grid = project_grid(
        sf_loans,
        [Assumptions.from_options(psa=s, sda=200, severity=20, lag=12) for s in speeds],
    )
    defaults = grid.summary["cumulative_defaults_pct"].to_list()
    assert all(a > b for a, b in itertools.pairwise(defaults)), defaults


@pytest.mark.parametrize(
    ("advancing", "order", "lag"),
    [(True, "standard", 12), (False, "standard", 3), (True, "surviving_balance", 0)],
)
def test_seasoned_loans_follow_the_recursion_loan_by_loan(recursion, advancing, order, lag):
    """PSA/SDA follow each loan's MONTH = age + k; each loan amortises on its own terms."""
    assumptions = Assumptions.from_options(
        psa=250, cdr=4, severity=40, lag=lag, advancing=advancing, order=order
    )
    result = project(SEASONED, assumptions).frame
    mdr = 1 - (1 - 0.04) ** (1 / 12)
    expected: dict[str, np.ndarray] = {}
    for row in SEASONED.iter_rows(named=True):
        flows = recursion.loan_flows(
            row["current_balance"],
            row["note_rate"],
            row["note_rate"] - row["servicing_fee_rate"],
            row["remaining_term"],
            row["original_term"] - row["remaining_term"],
            lambda _k, m: recursion.psa_smm(250, m),
            lambda _k, _m: mdr,
            0.40,
            lag,
            advancing,
            surviving=order == "surviving_balance",
        )
        for column in flows[0]:
            series = np.zeros(result.height)
            series[: len(flows)] = [r[column] for r in flows]
            expected[column] = expected.get(column, 0) + series
    for column, values in expected.items():
        np.testing.assert_allclose(result[column].to_numpy(), values, rtol=1e-9, atol=1e-7)


def test_first_month_prepayment_uses_month_age_plus_one():
    """SF-6: a loan aged 16 at the cut-off is in MONTH 17 during the first projected month."""
    tape = _tape([100_000.0], [9.5], [360], [344])
    first = project(tape, Assumptions.from_options(psa=150)).frame.row(0, named=True)
    scheduled = 100_000.0 - first["actual_amortization"]
    assert first["prepayments"] / scheduled == pytest.approx(0.004352706094, rel=1e-9)


def test_no_new_defaults_in_a_loans_last_lag_months():
    tape = _tape([100_000.0, 100_000.0], [6.0, 6.0], [360, 180], [30, 20])
    f = project(tape, Assumptions.from_options(mdr=2, severity=10, lag=8)).frame
    defaults = f["new_defaults"].to_list()
    # the 20-month loan defaults in months 1-12, the 30-month loan in months 1-22
    assert all(d > 0 for d in defaults[:22]) and all(d == 0 for d in defaults[22:])
    assert f["new_defaults"][12] < f["new_defaults"][11] / 1.5


def test_no_advancing_means_no_advances_and_liquidation_at_the_defaulted_balance(sf_loans):
    run = project(sf_loans, Assumptions.from_options(cdr=5, severity=100, lag=4, advancing=False))
    f = run.frame
    assert f["advanced_principal"].sum() == 0 and f["advanced_interest"].sum() == 0
    assert f["defaulted_amortization"].sum() == 0
    assert f["recoveries"].sum() == 0  # 100% severity: nothing comes back
    assert f["losses"][4] == pytest.approx(f["new_defaults"][0], rel=1e-12)
    assert f["interest_paid"].sum() == pytest.approx(f["actual_interest"].sum())


def test_strips_split_principal_and_interest():
    """§2.2: discount fraction of a discount loan is PO; premium loans feed the IO strip."""
    pooled = pl.DataFrame(
        {
            "pool": ["I", "I"],
            "current_balance": [300_000.0, 200_000.0],
            "note_rate": [6.5, 5.5],
            "servicing_fee_rate": [0.25, 0.25],
            "net_rate": [6.25, 5.25],
            "target_rate": [5.75, 5.75],
            "premium": [True, False],
            "discount_fraction": [0.0, 0.5 / 5.75],
            "io_strip_rate": [0.5, 0.0],
            "original_term": [360, 360],
            "remaining_term": [360, 360],
        }
    )
    assumptions = Assumptions.from_options(cpr=8, cdr=1, severity=30, lag=2)
    f = project(pooled, assumptions).frame
    first = f.row(0, named=True)
    # month 1: premium loan's target-rate interest on its balance, discount loan's net interest
    mdr = 1 - 0.99 ** (1 / 12)
    premium_paying = 300_000.0 * (1 - mdr)
    discount_paying = 200_000.0 * (1 - mdr)
    assert first["io_interest"] == pytest.approx(premium_paying * 0.5 / 1200)
    assert first["tr_interest"] == pytest.approx(
        premium_paying * 5.75 / 1200 + discount_paying * 5.25 / 1200
    )
    totals = f.select(pl.exclude("period", "pool").sum()).row(0, named=True)
    discount_only = project(pooled.filter(~pl.col("premium")), assumptions).frame
    for x in ("prepayments", "recoveries", "losses", "actual_amortization", "new_defaults"):
        if x != "new_defaults":
            assert totals[f"po_{x}"] == pytest.approx(discount_only[x].sum() * 0.5 / 5.75), x
            assert totals[f"po_{x}"] + totals[f"tr_{x}"] == pytest.approx(totals[x])
        assert discount_only[x].sum() > 0, x


def test_assumptions_differ_by_pool_and_total_adds_up():
    pooled = pl.DataFrame(
        {
            "pool": ["I", "II"],
            "current_balance": [500_000.0, 500_000.0],
            "note_rate": [6.0, 6.0],
            "net_rate": [5.75, 5.75],
            "target_rate": [5.75, 5.25],
            "premium": [True, True],
            "discount_fraction": [0.0, 0.0],
            "io_strip_rate": [0.0, 0.5],
            "original_term": [360, 180],
            "remaining_term": [360, 180],
        }
    )
    result = project(
        pooled,
        {"I": Assumptions.from_options(smm=1), "II": Assumptions.from_options(smm=2)},
    )
    pool_i, pool_ii, total = (result.pool(p) for p in ("I", "II", "total"))
    assert pool_ii["prepayments"][0] / pool_i["prepayments"][0] == pytest.approx(
        2.0
        * (500_000 - pool_ii["actual_amortization"][0])
        / (500_000 - pool_i["actual_amortization"][0]),
        rel=1e-12,
    )
    np.testing.assert_allclose(
        total["principal_paid"].to_numpy(),
        pool_i["principal_paid"].to_numpy() + pool_ii["principal_paid"].to_numpy(),
    )
    assert result.summary["pool"].to_list() == ["I", "II", "total"]


def test_vectors_by_projection_month_and_curves_by_age():
    tape = _tape([100_000.0], [6.0], [360], [340])  # age 20
    by_month = Assumptions(
        prepayment=Prepayment(kind="SMM", vector=tuple([0.0, 5.0] + [0.0] * 338))
    )
    f = project(tape, by_month).frame
    assert f["prepayments"][0] == 0 and f["prepayments"][1] > 0 and f["prepayments"][2:].sum() == 0
    curve = [0.0] * 360
    curve[21] = 5.0  # MONTH 22 is the second projected month of a loan aged 20
    by_age = Assumptions(prepayment=Prepayment(kind="SMM", curve=tuple(curve)))
    g = project(tape, by_age).frame
    assert g["prepayments"].to_list() == pytest.approx(f["prepayments"].to_list())


def test_horizon_cut_keeps_the_balance_in_the_conservation():
    run = project(
        SEASONED, Assumptions.from_options(psa=100, sda=100, severity=25, lag=6), months=24
    )
    assert run.frame["period"].max() == 24
    assert run.summary["ending_balance"][0] > 0
    assert abs(run.conservation_gap()["gap"][0]) < 0.005


def test_a_grid_of_no_scenarios_is_refused(sf_loans):
    with pytest.raises(AssumptionError, match="no scenarios"):
        project_grid(sf_loans, [])


def test_discount_loans_balances_are_summed_apart_for_the_io_notional():
    """§2.2: the kernel sums the whole balances of the discount loans (a PO strip), so the
    premium loans' balance is the pool's less theirs: the same as projecting them alone."""
    pooled = pl.DataFrame(
        {
            "pool": ["I", "I", "I"],
            "current_balance": [300_000.0, 200_000.0, 150_000.0],
            "note_rate": [6.5, 5.5, 5.75],
            "servicing_fee_rate": [0.25, 0.25, 0.25],
            "net_rate": [6.25, 5.25, 5.5],
            "target_rate": [5.75, 5.75, 5.75],
            "premium": [True, False, False],
            "discount_fraction": [0.0, 0.5 / 5.75, 0.25 / 5.75],
            "io_strip_rate": [0.5, 0.0, 0.0],
            "original_term": [360, 360, 360],
            "remaining_term": [360, 350, 300],
        }
    )
    assumptions = Assumptions.from_options(cpr=8, cdr=2, severity=30, lag=3, advancing=False)
    f = project(pooled, assumptions).frame
    alone = project(pooled.filter(~pl.col("premium")), assumptions, months=360).frame
    premium = project(pooled.filter(pl.col("premium")), assumptions).frame
    for x in ("performing_balance", "foreclosure_balance"):
        np.testing.assert_allclose(f[f"discount_{x}"], alone[x], rtol=1e-12, atol=1e-9)
        np.testing.assert_allclose(f[x] - f[f"discount_{x}"], premium[x], rtol=1e-12, atol=1e-6)
    assert alone["foreclosure_balance"].max() > 0  # defaults wait 3 months to liquidate
    plain = project(SEASONED, assumptions).frame  # one pool "all": no discount loans
    assert plain["discount_performing_balance"].abs().max() == 0.0
