"""Bond-equivalent yield, price from yield, mortgage yield and settlement (SF-45 to SF-48).

Units: ``cf`` and ``full_price`` must be in the same units, e.g. both per 100 of face
at the settlement factor. Cash flows are arrays by period k = 1..n on the last axis,
optionally with leading scenario axes (``(scenarios, n)``); ``t`` holds the times T_k
in 30/360 years from settlement, delay included (:func:`cash_flow_times`).
"""

from __future__ import annotations

import numpy as np

from passthru.analytics.errors import YieldError

YIELD_TOLERANCE = 1e-10
"""Convergence tolerance on the yield, in percentage points (|dY| < 1e-10)."""

_LOG_RATE_BOUNDS = (-10.0, 20.0)
"""Search range for z = 2 ln(1 + Y/200): yields from about -198.65% to 4,405,093%."""
_MAX_ITERATIONS = 200


def _scalar_or_array(value: np.ndarray) -> float | np.ndarray:
    return float(value) if np.ndim(value) == 0 else value


def discount_factors(bey: float | np.ndarray, t: np.ndarray) -> np.ndarray:
    """``(1 + Y/200)^(-2 T_k)``: semiannual compounding at any payment frequency (SF-48 a).

    ``bey`` in percent, a scalar or one per scenario; the result has shape
    ``bey.shape + t.shape[-1:]`` broadcast with ``t``.
    """
    y = np.asarray(bey, dtype=np.float64)[..., None]
    return (1.0 + y / 200.0) ** (-2.0 * np.asarray(t, dtype=np.float64))


def price_from_yield(cf: np.ndarray, bey: float | np.ndarray, t: np.ndarray) -> float | np.ndarray:
    """Full price ``P = Σ CF_k (1 + Y/200)^(-2 T_k)`` (SF-48 a), in the units of ``cf``."""
    cf = np.asarray(cf, dtype=np.float64)
    return _scalar_or_array(np.sum(cf * discount_factors(bey, t), axis=-1))


def _flatten(cf, full_price, t) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple]:
    cf = np.asarray(cf, dtype=np.float64)
    price = np.asarray(full_price, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    n = cf.shape[-1]
    shape = np.broadcast_shapes(cf.shape[:-1], price.shape, t.shape[:-1])
    flat = (
        np.broadcast_to(cf, (*shape, n)).reshape(-1, n),
        np.broadcast_to(price, shape).reshape(-1),
        np.broadcast_to(t, (*shape, n)).reshape(-1, n),
    )
    return (*flat, shape)


def _price_and_slope(cf, t, z) -> tuple[np.ndarray, np.ndarray]:
    """P(z) = Σ CF e^(-z T) and dP/dz, with z = 2 ln(1 + Y/200)."""
    pv = cf * np.exp(-z[:, None] * t)
    return pv.sum(axis=1), -(pv * t).sum(axis=1)


def _initial_log_rate(cf, price, t) -> np.ndarray:
    """A first guess: the rate at which a single payment of Σ CF at the cash-weighted
    time would cost the price."""
    total = cf.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_time = (cf * t).sum(axis=1) / total
        guess = np.log(total / price) / mean_time
    return np.where(np.isfinite(guess), guess, 0.1)


def _solve_log_rate(cf, price, t) -> tuple[np.ndarray, np.ndarray]:
    """Safeguarded Newton on z over the bracket ``_LOG_RATE_BOUNDS``: a Newton step that
    leaves the current bracket is replaced by bisection. Returns z and a mask of the
    scenarios solved (the others have no yield in range)."""
    lo = np.full(price.shape, _LOG_RATE_BOUNDS[0])
    hi = np.full(price.shape, _LOG_RATE_BOUNDS[1])
    f_lo = _price_and_slope(cf, t, lo)[0] - price
    f_hi = _price_and_slope(cf, t, hi)[0] - price
    bracketed = np.sign(f_lo) * np.sign(f_hi) <= 0
    z = np.clip(_initial_log_rate(cf, price, t), lo, hi)
    done = ~bracketed
    for _ in range(_MAX_ITERATIONS):
        if done.all():
            break
        p, slope = _price_and_slope(cf, t, z)
        f = p - price
        below = np.sign(f) == np.sign(f_lo)
        lo, f_lo = np.where(below, z, lo), np.where(below, f, f_lo)
        hi = np.where(below, hi, z)
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = z - f / slope
        inside = np.isfinite(newton) & (newton >= lo) & (newton <= hi)
        step = np.where(inside, newton, 0.5 * (lo + hi)) - z
        moving = ~done & (f != 0)
        z = np.where(moving, z + step, z)
        small = np.abs(step) * 100.0 * np.exp(0.5 * z) < YIELD_TOLERANCE
        done |= (f == 0) | small
    return z, bracketed & done


def _no_yield_reason(cf, price) -> str:
    if (price <= 0).any():
        return "the full price must be positive"
    if not cf.any(axis=1).all():
        return "there are no cash flows"
    return (
        "the price is outside the prices for yields from -198.65% to 4,405,093% "
        f"(or the solver did not converge in {_MAX_ITERATIONS} iterations)"
    )


def bond_equivalent_yield(
    cf: np.ndarray, full_price: float | np.ndarray, t: np.ndarray, *, strict: bool = True
) -> float | np.ndarray:
    """The bond-equivalent yield Y (percent) with ``P = Σ CF_k (1 + Y/200)^(-2 T_k)``
    (SF-48 a), one per scenario.

    Solved for z = 2 ln(1 + Y/200) by safeguarded Newton/bisection inside a bracket
    covering yields from about -198.65% to 4,405,093%, to |dY| < 1e-10 percentage points.
    Works for IO-like (interest only) and PO (principal only) flows and negative yields.
    With non-negative cash flows the price is decreasing in Y, so a positive price
    always has exactly one yield; with mixed-sign flows the root found is one of several.
    When a price has no yield in range (price <= 0, no cash flows, or out of range),
    raises :class:`YieldError` naming the scenarios, or with ``strict=False`` returns NaN
    for those scenarios.
    """
    cf2, price, t2, shape = _flatten(cf, full_price, t)
    z, solved = _solve_log_rate(cf2, price, t2)
    if strict and not solved.all():
        failed = tuple(int(i) for i in np.flatnonzero(~solved))
        raise YieldError(_no_yield_reason(cf2[~solved], price[~solved]), failed)
    bey = np.where(solved, 200.0 * np.expm1(0.5 * z), np.nan)
    return _scalar_or_array(bey.reshape(shape))


def mortgage_yield(bey: float | np.ndarray) -> float | np.ndarray:
    """Mortgage (monthly-compounded) yield ``MY = 1200[(1 + Y/200)^(1/6) - 1]`` (SF-48 b).

    For display only, clearly labelled; durations and convexity use Y (SF-49).
    """
    return 1200.0 * ((1.0 + np.asarray(bey, dtype=np.float64) / 200.0) ** (1.0 / 6.0) - 1.0)


def bey_from_mortgage_yield(my: float | np.ndarray) -> float | np.ndarray:
    """Bond-equivalent yield from mortgage yield, ``Y = 200[(1 + MY/1200)^6 - 1]``
    (inverse of SF-48 b, vector V21: 6.000% gives 6.075501879%)."""
    return 200.0 * ((1.0 + np.asarray(my, dtype=np.float64) / 1200.0) ** 6 - 1.0)


def accrued_interest(coupon: float, factor: float, face: float, days_30_360: int) -> float:
    """``AI = FACE · F · (COUPON/100) · (N/360)`` (SF-46 c, vector V24); N is 30/360 days
    from the 1st of the accrual period to settlement, F the factor as of that 1st."""
    return face * factor * (coupon / 100.0) * (days_30_360 / 360.0)


def principal_amount(face: float, price: float, factor: float) -> float:
    """``FACE · (PRICE/100) · F``, price per 100 of current face (SF-46 b, vector V24)."""
    return face * (price / 100.0) * factor


def settlement_cost(
    face: float, price: float, factor: float, coupon: float, days_30_360: int
) -> float:
    """Settlement amount ``COST = principal amount + accrued interest`` (SF-45 F.1 a)."""
    return principal_amount(face, price, factor) + accrued_interest(
        coupon, factor, face, days_30_360
    )


def full_price(clean_price: float, coupon: float, days_30_360: int) -> float:
    """The full price per 100 of current face: quoted price plus accrued interest on 100
    (SF-48 a: "P ... including the correct accrued interest")."""
    return clean_price + accrued_interest(coupon, 1.0, 100.0, days_30_360)
