"""The seven stratification tables: titles, row order, bucket rules, unknowns, rounding."""

from datetime import date

import pytest

from passthru.strats import TABLE_KINDS, build_termsheet


def _rows(sheet, kind, pool="I"):
    return [(r.label, r.count, r.dollars) for r in sheet.table(kind, pool).rows]


def test_titles_and_headings_as_filed(pooled, deal):
    sheet = build_termsheet(pooled(1, original_term=[180], remaining_term=[178]), deal)
    titles = {t.kind: (t.title, t.heading) for t in sheet.tables}
    assert titles == {
        "origination_year": (
            ("YEARS OF ORIGINATION OF POOL II MORTGAGE LOANS",),
            ("Year Originated",),
        ),
        "property_type": (
            ("TYPES OF DWELLINGS SUBJECT TO POOL II MORTGAGE LOANS",),
            ("Type of", "Dwelling Unit"),
        ),
        "units": (
            ("NUMBER OF UNITS IN DWELLINGS SUBJECT TO POOL II MORTGAGE LOANS",),
            ("Type of", "Dwelling Unit"),
        ),
        "size": (
            ("SIZE OF POOL II MORTGAGE LOANS",),
            ("Outstanding Principal", "Balance by Loan Size"),
        ),
        "note_rate": (
            ("DISTRIBUTION OF POOL II MORTGAGE LOANS BY NOTE RATES",),
            ("Mortgage Loan", "Interest Rate"),
        ),
        "ltv": (
            ("DISTRIBUTION OF POOL II MORTGAGE LOANS", "BY LOAN-TO-VALUE RATIOS AT ORIGINATION"),
            ("Loan-To-Value Ratio",),
        ),
        "state": (
            ("GEOGRAPHIC DISTRIBUTION OF", "POOL II MORTGAGED PROPERTIES BY STATE"),
            ("State",),
        ),
    }


def test_only_pools_with_loans_get_tables_in_kind_order(pooled, deal):
    sheet = build_termsheet(pooled(2, original_term=[360, 180], remaining_term=[1, 1]), deal)
    assert [(t.pool, t.kind) for t in sheet.tables] == [
        *(("I", k) for k in TABLE_KINDS),
        *(("II", k) for k in TABLE_KINDS),
    ]
    only_i = build_termsheet(pooled(1), deal)
    assert {t.pool for t in only_i.tables} == {"I"}
    with pytest.raises(KeyError):
        only_i.table("size", "II")


def test_years_ascending(pooled, deal):
    loans = pooled(
        3,
        current_balance=[100_000.0, 200_000.0, 300_000.0],
        origination_date=[date(2002, 1, 5), date(2000, 11, 30), date(2002, 7, 1)],
    )
    assert _rows(build_termsheet(loans, deal), "origination_year") == [
        ("2000", 1, 200_000),
        ("2002", 2, 400_000),
    ]


def test_rows_and_total_each_rounded_from_their_exact_sums(pooled, deal):
    # 100.50 and 200.50 print 101 and 201 (sum 302), but the total 301.00 prints 301
    loans = pooled(
        2,
        current_balance=[100.5, 200.5],
        origination_date=[date(2001, 5, 1), date(2002, 5, 1)],
    )
    table = build_termsheet(loans, deal).table("origination_year", "I")
    assert [r.dollars for r in table.rows] == [101, 201]
    assert (table.total.label, table.total.count, table.total.dollars) == ("Total", 2, 301)
    assert table.total.balance == 301.0


def test_property_types_in_filing_order_with_footnote(pooled, deal):
    loans = pooled(
        5,
        current_balance=[100_000.0, 200_000.0, 300_000.0, 400_000.0, 500_000.0],
        property_type=["cooperative", "multi_family", "detached", "multi_family", None],
        units=[1, 4, 1, 2, 1],
    )
    table = build_termsheet(loans, deal).table("property_type", "I")
    assert [(r.label, r.count, r.dollars) for r in table.rows] == [
        ("Detached Houses", 1, 300_000),
        ("Multi-family Dwellings", 2, 600_000),
        ("Cooperative Units", 1, 100_000),
        ("Unknown", 1, 500_000),
    ]
    assert table.footnote == "Multi-family dwellings are 2-family and 4-family."


@pytest.mark.parametrize(
    ("units", "footnote"),
    [
        ([2], "Multi-family dwellings are 2-family."),
        ([3, 2, 4], "Multi-family dwellings are 2-family, 3-family and 4-family."),
    ],
)
def test_multi_family_footnote_names_the_unit_counts_present(pooled, deal, units, footnote):
    loans = pooled(len(units), property_type=["multi_family"] * len(units), units=units)
    assert build_termsheet(loans, deal).table("property_type", "I").footnote == footnote


def test_no_footnote_without_multi_family(pooled, deal):
    assert build_termsheet(pooled(1), deal).table("property_type", "I").footnote == ""


def test_units(pooled, deal):
    loans = pooled(
        4, units=[2, 1, None, 1], property_type=["multi_family", "detached", None, "detached"]
    )
    assert [r[0] for r in _rows(build_termsheet(loans, deal), "units")] == [
        "1-family",
        "2-family",
        "Unknown",
    ]


def test_size_rows_with_edges_and_merges(pooled, deal):
    balances = [149_999.99, 150_000.0, 199_999.99, 260_000.0, 1_200_000.0]
    loans = pooled(5, current_balance=balances)
    # 200-249k is empty: merges into 250-299k (1 loan) rather than 150-199k (2 loans);
    # 300k-949,999 empty: merges up to a tie of 1 and 1, then into the following row.
    assert _rows(build_termsheet(loans, deal), "size") == [
        ("$149,999 and under", 1, 150_000),
        ("$150,000 through $199,999", 2, 350_000),
        ("$200,000 through $299,999", 1, 260_000),
        ("$300,000 and over", 1, 1_200_000),
    ]


def test_note_rate_rows_start_and_end_at_the_pools_rates(pooled, deal):
    rates = [5.375, 5.5, 5.501, 6.0, 7.625]
    loans = pooled(5, note_rate=rates, current_balance=[100_000.0] * 5)
    assert _rows(build_termsheet(loans, deal), "note_rate") == [
        ("5.375% - 5.500%", 2, 200_000),
        ("5.501% - 6.000%", 2, 200_000),
        ("7.501% - 7.625%", 1, 100_000),
    ]


def test_ltv_rows_leave_out_empty_ones(pooled, deal):
    ltvs = [65.0, 65.0004, 65.0005, 65.001, 75.0, 80.001, 95.0, 95.001]
    loans = pooled(8, ltv=ltvs, current_balance=[100_000.0] * 8)
    assert _rows(build_termsheet(loans, deal), "ltv") == [
        ("65.00% and below", 2, 200_000),
        ("65.001% - 75.000%", 3, 300_000),
        ("80.001% - 85.000%", 1, 100_000),
        ("90.001% - 95.000%", 1, 100_000),
        ("95.001% - 100.000%", 1, 100_000),
    ]


def test_states_by_full_name_alphabetically_unknown_last(pooled, deal):
    loans = pooled(5, state=["NY", None, "DC", "AL", "CA"])
    assert [r[0] for r in _rows(build_termsheet(loans, deal), "state")] == [
        "Alabama",
        "California",
        "District of Columbia",
        "New York",
        "Unknown",
    ]
