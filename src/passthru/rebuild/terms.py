"""Original terms, loan ages and dates, so that the weighted terms and the dates print as filed.

A loan originated in month m pays first on the 1st of month m + 2 (or m + 1
when m + 2 would leave it older than its origination year allows); its age at
the cut-off is the number of payments due on or before it, and its remaining
term is ``original_term - age`` = the months from the cut-off to maturity
(cashflow-and-structure.md §3.2, ``passthru.tape.dates.remaining_payments``).

Most loans take the pool's longest term; enough balance takes the shortest
standard term to bring the weighted original term to its aim. Ages start a few
months above the youngest each loan's origination year allows, drawn from the
synthetic tape's age weights, and ``partition.steer`` moves them until each
strip's weighted remaining term nears its aim.
One loan is originated in the month the filing gives as the earliest, and one
matures on the latest maturity date.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from passthru.rebuild.assign import Draft
from passthru.rebuild.partition import pick, steer
from passthru.tape.synthetic import AGE_WEIGHTS, STANDARD_TERMS

DEFAULT_OLDEST = 24  # months of age when the filing gives no earliest origination
AGE_SPREAD = 6  # first ages drawn over this many months from each loan's youngest


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _age_bounds(draft: Draft, cut: int, start: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Youngest and oldest age and earliest origination month of each loan."""
    if "origination_year" not in draft.rows:
        oldest = np.full(draft.n, cut - start)
        return np.zeros(draft.n, dtype=np.int64), oldest, np.full(draft.n, start)
    years = draft.row_values("origination_year").astype(np.int64)
    first_month = np.maximum(years * 12, start)
    last_month = np.minimum(years * 12 + 11, cut)
    return np.maximum(cut - last_month - 1, 0), cut - first_month, first_month


def _short_term(low: int, high: int) -> int:
    inside = [t for t in STANDARD_TERMS if low <= t < high]
    return inside[0] if inside else low


def set_terms(
    draft: Draft,
    cut_off: date,
    aims: dict[str, float | None],
    strip_aims: dict[str, float | None],
    rng: np.random.Generator,
) -> None:
    """Original and remaining terms, ages and dates of one pool's loans.

    ``aims`` holds the pool's aimed ``wa_original_term`` and ``wa_remaining_term``;
    ``strip_aims`` the premium and discount remaining-term aims, when printed.
    """
    pool = draft.pool
    high = pool.terms.original_term[1]
    cut = month_index(cut_off)
    start_day = pool.value("origination_start")
    start = month_index(start_day) if isinstance(start_day, date) else cut - DEFAULT_OLDEST
    youngest, oldest, earliest = _age_bounds(draft, cut, start)
    latest = pool.value("latest_maturity")
    longest_left = month_index(latest) - cut if isinstance(latest, date) else high
    if isinstance(latest, date) and latest.day != 1:
        draft.notes.append("latest_maturity: payments fall on the 1st; the day cannot be met")
    term = np.full(draft.n, high, dtype=np.int64)
    start_loan = int(np.argmax(oldest))
    groups = _groups(draft, strip_aims, aims.get("wa_remaining_term"))
    nominal = draft.nominal.astype(float)
    _shorten(draft, term, youngest, groups, aims.get("wa_original_term"), start_loan, rng)
    youngest = np.maximum(youngest, term - longest_left)
    age = _initial_ages(draft, youngest, oldest, rng)
    fixed = np.zeros(draft.n, dtype=bool)
    age[start_loan], fixed[start_loan] = oldest[start_loan], True
    longest = np.flatnonzero((term - youngest == longest_left) & ~fixed)
    if longest.size:
        loan = int(rng.choice(longest))
        age[loan], fixed[loan] = youngest[loan], True
    for members, aim in groups:
        wanted = float(nominal[members] @ term[members]) - aim * nominal[members].sum()
        movable = members & ~fixed
        age = steer(age, youngest, oldest, 1, nominal * members, wanted, movable, rng)
    _set_dates(draft, term, age, earliest, cut)


def _groups(draft: Draft, strip_aims: dict[str, float | None], pool_aim: float | None):
    discount = draft.mark("discount")
    strips = [(~discount, strip_aims.get("premium")), (discount, strip_aims.get("discount"))]
    if all(aim is not None for members, aim in strips if members.any()):
        return [(m, a) for m, a in strips if m.any()]
    return [] if pool_aim is None else [(np.ones(draft.n, dtype=bool), pool_aim)]


def _shorten(draft, term, youngest, groups, aim, start_loan, rng) -> None:
    """Shortest standard term for enough balance to bring the weighted term to ``aim``.

    The strips share it in proportion to the short balance their remaining-term
    aims leave room for, each taking at most 90% of its room.
    """
    low, high = draft.pool.terms.original_term
    short = _short_term(low, high)
    if aim is None or short >= high:
        return
    nominal = draft.nominal.astype(float)
    needed = nominal.sum() * (high - aim) / (high - short)
    groups = groups or [(np.ones(draft.n, dtype=bool), aim)]
    room = np.zeros(len(groups))
    for g, (members, group_aim) in enumerate(groups):
        spare = float(nominal[members] @ (term[members] - youngest[members]))
        room[g] = max((spare - group_aim * nominal[members].sum()) / (high - short), 0.0)
    if room.sum() <= 0:
        return
    for g, (members, _) in enumerate(groups):
        candidates = members.copy()
        candidates[start_loan] = False
        share = min(needed * room[g] / room.sum(), 0.9 * room[g])
        chosen = pick(nominal, rng.permutation(np.flatnonzero(candidates)), share)
        term[chosen] = short


def _initial_ages(draft, youngest, oldest, rng) -> np.ndarray:
    """Seeded ages a few months apart, so that the balance LP can trade older for younger."""
    weights = np.asarray(AGE_WEIGHTS[:AGE_SPREAD])
    drawn = rng.choice(weights.size, size=draft.n, p=weights / weights.sum())
    return np.clip(youngest + drawn, youngest, oldest)


def _set_dates(draft: Draft, term, age, earliest, cut: int) -> None:
    rng = np.random.default_rng(int(draft.nominal.sum()) % (2**32))
    origination = cut - age - 1
    late = origination < earliest
    origination[late] = cut - age[late]
    offset = np.where(late, 1, 2)
    day = rng.integers(1, 29, draft.n)
    day[origination >= cut] = 1
    draft.columns["original_term"] = term
    draft.columns["remaining_term"] = term - age
    draft.columns["age"] = age
    draft.columns["origination_date"] = _month_starts(origination) + (day - 1)
    draft.columns["first_payment_date"] = _month_starts(origination + offset)
    draft.columns["maturity_date"] = _month_starts(origination + offset + term - 1)


def _month_starts(months: np.ndarray) -> np.ndarray:
    """The 1st of each month index (``month_index``) as datetime64 days."""
    return (months - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]")
