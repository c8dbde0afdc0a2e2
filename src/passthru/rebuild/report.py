"""Which figures and table rows of a filing a rebuilt tape reproduces, and which it cannot.

A figure matches when the term sheet's printed text reads as the same value as
the filing's (``"80%"`` and ``"80.0%"`` both read 80); a table row when its
label (spacing aside), loan count and whole dollars are the filing's. The same
comparison checks a round trip: a rendered term sheet parsed back as a filing.
"""

from __future__ import annotations

from dataclasses import dataclass

from passthru.disclosure.filing import Filing, FilingTable, FilingTableRow, figure_value
from passthru.strats.model import TermSheet


@dataclass(frozen=True)
class Check:
    """One figure or table row: where (``pool/key`` or ``pool/kind/label``), filed and rebuilt."""

    key: str
    filed: str
    rebuilt: str

    @property
    def matched(self) -> bool:
        return self.filed == self.rebuilt


@dataclass(frozen=True)
class RebuildReport:
    """Every check, and why any figure could not be met."""

    checks: tuple[Check, ...]
    reasons: tuple[str, ...] = ()
    seconds: float = 0.0
    attempts: int = 1

    @property
    def matched(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.matched)

    @property
    def unmet(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.matched)

    def summary(self) -> str:
        lines = [
            f"{len(self.matched)} of {len(self.checks)} figures and table rows match the filing "
            f"({self.attempts} attempt{'s' if self.attempts > 1 else ''}, {self.seconds:.2f} s)"
        ]
        lines += [
            f"  differs: {c.key}: filed {c.filed!r}, rebuilt {c.rebuilt!r}" for c in self.unmet
        ]
        lines += [f"  note: {reason}" for reason in self.reasons]
        return "\n".join(lines)


def _reading(key: str, printed: str) -> str:
    try:
        return str(figure_value(key, printed))
    except (ValueError, KeyError, ArithmeticError):
        return printed.strip()


def _row_text(row: FilingTableRow | None) -> str:
    return "" if row is None else f"{row.count} loans, ${row.balance:,}"


def _label(text: str) -> str:
    return " ".join(text.split())


def _table_checks(pool: str, kind: str, filed: FilingTable, rows: dict[str, str], total: str):
    checks = [
        Check(f"{pool}/{kind}/{_label(r.label)}", _row_text(r), rows.pop(_label(r.label), ""))
        for r in filed.rows
    ]
    checks += [Check(f"{pool}/{kind}/{label}", "", text) for label, text in rows.items()]
    checks.append(Check(f"{pool}/{kind}/Total", _row_text(filed.total), total))
    return checks


def check_termsheet(filing: Filing, ts: TermSheet) -> tuple[Check, ...]:
    """Every figure and table row the filing prints against the term sheet's."""
    checks = []
    pools = {p.pool: p for p in ts.pools}
    for pool, figures in filing.pools.items():
        for key, figure in figures.items():
            mine = pools.get(pool)
            rebuilt = mine[key].printed if mine is not None and key in mine else "(not printed)"
            checks.append(
                Check(f"{pool}/{key}", _reading(key, figure.printed), _reading(key, rebuilt))
            )
    tables = {(t.kind, t.pool): t for t in ts.tables}
    for filed in filing.tables:
        table = tables.get((filed.kind, filed.pool))
        rows = (
            {}
            if table is None
            else {
                _label(r.label): _row_text(FilingTableRow(r.label, r.count, r.dollars))
                for r in table.rows  # type: ignore[arg-type]
            }
        )
        total = (
            ""
            if table is None
            else _row_text(FilingTableRow("Total", table.total.count, table.total.dollars))
        )  # type: ignore[arg-type]
        checks += _table_checks(filed.pool, filed.kind, filed, rows, total)
    return tuple(checks)


def compare_filings(original: Filing, other: Filing) -> tuple[Check, ...]:
    """Every figure and table row of ``original`` against ``other`` (a parsed rendering)."""
    checks = []
    for pool, figures in original.pools.items():
        theirs = other.pools.get(pool, {})
        for key, figure in figures.items():
            rebuilt = theirs[key].printed if key in theirs else "(not printed)"
            checks.append(
                Check(f"{pool}/{key}", _reading(key, figure.printed), _reading(key, rebuilt))
            )
    tables = {(t.kind, t.pool): t for t in other.tables}
    for filed in original.tables:
        table = tables.get((filed.kind, filed.pool))
        rows = {} if table is None else {_label(r.label): _row_text(r) for r in table.rows}
        total = "" if table is None else _row_text(table.total)
        checks += _table_checks(filed.pool, filed.kind, filed, rows, total)
    return tuple(checks)
