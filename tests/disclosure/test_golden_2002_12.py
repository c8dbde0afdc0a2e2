"""Golden test: a tape consistent with the 2002-12 filing renders the filing's own lines.

A pool II tape of 283 fifteen-year loans is built so that three tables of the
filing hold at once: years of origination (2001: 2 loans $704,113; 2002: 281
loans $130,201,370), number of units (1-family 281 $130,058,471; 2-family 2
$847,012) and types of dwellings (258/2/1/10/1/11 loans), total
$130,905,482.57. The two 2001 loans are detached houses; the two multi-family
loans are the 2-family ones; the 57 cents sit on one detached 2002 loan, so
detached houses, 2002 and 1-family each round up to the filing's dollar.
It runs tape -> form_pools -> build_termsheet -> the EDGAR text renderer.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from passthru.deal import load_deal
from passthru.disclosure.edgar_tables import table_lines
from passthru.disclosure.text import render_text
from passthru.pool import form_pools
from passthru.strats import build_termsheet
from passthru.tape.schema import SCHEMA

# (property type, units, loans, balance in cents, origination date): the rows of the
# filing's pool II dwelling table.
# Detached houses are split between the two 2001 loans and the 256 of 2002.
DWELLINGS = (
    ("detached", 1, 2, 70_411_300, date(2001, 11, 20)),
    ("detached", 1, 256, 11_985_738_957, date(2002, 10, 15)),
    ("multi_family", 2, 2, 84_701_200, date(2002, 9, 10)),
    ("townhouse", 1, 1, 37_200_000, date(2002, 10, 1)),
    ("condo_low_rise", 1, 10, 478_491_900, date(2002, 8, 5)),
    ("condo_high_rise", 1, 1, 50_373_400, date(2002, 10, 25)),
    ("cooperative", 1, 11, 383_631_500, date(2002, 7, 18)),
)

EXPECTED_YEARS = [
    "                 YEARS OF ORIGINATION OF POOL II MORTGAGE LOANS",
    "",
    "                                  Number of                 Aggregate Principal",
    "Year Originated                   Loans                    Balances Outstanding",
    "---------------                   --------                 --------------------",
    "",
    "2001                                  2                         $    704,113",
    "",
    "2002                                281                          130,201,370",
    "",
    "",
    "Total                               283                         $130,905,483",
    "                                    ===                         ============",
]
EXPECTED_DWELLINGS = [
    "              TYPES OF DWELLINGS SUBJECT TO POOL II MORTGAGE LOANS",
    "",
    "Type of                           Number of                 Aggregate Principal",
    "Dwelling Unit                     Loans                    Balances Outstanding",
    "-------------                     ---------                --------------------",
    "",
    "Detached Houses                     258                         $120,561,503",
    "",
    "Multi-family Dwellings*               2                              847,012",
    "",
    "Townhouses                            1                              372,000",
    "",
    "Condominium Units (one to four       10                            4,784,919",
    "stories high)",
    "",
    "Condominium Units (over four          1                              503,734",
    "stories high)",
    "",
    "Cooperative Units                    11                            3,836,315",
    "",
    "",
    "Total                               283                         $130,905,483",
    "                                    ===                         ============",
    "",
    "-----------",
    "*   Multi-family dwellings are 2-family.",
    "",
]
EXPECTED_UNITS = [
    "         NUMBER OF UNITS IN DWELLINGS SUBJECT TO POOL II MORTGAGE LOANS",
    "",
    "Type of                           Number of                 Aggregate Principal",
    "Dwelling Unit                     Loans                    Balances Outstanding",
    "-------------                     ---------                --------------------",
    "",
    "1-family                            281                         $130,058,471",
    "",
    "2-family                              2                              847,012",
    "",
    "",
    "Total                               283                         $130,905,483",
    "                                    ===                         ============",
]


def _first_of_month_after(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _group_cents(total: int, loans: int) -> list[int]:
    """``loans`` balances in cents summing exactly to ``total``."""
    share, rest = divmod(total, loans)
    return [share + rest] + [share] * (loans - 1)


@pytest.fixture(scope="module")
def pool_ii_tape(canonical_loan) -> pl.DataFrame:
    cut_off = date(2002, 12, 1)
    rows = []
    for kind, units, loans, cents, originated in DWELLINGS:
        first_payment = date(originated.year + originated.month // 12, originated.month % 12 + 1, 1)
        maturity = date(first_payment.year + 14, first_payment.month, 1)
        maturity = date(
            maturity.year + (maturity.month - 2) // 12, (maturity.month - 2) % 12 + 1, 1
        )
        for balance in _group_cents(cents, loans):
            rows.append(
                canonical_loan(
                    loan_id=f"II-{len(rows) + 1:03d}",
                    original_balance=balance / 100 + 5_000.0,
                    current_balance=balance / 100,
                    note_rate=6.125,
                    original_term=180,
                    remaining_term=180 - _months_between(first_payment, cut_off),
                    origination_date=originated,
                    first_payment_date=first_payment,
                    maturity_date=maturity,
                    ltv=60.0,
                    property_type=kind,
                    units=units,
                    state="NY",
                    zip="10021",
                )
            )
    return pl.DataFrame(rows, schema=SCHEMA)


def test_the_tape_is_the_one_the_filing_describes(pool_ii_tape):
    tape = pool_ii_tape
    assert tape.height == 283
    assert round(tape["current_balance"].sum(), 2) == 130_905_482.57


def test_pool_ii_tables_render_the_filing_lines(pool_ii_tape):
    deal = load_deal("cmsi-2002-12")
    formed = form_pools(pool_ii_tape, deal)
    assert formed.rejected.height == 0
    termsheet = build_termsheet(formed.loans, deal)
    assert table_lines(termsheet.table("origination_year", "II")) == EXPECTED_YEARS
    assert table_lines(termsheet.table("property_type", "II")) == EXPECTED_DWELLINGS
    assert table_lines(termsheet.table("units", "II")) == EXPECTED_UNITS


def test_a_pool_without_loans_is_left_out_of_the_narrative(pool_ii_tape):
    deal = load_deal("cmsi-2002-12")
    termsheet = build_termsheet(form_pools(pool_ii_tape, deal).loans, deal)
    text = " ".join(render_text(termsheet).split())
    assert "The total number of the pool II mortgage loans as of December 1, 2002 was 283." in text
    assert "pool I mortgage" not in text
    assert "$130,905,482.57" in text
