"""``passthru demo`` and ``passthru sample-tape`` through the command line."""

from __future__ import annotations

import json

import polars as pl
from typer.testing import CliRunner

from passthru.cli import app
from passthru.deal import load_deal
from passthru.tape.synthetic import synthetic_tape

runner = CliRunner()

TERMSHEETS = ("txt", "md", "html", "json", "csv", "xlsx")


def test_demo_rebuilds_both_filings_and_runs_them(tmp_path, filing_text):
    out = tmp_path / "out"
    result = runner.invoke(app, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    tape = pl.read_csv(out / "cmsi-2002-12-tape.csv")
    assert tape.height == 993 + 283  # the 2002-12 filing's loan counts
    for suffix in TERMSHEETS:
        assert (out / f"termsheet.{suffix}").stat().st_size > 0
    figures = json.loads((out / "termsheet.json").read_text(encoding="utf-8"))["pools"]
    assert figures["I"]["aggregate_balance"]["printed"] == "$452,246,359.98"
    text = (out / "termsheet.txt").read_text(encoding="utf-8")
    filing = filing_text("2002-12")
    state_table = filing[filing.index("Alabama                               4") :]
    assert state_table[: state_table.index("<PAGE>")] in text  # a whole table, line for line
    cashflows = pl.read_csv(out / "cashflows.csv")
    assert set(cashflows["pool"]) == {"I", "II", "total"}
    deal = out / "cmsi-2003-2"
    assert pl.read_csv(deal / "tape.csv")["current_balance"].sum() == 757_241_656.27
    assert "The class A subordination level is 2.150127919560%" in (
        deal / "termsheet.txt"
    ).read_text(encoding="utf-8")
    classes = pl.read_csv(deal / "run" / "classes.csv")
    assert {"B-1", "B-6"} <= set(classes["class"])
    for name in ("report.html", "report.xlsx"):
        assert (deal / "report" / name).stat().st_size > 0


def test_sample_tape_writes_the_requested_loans(tmp_path):
    path = tmp_path / "tape.parquet"
    result = runner.invoke(app, ["sample-tape", "-o", str(path), "--loans", "50", "--seed", "9"])
    assert result.exit_code == 0, result.output
    expected = synthetic_tape(50, deal=load_deal("cmsi-2002-12"), seed=9)
    assert pl.read_parquet(path).equals(expected)


def test_sample_tape_refuses_an_unknown_deal_and_zero_loans(tmp_path):
    path = str(tmp_path / "t.csv")
    unknown = runner.invoke(app, ["sample-tape", "-o", path, "--deal", "cmsi-1999-1"])
    assert unknown.exit_code == 1
    assert "unknown deal" in unknown.output
    assert "Traceback" not in unknown.output
    assert runner.invoke(app, ["sample-tape", "-o", path, "--loans", "0"]).exit_code == 2


def test_sample_tape_names_a_missing_folder_and_writes_nothing(tmp_path):
    path = tmp_path / "missing" / "tape.csv"
    result = runner.invoke(app, ["sample-tape", "-o", str(path), "--loans", "5"])
    assert result.exit_code == 1
    assert f"{path}: cannot write (output_folder_missing)" in " ".join(result.output.split())
    assert not isinstance(result.exception, OSError)
    assert list(tmp_path.iterdir()) == []


def test_demo_names_an_output_folder_that_is_a_file(tmp_path):
    (tmp_path / "plain").write_text("a file")
    out = tmp_path / "plain" / "out"
    result = runner.invoke(app, ["demo", "--out", str(out)])
    assert result.exit_code == 1
    assert f"{out}: cannot write (output_unwritable)" in " ".join(result.output.split())
