"""Read a CMSI-style Form 8-K (plain EDGAR text) into a :class:`Filing`.

Tables are found first by their column structure (``parse_tables``); everything
else is narrative, joined and split into sentences (``parse_text``) and read by
sentence patterns (``parse_narrative``, ``parse_certificates``). Whatever cannot be
read is a warning naming the line; only input with no CMSI content at all, or a
file that is missing or not text, raises :class:`FilingError`.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from passthru.disclosure.filing import (
    ALL_LOANS,
    Filing,
    FilingDealTerms,
    FilingFigure,
    FilingKind,
    figure_value,
)
from passthru.disclosure.parse_certificates import CertificateRead
from passthru.disclosure.parse_narrative import NarrativeRead, read_narrative
from passthru.disclosure.parse_tables import read_tables
from passthru.disclosure.parse_text import DATE, Narrative, footnote_lines, is_rule, split_lines
from passthru.errors import FilingError

_SERIES = re.compile(r"\bSeries\s+(\d{4}-\d{1,3})\b", re.IGNORECASE)
_REPORT_DATE = re.compile(rf"Date\s+of\s+Report:?\s*({DATE.pattern})", re.IGNORECASE)
_REGISTRANT_CAPTION = re.compile(r"\(Exact\s+name\s+of\s+registrant", re.IGNORECASE)
_CMSI = re.compile(r"CITICORP\s+MORTGAGE\s+SECURITIES,?\s+INC\.?", re.IGNORECASE)
_CUT_OFF = re.compile(rf"due\s+on\s+or\s+before\s+({DATE.pattern})", re.IGNORECASE)


def parse_filing_file(path: str | Path) -> Filing:
    """Parse a filing on disk; FilingError if it is missing, not text, or not a CMSI 8-K."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FilingError(f"{path}: cannot read the filing ({exc.strerror or exc})") from None
    if b"\x00" in data:
        raise FilingError(f"{path}: not a text file (it holds NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return parse_filing(text, source=str(path))


def parse_filing(text: str, *, source: str = "<text>") -> Filing:
    """Parse the text of a CMSI-style 8-K: header, narrative figures, tables, certificates."""
    lines = split_lines(text)
    scan = read_tables(lines)
    skip = scan.occupied | footnote_lines(lines, scan.occupied)
    sentences = Narrative(lines, skip).sentences()
    certificates = CertificateRead()
    narrative = read_narrative([s for s in sentences if not certificates.claim(s)])
    pools = _pools(narrative)
    flat = " ".join(" ".join(lines).split())
    if not (_SERIES.search(flat) or pools or scan.tables or certificates.class_balances):
        raise FilingError(
            f"{source}: no CMSI-style content found (no series, narrative figure or table)"
        )
    warnings = scan.warnings + narrative.warnings + certificates.warnings
    warnings += scan.pool_count_mismatches(_loan_counts(pools))
    header = _Header(lines, flat, warnings)
    cut_off = narrative.cut_off_date or _fallback_cut_off(flat)
    if cut_off is None:
        warnings.append(f"lines 1-{len(lines)}: no cut-off date found")
    return Filing(
        source=source,
        registrant=header.registrant,
        series=header.series,
        report_date=header.report_date,
        cut_off_date=cut_off,
        kind=_kind(flat, bool(scan.tables)),
        pools=pools,
        tables=scan.tables,
        certificates=certificates.certificates(),
        deal_terms=_deal_terms(narrative, pools, cut_off),
        warnings=sorted(warnings, key=_line_of),
    )


class _Header:
    """Registrant, series and report date from the cover page."""

    def __init__(self, lines: list[str], flat: str, warnings: list[str]) -> None:
        self.registrant = _registrant(lines)
        series = _SERIES.search(flat)
        self.series = series[1] if series else ""
        report = _REPORT_DATE.search(flat)
        self.report_date = _date(report[1]) if report else None
        for name, value in (
            ("registrant", self.registrant),
            ("series", self.series),
            ("report date", self.report_date),
        ):
            if not value:
                warnings.append(f"lines 1-{len(lines)}: no {name} found on the cover page")


def _registrant(lines: list[str]) -> str:
    """The name above "(Exact name of registrant ...)", skipping captions and rules."""
    for i, line in enumerate(lines):
        if not _REGISTRANT_CAPTION.search(line):
            continue
        for above in reversed(lines[max(i - 8, 0) : i]):
            s = above.strip()
            if s and not s.startswith("(") and not is_rule(s):
                return " ".join(s.split())
    m = _CMSI.search(" ".join(lines))
    return " ".join(m[0].split()) if m else ""


def _date(text: str) -> date | None:
    try:
        value = figure_value("latest_maturity", " ".join(text.split()))
    except ValueError:
        return None
    return value if isinstance(value, date) else None


def _fallback_cut_off(flat: str) -> date | None:
    """The date of "after deducting principal payments due on or before <cut-off>"."""
    m = _CUT_OFF.search(flat)
    return _date(m[1]) if m else None


def _kind(flat: str, has_tables: bool) -> FilingKind:
    if re.search(r"collateral\s+term\s+sheet", flat, re.IGNORECASE):
        return "collateral_term_sheet"
    if re.search(r"detailed\s+description", flat, re.IGNORECASE):
        return "detailed_description"
    return "collateral_term_sheet" if has_tables else "detailed_description"


def _pools(read: NarrativeRead) -> dict[str, dict[str, FilingFigure]]:
    """Named pools in the order first read, then all loans. A statement about every
    mortgage loan ("All of the mortgage loans ... had primary mortgage insurance")
    gives each pool and all loans the same figure."""
    names = [p for p in read.figures if p != ALL_LOANS]
    if ALL_LOANS in read.figures or read.every_pool:
        names.append(ALL_LOANS)
    for key, (printed, line) in read.every_pool.items():
        for pool in names:
            read.put(pool, key, printed, line)
    return {pool: read.figures[pool] for pool in names if pool in read.figures}


def _loan_counts(pools: dict[str, dict[str, FilingFigure]]) -> dict[str, tuple[int, int]]:
    """Each pool's loan count from the narrative, with the line that states it."""
    return {
        pool: (int(figure.value), figure.line)
        for pool, figures in pools.items()
        if (figure := figures.get("loan_count")) is not None and figure.value is not None
    }


def _deal_terms(
    read: NarrativeRead, pools: dict[str, dict[str, FilingFigure]], cut_off: date | None
) -> FilingDealTerms:
    """Pools to rebuild a deal from; a one-pool filing's loans become pool "I"."""
    names = tuple(p for p in pools if p != ALL_LOANS)
    if names:
        return FilingDealTerms(
            pool_names=names,
            original_terms={p: read.term_months[p] for p in names if p in read.term_months},
            target_rates={p: read.target_rates[p] for p in names if p in read.target_rates},
            cut_off_date=cut_off,
        )
    months, rate = read.term_months.get(ALL_LOANS), read.target_rates.get(ALL_LOANS)
    return FilingDealTerms(
        pool_names=("I",) if pools else (),
        original_terms={} if months is None else {"I": months},
        target_rates={} if rate is None else {"I": rate},
        cut_off_date=cut_off,
    )


def _line_of(warning: str) -> int:
    m = re.match(r"lines?\s+(\d+)", warning)
    return int(m[1]) if m else 0
