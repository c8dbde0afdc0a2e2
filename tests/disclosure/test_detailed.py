"""The detailed description (2003-2 layout): the filing's paragraphs, certificate section
and figures, rendered from a TermSheet whose figures are the ones the 2003-2 8-K prints.

Expected lines are copied from ``cmsi-2003-2-8k.txt``; the exact values below are
chosen by hand to round to the printed figures. The premium and discount counts are
not in the filing and only need to be positive. Two paragraphs are compared with
whitespace normalised: the one broken by the footnotes at a page end (the filing
breaks it mid-paragraph, the rendering after it) and the documentation paragraph
(the filing wraps one line at 79 columns where 80 fit).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from passthru.cli import app
from passthru.deal import load_deal
from passthru.disclosure import render_termsheet
from passthru.disclosure.detailed import build_detailed
from passthru.disclosure.parse import parse_filing
from passthru.strats.model import ALL_LOANS, Figure, PoolFigures, TermSheet


def F(key, exact, printed, unit="", rule="", note=""):
    return Figure(key, key.replace("_", " "), exact, printed, unit, rule, note)


POOL_I = {
    "loan_count": (1175, "1175", "loans", "count"),
    "aggregate_balance": (549_864_882.81, "$549,864,882.81", "dollars", "cents"),
    "wa_note_rate": (6.2981, "6.298%", "percent", "round_half_up:3"),
    "wa_remaining_term": (357.4312, "357.43", "months", "round_half_up:2"),
    "wa_original_term": (358.7104, "358.71", "months", "round_half_up:2"),
    "origination_start": (date(2001, 6, 12), "June 1, 2001", "date", "first_of_month"),
    "origination_end": (date(2003, 1, 30), "February 1, 2003", "date", "first_of_month"),
    "latest_maturity": (date(2033, 2, 1), "February 1, 2033", "date", "date"),
    "min_original_balance": (42_100.0, "$42,100", "dollars", "floor:0"),
    "max_original_balance": (1_000_000.0, "$1,000,000", "dollars", "ceil:0"),
    "ltv_over_80_balance": (12_084_855.1, "$12,084,855", "dollars", "whole_dollars"),
    "max_ltv": (95.0, "95.000%", "percent", "round_half_up:3"),
    "any_ltv_over_95": (False, "no", "", "boolean"),
    "wa_ltv": (64.08, "64.1%", "percent", "round_half_up:1"),
    "max_zip_balance": (5_580_804.3, "$5,580,804", "dollars", "whole_dollars"),
    "primary_residence_pct": (98.4, "98%", "percent", "floor:0"),
    "investment_pct": (0.0, "0%", "percent", "ceil:0"),
    "full_or_streamlined_pct": (97.2, "97%", "percent", "floor:0"),
    "stated_income_pct": (2.8, "3%", "percent", "ceil:0"),
    "streamlined_pct": (79.6, "80%", "percent", "ceil:0"),
    "ltv_over_80_uninsured_count": (0, "0", "loans", "count"),
    "additional_collateral_count": (5, "5", "loans", "count"),
    "additional_collateral_balance": (2_125_618.2, "$2,125,618", "dollars", "whole_dollars"),
    "additional_collateral_wa_ltv": (80.0, "80%", "percent", "round_half_up:1"),
    "additional_collateral_wa_ltv_without_pledge": (93.14, "93.1%", "percent", "round_half_up:1"),
    "target_rate": (5.75, "5.750%", "percent", "round_half_up:3"),
    "premium_count": (1150, "1150", "loans", "count"),
    "premium_balance": (537_928_668.7, "$537,928,669", "dollars", "whole_dollars"),
    "premium_wa_note_rate": (6.3102, "6.310%", "percent", "round_half_up:3"),
    "premium_wa_remaining_term": (357.3911, "357.39", "months", "round_half_up:2"),
    "discount_count": (25, "25", "loans", "count"),
    "discount_balance": (11_936_214.11, "$11,936,214", "dollars", "whole_dollars"),
    "discount_wa_note_rate": (5.7757, "5.776%", "percent", "round_half_up:3"),
    "discount_wa_remaining_term": (359.0702, "359.07", "months", "round_half_up:2"),
}
POOL_II = {
    **POOL_I,
    "loan_count": (445, "445", "loans", "count"),
    "aggregate_balance": (207_376_773.46, "$207,376,773.46", "dollars", "cents"),
    "wa_note_rate": (5.9423, "5.942%", "percent", "round_half_up:3"),
    "wa_remaining_term": (176.7210, "176.72", "months", "round_half_up:2"),
    "wa_original_term": (178.5132, "178.51", "months", "round_half_up:2"),
    "origination_start": (date(2002, 2, 4), "February 1, 2002", "date", "first_of_month"),
    "latest_maturity": (date(2018, 2, 1), "February 1, 2018", "date", "date"),
    "min_original_balance": (45_500.0, "$45,500", "dollars", "floor:0"),
    "ltv_over_80_balance": (864_033.0, "$864,033", "dollars", "whole_dollars"),
    "max_ltv": (90.0, "90.000%", "percent", "round_half_up:3"),
    "wa_ltv": (55.61, "55.6%", "percent", "round_half_up:1"),
    "max_zip_balance": (3_378_606.4, "$3,378,606", "dollars", "whole_dollars"),
    "primary_residence_pct": (94.7, "94%", "percent", "floor:0"),
    "full_or_streamlined_pct": (94.1, "94%", "percent", "floor:0"),
    "stated_income_pct": (5.9, "6%", "percent", "ceil:0"),
    "streamlined_pct": (89.2, "90%", "percent", "ceil:0"),
    "additional_collateral_count": (3, "3", "loans", "count"),
    "additional_collateral_balance": (907_503.0, "$907,503", "dollars", "whole_dollars"),
    "additional_collateral_wa_ltv": (77.41, "77.4%", "percent", "round_half_up:1"),
    "additional_collateral_wa_ltv_without_pledge": (91.8, "91.8%", "percent", "round_half_up:1"),
    "target_rate": (5.25, "5.250%", "percent", "round_half_up:3"),
    "premium_count": (444, "444", "loans", "count"),
    "premium_balance": (207_039_244.3, "$207,039,244", "dollars", "whole_dollars"),
    "premium_wa_note_rate": (5.9431, "5.943%", "percent", "round_half_up:3"),
    "premium_wa_remaining_term": (176.7198, "176.72", "months", "round_half_up:2"),
    "discount_count": (1, "1", "loans", "count"),
    "discount_balance": (337_529.16, "$337,529", "dollars", "whole_dollars"),
    "discount_wa_note_rate": (5.375, "5.375%", "percent", "round_half_up:3"),
    "discount_wa_remaining_term": (178.0, "178.00", "months", "round_half_up:2"),
}
ALL = {
    **POOL_I,
    "loan_count": (1620, "1620", "loans", "count"),
    "aggregate_balance": (757_241_656.27, "$757,241,656.27", "dollars", "cents"),
    "wa_note_rate": (6.2004, "6.200%", "percent", "round_half_up:3"),
    "wa_remaining_term": (307.9402, "307.94", "months", "round_half_up:2"),
    "wa_original_term": (309.3611, "309.36", "months", "round_half_up:2"),
    "wa_ltv": (61.77, "61.8%", "percent", "round_half_up:1"),
    "max_zip_balance": (8_807_200.0, "$8,807,200", "dollars", "whole_dollars"),
    "primary_residence_pct": (97.3, "97%", "percent", "floor:0"),
    "full_or_streamlined_pct": (97.0, "97%", "percent", "floor:0"),
    "stated_income_pct": (3.0, "3%", "percent", "ceil:0"),
    "streamlined_pct": (82.4, "83%", "percent", "ceil:0"),
}


# Item 2 and the title block (filing lines 48-58)
TITLE_BLOCK = [
    "Item 2.   Acquisition or Disposition of Assets.",
    "",
    "                       CITICORP MORTGAGE SECURITIES, INC.",
    "                 REMIC Pass-Through Certificates, Series 2003-2",
    "                 -----------------------------------------------",
    "",
    "                                February 24, 2003",
    "",
    " DETAILED DESCRIPTION OF THE MORTGAGE LOAN POOL AND THE MORTGAGED PROPERTIES(1)",
    " ------------------------------------------------------------------------------",
    "",
]

# the transfer, delivery, paying agent and repurchase threshold (filing lines 59-80)
TRANSFER = [
    '     On February 24, 2003, Citicorp Mortgage Securities, Inc. ("CMSI")',
    "transferred to the Trustee mortgage loans with an aggregate scheduled principal",
    "balance outstanding (after deducting principal payments due on or before",
    "February 1, 2003) as of February 1, 2003 of $757,241,656.27. The mortgage loans",
    "that have original maturities of at least 19 but not more than 30 years, the",
    '"pool I mortgage loans", have an aggregate scheduled principal balance',
    "outstanding (after deducting principal payments due on or before February 1,",
    "2003) as of February 1, 2003 of $549,864,882.81 and the mortgage loans that have",
    'original maturities of at least 10 but not more than 15 years, the "pool II',
    'mortgage loans", have an aggregate scheduled principal balance outstanding',
    "(after deducting principal payments due on or before February 1, 2003) as of",
    "February 1, 2003 of $207,376,773.46. The mortgage loans were delivered in",
    "exchange for the certificates, authenticated by the Trustee, evidencing 100% of",
    "the regular interests in the Trust. Distributions on the certificates will be",
    "made by U.S. Bank National Association, as paying agent, by wire transfer or by",
    "such other means as the person entitled thereto and CMSI shall agree. CMSI may",
    "repurchase all mortgage loans remaining in the mortgage loan pool pursuant to",
    "the pooling agreement if at the time of repurchase the aggregate scheduled",
    "principal balance of such mortgage loans is equal to or less than",
    "$75,724,165.62. Information below is provided with respect to the pool I",
    "mortgage loans, the pool II mortgage loans and/or all mortgage loans included in",
    "the mortgage loan pool as indicated.",
]

# counts, rates and terms three ways, origination window (filing lines 82-96)
COUNTS_AND_TERMS = [
    "     The total number of all mortgage loans as of February 1, 2003 was 1620,",
    "consisting of 1175 pool I mortgage loans and 445 pool II mortgage loans. The",
    "weighted average interest rates on the pool I mortgage loans, the pool II",
    "mortgage loans and all mortgage loans (in each case, before deduction of the",
    "servicing fee) as of February 1, 2003 were 6.298%, 5.942% and 6.200%,",
    "respectively. The weighted average remaining terms to stated maturity of the",
    "pool I mortgage loans, the pool II mortgage loans and all mortgage loans as of",
    "February 1, 2003 were 357.43 months, 176.72 months and 307.94 months,",
    "respectively. All mortgage loans have original maturities of at least 10 but no",
    "more than 30 years. None of the pool I mortgage loans and the pool II mortgage",
    "loans were originated prior to June 1, 2001 and February 1, 2002, respectively,",
    "or after February 1, 2003. The weighted average original terms to stated",
    "maturity of the pool I mortgage loans, the pool II mortgage loans and all",
    "mortgage loans as of February 1, 2003 were 358.71 months, 178.51 months and",
    "309.36 months, respectively.",
]

# maturities ... primary residence, up to the page break (filing lines 98-116)
BALANCES_AND_RATIOS = [
    "     None of the pool I mortgage loans and the pool II mortgage loans have",
    "scheduled maturities later than February 1, 2033 and February 1, 2018,",
    "respectively. Each of the pool I mortgage loans and the pool II mortgage loans",
    "had an original principal balance of not less than $42,100 and $45,500,",
    "respectively, nor more than $1,000,000. Pool I mortgage loans and pool II",
    "mortgage loans having aggregate scheduled principal balances of $12,084,855 and",
    "$864,033, respectively, as of February 1, 2003, had loan-to-value ratios at",
    "origination in excess of 80%, but no pool I mortgage loans or pool II mortgage",
    "loans had loan-to-value ratios in excess of 95%. The weighted average",
    "loan-to-value ratios at origination of the pool I mortgage loans, the pool II",
    "mortgage loans and all mortgage loans as of February 1, 2003 were 64.1%, 55.6%",
    "and 61.8%, respectively. No more than $5,580,804, $3,378,606 and $8,807,200,",
    "respectively, of the pool I mortgage loans, the pool II mortgage loans and all",
    "mortgage loans are secured by Mortgaged Properties located in any one zip code.",
    "At least 98%(2), 94% and 97%, respectively, of the pool I mortgage loans, the",
    "pool II mortgage loans and all mortgage loans are secured by mortgaged",
    "properties determined by CitiMortgage, Inc. to be the primary residence of the",
    'borrower ("homeowner"). The sole basis for such determination is either (a) a',
    "representation by the homeowner at origination of the mortgage loan that the",
]

# the rest of that paragraph on the next page (filing lines 136-140)
BALANCES_AND_RATIOS_END = [
    "underlying property will be used for a period of at least 6 months every year or",
    "that he intends to use the underlying property as his or her primary residence,",
    "or (b) that the address of the underlying property is the homeowner's mailing",
    "address as reflected in the originator's records. None of the pool I mortgage",
    "loans or the pool II mortgage loans are secured by investment properties.",
]

# the footnotes at the foot of the first page (filing lines 118-133)
FOOTNOTES = [
    "--------",
    "1    Terms used herein and not otherwise defined have the meaning assigned",
    "     thereto in the Prospectus dated February 19, 2003 (consisting of a",
    "     prospectus supplement and a core prospectus), relating to the REMIC",
    "     Pass-Through Certificates, Series 2003-2.",
    "",
    "2    Such percentages are expressed as a percentage of the aggregate scheduled",
    "     principal balance of the pool I mortgage loans having such characteristics",
    "     relative to the aggregate scheduled principal balance of all the pool I",
    "     mortgage loans, as a percentage of the aggregate scheduled principal",
    "     balance of the pool II mortgage loans having such characteristics relative",
    "     to the aggregate scheduled principal balance of all the pool II mortgage",
    "     loans, or as a percentage of the aggregate scheduled principal balance of",
    "     all mortgage loans having such characteristics relative to the aggregate",
    "     scheduled principal balance of all mortgage loans.",
    "<PAGE>",
]

# documentation and refinance shares three ways (filing lines 142-155)
DOCUMENTATION = [
    "     At least 97%, 94% and 97%, respectively, of the pool I mortgage loans, the",
    "pool II mortgage loans and all mortgage loans will be mortgage loans originated",
    "using loan underwriting policies which require, among other things, proof of",
    "income and liquid assets and telephone verification of employment, or are",
    "refinanced mortgage loans originated using alternative or streamlined",
    "underwriting policies. No more than 3%, 6% and 3%, respectively, of the pool I",
    "mortgage loans, the pool II mortgage loans and all mortgage loans will be",
    "mortgage loans originated using a loan underwriting policy, which among other",
    "things, requires verification of employment and may require proof of liquid",
    "assets, but does not require verification of income as stated on the loan",
    "application. No more than 80%, 90% and 83%, respectively, of the pool I",
    "mortgage loans, the pool II mortgage loans and all mortgage loans will be",
    "refinanced mortgage loans originated using alternative or streamlined",
    'underwriting policies. See "Mortgage loan underwriting" in the Prospectus.',
]

# mortgage insurance and additional collateral (filing lines 157-175)
INSURANCE_AND_COLLATERAL = [
    "     All of the mortgage loans which had loan-to-value ratios greater than 80%",
    "at origination had primary mortgage insurance as of such date. In the case of",
    "the pool I mortgage loans and pool II mortgage loans for which additional",
    "collateral was pledged, taken as groups:",
    "",
    "     1.   the numbers of such pool I mortgage loans and pool II mortgage loans",
    "          are 5 and 3, respectively;",
    "",
    "     2.   the aggregate scheduled principal balances of such pool I mortgage",
    "          loans and pool II mortgage loans are $2,125,618 and $907,503,",
    "          respectively;",
    "",
    "     3.   the weighted average loan-to-value ratios of such pool I mortgage",
    "          loans and pool II mortgage loans, taking into account the loanable",
    "          value of the pledged additional collateral, are 80% and 77.4%,",
    "          respectively; and",
    "",
    "     4.   the weighted average loan-to-value ratios of such pool I mortgage",
    "          loans and pool II mortgage loans, without taking into account the",
]

# pool I premium and discount loans (filing lines 177-186)
POOL_I_STRIPS = [
    "          91.8%, respectively.",
    "",
    "     Pool I premium loans will consist of pool I mortgage loans with net loan",
    "rates greater than or equal to 5.750%. Pool I discount loans will consist of",
    "pool I mortgage loans with net loan rates less than 5.750%. The aggregate",
    "scheduled principal balances outstanding as of the cut-off date of the pool I",
    "premium loans and the pool I discount loans were $537,928,669 and $11,936,214,",
    "respectively. The weighted average interest rates of the pool I premium loans",
    "and the pool I discount loans, as of the cut-off date, were 6.310% and 5.776%,",
    "respectively. The weighted average remaining terms to stated maturity of the",
]

# pool II premium and discount loans (filing lines 188-199)
POOL_II_STRIPS = [
    "357.39 months and 359.07 months, respectively.",
    "",
    "     Pool II premium loans will consist of pool II mortgage loans with net loan",
    "rates greater than or equal to 5.250%. Pool II discount loans will consist of",
    "pool II mortgage loans with net loan rates less than 5.250%. The aggregate",
    "scheduled principal balances outstanding as of the cut-off date of the pool II",
    "premium loans and the pool II discount loans were $207,039,244 and $337,529,",
    "respectively. The weighted average interest rates of the pool II premium loans",
    "and the pool II discount loans, as of the cut-off date, were 5.943% and 5.375%,",
    "respectively. The weighted average remaining terms to stated maturity of the",
    "pool II premium loans and the pool II discount loans, as of the cut-off date,",
    "were 176.72 months and 178.00 months, respectively.",
]

# the certificate section and its footnote (filing lines 205-248)
CERTIFICATES = [
    "     The special hazard loss limit as of February 1, 2003 was $7,572,416.56.",
    "",
    "     The fraud loss limit as of February 1, 2003 was $7,572,416.56.",
    "",
    "     The bankruptcy loss limit as of February 1, 2003 was $225,000.00.",
    "",
    "     The aggregate initial principal balance of the class A certificates as of",
    "February 1, 2003 was $740,959,992.00.",
    "",
    "     The aggregate initial principal balance of the class B-1 certificates as of",
    "February 1, 2003 was $7,572,000.00.",
    "",
    "     The aggregate initial principal balance of the class B-2 certificates as of",
    "February 1, 2003 was $3,408,000.00.",
    "",
    "     The aggregate initial principal balance of the class B-3 certificates as of",
    "February 1, 2003 was $1,893,000.00.",
    "",
    "     The aggregate initial principal balance of the class B-4 certificates as of",
    "February 1, 2003 was $1,515,000.00.",
    "",
    "     The aggregate initial principal balance of the class B-5 certificates as of",
    "February 1, 2003 was $757,000.00.",
    "",
    "     The aggregate initial principal balance of the class B-6 certificates as of",
    "February 1, 2003 was $1,136,664.27.",
    "",
    "     The class A subordination level is 2.150127919560%.*",
    "",
    "     The class B-1 subordination level is 1.150182930097%.*",
    "",
    "     The class B-2 subordination level is 0.700128449895%.*",
    "",
    "     The class B-3 subordination level is 0.450142202529%.*",
    "",
    "     The class B-4 subordination level is 0.250073969693%.*",
    "",
    "     The class B-5 subordination level is 0.150105882395%.*",
    "",
    "",
    "--------",
    "",
    "*     Equal to the initial principal balance thereof divided by the aggregate",
    "      scheduled principal balance of all mortgage loans.",
]


def _figures(values: dict) -> tuple[Figure, ...]:
    return tuple(F(k, *v) for k, v in values.items())


@pytest.fixture(scope="module")
def termsheet_2003_2() -> TermSheet:
    return TermSheet(
        deal=load_deal("cmsi-2003-2"),
        as_of=date(2003, 2, 1),
        pools=(
            PoolFigures("I", _figures(POOL_I)),
            PoolFigures("II", _figures(POOL_II)),
            PoolFigures(ALL_LOANS, _figures(ALL)),
        ),
        tables=(),
        loans_read=1620,
        loans_accepted=1620,
        loans_rejected=0,
    )


@pytest.fixture(scope="module")
def rendered(termsheet_2003_2) -> str:
    return render_termsheet(termsheet_2003_2, "text")


def _words(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


def _at(lines: list[str], expected: list[str]) -> list[str]:
    """The rendered lines from where ``expected`` starts, as many as it has."""
    start = lines.index(expected[0])
    return lines[start : start + len(expected)]


@pytest.mark.parametrize(
    "expected",
    [
        TITLE_BLOCK,
        TRANSFER,
        COUNTS_AND_TERMS,
        FOOTNOTES,
        INSURANCE_AND_COLLATERAL,
        POOL_I_STRIPS,
        POOL_II_STRIPS,
        CERTIFICATES,
    ],
    ids=[
        "title",
        "transfer",
        "counts",
        "footnotes",
        "insurance",
        "pool-I-strips",
        "pool-II-strips",
        "certificates",
    ],
)
def test_lines_match_the_filing(rendered, expected):
    assert _at(rendered.splitlines(), expected) == expected


def test_paragraph_across_the_page_break_matches_in_words(termsheet_2003_2):
    paragraph = build_detailed(termsheet_2003_2).opening[2]
    assert paragraph.text == _words(BALANCES_AND_RATIOS + BALANCES_AND_RATIOS_END)


def test_documentation_paragraph_matches_in_words(termsheet_2003_2):
    assert build_detailed(termsheet_2003_2).body[0].text == _words(DOCUMENTATION)


def test_order_of_the_description(rendered):
    """Item 2, the description, footnotes, the rest, certificates, footnote "*", signatures."""
    marks = [
        "Item 2.   Acquisition or Disposition of Assets.",
        '     On February 24, 2003, Citicorp Mortgage Securities, Inc. ("CMSI")',
        "1    Terms used herein and not otherwise defined have the meaning assigned",
        "     All of the mortgage loans which had loan-to-value ratios greater than 80%",
        "     The special hazard loss limit as of February 1, 2003 was $7,572,416.56.",
        "*     Equal to the initial principal balance thereof divided by the aggregate",
        "                                   SIGNATURES",
    ]
    lines = rendered.splitlines()
    at = [lines.index(mark) for mark in marks]
    assert at == sorted(at)
    assert "Item 5." not in rendered and "The following tables" not in rendered


@pytest.fixture(scope="module")
def filing_2003_2(filing_text):
    return parse_filing(filing_text("2003-2"))


def test_parser_reads_the_rendering_as_the_filing(rendered, filing_2003_2):
    ours = parse_filing(rendered)
    assert ours.warnings == []
    assert ours.kind == "detailed_description"
    assert ours.series == filing_2003_2.series == "2003-2"
    assert ours.cut_off_date == filing_2003_2.cut_off_date
    assert ours.report_date == filing_2003_2.report_date
    assert ours.deal_terms == filing_2003_2.deal_terms
    assert ours.certificates == filing_2003_2.certificates
    assert list(ours.pools) == list(filing_2003_2.pools) == ["I", "II", ALL_LOANS]
    for pool, figures in filing_2003_2.pools.items():
        assert set(ours.pools[pool]) == set(figures)
        for key, figure in figures.items():
            got = ours.pools[pool][key]
            assert (got.printed, got.value, got.qualifier) == (
                figure.printed,
                figure.value,
                figure.qualifier,
            ), (pool, key)


def test_parser_reads_the_filing_figures_it_was_given(rendered):
    """Spot checks against the filing's words, independent of the parse of the filing."""
    ours = parse_filing(rendered)
    assert ours.figure(ALL_LOANS, "wa_note_rate").printed == "6.200%"
    assert ours.figure("II", "discount_balance").printed == "$337,529"
    assert ours.certificates.clean_up_threshold == Decimal("75724165.62")
    assert ours.certificates.subordination_levels["B-5"].printed == "0.150105882395"


def test_style_defaults_to_the_deal_and_can_be_chosen(termsheet_2003_2):
    collateral = render_termsheet(termsheet_2003_2, "text", style="collateral")
    assert "Item 5.        Other Events." in collateral
    assert "Collateral Term Sheets" in collateral
    detailed = render_termsheet(termsheet_2003_2, "text", style="detailed", tables=True)
    assert "DETAILED DESCRIPTION OF THE MORTGAGE LOAN POOL" in detailed
    assert "The following tables set forth information regarding the mortgage loans" in detailed
    with pytest.raises(ValueError, match="unknown text style 'plain'"):
        render_termsheet(termsheet_2003_2, "text", style="plain")


@pytest.fixture(scope="module")
def termsheet_2002_12_all(termsheet_2002_12) -> TermSheet:
    """The 2002-12 term sheet with every all-loans figure: pool I's where the fixture has none
    (these tests read only the pools' figures and the all-loans count and balance)."""
    given = termsheet_2002_12.figures(ALL_LOANS)
    pool_i = termsheet_2002_12.figures("I").figures
    figures = given.figures + tuple(f for f in pool_i if f.key not in given)
    pools = (*termsheet_2002_12.pools[:-1], PoolFigures(ALL_LOANS, figures))
    return dataclasses.replace(termsheet_2002_12, pools=pools)


def test_a_deal_without_classes_or_paying_agent(termsheet_2002_12_all):
    """2002-12 in the detailed style: no certificate section, no paying agent sentence, and
    a repurchase threshold of 10% of $583,151,842.55 truncated to the cent, $58,315,184.25."""
    story = build_detailed(termsheet_2002_12_all)
    assert story.certificates == () and story.certificate_footnote == ""
    transfer = story.opening[0].text
    assert "paying agent" not in transfer
    assert "is equal to or less than $58,315,184.25." in transfer
    assert transfer.startswith("On December 20, 2002, Citicorp Mortgage Securities, Inc.")
    assert story.footnotes[0].startswith(
        "Terms used herein and not otherwise defined have the meaning assigned thereto in the "
        "Prospectus (consisting of a prospectus supplement"
    )


def test_detailed_and_collateral_texts_give_the_same_pool_figures(termsheet_2002_12_all):
    ts = termsheet_2002_12_all
    detailed = parse_filing(render_termsheet(ts, "text", style="detailed"))
    collateral = parse_filing(render_termsheet(ts, "text"))
    assert detailed.warnings == []
    for pool in ("I", "II"):
        for key, figure in collateral.pools[pool].items():
            assert detailed.figure(pool, key).printed == figure.printed, (pool, key)


def test_one_pool_takes_the_singular(termsheet_2003_2):
    pools = tuple(p for p in termsheet_2003_2.pools if p.pool != "II")
    story = build_detailed(dataclasses.replace(termsheet_2003_2, pools=pools))
    counts = story.opening[1].text
    assert counts.startswith(
        "The total number of all mortgage loans as of February 1, 2003 was 1620, consisting of "
        "1175 pool I mortgage loans. The weighted average interest rate on the pool I mortgage "
        "loans (before deduction of the servicing fee) as of February 1, 2003 was 6.298%."
    )
    assert "prior to June 1, 2001 or after February 1, 2003." in counts
    assert story.footnotes[1] == (
        "Such percentages are expressed as a percentage of the aggregate scheduled principal "
        "balance of the pool I mortgage loans having such characteristics relative to the "
        "aggregate scheduled principal balance of all the pool I mortgage loans."
    )


@pytest.fixture(scope="module")
def tape(synthetic_csv):
    return synthetic_csv(40, "cmsi-2003-2", seed=3)


def test_cli_style_and_tables(tape):
    runner = CliRunner()
    base = ["termsheet", str(tape), "--deal", "cmsi-2003-2"]
    result = runner.invoke(app, base)
    assert result.exit_code == 0, result.output
    assert "Item 2.   Acquisition or Disposition of Assets." in result.output
    assert "YEARS OF ORIGINATION OF POOL I MORTGAGE LOANS" not in result.output
    result = runner.invoke(app, [*base, "--tables"])
    assert "YEARS OF ORIGINATION OF POOL I MORTGAGE LOANS" in result.output
    result = runner.invoke(app, [*base, "--style", "collateral", "--no-tables"])
    assert "Item 5.        Other Events." in result.output
    assert "YEARS OF ORIGINATION" not in result.output
    result = runner.invoke(app, [*base, "--style", "plain"])
    assert result.exit_code == 2
    assert "--style" in result.output
