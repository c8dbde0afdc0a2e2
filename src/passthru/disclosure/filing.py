"""A CMSI Form 8-K read back into data: narrative figures, tables and certificate terms.

The parser (``passthru.disclosure.parse``) fills it; nothing here reads text.
Figure keys and table kinds are the term sheet's (``passthru.strats.model``), so a
parsed filing and a parsed rendering compare key by key. Money is ``Decimal`` with
the printed cents; every figure keeps the text it was read from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

FilingKind = Literal["collateral_term_sheet", "detailed_description"]
Qualifier = Literal["", "at least", "no more than"]
FigureValue = Decimal | int | bool | date | None

ALL_LOANS = "all"

# The unit of each term-sheet figure key; it decides how ``printed`` becomes ``value``.
_BASE_UNITS: dict[str, str] = {
    "loan_count": "count",
    "aggregate_balance": "dollars",
    "wa_note_rate": "percent",
    "wa_remaining_term": "months",
    "wa_original_term": "months",
    "origination_start": "date",
    "origination_end": "date",
    "latest_maturity": "date",
    "min_original_balance": "dollars",
    "max_original_balance": "dollars",
    "ltv_over_80_balance": "dollars",
    "max_ltv": "percent",
    "any_ltv_over_95": "boolean",
    "wa_ltv": "percent",
    "max_zip_balance": "dollars",
    "primary_residence_pct": "percent",
    "investment_pct": "percent",
    "full_or_streamlined_pct": "percent",
    "stated_income_pct": "percent",
    "streamlined_pct": "percent",
    "ltv_over_80_uninsured_count": "count",
    "additional_collateral_count": "count",
    "additional_collateral_balance": "dollars",
    "additional_collateral_wa_ltv": "percent",
    "additional_collateral_wa_ltv_without_pledge": "percent",
    "target_rate": "percent",
}
# Premium and discount loans of a pool: ``premium_count``, ``discount_wa_note_rate``...
_STRIP_UNITS = {
    "count": "count",
    "balance": "dollars",
    "wa_note_rate": "percent",
    "wa_remaining_term": "months",
}

FIGURE_UNITS: dict[str, str] = {
    **_BASE_UNITS,
    **{
        f"{strip}_{k}": unit
        for strip in ("premium", "discount")
        for k, unit in _STRIP_UNITS.items()
    },
}


def figure_value(key: str, printed: str) -> FigureValue:
    """Parse a figure's printed text by its key's unit; "" (no such loans) gives None.

    Raises ValueError when the text does not fit the unit (e.g. "February 31, 2003").
    """
    unit = FIGURE_UNITS[key]
    text = printed.strip()
    if text == "":
        return None
    if unit == "boolean":
        return {"yes": True, "no": False}[text]
    if unit == "date":
        return _parse_date(text)
    digits = text.replace("$", "").replace("%", "").replace(",", "").strip()
    if unit == "count":
        return parse_count(digits)
    return Decimal(digits)


MAX_COUNT_DIGITS = 15  # no pool holds a quadrillion loans; longer is a misprint


def parse_count(text: str) -> int:
    """A loan count as printed ("993", "1,620"); ValueError for text that is no count."""
    digits = text.replace(",", "").strip()
    if not digits.isdigit() or len(digits) > MAX_COUNT_DIGITS:
        raise ValueError(f"{text[:20]!r} is not a loan count")
    return int(digits)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _parse_date(text: str) -> date:
    """``"September 1, 2000"`` -> ``date(2000, 9, 1)``."""
    month_day, _, year = text.partition(",")
    month, _, day = month_day.strip().partition(" ")
    return date(int(year), _MONTHS.index(month.strip().capitalize()) + 1, int(day))


@dataclass(frozen=True)
class FilingFigure:
    """One narrative figure as read: the printed text, its value, and where it stood.

    ``printed`` carries the unit marks of the term-sheet contract ("6.462%",
    "$452,246,359.98", "356.84", "September 1, 2000", "97%", "no"); ``qualifier``
    is the share's "at least" or "no more than"; ``line`` the 1-based source line.
    """

    key: str
    printed: str
    value: FigureValue
    qualifier: Qualifier = ""
    line: int = 0

    @property
    def text(self) -> str:
        """The figure as a sentence would state it: ``"at least 97%"``."""
        return f"{self.qualifier} {self.printed}".strip()


@dataclass(frozen=True)
class FilingTableRow:
    """A table row: label (wrapped lines rejoined, markers dropped), count, whole dollars."""

    label: str
    count: int
    balance: Decimal


@dataclass(frozen=True)
class FilingTable:
    """A stratification table; ``kind`` is a term-sheet table kind or "unknown".

    ``line`` is the 1-based line of the title's first line; ``total`` is None when
    the table has no readable Total row.
    """

    kind: str
    pool: str
    title: tuple[str, ...]
    heading: tuple[str, ...]
    rows: tuple[FilingTableRow, ...]
    total: FilingTableRow | None
    line: int
    footnote: str = ""


@dataclass(frozen=True)
class SubordinationLevel:
    """A class subordination level in percent, as printed ("2.150127919560") and exact."""

    printed: str
    value: Decimal


@dataclass(frozen=True)
class Certificates:
    """Certificate terms of a detailed description (cashflow-and-structure.md §3.3-3.4)."""

    class_balances: dict[str, Decimal] = field(default_factory=dict)
    subordination_levels: dict[str, SubordinationLevel] = field(default_factory=dict)
    special_hazard_loss_limit: Decimal | None = None
    fraud_loss_limit: Decimal | None = None
    bankruptcy_loss_limit: Decimal | None = None
    clean_up_threshold: Decimal | None = None


@dataclass(frozen=True)
class FilingDealTerms:
    """What a deal file needs from the filing: pools, inclusive original-term bounds
    in months ("more than 20 years" starts at 241), target rates (premium/discount
    split, percent) and the cut-off date."""

    pool_names: tuple[str, ...] = ()
    original_terms: dict[str, tuple[int, int]] = field(default_factory=dict)
    target_rates: dict[str, Decimal] = field(default_factory=dict)
    cut_off_date: date | None = None

    @property
    def original_term_years(self) -> dict[str, tuple[int, int]]:
        """The bounds in years, for pools whose bounds are whole years."""
        return {
            pool: (low // 12, high // 12)
            for pool, (low, high) in self.original_terms.items()
            if low % 12 == 0 and high % 12 == 0
        }


@dataclass(frozen=True)
class Filing:
    """A parsed filing. ``pools`` maps pool name ("I", "II", ..., "all") to figures by key."""

    source: str
    registrant: str
    series: str
    report_date: date | None
    cut_off_date: date | None
    kind: FilingKind
    pools: dict[str, dict[str, FilingFigure]]
    tables: list[FilingTable]
    certificates: Certificates
    deal_terms: FilingDealTerms
    warnings: list[str]

    def figure(self, pool: str, key: str) -> FilingFigure:
        return self.pools[pool][key]

    def table(self, kind: str, pool: str) -> FilingTable:
        for t in self.tables:
            if t.kind == kind and t.pool == pool:
                return t
        raise KeyError((kind, pool))

    def to_json(self) -> str:
        return json.dumps(_filing_to_dict(self), indent=2)

    @classmethod
    def from_json(cls, text: str) -> Filing:
        return _filing_from_dict(json.loads(text))


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _from_iso(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _from_money(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _row_to_dict(row: FilingTableRow | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"label": row.label, "count": row.count, "balance": str(row.balance)}


def _row_from_dict(data: dict[str, Any] | None) -> FilingTableRow | None:
    if data is None:
        return None
    return FilingTableRow(data["label"], data["count"], Decimal(data["balance"]))


def _filing_to_dict(f: Filing) -> dict[str, Any]:
    c, d = f.certificates, f.deal_terms
    return {
        "source": f.source,
        "registrant": f.registrant,
        "series": f.series,
        "report_date": _iso(f.report_date),
        "cut_off_date": _iso(f.cut_off_date),
        "kind": f.kind,
        "pools": {
            pool: {
                key: {"printed": g.printed, "qualifier": g.qualifier, "line": g.line}
                for key, g in figures.items()
            }
            for pool, figures in f.pools.items()
        },
        "tables": [
            {
                "kind": t.kind,
                "pool": t.pool,
                "title": list(t.title),
                "heading": list(t.heading),
                "rows": [_row_to_dict(r) for r in t.rows],
                "total": _row_to_dict(t.total),
                "footnote": t.footnote,
                "line": t.line,
            }
            for t in f.tables
        ],
        "certificates": {
            "class_balances": {k: str(v) for k, v in c.class_balances.items()},
            "subordination_levels": {k: v.printed for k, v in c.subordination_levels.items()},
            "special_hazard_loss_limit": _money(c.special_hazard_loss_limit),
            "fraud_loss_limit": _money(c.fraud_loss_limit),
            "bankruptcy_loss_limit": _money(c.bankruptcy_loss_limit),
            "clean_up_threshold": _money(c.clean_up_threshold),
        },
        "deal_terms": {
            "pool_names": list(d.pool_names),
            "original_terms": {k: list(v) for k, v in d.original_terms.items()},
            "target_rates": {k: str(v) for k, v in d.target_rates.items()},
            "cut_off_date": _iso(d.cut_off_date),
        },
        "warnings": list(f.warnings),
    }


def _filing_from_dict(data: dict[str, Any]) -> Filing:
    c, d = data["certificates"], data["deal_terms"]
    return Filing(
        source=data["source"],
        registrant=data["registrant"],
        series=data["series"],
        report_date=_from_iso(data["report_date"]),
        cut_off_date=_from_iso(data["cut_off_date"]),
        kind=data["kind"],
        pools={
            pool: {
                key: FilingFigure(
                    key, g["printed"], figure_value(key, g["printed"]), g["qualifier"], g["line"]
                )
                for key, g in figures.items()
            }
            for pool, figures in data["pools"].items()
        },
        tables=[
            FilingTable(
                kind=t["kind"],
                pool=t["pool"],
                title=tuple(t["title"]),
                heading=tuple(t["heading"]),
                rows=tuple(_row_from_dict(r) for r in t["rows"]),
                total=_row_from_dict(t["total"]),
                line=t["line"],
                footnote=t["footnote"],
            )
            for t in data["tables"]
        ],
        certificates=Certificates(
            class_balances={k: Decimal(v) for k, v in c["class_balances"].items()},
            subordination_levels={
                k: SubordinationLevel(v, Decimal(v)) for k, v in c["subordination_levels"].items()
            },
            special_hazard_loss_limit=_from_money(c["special_hazard_loss_limit"]),
            fraud_loss_limit=_from_money(c["fraud_loss_limit"]),
            bankruptcy_loss_limit=_from_money(c["bankruptcy_loss_limit"]),
            clean_up_threshold=_from_money(c["clean_up_threshold"]),
        ),
        deal_terms=FilingDealTerms(
            pool_names=tuple(d["pool_names"]),
            original_terms=_original_terms(d),
            target_rates={k: Decimal(v) for k, v in d["target_rates"].items()},
            cut_off_date=_from_iso(d["cut_off_date"]),
        ),
        warnings=list(data["warnings"]),
    )


def _original_terms(deal_terms: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Bounds in months; JSON written before months were kept gives whole years."""
    if "original_terms" in deal_terms:
        return {k: (v[0], v[1]) for k, v in deal_terms["original_terms"].items()}
    years = deal_terms.get("original_term_years", {})
    return {k: (v[0] * 12, v[1] * 12) for k, v in years.items()}
