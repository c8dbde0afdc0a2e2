"""``passthru run --size-to-tape``: the deal's structure in proportion on another tape."""

from decimal import Decimal

import polars as pl
import pytest
from typer.testing import CliRunner

from passthru.cli import app
from passthru.deal import load_deal
from passthru.pool import form_pools
from passthru.tape import write_tape
from passthru.tape.synthetic import synthetic_tape
from passthru.waterfall.sizing import deal_sized_to_tape


def _tape(n: int) -> pl.DataFrame:
    return synthetic_tape(n, deal=load_deal("cmsi-2003-2"), seed=7)


def test_sized_deal_keeps_shares_and_adds_up_to_the_tape():
    deal = load_deal("cmsi-2003-2")
    loans = form_pools(_tape(60), deal).loans
    sized = deal_sized_to_tape(deal, loans)
    total = Decimal(repr(round(loans["current_balance"].sum(), 2)))
    assert sized.cut_off_balance == total
    b1_share = deal.certificate_class("B-1").balance / deal.cut_off_balance
    assert abs(sized.certificate_class("B-1").balance - b1_share * total) <= Decimal("0.005")
    stated = sum(c.balance for c in sized.classes if c.kind in ("senior", "subordinate"))
    assert stated == total


def test_run_refuses_a_foreign_tape_unless_sized(tmp_path):
    tape = _tape(40)
    path = tmp_path / "tape.csv"
    write_tape(tape, path)
    runner = CliRunner()
    refused = runner.invoke(app, ["run", "cmsi-2003-2", "--tape", str(path), "-o", str(tmp_path)])
    assert refused.exit_code == 1
    assert "cut_off_balance" in refused.output
    out = tmp_path / "run"
    args = ["run", "cmsi-2003-2", "--tape", str(path), "-o", str(out), "--size-to-tape"]
    sized = runner.invoke(app, args)
    assert sized.exit_code == 0, sized.output
    classes = pl.read_csv(out / "classes.csv")
    first = classes.filter((pl.col("period") == 1) & (pl.col("kind") != "io"))
    assert first["beginning_balance"].sum() == pytest.approx(
        tape["current_balance"].sum(), abs=0.01
    )
