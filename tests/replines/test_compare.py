"""Rep-line cash flows against loan-level ones: exactness, conservation and the report."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from passthru.collateral import Assumptions, project
from passthru.pool import form_pools
from passthru.replines import compare_rep_lines, rep_lines
from passthru.tape.synthetic import synthetic_tape

CUT_OFF = date(2002, 12, 1)
CENT = 0.005
DIFFERENCES = (
    "balance_max_abs_diff",
    "principal_max_abs_diff",
    "interest_max_abs_diff",
    "wal_diff_years",
    "total_cash_diff",
)


@pytest.fixture(scope="module")
def synthetic(deal) -> pl.DataFrame:
    """400 invented loans in both pools, premium and discount, pooled under CMSI 2002-12."""
    return form_pools(synthetic_tape(400, deal=deal, seed=11), deal).loans


def _strip_amounts(frame: pl.DataFrame) -> pl.DataFrame:
    """Per pool: cut-off balance, PO strip balance and the IO strip's monthly interest."""
    balance = pl.col("current_balance")
    return (
        frame.group_by("pool")
        .agg(
            balance.sum().alias("balance"),
            (balance * pl.col("discount_fraction")).sum().alias("po"),
            (balance * pl.col("io_strip_rate") / 1200).sum().alias("io"),
        )
        .sort("pool")
    )


def test_a_line_per_loan_reproduces_loan_level_cash_flows_to_the_cent(synthetic):
    lines = rep_lines(synthetic, ["loan_id"], cut_off=CUT_OFF)
    assert lines.height == synthetic.height
    report = compare_rep_lines(synthetic, lines)
    assert report.select("psa").unique().sort("psa")["psa"].to_list() == [100.0, 300.0]
    assert set(report["pool"]) == {"I", "II", "total"}
    for column in DIFFERENCES:
        assert report[column].max() < CENT, column
    assert (report["loans"] == report["rep_lines"]).all()


def test_identical_loans_project_as_their_sum(pooled, loan):
    loans = pooled(
        loan("A", 100_000.0, 6.5, 357),
        loan("B", 200_000.0, 6.5, 357),
        loan("C", 300_000.0, 6.5, 357),
    )
    lines = rep_lines(loans, ["pool"], cut_off=CUT_OFF)
    assert lines["loan_count"].to_list() == [3]
    assumptions = Assumptions.from_options(psa=150)
    by_loan, by_line = project(loans, assumptions).frame, project(lines, assumptions).frame
    # Month 1 interest at the 6.25% net rate and the IO strip's 0.50% on 600,000.
    assert by_line["interest_paid"][0] == pytest.approx(600_000 * 6.25 / 1200, abs=1e-9)
    assert by_line["io_interest"][0] == pytest.approx(600_000 * 0.5 / 1200, abs=1e-9)
    columns = ["performing_balance", "principal_paid", "interest_paid", "io_interest"]
    for column in columns:
        assert by_line[column].to_list() == pytest.approx(by_loan[column].to_list(), abs=1e-6)


@pytest.mark.parametrize(
    ("by", "steps"),
    [
        (["pool"], {}),
        (["rate"], {"rate_step": 0.5}),
        (["remaining_term"], {"term_step": 60}),
        (["state", "occupancy"], {}),
        (["net_rate", "age"], {}),
        (["original_term"], {}),
    ],
)
def test_any_grouping_keeps_balances_and_strips(synthetic, by, steps):
    lines = rep_lines(synthetic, by, cut_off=CUT_OFF, **steps)
    assert lines["loan_count"].sum() == synthetic.height
    expected, got = _strip_amounts(synthetic), _strip_amounts(lines)
    assert got["pool"].to_list() == expected["pool"].to_list()
    for column in ("balance", "po", "io"):
        assert got[column].to_list() == pytest.approx(expected[column].to_list(), abs=CENT)


def test_strip_amounts_by_hand(pooled, loan):
    loans = pooled(
        loan("D1", 100_000.0, 5.5, 360),  # net 5.25: PO 0.50/5.75 of principal
        loan("D2", 300_000.0, 5.75, 350),  # net 5.50: PO 0.25/5.75
        loan("P1", 200_000.0, 6.5, 300),  # net 6.25: IO strip 0.50%
        loan("P2", 200_000.0, 6.25, 240),  # net 6.00: IO strip 0.25%
    )
    discount, premium = rep_lines(loans, ["pool"], cut_off=CUT_OFF).iter_rows(named=True)
    po = (100_000 * 0.5 + 300_000 * 0.25) / 5.75  # 21,739.13
    assert discount["current_balance"] * discount["discount_fraction"] == pytest.approx(
        po, abs=CENT
    )
    io = (200_000 * 0.5 + 200_000 * 0.25) / 1200  # 125.00 a month
    assert premium["current_balance"] * premium["io_strip_rate"] / 1200 == pytest.approx(
        io, abs=CENT
    )


def test_report_is_non_negative_and_shrinks_as_groups_get_finer(pooled, loan):
    loans = pooled(
        loan("A", 200_000.0, 6.0, 360),
        loan("B", 200_000.0, 6.0, 300),
        loan("C", 200_000.0, 7.5, 360),
        loan("D", 200_000.0, 7.5, 300),
    )
    reports = [
        compare_rep_lines(loans, rep_lines(loans, by, cut_off=CUT_OFF))
        for by in (["pool"], ["remaining_term"], ["remaining_term", "rate"])
    ]
    assert [r["rep_lines"][0] for r in reports] == [1, 2, 4]
    for report in reports:
        numbers = report.select(pl.exclude("pool", "psa")).to_numpy()
        assert (numbers >= 0).all()
    coarse, middle, fine = reports
    for column in DIFFERENCES:
        assert (coarse[column] >= middle[column]).all(), column
        assert (middle[column] >= fine[column]).all(), column
        assert fine[column].max() < CENT, column
    assert (coarse["balance_max_abs_diff"] > middle["balance_max_abs_diff"]).all()


def test_relative_differences_are_percent_of_the_loan_level_figure(pooled, loan):
    loans = pooled(loan("A", 100_000.0, 6.0, 360), loan("B", 100_000.0, 6.0, 240, 240))
    lines = rep_lines(loans, ["pool"], cut_off=CUT_OFF)
    report = compare_rep_lines(loans, lines, psa=[0])
    (row,) = report.iter_rows(named=True)
    assert row["psa"] == 0.0 and row["loans"] == 2 and row["rep_lines"] == 1
    none = Assumptions.from_options(psa=0)
    by_loan = project(loans, none).frame["principal_paid"].to_list()
    by_line = project(lines, none).frame["principal_paid"].to_list()
    by_line += [0.0] * (len(by_loan) - len(by_line))  # the line ends at month 300, A at 360
    gaps = [abs(b - a) for a, b in zip(by_loan, by_line, strict=True)]
    assert row["principal_max_abs_diff"] == pytest.approx(max(gaps))
    percent = max(g / a * 100 for g, a in zip(gaps, by_loan, strict=True))
    assert row["principal_max_rel_diff_pct"] == pytest.approx(percent)
    assert by_line[299] > 0 and by_line[300] == 0.0 and by_loan[300] > 0  # month 301: 100%
    assert row["principal_max_rel_diff_pct"] >= 100.0
