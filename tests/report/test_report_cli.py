"""``passthru decrement`` and ``passthru report`` on a small synthetic tape."""

from __future__ import annotations

import openpyxl
import pytest
from typer.testing import CliRunner

from passthru.cli import app
from passthru.tape import load_tape

runner = CliRunner()


@pytest.fixture(scope="module")
def tape(synthetic_csv):
    return synthetic_csv(60, "cmsi-2003-2", seed=7)


def test_decrement_prints_a_table_per_class_in_the_prospectus_layout(tape):
    done = runner.invoke(app, ["decrement", "cmsi-2003-2", "--tape", str(tape), "--psa", "0,300"])
    assert done.exit_code == 0, done.output
    headings = [
        line.strip()
        for line in done.stdout.splitlines()
        if line.strip().startswith(("Class", "Pass"))
    ]
    classes = ["IA-1", "I-PO", "IIA-1", "II-PO", "B-1", "B-2", "B-3", "B-4", "B-5", "B-6"]
    pools = [f"Pass-Through Collateral {p}" for p in ("(all loans)", "(pool I)", "(pool II)")]
    shown = [f"Class {c}" for c in classes if f"Class {c}" in headings]
    assert headings == shown + pools  # IO classes have no principal: no table
    assert {"Class IA-1", "Class I-PO", "Class IIA-1", "Class B-1", "Class B-6"} <= set(shown)
    assert done.stdout.count("Percent of Initial Class Balance Outstanding") == len(headings)
    assert done.stdout.count("Weighted Average Life (years)") == len(headings)
    header = next(line for line in done.stdout.splitlines() if line.startswith("Distribution"))
    assert header.split()[-2:] == ["0%", "300%"]
    assert "resized" in done.stderr  # a synthetic tape is not the deal's own


def test_decrement_of_one_class(tape):
    done = runner.invoke(
        app, ["decrement", "cmsi-2003-2", "--tape", str(tape), "--class", "pass-through-II"]
    )
    assert done.exit_code == 0, done.output
    assert done.output.count("Percent of Initial Class Balance Outstanding") == 1
    assert "(pool II)" in done.output


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--class", "A-9"], "no class 'A-9'"),
        (["--class", "I-IO"], "interest only"),
        (["--psa", "0,fast"], "psa"),
    ],
)
def test_bad_options_are_one_clear_error(tape, options, message):
    done = runner.invoke(app, ["decrement", "cmsi-2003-2", "--tape", str(tape), *options])
    assert done.exit_code == 1
    assert message in done.output


def test_report_writes_the_page_and_the_workbook(tape, tmp_path):
    done = runner.invoke(app, ["report", "cmsi-2003-2", "--tape", str(tape), "-o", str(tmp_path)])
    assert done.exit_code == 0, done.output
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    for section in ("structure", "decrement", "yields", "charts", "termsheet"):
        assert f'<section id="{section}">' in page
    for chart in ("pool-balance", "class-balances", "cumulative-losses", "senior-prepayment"):
        assert f'id="chart-{chart}"' in page
    yields = page[page.index('<section id="yields">') : page.index('<section id="charts">')]
    for caption in ("IA-1", "I-PO", "I-IO", "B-6", "pass-through"):
        assert f"<caption>{caption}</caption>" in yields
    assert "Modified Duration at 100-00 (years)" in yields
    assert "150% PSA, 100% SDA, 20% severity, 12-month lag" in page
    book = openpyxl.load_workbook(tmp_path / "report.xlsx")
    assert {"Yield IA-1", "Decrement B-1", "Class balances", "Senior prepayment"} <= set(
        book.sheetnames
    )
    yield_cell = book["Yield IA-1"]["B2"]
    assert isinstance(yield_cell.value, float) and yield_cell.number_format == "#,##0.00"


def test_report_reads_and_pools_the_tape_once(synthetic_csv, tmp_path, monkeypatch):
    tape = synthetic_csv(12, "cmsi-2002-12", seed=5)
    reads = []

    def counted(*args, **kwargs):
        reads.append(args[0])
        return load_tape(*args, **kwargs)

    monkeypatch.setattr("passthru.pipeline.load_tape", counted)
    done = runner.invoke(app, ["report", "cmsi-2002-12", "--tape", str(tape), "-o", str(tmp_path)])
    assert done.exit_code == 0, done.output
    assert reads == [tape]
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<section id="termsheet">' in page
