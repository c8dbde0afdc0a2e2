"""run() on synthetic tapes: conservation on random deals and scenarios, retirement, the CLI.

Properties (cashflow-and-structure.md §2; the engine raises ConservationError on
any day that breaks cash or balance conservation, so a run that returns has
conserved every day): balances never negative; with no prepayment and no
default every class retires exactly when its pool's last loan matures.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import polars as pl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from passthru.cli import app
from passthru.cli.app import console
from passthru.cli.run import _print_classes
from passthru.collateral import Assumptions
from passthru.deal import Deal, load_deal
from passthru.errors import AssumptionError, ConservationError, DealError
from passthru.pool import form_pools
from passthru.tape.synthetic import synthetic_tape
from passthru.tape.write import write_tape
from passthru.waterfall import LossMix, RunOptions, run
from passthru.waterfall.conservation import check_cash
from passthru.waterfall.sizing import deal_sized_to_tape

CMSI = load_deal("cmsi-2003-2")


def synthetic(loans: int, seed: int) -> tuple[Deal, pl.DataFrame]:
    """A synthetic tape pooled under 2003-2, and 2003-2's classes sized to it."""
    pooled = form_pools(synthetic_tape(loans, deal=CMSI, seed=seed), CMSI).loans
    return deal_sized_to_tape(CMSI, pooled), pooled


@settings(max_examples=12, deadline=None)
@given(
    loans=st.integers(6, 40),
    seed=st.integers(0, 10_000),
    cpr=st.floats(0, 40),
    cdr=st.floats(0, 12),
    severity=st.floats(0, 80),
    lag=st.integers(0, 12),
    advancing=st.booleans(),
    call=st.booleans(),
    hazard=st.floats(0, 0.5),
)
def test_every_day_conserves_on_random_deals(
    loans, seed, cpr, cdr, severity, lag, advancing, call, hazard
):
    deal, pooled = synthetic(loans, seed)
    assume(pooled["pool"].n_unique() == len(CMSI.pools))  # a small tape may miss a pool
    scenario = Assumptions.from_options(
        cpr=cpr, cdr=cdr, severity=severity, lag=lag, advancing=advancing
    )
    options = RunOptions(
        call=call,
        scenarios=(Assumptions.from_options(psa=300, sda=200, severity=40, lag=6),),
        loss_mix=LossMix(ordinary=1 - hazard, special_hazard=hazard / 2, fraud=hazard / 2),
    )
    results = run(deal, pooled, scenario, options)
    assert results.classes.get_column("ending_balance").min() >= -0.005
    assert results.deal.get_column("scenario").unique().sort().to_list() == [0, 1]
    last = results.classes.filter(pl.col("period") == pl.col("period").max().over("scenario"))
    assert last.get_column("ending_balance").abs().max() <= 0.01  # paid down or called


def test_with_no_prepayment_or_default_every_class_retires_at_its_pools_end():
    deal, pooled = synthetic(20, seed=7)
    results = run(deal, pooled, Assumptions.from_options(cpr=0))
    ends = pooled.group_by("pool").agg(pl.col("remaining_term").max()).rows()
    end_of = dict(ends)
    retired = (
        results.classes.filter((pl.col("ending_balance") <= 0.005) & (pl.col("kind") != "io"))
        .filter(pl.col("beginning_balance") > 0.005)
        .select("class", "kind", "pool", "period")
    )
    for name, kind, pool, period in retired.iter_rows():
        expected = max(end_of.values()) if kind == "subordinate" else end_of[pool]
        assert period == expected, name
    assert results.deal.get_column("realized_loss").sum() == 0
    assert results.deal.get_column("residual").abs().max() < 0.005


def test_run_leaves_its_inputs_alone():
    deal, pooled = synthetic(10, seed=3)
    before = pooled.clone()
    run(deal, pooled, Assumptions.from_options(psa=200))
    assert pooled.equals(before)


def test_a_tape_that_does_not_match_the_deal_is_refused():
    _, pooled = synthetic(10, seed=3)
    with pytest.raises(DealError, match="cut-off balance"):
        run(CMSI, pooled, Assumptions.from_options(psa=100))


def test_a_break_in_cash_names_the_day_and_amounts():
    with pytest.raises(ConservationError, match=r"distribution day 7, scenario 1.*100\.00"):
        check_cash(7, np.array([100.0, 100.0]), np.array([100.0, 0.0]), np.zeros(2))


def _toml(deal: Deal) -> str:
    lines = [
        f'name = "{deal.name}"',
        f"cut_off_date = {deal.cut_off_date.isoformat()}",
        f"servicing_fee_rate = {deal.servicing_fee_rate}",
        f'cut_off_balance = "{deal.cut_off_balance}"',
    ]
    for p in deal.pools:
        low, high = p.original_term
        lines += ["[[pools]]", f'name = "{p.name}"', f"original_term = [{low}, {high}]"]
        lines += [f"target_rate = {p.target_rate}", f'cut_off_balance = "{p.cut_off_balance}"']
    for c in deal.classes:
        lines += ["[[classes]]", f'name = "{c.name}"', f'kind = "{c.kind}"']
        lines += [f'{key} = "{getattr(c, key)}"' for key in ("pool", "group", "balance", "rate")
                  if getattr(c, key) is not None and (key != "rate" or c.kind == "io")]  # fmt: skip
    return "\n".join(lines) + "\n"


def test_cli_run_writes_classes_and_deal(tmp_path):
    deal, _ = synthetic(12, seed=11)
    tape = tmp_path / "tape.csv"
    write_tape(synthetic_tape(12, deal=CMSI, seed=11), tape)
    deal_file = tmp_path / "deal.toml"
    deal_file.write_text(_toml(deal), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["run", str(deal_file), "--tape", str(tape), "--psa", "150", "--call", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    classes = pl.read_csv(out / "classes.csv")
    for column in (
        "date", "period", "class", "beginning_balance", "interest_accrued", "interest_paid",
        "interest_shortfall", "principal_paid", "loss", "ending_balance",
    ):  # fmt: skip
        assert column in classes.columns
    deal_rows = pl.read_csv(out / "deal.csv")
    for column in (
        "date", "period", "available_funds", "distributed", "servicing_fee", "realized_loss",
        "senior_pct", "senior_prepayment_pct",
    ):  # fmt: skip
        assert column in deal_rows.columns
    assert (out / "collateral.csv").exists()
    assert deal_rows.get_column("call_exercised").any()  # --call at the 10% threshold
    assert deal_rows.get_column("date").cast(pl.String)[0] == "2003-03-25"
    xlsx = tmp_path / "xlsx"
    result = CliRunner().invoke(
        app, ["run", str(deal_file), "--tape", str(tape), "--format", "xlsx", "-o", str(xlsx)]
    )
    assert result.exit_code == 0, result.output
    assert (xlsx / "run.xlsx").stat().st_size > 0
    assert (xlsx / "classes.csv").exists()


def test_cli_run_reports_a_bad_deal(tmp_path):
    # five valid loans of 2002-12, far short of its cut-off balance (the 8-K's $583,151,842.55)
    tape = tmp_path / "tape.csv"
    write_tape(synthetic_tape(5, deal=load_deal("cmsi-2002-12"), seed=1), tape)
    result = CliRunner().invoke(
        app, ["run", "cmsi-2002-12", "--tape", str(tape), "-o", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "cut_off_balance" in result.output
    assert "the deal's cut-off balance $583,151,842.55" in result.output


def test_cli_run_refuses_a_format_before_reading_anything(tmp_path):
    result = CliRunner().invoke(
        app,
        ["run", "cmsi-2003-2", "--tape", str(tmp_path / "none.csv"), "--format", "pdf",
         "-o", str(tmp_path)],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "--format: 'pdf' is not one of csv, xlsx" in result.output


@pytest.mark.parametrize(
    ("build", "field", "words"),
    [
        (lambda: LossMix(ordinary=0.5, fraud=0.25), "loss_mix", "add up to 0.7500, not 1"),
        (lambda: LossMix(ordinary=1.5), "loss_mix.ordinary", "less than or equal to 1"),
        (lambda: RunOptions(months=0), "months", "greater than or equal to 1"),
        (lambda: RunOptions(loss_mix={"fraud": -0.1}), "loss_mix.fraud", "greater than"),
        (lambda: RunOptions(calls=True), "calls", "not permitted"),
    ],
)
def test_bad_run_options_name_the_field(build, field, words):
    with pytest.raises(AssumptionError) as caught:
        build()
    assert caught.value.field == field
    assert words in str(caught.value)


def test_cli_run_summary_prints_every_digit_on_an_80_column_terminal(monkeypatch, capsys):
    # a 2003-2-sized class at 400% SDA: $537,576,571.87 initial, $11,335,025.71 lost; a rich
    # table with boxed columns cuts such figures to "$537,576,57…" at 80 columns
    figures = {
        "beginning_balance": [537_576_571.87, 0.0],
        "interest_paid": [347_755_516.86, 0.0],
        "principal_paid": [526_241_546.16, 0.0],
        "loss": [11_335_025.71, 0.0],
        "ending_balance": [0.0, 0.0],
    }
    classes = pl.DataFrame({"scenario": [0, 0], "class": ["IA-1", "IA-1"], **figures})
    # the shared console's own width is left alone: setting it sticks after the test
    monkeypatch.setattr(console, "_width", 80)
    _print_classes(SimpleNamespace(classes=classes))
    out = capsys.readouterr().out
    assert "…" not in out
    for figure in ("$537,576,571.87", "$347,755,516.86", "$526,241,546.16", "$11,335,025.71"):
        assert figure in out
