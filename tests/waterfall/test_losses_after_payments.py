"""The day's payments and the same day's losses (§2.6, §2.7): no class is paid principal
that the day's losses then write off, so a loss falls on B-6 first and on a senior class
only once every subordinated balance is gone; on the day the collateral retires the
subordinated classes are paid off in order of seniority, so a shortfall falls on the most
junior class. The tiny two-pool deal of conftest.py; every figure worked by hand below.
Opening: IA-1 900,000, I-PO 20,000, IIA-1 450,000, B-1..B-6 60, 30, 20, 15, 15, 10
thousand; target-rate strips 1,000,000 (I, 6%) and 500,000 (II, 5%): SP = 90%.
"""

from __future__ import annotations

import pytest

SUBS = ("B-1", "B-2", "B-3", "B-4", "B-5", "B-6")
BALANCES = dict(zip(SUBS, (60_000, 30_000, 20_000, 15_000, 15_000, 10_000), strict=True))
INTEREST_I, INTEREST_II = 1_000_000 * 0.06 / 12, 500_000 * 0.05 / 12


def test_a_loss_b6_can_absorb_does_not_reach_b5(tiny, deal):
    # pool I: scheduled 10,000 and a loss of 10,000 (all of B-6). IA-1 gets 0.9 x 10,000 =
    # 9,000; the other 1,000 goes to B-1..B-6 pro rata by balance (B-6 66.67). B-6 keeps
    # nothing after the loss, so its 66.67 goes to B-1 (400 + 66.67) and B-6 takes the
    # whole 10,000. Paying B-6 first would leave it 9,933.33 and put 66.67 on B-5.
    p1 = tiny.pool_flows(
        "I", 6.0, 1_000_000, 20_000, 2, scheduled=[10_000], losses=[10_000],
        interest=[INTEREST_I],
    )  # fmt: skip
    p2 = tiny.pool_flows("II", 5.0, 500_000, 0.0, 2, interest=[INTEREST_II])
    terms, record = tiny.run_days(deal, (p1, p2))
    d = tiny.day(record, terms, 1)
    assert d["IA-1"]["principal_paid"] == pytest.approx(9_000)
    assert d["B-6"]["principal_paid"] == pytest.approx(0, abs=1e-9)
    assert d["B-6"]["loss"] == pytest.approx(10_000)
    assert d["B-5"]["loss"] == pytest.approx(0, abs=1e-9)
    assert d["B-5"]["principal_paid"] == pytest.approx(100)  # 1,000 x 15/150
    assert d["B-1"]["principal_paid"] == pytest.approx(400 + 1_000 / 15)
    assert record.deal["residual"][0, 0] == pytest.approx(0, abs=1e-6)


def test_the_last_days_loss_falls_on_b6_not_on_the_seniors(tiny, deal):
    # everything retires on day 1: pool I scheduled 990,000 and a loss of 10,000, its PO
    # strip 20,000; pool II scheduled 500,000. Seniors: IA-1 0.9 x 990,000 = 891,000 plus
    # the 9,000 its strip (now 0) no longer covers = 900,000; IIA-1 450,000. The other
    # 140,000 pays B-1..B-5 in full; B-6 keeps nothing after the loss, so it gets no
    # principal and takes the 10,000. Pro rata payment would have left 1,000 to the B
    # classes and put the other 9,000 of the loss on IA-1 (B-1 losing 400).
    p1 = tiny.pool_flows(
        "I", 6.0, 1_000_000, 20_000, 1, scheduled=[990_000], losses=[10_000],
        po_principal=[20_000], interest=[INTEREST_I],
    )  # fmt: skip
    p2 = tiny.pool_flows("II", 5.0, 500_000, 0.0, 1, scheduled=[500_000], interest=[INTEREST_II])
    terms, record = tiny.run_days(deal, (p1, p2))
    d = tiny.day(record, terms, 1)
    assert d["IA-1"]["principal_paid"] == pytest.approx(900_000)
    assert d["IIA-1"]["principal_paid"] == pytest.approx(450_000)
    assert d["IA-1"]["loss"] == pytest.approx(0, abs=1e-9)
    for name in SUBS[:-1]:
        assert d[name]["principal_paid"] == pytest.approx(BALANCES[name])
        assert d[name]["loss"] == pytest.approx(0, abs=1e-9)
    assert d["B-6"]["principal_paid"] == pytest.approx(0, abs=1e-9)
    assert d["B-6"]["loss"] == pytest.approx(10_000)


def test_po_deferred_paid_on_the_last_day_is_written_off_the_most_junior_class(tiny, deal):
    # day 1: a PO loss of 1,000 (I-PO 19,000, deferred 1,000). Day 2 everything retires:
    # seniors 900,000 + 450,000; of the other 150,000, 1,000 reimburses I-PO's deferred
    # amount and 149,000 pays B-1..B-5 in full and B-6 9,000; B-6's last 1,000 is written
    # down (the certificates may not exceed the collateral). Pro rata payment would have
    # spread that writedown over all six classes (B-1 400).
    p1 = tiny.pool_flows(
        "I", 6.0, 1_000_000, 20_000, 2, po_losses=[1_000], scheduled=[0, 1_000_000],
        po_principal=[0, 19_000], interest=[INTEREST_I, INTEREST_I],
    )  # fmt: skip
    p2 = tiny.pool_flows(
        "II", 5.0, 500_000, 0.0, 2, scheduled=[0, 500_000], interest=[INTEREST_II, INTEREST_II]
    )
    terms, record = tiny.run_days(deal, (p1, p2))
    d2 = tiny.day(record, terms, 2)
    assert d2["I-PO"]["deferred_paid"] == pytest.approx(1_000)
    for name in SUBS[:-1]:
        assert d2[name]["principal_paid"] == pytest.approx(BALANCES[name])
        assert d2[name]["loss"] == pytest.approx(0, abs=1e-9)
    assert d2["B-6"]["principal_paid"] == pytest.approx(9_000)
    assert d2["B-6"]["loss"] == pytest.approx(1_000)
    assert d2["IA-1"]["loss"] == pytest.approx(0, abs=1e-9)


def test_po_deferred_on_the_last_day_never_comes_out_of_senior_principal(tiny, deal):
    # day 1: a PO loss of 1,000 (deferred 1,000). Day 2 everything retires, pool I with a
    # loss of 10,000: IA-1 is owed 0.9 x 990,000 = 891,000 plus the 9,000 its strip no
    # longer covers; of the other 140,000, 1,000 reimburses I-PO and 139,000 pays B-1..B-4
    # (125,000) and B-5 14,000; B-6 takes the 10,000 loss, B-5 the 1,000 writedown. Taking
    # the reimbursement before the seniors were covered would cost IA-1 1,000.
    p1 = tiny.pool_flows(
        "I", 6.0, 1_000_000, 20_000, 2, po_losses=[1_000], scheduled=[0, 990_000],
        losses=[0, 10_000], po_principal=[0, 19_000], interest=[INTEREST_I, INTEREST_I],
    )  # fmt: skip
    p2 = tiny.pool_flows(
        "II", 5.0, 500_000, 0.0, 2, scheduled=[0, 500_000], interest=[INTEREST_II, INTEREST_II]
    )
    terms, record = tiny.run_days(deal, (p1, p2))
    d2 = tiny.day(record, terms, 2)
    assert d2["IA-1"]["principal_paid"] == pytest.approx(900_000)
    assert d2["IA-1"]["loss"] == pytest.approx(0, abs=1e-9)
    assert d2["I-PO"]["deferred_paid"] == pytest.approx(1_000)
    for name in SUBS[:4]:
        assert d2[name]["principal_paid"] == pytest.approx(BALANCES[name])
    assert d2["B-5"]["principal_paid"] == pytest.approx(14_000)
    assert d2["B-5"]["loss"] == pytest.approx(1_000)
    assert d2["B-6"]["loss"] == pytest.approx(10_000)
