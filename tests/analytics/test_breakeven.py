"""Break-evens over full waterfall runs: the SDA at which a subordinated class first loses
principal (more than $0.01), and the PSA at which an IO's yield falls to 0%."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from passthru.analytics import (
    LOSS_THRESHOLD,
    Breakeven,
    breakeven_defaults,
    breakeven_frame,
    breakeven_io_psa,
    class_losses,
    deal_for_tape,
    io_yield_at,
)
from passthru.cli import app
from passthru.cli.app import console
from passthru.cli.pricing import _print_breakevens
from passthru.deal import load_deal
from passthru.errors import AssumptionError, DealError
from passthru.pool import form_pools
from passthru.tape import write_tape
from passthru.tape.synthetic import synthetic_tape

CMSI = load_deal("cmsi-2003-2")
TOLERANCE = 0.5
AT = {"psa": 100.0, "severity": 40.0, "lag": 12}


@pytest.fixture(scope="module")
def deal_and_loans():
    loans = form_pools(synthetic_tape(30, deal=CMSI, seed=8), CMSI).loans
    return deal_for_tape(CMSI, loans)[0], loans


def test_just_below_the_break_even_nothing_is_lost_just_above_principal_is(deal_and_loans):
    deal, loans = deal_and_loans
    names = ["B-2", "B-4"]
    found = breakeven_defaults(deal, loans, names=names, tolerance=TOLERANCE, points=7, **AT)
    for i, b in enumerate(found):
        assert b.class_name == names[i] and b.measure == "SDA"
        assert 0 < b.speed - b.below <= TOLERANCE
        losses = class_losses(deal, loans, names, [b.below, b.speed], **AT)
        assert losses[0, i] <= LOSS_THRESHOLD < losses[1, i]
    assert found[0].speed > found[1].speed  # the more senior class holds out longer
    assert breakeven_frame(found).columns[:3] == ["class", "measure", "break_even"]


def test_a_class_never_reached_has_no_break_even(deal_and_loans):
    deal, loans = deal_and_loans
    (b,) = breakeven_defaults(
        deal, loans, names=["B-1"], upper=1.0, tolerance=TOLERANCE, points=3, **AT
    )
    assert b.speed is None and b.runs == 1


def test_the_default_measure_must_be_sda_or_cdr(deal_and_loans):
    with pytest.raises(AssumptionError, match="SDA or CDR"):
        breakeven_defaults(*deal_and_loans, measure="PSA", **AT)


def test_the_io_yields_zero_at_its_break_even_psa(deal_and_loans):
    deal, loans = deal_and_loans
    b = breakeven_io_psa(deal, loans, "I-IO", price="2-00", tolerance=1e-3)
    yields = io_yield_at(deal, loans, "I-IO", [b.speed - 1, b.speed, b.speed + 1], price="2-00")
    assert yields[0] > 0 > yields[2]
    assert abs(yields[1]) < 1e-3 * (yields[0] - yields[2]) / 2 * 1.01
    assert b.below <= b.speed <= b.above


def test_passthru_breakeven_prints_each_class(tmp_path):
    tape = tmp_path / "tape.csv"
    write_tape(synthetic_tape(20, deal=CMSI, seed=8), tape)
    done = CliRunner().invoke(
        app,
        ["breakeven", "cmsi-2003-2", "--tape", str(tape), "--class", "B-5",
         "--class", "I-IO", "--price", "2-00", "--tolerance", "2"],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    lines = [line for line in done.stdout.splitlines() if "B-5" in line or "I-IO" in line]
    assert [line.split()[1] for line in lines] == ["B-5", "I-IO"]
    assert "$0.01" in done.stdout
    needs_price = CliRunner().invoke(
        app, ["breakeven", "cmsi-2003-2", "--tape", str(tape), "--class", "II-IO"]
    )
    assert needs_price.exit_code == 1 and "--price" in needs_price.output


def test_an_unknown_class_is_refused_before_any_run(deal_and_loans, monkeypatch):
    def no_run(*args, **kwargs):
        raise AssertionError("a run started")

    monkeypatch.setattr("passthru.analytics.breakeven.run", no_run)
    monkeypatch.setattr("passthru.analytics.breakeven.certificate_flows", no_run)
    with pytest.raises(DealError, match=r"no class 'ZZ'.*B-1, B-2") as caught:
        breakeven_defaults(*deal_and_loans, names=["B-1", "ZZ"], **AT)
    assert caught.value.field == "class"
    with pytest.raises(DealError, match="no class 'III-IO'"):
        breakeven_io_psa(*deal_and_loans, "III-IO", price="2-00")


def test_passthru_breakeven_names_an_unknown_class(tmp_path, monkeypatch):
    tape = tmp_path / "tape.csv"
    write_tape(synthetic_tape(20, deal=CMSI, seed=8), tape)
    monkeypatch.setattr("passthru.analytics.breakeven.run", None)  # any run would fail
    done = CliRunner().invoke(
        app, ["breakeven", "cmsi-2003-2", "--tape", str(tape), "--class", "ZZ"]
    )
    assert done.exit_code == 1
    assert "class: no class 'ZZ' in deal cmsi-2003-2; its classes are IA-1," in done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)


def test_breakeven_table_prints_a_small_tolerance_in_full(capsys, monkeypatch):
    monkeypatch.setattr(console, "_width", 200)  # "width" would stick after the test
    found = breakeven_frame([Breakeven("B-1", "SDA", 123.456789, 123.4567, 123.456789, 1e-5, 9)])
    _print_breakevens(found, 100.0, 22.5, 12)
    out = capsys.readouterr().out
    assert "Break-evens at 100% PSA, 22.5% severity, 12-month lag" in out
    assert "0.00001" in out and "1e-05" not in out
    assert "123.457" in out
