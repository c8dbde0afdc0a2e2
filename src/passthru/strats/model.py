"""The collateral term sheet as data: narrative figures and stratification tables.

Strats compute it, disclosure renders it; nothing here computes or prints.
Every figure keeps its exact value and the text the filing would print, so JSON
carries both and every renderer prints the same digits (see passthru.money).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from passthru.deal import Deal

Exact = float | int | bool | str | date | tuple | None

ALL_LOANS = "all"  # the pseudo-pool of every loan in the deal


@dataclass(frozen=True)
class Figure:
    """One narrative figure of one pool.

    ``exact`` is the full-precision value (None when the tape cannot tell, e.g.
    documentation type from a layout that lacks it); ``printed`` is the text as
    the filing prints it ("6.462%", "$452,246,359.98", "356.84", "September 1,
    2000", "unknown"); ``rule`` names how one became the other
    ("round_half_up:3", "whole_dollars", "floor:0", "ceil:0", "cents", "date",
    "count", "first_of_month", "boolean").
    """

    key: str
    label: str
    exact: Exact
    printed: str
    unit: str
    rule: str
    note: str = ""


@dataclass(frozen=True)
class PoolFigures:
    """The narrative figures of one pool (or of all loans, pool ``"all"``)."""

    pool: str
    figures: tuple[Figure, ...]

    def __getitem__(self, key: str) -> Figure:
        for f in self.figures:
            if f.key == key:
                return f
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return any(f.key == key for f in self.figures)


@dataclass(frozen=True)
class TableRow:
    """A row of a stratification table: the exact balance and its whole-dollar print."""

    label: str
    count: int
    balance: float
    dollars: int  # money.whole_dollars(balance): each row rounded from its exact sum


@dataclass(frozen=True)
class Table:
    """One of the seven stratification tables of one pool.

    ``kind`` is one of TABLE_KINDS. ``title`` holds the title lines as the filing
    centres them; ``heading`` the first column's heading lines. ``footnote`` is
    e.g. "Multi-family dwellings are 2-family and 3-family." or "".
    """

    kind: str
    pool: str
    title: tuple[str, ...]
    heading: tuple[str, ...]
    rows: tuple[TableRow, ...]
    total: TableRow
    footnote: str = ""


TABLE_KINDS: tuple[str, ...] = (
    "origination_year",
    "property_type",
    "units",
    "size",
    "note_rate",
    "ltv",
    "state",
)


@dataclass(frozen=True)
class TermSheet:
    """Figures per pool and for all loans, the seven tables per pool, and the tape's counts."""

    deal: Deal
    as_of: date
    pools: tuple[PoolFigures, ...]  # one per deal pool, then ALL_LOANS
    tables: tuple[Table, ...]  # per pool, in TABLE_KINDS order
    loans_read: int
    loans_accepted: int
    loans_rejected: int
    notes: tuple[str, ...] = field(default=())

    def figures(self, pool: str) -> PoolFigures:
        for p in self.pools:
            if p.pool == pool:
                return p
        raise KeyError(pool)

    def table(self, kind: str, pool: str) -> Table:
        for t in self.tables:
            if t.kind == kind and t.pool == pool:
                return t
        raise KeyError((kind, pool))
