"""Aim points for weighted averages and shares printed at two levels at once.

A pool's figure and the all-loans figure (2003-2), or a pool's premium and
discount figures and the pool's own, must all hold at once: the pools' values
weighted by balance make the whole. Aiming each part at the middle of its own
interval can put the whole outside its interval ("no more than 3%" for all
loans with pools at 3% and 6%), so the parts move together, each by the same
fraction of its half-width, until the whole sits in the middle half of its
interval (cashflow-and-structure.md §3.2 weights).
"""

from __future__ import annotations

from collections.abc import Callable

from passthru.rebuild.targets import Bounds, Targets

_REACH = 0.9  # parts move at most this fraction of their half-width


def centred(parts: list[tuple[float, Bounds | None]], whole: Bounds | None) -> list[float | None]:
    """Aim points for parts (weight, bounds) so that their weighted mean lies within ``whole``."""
    aims = [None if b is None else b.mid for _, b in parts]
    if whole is None or any(b is None for _, b in parts) or not parts:
        return aims
    weight = sum(w for w, _ in parts)
    if weight <= 0:
        return aims
    mean = sum(w * b.mid for w, b in parts) / weight  # type: ignore[union-attr]
    swing = sum(w * b.width / 2 for w, b in parts) / weight  # type: ignore[union-attr]
    lo, hi = whole.inner(0.25)
    if whole.width == 0:
        lo = hi = whole.lo
    wanted = min(max(mean, lo), hi)
    if swing == 0 or wanted == mean:
        return aims
    fraction = min(max((wanted - mean) / swing, -_REACH), _REACH)
    return [b.mid + fraction * b.width / 2 for _, b in parts]  # type: ignore[union-attr]


def pool_aims(targets: Targets, key: str) -> dict[str, float | None]:
    """Each pool's aim for figure ``key``, consistent with the all-loans figure if printed."""
    parts = [(p.cents / 100, p.bounds(key)) for p in targets.pools]
    aims = centred(parts, targets.all_bounds(key))
    return {p.name: a for p, a in zip(targets.pools, aims, strict=True)}


def strip_aims(
    targets: Targets, key: str, strip_balances: dict[str, dict[str, float]]
) -> dict[str, dict[str, float | None]]:
    """Premium and discount aims for ``wa_note_rate`` or ``wa_remaining_term`` in each pool.

    ``strip_balances`` maps pool -> strip -> its balance (0 for no loans).
    """
    pools = pool_aims(targets, key)
    out: dict[str, dict[str, float | None]] = {}
    for pool in targets.pools:
        balances = strip_balances[pool.name]
        strips = [s for s in ("premium", "discount") if balances.get(s)]
        parts = [(balances[s], pool.bounds(f"{s}_{key}")) for s in strips]
        aim = pools[pool.name]
        whole = None if aim is None else Bounds(aim, aim, hi_open=False)
        out[pool.name] = dict(zip(strips, centred(parts, whole), strict=True))
    return out


def share_bounds(bounds: Callable[[str], Bounds | None]) -> dict[str, Bounds | None]:
    """Shares of balance the borrower subsets must take, from the printed shares.

    "At least p%" primary residences leave (99 - p, 100 - p] to other occupancy;
    the stated-income share must also leave "at least q%" full or streamlined.
    """
    primary = bounds("primary_residence_pct")
    stated = bounds("stated_income_pct")
    verified = bounds("full_or_streamlined_pct")
    if verified is not None:
        rest = Bounds(100 - verified.hi, 100 - verified.lo, lo_open=True, hi_open=False)
        stated = rest if stated is None else _overlap(stated, rest)
    return {
        "non_primary": None
        if primary is None
        else Bounds(100 - primary.hi, 100 - primary.lo, lo_open=True, hi_open=False),
        "investment": bounds("investment_pct"),
        "stated_income": stated,
        "streamlined": bounds("streamlined_pct"),
    }


def _overlap(a: Bounds, b: Bounds) -> Bounds:
    lo, lo_open = max((a.lo, a.lo_open), (b.lo, b.lo_open))
    hi, hi_open = min((a.hi, not a.hi_open), (b.hi, not b.hi_open))
    return Bounds(lo, max(lo, hi), lo_open, not hi_open)


def share_aims(targets: Targets) -> dict[str, dict[str, float | None]]:
    """Each pool's aimed share (percent of its balance) of each borrower subset."""
    per_pool = {p.name: share_bounds(p.bounds) for p in targets.pools}
    whole = share_bounds(targets.all_bounds)
    out: dict[str, dict[str, float | None]] = {p.name: {} for p in targets.pools}
    for kind, whole_bounds in whole.items():
        parts = [(p.cents / 100, per_pool[p.name][kind]) for p in targets.pools]
        for pool, aim in zip(targets.pools, centred(parts, whole_bounds), strict=True):
            out[pool.name][kind] = aim
    return out
