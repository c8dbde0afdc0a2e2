"""``passthru replines`` through Typer's runner."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from passthru.cli import app
from passthru.deal import load_deal
from passthru.tape import load_tape

runner = CliRunner()


@pytest.fixture(scope="module")
def tape_csv(synthetic_csv):
    """120 invented loans of CMSI 2002-12 as a canonical CSV."""
    return synthetic_csv(120, "cmsi-2002-12", seed=5)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_writes_the_lines_and_prints_the_comparison(tape_csv, tmp_path, suffix):
    output = tmp_path / f"lines{suffix}"
    args = ["replines", str(tape_csv), "--deal", "cmsi-2002-12", "--by", "pool,rate"]
    result = runner.invoke(app, [*args, "--rate-step", "0.25", "-o", str(output), "--psa", "100"])
    assert result.exit_code == 0, result.output
    written = load_tape(output, cut_off=load_deal("cmsi-2002-12").cut_off_date)
    assert written.errors == ()
    assert written.loans["loan_id"][0] == "RL-0001"
    assert "loan_count" not in written.loans.columns
    loans = load_tape(tape_csv).loans
    assert written.loans["current_balance"].sum() == pytest.approx(
        loans["current_balance"].sum(), abs=0.005
    )
    assert f"wrote {written.loans.height} rep lines for 120 loans" in result.output
    for text in ("Largest difference in a period", "principal", "interest", "total", "WAL"):
        assert text in result.output
    assert result.output.count("│ 100 │") == 3 * 3 + 3  # pools I, II, total; one speed
    assert "│ 300 │" not in result.output


def test_a_line_per_loan_shows_no_difference(tape_csv):
    result = runner.invoke(app, ["replines", str(tape_csv), "--by", "loan_id"])
    assert result.exit_code == 0, result.output
    assert "120 rep lines for 120 loans" in result.output
    assert result.output.count("$0.00") == 2 * 3 + 2  # 2 speeds x 3 measures, 2 cash rows
    assert "0.000" in result.output


def test_a_bad_key_is_a_clear_error(tape_csv):
    result = runner.invoke(app, ["replines", str(tape_csv), "--by", "pool,colour"])
    assert result.exit_code == 1
    assert "'colour' not a grouping key" in result.output
    assert "remaining_term" in result.output and "Traceback" not in result.output


def test_the_help_names_the_keys():
    result = runner.invoke(app, ["replines", "--help"])
    assert result.exit_code == 0
    for key in ("pool", "rate", "remaining_term", "premium", "state"):
        assert key in result.output


def test_bad_speeds_are_refused(tape_csv):
    result = runner.invoke(app, ["replines", str(tape_csv), "--psa", "fast"])
    assert result.exit_code == 1 and "--psa" in result.output
