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
    result = rebuild_tape(_impossible(filings["2002-12"]), seed=0)
    assert "I/wa_note_rate" in result.unmet
    assert any(r.startswith("I/wa_note_rate:") for r in result.report.reasons)
    assert result.report.attempts == 8
    assert "II/wa_note_rate" not in result.unmet
    assert "I/size/$300,000 through $349,999" not in result.unmet


def _impossible(filing):
    """The filing with pool I's WA note rate at 9.000%, outside its rates (5.375%-7.625%)."""
    pools = {pool: dict(figures) for pool, figures in filing.pools.items()}
    pools["I"]["wa_note_rate"] = FilingFigure("wa_note_rate", "9.000%", 9, "", 0)  # type: ignore[arg-type]
    return dataclasses.replace(filing, pools=pools)


def _checked(filing) -> int:
    """What a rebuild checks: each printed figure, and each table's rows and its Total."""
    figures = sum(len(figures) for figures in filing.pools.values())
    return figures + sum(len(table.rows) + 1 for table in filing.tables)


def test_rebuild_command_writes_the_tape_and_says_what_matched(filings, tmp_path):
    parsed = tmp_path / "filing.json"
    parsed.write_text(filings["2003-2"].to_json(), encoding="utf-8")
    out = tmp_path / "tape.csv"
    result = CliRunner().invoke(app, ["rebuild", str(parsed), "-o", str(out), "--seed", "0"])
    assert result.exit_code == 0, result.output
    checked = _checked(filings["2003-2"])
    assert checked > 0
    assert f"{checked} of {checked} figures and table rows match the filing" in result.output
    assert load_tape(out).accepted_count == 1620


def test_rebuild_command_writes_nothing_when_a_figure_is_unmet(filings, tmp_path):
    parsed = tmp_path / "filing.json"
    parsed.write_text(_impossible(filings["2002-12"]).to_json(), encoding="utf-8")
    out = tmp_path / "tape.csv"
    result = CliRunner().invoke(app, ["rebuild", str(parsed), "-o", str(out)])
    assert result.exit_code == 1
    shown = " ".join(result.output.split())
    assert "differs: I/wa_note_rate: filed '9.000'" in shown
    assert "the rebuilt tape misses 1 of the filing's figures and table rows (I/wa_note_rate)" in (
        shown
    )
    assert "nothing written" in shown
    assert not out.exists()


def test_rebuild_command_writes_an_unmet_tape_when_allowed(filings, tmp_path):
    parsed = tmp_path / "filing.json"
    parsed.write_text(_impossible(filings["2002-12"]).to_json(), encoding="utf-8")
    out = tmp_path / "tape.csv"
    result = CliRunner().invoke(app, ["rebuild", str(parsed), "-o", str(out), "--allow-unmet"])
    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())
    assert f"warning: {out} misses 1 of the filing's figures and table rows (I/wa_note_rate)" in (
        shown
    )
    assert load_tape(out).accepted_count == 993 + 283


def test_rebuild_command_checks_the_output_before_rebuilding(filings, tmp_path):
    parsed = tmp_path / "filing.json"
    parsed.write_text(filings["2003-2"].to_json(), encoding="utf-8")
    runner = CliRunner()
    missing = tmp_path / "missing" / "tape.csv"
    result = runner.invoke(app, ["rebuild", str(parsed), "-o", str(missing)])
    assert result.exit_code == 1
    shown = " ".join(result.output.split())
    assert f"{missing}: cannot write (output_folder_missing)" in shown
    assert "figures and table rows" not in shown  # refused before any rebuild
    result = runner.invoke(app, ["rebuild", str(parsed), "-o", str(tmp_path / "tape.pdf")])
    assert result.exit_code == 1
    assert "cannot write '.pdf'" in result.output
    assert "figures and table rows" not in result.output


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
