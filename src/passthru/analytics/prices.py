"""Price quotes: decimal ("99.5") and 32nds ("99-16", "99-16+", "99-161").

A price is per 100 of current face. In 32nds the part after the dash is two digits of
32nds (00-31), optionally followed by "+" (half a 32nd) or a third digit 0-7 in eighths
of a 32nd: "99-16+" = 99 + 16.5/32, "99-161" = 99 + 16.125/32, "99-164" = "99-16+".
"""

from __future__ import annotations

import re

from passthru.analytics.errors import PriceQuoteError
from passthru.money import round_half_up

_DECIMAL = re.compile(r"^(?:\d+(?:\.\d*)?|\.\d+)$")
_THIRTY_SECONDS = re.compile(r"^(\d+)-(\d{2})([+0-7]?)$")
_EIGHTHS_PER_POINT = 256


def parse_price(quote: str) -> float:
    """The price in decimal points from a decimal or 32nds quote.

    Raises :class:`PriceQuoteError` naming the quote and the rule it breaks.
    """
    text = quote.strip()
    if _DECIMAL.match(text):
        return float(text)
    match = _THIRTY_SECONDS.match(text)
    if match is None:
        raise PriceQuoteError(
            quote, "expected a decimal price (99.5) or 32nds (99-16, 99-16+, 99-161)"
        )
    handle, ticks, fraction = int(match[1]), int(match[2]), match[3]
    if ticks > 31:
        raise PriceQuoteError(quote, f"{ticks} 32nds: the 32nds must be 00 to 31")
    eighths = 4 if fraction == "+" else int(fraction or 0)
    return handle + (ticks + eighths / 8) / 32


def format_32nds(price: float, *, eighths: bool = True) -> str:
    """A price in 32nds, rounded half-up to the nearest eighth of a 32nd (or, with
    ``eighths=False``, to the nearest half 32nd): 99.515625 -> "99-16+"."""
    if not price >= 0:
        raise PriceQuoteError(repr(price), "a price in 32nds must be zero or positive")
    step = 1 if eighths else 4
    units = int(round_half_up(price * _EIGHTHS_PER_POINT / step, 0)) * step
    handle, rest = divmod(units, _EIGHTHS_PER_POINT)
    ticks, eighth = divmod(rest, 8)
    suffix = {0: "", 4: "+"}.get(eighth, str(eighth))
    return f"{handle}-{ticks:02d}{suffix}"
