"""Hand-computed distribution days of the tiny two-pool deal (see conftest.py).

Every expected figure is worked by hand in the comments. Opening: IA-1 900,000
(6%), I-PO 20,000, IIA-1 450,000 (5%), B-1..B-6 60, 30, 20, 15, 15, 10 thousand.
Target-rate strips 1,000,000 (I) and 500,000 (II): SP = 90% in both pools.
"""

from __future__ import annotations

import pytest

SUBS = ("B-1", "B-2", "B-3", "B-4", "B-5", "B-6")
SUB_SHARES = (0.4, 0.2, 2 / 15, 0.1, 0.1, 1 / 15)  # balance / 150,000


def quiet_pools(tiny, periods: int, **pool_one):
    """Pool I with the given series, pool II collecting only its full interest."""
    interest_one = [5000.0] * periods
    return (
        tiny.pool_flows("I", 6.0, 1_000_000, 20_000, periods, interest=interest_one, **pool_one),
        tiny.pool_flows("II", 5.0, 500_000, 0.0, periods, interest=[500_000 * 0.05 / 12] * periods),
    )


def test_first_distribution_day(tiny, deal):
    p1 = tiny.pool_flows(
        "I", 6.0, 1_000_000, 20_000, 2, scheduled=[10_000], prepayments=[20_000],
        po_principal=[400], interest=[5_000], io_interest=[300],
    )  # fmt: skip
    p2 = tiny.pool_flows(
        "II", 5.0, 500_000, 0.0, 2, scheduled=[5_000], interest=[500_000 * 0.05 / 12]
    )
    terms, record = tiny.run_days(deal, (p1, p2))
    d = tiny.day(record, terms, 1)
    # pool I: SP 0.9, SPP 1 (days 1-60): 0.9 x 10,000 + 1 x 20,000 = 29,000
    assert d["IA-1"]["principal_paid"] == pytest.approx(29_000)
    assert d["IA-1"]["interest_paid"] == pytest.approx(4_500)  # 900,000 x 6% / 12
    # pool II: 0.9 x 5,000 = 4,500; interest 450,000 x 5% / 12 = 1,875
    assert d["IIA-1"]["principal_paid"] == pytest.approx(4_500)
    assert d["IIA-1"]["interest_paid"] == pytest.approx(1_875)
    assert d["I-PO"]["principal_paid"] == pytest.approx(400)
    assert d["I-IO"]["interest_paid"] == pytest.approx(300)
    # subordinate principal: (30,000 - 29,000) + (5,000 - 4,500) = 1,500 pro rata by balance;
    # rate (100,000 x 6% + 50,000 x 5%) / 150,000 = 5.6667%: B-1 60,000 x 5.6667% / 12 = 283.33
    for name, share in zip(SUBS, SUB_SHARES, strict=True):
        assert d[name]["principal_paid"] == pytest.approx(1_500 * share)
        assert d[name]["interest_paid"] == pytest.approx(8_500 / 12 * share)
    assert d["B-1"]["interest_paid"] == pytest.approx(283.333333)
    deal_day = {k: v[0, 0] for k, v in record.deal.items()}
    # available: 5,000 + 300 + 30,000 + 400 + 2,083.33 + 5,000 = 42,783.33, all distributed
    assert deal_day["available_funds"] == pytest.approx(42_783.333333)
    assert deal_day["residual"] == pytest.approx(0, abs=1e-6)
    assert deal_day["senior_pct"] == pytest.approx(90.0)
    assert deal_day["subordinate_rate"] == pytest.approx(5.666667)


def test_day_61_steps_down_to_sp_plus_70_percent_of_the_subordinate_share(tiny, deal):
    prepayments = [0.0] * 60 + [10_000.0]
    terms, record = tiny.run_days(deal, quiet_pools(tiny, 61, prepayments=prepayments))
    d60, d61 = tiny.day(record, terms, 60), tiny.day(record, terms, 61)
    assert d60["IA-1"]["principal_paid"] == 0
    # SP 0.9; SPP = 0.9 + 0.7 x 0.1 = 0.97: 9,700 to IA-1, 300 to B-1..B-6 pro rata
    assert record.pools["senior_prepayment_pct"][0, 60, 0] == pytest.approx(97.0)
    assert d61["IA-1"]["principal_paid"] == pytest.approx(9_700)
    for name, share in zip(SUBS, SUB_SHARES, strict=True):
        assert d61[name]["principal_paid"] == pytest.approx(300 * share)


def test_day_61_does_not_step_down_when_the_delinquency_test_fails(tiny, deal):
    # 60+ day delinquencies of 100,000 on days 55-60: average 100,000 >= 50% x 150,000
    delinquent = [0.0] * 54 + [100_000.0] * 6
    pools = quiet_pools(tiny, 61, prepayments=[0.0] * 60 + [10_000.0], delinquent=delinquent)
    terms, record = tiny.run_days(deal, pools)
    assert record.deal["step_down_tests_pass"][0, 60] == 0
    assert tiny.day(record, terms, 61)["IA-1"]["principal_paid"] == pytest.approx(10_000)


def test_special_hazard_loss_inside_the_limit_is_ordinary(tiny, deal):
    terms, record = tiny.run_days(deal, quiet_pools(tiny, 1, losses=[3_000]), loss_mix=(0, 1, 0, 0))
    d = tiny.day(record, terms, 1)
    assert d["B-6"]["loss"] == pytest.approx(3_000)  # within the 5,000 limit: B-6 takes it
    assert d["IA-1"]["loss"] == 0
    assert record.deal["special_hazard_limit"][0, 0] == pytest.approx(2_000)
    assert record.deal["excess_loss"][0, 0] == 0


@pytest.mark.parametrize(
    ("mix", "limit", "loss", "limit_column"),
    [
        ((0, 1, 0, 0), 5_000, 8_000, "special_hazard_limit"),
        ((0, 0, 1, 0), 4_000, 6_000, "fraud_limit"),
        ((0, 0, 0, 1), 3_000, 3_500, "bankruptcy_limit"),
    ],
)
def test_loss_beyond_a_limit_is_shared_pro_rata(tiny, deal, mix, limit, loss, limit_column):
    terms, record = tiny.run_days(deal, quiet_pools(tiny, 1, losses=[loss]), loss_mix=mix)
    d = tiny.day(record, terms, 1)
    excess = loss - limit
    # the excess of pool I is shared by IA-1 (900,000) and pool I's part of each B class
    # (component 100,000 of 150,000 = 2/3: B-1 40,000 ... B-6 6,666.67): 1,000,000 in all
    assert d["IA-1"]["loss"] == pytest.approx(excess * 0.9)
    for name, share in zip(SUBS[:-1], SUB_SHARES[:-1], strict=True):
        assert d[name]["loss"] == pytest.approx(excess * share * 100_000 / 1_000_000)
    # B-6 takes its excess share and the part within the limit
    assert d["B-6"]["loss"] == pytest.approx(limit + excess * 10_000 / 1_500_000)
    assert record.deal[limit_column][0, 0] == pytest.approx(0)
    assert record.deal["excess_loss"][0, 0] == pytest.approx(excess)
    assert d["IIA-1"]["loss"] == 0


def test_impaired_subordinate_class_takes_all_subordinate_principal(tiny, deal):
    # day 1: an ordinary loss of 12,000 in pool I: B-6 10,000, B-5 2,000 (B-5 at 13,000)
    # day 2 (basis: strips 988,000 + 500,000): B-1's level (30+20+15+13)/1,488 = 5.24% < 6%,
    # B-2's 48/1,488 = 3.23% < 4%, B-3's 28/1,488 < 2.67%, B-4's 13/1,488 < 1.67%, B-5's 0 <
    # 0.67%: five classes impaired (B-6's level is always 0). B-1 is the most senior impaired,
    # so all subordinate principal goes to it: SP = 900,000 / 988,000; of 10,000 scheduled
    # the seniors get 9,109.31, B-1 the 890.69 rest
    terms, record = tiny.run_days(
        deal, quiet_pools(tiny, 2, losses=[12_000], scheduled=[0, 10_000])
    )
    d1, d2 = tiny.day(record, terms, 1), tiny.day(record, terms, 2)
    assert d1["B-6"]["loss"] == pytest.approx(10_000)
    assert d1["B-5"]["loss"] == pytest.approx(2_000)
    assert record.deal["impaired_classes"][0, 1] == 5
    senior = 10_000 * 900_000 / 988_000
    assert d2["IA-1"]["principal_paid"] == pytest.approx(senior)
    assert d2["B-1"]["principal_paid"] == pytest.approx(10_000 - senior)
    assert all(d2[name]["principal_paid"] == 0 for name in SUBS[1:])


def test_cross_over(tiny, deal):
    # day 1: ordinary losses 110,000 (pool I) and 50,000 (pool II): the subordinated classes
    # absorb 150,000; pool I's strip (890,000) no longer covers IA-1, which takes 10,000
    p1 = tiny.pool_flows(
        "I", 6.0, 1_000_000, 20_000, 2, losses=[110_000], scheduled=[0, 10_000],
        prepayments=[0, 30_000], interest=[5_000, 4_450],
    )  # fmt: skip
    p2 = tiny.pool_flows("II", 5.0, 500_000, 0.0, 2, losses=[50_000, 1_000], scheduled=[0, 5_000])
    terms, record = tiny.run_days(deal, (p1, p2))
    d1, d2 = tiny.day(record, terms, 1), tiny.day(record, terms, 2)
    assert sum(d1[name]["loss"] for name in SUBS) == pytest.approx(150_000)
    assert d1["IA-1"]["loss"] == pytest.approx(10_000)
    assert record.deal["crossed_over"][0, 0] == 1
    # day 2: after the cross-over the seniors take all principal (SP = SPP = 100%)
    assert d2["IA-1"]["principal_paid"] == pytest.approx(40_000)
    assert d2["IIA-1"]["principal_paid"] == pytest.approx(5_000)
    # and the losses: pool II's 1,000 to IIA-1
    assert d2["IIA-1"]["loss"] == pytest.approx(1_000)


def test_clean_up_call_retires_every_class_at_par(tiny, deal):
    # day 1 leaves 100,000 + 50,000 + 2,000 = 152,000 = 10% of 1,520,000: called on day 2
    p1 = tiny.pool_flows(
        "I", 6.0, 1_000_000, 20_000, 3, prepayments=[900_000, 1_000], po_principal=[18_000],
        interest=[5_000, 500], io_interest=[300, 10],
    )  # fmt: skip
    p2 = tiny.pool_flows(
        "II", 5.0, 500_000, 0.0, 3, prepayments=[450_000, 500], interest=[2_083.33, 208.33]
    )
    terms, record = tiny.run_days(deal, (p1, p2), call=True)
    assert record.periods == 2
    d2 = tiny.day(record, terms, 2)
    assert record.deal["call_exercised"][0].tolist() == [0, 1]
    # the call pays the strips at par: B classes 150,000 in all, I-PO 2,000
    for name, share in zip(SUBS, SUB_SHARES, strict=True):
        assert d2[name]["principal_paid"] == pytest.approx(150_000 * share)
        # a month's interest: 100,000 x 6% / 12 + 50,000 x 5% / 12 = 708.33
        assert d2[name]["interest_paid"] == pytest.approx((500 + 50_000 * 0.05 / 12) * share)
        assert d2[name]["ending_balance"] == 0
    assert d2["I-PO"]["principal_paid"] == pytest.approx(2_000)
    assert d2["I-IO"]["interest_paid"] == pytest.approx(10)


def test_no_call_when_not_exercised(tiny, deal):
    p1 = tiny.pool_flows(
        "I", 6.0, 1_000_000, 20_000, 3, prepayments=[900_000], po_principal=[18_000]
    )
    p2 = tiny.pool_flows("II", 5.0, 500_000, 0.0, 3, prepayments=[450_000])
    _, record = tiny.run_days(deal, (p1, p2), call=False)
    assert record.deal["call_exercised"].sum() == 0
    assert record.periods == 3


def test_po_loss_is_deferred_and_reimbursed_from_subordinate_principal(tiny, deal):
    # day 1: PO loss 1,000 -> I-PO 19,000, deferred 1,000; B-6 untouched
    # day 2: scheduled 10,000 in pool I: seniors 9,000, subordinate principal 1,000 all
    # reimburses the deferred amount; the B classes are written down by it (B-6 first)
    p1 = tiny.pool_flows(
        "I", 6.0, 1_000_000, 20_000, 2, po_losses=[1_000], scheduled=[0, 10_000],
        interest=[5_000, 5_000],
    )  # fmt: skip
    p2 = tiny.pool_flows("II", 5.0, 500_000, 0.0, 2, interest=[2_083.33, 2_083.33])
    terms, record = tiny.run_days(deal, (p1, p2))
    d1, d2 = tiny.day(record, terms, 1), tiny.day(record, terms, 2)
    assert d1["I-PO"]["loss"] == pytest.approx(1_000)
    assert record.deal["po_deferred"][0, 0] == pytest.approx(1_000)
    assert d2["IA-1"]["principal_paid"] == pytest.approx(9_000)
    assert d2["I-PO"]["deferred_paid"] == pytest.approx(1_000)
    assert d2["B-6"]["loss"] == pytest.approx(1_000)
    assert record.deal["po_deferred"][0, 1] == pytest.approx(0)


def test_sequential_senior_principal_is_a_deal_term(tiny):
    deal = tiny.tiny_deal(
        classes=[
            {"name": "IA-1", "kind": "senior", "pool": "I", "group": "A", "balance": "620000"},
            {"name": "IA-2", "kind": "senior", "pool": "I", "group": "A", "balance": "300000"},
            {"name": "I-PO", "kind": "po", "pool": "I", "group": "A", "balance": "po_strip"},
            {"name": "IIA-1", "kind": "senior", "pool": "II", "balance": "450000"},
        ]
        + [
            {"name": n, "kind": "subordinate", "balance": str(round(150_000 * share))}
            for n, share in zip(SUBS, SUB_SHARES, strict=True)
        ],
        waterfall={"senior_principal": "sequential"},
    )
    terms, record = tiny.run_days(deal, quiet_pools(tiny, 1, prepayments=[20_000]))
    d = tiny.day(record, terms, 1)
    assert d["IA-1"]["principal_paid"] == pytest.approx(20_000)  # IA-1 600,000 after the PO
    assert d["IA-2"]["principal_paid"] == 0


def test_steps_written_in_the_deal_file_set_the_order(tiny):
    # B-1..B-6 interest all before any B principal: on a normal day the same payments
    steps = [
        {"step": "interest", "group": "senior"},
        {"step": "principal", "group": "po"},
        {"step": "principal", "group": "senior"},
        {"step": "po_deferred"},
        {"step": "interest", "group": "subordinate"},
        {"step": "principal", "group": "subordinate"},
    ]
    deal = tiny.tiny_deal(waterfall={"steps": steps})
    terms, record = tiny.run_days(deal, quiet_pools(tiny, 1, prepayments=[20_000]))
    d = tiny.day(record, terms, 1)
    assert d["IA-1"]["principal_paid"] == pytest.approx(20_000)  # SPP 100% on day 1
    assert d["B-1"]["interest_paid"] == pytest.approx(283.333333)


def test_a_step_list_that_never_pays_the_subordinates_is_refused(tiny):
    with pytest.raises(ValueError, match="never pay interest:subordinate"):
        tiny.tiny_deal(waterfall={"steps": [{"step": "interest", "group": "senior"}]})
