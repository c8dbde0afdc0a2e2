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


def _without_first_total_row(text: str) -> str:
    """The filing with its first "Total" line dropped (pool I's years of origination)."""
    lines = text.splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if "Total" in line)
    return "".join(lines[:first] + lines[first + 1 :])


def test_a_table_without_a_total_row_is_summarised_with_a_warning(tmp_path):
    text = (resources.files("passthru") / "data" / "filings" / "cmsi-2002-12-8k.txt").read_text()
    broken = tmp_path / "no-total.txt"
    broken.write_text(_without_first_total_row(text))
    result = runner.invoke(app, ["parse", str(broken)])
    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())
    assert (
        "warning: line 179: table 'YEARS OF ORIGINATION OF POOL I MORTGAGE LOANS' has no Total row"
        in shown
    )
    # The other tables keep their totals: pool I's 993 loans and $452,246,360 (the 8-K's).
    assert "993 │ 452,246,360" in shown


def test_json_output_to_a_missing_folder_is_a_named_error(tmp_path):
    out = tmp_path / "missing" / "filing.json"
    result = runner.invoke(app, ["parse", _filing_path("2002-12"), "-o", str(out)])
    assert result.exit_code == 1
    shown = " ".join(result.output.split())
    assert f"error: {out}: cannot write (output_folder_missing)" in shown
    assert not isinstance(result.exception, OSError)
