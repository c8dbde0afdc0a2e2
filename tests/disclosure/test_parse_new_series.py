"""Filings of other CMSI series, written for these tests: three pools with exclusive
lower term bounds, one pool with bounds in months, split tables and a one-loan pool.

Expected values are the ones typed into each excerpt.
"""

from __future__ import annotations

import json

from passthru.deal import load_deal
from passthru.disclosure import render_termsheet
from passthru.disclosure.filing import Filing
from passthru.disclosure.parse import parse_filing
from passthru.pool import form_pools
from passthru.rebuild import deal_for_filing
from passthru.strats import build_termsheet
from passthru.tape import load_tape

COVER = """\
                       CITICORP MORTGAGE SECURITIES, INC.
   (Issuer in Respect of the REMIC Pass-Through Certificates, Series 2004-7)
               (Exact name of registrant as specified in charter)
                        Date of Report: May 27, 2004
<PAGE>
"""

THREE_POOLS = COVER + (
    "     On May 27, 2004, CMSI is to transfer to the Trustee mortgage loans(1) with an\n"
    "aggregate scheduled principal balance outstanding (after deducting principal\n"
    "payments due on or before May 1, 2004) as of May 1, 2004 of $6,000,000.00. The\n"
    "mortgage loans that have original maturities of more than 20 years but not more\n"
    'than 30 years, the "pool I mortgage loans", have an aggregate scheduled principal\n'
    "balance outstanding (after deducting principal payments due on or before May 1,\n"
    "2004) as of May 1, 2004 of $3,000,000.00. The mortgage loans that have original\n"
    'maturities of more than 15 years but not more than 20 years, the "pool II\n'
    'mortgage loans", have an aggregate scheduled principal balance outstanding (after\n'
    "deducting principal payments due on or before May 1, 2004) as of May 1, 2004 of\n"
    "$2,000,000.00. The mortgage loans that have original maturities of at least 10\n"
    'years but not more than 15 years, the "pool III mortgage loans", have an aggregate\n'
    "scheduled principal balance outstanding (after deducting principal payments due on\n"
    "or before May 1, 2004) as of May 1, 2004 of $1,000,000.00.\n"
)


def test_more_than_bounds_start_a_month_above():
    f = parse_filing(THREE_POOLS)
    assert f.deal_terms.original_terms == {"I": (241, 360), "II": (181, 240), "III": (120, 180)}
    assert f.figure("II", "aggregate_balance").printed == "$2,000,000.00"
    # Only pool III's bounds are whole years "at least ... not more than".
    assert f.deal_terms.original_term_years == {"III": (10, 15)}


def test_three_pool_deal_rebuilt_without_overlap():
    text = THREE_POOLS + (
        "     Pool I premium loans will consist of pool I mortgage loans with net loan\n"
        "rates greater than or equal to 5.750%. Pool II premium loans will consist of\n"
        "pool II mortgage loans with net loan rates greater than or equal to 5.500%. Pool\n"
        "III premium loans will consist of pool III mortgage loans with net loan rates\n"
        "greater than or equal to 5.250%.\n"
    )
    deal = deal_for_filing(parse_filing(text))
    assert [(p.name, p.original_term, p.target_rate) for p in deal.pools] == [
        ("I", (241, 360), 5.75),
        ("II", (181, 240), 5.5),
        ("III", (120, 180), 5.25),
    ]


def test_bounds_in_months():
    text = COVER + (
        "     CMSI is to transfer to the Trustee mortgage loans(1) with an aggregate\n"
        "scheduled principal balance outstanding (after deducting principal payments due\n"
        "on or before May 1, 2004) as of May 1, 2004 of $5,000,000.00. The mortgage loans\n"
        "that have original maturities of at least 120 months but not more than 360\n"
        'months, the "pool I mortgage loans", have an aggregate scheduled principal\n'
        "balance outstanding (after deducting principal payments due on or before May 1,\n"
        "2004) as of May 1, 2004 of $5,000,000.00.\n"
    )
    f = parse_filing(text)
    assert f.deal_terms.original_terms == {"I": (120, 360)}
    assert f.deal_terms.original_term_years == {"I": (10, 30)}


def test_term_bounds_sentence_with_more_than():
    text = COVER + (
        "     The total number of the mortgage loans as of May 1, 2004 was 12. All\n"
        "mortgage loans have original maturities of more than 20 but not more than 30\n"
        "years.\n"
    )
    f = parse_filing(text)
    assert f.deal_terms.pool_names == ("I",)
    assert f.deal_terms.original_terms == {"I": (241, 360)}


def test_months_survive_json_and_older_json_gives_years():
    f = parse_filing(THREE_POOLS)
    again = Filing.from_json(f.to_json())
    assert again.deal_terms.original_terms == {"I": (241, 360), "II": (181, 240), "III": (120, 180)}
    older = json.loads(f.to_json())
    del older["deal_terms"]["original_terms"]
    older["deal_terms"]["original_term_years"] = {"I": [20, 30], "II": [10, 15]}
    read = Filing.from_json(json.dumps(older))
    assert read.deal_terms.original_terms == {"I": (240, 360), "II": (120, 180)}


STATE_HEADER = """\
                                  Number of                 Aggregate Principal
State                             Loans                    Balances Outstanding
-----                             --------                 --------------------
"""


def test_table_split_over_pages_with_a_continued_title():
    text = COVER + (
        "                           GEOGRAPHIC DISTRIBUTION OF\n"
        "                      POOL I MORTGAGED PROPERTIES BY STATE\n\n"
        + STATE_HEADER
        + "\nAlabama                               4                         $  1,900,131\n"
        "Arizona                              11                            4,585,208\n"
        "\n<PAGE>\n\n\n"
        "                     GEOGRAPHIC DISTRIBUTION OF POOL I MORTGAGED\n"
        "                       PROPERTIES BY STATE (continued)\n\n"
        + STATE_HEADER
        + "\nMaryland                             34                           14,596,154\n"
        "\n\nTotal                                49                         $21,081,493\n"
        "                                     ==                         ===========\n"
    )
    f = parse_filing(text)
    table = f.table("state", "I")
    assert [(r.label, r.count) for r in table.rows] == [
        ("Alabama", 4),
        ("Arizona", 11),
        ("Maryland", 34),
    ]
    assert len(f.tables) == 1
    assert [w for w in f.warnings if "table" in w] == []


ONE_LOAN = (
    "loan_id,original_balance,current_balance,note_rate,original_term,remaining_term,"
    "origination_date,first_payment_date,maturity_date,ltv,property_type,units,state,zip,"
    "occupancy,documentation,loan_purpose,mortgage_insurance,additional_collateral\n"
    "L1,578900.00,577875.68,6.625,360,358,2002-11-20,2003-01-01,2032-12-01,57.5,detached,1,"
    "CA,94105,primary,full,purchase,false,false\n"
)


def test_one_loan_detailed_description_says_loan_and_reads_back(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text(ONE_LOAN, encoding="utf-8")
    deal = load_deal("cmsi-2003-2")
    loans = load_tape(path, cut_off=deal.cut_off_date).loans
    text = render_termsheet(build_termsheet(form_pools(loans, deal).loans, deal), "text")
    flat = " ".join(text.split())
    assert "was 1, consisting of 1 pool I mortgage loan. The weighted" in flat
    f = parse_filing(text)
    assert f.figure("I", "loan_count").value == 1
    assert f.figure("all", "loan_count").value == 1
