"""The standard's published sample tables, reproduced to the printed figure (SF-21 to SF-38)."""

from __future__ import annotations

import polars as pl
import pytest

from passthru.collateral import Assumptions, default_matrix, matrix_table, project
from passthru.collateral.rates import amortized_balance
from passthru.money import round_half_up, whole_dollars

DOLLARS = (
    "performing_balance",
    "new_defaults",
    "foreclosure_balance",
    "expected_amortization",
    "prepayments",
    "defaulted_amortization",
    "actual_amortization",
    "expected_interest",
    "lost_interest",
    "actual_interest",
    "recoveries",
    "losses",
    "liquidated_balance",
)
TOTALLED = (
    "new_defaults",
    "expected_amortization",
    "prepayments",
    "defaulted_amortization",
    "actual_amortization",
    "recoveries",
    "losses",
    "liquidated_balance",
)
CASH_FLOWS = {
    "cash_flow_a": dict(smm=1, mdr=1, severity=20, lag=12),
    "cash_flow_b": dict(psa=150, sda=100, severity=20, lag=12),
}


@pytest.fixture(scope="module", params=sorted(CASH_FLOWS))
def cash_flow(request, sf_loans, published):
    result = project(sf_loans, Assumptions.from_options(**CASH_FLOWS[request.param]))
    return published(request.param), result


def _printed(value: str | None) -> int:
    return 0 if value in (None, "") else int(value)


def test_every_monthly_row_to_the_dollar(cash_flow):
    table, result = cash_flow
    months = table.filter(~pl.col("month").is_in(["0", "total"]))
    assert months.height == 360 == result.frame.height
    for printed, mine in zip(
        months.iter_rows(named=True), result.frame.iter_rows(named=True), strict=True
    ):
        assert int(printed["month"]) == mine["period"]
        for column in DOLLARS:
            assert whole_dollars(mine[column]) == _printed(printed[column]), (
                mine["period"],
                column,
            )


def test_amortisation_factor_to_four_decimals(cash_flow):
    table, _ = cash_flow
    months = table.filter(~pl.col("month").is_in(["0", "total"]))
    # The printed factor is the scheduled balance (no prepayments) at the month's end.
    for month, printed in zip(months["month"], months["amort_factor"], strict=True):
        factor = amortized_balance(8.0, 360, 360 - int(month))
        assert float(round_half_up(factor, 4)) == float(printed), month


def test_life_totals_to_the_dollar(cash_flow):
    table, result = cash_flow
    printed = table.filter(pl.col("month") == "total").row(0, named=True)
    summary = result.summary.row(0, named=True)
    for column in TOTALLED:
        assert whole_dollars(summary[column]) == int(printed[column]), column


def test_sf21_cumulative_default_matrix(sf_loans, published):
    table = published("sf21_cumulative_defaults")
    psa = [float(x) for x in table["psa"]]
    sda = [float(c.removeprefix("sda_")) for c in table.columns[1:]]
    matrix = default_matrix(sf_loans, psa=psa, sda=sda, severity=20, lag=12, advancing=True)
    mine = matrix_table(matrix)
    assert mine.columns == table.columns
    for printed, row in zip(table.iter_rows(), mine.iter_rows(), strict=True):
        assert float(printed[0]) == row[0]
        assert [str(round_half_up(x, 2)) for x in row[1:]] == list(printed[1:]), printed[0]


def test_matrix_losses_are_the_same_runs_losses(sf_loans):
    """The loss matrix (SF-17 i) cell for 150 PSA / 100 SDA is Cash Flow B's loss total."""
    matrix = default_matrix(sf_loans, psa=[150], sda=[100], severity=20, lag=12)
    run = project(sf_loans, Assumptions.from_options(psa=150, sda=100, severity=20, lag=12))
    assert matrix["cumulative_losses_pct"][0] == pytest.approx(
        run.summary["cumulative_losses_pct"][0], rel=1e-12
    )
    # Cash Flow B prints total losses of 555,201 on 100,000,000.
    assert whole_dollars(matrix["cumulative_losses_pct"][0] * 1e6) == 555_201
