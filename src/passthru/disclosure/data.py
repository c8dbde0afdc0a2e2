"""The term sheet as data: JSON (nested) and CSV (one long table).

JSON::

    {"deal": {...the deal's terms...}, "as_of": "2002-12-01",
     "counts": {"read": .., "accepted": .., "rejected": ..}, "notes": [..],
     "pools": {"I": {key: {"label", "exact", "printed", "unit", "rule", "note"}}, ...,
               "all": {...}},
     "tables": [{"kind", "pool", "title", "heading",
                 "rows": [{"label", "count", "balance", "dollars"}], "total": {..},
                 "footnote"}]}

Dates are ISO, exact floats keep full precision (Python's shortest round-trip
repr), ``printed`` is the text the filing prints.

CSV columns ``section,pool,kind,key,label,count,exact,printed``, one row per:

* ``figure``: a narrative figure; ``kind`` empty, ``key`` the figure key,
  ``exact`` the full-precision value (ISO date, ``true``/``false``, empty when
  unknown), ``printed`` as printed ("6.462%");
* ``table``: a table row; ``kind`` the table kind, ``key`` the row's 1-based
  position or ``total``, ``count`` the number of loans, ``exact`` the exact
  balance, ``printed`` the whole-dollar balance ("$704,113");
* ``note``: a note of the term sheet (e.g. loans rejected) in ``label``.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from passthru.money import format_dollars
from passthru.strats.model import Exact, Figure, Table, TableRow, TermSheet

CSV_COLUMNS = ("section", "pool", "kind", "key", "label", "count", "exact", "printed")


def _jsonable(value: Exact):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value


def _figure(figure: Figure) -> dict:
    return {
        "label": figure.label,
        "exact": _jsonable(figure.exact),
        "printed": figure.printed,
        "unit": figure.unit,
        "rule": figure.rule,
        "note": figure.note,
    }


def _row(row: TableRow) -> dict:
    return {"label": row.label, "count": row.count, "balance": row.balance, "dollars": row.dollars}


def _table(table: Table) -> dict:
    return {
        "kind": table.kind,
        "pool": table.pool,
        "title": list(table.title),
        "heading": list(table.heading),
        "rows": [_row(r) for r in table.rows],
        "total": _row(table.total),
        "footnote": table.footnote,
    }


def termsheet_dict(ts: TermSheet) -> dict:
    """The term sheet as plain JSON-ready data."""
    return {
        "deal": ts.deal.model_dump(mode="json"),
        "as_of": ts.as_of.isoformat(),
        "counts": {
            "read": ts.loans_read,
            "accepted": ts.loans_accepted,
            "rejected": ts.loans_rejected,
        },
        "notes": list(ts.notes),
        "pools": {p.pool: {f.key: _figure(f) for f in p.figures} for p in ts.pools},
        "tables": [_table(t) for t in ts.tables],
    }


def render_json(ts: TermSheet) -> str:
    """Indented JSON with a trailing newline; non-finite numbers are refused."""
    return json.dumps(termsheet_dict(ts), indent=2, allow_nan=False) + "\n"


def _csv_exact(value: Exact) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ";".join(_csv_exact(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return repr(value) if isinstance(value, float) else str(value)


def _csv_rows(ts: TermSheet):
    for pool in ts.pools:
        for f in pool.figures:
            yield ("figure", pool.pool, "", f.key, f.label, "", _csv_exact(f.exact), f.printed)
    for t in ts.tables:
        numbered = [(str(n), r) for n, r in enumerate(t.rows, 1)] + [("total", t.total)]
        for key, r in numbered:
            printed = format_dollars(r.dollars)
            yield ("table", t.pool, t.kind, key, r.label, r.count, _csv_exact(r.balance), printed)
    for note in ts.notes:
        yield ("note", "", "", "", note, "", "", "")


def render_csv(ts: TermSheet) -> str:
    """Figures, table rows and notes as one long CSV table (see the module docstring)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_rows(ts))
    return out.getvalue()
