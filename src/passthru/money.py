"""Rounding and truncation at the edges, as the filings print figures.

Kernels keep float64 at full precision (SF-3). Only this module turns an exact
figure into a printed one, so every renderer prints the same digits. Decimal
arithmetic avoids binary artefacts: 75,724,165.627 truncates to .62, not .63
(cashflow-and-structure.md §3.3, vector V25).
"""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Decimal


def _decimal(value: float) -> Decimal:
    # repr() gives the shortest string that round-trips, i.e. the decimal a person typed.
    return Decimal(repr(float(value)))


def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def round_half_up(value: float, places: int = 0) -> Decimal:
    """Round to ``places`` decimals, halves away from zero (the filings' rounding)."""
    return _decimal(value).quantize(_quantum(places), rounding=ROUND_HALF_UP)


def floor_to(value: float, places: int = 0) -> Decimal:
    """Round down: an "at least N%" figure never overstates."""
    return _decimal(value).quantize(_quantum(places), rounding=ROUND_FLOOR)


def ceil_to(value: float, places: int = 0) -> Decimal:
    """Round up: a "no more than N%" figure never understates."""
    return _decimal(value).quantize(_quantum(places), rounding=ROUND_CEILING)


def whole_dollars(value: float) -> int:
    """Dollars as the tables print them: the exact sum rounded half-up to the dollar."""
    return int(round_half_up(value, 0))


def cents(value: float) -> Decimal:
    """Dollars and cents, rounded half-up."""
    return round_half_up(value, 2)


def format_number(value: Decimal | int | float, places: int = 0) -> str:
    """Thousands separators and a fixed number of decimals: ``1,234,567.89``."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot format {value}")
        value = round_half_up(value, places)
    return f"{Decimal(value):,.{places}f}"


def format_dollars(value: Decimal | int | float, places: int = 0) -> str:
    """``$1,234,567`` or, with ``places=2``, ``$1,234,567.89``."""
    return "$" + format_number(value, places)


def truncate_decimal(value: Decimal, places: int = 2) -> Decimal:
    """Truncate an exact Decimal toward zero, with no float round trip (§3.3, V25)."""
    return value.quantize(_quantum(places), rounding=ROUND_DOWN)


def round_half_up_decimal(value: Decimal, places: int = 0) -> Decimal:
    """Round an exact Decimal half-up, with no float round trip."""
    return value.quantize(_quantum(places), rounding=ROUND_HALF_UP)


def format_date(day: date) -> str:
    """A date as the filings print it: ``September 1, 2000``."""
    return f"{day:%B} {day.day}, {day.year}"


def format_as_given(value: float) -> str:
    """A number with the decimals it was given with and thousands separators: ``20`` for
    20.0, ``22.5``, ``0.00001`` (never ``1e-05``), ``1,500``; ``inf`` as is."""
    if not math.isfinite(value):
        return str(value)
    exponent = _decimal(value).normalize().as_tuple().exponent
    return format_number(value, max(-int(exponent), 0))
