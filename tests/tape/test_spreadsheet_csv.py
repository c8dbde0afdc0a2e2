"""A tape typed in a spreadsheet and saved as CSV: CRLF line ends, every field quoted,
trailing spaces, Y/N booleans, thousands separators and dollar signs on balances,
percent signs on rates and LTVs. Expected values are the ones typed below."""

from __future__ import annotations

import pytest

from passthru.tape import load_tape

HEADER = (
    '"loan_id ","original_balance","current_balance","note_rate","servicing_fee_rate",'
    '"original_term","remaining_term","origination_date","first_payment_date","maturity_date",'
    '"ltv","property_type","units","state ","zip","occupancy","documentation","loan_purpose",'
    '"mortgage_insurance","additional_collateral"'
)
ROW = (
    '"L1","1,250,000.00","$1,248,765.43 ","6.375%","0.25 %","360","359","2002-11-20",'
    '"2003-01-01","2032-12-01","72.5%","detached","1","CA ","94105","primary","full",'
    '"purchase","N","n"'
)


def _load(tmp_path, row: str):
    path = tmp_path / "sheet.csv"
    path.write_bytes(f"{HEADER}\r\n{row}\r\n".encode())
    return load_tape(path)


def test_spreadsheet_formatting_is_read_as_the_values_it_shows(tmp_path):
    load = _load(tmp_path, ROW)
    assert load.errors == ()
    loan = load.loans.row(0, named=True)
    assert loan["original_balance"] == 1_250_000.00
    assert loan["current_balance"] == 1_248_765.43
    assert loan["note_rate"] == 6.375
    assert loan["servicing_fee_rate"] == 0.25
    assert loan["ltv"] == 72.5
    assert loan["state"] == "CA"
    assert loan["mortgage_insurance"] is False and loan["additional_collateral"] is False


@pytest.mark.parametrize(
    ("column_value", "replacement"),
    [
        ('"1,250,000.00"', '"1,25,0000.00"'),  # commas not between groups of three
        ('"1,250,000.00"', '"1250000.00%"'),  # a percent sign on dollars
        ('"6.375%"', '"$6.375"'),  # a dollar sign on a rate
        ('"72.5%"', '"72,5"'),  # a decimal comma
    ],
)
def test_other_signs_and_commas_are_still_type_errors(tmp_path, column_value, replacement):
    load = _load(tmp_path, ROW.replace(column_value, replacement, 1))
    assert [i.rule for i in load.errors] == ["type"]
    assert load.rejected_count == 1
