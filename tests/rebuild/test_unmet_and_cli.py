"""A figure no tape can meet is named, never hidden; the command line and the demo step."""

from __future__ import annotations

import dataclasses

from typer.testing import CliRunner

from passthru.cli import app
from passthru.demo import rebuilt_tape
from passthru.disclosure.filing import FilingFigure
from passthru.rebuild import rebuild_tape
from passthru.tape import load_tape


def test_an_impossible_figure_is_reported_by_name_and_the_rest_still_met(filings):
    # Pool I's note rates run from 5.375% to 7.625% (its table), so 9.000% cannot be met.
    filing = filings["2002-12"]
    pools = {pool: dict(figures) for pool, figures in filing.pools.items()}
    pools["I"]["wa_note_rate"] = FilingFigure("wa_note_rate", "9.000%", 9, "", 0)  # type: ignore[arg-type]
    result = rebuild_tape(dataclasses.replace(filing, pools=pools), seed=0)
    assert "I/wa_note_rate" in result.unmet
    assert any(r.startswith("I/wa_note_rate:") for r in result.report.reasons)
    assert result.report.attempts == 8
    assert "II/wa_note_rate" not in result.unmet
    assert "I/size/$300,000 through $349,999" not in result.unmet


def test_rebuild_command_writes_the_tape_and_says_what_matched(filings, tmp_path):
    parsed = tmp_path / "filing.json"
    parsed.write_text(filings["2003-2"].to_json(), encoding="utf-8")
    out = tmp_path / "tape.csv"
    result = CliRunner().invoke(app, ["rebuild", str(parsed), "-o", str(out), "--seed", "0"])
    assert result.exit_code == 0, result.output
    assert "74 of 74 figures and table rows match the filing" in result.output
    assert load_tape(out).accepted_count == 1620


def test_rebuild_command_rejects_a_file_that_is_no_filing(tmp_path):
    bad = tmp_path / "filing.json"
    bad.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(app, ["rebuild", str(bad), "-o", str(tmp_path / "t.csv")])
    assert result.exit_code == 1
    assert "not a parsed filing" in result.output


def test_demo_step_writes_the_rebuilt_2002_12_tape(tmp_path):
    path = rebuilt_tape("2002-12", tmp_path / "rebuilt.csv")
    load = load_tape(path)
    assert load.accepted_count == 993 + 283
    assert load.errors == ()
