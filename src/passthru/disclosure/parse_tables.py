"""Stratification tables of a CMSI term sheet, read by their column structure.

A table is found by its column header ("Number of" / "Loans" / "Aggregate Principal
Balances Outstanding"); its title is the block of capitalised lines above, its rows
are ``label  count  balance`` lines up to the ``Total`` row. Labels wrapped over two
lines ("Condominium Units (one to four" / "stories high)") are rejoined, ``<PAGE>``
breaks and repeated headers inside a table are skipped, and every table's rows are
checked against its printed total (count exactly, dollars within the rounding of
whole-dollar rows: |sum - total| <= rows / 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from passthru.disclosure.filing import ALL_LOANS, FilingTable, FilingTableRow, parse_count
from passthru.disclosure.parse_text import is_page_break, is_rule

_AMOUNT = r"\$?\s*(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_COUNT = r"\d{1,3}(?:,\d{3})+|\d+"
_TAIL = rf"\s+(?P<count>{_COUNT})\s+(?P<balance>{_AMOUNT})(?:\(\d\)|\*)?(?:\s+\d+(?:\.\d+)?\s?%)?$"
_ROW = re.compile(rf"^(?P<label>\S.*?){_TAIL}")
_TOTAL = re.compile(rf"^Totals?:?{_TAIL}", re.IGNORECASE)
_HEADER = re.compile(r"number\s+of", re.IGNORECASE)
_LOANS = re.compile(r"\bloans\b", re.IGNORECASE)
_HEADER_WORDS = re.compile(r"aggregate\s+principal|balances?\s+outstanding", re.IGNORECASE)
_LABEL_MARKER = re.compile(r"\s*(?:\(\d{1,2}\)|\*+)$")
_POOL = re.compile(r"\b(?:POOL|GROUP)\s+([IVX]+|\d+)\b", re.IGNORECASE)
_CONTINUED = re.compile(r"\s*[(\[]?\s*-?\s*continued\s*[)\]]?$", re.IGNORECASE)
_LONG_TEXT_WORDS = 7  # a text-only line this long is narrative, not a wrapped label

# Title cues in the order they are tried; the heading decides when the title cannot.
_TITLE_KINDS = (
    ("YEARS OF ORIGINATION", "origination_year"),
    ("TYPES OF DWELLING", "property_type"),
    ("NUMBER OF UNITS", "units"),
    ("SIZE OF", "size"),
    ("NOTE RATE", "note_rate"),
    ("LOAN-TO-VALUE", "ltv"),
    ("BY STATE", "state"),
)
_HEADING_KINDS = (
    ("YEAR ORIGINATED", "origination_year"),
    ("LOAN SIZE", "size"),
    ("INTEREST RATE", "note_rate"),
    ("LOAN-TO-VALUE", "ltv"),
    ("STATE", "state"),
)


def _kind_of(title: str, heading: str) -> str:
    for cue, kind in _TITLE_KINDS:
        if cue in title.upper():
            return kind
    for cue, kind in _HEADING_KINDS:
        if cue in heading.upper():
            return kind
    return "unknown"


def _pool_of(title: str) -> str:
    m = _POOL.search(title)
    return m.group(1).upper() if m else ALL_LOANS


def _is_title_line(line: str) -> bool:
    """Capitals only, but for a "(continued)" mark on a table split over pages."""
    s = _CONTINUED.sub("", line.strip())
    return bool(s) and any(c.isalpha() for c in s) and s == s.upper() and not is_page_break(s)


def _amount(text: str) -> Decimal:
    return Decimal(text.replace("$", "").replace(",", "").strip())


def _clean_label(parts: list[str]) -> str:
    return _LABEL_MARKER.sub("", " ".join(" ".join(parts).split()))


@dataclass
class _Draft:
    """A table being read: row labels grow as wrapped lines are rejoined."""

    title_at: int
    title: tuple[str, ...]
    heading: tuple[str, ...]
    labels: list[list[str]] = field(default_factory=list)
    figures: list[tuple[int, Decimal]] = field(default_factory=list)
    total: FilingTableRow | None = None
    total_at: int = 0
    footnote: str = ""

    @property
    def kind(self) -> str:
        return _kind_of(" ".join(self.title), " ".join(self.heading))

    @property
    def pool(self) -> str:
        return _pool_of(" ".join(self.title))


@dataclass
class TableScan:
    """Every table of a filing, the line indexes they occupy, and what did not add up.

    ``total_lines`` holds, for each table in order, the 1-based line of its Total
    row (0 when it has none).
    """

    tables: list[FilingTable] = field(default_factory=list)
    occupied: set[int] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    total_lines: list[int] = field(default_factory=list)

    def pool_count_mismatches(self, loan_counts: dict[str, tuple[int, int]]) -> list[str]:
        """Tables whose Total count is not their pool's loan count from the narrative.

        ``loan_counts`` maps a pool to (loan count, 1-based line of the sentence).
        """
        found = []
        for table, total_line in zip(self.tables, self.total_lines, strict=True):
            if table.total is None or table.pool not in loan_counts:
                continue
            count, line = loan_counts[table.pool]
            if table.total.count != count:
                pool = "all the mortgage loans" if table.pool == ALL_LOANS else f"pool {table.pool}"
                found.append(
                    f"line {total_line}: table {' '.join(table.title) or '(untitled)'!r}: "
                    f"the Total row says {table.total.count} loans but the narrative gives "
                    f"{count} for {pool} (line {line})"
                )
        return found


def read_tables(lines: list[str]) -> TableScan:
    """Find and read every stratification table in ``lines``."""
    scan = TableScan()
    i = 0
    while i < len(lines):
        header = _header_at(lines, i)
        if header is None:
            i += 1
            continue
        first_row, heading = header
        title_at, title = _title_above(lines, i, scan.occupied)
        draft = _Draft(title_at, title, heading)
        end = _read_rows(lines, first_row, draft, scan.warnings)
        end = _read_footnote(lines, end, draft)
        scan.occupied.update(range(title_at, end))
        scan.tables.append(_finish(draft, scan.warnings))
        scan.total_lines.append(draft.total_at + 1 if draft.total else 0)
        i = end
    return scan


def _header_at(lines: list[str], i: int) -> tuple[int, tuple[str, ...]] | None:
    """A column header at line ``i``: (index of the first row line, heading lines)."""
    m = _HEADER.search(lines[i])
    if m is None or _ROW.match(lines[i].strip()):
        return None
    heading = [lines[i][: m.start()].strip()]
    j = i + 1
    if not _LOANS.search(lines[i], m.start()):
        loans = _LOANS.search(lines[j]) if j < len(lines) else None
        if loans is None:
            return None
        heading.append(lines[j][: loans.start()].strip())
        j += 1
    if not _HEADER_WORDS.search(" ".join(lines[i:j])):
        return None
    while j < len(lines) and is_rule(lines[j]):
        j += 1
    return j, tuple(" ".join(h.split()) for h in heading if h)


def _title_above(lines: list[str], header: int, occupied: set[int]) -> tuple[int, tuple[str, ...]]:
    """The capitalised block above a header; a second block is added if the first
    names no table kind (titles split by a blank line)."""
    title: list[str] = []
    start = header
    k = header - 1
    for _block in range(2):
        while k >= 0 and not lines[k].strip() and header - k < 6:
            k -= 1
        block: list[str] = []
        while k >= 0 and k not in occupied and _is_title_line(lines[k]) and not is_rule(lines[k]):
            block.insert(0, " ".join(lines[k].split()))
            start = k
            k -= 1
        title = block + title
        if not block or _kind_of(" ".join(title), "") != "unknown":
            break
    return start, tuple(title)


def _read_rows(lines: list[str], j: int, draft: _Draft, warnings: list[str]) -> int:
    """Rows up to and including the Total row; returns the index after it."""
    last_was_row = False
    pending: list[str] = []
    while j < len(lines):
        s = lines[j].strip()
        if not s or is_page_break(s) or is_rule(s):
            last_was_row = False
        elif total := _TOTAL.match(s):
            draft.total_at = j
            draft.total = _numbers_or_warn(total, j, warnings, "Total")
            return j + 1
        elif row := _ROW.match(s):
            numbers = _numbers_or_warn(row, j, warnings, row["label"])
            if numbers is not None:
                draft.labels.append([*pending, row["label"]])
                draft.figures.append((numbers.count, numbers.balance))
            pending, last_was_row = [], numbers is not None
        elif _HEADER.search(s) or _HEADER_WORDS.search(s) or _is_title_line(s):
            if _is_title_line(s) and _starts_other_table(s, draft):
                break
        elif len(s.split()) >= _LONG_TEXT_WORDS:
            break
        elif last_was_row:
            draft.labels[-1].append(s)
        else:
            pending.append(s)
        j += 1
    warnings.append(
        f"line {draft.title_at + 1}: table {' '.join(draft.title) or '(untitled)'!r} "
        f"has no Total row before line {j + 1}"
    )
    return j


def _numbers_or_warn(
    m: re.Match[str], j: int, warnings: list[str], label: str
) -> FilingTableRow | None:
    try:
        return FilingTableRow(label, parse_count(m["count"]), _amount(m["balance"]))
    except (ValueError, ArithmeticError):
        warnings.append(f"line {j + 1}: table row {label[:40]!r} has unreadable numbers")
        return None


def _starts_other_table(title: str, draft: _Draft) -> bool:
    """A title line of another kind or pool; a "(continued)" line goes on with this one."""
    if _CONTINUED.search(title):
        return False
    kind = _kind_of(title, "")
    return kind != "unknown" and (kind, _pool_of(title)) != (draft.kind, draft.pool)


def _read_footnote(lines: list[str], j: int, draft: _Draft) -> int:
    """A "*   Multi-family dwellings are ..." note under the table, if any."""
    k = j
    while k < len(lines) and k - j < 6 and (not lines[k].strip() or is_rule(lines[k])):
        k += 1
    if k >= len(lines) or not lines[k].strip().startswith("*"):
        return j
    note: list[str] = []
    while k < len(lines) and lines[k].strip() and not is_page_break(lines[k]):
        note.append(lines[k].strip().lstrip("*"))
        k += 1
    draft.footnote = " ".join(" ".join(note).split())
    return k


def _finish(draft: _Draft, warnings: list[str]) -> FilingTable:
    rows = tuple(
        FilingTableRow(_clean_label(label), count, balance)
        for label, (count, balance) in zip(draft.labels, draft.figures, strict=True)
    )
    table = FilingTable(
        kind=draft.kind,
        pool=draft.pool,
        title=draft.title,
        heading=draft.heading,
        rows=rows,
        total=draft.total,
        line=draft.title_at + 1,
        footnote=draft.footnote,
    )
    name = " ".join(table.title) or "(untitled)"
    if table.kind == "unknown":
        warnings.append(f"line {table.line}: table {name!r}: title names no known table kind")
    warnings.extend(
        f"line {draft.total_at + 1}: table {name!r}: {w}" for w in total_mismatches(table)
    )
    return table


def total_mismatches(table: FilingTable) -> list[str]:
    """Rows against the printed Total: loan count exactly, dollars within rows / 2."""
    if table.total is None:
        return []
    count = sum(r.count for r in table.rows)
    balance = sum((r.balance for r in table.rows), Decimal(0))
    found = []
    if count != table.total.count:
        found.append(f"rows add up to {count} loans but the Total row says {table.total.count}")
    if abs(balance - table.total.balance) > Decimal(len(table.rows)) / 2:
        found.append(f"rows add up to ${balance:,} but the Total row says ${table.total.balance:,}")
    return found
