"""Column-mapping files: the shipped example, and each ``mapping_*`` error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from passthru.errors import TapeError
from passthru.tape import load_tape

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "issuer-mapping.toml"
ISSUER = ROOT / "tests" / "data" / "tapes" / "mapped" / "issuer.csv"


def test_example_mapping_reads_the_issuer_tape():
    load = load_tape(ISSUER, mapping=EXAMPLE, cut_off=date(2003, 2, 1))
    assert load.read_count == load.accepted_count + load.rejected_count == 4
    first = load.loans.row(0, named=True)
    assert first["loan_id"] == "A-1" and first["source_row"] == 1
    # [scale] note_rate = 100: 0.0625 -> 6.25; servicing fee 0.0025 -> 0.25
    assert load.loans["note_rate"].to_list() == [6.25, 5.625, 6.5]
    assert load.loans["servicing_fee_rate"].to_list() == [0.25, 0.25, 0.25]
    # date_format %m/%d/%Y and [values] translations
    assert first["origination_date"] == date(2002, 12, 15)
    assert load.loans["property_type"].to_list() == ["detached", "cooperative", "multi_family"]
    assert load.loans["loan_purpose"].to_list() == [
        "purchase", "rate_term_refinance", "cash_out_refinance"]  # fmt: skip
    assert load.loans["mortgage_insurance"].to_list() == [False, False, True]
    # A-4's property "MOBILE" has no translation and no canonical meaning
    (error,) = load.errors
    assert (error.rule, error.row, error.column, error.value) == (
        "enum_value", 4, "property_type", "MOBILE")  # fmt: skip
    assert [(w.rule, w.column) for w in load.warnings] == [("unknown_column", "Branch")]


def _mapping(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "m.toml"
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("text", "rule", "key"),
    [
        ("[columns]\nloan_number = 'Loan Number'\n", "mapping_column", "columns.loan_number"),
        ("[values.colour]\nR = 'red'\n", "mapping_column", "values.colour"),
        ("[scale]\nnote_rate = 0\n", "mapping_scale", "scale.note_rate"),
        ("[scale]\nstate = 100\n", "mapping_scale", "scale.state"),
        ("[source]\nseparator = ';'\n", "mapping_key", "source.separator"),
        ("[source]\nskip_rows = 'one'\n", "mapping_key", "source.skip_rows"),
        ("[source]\nencoding = 'latin-1'\n", "mapping_encoding", "source.encoding"),
        ("[layout]\nname = 'x'\n", "mapping_key", "layout"),
        ("[columns]\nltv = 'LTV'\nltv_without_pledge = 'LTV'\n", "mapping_column", "columns.ltv"),
    ],
)
def test_mapping_file_errors_name_the_key(tmp_path, text, rule, key):
    with pytest.raises(TapeError) as caught:
        load_tape(ISSUER, mapping=_mapping(tmp_path, text))
    assert (rule, key) in {(i.rule, i.column) for i in caught.value.issues}
    assert all(i.file == str(tmp_path / "m.toml") for i in caught.value.issues)


def test_not_toml_and_missing_file(tmp_path):
    with pytest.raises(TapeError) as caught:
        load_tape(ISSUER, mapping=_mapping(tmp_path, "[columns\n"))
    assert [i.rule for i in caught.value.issues] == ["mapping_file"]
    with pytest.raises(TapeError) as caught:
        load_tape(ISSUER, mapping=tmp_path / "none.toml")
    assert [i.rule for i in caught.value.issues] == ["mapping_file"]


def test_source_columns_missing_from_the_tape_are_all_named(tmp_path):
    text = EXAMPLE.read_text().replace('"Loan Number"', '"Loan No"').replace('"LTV"', '"CLTV"')
    with pytest.raises(TapeError) as caught:
        load_tape(ISSUER, mapping=_mapping(tmp_path, text))
    assert {(i.rule, i.column) for i in caught.value.issues} == {
        ("mapping_source_column", "columns.loan_id"),
        ("mapping_source_column", "columns.ltv"),
    }


def test_headerless_source_maps_by_position(tmp_path):
    tape = tmp_path / "t.txt"
    rows = ISSUER.read_text().splitlines()[2:4]
    tape.write_text("\n".join(rows) + "\n")
    names = ISSUER.read_text().splitlines()[1].split(";")
    columns = EXAMPLE.read_text().split("[columns]")[1].split("[values")[0]
    for position, name in enumerate(names, start=1):
        columns = columns.replace(f'"{name}"', f'"{position}"')
    text = (
        EXAMPLE.read_text()
        .replace("header = true", "header = false")
        .replace("skip_rows = 1", "skip_rows = 0")
    )
    text = (
        text.split("[columns]")[0] + "[columns]" + columns + "[values" + text.split("[values", 1)[1]
    )
    load = load_tape(tape, mapping=_mapping(tmp_path, text), cut_off=date(2003, 2, 1))
    assert load.errors == ()
    assert load.loans["loan_id"].to_list() == ["A-1", "A-2"]
