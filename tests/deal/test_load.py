from datetime import date

import pytest

from passthru.deal import load_deal, shipped_deals
from passthru.errors import DealError


def test_shipped_deals_load_with_filing_terms():
    assert {"cmsi-2002-12", "cmsi-2003-2"} <= set(shipped_deals())
    d = load_deal("cmsi-2002-12")
    assert d.cut_off_date == date(2002, 12, 1)
    assert [(p.name, p.original_term, p.target_rate) for p in d.pools] == [
        ("I", (240, 360), 5.75),
        ("II", (120, 180), 5.25),
    ]
    assert d.servicing_fee_rate == 0.25
    d3 = load_deal("cmsi-2003-2")
    assert d3.cut_off_date == date(2003, 2, 1)
    assert d3.pool("I").original_term == (228, 360)


def test_deal_from_path(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text(
        'name = "x"\ncut_off_date = 2020-01-01\nservicing_fee_rate = 0.2\n'
        '[[pools]]\nname = "A"\noriginal_term = [1, 480]\ntarget_rate = 4.0\n'
    )
    assert load_deal(path).pool("A").target_rate == 4.0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("cut_off_date = 2020-01-01\nservicing_fee_rate = 0.2\n", "name"),
        ('name="x"\ncut_off_date = 2020-01-01\nservicing_fee_rate = 0.2\npools = []\n', "pools"),
        (
            'name="x"\ncut_off_date = 2020-01-01\nservicing_fee_rate = 0.2\n'
            '[[pools]]\nname="A"\noriginal_term=[120,240]\ntarget_rate=5\n'
            '[[pools]]\nname="B"\noriginal_term=[240,360]\ntarget_rate=5\n',
            None,
        ),
        ('name="x"\ncut_off_date = 2020-01-01\nservicing_fee_rate = 0.2\nbogus = 1\n', "bogus"),
    ],
)
def test_bad_deal_is_named_error(tmp_path, body, field):
    path = tmp_path / "bad.toml"
    path.write_text(body)
    with pytest.raises(DealError) as info:
        load_deal(path)
    assert "bad.toml" in str(info.value)
    if field:
        assert field in str(info.value)


def test_unknown_deal_name():
    with pytest.raises(DealError, match="unknown deal"):
        load_deal("cmsi-1999-1")
