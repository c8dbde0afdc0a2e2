"""Narrative figures, hand-computed (cashflow-and-structure.md §3.1-3.2, V39).

CMSI 2002-12: cut-off December 1, 2002, servicing fee 0.25%, pool I target 5.750%.
"""

from datetime import date

import pytest

from passthru.strats import ALL_LOANS, build_termsheet

# Four pool I loans, total $500,000.00.
# loan  balance   rate   net    rem orig  LTV  zip    occupancy    documentation
# L1    100,000   6.000  5.750  358 360   70   10001  primary      full
# L2    300,000   6.500  6.250  359 360   85   10001  primary      streamlined (insured)
# L3     50,000   5.875  5.625  240 240   80   06830  second_home  stated_income (pledged, 95)
# L4     50,000   5.500  5.250  357 360   60   06830  investment   full
POOL_I = {
    "current_balance": [100_000.0, 300_000.0, 50_000.0, 50_000.0],
    "original_balance": [100_000.0, 310_000.5, 52_000.75, 50_000.99],
    "note_rate": [6.0, 6.5, 5.875, 5.5],
    "remaining_term": [358, 359, 240, 357],
    "original_term": [360, 360, 240, 360],
    "ltv": [70.0, 85.0, 80.0, 60.0],
    "ltv_without_pledge": [None, None, 95.0, None],
    "zip": ["10001", "10001", "06830", "06830"],
    "occupancy": ["primary", "primary", "second_home", "investment"],
    "documentation": ["full", "streamlined", "stated_income", "full"],
    "mortgage_insurance": [False, True, False, False],
    "additional_collateral": [False, False, True, False],
    "origination_date": [
        date(2002, 10, 15),
        date(2001, 3, 20),
        date(2002, 11, 30),
        date(2002, 6, 1),
    ],
    "maturity_date": [date(2032, 11, 1), date(2032, 12, 1), date(2022, 11, 1), date(2032, 9, 1)],
}


@pytest.fixture
def sheet(pooled, deal):
    return build_termsheet(pooled(4, **POOL_I), deal)


def _printed(figures, keys):
    return {k: figures[k].printed for k in keys}


def test_counts_balances_and_weighted_averages(sheet):
    pool = sheet.figures("I")
    # rate: (600,000 + 1,950,000 + 293,750 + 275,000) / 500,000 = 6.2375 -> half-up 6.238
    # remaining: (35.8M + 107.7M + 12M + 17.85M) / 500,000 = 346.70
    # original: (36M + 108M + 12M + 18M) / 500,000 = 348.00
    assert _printed(pool, ["loan_count", "aggregate_balance", "wa_note_rate"]) == {
        "loan_count": "4",
        "aggregate_balance": "$500,000.00",
        "wa_note_rate": "6.238%",
    }
    assert pool["wa_note_rate"].exact == pytest.approx(6.2375)
    assert pool["wa_remaining_term"].printed == "346.70"
    assert pool["wa_original_term"].printed == "348.00"
    assert pool["aggregate_balance"].exact == 500_000.0


def test_dates(sheet):
    pool = sheet.figures("I")
    assert pool["origination_start"].exact == date(2001, 3, 20)
    assert pool["origination_start"].printed == "March 1, 2001"
    # latest origination November 30, 2002 is before the cut-off: print the cut-off
    assert pool["origination_end"].exact == date(2002, 11, 30)
    assert pool["origination_end"].printed == "December 1, 2002"
    assert pool["latest_maturity"].printed == "December 1, 2032"


def test_origination_after_cut_off_prints_the_next_first_of_month(pooled, deal):
    loans = pooled(2, origination_date=[date(2002, 11, 1), date(2002, 12, 15)])
    assert build_termsheet(loans, deal).figures("I")["origination_end"].printed == (
        "January 1, 2003"
    )


def test_original_balance_bounds_floor_and_ceil(sheet):
    pool = sheet.figures("I")
    assert pool["min_original_balance"].exact == 50_000.99
    assert pool["min_original_balance"].printed == "$50,000"  # floored: "not less than"
    assert pool["max_original_balance"].printed == "$310,001"  # ceiled: "nor more than"


def test_ltv_figures(sheet):
    pool = sheet.figures("I")
    # over 80: L2 only (L3 at exactly 80.000 is not in excess); WA (7M+25.5M+4M+3M)/500k = 79.0
    assert _printed(pool, ["ltv_over_80_balance", "max_ltv", "any_ltv_over_95", "wa_ltv"]) == {
        "ltv_over_80_balance": "$300,000",
        "max_ltv": "85.000%",
        "any_ltv_over_95": "no",
        "wa_ltv": "79.0%",
    }
    assert pool["any_ltv_over_95"].exact is False
    assert pool["ltv_over_80_uninsured_count"].printed == "0"


def test_zip_and_shares(sheet):
    pool = sheet.figures("I")
    assert pool["max_zip_balance"].printed == "$400,000"
    assert pool["max_zip_balance"].note == ""  # a note is a caveat, and nothing is unknown here
    # primary 400k/500k = 80%; investment 50k = 10%; full+streamlined 450k = 90%;
    # stated income 50k = 10%; streamlined 300k = 60%
    assert _printed(
        pool,
        [
            "primary_residence_pct",
            "investment_pct",
            "full_or_streamlined_pct",
            "stated_income_pct",
            "streamlined_pct",
        ],
    ) == {
        "primary_residence_pct": "80%",
        "investment_pct": "10%",
        "full_or_streamlined_pct": "90%",
        "stated_income_pct": "10%",
        "streamlined_pct": "60%",
    }


def test_additional_collateral(sheet):
    pool = sheet.figures("I")
    assert _printed(
        pool,
        [
            "additional_collateral_count",
            "additional_collateral_balance",
            "additional_collateral_wa_ltv",
            "additional_collateral_wa_ltv_without_pledge",
        ],
    ) == {
        "additional_collateral_count": "1",
        "additional_collateral_balance": "$50,000",
        "additional_collateral_wa_ltv": "80%",  # a trailing ".0" is dropped, as filed
        "additional_collateral_wa_ltv_without_pledge": "95.0%",  # always one decimal
    }


def test_premium_and_discount(sheet):
    pool = sheet.figures("I")
    # premium (net >= 5.750): L1, L2; discount: L3 (5.625), L4 (5.250)
    # premium rate (600,000 + 1,950,000) / 400,000 = 6.375; rem (35.8M+107.7M)/400k = 358.75
    # discount rate (293,750 + 275,000) / 100,000 = 5.6875 -> 5.688; rem 298.50
    assert _printed(
        pool,
        [
            "target_rate",
            "premium_count",
            "premium_balance",
            "premium_wa_note_rate",
            "premium_wa_remaining_term",
            "discount_count",
            "discount_balance",
            "discount_wa_note_rate",
            "discount_wa_remaining_term",
        ],
    ) == {
        "target_rate": "5.750%",
        "premium_count": "2",
        "premium_balance": "$400,000",
        "premium_wa_note_rate": "6.375%",
        "premium_wa_remaining_term": "358.75",
        "discount_count": "2",
        "discount_balance": "$100,000",
        "discount_wa_note_rate": "5.688%",
        "discount_wa_remaining_term": "298.50",
    }


def test_pool_without_discount_loans(pooled, deal):
    pool = build_termsheet(pooled(2, note_rate=[6.0, 6.5]), deal).figures("I")
    assert pool["discount_count"].exact == 0
    for key in ("discount_balance", "discount_wa_note_rate", "discount_wa_remaining_term"):
        assert (pool[key].exact, pool[key].printed) == (None, "")


def test_empty_pool_has_zero_counts_and_blank_averages(sheet):
    pool = sheet.figures("II")
    assert (pool["loan_count"].exact, pool["loan_count"].printed) == (0, "0")
    assert (pool["aggregate_balance"].exact, pool["aggregate_balance"].printed) == (0, "$0.00")
    for key in ("wa_note_rate", "wa_remaining_term", "wa_ltv", "origination_start"):
        assert (pool[key].exact, pool[key].printed) == (None, "")
    assert pool["target_rate"].printed == "5.250%"


def test_all_loans_omit_target_premium_and_discount(pooled, deal):
    loans = pooled(2, original_term=[360, 180], remaining_term=[358, 178])
    sheet = build_termsheet(loans, deal)
    everything = sheet.figures(ALL_LOANS)
    assert everything["loan_count"].exact == 2
    assert "target_rate" not in everything
    assert not any(f.key.startswith(("premium_", "discount_")) for f in everything.figures)
    assert everything["aggregate_balance"].printed == "$800,000.00"


# V39 (vectors.json): five loans (bal, rate, rem, orig, LTV), weights = scheduled balance.
V39_LOANS = [
    (400000.0, 6.125, 358, 360, 80.0),
    (650000.0, 5.875, 359, 360, 65.0),
    (333333.33, 6.0, 236, 240, 75.001),
    (500000.0, 5.5, 179, 180, 70.5),
    (149999.5, 5.25, 120, 120, 50.0),
]


def test_v39_weighted_averages_of_all_loans(pooled, deal):
    bal, rate, rem, orig, ltv = (list(c) for c in zip(*V39_LOANS, strict=True))
    sheet = build_termsheet(
        pooled(
            5, current_balance=bal, note_rate=rate, remaining_term=rem, original_term=orig, ltv=ltv
        ),
        deal,
    )
    everything = sheet.figures(ALL_LOANS)
    assert everything["aggregate_balance"].printed == "$2,033,332.83"
    assert everything["wa_note_rate"].exact == pytest.approx(5.806352596, abs=1e-9)
    assert everything["wa_note_rate"].printed == "5.806%"
    assert everything["wa_remaining_term"].exact == pytest.approx(276.7459403, abs=1e-7)
    assert everything["wa_remaining_term"].printed == "276.75"
    assert everything["wa_original_term"].exact == pytest.approx(278.3606947, abs=1e-7)
    assert everything["wa_original_term"].printed == "278.36"
    assert everything["wa_ltv"].exact == pytest.approx(69.83623438, abs=1e-8)
    assert everything["wa_ltv"].printed == "69.8%"


def test_at_least_floors_and_no_more_than_ceils(pooled, deal):
    # primary 969,000 of 1,000,000 = 96.9% -> "at least 96%"; investment 3.1% -> "no more than 4%"
    loans = pooled(
        2,
        current_balance=[969_000.0, 31_000.0],
        occupancy=["primary", "investment"],
        documentation=["full", "stated_income"],
    )
    pool = build_termsheet(loans, deal).figures("I")
    assert pool["primary_residence_pct"].printed == "96%"
    assert pool["investment_pct"].printed == "4%"
    assert pool["full_or_streamlined_pct"].printed == "96%"
    assert pool["stated_income_pct"].printed == "4%"
    assert pool["streamlined_pct"].printed == "0%"


def test_pledged_ltv_prints_100_point_0_without_pledge(pooled, deal):
    # with the pledge 77.4% keeps its decimal; without it, 100.0% keeps ".0"
    loans = pooled(
        2,
        ltv=[77.4, 70.0],
        ltv_without_pledge=[100.0, None],
        additional_collateral=[True, False],
    )
    pool = build_termsheet(loans, deal).figures("I")
    assert pool["additional_collateral_wa_ltv"].printed == "77.4%"
    assert pool["additional_collateral_wa_ltv_without_pledge"].printed == "100.0%"


def test_no_pledged_loans(pooled, deal):
    pool = build_termsheet(pooled(1), deal).figures("I")
    assert pool["additional_collateral_count"].printed == "0"
    assert pool["additional_collateral_wa_ltv"].printed == ""


def test_unknown_for_every_loan_prints_unknown(pooled, deal):
    loans = pooled(
        2, documentation=[None, None], zip=[None, None], additional_collateral=[None, None]
    )
    pool = build_termsheet(loans, deal).figures("I")
    for key in (
        "full_or_streamlined_pct",
        "stated_income_pct",
        "streamlined_pct",
        "max_zip_balance",
        "additional_collateral_count",
        "additional_collateral_wa_ltv_without_pledge",
    ):
        assert (pool[key].exact, pool[key].printed) == (None, "unknown"), key
    assert pool["primary_residence_pct"].printed == "100%"


def test_partly_unknown_is_conservative_and_noted(pooled, deal):
    # 900,000 full, 100,000 unknown documentation of 1,000,000
    loans = pooled(
        2,
        current_balance=[900_000.0, 100_000.0],
        documentation=["full", None],
        occupancy=["primary", None],
        zip=["10001", None],
    )
    pool = build_termsheet(loans, deal).figures("I")
    assert pool["full_or_streamlined_pct"].printed == "90%"  # unknown counts against
    assert pool["stated_income_pct"].printed == "10%"  # unknown counts toward
    assert pool["streamlined_pct"].printed == "10%"
    assert pool["primary_residence_pct"].printed == "90%"
    assert pool["investment_pct"].printed == "10%"
    assert "1 loans of unknown documentation" in pool["stated_income_pct"].note
    # the unknown-zip loan may sit in the largest zip code: 900,000 + 100,000
    assert pool["max_zip_balance"].printed == "$1,000,000"
    assert "unknown zip" in pool["max_zip_balance"].note


def test_uninsured_and_unknown_insurance_over_80(pooled, deal):
    loans = pooled(3, ltv=[85.0, 90.0, 95.001], mortgage_insurance=[False, None, True])
    pool = build_termsheet(loans, deal).figures("I")
    assert pool["ltv_over_80_uninsured_count"].exact == 2  # one uninsured, one unknown
    assert "unknown mortgage insurance" in pool["ltv_over_80_uninsured_count"].note
    assert pool["any_ltv_over_95"].printed == "yes"
    assert pool["max_ltv"].printed == "95.001%"


def test_ltv_just_above_95_after_rounding_is_not_over(pooled, deal):
    pool = build_termsheet(pooled(1, ltv=[95.0004]), deal).figures("I")
    assert pool["any_ltv_over_95"].printed == "no"


def test_insurance_unknown_for_every_loan_over_80(pooled, deal):
    loans = pooled(2, ltv=[85.0, 60.0], mortgage_insurance=[None, False])
    figure = build_termsheet(loans, deal).figures("I")["ltv_over_80_uninsured_count"]
    assert (figure.exact, figure.printed) == (None, "unknown")


def test_pledge_partly_unknown_counts_the_known_and_says_so(pooled, deal):
    loans = pooled(
        3,
        current_balance=[100_000.0, 300_000.0, 50_000.0],
        ltv=[80.0, 75.0, 60.0],
        ltv_without_pledge=[90.0, 100.0, None],
        additional_collateral=[True, True, None],
    )
    pool = build_termsheet(loans, deal).figures("I")
    # with the pledge (8M + 22.5M) / 400k = 76.25 -> 76.3; without (9M + 30M) / 400k = 97.5
    assert pool["additional_collateral_count"].printed == "2"
    assert "1 loans of unknown additional collateral" in pool["additional_collateral_count"].note
    assert pool["additional_collateral_balance"].printed == "$400,000"
    assert pool["additional_collateral_wa_ltv"].printed == "76.3%"
    assert pool["additional_collateral_wa_ltv_without_pledge"].printed == "97.5%"


def test_exact_whole_shares_survive_binary_noise(pooled, deal):
    # 70.07 / 1,001.00 is exactly 7% (100 * 70.07 / 1001.0 is 6.999999999999999 in binary);
    # 930.93 / 1,001.00 is exactly 93%: neither may floor to 6% nor ceil to 94%
    loans = pooled(2, current_balance=[70.07, 930.93], occupancy=["primary", "investment"])
    pool = build_termsheet(loans, deal).figures("I")
    assert pool["primary_residence_pct"].printed == "7%"
    assert pool["investment_pct"].printed == "93%"
