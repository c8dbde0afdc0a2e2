"""What a rebuilt tape must reproduce, read from a parsed filing.

Each printed figure becomes the interval of exact values that print the same,
by the term sheet's own rules (``passthru.strats.figures``, cashflow-and-structure.md
§3.2): "6.462%" rounded half-up to 3 places is [6.4615, 6.4625); "$7,103,322" is
[7,103,321.5, 7,103,322.5); "at least 97%" (floored) is [97, 98); "no more than
5%" (ceiled) is (4, 5]; "$16,000" as the smallest original balance (floored) is
[16,000, 16,001). Each table row is its loan count and the interval of its
whole dollars; its label names the attribute values its loans must have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from passthru.deal import Deal, PoolTerms, load_deal, shipped_deals
from passthru.disclosure.filing import ALL_LOANS, Filing, FilingFigure
from passthru.errors import DealError, FilingError
from passthru.strats.buckets import LTV_FIRST_UPPER, SIZE_FIRST_UPPER, SIZE_ROWS, SIZE_STEP
from passthru.tape.schema import PROPERTY_TYPES, STATES

DEFAULT_SERVICING_FEE = 0.25  # percent a year, as CMSI's deals charge
LOWEST_LTV = 20_000  # thousandths: the floor given to "65.00% and below" loans

# Decimal places each figure is rounded to before it is printed (strats.figures).
_PLACES = {"percent": 3, "months": 2}
_LTV_KEYS = (
    "wa_ltv",
    "additional_collateral_wa_ltv",
    "additional_collateral_wa_ltv_without_pledge",
)


@dataclass(frozen=True)
class Bounds:
    """Exact values that print as the filing prints: ``lo``..``hi`` with open or closed ends."""

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = True

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    @property
    def width(self) -> float:
        return self.hi - self.lo

    def inner(self, share: float) -> tuple[float, float]:
        """A closed interval ``share`` of the width inside each end (the point itself if exact)."""
        step = self.width * share
        return self.lo + step, self.hi - step


def exact(value: float) -> Bounds:
    return Bounds(value, value, hi_open=False)


def rounded(value: float, places: int) -> Bounds:
    """Values that round half-up to ``value`` at ``places`` decimals."""
    half = 0.5 * 10.0**-places
    return Bounds(value - half, value + half)


def figure_bounds(key: str, figure: FilingFigure) -> Bounds | None:
    """The exact values of figure ``key`` that print as ``figure`` does; None if not numeric."""
    value = figure.value
    if value is None or isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    v = float(value)
    if key == "aggregate_balance" or isinstance(value, int):
        return exact(v)
    if key == "min_original_balance":
        return Bounds(v, v + 1)
    if key == "max_original_balance":
        return Bounds(v - 1, v, lo_open=True, hi_open=False)
    if figure.qualifier == "at least":
        return Bounds(v, v + 1)
    if figure.qualifier == "no more than":
        return exact(0.0) if v == 0 else Bounds(v - 1, v, lo_open=True, hi_open=False)
    if key in _LTV_KEYS:
        return rounded(v, 1)
    if key.endswith("_balance") or key == "max_zip_balance":
        return rounded(v, 0)
    unit = "months" if key.endswith("_term") else "percent"
    return rounded(v, _PLACES[unit])


@dataclass(frozen=True)
class RowTarget:
    """A table row: its label, loan count, whole dollars, and the attribute it names.

    ``value`` is a size span (first row, last row), a rate or LTV range in
    thousandths (low, high), a year, a property-type code, a unit count or a
    state code, by the table's kind.
    """

    label: str
    count: int
    dollars: int
    value: object

    @property
    def bounds(self) -> Bounds:
        return rounded(float(self.dollars), 0)


@dataclass(frozen=True)
class PoolTargets:
    """One pool's count, balance in cents, printed figures, tables and deal terms."""

    name: str
    count: int
    cents: int
    figures: dict[str, FilingFigure]
    tables: dict[str, tuple[RowTarget, ...]]
    terms: PoolTerms
    unreadable: tuple[str, ...] = field(default=())

    def bounds(self, key: str) -> Bounds | None:
        figure = self.figures.get(key)
        return None if figure is None else figure_bounds(key, figure)

    def value(self, key: str) -> object:
        figure = self.figures.get(key)
        return None if figure is None else figure.value


@dataclass(frozen=True)
class Targets:
    """Every pool's targets and the all-loans figures (2003-2 prints some)."""

    pools: tuple[PoolTargets, ...]
    all_figures: dict[str, FilingFigure]
    deal: Deal

    def all_bounds(self, key: str) -> Bounds | None:
        figure = self.all_figures.get(key)
        return None if figure is None else figure_bounds(key, figure)


def deal_for_filing(filing: Filing, servicing_fee_rate: float | None = None) -> Deal:
    """The shipped deal of the filing's series, else one built from its deal terms.

    Pools take original-term ranges in months from the bounds the filing states
    (years or months; "more than 20 years" starts at 241 months),
    target rates from its premium/discount sentences, and the servicing fee
    ``servicing_fee_rate`` (0.25% a year unless given).
    """
    name = f"cmsi-{filing.series}"
    if filing.series and name in shipped_deals() and servicing_fee_rate is None:
        return load_deal(name)
    terms = filing.deal_terms
    cut_off = terms.cut_off_date or filing.cut_off_date
    if cut_off is None or not terms.pool_names:
        raise FilingError(f"{filing.source}: no cut-off date or pools to build a deal from")
    pools = []
    for pool in terms.pool_names:
        if pool not in terms.original_terms or pool not in terms.target_rates:
            raise FilingError(f"{filing.source}: pool {pool} lacks its term range or target rate")
        pools.append(
            {
                "name": pool,
                "original_term": terms.original_terms[pool],
                "target_rate": float(terms.target_rates[pool]),
            }
        )
    fee = DEFAULT_SERVICING_FEE if servicing_fee_rate is None else servicing_fee_rate
    try:
        return Deal.model_validate(
            {
                "name": name,
                "series": filing.series,
                "cut_off_date": cut_off,
                "servicing_fee_rate": fee,
                "pools": pools,
            }
        )
    except ValueError as exc:
        raise DealError(f"deal terms of {filing.source} are inconsistent: {exc}") from None


_DOLLARS = re.compile(r"\$\s*([\d,]+)")
_PERCENTS = re.compile(r"([\d.]+)%")
_STATE_CODES = {name.lower(): code for code, name in STATES.items()}
_PROPERTY_CODES = {" ".join(name.lower().split()): code for code, name in PROPERTY_TYPES.items()}


def _size_row(dollars: int) -> int:
    index = dollars // SIZE_STEP - (SIZE_FIRST_UPPER // SIZE_STEP - 1)
    return min(max(index, 0), SIZE_ROWS - 1)


def _size_span(label: str) -> tuple[int, int]:
    amounts = [int(a.replace(",", "")) for a in _DOLLARS.findall(label)]
    if "under" in label and len(amounts) == 1:
        return 0, _size_row(amounts[0])
    if "over" in label and len(amounts) == 1:
        return _size_row(amounts[0]), SIZE_ROWS - 1
    if "through" in label and len(amounts) == 2:
        return _size_row(amounts[0]), _size_row(amounts[1])
    raise ValueError(label)


def _percent_range(label: str) -> tuple[int, int]:
    values = [round(float(p) * 1000) for p in _PERCENTS.findall(label)]
    if "and below" in label and len(values) == 1:
        return LOWEST_LTV, min(values[0], LTV_FIRST_UPPER)
    if len(values) == 2:
        return values[0], values[1]
    raise ValueError(label)


def _units(label: str) -> int:
    match = re.fullmatch(r"(\d)-family", label.strip())
    if not match:
        raise ValueError(label)
    return int(match.group(1))


def _lookup(table: dict[str, str]):
    def read(label: str) -> str:
        return table[" ".join(label.lower().replace("*", "").split())]

    return read


_LABEL_READERS = {
    "size": _size_span,
    "note_rate": _percent_range,
    "ltv": _percent_range,
    "origination_year": lambda label: int(label.strip()),
    "units": _units,
    "property_type": _lookup(_PROPERTY_CODES),
    "state": _lookup(_STATE_CODES),
}


def _pool_tables(filing: Filing, pool: str) -> tuple[dict[str, tuple[RowTarget, ...]], list[str]]:
    tables: dict[str, tuple[RowTarget, ...]] = {}
    unreadable: list[str] = []
    for table in filing.tables:
        if table.pool != pool or table.kind not in _LABEL_READERS:
            continue
        try:
            rows = tuple(
                RowTarget(r.label, r.count, int(r.balance), _LABEL_READERS[table.kind](r.label))
                for r in table.rows
            )
        except (ValueError, KeyError) as exc:
            unreadable.append(f"{table.kind} table of pool {pool}: row label {exc} not understood")
            continue
        tables[table.kind] = rows
    return tables, unreadable


def _tables_holding(
    tables: dict[str, tuple[RowTarget, ...]], count: int, pool: str
) -> tuple[dict[str, tuple[RowTarget, ...]], list[str]]:
    """The tables whose rows hold the pool's loan count; another cannot be reproduced."""
    kept: dict[str, tuple[RowTarget, ...]] = {}
    left_out: list[str] = []
    for kind, rows in tables.items():
        held = sum(r.count for r in rows)
        if held == count:
            kept[kind] = rows
        else:
            left_out.append(
                f"{kind} table of pool {pool}: rows hold {held} loans but the pool has "
                f"{count}; the table cannot be reproduced"
            )
    return kept, left_out


def _cents(figure: FilingFigure | None) -> int | None:
    if figure is None or figure.value is None:
        return None
    return int(Decimal(str(figure.value)) * 100)


def read_targets(filing: Filing, deal: Deal) -> Targets:
    """Each deal pool's targets; FilingError when a pool's count or balance cannot be known."""
    pools = []
    for terms in deal.pools:
        figures = dict(filing.pools.get(terms.name, {}))
        tables, unreadable = _pool_tables(filing, terms.name)
        count = figures["loan_count"].value if "loan_count" in figures else None
        cents = _cents(figures.get("aggregate_balance"))
        totals = [filing.table(k, terms.name).total for k in tables]
        if count is None and totals and totals[0] is not None:
            count = totals[0].count
        if cents is None and totals and totals[0] is not None:
            cents = int(totals[0].balance) * 100
        if not count or cents is None:
            raise FilingError(
                f"{filing.source}: pool {terms.name} has no loan count or aggregate balance"
            )
        tables, left_out = _tables_holding(tables, int(count), terms.name)
        unreadable += left_out
        pools.append(
            PoolTargets(terms.name, int(count), cents, figures, tables, terms, tuple(unreadable))
        )
    return Targets(tuple(pools), dict(filing.pools.get(ALL_LOANS, {})), deal)
