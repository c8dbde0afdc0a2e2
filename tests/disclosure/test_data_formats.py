"""JSON, CSV, Markdown, HTML and xlsx renderings of one hand-built term sheet."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import openpyxl

from passthru.disclosure import render_termsheet
from passthru.strats.model import TABLE_KINDS


def test_json_carries_exact_and_printed(termsheet_2002_12):
    data = json.loads(render_termsheet(termsheet_2002_12, "json"))
    assert set(data) == {"deal", "as_of", "counts", "notes", "pools", "tables"}
    assert data["deal"]["name"] == "cmsi-2002-12"
    assert data["deal"]["cut_off_date"] == "2002-12-01"
    assert data["as_of"] == "2002-12-01"
    assert data["counts"] == {"read": 1276, "accepted": 1276, "rejected": 0}
    assert list(data["pools"]) == ["I", "II", "all"]
    rate = data["pools"]["I"]["wa_note_rate"]
    assert set(rate) == {"label", "exact", "printed", "unit", "rule", "note"}
    assert rate["exact"] == 6.46213 and rate["printed"] == "6.462%"
    assert data["pools"]["I"]["origination_start"]["exact"] == "2000-09-14"
    assert data["pools"]["I"]["any_ltv_over_95"]["exact"] is False
    assert data["pools"]["II"]["discount_balance"] == {
        "label": "discount balance",
        "exact": None,
        "printed": "",
        "unit": "dollars",
        "rule": "whole_dollars",
        "note": "",
    }


def test_json_tables_in_order_with_exact_balances(termsheet_2002_12):
    tables = json.loads(render_termsheet(termsheet_2002_12, "json"))["tables"]
    assert [(t["kind"], t["pool"]) for t in tables] == [
        (k, p) for k in TABLE_KINDS for p in ("I", "II")
    ]
    dwellings = tables[3]
    assert dwellings["title"] == ["TYPES OF DWELLINGS SUBJECT TO POOL II MORTGAGE LOANS"]
    assert dwellings["heading"] == ["Type of", "Dwelling Unit"]
    assert dwellings["rows"][1] == {
        "label": "Multi-family Dwellings",
        "count": 2,
        "balance": 847012.0,
        "dollars": 847012,
    }
    assert dwellings["total"]["balance"] == 130905482.57
    assert dwellings["total"]["dollars"] == 130905483
    assert dwellings["footnote"] == "Multi-family dwellings are 2-family."


def test_csv_is_one_long_table(termsheet_2002_12):
    rows = list(csv.DictReader(io.StringIO(render_termsheet(termsheet_2002_12, "csv"))))
    assert list(rows[0]) == ["section", "pool", "kind", "key", "label", "count", "exact", "printed"]
    figures = [r for r in rows if r["section"] == "figure"]
    assert len(figures) == sum(len(p.figures) for p in termsheet_2002_12.pools)
    rate = next(r for r in figures if r["pool"] == "II" and r["key"] == "wa_note_rate")
    assert (rate["exact"], rate["printed"]) == ("6.15281", "6.153%")
    unknown = next(r for r in figures if r["pool"] == "II" and r["key"] == "discount_balance")
    assert unknown["exact"] == "" and unknown["printed"] == ""
    flag = next(r for r in figures if r["pool"] == "I" and r["key"] == "any_ltv_over_95")
    assert flag["exact"] == "false"
    years = [r for r in rows if r["section"] == "table" and r["kind"] == "origination_year"]
    assert [(r["pool"], r["key"], r["label"], r["count"], r["printed"]) for r in years] == [
        ("I", "1", "2000", "1", "$391,272"),
        ("I", "2", "2001", "2", "$824,535"),
        ("I", "3", "2002", "990", "$451,030,553"),
        ("I", "total", "Total", "993", "$452,246,360"),
        ("II", "1", "2001", "2", "$704,113"),
        ("II", "2", "2002", "281", "$130,201,370"),
        ("II", "total", "Total", "283", "$130,905,483"),
    ]
    assert years[3]["exact"] == "452246359.98"


def test_csv_notes(termsheet_2002_12):
    ts = dataclasses.replace(termsheet_2002_12, notes=("2 of 1278 loans were rejected.",))
    rows = list(csv.DictReader(io.StringIO(render_termsheet(ts, "csv"))))
    assert rows[-1]["section"] == "note"
    assert rows[-1]["label"] == "2 of 1278 loans were rejected."


def test_xlsx_has_figures_and_a_numeric_sheet_per_table(termsheet_2002_12, tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(render_termsheet(termsheet_2002_12, "xlsx"))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Figures"
    assert len(book.sheetnames) == 1 + len(termsheet_2002_12.tables)
    assert {"I Size", "II State", "II Dwelling", "I LTV"} <= set(book.sheetnames)
    assert all(len(name) <= 31 for name in book.sheetnames)
    sheet = book["II Year"]
    values = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert values[0][0] == "YEARS OF ORIGINATION OF POOL II MORTGAGE LOANS"
    assert values[2][:2] == ("Year Originated", "Number of Loans")
    assert values[3] == ("2001", 2, 704113, 704113.0)
    assert values[5] == ("Total", 283, 130905483, 130905482.57)
    assert sheet.cell(4, 3).number_format == "$#,##0"
    dwellings = [row[0].value for row in book["II Dwelling"].iter_rows()]
    assert "Multi-family Dwellings*" in dwellings
    assert "* Multi-family dwellings are 2-family." in dwellings


def test_xlsx_figures_are_numbers_dates_and_blanks(termsheet_2002_12, tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(render_termsheet(termsheet_2002_12, "xlsx"))
    rows = [tuple(c.value for c in r) for r in openpyxl.load_workbook(path)["Figures"].iter_rows()]
    by_key = {(r[0], r[1]): r for r in rows if r[1] and r[0] in ("Pool I", "Pool II", "All loans")}
    assert by_key[("Pool I", "wa_note_rate")][3:5] == (6.46213, "6.462%")
    assert by_key[("Pool I", "latest_maturity")][3].date().isoformat() == "2032-12-01"
    assert by_key[("Pool I", "any_ltv_over_95")][3] is False
    assert by_key[("Pool II", "discount_balance")][3] is None
    assert by_key[("All loans", "loan_count")][3:5] == (1276, "1276")


def test_html_holds_every_table_and_the_narrative(termsheet_2002_12):
    html = render_termsheet(termsheet_2002_12, "html")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html and "<script" not in html
    assert html.count('<section class="table"') == len(termsheet_2002_12.tables)
    for table in termsheet_2002_12.tables:
        assert f'id="{table.kind}-{table.pool}"' in html
        for row in table.rows:
            assert f"<td>{row.label.replace('&', '&amp;')}" in html
    assert '<td class="num">$130,905,483</td>' in html
    assert "Multi-family Dwellings*</td>" in html
    assert "at least 10 but not more than 30 years" in html
    assert "&#34;pool I mortgage loans&#34;" in html  # quotes escaped


def test_markdown_tables_and_escapes(termsheet_2002_12):
    md = render_termsheet(termsheet_2002_12, "md")
    assert md.count("\n| :-- | --: | --: |\n") == len(termsheet_2002_12.tables)
    assert "### YEARS OF ORIGINATION OF POOL II MORTGAGE LOANS" in md
    assert "| 2001 | 2 | \\$704,113 |" in md
    assert "| **Total** | **283** | **\\$130,905,483** |" in md
    assert "| Multi-family Dwellings\\* | 2 | \\$847,012 |" in md
    assert "\\* Multi-family dwellings are 2-family." in md
    assert (
        "1. the numbers of such pool I mortgage loans and pool II mortgage loans are 7 and 1" in md
    )
    assert "| Figure | Pool I | Pool II | All loans |" in md
