"""The base of every deal model, and exact amounts parsed from what a person typed.

Money and fractions in a deal file stay ``Decimal`` so that printed figures are
exact: ``757241656.27`` in TOML (a string or a number) is that decimal, never
its nearest binary double (cashflow-and-structure.md §3.3).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict


class Frozen(BaseModel):
    """Base of every deal model: immutable, and unknown keys are errors, not silence."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def to_decimal(value: Decimal | float | int | str) -> Decimal:
    """The decimal a person wrote: floats via their shortest repr, strings may use commas.

    Raises ``ValueError`` for text that is not a finite number.
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an amount")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
    else:
        raise ValueError(f"{value!r} is not a number")
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return number


def _non_negative(value: object) -> Decimal:
    number = to_decimal(value)  # type: ignore[arg-type]
    if number < 0:
        raise ValueError(f"{number} is negative")
    return number


Amount = Annotated[Decimal, BeforeValidator(_non_negative)]
"""A non-negative exact amount (dollars, percent or a fraction), from a TOML string or number."""
