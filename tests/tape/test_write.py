"""write_tape: whole or not at all, a known suffix, and a folder that can be written."""

from __future__ import annotations

import polars as pl
import pytest

from passthru.deal import load_deal
from passthru.errors import OutputError, TapeError
from passthru.tape import check_tape_path, load_tape, write_tape
from passthru.tape.synthetic import synthetic_tape


@pytest.fixture(scope="module")
def tape():
    return synthetic_tape(6, deal=load_deal("cmsi-2002-12"), seed=3)


def test_a_writer_that_fails_half_way_leaves_the_previous_tape(tape, tmp_path, monkeypatch):
    path = tmp_path / "tape.csv"
    write_tape(tape.head(2), path)
    previous = path.read_bytes()

    def half_then_fail(self, file, **options):
        file.write(b"loan_id,pool\nL1,")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pl.DataFrame, "write_csv", half_then_fail)
    with pytest.raises(OutputError, match="No space left on device"):
        write_tape(tape, path)
    assert [p.name for p in tmp_path.iterdir()] == ["tape.csv"]
    assert path.read_bytes() == previous


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_every_format_reads_back_every_loan(tape, tmp_path, suffix):
    path = tmp_path / f"tape{suffix}"
    write_tape(tape, path)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert load_tape(path).accepted_count == tape.height


def test_the_path_is_checked_before_anything_is_built(tmp_path):
    with pytest.raises(TapeError, match=r"cannot write '\.pdf'"):
        check_tape_path(tmp_path / "tape.pdf")
    with pytest.raises(OutputError, match="output_folder_missing"):
        check_tape_path(tmp_path / "missing" / "tape.csv")
    assert check_tape_path(tmp_path / "tape.parquet") == tmp_path / "tape.parquet"
