"""Who a CMSI sentence speaks of, and which of its values belong to whom.

CMSI states a figure once for every pool a sentence names, in the order it names
them ("the pool I mortgage loans and the pool II mortgage loans ... were 6.462% and
6.153%, respectively"); one value stands for all ("are each 80%"). A one-pool
filing says "the mortgage loans": those are all loans (pool "all").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from passthru.disclosure.filing import (
    ALL_LOANS,
    FIGURE_UNITS,
    FilingFigure,
    Qualifier,
    figure_value,
)
from passthru.disclosure.parse_text import COUNT, DATE, MONTHS

_SUBJECT = re.compile(
    r"\b(?:(?P<all>all)\s+mortgage\s+loans?"
    r"|(?:pool|group)\s+(?P<pool>[IVX]+|\d+)\s+(?P<strip>mortgage|premium|discount)\s+loans?)\b",
    re.IGNORECASE,
)
_BARE_SUBJECT = re.compile(r"\b(?P<strip>mortgage|premium|discount)\s+loans?\b", re.IGNORECASE)
_VERB = re.compile(r"\b(?:were|was|are|is)\b", re.IGNORECASE)
_STRIP_KEYS = {"loan_count": "count", "aggregate_balance": "balance"}


class Unreadable(ValueError):
    """A sentence that names a figure but whose values cannot be read."""


@dataclass(frozen=True)
class Subject:
    """A pool a sentence names ("I", "II", "all") and which of its loans."""

    pool: str
    strip: str  # "" for the mortgage loans, or "premium" / "discount"

    def key(self, base: str) -> str:
        if not self.strip:
            return base
        key = f"{self.strip}_{_STRIP_KEYS.get(base, base)}"
        if key not in FIGURE_UNITS:
            raise Unreadable(f"no figure {key!r} for {self.strip} loans")
        return key


@dataclass
class NarrativeRead:
    """Figures by pool and key, with the deal terms the sentences give along the way."""

    figures: dict[str, dict[str, FilingFigure]] = field(default_factory=dict)
    term_months: dict[str, tuple[int, int]] = field(default_factory=dict)
    target_rates: dict[str, Decimal] = field(default_factory=dict)
    cut_off_date: date | None = None
    every_pool: dict[str, tuple[str, int]] = field(default_factory=dict)  # key: (printed, line)
    warnings: list[str] = field(default_factory=list)

    def put(self, pool: str, key: str, printed: str, line: int, qualifier: Qualifier = "") -> None:
        figure = FilingFigure(key, printed, figure_value(key, printed), qualifier, line)
        known = self.figures.setdefault(pool, {}).get(key)
        if known is not None and known.printed != printed:
            self.warnings.append(
                f"line {line}: pool {pool} {key} read as {printed!r}, "
                f"but line {known.line} gave {known.printed!r}; the first is kept"
            )
            return
        self.figures[pool].setdefault(key, figure)


def subjects(text: str) -> list[Subject]:
    """The pools a sentence names, in order: pool I, pool II, all; else the bare loans."""
    found: list[Subject] = []
    for m in _SUBJECT.finditer(text):
        s = Subject(ALL_LOANS, "") if m["all"] else Subject(m["pool"].upper(), _strip(m))
        if s not in found:
            found.append(s)
    if not found:
        for m in _BARE_SUBJECT.finditer(text):
            s = Subject(ALL_LOANS, _strip(m))
            if s not in found:
                found.append(s)
    return found


def _strip(m: re.Match[str]) -> str:
    word = m["strip"].lower()
    return "" if word == "mortgage" else word


def printed_as(unit: str, raw: str) -> str:
    text = "".join(raw.split())
    if unit == "dollars":
        return text if text.startswith("$") else "$" + text
    if unit == "date":
        return " ".join(raw.split()).replace(" ,", ",")
    return text


def values_of(pattern: re.Pattern[str], text: str) -> list[str]:
    if pattern is MONTHS:
        return [m.group(1) for m in pattern.finditer(text)]
    if pattern is COUNT:
        text = DATE.sub(" ", text)
    return [m.group(0) for m in pattern.finditer(text)]


def after_verb(text: str) -> str:
    verbs = list(_VERB.finditer(text))
    if not verbs:
        raise Unreadable("no 'were', 'was', 'are' or 'is' before the values")
    return text[verbs[-1].end() :]


def before_subject(text: str) -> str:
    m = _SUBJECT.search(text) or _BARE_SUBJECT.search(text)
    return text if m is None else text[: m.start()]


def assign(
    read: NarrativeRead,
    line: int,
    base: str,
    values: list[str],
    named: list[Subject],
    qualifier: Qualifier = "",
) -> None:
    """Values to pools in the order named; one value stands for every pool ("each")."""
    if not named:
        raise Unreadable("names no pool")
    if not values:
        raise Unreadable("no value found")
    if len(values) == 1:
        values = values * len(named)
    if len(values) != len(named):
        raise Unreadable(f"{len(values)} values for {len(named)} pools")
    for subject, raw in zip(named, values, strict=True):
        key = subject.key(base)
        read.put(subject.pool, key, printed_as(FIGURE_UNITS[key], raw), line, qualifier)
