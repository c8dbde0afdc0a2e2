"""Average life, durations, convexity, effective measures and total return (SF-49 to SF-51).

Arrays follow :mod:`passthru.analytics.yields`: periods on the last axis, optional
leading scenario axes; ``bey`` in percent (semiannual, SF-48 a), ``t`` in 30/360 years.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date

import numpy as np

from passthru.analytics.daycount import cash_flow_times, days_into_accrual_month
from passthru.analytics.errors import PriceQuoteError
from passthru.analytics.prices import parse_price
from passthru.analytics.yields import (
    _scalar_or_array,
    accrued_interest,
    bond_equivalent_yield,
    discount_factors,
    mortgage_yield,
    price_from_yield,
)
from passthru.errors import AssumptionError


def wal(prin: np.ndarray, t: np.ndarray) -> float | np.ndarray:
    """Average life ``Σ T_k PR_k / Σ PR_k`` (SF-49 c), in the time base of ``t``.

    With :func:`cash_flow_times`, years from settlement to receipt including the delay
    (the SF convention); with :func:`years_from_closing`, years from closing to each
    distribution date (prospectus decrement tables). NaN when there is no principal (IO).
    """
    prin = np.asarray(prin, dtype=np.float64)
    total = prin.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        life = np.where(total != 0, (prin * t).sum(axis=-1) / total, np.nan)
    return _scalar_or_array(life)


def _present_values(cf: np.ndarray, bey, t: np.ndarray) -> np.ndarray:
    return np.asarray(cf, dtype=np.float64) * discount_factors(bey, t)


def macaulay_duration(cf: np.ndarray, bey: float | np.ndarray, t: np.ndarray):
    """Macaulay duration ``(1/P) Σ T_k CF_k (1 + Y/200)^(-2 T_k)`` in years (SF-49 d)."""
    pv = _present_values(cf, bey, t)
    return _scalar_or_array((pv * t).sum(axis=-1) / pv.sum(axis=-1))


def modified_duration(cf: np.ndarray, bey: float | np.ndarray, t: np.ndarray):
    """Modified duration ``D / (1 + Y/200)`` (SF-49 e): -(dP/dY)/P with Y as a decimal."""
    semiannual = 1.0 + np.asarray(bey, dtype=np.float64) / 200.0
    return _scalar_or_array(macaulay_duration(cf, bey, t) / semiannual)


def convexity(cf: np.ndarray, bey: float | np.ndarray, t: np.ndarray):
    """Cash-flow convexity ``(1/P)(1 + Y/200)^(-2) Σ T_k(T_k + 1/2) CF_k (1 + Y/200)^(-2 T_k)``
    in years² (SF-49 f): (d²P/dY²)/P with Y as a decimal. SF also shows it divided by 100.
    """
    pv = _present_values(cf, bey, t)
    semiannual = 1.0 + np.asarray(bey, dtype=np.float64) / 200.0
    weighted = (pv * t * (t + 0.5)).sum(axis=-1)
    return _scalar_or_array(weighted / pv.sum(axis=-1) / semiannual**2)


def effective_duration(price: float, price_down: float, price_up: float, shift_bp: float):
    """Effective duration ``(P- - P+) / (2 P0 Δy)``, Δy = shift_bp/10,000 (SF-50 g, SF-51).

    ``price_down``/``price_up`` are model prices for yields shifted down/up by
    ``shift_bp``, cash flows re-projected. Never call it duration or modified duration.
    """
    shift = shift_bp / 10_000.0
    return (price_down - price_up) / (2.0 * price * shift)


def effective_convexity(price: float, price_down: float, price_up: float, shift_bp: float):
    """Effective convexity ``(P+ + P- - 2 P0) / (P0 Δy²)`` in years², Δy = shift_bp/10,000
    (SF-50 g, SF-51)."""
    shift = shift_bp / 10_000.0
    return (price_up + price_down - 2.0 * price) / (price * shift**2)


def horizon_value(
    cf: Sequence[float] | np.ndarray,
    t: np.ndarray,
    *,
    months_held: int,
    horizon: float,
    sale_price: float,
    sale_factor: float,
    reinvestment_rate: float,
) -> float:
    """``P_T = SalePrice · Factor_T + Σ CF_k (1 + R/200)^(2(T - T_k))`` (SF-50 h, SF-51).

    The first ``months_held`` cash flows belong to the holder; each is compounded at the
    reinvestment rate R (BEY, percent) to the horizon T (years), or discounted back when
    paid after it because of the delay. ``sale_price`` is the full price per 100 of face
    at ``sale_factor``; ``cf`` is per 100 of original face.
    """
    earned = np.asarray(cf, dtype=np.float64)[:months_held]
    growth = (1.0 + reinvestment_rate / 200.0) ** (2.0 * (horizon - np.asarray(t)[:months_held]))
    return sale_price * sale_factor + float((earned * growth).sum())


def total_rate_of_return(price: float, horizon_value: float, horizon: float) -> float:
    """Bond-equivalent total rate of return ``200[(P_T/P0)^(1/(2T)) - 1]`` percent (SF-50 h)."""
    return 200.0 * ((horizon_value / price) ** (1.0 / (2.0 * horizon)) - 1.0)


def total_percentage_return(price: float, horizon_value: float) -> float:
    """Total percentage return ``100 (P_T/P0 - 1)``, not annualised (SF-50 h)."""
    return 100.0 * (horizon_value / price - 1.0)


@dataclass(frozen=True)
class YieldMeasures:
    """One price/yield line (SF-48 to SF-49). Prices per 100 of current face; ``price``
    is the quoted (clean) price, the full price is ``price + accrued_interest``."""

    yield_: float
    mortgage_yield: float
    wal: float
    macaulay_duration: float
    modified_duration: float
    convexity: float
    price: float
    accrued_interest: float

    def as_json(self) -> dict[str, float | None]:
        """The measures under their JSON keys (``yield``, ``mortgage_yield``, ``wal``, ...);
        a measure that does not exist (the WAL of an IO) is ``None``."""
        values = asdict(self)
        values["yield"] = values.pop("yield_")
        keys = ("yield", *(name for name in values if name != "yield"))
        return {k: None if math.isnan(values[k]) else values[k] for k in keys}


def measures(
    cf: Sequence[float] | np.ndarray,
    prin: Sequence[float] | np.ndarray,
    *,
    price: float | str | None = None,
    yield_: float | None = None,
    settle: date,
    delay: int,
    coupon: float,
    factor: float = 1.0,
) -> YieldMeasures:
    """Yield from price, or price from yield, and the measures that go with them.

    ``cf`` (total cash) and ``prin`` (principal) run by period from the distribution for
    the accrual month containing ``settle``, per 100 of original face; ``factor`` is the
    factor at the start of that month, so 100 of current face is ``100 · factor`` of
    original face. ``price`` is the quoted price per 100 of current face, decimal or
    32nds; accrued interest runs at ``coupon`` (percent; the strip rate for an IO, 0 for
    a PO) for N = 30/360 days from the 1st of the settlement month (SF-46). Times are
    ``T_k = (30k + delay - N)/360`` (SF-48 a). Give exactly one of ``price`` and ``yield_``.
    """
    if (price is None) == (yield_ is None):
        raise ValueError("give exactly one of price and yield_")
    if delay < 0:
        raise AssumptionError(f"{delay} days; the actual delay is 0 days or more", field="delay")
    cf = np.asarray(cf, dtype=np.float64)
    days = days_into_accrual_month(settle)
    t = cash_flow_times(cf.shape[-1], delay, days)
    accrued = accrued_interest(coupon, 1.0, 100.0, days)
    if price is not None:
        clean = parse_price(price) if isinstance(price, str) else float(price)
        if not clean > 0:
            raise PriceQuoteError(str(price), "a price must be above 0 (per 100 of face)")
        bey = float(bond_equivalent_yield(cf, (clean + accrued) * factor, t))
    else:
        bey = float(yield_)
        clean = float(price_from_yield(cf, bey, t)) / factor - accrued
    return YieldMeasures(
        yield_=bey,
        mortgage_yield=float(mortgage_yield(bey)),
        wal=float(wal(prin, t)),
        macaulay_duration=float(macaulay_duration(cf, bey, t)),
        modified_duration=float(modified_duration(cf, bey, t)),
        convexity=float(convexity(cf, bey, t)),
        price=clean,
        accrued_interest=accrued,
    )
