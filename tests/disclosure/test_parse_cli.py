"""``passthru parse``: a summary or JSON, exit 1 with a named error on unreadable input."""

from __future__ import annotations

import json
from importlib import resources

from typer.testing import CliRunner

from passthru.cli import app

runner = CliRunner()


def _filing_path(series: str) -> str:
    return str(resources.files("passthru") / "data" / "filings" / f"cmsi-{series}-8k.txt")


def test_summary_shows_series_pools_tables_and_certificates():
    result = runner.invoke(app, ["parse", _filing_path("2003-2")])
    assert result.exit_code == 0, result.output
    assert "series 2003-2" in result.output
    assert "1620" in result.output and "$757,241,656.27" in result.output
    assert "2.150127919560%" in result.output
    assert "clean-up threshold: $75,724,165.62" in result.output


def test_json_output(tmp_path):
    out = tmp_path / "filing.json"
    result = runner.invoke(app, ["parse", _filing_path("2002-12"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["series"] == "2002-12"
    assert data["pools"]["I"]["wa_note_rate"]["printed"] == "6.462%"
    assert len(data["tables"]) == 14


def test_warnings_do_not_fail_the_command(tmp_path):
    text = (resources.files("passthru") / "data" / "filings" / "cmsi-2002-12-8k.txt").read_text()
    broken = tmp_path / "broken.txt"
    broken.write_text(text.replace(" 451,030,553", " 451,030,999"))
    result = runner.invoke(app, ["parse", str(broken)])
    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())  # Rich wraps long lines
    assert "warning: line 192:" in shown
    assert "rows add up to $452,246,806 but the Total row says $452,246,360" in shown


def test_unreadable_input_exits_1_with_a_named_error(tmp_path):
    result = runner.invoke(app, ["parse", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "missing.txt" in result.output and "error" in result.output
