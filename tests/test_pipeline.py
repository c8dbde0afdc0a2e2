"""passthru.pipeline: one rule for rejects, with or without a deal, in every command."""

from __future__ import annotations

import re

import polars as pl
import pytest
from typer.testing import CliRunner

from passthru.cli import app
from passthru.deal import load_deal
from passthru.errors import TapeError
from passthru.pipeline import plain_tape, pooled_tape
from passthru.tape import write_tape
from passthru.tape.synthetic import synthetic_tape

CMSI = load_deal("cmsi-2003-2")
REFUSED = "1 of 6 loans rejected (1 errors); fix the tape or pass --allow-rejects"


@pytest.fixture(scope="module")
def bad_tape(tmp_path_factory):
    """Six synthetic 2003-2 loans, the third (data row 3) with a negative balance."""
    tape = synthetic_tape(6, deal=CMSI, seed=3)
    third = pl.int_range(pl.len()) == 2
    tape = tape.with_columns(
        pl.when(third).then(-5.0).otherwise(pl.col("current_balance")).alias("current_balance")
    )
    path = tmp_path_factory.mktemp("tape") / "bad.csv"
    write_tape(tape, path)
    return path


@pytest.mark.parametrize("deal", [None, CMSI])
def test_a_plain_tape_with_a_reject_is_refused_as_a_pooled_one_is(bad_tape, deal):
    with pytest.raises(TapeError, match=re.escape(REFUSED)) as caught:
        plain_tape(bad_tape) if deal is None else pooled_tape(bad_tape, deal)
    ((issue,),) = [caught.value.issues]
    assert (issue.row, issue.column, issue.rule) == (3, "current_balance", "balance_positive")


def test_rejects_allowed_leave_the_loans_that_pass(bad_tape):
    load = plain_tape(bad_tape, allow_rejects=True)
    assert load.loans.height == 5 and load.rejected_count == 1
    assert 3 not in load.loans.get_column("source_row").to_list()


@pytest.mark.parametrize(
    ("command", "allows_rejects"),
    [
        (["cashflows", "{tape}", "--cpr", "6"], True),
        (["matrix", "{tape}", "--psa", "100", "--sda", "100"], True),
        (["replines", "{tape}"], True),
        (["yield", "--tape", "{tape}"], False),  # no --allow-rejects: always refused
    ],
)
def test_commands_without_a_deal_refuse_rejects_in_the_same_words(
    bad_tape, command, allows_rejects
):
    args = [part.format(tape=bad_tape) for part in command]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 1
    assert REFUSED in done.output
    assert "row 3, column current_balance" in done.output
    allowed = CliRunner().invoke(app, [*args, "--allow-rejects"])
    assert allowed.exit_code == (0 if allows_rejects else 2), allowed.output
