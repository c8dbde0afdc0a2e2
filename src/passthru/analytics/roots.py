"""A bracketed root finder for break-evens over full runs (e.g. the PSA at which an IO's
yield falls to 0%).

Brent's method (Brent 1973, "zeroin"): inverse quadratic interpolation or secant steps,
with bisection whenever a step would leave the bracket or shrink it too slowly, so it
never needs many more evaluations than bisection and usually far fewer.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable

from passthru.analytics.errors import NoConvergenceError, RootNotBracketedError

ROOT_TOLERANCE = 1e-6
"""Default tolerance on x: the root returned is within ``tol`` (plus a few units of
double-precision rounding of x) of a sign change of f."""

_EPS = sys.float_info.epsilon


def _interpolation_step(a, b, c, fa, fb, fc, half_width, tol1, last_step):
    """Brent's interpolation step from b, or None when bisection is the safer step."""
    if abs(last_step) < tol1 or abs(fa) <= abs(fb):
        return None
    s = fb / fa
    if a == c:  # secant
        p, q = 2.0 * half_width * s, 1.0 - s
    else:  # inverse quadratic interpolation
        q, r = fa / fc, fb / fc
        p = s * (2.0 * half_width * q * (q - r) - (b - a) * (r - 1.0))
        q = (q - 1.0) * (r - 1.0) * (s - 1.0)
    if p > 0:
        q = -q
    p = abs(p)
    if 2.0 * p < min(3.0 * half_width * q - abs(tol1 * q), abs(last_step * q)):
        return p / q
    return None


def find_root(
    f: Callable[[float], float],
    lo: float,
    hi: float,
    *,
    tol: float = ROOT_TOLERANCE,
    max_iter: int = 100,
) -> float:
    """x in [lo, hi] with f(x) = 0, to within ``tol`` on x (Brent's method).

    ``f(lo)`` and ``f(hi)`` must differ in sign (or one be zero); otherwise raises
    :class:`RootNotBracketedError` with both values. Each iteration costs one call of
    ``f`` (one full run for a break-even); ``max_iter`` bounds the calls, after which
    :class:`NoConvergenceError` is raised.
    """
    a, b = float(lo), float(hi)
    fa, fb = f(a), f(b)
    if fa == 0:
        return a
    if (fa > 0) == (fb > 0) and fb != 0:
        raise RootNotBracketedError(a, b, fa, fb)
    c, fc = b, fb
    step = last_step = b - a
    for _ in range(max_iter):
        if (fb > 0) == (fc > 0) and fb != 0:
            c, fc = a, fa
            step = last_step = b - a
        if abs(fc) < abs(fb):
            a, b, c, fa, fb, fc = b, c, b, fb, fc, fb
        tol1 = 2.0 * _EPS * abs(b) + 0.5 * tol
        half_width = 0.5 * (c - b)
        if abs(half_width) <= tol1 or fb == 0:
            return b
        interpolated = _interpolation_step(a, b, c, fa, fb, fc, half_width, tol1, last_step)
        if interpolated is None:
            step = last_step = half_width
        else:
            last_step, step = step, interpolated
        a, fa = b, fb
        b += step if abs(step) > tol1 else math.copysign(tol1, half_width)
        fb = f(b)
    raise NoConvergenceError(f"find_root: no convergence to {tol:g} in {max_iter} iterations")
