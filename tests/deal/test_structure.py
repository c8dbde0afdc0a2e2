"""Structure figures: the 2003-2 8-K's certificate section, reproduced exactly (§3.3, §3.4)."""

import json
import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from passthru.cli import app
from passthru.deal import (
    class_percentages,
    cleanup_threshold,
    initial_loss_limits,
    is_callable,
    load_deal,
    printed_subordination_levels,
    subordination_levels,
)
from passthru.errors import DealError

# The certificate section of the 2003-2 8-K, one sentence per line (copied from the filing).
FILING_LINES = [
    "The special hazard loss limit as of February 1, 2003 was $7,572,416.56.",
    "The fraud loss limit as of February 1, 2003 was $7,572,416.56.",
    "The bankruptcy loss limit as of February 1, 2003 was $225,000.00.",
    "The aggregate initial principal balance of the class A certificates as of "
    "February 1, 2003 was $740,959,992.00.",
    "The aggregate initial principal balance of the class B-1 certificates as of "
    "February 1, 2003 was $7,572,000.00.",
    "The aggregate initial principal balance of the class B-2 certificates as of "
    "February 1, 2003 was $3,408,000.00.",
    "The aggregate initial principal balance of the class B-3 certificates as of "
    "February 1, 2003 was $1,893,000.00.",
    "The aggregate initial principal balance of the class B-4 certificates as of "
    "February 1, 2003 was $1,515,000.00.",
    "The aggregate initial principal balance of the class B-5 certificates as of "
    "February 1, 2003 was $757,000.00.",
    "The aggregate initial principal balance of the class B-6 certificates as of "
    "February 1, 2003 was $1,136,664.27.",
    "The class A subordination level is 2.150127919560%.",
    "The class B-1 subordination level is 1.150182930097%.",
    "The class B-2 subordination level is 0.700128449895%.",
    "The class B-3 subordination level is 0.450142202529%.",
    "The class B-4 subordination level is 0.250073969693%.",
    "The class B-5 subordination level is 0.150105882395%.",
    "CMSI may repurchase all mortgage loans remaining in the mortgage loan pool pursuant to "
    "the pooling agreement if at the time of repurchase the aggregate scheduled principal "
    "balance of such mortgage loans is equal to or less than $75,724,165.62.",
]
PRINTED_LEVELS = {
    "A": "2.150127919560",
    "B-1": "1.150182930097",
    "B-2": "0.700128449895",
    "B-3": "0.450142202529",
    "B-4": "0.250073969693",
    "B-5": "0.150105882395",
}
B_BALANCES = ["7572000", "3408000", "1893000", "1515000", "757000", "1136664.27"]
POOL = Decimal("757241656.27")
runner = CliRunner()


def test_expected_lines_are_the_filings_words(filing_text):
    text = " ".join(filing_text("2003-2").split())
    for line in FILING_LINES:
        assert line in text


def test_structure_command_prints_every_filing_line():
    result = runner.invoke(app, ["structure", "cmsi-2003-2"])
    assert result.exit_code == 0, result.output
    printed = result.output.splitlines()
    for line in FILING_LINES:
        assert line in printed


def test_structure_command_json():
    result = runner.invoke(app, ["structure", "cmsi-2003-2", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["reported_balances"]["A"] == "740959992.00"
    assert data["printed_subordination_levels_pct"] == PRINTED_LEVELS
    assert data["loss_limits"] == {
        "special hazard": "7572416.56",
        "fraud": "7572416.56",
        "bankruptcy": "225000.00",
    }
    assert data["cleanup_threshold"] == "75724165.62"
    assert data["lines"] == FILING_LINES


def test_structure_of_a_deal_without_classes_says_so():
    result = runner.invoke(app, ["structure", "cmsi-2002-12"])
    assert result.exit_code == 0
    assert "states no certificate classes" in " ".join(result.output.split())


def test_structure_of_a_bad_deal_is_an_error(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('name = "x"\n')
    result = runner.invoke(app, ["structure", str(path)])
    assert result.exit_code == 1
    assert "bad.toml" in result.output


def test_loss_limits_and_threshold():
    deal = load_deal("cmsi-2003-2")
    assert initial_loss_limits(deal) == {
        "special hazard": Decimal("7572416.56"),  # 1% of 757,241,656.27 = 7,572,416.5627
        "fraud": Decimal("7572416.56"),
        "bankruptcy": Decimal("225000.00"),
    }
    assert cleanup_threshold(deal) == Decimal("75724165.62")  # 10% = 75,724,165.627


def test_threshold_is_truncated_not_rounded():
    exact = Decimal("0.10") * POOL
    assert exact == Decimal("75724165.627")
    assert exact.quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal("75724165.63")
    assert cleanup_threshold(load_deal("cmsi-2003-2")) == Decimal("75724165.62")


def test_is_callable_against_the_printed_threshold():
    deal = load_deal("cmsi-2003-2")
    assert not is_callable(Decimal("75724165.63"), deal)
    assert is_callable(Decimal("75724165.62"), deal)
    assert not is_callable(75724165.625, deal)  # within the exact 10% but above the print


def test_figures_need_a_cut_off_balance():
    with pytest.raises(DealError, match="cut_off_balance"):
        cleanup_threshold(load_deal("cmsi-2002-12").model_copy(update={"cut_off_balance": None}))
    with pytest.raises(DealError, match="loss limits"):
        initial_loss_limits(load_deal("cmsi-2002-12"))


def test_v32_subordination_levels(vector, tmp_path):
    v = vector("V32")
    balances = [Decimal(repr(b)) for b in v["inputs"]["B"]]
    pool = Decimal(repr(v["inputs"]["pool"]))
    text = (
        'name = "v32"\ncut_off_date = 2003-02-01\nservicing_fee_rate = 0.25\n'
        f'cut_off_balance = "{pool}"\n'
        '[[pools]]\nname = "I"\noriginal_term = [120, 360]\ntarget_rate = 5.75\n'
        '[[classes]]\nname = "A"\nkind = "senior"\npool = "I"\n'
        f'balance = "{pool - sum(balances)}"\n'
    )
    for i, b in enumerate(balances, start=1):
        text += f'[[classes]]\nname = "B-{i}"\nkind = "subordinate"\nbalance = "{b}"\n'
    path = tmp_path / "v32.toml"
    path.write_text(text)
    levels = subordination_levels(load_deal(path))
    expected = [v["expected"]["A_level"], *v["expected"]["B1..B6_levels"]]
    got = [levels[name] for name in ("A", "B-1", "B-2", "B-3", "B-4", "B-5", "B-6")]
    assert [float(x) for x in got] == pytest.approx(expected, rel=1e-9, abs=1e-15)


def test_2003_2_exact_levels():
    levels = subordination_levels(load_deal("cmsi-2003-2"))
    for i, name in enumerate(["A", "B-1", "B-2", "B-3", "B-4", "B-5"]):
        juniors = sum(Decimal(b) for b in B_BALANCES[i:])
        assert abs(levels[name] - juniors / POOL) < Decimal("1e-26")  # 28-digit quotient
    assert levels["B-6"] == 0


def test_2003_2_printed_levels_reproduce_the_filing():
    printed = printed_subordination_levels(load_deal("cmsi-2003-2"))
    assert {k: f"{v:.12f}" for k, v in printed.items()} == PRINTED_LEVELS


def test_why_the_complement_rule():
    """Rounding the exact level matches five of the six printed levels; truncating, one.

    B-5's exact level is 0.1501058823941...%: half-up gives ...394, the filing
    prints ...395. 100% less the rounded class percentages of A and B-1 to B-5
    reproduces it, and all six (see printed_subordination_levels)."""
    twelve = Decimal("1e-12")
    exact = {k: 100 * v for k, v in subordination_levels(load_deal("cmsi-2003-2")).items()}
    rounded = {k: f"{exact[k].quantize(twelve, ROUND_HALF_UP)}" for k in PRINTED_LEVELS}
    truncated = {k: f"{exact[k].quantize(twelve, ROUND_DOWN)}" for k in PRINTED_LEVELS}
    assert [k for k in PRINTED_LEVELS if rounded[k] != PRINTED_LEVELS[k]] == ["B-5"]
    assert rounded["B-5"] == "0.150105882394"
    assert [k for k in PRINTED_LEVELS if truncated[k] == PRINTED_LEVELS[k]] == ["A"]
    # The rule by hand for B-5: 100 - (97.849872080440 + 0.999944989463 + 0.450054480202
    # + 0.249986247366 + 0.200068232836 + 0.099968087298) = 0.150105882395.
    percentages = class_percentages(load_deal("cmsi-2003-2"))
    assert [f"{percentages[k]}" for k in ("A", "B-1", "B-2", "B-3", "B-4", "B-5")] == [
        "97.849872080440",
        "0.999944989463",
        "0.450054480202",
        "0.249986247366",
        "0.200068232836",
        "0.099968087298",
    ]


def test_table_shows_twelve_decimal_shares():
    result = runner.invoke(app, ["structure", "cmsi-2003-2"], env={"COLUMNS": "160"})
    assert re.search(r"IA-1 .* I .* senior .*\$538,042,084\.00 .* 5\.750%", result.output)
    assert re.search(r"B-6 .*\$1,136,664\.27 .* 0\.150105882394%", result.output)


def test_table_rounds_a_class_rate_half_up_as_the_term_sheet_does(tmp_path):
    # 5.0625% has a half in the fourth decimal: the 8-K prints 5.063%, not Python's 5.062%.
    shipped = (resources.files("passthru") / "deal" / "deals" / "cmsi-2003-2.toml").read_text()
    senior = 'balance = "538042084.00"  # rate: the pool I target rate, 5.750%'
    assert senior in shipped
    path = tmp_path / "half.toml"
    path.write_text(shipped.replace(senior, 'balance = "538042084.00"\nrate = "5.0625"'))
    result = runner.invoke(app, ["structure", str(path)], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert re.search(r"IA-1 .* senior .*\$538,042,084\.00 .* 5\.063%", result.output)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=10**11), min_size=7, max_size=7))
def test_printed_levels_stay_within_the_rounding_of_each_percentage(cents):
    """100% less k+1 percentages rounded to 1e-12 is within (k+1)/2 units of the exact level."""
    balances = [Decimal(c) / 100 for c in cents]
    pool = sum(balances, Decimal(0))
    deal = load_deal("cmsi-2003-2")
    classes = [
        c.model_copy(update={"balance": balances[0]}) if c.name == "IA-1" else c
        for c in deal.classes
        if c.name not in ("IIA-1", "II-PO", "I-PO")
    ]
    subordinates = {f"B-{i}": balances[i] for i in range(1, 7)}
    classes = [
        c.model_copy(update={"balance": subordinates[c.name]}) if c.name in subordinates else c
        for c in classes
    ]
    toy = deal.model_copy(update={"classes": tuple(classes), "cut_off_balance": pool})
    exact = subordination_levels(toy)
    printed = printed_subordination_levels(toy)
    for k, line in enumerate(["A", "B-1", "B-2", "B-3", "B-4", "B-5"]):
        assert abs(printed[line] - 100 * exact[line]) <= Decimal(k + 1) / 2 * Decimal("1e-12")
