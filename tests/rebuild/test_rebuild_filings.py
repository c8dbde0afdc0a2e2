"""Both bundled filings rebuilt: the tape's own term sheet prints every figure and row filed.

Expected values are the filings' own (parsed from the bundled 8-K text); the term
sheet is built here from the tape by the ordinary path (form_pools, build_termsheet),
independent of the rebuild's report.
"""

from __future__ import annotations

import polars as pl
import pytest

from passthru.deal import load_deal
from passthru.disclosure import render_termsheet
from passthru.disclosure.filing import figure_value
from passthru.disclosure.parse import parse_filing
from passthru.pool import form_pools
from passthru.rebuild import compare_filings, rebuild_tape
from passthru.strats import build_termsheet
from passthru.tape import load_tape, write_tape

SERIES = ("2002-12", "2003-2")


def _termsheet(tape: pl.DataFrame, series: str):
    deal = load_deal(f"cmsi-{series}")
    return build_termsheet(form_pools(tape, deal).loans, deal)


def _label(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("series", SERIES)
def test_every_narrative_figure_prints_as_filed(series, filings, rebuilt):
    ts = _termsheet(rebuilt[series].tape, series)
    filed = filings[series].pools
    assert sum(len(f) for f in filed.values()) > 0
    for pool, figures in filed.items():
        mine = ts.figures(pool)
        for key, figure in figures.items():
            assert figure_value(key, mine[key].printed) == figure.value, (pool, key)


def test_every_table_row_of_2002_12_has_the_filed_count_and_dollars(filings, rebuilt):
    ts = _termsheet(rebuilt["2002-12"].tape, "2002-12")
    tables = filings["2002-12"].tables
    assert len(tables) == 14
    for filed in tables:
        mine = ts.table(filed.kind, filed.pool)
        assert [(_label(r.label), r.count, r.dollars) for r in mine.rows] == [
            (_label(r.label), r.count, int(r.balance)) for r in filed.rows
        ], (filed.kind, filed.pool)
        assert (mine.total.count, mine.total.dollars) == (filed.total.count, filed.total.balance)


def test_the_2002_12_pools_keep_their_printed_loans_and_cents(rebuilt):
    tape = rebuilt["2002-12"].tape
    totals = tape.group_by("pool").agg(pl.len(), pl.col("current_balance").sum()).sort("pool")
    assert totals["len"].to_list() == [993, 283]
    cents = (tape["current_balance"] * 100).round(0).cast(pl.Int64)
    by_pool = tape.with_columns(cents.alias("c")).group_by("pool").agg(pl.col("c").sum())
    assert dict(by_pool.iter_rows()) == {"I": 45_224_635_998, "II": 13_090_548_257}


@pytest.mark.parametrize("series", SERIES)
def test_nothing_is_reported_unmet(series, rebuilt):
    result = rebuilt[series]
    assert result.unmet == ()
    assert result.report.reasons == ()
    assert result.report.checks and all(c.matched for c in result.report.checks)


@pytest.mark.parametrize("series", SERIES)
def test_the_written_tape_loads_without_errors_and_still_matches(
    series, filings, rebuilt, tmp_path
):
    path = tmp_path / "tape.csv"
    write_tape(rebuilt[series].tape, path)
    load = load_tape(path, cut_off=filings[series].cut_off_date)
    assert load.errors == ()
    assert load.warnings == ()
    assert load.rejected_count == 0
    ts = _termsheet(load.loans, series)
    for pool, figures in filings[series].pools.items():
        for key, figure in figures.items():
            assert figure_value(key, ts.figures(pool)[key].printed) == figure.value


@pytest.mark.parametrize("series", SERIES)
def test_round_trip_render_parse_compare_shows_no_difference(series, filings, rebuilt):
    text = render_termsheet(_termsheet(rebuilt[series].tape, series), "text")
    back = parse_filing(text, source="rendered")
    differences = [c for c in compare_filings(filings[series], back) if not c.matched]
    assert differences == []
    assert back.warnings == []


def test_same_seed_same_tape_other_seed_other_tape_both_matching(filings, rebuilt):
    again = rebuild_tape(filings["2002-12"], seed=0)
    assert again.tape.equals(rebuilt["2002-12"].tape)
    other = rebuild_tape(filings["2002-12"], seed=7)
    assert not other.tape.equals(again.tape)
    assert other.unmet == ()
