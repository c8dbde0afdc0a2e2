"""render_termsheet / write_termsheet and the ``passthru termsheet`` command."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from passthru.cli import app
from passthru.disclosure import TERMSHEET_FORMATS, render_termsheet, write_termsheet
from passthru.disclosure.render import write_termsheets
from passthru.errors import OutputError


def test_every_format_renders_text_except_xlsx(termsheet_2002_12):
    assert TERMSHEET_FORMATS == ("text", "md", "html", "json", "csv", "xlsx")
    for fmt in TERMSHEET_FORMATS:
        out = render_termsheet(termsheet_2002_12, fmt)
        assert isinstance(out, bytes) == (fmt == "xlsx")
    assert render_termsheet(termsheet_2002_12, "xlsx")[:2] == b"PK"


def test_unknown_format_is_refused(termsheet_2002_12, tmp_path):
    with pytest.raises(ValueError, match="unknown term sheet format 'pdf'"):
        render_termsheet(termsheet_2002_12, "pdf")
    with pytest.raises(ValueError, match=r"suffix '\.pdf'"):
        write_termsheet(termsheet_2002_12, tmp_path / "t.pdf")
    assert list(tmp_path.iterdir()) == []


def test_a_text_style_bears_on_the_text_alone(termsheet_2002_12):
    for fmt in ("md", "html", "json", "csv"):
        assert render_termsheet(termsheet_2002_12, fmt, style="no-such-style") == (
            render_termsheet(termsheet_2002_12, fmt)
        )
    with pytest.raises(ValueError, match="unknown text style 'no-such-style'"):
        render_termsheet(termsheet_2002_12, "text", style="no-such-style")


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("t.txt", b" " * 23 + b"SECURITIES AND EXCHANGE COMMISSION\n"),
        ("t.md", b"# Form 8-K"),
        ("t.html", b"<!DOCTYPE"),
        ("t.json", b"{"),
        ("t.csv", b"section,pool,kind,key,label,count,exact,printed\n"),
    ],
)
def test_format_from_suffix(termsheet_2002_12, tmp_path, name, starts):
    path = write_termsheet(termsheet_2002_12, tmp_path / name)
    assert path == tmp_path / name
    assert path.read_bytes().startswith(starts)


def test_explicit_format_overrides_suffix(termsheet_2002_12, tmp_path):
    path = write_termsheet(termsheet_2002_12, tmp_path / "figures.dat", "json")
    assert json.loads(path.read_text())["as_of"] == "2002-12-01"


def test_failed_write_leaves_neither_file_nor_temporary(termsheet_2002_12, tmp_path, monkeypatch):
    target = tmp_path / "t.txt"
    target.write_text("the previous term sheet")

    def refuse(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="disk full"):
        write_termsheet(termsheet_2002_12, target)
    assert [p.name for p in tmp_path.iterdir()] == ["t.txt"]
    assert target.read_text() == "the previous term sheet"


def test_written_file_has_ordinary_permissions(termsheet_2002_12, tmp_path):
    previous = os.umask(0o022)
    try:
        path = write_termsheet(termsheet_2002_12, tmp_path / "t.csv")
    finally:
        os.umask(previous)
    assert path.stat().st_mode & 0o777 == 0o644


def test_write_every_format(termsheet_2002_12, tmp_path):
    paths = write_termsheets(termsheet_2002_12, tmp_path / "out")
    assert [p.name for p in paths] == [
        "termsheet.txt",
        "termsheet.md",
        "termsheet.html",
        "termsheet.json",
        "termsheet.csv",
        "termsheet.xlsx",
    ]
    assert all(p.stat().st_size > 0 for p in paths)


@pytest.fixture(scope="module")
def tape(synthetic_csv):
    return synthetic_csv(40, "cmsi-2002-12", seed=7)


def test_cli_prints_text_by_default(tape):
    result = CliRunner().invoke(app, ["termsheet", str(tape), "--deal", "cmsi-2002-12"])
    assert result.exit_code == 0, result.output
    assert "Item 5.        Other Events." in result.output
    assert "YEARS OF ORIGINATION OF POOL I MORTGAGE LOANS" in result.output


def test_cli_writes_by_suffix_and_all_formats(tape, tmp_path):
    runner = CliRunner()
    out = tmp_path / "ts.json"
    result = runner.invoke(app, ["termsheet", str(tape), "--deal", "cmsi-2002-12", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["counts"]["accepted"] == 40
    folder = tmp_path / "all"
    args = ["termsheet", str(tape), "--deal", "cmsi-2002-12", "--format", "all", "-o", str(folder)]
    assert runner.invoke(app, args).exit_code == 0
    assert sorted(p.suffix for p in folder.iterdir()) == sorted(
        [".txt", ".md", ".html", ".json", ".csv", ".xlsx"]
    )


def test_cli_refuses_xlsx_to_stdout_and_unknown_deal(tape):
    runner = CliRunner()
    args = ["termsheet", str(tape), "--deal", "cmsi-2002-12", "--format", "xlsx"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "-o" in result.output
    result = runner.invoke(app, ["termsheet", str(tape), "--deal", "no-such-deal"])
    assert result.exit_code == 1
    assert "unknown deal 'no-such-deal'" in result.output


def test_cli_names_a_missing_output_folder_or_one_that_is_a_file(tape, tmp_path):
    runner = CliRunner()
    missing = tmp_path / "missing" / "ts.txt"
    result = runner.invoke(
        app, ["termsheet", str(tape), "--deal", "cmsi-2002-12", "-o", str(missing)]
    )
    assert result.exit_code == 1
    assert f"{missing}: cannot write (output_folder_missing)" in " ".join(result.output.split())
    (tmp_path / "plain").write_text("a file")
    folder = tmp_path / "plain" / "all"
    args = ["termsheet", str(tape), "--deal", "cmsi-2002-12", "--format", "all", "-o", str(folder)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert f"{folder}: cannot write (output_unwritable)" in " ".join(result.output.split())
