"""The Item 5 narrative: the 2002-12 filing's paragraphs with the term sheet's figures."""

from __future__ import annotations

import dataclasses

import pytest

from passthru.disclosure.narrative import build_narrative
from passthru.disclosure.text import narrative_lines, render_text
from passthru.disclosure.words import wrap


def _filing(filing_text, first: int, last: int) -> list[str]:
    """Lines ``first`` to ``last`` (1-based, inclusive) of the 2002-12 filing."""
    return filing_text("2002-12").splitlines()[first - 1 : last]


def _words(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (50, 57),  # the offering
        (73, 85),  # counts, rates, terms, origination window
        (87, 101),  # maturities, balances, LTVs, zip, "at least 97%(2)" ... CitiMortgage,
        (118, 129),  # documentation shares
        (131, 150),  # insurance and the four additional-collateral figures
        (152, 161),  # pool I premium and discount loans
        (163, 169),  # pool II: premium loans only
    ],
)
def test_paragraphs_match_the_filing_line_for_line(termsheet_2002_12, filing_text, first, last):
    lines = narrative_lines(termsheet_2002_12)
    expected = _filing(filing_text, first, last)
    start = lines.index(expected[0])
    got = lines[start : start + len(expected)]
    if first == 118:  # the filing drops the comma of "8%, respectively, of"
        expected[5] = expected[5].replace("respectively of", "respectively, of")
    assert got == expected


def test_transfer_paragraph_words(termsheet_2002_12, filing_text):
    expected = _words(_filing(filing_text, 59, 71)).replace("maturites", "maturities")
    got = build_narrative(termsheet_2002_12).opening[1].text
    assert got == expected


def test_residence_and_investment_sentences(termsheet_2002_12):
    text = build_narrative(termsheet_2002_12).opening[3].text
    assert text.endswith(
        "At least 97%(2) and 95%, respectively, of the pool I mortgage loans and the pool II "
        "mortgage loans are secured by mortgaged properties determined by CitiMortgage, Inc. to "
        "be the primary residence of the borrower. No more than 1% and 2%, respectively, of the "
        "pool I mortgage loans and the pool II mortgage loans are secured by investment "
        "properties."
    )


def test_footnotes_at_the_foot_of_the_first_page(termsheet_2002_12, filing_text):
    lines = narrative_lines(termsheet_2002_12)
    rule = lines.index("-----------")
    assert lines[rule + 1 : rule + 3] == [
        "1    Terms used herein and not defined have the meaning assigned thereto in the",
        "     form of Prospectus included in CMSI's Registration Statement(333-72082).",
    ]
    assert lines[rule + 3 : rule + 12] == ["", *_filing(filing_text, 108, 115)]


def test_cover_page(termsheet_2002_12, filing_text):
    text = render_text(termsheet_2002_12)
    cover = text.split("<PAGE>")[0].splitlines()
    for line in (8, 10, 17, 18, 19, 22, 24, 25, 26):  # FORM 8-K ... (Exact name of registrant)
        assert _filing(filing_text, line, line)[0] in cover
    assert text.split("<PAGE>")[1].startswith(
        "\nItem 5.        Other Events.\n\n     The following"
    )


def test_uninsured_loans_are_counted(termsheet_2002_12, replace_figure):
    ts = replace_figure(termsheet_2002_12, "I", "ltv_over_80_uninsured_count", 3, "3")
    text = build_narrative(ts).body[1].text
    assert text.startswith(
        "Of the mortgage loans which had loan-to-value ratios greater than 80% at origination, "
        "3 and 0, respectively, of the pool I mortgage loans and the pool II mortgage loans did "
        "not have primary mortgage insurance as of such date."
    )


def test_pledged_ratios_that_differ_are_given_respectively(termsheet_2002_12, replace_figure):
    ts = replace_figure(termsheet_2002_12, "II", "additional_collateral_wa_ltv", 77.4, "77.4%")
    items = build_narrative(ts).body[1].items
    assert items[2].endswith("collateral, are 80% and 77.4%, respectively; and")


def test_no_pledged_loans(termsheet_2002_12, replace_figure):
    ts = replace_figure(termsheet_2002_12, "I", "additional_collateral_count", 0, "0")
    ts = replace_figure(ts, "II", "additional_collateral_count", 0, "0")
    paragraph = build_narrative(ts).body[1]
    assert paragraph.items == ()
    assert paragraph.text.endswith("None of the mortgage loans had additional collateral pledged.")


def test_one_pledged_pool_is_a_group(termsheet_2002_12, replace_figure):
    ts = replace_figure(termsheet_2002_12, "I", "additional_collateral_count", 0, "0")
    paragraph = build_narrative(ts).body[1]
    assert paragraph.text.endswith(
        "In the case of the pool II mortgage loans for which additional collateral was pledged, "
        "taken as a group:"
    )
    assert paragraph.items[0] == "the number of such pool II mortgage loans is 1;"


def test_unknown_share_is_never_a_number(termsheet_2002_12, replace_figure):
    ts = replace_figure(termsheet_2002_12, "I", "primary_residence_pct", None, "unknown")
    text = build_narrative(ts).opening[3].text
    assert (
        "Share of the pool I mortgage loans and the pool II mortgage loans that are secured by "
        "mortgaged properties determined by CitiMortgage, Inc. to be the primary residence of "
        "the borrower(2): unknown and at least 95%, respectively." in text
    )
    assert "At least" not in text


def test_ltv_over_95_names_the_highest(termsheet_2002_12, replace_figure):
    ts = replace_figure(termsheet_2002_12, "I", "any_ltv_over_95", True, "yes")
    text = build_narrative(ts).opening[3].text
    assert (
        "in excess of 80%; the highest loan-to-value ratios at origination of the pool I "
        "mortgage loans and the pool II mortgage loans were 95.000% and 89.900%, respectively."
    ) in text


def test_discount_only_pool(termsheet_2002_12, replace_figure):
    ts = replace_figure(termsheet_2002_12, "II", "premium_count", 0, "0")
    ts = replace_figure(ts, "II", "discount_count", 283, "283")
    ts = replace_figure(ts, "II", "discount_balance", 130_905_482.57, "$130,905,483")
    ts = replace_figure(ts, "II", "discount_wa_note_rate", 5.4, "5.400%")
    ts = replace_figure(ts, "II", "discount_wa_remaining_term", 176.35, "176.35")
    assert build_narrative(ts).body[-1].text == (
        "Pool II discount loans will consist of pool II mortgage loans with net loan rates less "
        "than 5.250%. All pool II mortgage loans are pool II discount loans. The aggregate "
        "scheduled principal balance outstanding as of the cut-off date of the pool II "
        "discount loans was $130,905,483. The weighted average interest rate of the pool II "
        "discount loans, as of the cut-off date, was 5.400%. The weighted average remaining "
        "term to stated maturity of the pool II discount loans, as of the cut-off date, was "
        "176.35 months."
    )


def test_one_pool_takes_the_singular(termsheet_2002_12):
    pools = tuple(p for p in termsheet_2002_12.pools if p.pool != "II")
    ts = dataclasses.replace(termsheet_2002_12, pools=pools)
    text = build_narrative(ts).opening[2].text
    assert text.startswith(
        "The total number of the pool I mortgage loans as of December 1, 2002 was 993. The "
        "weighted average interest rate of the pool I mortgage loans (before deduction of the "
        "servicing fee) as of December 1, 2002 was 6.462%."
    )
    assert "prior to September 1, 2000 or after December 1, 2002." in text


def test_origination_ends_that_differ(termsheet_2002_12, replace_figure):
    ts = replace_figure(termsheet_2002_12, "II", "origination_end", None, "January 1, 2003")
    assert (
        "or after December 1, 2002 and January 1, 2003, respectively."
        in build_narrative(ts).opening[2].text
    )


def test_notes_follow_the_narrative_prominently(termsheet_2002_12):
    note = "17 of 1293 loans on tape.csv were rejected and are not included in these figures."
    ts = dataclasses.replace(termsheet_2002_12, notes=(note,))
    text = render_text(ts)
    notes_at = text.index("\n" + " " * 37 + "NOTES\n")  # (80 - 5) // 2
    assert text.index("was 176.35 months.") < notes_at < text.index("The following tables")
    assert "\n".join(wrap(note, first="     *    ", rest=" " * 10)) in text


def test_figure_notes_name_pool_and_figure(termsheet_2002_12, replace_figure):
    notes = build_narrative(termsheet_2002_12).figure_notes
    assert notes == ("Pool I - max zip balance: zip 10021", "Pool II - max zip balance: zip 94010")
    quiet = replace_figure(termsheet_2002_12, "I", "max_zip_balance", 6_456_558.2, "$6,456,558")
    quiet = replace_figure(quiet, "II", "max_zip_balance", 2_157_569.0, "$2,157,569")
    assert build_narrative(quiet).figure_notes == ()
    assert "NOTES ON FIGURES" not in render_text(quiet)


def test_no_loans_leaves_only_the_offering_and_transfer(termsheet_2002_12, replace_figure):
    ts = replace_figure(termsheet_2002_12, "I", "loan_count", 0, "0")
    ts = replace_figure(ts, "II", "loan_count", 0, "0")
    story = build_narrative(ts)
    assert len(story.opening) == 2 and story.body == ()
    assert len(story.footnotes) == 1
    assert "pool I mortgage" not in story.opening[1].text
