"""Certificate classes in the deal file: the shipped 2003-2 classes and every named error."""

from decimal import Decimal

import pytest

from passthru.deal import SUBORDINATE_CLASSES, initial_balances, load_deal, reported_balances
from passthru.errors import DealError

# A small two-pool deal: 1,000,000.00 of loans, seniors 940,000.00, B classes 60,000.00.
HEAD = """
name = "toy"
cut_off_date = 2020-01-01
servicing_fee_rate = 0.25
cut_off_balance = "1000000.00"
[[pools]]
name = "I"
original_term = [228, 360]
target_rate = 5.75
[[pools]]
name = "II"
original_term = [120, 180]
target_rate = 5.25
"""
SENIORS = {
    "IA-1": 'kind = "senior"\npool = "I"\ngroup = "A"\nbalance = "600000.00"',
    "I-PO": 'kind = "po"\npool = "I"\ngroup = "A"\nbalance = "po_strip"',
    "I-IO": 'kind = "io"\npool = "I"\ngroup = "A"\nrate = "strip"',
    "IIA-1": 'kind = "senior"\npool = "II"\ngroup = "A"\nbalance = "340000.00"\nrate = 5.0',
}
SUBORDINATES = {
    "B-1": "20000.00",
    "B-2": "15000.00",
    "B-3": "10000.00",
    "B-4": "7000.00",
    "B-5": "5000.00",
    "B-6": "3000.00",
}


def toy_toml(seniors=None, subordinates=None, extra="") -> str:
    seniors = SENIORS if seniors is None else seniors
    subordinates = SUBORDINATES if subordinates is None else subordinates
    blocks = [f'[[classes]]\nname = "{name}"\n{body}' for name, body in seniors.items()]
    blocks += [
        f'[[classes]]\nname = "{name}"\nkind = "subordinate"\nbalance = {balance!r}'.replace(
            "'", '"'
        )
        for name, balance in subordinates.items()
    ]
    return HEAD + "\n".join(blocks) + "\n" + extra


def load_toy(tmp_path, text):
    path = tmp_path / "toy.toml"
    path.write_text(text)
    return load_deal(path)


def error_of(tmp_path, text) -> str:
    with pytest.raises(DealError) as info:
        load_toy(tmp_path, text)
    message = str(info.value)
    assert "toy.toml" in message
    return message


def test_toy_deal_loads_with_target_rate_defaults(tmp_path):
    deal = load_toy(tmp_path, toy_toml())
    assert deal.certificate_class("IA-1").rate == Decimal("5.75")  # pool I target rate
    assert deal.certificate_class("IIA-1").rate == Decimal("5.0")  # stated rate kept
    assert deal.certificate_class("I-IO").rate == "strip"
    assert deal.certificate_class("B-1").rate is None
    assert deal.distribution_day == 25 and deal.accrual == "30/360"
    assert reported_balances(deal) == {
        "A": Decimal("940000.00"),
        **{name: Decimal(b) for name, b in SUBORDINATES.items()},
    }


def test_shipped_2003_2_classes_carry_the_filing_balances():
    deal = load_deal("cmsi-2003-2")
    assert deal.cut_off_balance == Decimal("757241656.27")
    assert [p.cut_off_balance for p in deal.pools] == [
        Decimal("549864882.81"),
        Decimal("207376773.46"),
    ]
    lines = reported_balances(deal)
    assert lines == {
        "A": Decimal("740959992.00"),
        "B-1": Decimal("7572000.00"),
        "B-2": Decimal("3408000.00"),
        "B-3": Decimal("1893000.00"),
        "B-4": Decimal("1515000.00"),
        "B-5": Decimal("757000.00"),
        "B-6": Decimal("1136664.27"),
    }
    # The stated split: pool II = 207,376,773.46 x 740,959,992.00 / 757,241,656.27
    # = 202,917,907.555 -> 202,917,908 (half-up), pool I the residual.
    assert deal.certificate_class("IIA-1").balance == Decimal("202917908.00")
    assert deal.certificate_class("IA-1").balance == Decimal("538042084.00")
    assert deal.certificate_class("IA-1").rate == Decimal("5.75")
    assert deal.certificate_class("IIA-1").rate == Decimal("5.25")
    assert [c.name for c in deal.classes if c.kind == "subordinate"] == list(SUBORDINATE_CLASSES)


def test_deal_without_classes_still_loads():
    deal = load_deal("cmsi-2002-12")
    assert deal.classes == ()
    assert deal.cut_off_balance == Decimal("583151842.55")  # the 2002-12 8-K's aggregate
    assert deal.loss_limits is None


def test_money_from_toml_numbers_has_no_binary_artefacts(tmp_path):
    text = toy_toml().replace('cut_off_balance = "1000000.00"', "cut_off_balance = 1000000.10")
    text = text.replace(
        'name = "B-6"\nkind = "subordinate"\nbalance = "3000.00"',
        'name = "B-6"\nkind = "subordinate"\nbalance = 3000.1',
    )
    deal = load_toy(tmp_path, text)
    assert deal.certificate_class("B-6").balance == Decimal("3000.1")
    assert deal.cut_off_balance == Decimal("1000000.10")


def test_sum_mismatch_is_named(tmp_path):
    seniors = {**SENIORS, "IA-1": SENIORS["IA-1"].replace("600000.00", "599999.99")}
    message = error_of(tmp_path, toy_toml(seniors=seniors))
    assert "classes" in message
    assert "$999,999.99" in message and "$1,000,000.00" in message
    assert "difference $-0.01" in message


def test_negative_balance_is_named(tmp_path):
    message = error_of(tmp_path, toy_toml(subordinates={**SUBORDINATES, "B-2": "-15000.00"}))
    assert "classes.5.balance" in message  # B-2 is the sixth class
    assert "class B-2: balance -15000.00 is negative" in message


def test_negative_rate_is_named(tmp_path):
    seniors = {**SENIORS, "IIA-1": SENIORS["IIA-1"].replace("rate = 5.0", "rate = -5.0")}
    message = error_of(tmp_path, toy_toml(seniors=seniors))
    assert "classes.3.rate" in message
    assert "class IIA-1: rate -5.0 is negative" in message


def test_missing_b3_is_named(tmp_path):
    subordinates = {k: v for k, v in SUBORDINATES.items() if k != "B-3"}
    subordinates["B-4"] = "17000.00"  # keep the total so only B-3's absence is wrong
    message = error_of(tmp_path, toy_toml(subordinates=subordinates))
    assert "subordinated class B-3 missing" in message


def test_unknown_subordinate_is_named(tmp_path):
    subordinates = {**SUBORDINATES, "B-6": "2000.00", "B-7": "1000.00"}
    message = error_of(tmp_path, toy_toml(subordinates=subordinates))
    assert "B-7 is not one of B-1 to B-6" in message


def test_duplicate_class_is_named(tmp_path):
    text = toy_toml() + '[[classes]]\nname = "B-3"\nkind = "subordinate"\nbalance = "0"\n'
    message = error_of(tmp_path, text)
    assert "class names repeat: B-3" in message


def test_class_in_unknown_pool_is_named(tmp_path):
    seniors = {**SENIORS, "I-IO": SENIORS["I-IO"].replace('pool = "I"', 'pool = "III"')}
    message = error_of(tmp_path, toy_toml(seniors=seniors))
    assert "class I-IO names pool 'III', not a pool of this deal (I, II)" in message


@pytest.mark.parametrize(
    ("name", "body", "words"),
    [
        ("X", 'kind = "senior"\nbalance = "0"', "a senior class belongs to a pool"),
        ("X", 'kind = "io"\npool = "I"\nbalance = "5"', "an IO class has a notional"),
        ("X", 'kind = "po"\npool = "I"\nbalance = "0"\nrate = 1', "a PO class bears no interest"),
        (
            "X",
            'kind = "senior"\npool = "I"\nbalance = "po_strip"',
            "a senior class needs a balance",
        ),
        ("X", 'kind = "senior"\npool = "I"\nbalance = "0"\nrate = "strip"', "only an IO class"),
    ],
)
def test_class_that_does_not_fit_its_kind(tmp_path, name, body, words):
    message = error_of(tmp_path, toy_toml(seniors={**SENIORS, name: body}))
    assert f"class {name}: {words}" in message


def test_subordinate_with_a_pool_is_named(tmp_path):
    text = toy_toml().replace(
        'name = "B-1"\nkind = "subordinate"', 'name = "B-1"\nkind = "subordinate"\npool = "I"'
    )
    assert "class B-1: a subordinated class is shared" in error_of(tmp_path, text)


def test_po_strip_without_a_senior_to_carry_it(tmp_path):
    seniors = {**SENIORS, "I-PO": SENIORS["I-PO"].replace('group = "A"', 'group = "P"')}
    message = error_of(tmp_path, toy_toml(seniors=seniors))
    assert "class I-PO takes the PO strip, but pool I has no senior class of group 'P'" in message


def test_classes_need_a_cut_off_balance(tmp_path):
    text = toy_toml().replace('cut_off_balance = "1000000.00"\n', "")
    assert "needs its cut_off_balance" in error_of(tmp_path, text)


def test_pool_balances_must_add_up(tmp_path):
    text = HEAD.replace("target_rate = 5.75", 'target_rate = 5.75\ncut_off_balance = "600000"')
    text = text.replace("target_rate = 5.25", 'target_rate = 5.25\ncut_off_balance = "399999.99"')
    message = error_of(tmp_path, text)
    assert "pool cut-off balances add up to 999999.99, not cut_off_balance 1000000.00" in message


def test_initial_balances_take_the_po_strip_out_of_the_pool_seniors(tmp_path):
    deal = load_toy(tmp_path, toy_toml())
    balances = initial_balances(deal.classes, {"I": Decimal("1234.56"), "II": Decimal(0)})
    assert balances["I-PO"] == Decimal("1234.56")
    assert balances["IA-1"] == Decimal("598765.44")  # 600,000.00 - 1,234.56
    assert balances["IIA-1"] == Decimal("340000.00")
    assert "I-IO" not in balances
    assert sum(balances.values()) == Decimal("1000000.00")


def test_po_strip_is_split_pro_rata_among_several_seniors(tmp_path):
    seniors = {
        "IA-1": SENIORS["IA-1"].replace("600000.00", "400000.00"),
        "IA-2": 'kind = "senior"\npool = "I"\ngroup = "A"\nbalance = "200000.00"',
        **{k: v for k, v in SENIORS.items() if k != "IA-1"},
    }
    deal = load_toy(tmp_path, toy_toml(seniors=seniors))
    balances = initial_balances(deal.classes, {"I": Decimal("100.01"), "II": Decimal(0)})
    # 100.01 x 2/3 = 66.673 -> 66.67; 100.01 x 1/3 = 33.336... -> 33.34; sum 100.01 exactly.
    assert balances["IA-1"] == Decimal("400000.00") - Decimal("66.67")
    assert balances["IA-2"] == Decimal("200000.00") - Decimal("33.34")


def test_po_strip_larger_than_its_seniors_is_named(tmp_path):
    deal = load_toy(tmp_path, toy_toml())
    with pytest.raises(DealError, match="PO strip of pool I"):
        initial_balances(deal.classes, {"I": Decimal("600000.01"), "II": Decimal(0)})
