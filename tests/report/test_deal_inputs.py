"""The deal report's chart frames from a waterfall run (the four charts, §2.5, §2.7)."""

from __future__ import annotations

import polars as pl
import pytest

from passthru.analytics import deal_for_tape
from passthru.collateral import Assumptions, project_grid
from passthru.deal import load_deal
from passthru.pool import form_pools
from passthru.report.deal_inputs import (
    CHART_SCENARIO,
    class_balance_frame,
    cumulative_loss_frame,
    deal_report_inputs,
    senior_prepayment_frame,
)
from passthru.strats import build_termsheet
from passthru.tape.synthetic import synthetic_tape
from passthru.waterfall import run

CMSI = load_deal("cmsi-2003-2")


@pytest.fixture(scope="module")
def results():
    loans = form_pools(synthetic_tape(25, deal=CMSI, seed=12), CMSI).loans
    deal, _ = deal_for_tape(CMSI, loans)
    return run(deal, loans, Assumptions.from_options(**CHART_SCENARIO))


def test_class_balances_leave_out_io_and_empty_classes(results):
    frame = class_balance_frame(results)
    first = results.classes.filter((pl.col("scenario") == 0) & (pl.col("period") == 1))
    kept = first.filter((pl.col("kind") != "io") & (pl.col("beginning_balance") > 0))
    assert frame.columns == ["period", *kept["class"].to_list()]
    ia1 = results.classes.filter(pl.col("class") == "IA-1").sort("period")
    assert frame["IA-1"].to_list() == ia1["ending_balance"].to_list()


def test_cumulative_losses_add_up_to_every_loss_allocated(results):
    frame = cumulative_loss_frame(results)
    assert frame.columns == ["period", "B-1", "B-2", "B-3", "B-4", "B-5", "B-6", "Senior classes"]
    allocated = results.classes.filter(pl.col("kind") != "io")["loss"].sum()
    assert sum(frame.drop("period").row(-1)) == pytest.approx(allocated)
    assert allocated > 0  # 100% SDA at 20% severity reaches B-6
    b6 = frame["B-6"].to_numpy()
    assert (b6[1:] >= b6[:-1]).all()


def test_senior_prepayment_is_one_line_per_pool(results):
    frame = senior_prepayment_frame(results, CMSI.pool_names)
    assert frame.columns == ["period", "Pool I", "Pool II"]
    assert frame["Pool I"][0] == 100.0  # 100% for the first five years (§2.5)


def test_senior_prepayment_line_ends_when_its_pool_is_paid_off(results):
    # pool II (10-15 year loans) is paid off long before pool I; its senior prepayment
    # percentage applies to no principal after that and is left out (null), not drawn as 0%
    frame = senior_prepayment_frame(results, CMSI.pool_names)
    days = results.deal.filter(pl.col("scenario") == 0).sort("period")
    strip = days["target_rate_strip_II"].to_numpy()
    retired = int((strip > 0.005).sum())  # the day pool II's strip reaches 0
    assert 0 < retired < days.height
    pool_ii = frame["Pool II"]
    assert pool_ii[: retired + 1].null_count() == 0
    assert pool_ii[retired + 1 :].null_count() == days.height - retired - 1
    assert pool_ii.drop_nulls().min() > 0
    assert frame["Pool I"].null_count() == 0


def test_a_deal_without_classes_projects_its_pass_through_grid_once(monkeypatch):
    deal = load_deal("cmsi-2002-12")  # no classes: the pass-through sections only
    loans = form_pools(synthetic_tape(12, deal=deal, seed=4), deal).loans
    grids = []

    def counted(*args, **kwargs):
        grids.append(project_grid(*args, **kwargs))
        return grids[-1]

    monkeypatch.setattr("passthru.analytics.decrement.project_grid", counted)
    inputs = deal_report_inputs(deal, loans, build_termsheet(loans, deal), speeds=(0.0, 300.0))
    assert len(grids) == 1
    assert set(inputs.decrement) == {"pass-through", "pass-through-I", "pass-through-II"}
    total = grids[0].frame.filter((pl.col("pool") == "total") & (pl.col("scenario") == 1))
    assert inputs.pool_balances.columns[0] == "period"
    assert inputs.pool_balances.height == grids[0].months
    assert inputs.pool_balances.to_series(2).to_list() == total["performing_balance"].to_list()
