"""Price quotes in decimal and 32nds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from passthru.analytics import PriceQuoteError, format_32nds, parse_price
from passthru.errors import PassthruError


@pytest.mark.parametrize(
    ("quote", "price"),
    [
        ("99-16", 99.5),
        ("99-16+", 99.515625),
        ("99-00", 99.0),
        ("100-00", 100.0),
        ("101-31+", 101.984375),
        ("99-161", 99.50390625),
        ("99-164", 99.515625),
        ("99-167", 99.52734375),
        ("3-04", 3.125),
        ("99.5", 99.5),
        ("100", 100.0),
        (".5", 0.5),
        (" 99-16+ ", 99.515625),
    ],
)
def test_parse(quote, price):
    assert parse_price(quote) == price


@pytest.mark.parametrize(
    "quote", ["99-32", "99-1", "99-16++", "99-168", "99-", "-99", "abc", "", "99.5.1", "99-16-"]
)
def test_bad_quotes_raise_a_named_error(quote):
    with pytest.raises(PriceQuoteError) as caught:
        parse_price(quote)
    assert isinstance(caught.value, PassthruError)
    assert isinstance(caught.value, ValueError)
    assert repr(quote) in str(caught.value)


@pytest.mark.parametrize(
    ("price", "quote"),
    [
        (99.515625, "99-16+"),
        (99.50390625, "99-161"),
        (101.984375, "101-31+"),
        (99.0, "99-00"),
        (99.999, "100-00"),  # 25,599.744 eighths of a 32nd round up to 25,600
        (99.501953125, "99-161"),  # exactly half an eighth of a 32nd: half-up
    ],
)
def test_format(price, quote):
    assert format_32nds(price) == quote


def test_format_to_half_32nds():
    assert format_32nds(99.50390625, eighths=False) == "99-16"  # 16.125/32 -> 16
    assert format_32nds(99.5078125, eighths=False) == "99-16+"  # 16.25/32 rounds half up


def test_format_rejects_negative_prices():
    with pytest.raises(PriceQuoteError):
        format_32nds(-1.0)


@given(st.integers(min_value=0, max_value=256 * 200))
def test_format_parse_round_trip(eighths_of_32nds):
    price = eighths_of_32nds / 256
    assert parse_price(format_32nds(price)) == price
