"""The discrete structure of a pool: each loan's size row and its row in every table.

Sizes come first: each size row's loans get nominal balances that add up to
its dollars (a merged row such as "$150,000 through $249,999" puts its loans in
one of its size rows, chosen so that the term sheet merges the empty rows the
same way). The other tables are partitions of those loans (``partition``),
refined where a narrative figure names a subset of a row, so that cross-table
links hold by construction:

* property types: the multi-family row splits by the unit table's 2-, 3- and
  4-family rows, every other type is 1-family;
* note rates: the row holding the premium/discount boundary (target rate plus
  servicing fee) splits into discount and premium loans, so the discount
  balance is a sum of whole rows and part-rows;
* LTV: the row holding the pledged loans' weighted LTV gives them their own part;
* states: the largest state gives the loans of the largest zip code their own part.

A pool the filing gives no tables for (2003-2) takes plausible attributes from
the synthetic tape instead (``passthru.tape.synthetic``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from passthru.rebuild.partition import partition, spread_nominal
from passthru.rebuild.targets import PoolTargets, RowTarget
from passthru.strats.buckets import SIZE_FIRST_UPPER, SIZE_ROWS, SIZE_STEP, merge_empty_sizes

SMALLEST_BALANCE = 1_000_00  # cents: the floor of the "$149,999 and under" row
DEFAULT_MAX_BALANCE = 1_000_000_00  # cents, when the filing prints no largest original balance
UNTABLED_SPREAD = 0.2  # an untabled loan's balance may move 20% from its nominal value


@dataclass
class Draft:
    """One pool's loans as they are being built: arrays with one entry per loan."""

    pool: PoolTargets
    lo: np.ndarray  # balance bounds, whole cents, inclusive
    hi: np.ndarray
    nominal: np.ndarray  # nominal balance, whole cents
    pinned: np.ndarray  # nominal fixed by a one-loan row
    rows: dict[str, np.ndarray] = field(default_factory=dict)  # table kind -> row index
    marks: dict[str, np.ndarray] = field(default_factory=dict)  # named subsets, bool
    columns: dict[str, np.ndarray] = field(default_factory=dict)  # attributes of the tape
    sample: pl.DataFrame | None = None  # synthetic loans lending plausible attributes
    notes: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return self.nominal.size

    def mark(self, name: str) -> np.ndarray:
        return self.marks.get(name, np.zeros(self.n, dtype=bool))

    def row_values(self, kind: str) -> np.ndarray:
        """Each loan's table-row value (year, code, range...) for table ``kind``."""
        values = [row.value for row in self.pool.tables[kind]]
        out = np.empty(self.n, dtype=object)
        for i, loan_row in enumerate(self.rows[kind]):
            out[i] = values[loan_row]
        return out


def size_bounds(row: int, max_cents: int) -> tuple[int, int]:
    """Whole-cent bounds of size row ``row`` (half-open dollar intervals, buckets.size_row)."""
    lo = SMALLEST_BALANCE if row == 0 else (SIZE_FIRST_UPPER + (row - 1) * SIZE_STEP) * 100
    hi = max_cents if row == SIZE_ROWS - 1 else (SIZE_FIRST_UPPER + row * SIZE_STEP) * 100 - 1
    return lo, min(hi, max_cents)


def _size_choices(rows: tuple[RowTarget, ...], max_cents: int) -> list[list[int]]:
    """For each size row, the size rows its loans may all sit in."""
    choices = []
    for row in rows:
        first, last = row.value  # type: ignore[misc]
        fits = []
        for s in range(first, last + 1):
            lo, hi = size_bounds(s, max_cents)
            if row.count * lo <= row.dollars * 100 <= row.count * hi:
                fits.append(s)
        choices.append(fits or [first])
    return choices


def _merges_alike(rows: tuple[RowTarget, ...], chosen: tuple[int, ...]) -> bool:
    spans = merge_empty_sizes({s: (row.count, 0.0) for s, row in zip(chosen, rows, strict=True)})
    return [s.label for s in spans] == [" ".join(r.label.split()) for r in rows]


def sizes_from_table(
    pool: PoolTargets, max_cents: int, rng: np.random.Generator
) -> tuple[Draft, list[str]]:
    """Nominal balances and bounds from the size table, merged rows resolved."""
    rows = pool.tables["size"]
    options = _size_choices(rows, max_cents)
    chosen = next(
        (c for c in itertools.product(*options) if _merges_alike(rows, c)),
        tuple(o[0] for o in options),
    )
    notes = [] if _merges_alike(rows, chosen) else ["size rows: merged labels cannot be matched"]
    parts = []
    for index, (row, s) in enumerate(zip(rows, chosen, strict=True)):
        lo, hi = size_bounds(s, max_cents)
        values = spread_nominal(row.count, row.dollars * 100, lo, hi, rng)
        parts.append((np.full(row.count, lo), np.full(row.count, hi), values, index))
    lo = np.concatenate([p[0] for p in parts]).astype(np.int64)
    hi = np.concatenate([p[1] for p in parts]).astype(np.int64)
    nominal = np.concatenate([p[2] for p in parts])
    size_rows = np.concatenate([np.full(p[0].size, p[3]) for p in parts])
    pinned = np.isin(size_rows, [i for i, r in enumerate(rows) if r.count == 1])
    draft = Draft(pool, lo, hi, nominal, pinned)
    draft.rows["size"] = size_rows
    return draft, notes


def sizes_from_sample(pool: PoolTargets, sample: pl.DataFrame, max_cents: int) -> Draft:
    """Nominal balances from a synthetic sample, scaled to the pool's balance under the cap.

    Each pass scales the loans under the cap to the balance still wanted; a pass
    either meets it or caps one more loan, so at most one pass per loan.
    """
    values = sample["current_balance"].to_numpy() * 100.0
    for _ in range(values.size):
        capped = values >= max_cents
        free = values[~capped].sum()
        values[~capped] *= (pool.cents - max_cents * capped.sum()) / free
        values = np.clip(values, SMALLEST_BALANCE, max_cents)
        if values.max() <= max_cents and abs(values.sum() - pool.cents) < 1:
            break
    values = np.round(values).astype(np.int64)
    values[np.argmax(values < max_cents)] += pool.cents - values.sum()
    lo = np.maximum(np.round(values * (1 - UNTABLED_SPREAD)), SMALLEST_BALANCE).astype(np.int64)
    hi = np.minimum(np.round(values * (1 + UNTABLED_SPREAD)), max_cents).astype(np.int64)
    return Draft(pool, lo, hi, values, np.zeros(values.size, dtype=bool))


@dataclass(frozen=True)
class Part:
    """A refined row: ``count`` loans, nominally ``cents``, in table row ``row``, tagged ``tag``."""

    row: int
    count: int
    cents: int
    tag: str = ""


def refined(rows: tuple[RowTarget, ...], splits: dict[int, list[tuple[int, int, str]]]):
    """Rows with some split into tagged parts (count, dollars, tag) and the untagged rest."""
    parts: list[Part] = []
    for index, row in enumerate(rows):
        taken_count, taken_dollars = 0, 0
        for count, dollars, tag in splits.get(index, []):
            parts.append(Part(index, count, dollars * 100, tag))
            taken_count += count
            taken_dollars += dollars
        if row.count - taken_count > 0:
            parts.append(Part(index, row.count - taken_count, (row.dollars - taken_dollars) * 100))
    return parts


def place(draft: Draft, kind: str, parts: list[Part]) -> None:
    """Partition the loans into ``parts``; set the table rows and the tagged marks."""
    chosen = partition(
        draft.nominal,
        draft.lo,
        draft.hi,
        draft.pinned,
        [p.count for p in parts],
        [p.cents for p in parts],
    )
    draft.rows[kind] = np.array([parts[c].row for c in chosen], dtype=np.int64)
    for tag in {p.tag for p in parts if p.tag}:
        tagged = [i for i, p in enumerate(parts) if p.tag == tag]
        draft.marks[tag] = draft.mark(tag) | np.isin(chosen, tagged)


def row_holding(rows: tuple[RowTarget, ...], thousandths: int) -> int | None:
    """The index of the range row holding a value in thousandths, if any."""
    for index, row in enumerate(rows):
        low, high = row.value  # type: ignore[misc]
        if low <= thousandths <= high:
            return index
    return None
