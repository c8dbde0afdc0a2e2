"""Writing an output file whole or not at all, and naming the user's path when it cannot be."""

from __future__ import annotations

import pytest

from passthru.errors import OutputError
from passthru.files import check_writable, make_folder, write_atomically, write_bytes_atomically


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.csv"
    target.write_bytes(b"the previous file")

    def half_then_fail(out):
        out.write(b"half a fi")
        raise ValueError("the writer stopped")

    with pytest.raises(ValueError, match="the writer stopped"):
        write_atomically(target, half_then_fail)
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    assert target.read_bytes() == b"the previous file"


def test_a_whole_write_replaces_the_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    assert write_bytes_atomically(target, b"new") == target
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    assert target.read_bytes() == b"new"


def test_a_missing_folder_is_named_with_the_users_path_not_the_temporary(tmp_path):
    target = tmp_path / "missing" / "out.json"
    with pytest.raises(OutputError) as raised:
        write_bytes_atomically(target, b"{}")
    message = str(raised.value)
    assert message == (
        f"{target}: cannot write (output_folder_missing): "
        f"the folder {tmp_path / 'missing'} does not exist"
    )
    assert raised.value.rule == "output_folder_missing"
    assert ".tmp" not in message


def test_a_file_where_the_folder_should_be_is_unwritable(tmp_path):
    (tmp_path / "plain").write_text("a file")
    with pytest.raises(OutputError, match=r"\(output_unwritable\): .*plain is a file"):
        check_writable(tmp_path / "plain" / "out.csv")
    with pytest.raises(OutputError, match="output_unwritable"):
        make_folder(tmp_path / "plain" / "sub")
    with pytest.raises(OutputError, match="is a folder, not a file"):
        check_writable(tmp_path)
