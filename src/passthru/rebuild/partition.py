"""Loans into table rows by nominal balance: every count exact, every row's dollars close.

Loans of one size row are interchangeable, so each stratification table is a
partition of the pool's loans into rows of given counts whose nominal balances
add up close to the row's dollars; the balance LP (``solve``) then closes each
gap exactly by moving balances inside their size rows.

Method, and why it ends: a row of one loan takes the free loan nearest its
dollars that its size row can hold, and that loan is pinned to the dollars (a
later one-loan row in another table must agree with it to the dollar). The
other loans go, largest first, to the row whose remaining dollars per remaining
loan are highest (each loan placed once). Swaps between a row over its dollars
and one under then lower the total gap, each by at least one cent; the gap is a
whole number of cents, so the swaps stop, and ``MAX_SWAPS`` bounds them anyway.
"""

from __future__ import annotations

import numpy as np

MAX_SWAPS = 4_000
PIN_TOLERANCE = 100  # cents: a pinned loan can join another one-loan row this close


def spread_nominal(
    count: int, total: int, lo: int, hi: int, rng: np.random.Generator
) -> np.ndarray:
    """``count`` balances in whole cents inside [lo, hi], adding up to ``total`` exactly.

    Sorted uniform draws about the mean, narrowed to fit the interval.
    """
    if count == 1:
        return np.array([total], dtype=np.int64)
    mean = total / count
    half = max(min(mean - lo, hi - mean), 0.0)
    draws = rng.random(count)
    offsets = draws - draws.mean()
    widest = np.abs(offsets).max()
    scale = 0.0 if widest == 0 else 0.95 * half / widest
    values = np.round(mean + offsets * scale).astype(np.int64)
    residual = int(total - values.sum())
    step = 1 if residual > 0 else -1
    for i in range(abs(residual)):
        values[i % count] += step
    return values


def pin_single_rows(
    values: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    pinned: np.ndarray,
    targets: list[tuple[int, int]],
) -> dict[int, int]:
    """Loans for one-loan rows ``(row, cents)``: loan -> row; pins them in ``values``/``pinned``."""
    chosen: dict[int, int] = {}
    taken = np.zeros(values.size, dtype=bool)
    for row, cents in sorted(targets, key=lambda t: t[1]):
        fits = (lo <= cents) & (cents <= hi) & ~taken
        fits &= ~pinned | (np.abs(values - cents) <= PIN_TOLERANCE)
        if not fits.any():
            fits = ~taken
        candidates = np.flatnonzero(fits)
        loan = int(candidates[np.argmin(np.abs(values[candidates] - cents))])
        chosen[loan] = row
        taken[loan] = True
        values[loan] = cents
        pinned[loan] = True
    return chosen


def _greedy(values: np.ndarray, loans: np.ndarray, counts: np.ndarray, cents: np.ndarray):
    rows = np.full(values.size, -1, dtype=np.int64)
    left = counts.astype(float).copy()
    need = cents.astype(float).copy()
    for loan in loans[np.argsort(-values[loans], kind="stable")]:
        per_loan = np.where(left > 0, need / np.maximum(left, 1), -np.inf)
        row = int(np.argmax(per_loan))
        rows[loan] = row
        left[row] -= 1
        need[row] -= values[loan]
    return rows


def _best_swap(values, members_over, members_under, over: float, under: float):
    """The swap of a loan over -> under that most lowers |over| + |under|; (gain, a, b)."""
    if not members_over.size or not members_under.size:
        return 0.0, -1, -1
    order = np.argsort(values[members_under])
    sorted_under = values[members_under][order]
    wanted = values[members_over] - (over - under) / 2
    slots = np.clip(np.searchsorted(sorted_under, wanted), 1, sorted_under.size - 1)
    best = (0.0, -1, -1)
    for shift in (-1, 0):
        pick = slots + shift if sorted_under.size > 1 else np.zeros_like(slots)
        delta = values[members_over] - sorted_under[pick]
        gain = abs(over) + abs(under) - np.abs(over - delta) - np.abs(under + delta)
        i = int(np.argmax(gain))
        if gain[i] > best[0]:
            best = (float(gain[i]), int(members_over[i]), int(members_under[order[pick[i]]]))
    return best


def _swap_down(values, rows, fixed, cents) -> None:
    """Swap loans between a row over its dollars and one under while any swap helps."""
    movable = ~fixed
    for _ in range(MAX_SWAPS):
        sums = np.bincount(rows, weights=values, minlength=cents.size)
        gap = sums - cents
        over = [r for r in np.argsort(-gap) if gap[r] >= 1]
        under = [r for r in np.argsort(gap) if gap[r] <= -1]
        if not _one_swap(values, rows, movable, gap, over, under):
            return


def _one_swap(values, rows, movable, gap, over, under) -> bool:
    for r1 in over:
        a_members = np.flatnonzero((rows == r1) & movable)
        for r2 in under:
            b_members = np.flatnonzero((rows == r2) & movable)
            gain, a, b = _best_swap(values, a_members, b_members, gap[r1], gap[r2])
            if gain >= 1:
                rows[a], rows[b] = r2, r1
                return True
    return False


def partition(
    values: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    pinned: np.ndarray,
    counts: list[int],
    cents: list[int],
) -> np.ndarray:
    """The row of each loan: row r gets ``counts[r]`` loans, nominally ``cents[r]`` in all.

    ``values`` (nominal cents) and ``pinned`` are updated for loans pinned by one-loan rows.
    """
    counts_a = np.asarray(counts, dtype=np.int64)
    cents_a = np.asarray(cents, dtype=float)
    if counts_a.sum() != values.size:
        raise ValueError(f"rows hold {counts_a.sum()} loans, the pool {values.size}")
    singles = [(r, int(cents_a[r])) for r in range(counts_a.size) if counts_a[r] == 1]
    chosen = pin_single_rows(values, lo, hi, pinned, singles)
    fixed = np.zeros(values.size, dtype=bool)
    fixed[list(chosen)] = True
    rest_counts = counts_a.copy()
    rest_cents = cents_a.copy()
    for _, row in chosen.items():
        rest_counts[row] = 0
        rest_cents[row] = 0
    rows = _greedy(values.astype(float), np.flatnonzero(~fixed), rest_counts, rest_cents)
    for loan, row in chosen.items():
        rows[loan] = row
    _swap_down(values.astype(float), rows, fixed, cents_a)
    return rows


def pick(
    values: np.ndarray, candidates: np.ndarray, target: float, count: int | None = None
) -> np.ndarray:
    """Loans from ``candidates`` (in the order given) whose nominal values add up near ``target``.

    Without ``count``: each candidate that still fits under the target, then the
    one that best closes what is left. With ``count``: the ``count`` candidates
    nearest the average. Then swaps with the others, each lowering the gap by at
    least a cent (at most ``MAX_SWAPS``).
    """
    if count is None:
        total, first = 0.0, []
        for c in candidates:
            if total + values[c] <= target:
                first.append(c)
                total += values[c]
        rest = np.setdiff1d(candidates, first)
        if rest.size:
            best = rest[np.argmin(np.abs(values[rest] - (target - total)))]
            if abs(values[best] - (target - total)) < target - total:
                first.append(best)
        chosen = np.array(first, dtype=np.int64)
    else:
        count = min(count, candidates.size)
        nearest = np.argsort(np.abs(values[candidates] - target / max(count, 1)), kind="stable")
        chosen = candidates[nearest[:count]]
    return _swap_towards(values, chosen, np.setdiff1d(candidates, chosen), target)


def _swap_towards(values, chosen, rest, target) -> np.ndarray:
    chosen, rest = chosen.copy(), rest.copy()
    for _ in range(MAX_SWAPS):
        gap = target - values[chosen].sum()
        if not rest.size or not chosen.size or abs(gap) < 1:
            break
        change = values[rest][None, :] - values[chosen][:, None]
        after = np.abs(gap - change)
        a, b = np.unravel_index(np.argmin(after), after.shape)
        if after[a, b] > abs(gap) - 1:
            break
        chosen[a], rest[b] = rest[b], chosen[a]
    return chosen


def steer(
    values: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    step: int,
    weights: np.ndarray,
    target: float,
    movable: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Move values by ``step`` within [low, high] until ``sum(weights * values)`` nears ``target``.

    Loans take turns in a seeded order, so the moves spread over many loans;
    when no single move helps, one loan steps up while another steps down. A
    move is made only when it lowers the gap, and the values are finitely many,
    so the loop ends.
    """
    values = values.copy()
    gap = target - float(weights @ values)
    while True:
        gap, moved = _single_moves(values, low, high, step, weights, gap, movable, rng)
        if not moved:
            gap, moved = _paired_move(values, low, high, step, weights, gap, movable)
        if not moved:
            return values


def _single_moves(values, low, high, step, weights, gap, movable, rng) -> tuple[float, bool]:
    moved = False
    direction = 1 if gap > 0 else -1
    for i in rng.permutation(np.flatnonzero(movable)):
        nxt = values[i] + direction * step
        change = direction * step * weights[i]
        if low[i] <= nxt <= high[i] and abs(gap - change) < abs(gap):
            values[i] = nxt
            gap -= change
            moved = True
            if (gap > 0) != (direction > 0):
                break
    return gap, moved


def _paired_move(values, low, high, step, weights, gap, movable) -> tuple[float, bool]:
    """The one up-and-down pair of steps that most lowers the gap, if any lowers it."""
    up = np.flatnonzero(movable & (values + step <= high))
    down = np.flatnonzero(movable & (values - step >= low))
    if not up.size or not down.size:
        return gap, False
    order = np.argsort(weights[down])
    sorted_down = weights[down][order]
    wanted = weights[up] - gap / step
    slots = np.clip(np.searchsorted(sorted_down, wanted), 0, sorted_down.size - 1)
    best = (abs(gap), -1, -1)
    for shift in (-1, 0):
        pick_at = np.clip(slots + shift, 0, sorted_down.size - 1)
        change = step * (weights[up] - sorted_down[pick_at])
        after = np.abs(gap - change)
        after[up == down[order[pick_at]]] = np.inf
        i = int(np.argmin(after))
        if after[i] < best[0] - 1e-9:
            best = (float(after[i]), int(up[i]), int(down[order[pick_at[i]]]))
    if best[1] < 0:
        return gap, False
    _, i, j = best
    values[i] += step
    values[j] -= step
    return gap - step * (weights[i] - weights[j]), True
