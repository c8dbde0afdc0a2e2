"""Note rates, borrower attributes, zip codes and nominal LTVs of each loan.

Note rates are in 1/8 steps inside each loan's note-rate row, below the
premium floor (target rate plus servicing fee, §2.2) for discount loans and at
or above it for premium loans; the row labels' lowest and highest rates are
given to one loan each. From seeded draws, ``partition.steer`` moves rates an
eighth at a time until each strip's weighted rate nears its aim. Occupancy and
documentation subsets are picked by nominal balance to their aimed shares;
every zip code holds one loan except the largest zip's loans.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from passthru.rebuild.assign import Draft
from passthru.rebuild.partition import pick, steer
from passthru.rebuild.structure import discount_dollars, premium_floor
from passthru.tape.synthetic import ZIP_PREFIXES

EIGHTH = 125  # thousandths of a percent
UNTABLED_RATE_SPAN = (-750, 1750)  # thousandths around the premium floor, no note-rate table
_OTHER_PREFIXES = {
    "AK": "995", "KY": "402", "LA": "700", "MT": "590", "NE": "680", "ND": "580",
    "OK": "731", "SD": "570", "WI": "530", "WY": "820", "PR": "006", "GU": "969",
    "VI": "008",
}  # fmt: skip


def _rate_ranges(draft: Draft, floor: int) -> tuple[np.ndarray, np.ndarray, int | None, int | None]:
    tables = draft.pool.tables
    discount = draft.mark("discount")
    if "note_rate" in tables:
        rows = tables["note_rate"]
        lowest, highest = rows[0].value[0], rows[-1].value[1]  # type: ignore[index]
        ranges = np.array(list(draft.row_values("note_rate")), dtype=np.int64)
        lo, hi = np.maximum(ranges[:, 0], lowest), np.minimum(ranges[:, 1], highest)
    else:
        lowest = highest = None
        lo = np.where(discount, floor + UNTABLED_RATE_SPAN[0], floor)
        hi = np.where(discount, floor - EIGHTH, floor + UNTABLED_RATE_SPAN[1])
    if discount_dollars(draft.pool) is not None:
        hi = np.where(discount, np.minimum(hi, floor - 1), hi)
        lo = np.where(discount, lo, np.maximum(lo, floor))
    return lo, hi, lowest, highest


def set_rates(
    draft: Draft,
    fee: float,
    pool_aim: float | None,
    strip_aims: dict[str, float | None],
    rng: np.random.Generator,
) -> None:
    """Note rates in thousandths (``columns["rate"]``)."""
    floor = premium_floor(draft.pool, fee)
    lo, hi, lowest, highest = _rate_ranges(draft, floor)
    grid_lo = -(-lo // EIGHTH) * EIGHTH
    grid_hi = hi // EIGHTH * EIGHTH
    if (grid_lo > grid_hi).any():
        draft.notes.append("note rates: some rows hold no rate in 1/8 steps on their side")
        grid_hi = np.maximum(grid_hi, grid_lo)
    steps = (grid_hi - grid_lo) // EIGHTH
    rate = grid_lo + (rng.random(draft.n) * (steps + 1)).astype(np.int64) * EIGHTH
    fixed = np.zeros(draft.n, dtype=bool)
    for extreme, row in ((lowest, 0), (highest, -1)):
        if extreme is None:
            continue
        index = len(draft.pool.tables["note_rate"]) - 1 if row == -1 else 0
        holders = np.flatnonzero(
            (draft.rows["note_rate"] == index) & (lo <= extreme) & (extreme <= hi) & ~fixed
        )
        if holders.size:
            loan = int(rng.choice(holders))
            rate[loan], fixed[loan] = extreme, True
    nominal = draft.nominal.astype(float)
    discount = draft.mark("discount")
    groups = [(~discount, strip_aims.get("premium")), (discount, strip_aims.get("discount"))]
    groups = [(m, a) for m, a in groups if m.any()]
    if any(a is None for _, a in groups):
        groups = [] if pool_aim is None else [(np.ones(draft.n, dtype=bool), pool_aim)]
    for members, aim in groups:
        wanted = aim * 1000 * nominal[members].sum()
        weights = nominal * members
        rate = steer(rate, grid_lo, grid_hi, EIGHTH, weights, wanted, members & ~fixed, rng)
    draft.columns["rate"] = rate


def set_borrowers(
    draft: Draft, aims: dict[str, float | None], sample: pl.DataFrame, rng: np.random.Generator
) -> None:
    """Occupancy, documentation and loan purpose, with the aimed shares of balance."""
    nominal = draft.nominal.astype(float)
    total = nominal.sum()
    occupancy = sample["occupancy"].to_numpy().astype(object)
    if aims.get("non_primary") is not None:
        occupancy[:] = "primary"
        investment = pick(
            nominal, rng.permutation(draft.n), total * (aims.get("investment") or 0) / 100
        )
        occupancy[investment] = "investment"
        rest = np.setdiff1d(np.arange(draft.n), investment)
        target = total * aims["non_primary"] / 100 - nominal[investment].sum()  # type: ignore[operator]
        occupancy[pick(nominal, rng.permutation(rest), target)] = "second_home"
    documentation = sample["documentation"].to_numpy().astype(object)
    if aims.get("stated_income") is not None or aims.get("streamlined") is not None:
        documentation[:] = "full"
        stated = pick(
            nominal, rng.permutation(draft.n), total * (aims.get("stated_income") or 0) / 100
        )
        documentation[stated] = "stated_income"
        rest = np.setdiff1d(np.arange(draft.n), stated)
        streamlined = pick(
            nominal, rng.permutation(rest), total * (aims.get("streamlined") or 0) / 100
        )
        documentation[streamlined] = "streamlined"
    purpose = sample["loan_purpose"].to_numpy().astype(object)
    purpose[(documentation == "streamlined") & (purpose == "purchase")] = "rate_term_refinance"
    draft.columns |= {
        "occupancy": occupancy,
        "documentation": documentation,
        "loan_purpose": purpose,
    }


def nominal_ltvs(draft: Draft, rng: np.random.Generator) -> None:
    """A nominal LTV in thousandths inside each loan's row, leaning to the row's top."""
    lo, hi = draft.columns["ltv_lo"], draft.columns["ltv_hi"]
    draft.columns["ltv_nominal"] = np.round(lo + (hi - lo) * np.sqrt(rng.random(draft.n)))


class ZipBook:
    """Five-digit zips from each state's prefixes, never the same one twice."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._next: dict[str, int] = {}
        self._orders: dict[str, np.ndarray] = {}

    def new(self, state: str) -> str:
        prefixes = ZIP_PREFIXES.get(state) or (_OTHER_PREFIXES.get(state, "999"),)
        if state not in self._orders:
            codes = np.array([int(p) * 100 + s for p in prefixes for s in range(100)])
            self._orders[state] = self._rng.permutation(codes)
        used = self._next.get(state, 0)
        self._next[state] = used + 1
        order = self._orders[state]
        if used < order.size:
            return f"{order[used]:05d}"
        return f"{(order[0] + used) % 100_000:05d}"


def set_zips(draft: Draft, book: ZipBook) -> None:
    """A zip per loan in its state; the largest zip's loans share one."""
    states = draft.columns["state"]
    zips = np.array([book.new(s) for s in states], dtype=object)
    grouped = np.flatnonzero(draft.mark("largest_zip"))
    if grouped.size:
        zips[grouped] = zips[grouped[0]]
    draft.columns["zip"] = zips
