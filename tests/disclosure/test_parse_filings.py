"""The two bundled CMSI filings parsed in full; expected values are read off the filings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from passthru.disclosure.filing import Filing
from passthru.disclosure.parse import parse_filing

EXCERPTS = Path(__file__).parent.parent / "data" / "excerpts"


@pytest.fixture(scope="module")
def f2002(filing_text) -> Filing:
    return parse_filing(filing_text("2002-12"), source="cmsi-2002-12-8k.txt")


@pytest.fixture(scope="module")
def f2003(filing_text) -> Filing:
    return parse_filing(filing_text("2003-2"), source="cmsi-2003-2-8k.txt")


def test_2002_12_header(f2002):
    assert f2002.registrant == "CITICORP MORTGAGE SECURITIES, INC."
    assert f2002.series == "2002-12"
    assert f2002.report_date == date(2002, 12, 6)
    assert f2002.cut_off_date == date(2002, 12, 1)
    assert f2002.kind == "collateral_term_sheet"
    assert f2002.warnings == []


# (pool, key, printed, value, qualifier) as the 2002-12 narrative states them.
FIGURES_2002_12 = [
    ("all", "aggregate_balance", "$583,151,842.55", Decimal("583151842.55"), ""),
    ("I", "aggregate_balance", "$452,246,359.98", Decimal("452246359.98"), ""),
    ("II", "aggregate_balance", "$130,905,482.57", Decimal("130905482.57"), ""),
    ("I", "loan_count", "993", 993, ""),
    ("II", "loan_count", "283", 283, ""),
    ("I", "wa_note_rate", "6.462%", Decimal("6.462"), ""),
    ("II", "wa_note_rate", "6.153%", Decimal("6.153"), ""),
    ("I", "wa_remaining_term", "356.84", Decimal("356.84"), ""),
    ("II", "wa_remaining_term", "176.35", Decimal("176.35"), ""),
    ("I", "wa_original_term", "358.20", Decimal("358.20"), ""),
    ("II", "wa_original_term", "178.05", Decimal("178.05"), ""),
    ("I", "origination_start", "September 1, 2000", date(2000, 9, 1), ""),
    ("II", "origination_start", "October 1, 2001", date(2001, 10, 1), ""),
    ("I", "origination_end", "December 1, 2002", date(2002, 12, 1), ""),
    ("II", "origination_end", "December 1, 2002", date(2002, 12, 1), ""),
    ("I", "latest_maturity", "December 1, 2032", date(2032, 12, 1), ""),
    ("II", "latest_maturity", "December 1, 2017", date(2017, 12, 1), ""),
    ("I", "min_original_balance", "$16,000", Decimal(16000), ""),
    ("II", "min_original_balance", "$55,800", Decimal(55800), ""),
    ("I", "max_original_balance", "$1,000,000", Decimal(1000000), ""),
    ("II", "max_original_balance", "$1,000,000", Decimal(1000000), ""),
    ("I", "ltv_over_80_balance", "$7,103,322", Decimal(7103322), ""),
    ("II", "ltv_over_80_balance", "$717,589", Decimal(717589), ""),
    ("I", "any_ltv_over_95", "no", False, ""),
    ("II", "any_ltv_over_95", "no", False, ""),
    ("I", "wa_ltv", "63.8%", Decimal("63.8"), ""),
    ("II", "wa_ltv", "56.2%", Decimal("56.2"), ""),
    ("I", "max_zip_balance", "$6,456,558", Decimal(6456558), ""),
    ("II", "max_zip_balance", "$2,157,569", Decimal(2157569), ""),
    ("I", "primary_residence_pct", "97%", Decimal(97), "at least"),
    ("II", "primary_residence_pct", "95%", Decimal(95), "at least"),
    ("I", "full_or_streamlined_pct", "95%", Decimal(95), "at least"),
    ("II", "full_or_streamlined_pct", "92%", Decimal(92), "at least"),
    ("I", "stated_income_pct", "5%", Decimal(5), "no more than"),
    ("II", "stated_income_pct", "8%", Decimal(8), "no more than"),
    ("I", "streamlined_pct", "77%", Decimal(77), "no more than"),
    ("II", "streamlined_pct", "87%", Decimal(87), "no more than"),
    ("I", "ltv_over_80_uninsured_count", "0", 0, ""),
    ("II", "ltv_over_80_uninsured_count", "0", 0, ""),
    ("I", "additional_collateral_count", "7", 7, ""),
    ("II", "additional_collateral_count", "1", 1, ""),
    ("I", "additional_collateral_balance", "$1,770,423", Decimal(1770423), ""),
    ("II", "additional_collateral_balance", "$160,000", Decimal(160000), ""),
    ("I", "additional_collateral_wa_ltv", "80%", Decimal(80), ""),
    ("II", "additional_collateral_wa_ltv", "80%", Decimal(80), ""),
    ("I", "additional_collateral_wa_ltv_without_pledge", "95.5%", Decimal("95.5"), ""),
    ("II", "additional_collateral_wa_ltv_without_pledge", "100.0%", Decimal("100.0"), ""),
    ("I", "target_rate", "5.750%", Decimal("5.750"), ""),
    ("II", "target_rate", "5.250%", Decimal("5.250"), ""),
    ("I", "premium_balance", "$448,244,026", Decimal(448244026), ""),
    ("I", "discount_balance", "$4,002,334", Decimal(4002334), ""),
    ("I", "premium_wa_note_rate", "6.468%", Decimal("6.468"), ""),
    ("I", "discount_wa_note_rate", "5.727%", Decimal("5.727"), ""),
    ("I", "premium_wa_remaining_term", "356.84", Decimal("356.84"), ""),
    ("I", "discount_wa_remaining_term", "357.87", Decimal("357.87"), ""),
    ("II", "premium_balance", "$130,905,483", Decimal(130905483), ""),
    ("II", "premium_wa_note_rate", "6.153%", Decimal("6.153"), ""),
    ("II", "premium_wa_remaining_term", "176.35", Decimal("176.35"), ""),
    ("II", "discount_count", "0", 0, ""),
    ("II", "discount_balance", "", None, ""),
]


@pytest.mark.parametrize(("pool", "key", "printed", "value", "qualifier"), FIGURES_2002_12)
def test_2002_12_figures(f2002, pool, key, printed, value, qualifier):
    figure = f2002.figure(pool, key)
    assert (figure.printed, figure.value, figure.qualifier) == (printed, value, qualifier)


def test_2002_12_figures_name_their_lines(f2002):
    # "were 993 and 283, respectively" sits in the sentence that starts on line 73;
    # the WA rate sentence starts on line 74 ("The weighted" at the end of line 74).
    assert f2002.figure("I", "loan_count").line == 73
    assert f2002.figure("II", "wa_note_rate").line == 74
    assert f2002.figure("I", "target_rate").line == 152


def test_2002_12_has_no_certificate_section(f2002):
    c = f2002.certificates
    assert c.class_balances == {} and c.clean_up_threshold is None


def test_2002_12_deal_terms(f2002):
    terms = f2002.deal_terms
    assert terms.pool_names == ("I", "II")
    assert terms.original_term_years == {"I": (20, 30), "II": (10, 15)}
    assert terms.target_rates == {"I": Decimal("5.750"), "II": Decimal("5.250")}
    assert terms.cut_off_date == date(2002, 12, 1)


def _expected_tables() -> dict[tuple[str, str], list[tuple[str, int, int]]]:
    tables: dict[tuple[str, str], list[tuple[str, int, int]]] = {}
    current: list[tuple[str, int, int]] = []
    for line in (EXCERPTS / "cmsi-2002-12-tables.txt").read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("["):
            kind, pool = line.strip("[]").split()
            current = tables.setdefault((kind, pool), [])
        else:
            label, count, dollars = (part.strip() for part in line.split("|"))
            current.append((label, int(count), int(dollars)))
    return tables


EXPECTED_TABLES = _expected_tables()


def test_2002_12_has_the_fourteen_tables_in_order(f2002):
    kinds = ["origination_year", "property_type", "units", "size", "note_rate", "ltv", "state"]
    assert [(t.kind, t.pool) for t in f2002.tables] == [(k, p) for k in kinds for p in ("I", "II")]


@pytest.mark.parametrize(("kind", "pool"), list(EXPECTED_TABLES))
def test_2002_12_table_rows_and_total(f2002, kind, pool):
    *rows, total = EXPECTED_TABLES[(kind, pool)]
    table = f2002.table(kind, pool)
    assert [(r.label, r.count, r.balance) for r in table.rows] == rows
    assert (table.total.count, table.total.balance) == total[1:]


def test_2002_12_table_titles_headings_and_footnotes(f2002):
    ltv = f2002.table("ltv", "I")
    assert ltv.title == (
        "DISTRIBUTION OF POOL I MORTGAGE LOANS",
        "BY LOAN-TO-VALUE RATIOS AT ORIGINATION",
    )
    assert ltv.heading == ("Loan-To-Value Ratio",)
    assert ltv.line == 408
    assert f2002.table("note_rate", "I").title == (
        "DISTRIBUTION OF GROUP I MORTGAGE LOANS BY NOTE RATES",
    )
    assert f2002.table("property_type", "I").heading == ("Type of", "Dwelling Unit")
    assert f2002.table("property_type", "I").footnote == (
        "Multi-family dwellings are 2-family and 3-family."
    )
    assert f2002.table("property_type", "II").footnote == "Multi-family dwellings are 2-family."
    assert f2002.table("state", "II").title == (
        "GEOGRAPHIC DISTRIBUTION OF",
        "POOL II MORTGAGED PROPERTIES BY STATE",
    )


def test_2003_2_header(f2003):
    assert f2003.series == "2003-2"
    assert f2003.report_date == date(2003, 2, 24)
    assert f2003.cut_off_date == date(2003, 2, 1)
    assert f2003.kind == "detailed_description"
    assert f2003.tables == []
    assert f2003.warnings == []


FIGURES_2003_2 = [
    ("all", "aggregate_balance", "$757,241,656.27"),
    ("I", "aggregate_balance", "$549,864,882.81"),
    ("II", "aggregate_balance", "$207,376,773.46"),
    ("all", "loan_count", "1620"),
    ("I", "loan_count", "1175"),
    ("II", "loan_count", "445"),
    ("I", "wa_note_rate", "6.298%"),
    ("II", "wa_note_rate", "5.942%"),
    ("all", "wa_note_rate", "6.200%"),
    ("all", "wa_remaining_term", "307.94"),
    ("all", "wa_original_term", "309.36"),
    ("I", "origination_start", "June 1, 2001"),
    ("II", "origination_end", "February 1, 2003"),
    ("II", "latest_maturity", "February 1, 2018"),
    ("I", "min_original_balance", "$42,100"),
    ("II", "ltv_over_80_balance", "$864,033"),
    ("all", "wa_ltv", "61.8%"),
    ("all", "max_zip_balance", "$8,807,200"),
    ("I", "primary_residence_pct", "98%"),
    ("all", "primary_residence_pct", "97%"),
    ("I", "investment_pct", "0%"),
    ("II", "stated_income_pct", "6%"),
    ("all", "streamlined_pct", "83%"),
    ("II", "additional_collateral_count", "3"),
    ("II", "additional_collateral_wa_ltv", "77.4%"),
    ("I", "additional_collateral_wa_ltv_without_pledge", "93.1%"),
    ("II", "discount_balance", "$337,529"),
    ("II", "discount_wa_note_rate", "5.375%"),
    ("II", "discount_wa_remaining_term", "178.00"),
]


@pytest.mark.parametrize(("pool", "key", "printed"), FIGURES_2003_2)
def test_2003_2_figures(f2003, pool, key, printed):
    assert f2003.figure(pool, key).printed == printed


def test_2003_2_certificates(f2003):
    c = f2003.certificates
    assert c.class_balances == {
        "A": Decimal("740959992.00"),
        "B-1": Decimal("7572000.00"),
        "B-2": Decimal("3408000.00"),
        "B-3": Decimal("1893000.00"),
        "B-4": Decimal("1515000.00"),
        "B-5": Decimal("757000.00"),
        "B-6": Decimal("1136664.27"),
    }
    printed = {k: v.printed for k, v in c.subordination_levels.items()}
    assert printed == {
        "A": "2.150127919560",
        "B-1": "1.150182930097",
        "B-2": "0.700128449895",
        "B-3": "0.450142202529",
        "B-4": "0.250073969693",
        "B-5": "0.150105882395",
    }
    assert c.subordination_levels["A"].value == Decimal("2.150127919560")
    assert c.special_hazard_loss_limit == Decimal("7572416.56")
    assert c.fraud_loss_limit == Decimal("7572416.56")
    assert c.bankruptcy_loss_limit == Decimal("225000.00")
    assert str(c.clean_up_threshold) == "75724165.62"


def test_2003_2_deal_terms(f2003):
    assert f2003.deal_terms.original_term_years == {"I": (19, 30), "II": (10, 15)}
    assert f2003.deal_terms.cut_off_date == date(2003, 2, 1)


@pytest.mark.parametrize("series", ["2002-12", "2003-2"])
def test_json_round_trip(filing_text, series):
    parsed = parse_filing(filing_text(series))
    assert Filing.from_json(parsed.to_json()) == parsed
