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


def test_demo_writes_the_sample_tape_and_the_term_sheet_in_every_format(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    tape = pl.read_csv(out / "sample-tape.csv")
    assert tape.height == 1300
    for suffix in TERMSHEETS:
        path = out / f"termsheet.{suffix}"
        assert path.stat().st_size > 0, path
        assert f"termsheet.{suffix}" in result.output
    json.loads((out / "termsheet.json").read_text(encoding="utf-8"))
    assert "pool I" in result.output and "pool II" in result.output


def test_demo_term_sheet_counts_the_sample_loans(tmp_path):
    out = tmp_path / "out"
    assert runner.invoke(app, ["demo", "--out", str(out), "--deal", "cmsi-2003-2"]).exit_code == 0
    text = (out / "termsheet.txt").read_text(encoding="utf-8")
    tape = pl.read_csv(out / "sample-tape.csv")
    pool_i = tape.filter(pl.col("original_term") >= 228).height  # 2003-2 pool I: 228-360
    # the 2003-2 deal files the detailed style: "... was 1620, consisting of 1175 pool I
    # mortgage loans and 445 pool II mortgage loans" in the 8-K
    counts = f"consisting of {pool_i} pool I mortgage loans and {tape.height - pool_i} pool II"
    assert counts in " ".join(text.split())


def test_sample_tape_writes_the_requested_loans(tmp_path):
    path = tmp_path / "tape.parquet"
    result = runner.invoke(app, ["sample-tape", "-o", str(path), "--loans", "50", "--seed", "9"])
    assert result.exit_code == 0, result.output
    expected = synthetic_tape(50, deal=load_deal("cmsi-2002-12"), seed=9)
    assert pl.read_parquet(path).equals(expected)


def test_unknown_deal_is_one_clear_error(tmp_path):
    result = runner.invoke(app, ["demo", "--out", str(tmp_path), "--deal", "cmsi-1999-1"])
    assert result.exit_code == 1
    assert "unknown deal" in result.output
    assert "Traceback" not in result.output


def test_sample_tape_refuses_zero_loans(tmp_path):
    result = runner.invoke(app, ["sample-tape", "-o", str(tmp_path / "t.csv"), "--loans", "0"])
    assert result.exit_code == 2
    assert not (tmp_path / "t.csv").exists()
