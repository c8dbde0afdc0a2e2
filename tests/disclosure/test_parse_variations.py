"""Hand-made excerpts for every layout variation the parser must tolerate.

Each excerpt is a small CMSI-style text written for the test; expected values are
the ones typed into it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from passthru.disclosure.parse import parse_filing, parse_filing_file
from passthru.errors import FilingError

COVER = """\
                       CITICORP MORTGAGE SECURITIES, INC.
   (Issuer in Respect of the REMIC Pass-Through Certificates, Series 2004-7)
               (Exact name of registrant as specified in charter)
                        Date of Report: May 27, 2004
<PAGE>
"""

TABLE_HEADER = """\
Type of                           Number of                 Aggregate Principal
Dwelling Unit                     Loans                    Balances Outstanding
-------------                     ---------                --------------------
"""


def _reading(f) -> list[str]:
    """The warnings about what was read; excerpts have no cut-off sentence by design."""
    return [w for w in f.warnings if "no cut-off date" not in w]


def _line_of(text: str, needle: str) -> int:
    return text.splitlines().index(next(x for x in text.splitlines() if needle in x)) + 1


def test_spacing_and_wrapping_do_not_matter():
    text = COVER + (
        "     The   total numbers of the pool I mortgage\n"
        "loans and the pool II     mortgage loans as of May 1, 2004 were   993   and\n"
        "283,  respectively.   The weighted average interest rates of the pool I\n"
        "mortgage loans and the pool II mortgage loans (before deduction of the servicing\n"
        "fee) as of May 1, 2004 were 6.462 % and\n\n6.153%, respectively.\n"
    )
    f = parse_filing(text)
    assert f.figure("I", "loan_count").value == 993
    assert f.figure("II", "loan_count").printed == "283"
    assert f.figure("I", "wa_note_rate").printed == "6.462%"
    assert f.figure("II", "wa_note_rate").value == Decimal("6.153")
    assert f.series == "2004-7" and f.report_date == date(2004, 5, 27)


def test_page_break_and_footnote_block_inside_a_paragraph():
    text = COVER + (
        "     At least 97%(2) and 95%, respectively, of the pool I mortgage loans and the\n"
        "pool II mortgage loans are secured by mortgaged properties determined by\n"
        "\n"
        "-----------\n"
        "1    Terms used herein and not defined have the meaning assigned thereto in the\n"
        "     form of Prospectus.\n"
        "\n"
        "2    Such percentages are expressed as a percentage of 12% of nothing.\n"
        "<PAGE>\n"
        "\n"
        "CitiMortgage, Inc. to be the primary residence of the borrower.\n"
    )
    f = parse_filing(text)
    assert f.figure("I", "primary_residence_pct").text == "at least 97%"
    assert f.figure("II", "primary_residence_pct").printed == "95%"
    assert _reading(f) == []


def test_footnote_markers_dollars_without_sign_and_maturites_typo():
    text = COVER + (
        "     On May 27, 2004, CMSI is to transfer to the Trustee mortgage loans(1) with an\n"
        "aggregate scheduled principal balance outstanding (after deducting principal\n"
        "payments due on or before May 1, 2004) as of May 1, 2004 of 300,000,000.00. The\n"
        "mortgage loans that have original maturites of at least 20 years but not more\n"
        'than 30 years, the "pool I mortgage loans", have an aggregate scheduled\n'
        "principal balance outstanding (after deducting principal payments due on or\n"
        "before May 1, 2004) as of May 1, 2004 of $200,000,000.00. No more than 1,234,567\n"
        "and $2,345,678, respectively, of the pool I mortgage loans and the pool II\n"
        "mortgage loans are secured by mortgaged properties located in any one zip code.\n"
    )
    f = parse_filing(text)
    assert f.figure("all", "aggregate_balance").printed == "$300,000,000.00"
    assert f.figure("I", "aggregate_balance").value == Decimal("200000000.00")
    assert f.figure("I", "max_zip_balance").printed == "$1,234,567"
    assert f.figure("II", "max_zip_balance").value == Decimal(2345678)
    assert f.deal_terms.original_term_years == {"I": (20, 30)}
    assert f.cut_off_date == date(2004, 5, 1)


PROPERTY_TABLE = (
    "              TYPES OF DWELLINGS SUBJECT TO GROUP I MORTGAGE LOANS\n\n"
    + TABLE_HEADER
    + """
Detached Houses                     100                         $ 40,000,000

Multi-family Dwellings*               2                              800,000

Condominium Units (one to four       3                            1,200,000
stories high)
<PAGE>

Type of                           Number of                 Aggregate Principal
Dwelling Unit                     Loans                    Balances Outstanding
-------------                     ---------                --------------------
Condominium Units (over four
stories high)                         1                              400,000
$150,000 through  $249,999            1                              160,000


Total                               107                         $ 42,560,000
                                    ===                         ============

-----------
*   Multi-family dwellings are 2-family.
"""
)


def test_table_split_by_page_wrapped_labels_double_spaces_and_group_title():
    f = parse_filing(COVER + PROPERTY_TABLE)
    (table,) = f.tables
    assert (table.kind, table.pool) == ("property_type", "I")
    assert table.title == ("TYPES OF DWELLINGS SUBJECT TO GROUP I MORTGAGE LOANS",)
    assert [r.label for r in table.rows] == [
        "Detached Houses",
        "Multi-family Dwellings",
        "Condominium Units (one to four stories high)",
        "Condominium Units (over four stories high)",
        "$150,000 through $249,999",
    ]
    assert [r.count for r in table.rows] == [100, 2, 3, 1, 1]
    assert table.rows[3].balance == Decimal(400000)
    assert (table.total.count, table.total.balance) == (107, Decimal(42560000))
    assert table.footnote == "Multi-family dwellings are 2-family."
    assert _reading(f) == []


def test_rows_that_do_not_add_up_warn_naming_the_total_line():
    bad = PROPERTY_TABLE.replace("$ 42,560,000", "$ 42,560,100").replace(" 107  ", " 108  ")
    text = COVER + bad
    f = parse_filing(text)
    total_line = _line_of(text, "Total ")
    assert len(_reading(f)) == 2
    assert all(w.startswith(f"line {total_line}:") for w in _reading(f))
    assert "107 loans" in _reading(f)[0] and "108" in _reading(f)[0]
    assert "$42,560,000" in _reading(f)[1] and "$42,560,100" in _reading(f)[1]


def test_rounding_of_whole_dollar_rows_is_tolerated_up_to_half_a_dollar_a_row():
    # five rows: a total off by $2 is within 5 / 2 = $2.50, off by $3 is not
    ok = PROPERTY_TABLE.replace("$ 42,560,000", "$ 42,560,002")
    assert _reading(parse_filing(COVER + ok)) == []
    off = PROPERTY_TABLE.replace("$ 42,560,000", "$ 42,560,003")
    assert len(_reading(parse_filing(COVER + off))) == 1


POOL_COUNTS = COVER + (
    "     The total numbers of the pool I mortgage loans and the pool II mortgage\n"
    "loans as of May 1, 2004 were {count} and 283, respectively.\n\n"
)


def test_a_total_that_disagrees_with_the_pools_loan_count_names_both():
    text = POOL_COUNTS.format(count=108) + PROPERTY_TABLE
    f = parse_filing(text)
    total_line = _line_of(text, "Total ")
    count_line = _line_of(text, "The total numbers")  # where the sentence starts
    assert _reading(f) == [
        f"line {total_line}: table 'TYPES OF DWELLINGS SUBJECT TO GROUP I MORTGAGE LOANS': "
        f"the Total row says 107 loans but the narrative gives 108 for pool I (line {count_line})"
    ]


def test_a_total_that_agrees_with_the_pools_loan_count_is_quiet():
    assert _reading(parse_filing(POOL_COUNTS.format(count=107) + PROPERTY_TABLE)) == []


def test_a_single_pool_total_is_checked_against_all_the_loans():
    text = SINGLE_POOL + (
        "\n                TYPES OF DWELLINGS SUBJECT TO THE MORTGAGE LOANS\n\n"
        + TABLE_HEADER
        + "Detached Houses                     511                        $ 250,000,000\n\n"
        "Total                               511                        $ 250,000,000\n"
    )
    f = parse_filing(text)
    total_line = _line_of(text, "Total ")
    count_line = _line_of(text, "The total number of")
    assert _reading(f) == [
        f"line {total_line}: table 'TYPES OF DWELLINGS SUBJECT TO THE MORTGAGE LOANS': the "
        f"Total row says 511 loans but the narrative gives 512 for all the mortgage loans "
        f"(line {count_line})"
    ]


def test_table_without_total_row_warns_and_keeps_its_rows():
    text = COVER + "".join(
        line + "\n" for line in PROPERTY_TABLE.splitlines() if not line.startswith("Total")
    )
    f = parse_filing(text)
    assert f.tables[0].total is None and len(f.tables[0].rows) == 5
    assert any("has no Total row" in w and w.startswith("line 6:") for w in _reading(f))


def test_one_line_and_two_line_titles():
    text = COVER + (
        "                     GEOGRAPHIC DISTRIBUTION OF\n"
        "                  POOL II MORTGAGED PROPERTIES BY STATE\n\n"
        "                                  Number of                 Aggregate Principal\n"
        "State                             Loans                    Balances Outstanding\n"
        "-----                             --------                 --------------------\n"
        "Alabama                               5                         $  2,296,630\n"
        "New York                             39                           16,965,848\n"
        "Total                                44                         $ 19,262,478\n\n"
        "         SIZE OF POOL I MORTGAGE LOANS\n\n"
        + TABLE_HEADER
        + "$149,999 and under   1   $  55,419\n"
        "Total                1   $  55,419\n"
    )
    f = parse_filing(text)
    assert [(t.kind, t.pool, len(t.title)) for t in f.tables] == [
        ("state", "II", 2),
        ("size", "I", 1),
    ]
    assert _reading(f) == []


def test_figure_sentence_that_cannot_be_read_is_a_warning_naming_its_line():
    text = COVER + (
        "     The weighted average interest rates of the pool I mortgage loans and the\n"
        "pool II mortgage loans as of May 1, 2004 were 6.462%, 6.153% and 6.001%,\n"
        "respectively. The weighted average remaining terms to stated maturity of the\n"
        "pool I mortgage loans were not available.\n"
    )
    f = parse_filing(text)
    assert "I" not in f.pools or "wa_note_rate" not in f.pools["I"]
    first = _line_of(text, "The weighted average interest")
    third = _line_of(text, "respectively. The weighted")
    assert _reading(f)[0].startswith(f"line {first}:")
    assert "3 values for 2 pools" in _reading(f)[0]
    assert _reading(f)[1].startswith(f"line {third}:") and "remaining term" in _reading(f)[1]


SINGLE_POOL = COVER + (
    "     On May 27, 2004, CMSI will transfer to the Trustee Mortgage Loans with an\n"
    "aggregate scheduled principal balance outstanding (after deducting principal\n"
    "payments due on or before May 1, 2004) as of May 1, 2004 of $250,000,000.00.\n\n"
    "     The total number of the mortgage loans as of May 1, 2004 was 512. The\n"
    "weighted average interest rate of the mortgage loans (before deduction of the\n"
    "servicing fee) as of May 1, 2004 was 5.875%. All mortgage loans have original\n"
    "maturities of at least 25 but not more than 30 years. None of the mortgage\n"
    "loans were originated prior to June 1, 2003 or after May 1, 2004. At least 96%\n"
    "of the mortgage loans are secured by mortgaged properties determined by\n"
    "CitiMortgage, Inc. to be the primary residence of the borrower. Premium loans\n"
    "will consist of mortgage loans with net loan rates greater than or equal to\n"
    "5.500%.\n"
)


def test_single_pool_filing_reads_its_figures_as_all_loans():
    f = parse_filing(SINGLE_POOL)
    assert list(f.pools) == ["all"]
    all_loans = f.pools["all"]
    assert all_loans["aggregate_balance"].printed == "$250,000,000.00"
    assert all_loans["loan_count"].value == 512
    assert all_loans["wa_note_rate"].printed == "5.875%"
    assert all_loans["origination_start"].value == date(2003, 6, 1)
    assert all_loans["origination_end"].value == date(2004, 5, 1)
    assert all_loans["primary_residence_pct"].text == "at least 96%"
    assert f.deal_terms.pool_names == ("I",)
    assert f.deal_terms.original_term_years == {"I": (25, 30)}
    assert f.deal_terms.target_rates == {"I": Decimal("5.500")}
    assert _reading(f) == []


def test_three_pool_filing():
    text = COVER + (
        "     The total numbers of the pool I mortgage loans, the pool II mortgage loans\n"
        "and the pool III mortgage loans as of May 1, 2004 were 900, 300 and 45,\n"
        "respectively. The weighted average loan-to-value ratios at origination of the\n"
        "pool I mortgage loans, the pool II mortgage loans, the pool III mortgage loans\n"
        "and all mortgage loans as of May 1, 2004 were 64.1%, 55.6%, 70.0% and 61.8%,\n"
        "respectively. None of the pool I mortgage loans, the pool II mortgage loans or\n"
        "the pool III mortgage loans were originated prior to June 1, 2001, February 1,\n"
        "2002 and March 1, 2003, respectively, or after May 1, 2004.\n"
    )
    f = parse_filing(text)
    assert list(f.pools) == ["I", "II", "III", "all"]
    assert [f.figure(p, "loan_count").value for p in ("I", "II", "III")] == [900, 300, 45]
    assert f.figure("III", "wa_ltv").printed == "70.0%"
    assert f.figure("all", "wa_ltv").printed == "61.8%"
    assert f.figure("II", "origination_start").value == date(2002, 2, 1)
    assert f.figure("III", "origination_end").value == date(2004, 5, 1)
    assert f.deal_terms.pool_names == ("I", "II", "III")


def test_group_names_in_the_narrative():
    text = COVER + (
        "The weighted average remaining terms to stated maturity of the group I mortgage\n"
        "loans and the group II mortgage loans as of May 1, 2004 were 356.84 months and\n"
        "176.35 months, respectively.\n"
    )
    f = parse_filing(text)
    assert f.figure("I", "wa_remaining_term").printed == "356.84"
    assert f.figure("II", "wa_remaining_term").value == Decimal("176.35")


def test_text_with_no_cmsi_content_is_a_filing_error():
    with pytest.raises(FilingError, match="no CMSI-style content"):
        parse_filing("Dear shareholder,\nour quarterly results were good.\n", source="letter")


def test_unreadable_files_are_filing_errors(tmp_path):
    with pytest.raises(FilingError, match="cannot read"):
        parse_filing_file(tmp_path / "missing.txt")
    binary = tmp_path / "tape.parquet"
    binary.write_bytes(b"PAR1\x00\x01\x02")
    with pytest.raises(FilingError, match="not a text file"):
        parse_filing_file(binary)
    with pytest.raises(FilingError, match="cannot read"):
        parse_filing_file(tmp_path)
