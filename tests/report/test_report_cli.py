"""``passthru decrement`` and ``passthru report`` on a small synthetic tape."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from passthru.cli import app
from passthru.deal import load_deal
from passthru.tape import write_tape
from passthru.tape.synthetic import synthetic_tape

runner = CliRunner()


@pytest.fixture(scope="module")
def tape(tmp_path_factory):
    path = tmp_path_factory.mktemp("tape") / "tape.csv"
    write_tape(synthetic_tape(60, deal=load_deal("cmsi-2003-2"), seed=7), path)
    return path


def test_decrement_prints_a_table_per_class_in_the_prospectus_layout(tape):
    done = runner.invoke(app, ["decrement", "cmsi-2003-2", "--tape", str(tape), "--psa", "0,300"])
    assert done.exit_code == 0, done.output
    assert done.output.count("Percent of Initial Class Balance Outstanding") == 3
    for heading in ("(all loans)", "(pool I)", "(pool II)"):
        assert f"Pass-Through Collateral {heading}" in done.output
    assert done.output.count("Weighted Average Life (years)") == 3
    header = next(line for line in done.output.splitlines() if line.startswith("Distribution"))
    assert header.split()[-2:] == ["0%", "300%"]


def test_decrement_of_one_class(tape):
    done = runner.invoke(
        app, ["decrement", "cmsi-2003-2", "--tape", str(tape), "--class", "pass-through-II"]
    )
    assert done.exit_code == 0, done.output
    assert done.output.count("Percent of Initial Class Balance Outstanding") == 1
    assert "(pool II)" in done.output


@pytest.mark.parametrize(
    ("options", "message"),
    [(["--class", "B-1"], "certificate waterfall"), (["--psa", "0,fast"], "psa")],
)
def test_bad_options_are_one_clear_error(tape, options, message):
    done = runner.invoke(app, ["decrement", "cmsi-2003-2", "--tape", str(tape), *options])
    assert done.exit_code == 1
    assert message in done.output


def test_report_writes_the_page_and_the_workbook(tape, tmp_path):
    done = runner.invoke(app, ["report", "cmsi-2003-2", "--tape", str(tape), "-o", str(tmp_path)])
    assert done.exit_code == 0, done.output
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    for section in ("structure", "decrement", "charts", "termsheet"):
        assert f'<section id="{section}">' in page
    assert 'id="chart-pool-balance"' in page
    assert (tmp_path / "report.xlsx").stat().st_size > 0
