"""Loss limits and the clean-up call, with the resets and tests the waterfall applies.

cashflow-and-structure.md §2.7 (loss limits), §2.9 (clean-up call) and §3.3 (the
8-K truncates the limits and the call threshold to the cent). Reset rules that
§2.7 marks GENERIC are deal terms whose defaults are the generic rules.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from passthru.deal.base import Amount, Frozen, to_decimal
from passthru.money import truncate_decimal

Money = Decimal | float | int


def truncate_cents(value: Money) -> Decimal:
    """``floor(100·x)/100`` in exact decimal arithmetic (§3.3, V25): 75,724,165.627 -> .62."""
    return truncate_decimal(to_decimal(value), 2)


class InitialAmount(Frozen):
    """An initial limit: a dollar ``amount``, or a ``fraction`` of the cut-off balance.

    A fraction is truncated to the cent, as the 8-K prints it (§3.3).
    """

    amount: Amount | None = None
    fraction: Amount | None = None

    @model_validator(mode="after")
    def _one_of(self) -> InitialAmount:
        if (self.amount is None) == (self.fraction is None):
            raise ValueError("give exactly one of amount and fraction")
        return self

    def initial_amount(self, cut_off_balance: Decimal) -> Decimal:
        if self.amount is not None:
            return self.amount
        return truncate_cents(self.fraction * cut_off_balance)  # type: ignore[operator]


class SpecialHazardLimit(InitialAmount):
    """Special hazard loss limit (§2.7, [S12] GENERIC reset).

    ``reset = "anniversary"``: on each anniversary of the cut-off it becomes the
    lesser of (a) the greatest of ``pool_fraction`` of the current pool,
    ``largest_loan_multiple`` times the largest loan and (if
    ``largest_california_zip``) the largest California zip-code concentration,
    and (b) the initial limit less special hazard losses. ``"losses_only"``: it
    only falls by losses.
    """

    reset: Literal["anniversary", "losses_only"] = "anniversary"
    pool_fraction: Amount = Decimal("0.01")
    largest_loan_multiple: Amount = Decimal(2)
    largest_california_zip: bool = True


class FraudLimit(InitialAmount):
    """Fraud loss limit (§2.7, [S13] GENERIC variants; V36).

    - ``variant = "B"`` (default): the initial limit less fraud losses until the
      ``reset_from_anniversary`` (3rd); from then on each anniversary resets it to
      ``later_fraction`` (0.5%) of the pool as of that anniversary, never above the
      initial limit less losses; zero from the ``ends_at_anniversary`` (5th).
    - ``variant = "A"``: on each anniversary before the 5th, the lesser of
      ``later_fraction`` of the current pool (1% in the CMSI reading) and the
      initial limit less fraud losses; zero from the 5th.
    """

    variant: Literal["A", "B"] = "B"
    later_fraction: Amount = Decimal("0.005")
    reset_from_anniversary: int = Field(3, ge=1)
    ends_at_anniversary: int = Field(5, ge=1)


class BankruptcyLimit(InitialAmount):
    """Bankruptcy loss limit: only reduced by bankruptcy losses (§2.7, [S12])."""

    reset: Literal["losses_only"] = "losses_only"


class LossLimits(Frozen):
    """The three limits beyond which losses are excess losses, shared pro rata (§2.7)."""

    special_hazard: SpecialHazardLimit
    fraud: FraudLimit
    bankruptcy: BankruptcyLimit

    def initial_amounts(self, cut_off_balance: Decimal) -> dict[str, Decimal]:
        """The limits as of the cut-off date, as the 8-K prints them."""
        return {
            "special hazard": self.special_hazard.initial_amount(cut_off_balance),
            "fraud": self.fraud.initial_amount(cut_off_balance),
            "bankruptcy": self.bankruptcy.initial_amount(cut_off_balance),
        }


def remaining_limit(initial: Money, losses: Money) -> Decimal:
    """The initial limit less the losses allocated against it, never below zero."""
    return max(to_decimal(initial) - to_decimal(losses), Decimal(0))


def special_hazard_limit_at_anniversary(
    rule: SpecialHazardLimit,
    initial: Money,
    losses: Money,
    pool_balance: Money,
    largest_loan: Money,
    largest_california_zip: Money,
) -> Decimal:
    """The special hazard limit after an anniversary reset (§2.7, V37), to the cent (truncated)."""
    remaining = remaining_limit(initial, losses)
    if rule.reset == "losses_only":
        return remaining
    candidates = [
        rule.pool_fraction * to_decimal(pool_balance),
        rule.largest_loan_multiple * to_decimal(largest_loan),
    ]
    if rule.largest_california_zip:
        candidates.append(to_decimal(largest_california_zip))
    return truncate_cents(min(max(candidates), remaining))


def fraud_limit_at_anniversary(
    rule: FraudLimit, anniversary: int, initial: Money, losses: Money, pool_balance: Money
) -> Decimal:
    """The fraud limit after the reset on the given anniversary of the cut-off (§2.7, V36).

    ``losses`` are the fraud losses allocated since the cut-off; ``pool_balance``
    is the pool as of that anniversary. Between anniversaries the limit only falls
    by losses (:func:`remaining_limit`).
    """
    if anniversary >= rule.ends_at_anniversary:
        return Decimal(0)
    remaining = remaining_limit(initial, losses)
    if anniversary < 1 or (rule.variant == "B" and anniversary < rule.reset_from_anniversary):
        return remaining
    return truncate_cents(min(rule.later_fraction * to_decimal(pool_balance), remaining))


def bankruptcy_limit(initial: Money, losses: Money) -> Decimal:
    """The bankruptcy limit: the initial limit less bankruptcy losses (§2.7)."""
    return remaining_limit(initial, losses)


def split_at_limit(loss: Money, limit: Money) -> tuple[Decimal, Decimal]:
    """(ordinary, excess): the part of a loss within the limit and the part beyond it (§2.7)."""
    loss_d, limit_d = to_decimal(loss), max(to_decimal(limit), Decimal(0))
    ordinary = min(loss_d, limit_d)
    return ordinary, loss_d - ordinary


class CleanupCall(Frozen):
    """The issuer's right to repurchase every loan once the pool is small (§2.9).

    The threshold is ``threshold_fraction`` of the cut-off balance truncated to
    the cent (§3.3, V25); the 8-K's words are "equal to or less than" that
    figure. ``exercise`` says whether projections assume the call is taken on the
    first distribution day it is allowed. The price is par plus accrued interest
    (GENERIC, [S17]).
    """

    threshold_fraction: Amount = Decimal("0.10")
    exercise: bool = False
    price: Literal["par_plus_accrued"] = "par_plus_accrued"

    def threshold(self, cut_off_balance: Decimal) -> Decimal:
        return truncate_cents(self.threshold_fraction * cut_off_balance)

    def allows(self, pool_balance: Money, cut_off_balance: Decimal) -> bool:
        """True when the aggregate scheduled balance is at or below the threshold (V38)."""
        return to_decimal(pool_balance) <= self.threshold(cut_off_balance)
