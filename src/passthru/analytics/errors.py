"""Errors of the pricing math: bad price quotes, prices with no yield, unbracketed roots.

All derive from :class:`passthru.errors.PassthruError`, so the command line turns them
into one message and exit status 1.
"""

from __future__ import annotations

from passthru.errors import PassthruError


class PriceQuoteError(PassthruError, ValueError):
    """A price quote that is neither decimal (``99.5``) nor 32nds (``99-16``, ``99-16+``)."""

    def __init__(self, quote: str, reason: str) -> None:
        super().__init__(f"price quote {quote!r}: {reason}")
        self.quote = quote
        self.reason = reason


class YieldError(PassthruError):
    """No bond-equivalent yield solves the price equation (SF-48 a) for some scenarios."""

    def __init__(self, reason: str, scenarios: tuple[int, ...] = ()) -> None:
        where = f" (scenarios {', '.join(map(str, scenarios[:10]))})" if scenarios else ""
        super().__init__(f"no yield{where}: {reason}")
        self.reason = reason
        self.scenarios = scenarios


class RootNotBracketedError(PassthruError):
    """``f(lo)`` and ``f(hi)`` have the same sign, so the bracket holds no root."""

    def __init__(self, lo: float, hi: float, f_lo: float, f_hi: float) -> None:
        super().__init__(
            f"root not bracketed: f({lo:g}) = {f_lo:g} and f({hi:g}) = {f_hi:g} "
            "have the same sign; widen the search range"
        )
        self.lo, self.hi, self.f_lo, self.f_hi = lo, hi, f_lo, f_hi


class NoConvergenceError(PassthruError):
    """A root finder used up its iterations before reaching its tolerance."""
