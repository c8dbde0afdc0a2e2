"""build_termsheet: the public contract other modules code against."""

from datetime import date

from passthru.strats import ALL_LOANS, build_termsheet


def test_pools_in_deal_order_then_all_loans(pooled, deal):
    loans = pooled(3, original_term=[180, 360, 360], remaining_term=[170, 350, 350])
    sheet = build_termsheet(loans, deal)
    assert [p.pool for p in sheet.pools] == ["I", "II", ALL_LOANS]
    assert sheet.as_of == date(2002, 12, 1)
    assert sheet.deal is deal
    assert (sheet.loans_read, sheet.loans_accepted, sheet.loans_rejected) == (3, 3, 0)
    assert [sheet.figures(p)["loan_count"].exact for p in ("I", "II", ALL_LOANS)] == [2, 1, 3]


def test_counts_and_notes_are_carried(pooled, deal):
    sheet = build_termsheet(
        pooled(2), deal, loans_read=5, loans_rejected=3, notes=("3 loans left out",)
    )
    assert (sheet.loans_read, sheet.loans_accepted, sheet.loans_rejected) == (5, 2, 3)
    assert sheet.notes == ("3 loans left out",)


def test_all_loans_agree_with_the_pools(pooled, deal):
    loans = pooled(
        3,
        current_balance=[100_000.01, 200_000.02, 300_000.03],
        original_term=[360, 180, 360],
        remaining_term=[360, 180, 360],
        original_balance=[16_000.0, 1_000_000.0, 500_000.0],
        zip=["10001", "10001", "06830"],
    )
    sheet = build_termsheet(loans, deal)
    everything = sheet.figures(ALL_LOANS)
    assert everything["aggregate_balance"].printed == "$600,000.06"
    assert everything["min_original_balance"].printed == "$16,000"
    assert everything["max_original_balance"].printed == "$1,000,000"
    # zip 10001 spans both pools: 100,000.01 + 200,000.02
    assert everything["max_zip_balance"].printed == "$300,000"
    assert everything["max_zip_balance"].exact == 300_000.03


def test_figure_keys_in_order(pooled, deal):
    pool = build_termsheet(pooled(1), deal).figures("I")
    assert [f.key for f in pool.figures] == [
        "loan_count", "aggregate_balance", "wa_note_rate", "wa_remaining_term",
        "wa_original_term", "origination_start", "origination_end", "latest_maturity",
        "min_original_balance", "max_original_balance", "ltv_over_80_balance", "max_ltv",
        "any_ltv_over_95", "wa_ltv", "max_zip_balance", "primary_residence_pct",
        "investment_pct", "full_or_streamlined_pct", "stated_income_pct", "streamlined_pct",
        "ltv_over_80_uninsured_count", "additional_collateral_count",
        "additional_collateral_balance", "additional_collateral_wa_ltv",
        "additional_collateral_wa_ltv_without_pledge", "target_rate", "premium_count",
        "premium_balance", "premium_wa_note_rate", "premium_wa_remaining_term",
        "discount_count", "discount_balance", "discount_wa_note_rate",
        "discount_wa_remaining_term",
    ]  # fmt: skip
    assert all(f.label for f in pool.figures)
