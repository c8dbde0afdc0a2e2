"""Narrative figures of a CMSI 8-K, read sentence by sentence.

Each figure family has a cue (e.g. "weighted average remaining term") and a reader
that takes the values from the right part of the sentence and gives them to the
pools it names (``parse_subjects``). A sentence whose cue names a figure but whose
values cannot be read is a warning naming the line; sentences with no cue are
ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from passthru.disclosure.filing import ALL_LOANS, Qualifier, figure_value
from passthru.disclosure.parse_subjects import (
    NarrativeRead,
    Subject,
    Unreadable,
    after_verb,
    assign,
    before_subject,
    printed_as,
    subjects,
    values_of,
)
from passthru.disclosure.parse_text import COUNT, DATE, DOLLARS, MONTHS, PERCENT, Sentence

_TERM_RANGE = re.compile(
    r"(?P<lower>at\s+least|more\s+than)\s+(?P<low>\d+)(?:\s+(?P<low_unit>years|months))?\s+"
    r"but\s+(?:not|no)\s+more\s+than\s+(?P<high>\d+)\s+(?P<unit>years|months)",
    re.IGNORECASE,
)
_MONTHS_PER = {"years": 12, "months": 1}
_AMOUNT = rf"(?:{DOLLARS.pattern})"
_POOL_BALANCE = re.compile(
    rf"original\s+maturit\w*\s+of\s+{_TERM_RANGE.pattern},?\s+the\s+\"?(?:pool|group)\s+"
    rf"(?P<pool>[IVX]+|\d+)\s+mortgage\s+loans\"?,?\s+ha(?:ve|s)\s+an\s+aggregate\b.*?"
    rf"\bas\s+of\s+(?P<date>{DATE.pattern})\s+of\s+(?P<amount>{_AMOUNT})",
    re.IGNORECASE,
)
_ALL_BALANCE = re.compile(
    rf"transfer\w*\s+to\s+the\s+Trustee\b.*?\baggregate\b.*?\bas\s+of\s+({DATE.pattern})\s+of\s+"
    rf"({_AMOUNT})",
    re.IGNORECASE,
)

Handler = Callable[[Sentence, NarrativeRead], None]


def _after_verb_figure(base: str, pattern: re.Pattern[str]) -> Handler:
    """ "... of the pool I ... and the pool II ... were 6.462% and 6.153%, respectively." """

    def handle(s: Sentence, read: NarrativeRead) -> None:
        values = values_of(pattern, after_verb(s.text))
        assign(read, s.line, base, values, subjects(s.text))

    return handle


def _share_figure(base: str, qualifier: Qualifier, pattern: re.Pattern[str]) -> Handler:
    """ "At least 97% and 95%, respectively, of the pool I ... and the pool II ..." """

    def handle(s: Sentence, read: NarrativeRead) -> None:
        values = values_of(pattern, before_subject(s.text))
        assign(read, s.line, base, values, subjects(s.text), qualifier)

    return handle


def _aggregate_balance(s: Sentence, read: NarrativeRead) -> None:
    """The opening sentences: pools by original maturity, and the cut-off balances."""
    found = False
    for m in _POOL_BALANCE.finditer(s.text):
        pool = m["pool"].upper()
        read.term_months[pool] = _term_months(m)
        read.put(pool, "aggregate_balance", printed_as("dollars", m["amount"]), s.line)
        found = True
    if m := _ALL_BALANCE.search(s.text):
        read.cut_off_date = read.cut_off_date or figure_value("origination_start", m[1])
        read.put(ALL_LOANS, "aggregate_balance", printed_as("dollars", m[2]), s.line)
        found = True
    if not found:
        named = [x for x in subjects(s.text) if x.strip]
        if not named:
            raise Unreadable("no pool and balance found")
        assign(read, s.line, "aggregate_balance", values_of(DOLLARS, after_verb(s.text)), named)


def _loan_count(s: Sentence, read: NarrativeRead) -> None:
    """ "... were 993 and 283, respectively" or "... was 1620, consisting of 1175 pool I ..." """
    head, sep, tail = s.text.partition("consisting of")
    if not sep:
        _after_verb_figure("loan_count", COUNT)(s, read)
        return
    assign(read, s.line, "loan_count", values_of(COUNT, after_verb(head))[:1], subjects(head))
    parts = re.findall(
        r"(\d[\d,]*)\s+(?:pool|group)\s+([IVX]+|\d+)\s+mortgage\s+loans?\b", tail, re.IGNORECASE
    )
    if not parts:
        raise Unreadable("no pool counts after 'consisting of'")
    for count, pool in parts:
        read.put(pool.upper(), "loan_count", count, s.line)


def _origination(s: Sentence, read: NarrativeRead) -> None:
    """ "None of the pool I ... were originated prior to A and B, respectively, or after C." """
    head, _, window = s.text.partition("prior to")
    before, _, after = window.partition("or after")
    named = subjects(head)
    assign(read, s.line, "origination_start", values_of(DATE, before), named)
    if after:
        assign(read, s.line, "origination_end", values_of(DATE, after), named)


def _latest_maturity(s: Sentence, read: NarrativeRead) -> None:
    head, _, tail = s.text.partition("later than")
    assign(read, s.line, "latest_maturity", values_of(DATE, tail), subjects(head))


def _original_balance_range(s: Sentence, read: NarrativeRead) -> None:
    """ "... not less than $16,000 and $55,800, respectively, nor more than $1,000,000." """
    head, _, rest = s.text.partition("not less than")
    low, *high = re.split(r"\bn?or\s+more\s+than\b", rest, maxsplit=1, flags=re.IGNORECASE)
    named = subjects(head)
    assign(read, s.line, "min_original_balance", values_of(DOLLARS, low), named)
    if high:
        assign(read, s.line, "max_original_balance", values_of(DOLLARS, high[0]), named)


def _ltv_over_80(s: Sentence, read: NarrativeRead) -> None:
    """ "... having ... balances of $X and $Y, respectively, ... in excess of 80%, but no ...
    had loan-to-value ratios in excess of 95%." """
    head, _, rest = s.text.partition("having")
    amounts, _, tail = rest.partition("had loan-to-value")
    named = subjects(head)
    assign(read, s.line, "ltv_over_80_balance", values_of(DOLLARS, amounts), named)
    if re.search(r"\bbut\s+no\b.*\bin\s+excess\s+of\s+95\s?%", tail, re.IGNORECASE):
        assign(read, s.line, "any_ltv_over_95", ["no"], named)
    elif highest := re.search(r"highest\s+loan-to-value.*", tail, re.IGNORECASE):
        assign(read, s.line, "max_ltv", values_of(PERCENT, after_verb(highest[0])), named)


def _investment(s: Sentence, read: NarrativeRead) -> None:
    """ "None of the pool I ... or the pool II ... are secured by investment properties." """
    if re.match(r"none\s+of\b", s.text, re.IGNORECASE):
        assign(read, s.line, "investment_pct", ["0%"], subjects(s.text), "no more than")
        return
    _share_figure("investment_pct", "no more than", PERCENT)(s, read)


def _insurance(s: Sentence, read: NarrativeRead) -> None:
    """ "All of the mortgage loans which had loan-to-value ratios greater than 80% ... had
    primary mortgage insurance" (0 uninsured in every pool), or "Of the mortgage loans ...
    greater than 80% at origination, 2 and 0, respectively, of the pool I ... did not have"."""
    if re.match(r"all\s+(?:of\s+the\s+)?mortgage\s+loans\b", s.text, re.IGNORECASE):
        read.every_pool["ltv_over_80_uninsured_count"] = ("0", s.line)
        return
    values = values_of(COUNT, before_subject(s.text.partition("origination")[2]))
    assign(read, s.line, "ltv_over_80_uninsured_count", values, subjects(s.text))


def _no_additional_collateral(s: Sentence, read: NarrativeRead) -> None:
    """ "None of the mortgage loans had additional collateral pledged." """
    read.every_pool["additional_collateral_count"] = ("0", s.line)


def _target_rate(s: Sentence, read: NarrativeRead) -> None:
    """ "Pool I premium loans will consist of pool I mortgage loans with net loan rates
    greater than or equal to 5.750%." """
    head = s.text.partition("will consist")[0]
    named = [Subject(x.pool, "") for x in subjects(head)]
    assign(read, s.line, "target_rate", values_of(PERCENT, s.text)[:1], named)
    for subject in named:
        read.target_rates[subject.pool] = read.figures[subject.pool]["target_rate"].value


def _single_strip(s: Sentence, read: NarrativeRead) -> None:
    """ "All pool II mortgage loans are pool II premium loans.": no discount loans."""
    for subject in subjects(s.text):
        if subject.strip:
            other = "discount" if subject.strip == "premium" else "premium"
            read.put(subject.pool, f"{other}_count", "0", s.line)
            for key in ("balance", "wa_note_rate", "wa_remaining_term"):
                read.put(subject.pool, f"{other}_{key}", "", s.line)


def _term_months(m: re.Match[str]) -> tuple[int, int]:
    """Inclusive original-term bounds in months: "at least 10 but not more than 15 years"
    is 120-180, "more than 20 years but not more than 30 years" 241-360, and
    "at least 120 months but not more than 360 months" 120-360."""
    high_unit = _MONTHS_PER[m["unit"].lower()]
    low_unit = _MONTHS_PER[m["low_unit"].lower()] if m["low_unit"] else high_unit
    above = 1 if m["lower"].lower().startswith("more") else 0
    return int(m["low"]) * low_unit + above, int(m["high"]) * high_unit


def _term_bounds(s: Sentence, read: NarrativeRead) -> None:
    """ "All mortgage loans have original maturities of at least 10 but not more than 30 years." """
    m = _TERM_RANGE.search(s.text)
    named = subjects(s.text.partition("original maturit")[0])
    if m is None or not named:
        raise Unreadable("no pool and term bounds found")
    for subject in named:
        read.term_months.setdefault(subject.pool, _term_months(m))


def _cue(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Tried in order; the first cue found in a sentence decides how it is read.
FAMILIES: tuple[tuple[str, re.Pattern[str], Handler], ...] = (
    (
        "additional collateral LTV without the pledge",
        _cue(r"without\s+taking\s+into\s+account"),
        _after_verb_figure("additional_collateral_wa_ltv_without_pledge", PERCENT),
    ),
    (
        "additional collateral LTV",
        _cue(r"loanable\s+value"),
        _after_verb_figure("additional_collateral_wa_ltv", PERCENT),
    ),
    (
        "additional collateral count",
        _cue(r"\bnumbers?\s+of\s+such\b"),
        _after_verb_figure("additional_collateral_count", COUNT),
    ),
    (
        "additional collateral balance",
        _cue(r"principal\s+balances?\s+of\s+such\b"),
        _after_verb_figure("additional_collateral_balance", DOLLARS),
    ),
    ("target rate", _cue(r"premium\s+loans\s+will\s+consist"), _target_rate),
    (
        "premium or discount only",
        _cue(
            r"\bare\s+(?:(?:pool|group)\s+\w+\s+)?(?:premium|discount)"
            r"\s+loans\b"
        ),
        _single_strip,
    ),
    (
        "aggregate balance",
        _cue(
            r"aggregate\s+(?:scheduled\s+principal|adjusted)\s+balances?\s"
            r"+outstanding"
        ),
        _aggregate_balance,
    ),
    ("loan count", _cue(r"\btotal\s+numbers?\s+of\b"), _loan_count),
    (
        "weighted average interest rate",
        _cue(r"weighted\s+average\s+(?:interest|note)\s+rate"),
        _after_verb_figure("wa_note_rate", PERCENT),
    ),
    (
        "weighted average remaining term",
        _cue(r"weighted\s+average\s+remaining\s+term"),
        _after_verb_figure("wa_remaining_term", MONTHS),
    ),
    (
        "weighted average original term",
        _cue(r"weighted\s+average\s+original\s+term"),
        _after_verb_figure("wa_original_term", MONTHS),
    ),
    (
        "weighted average LTV",
        _cue(r"weighted\s+average\s+loan-to-value"),
        _after_verb_figure("wa_ltv", PERCENT),
    ),
    (
        "original maturities",
        _cue(r"have\s+original\s+maturit\w*\s+of\s+(?:at\s+least|more\s+than)"),
        _term_bounds,
    ),
    ("origination window", _cue(r"originated\s+prior\s+to"), _origination),
    ("latest maturity", _cue(r"maturit(?:y|ies)\s+later\s+than"), _latest_maturity),
    (
        "original balance range",
        _cue(r"original\s+principal\s+balance\s+of\s+not\s+less"),
        _original_balance_range,
    ),
    ("LTV over 80%", _cue(r"\bhaving\b.*in\s+excess\s+of\s+80\s?%"), _ltv_over_80),
    (
        "zip code concentration",
        _cue(r"\bany\s+one\s+zip\s+code\b"),
        _share_figure("max_zip_balance", "", DOLLARS),
    ),
    (
        "primary residence",
        _cue(r"\bbe\s+the\s+primary\s+residence"),
        _share_figure("primary_residence_pct", "at least", PERCENT),
    ),
    ("investment properties", _cue(r"secured\s+by\s+investment\s+propert"), _investment),
    (
        "full documentation",
        _cue(r"proof\s+of\s+income"),
        _share_figure("full_or_streamlined_pct", "at least", PERCENT),
    ),
    (
        "stated income",
        _cue(r"not\s+require\s+verification\s+of\s+income"),
        _share_figure("stated_income_pct", "no more than", PERCENT),
    ),
    (
        "streamlined refinances",
        _cue(r"alternative\s+or\s+streamlined"),
        _share_figure("streamlined_pct", "no more than", PERCENT),
    ),
    (
        "mortgage insurance",
        _cue(
            r"\bhave\s+primary\s+mortgage\s+insurance|had\s+primary\s+mort"
            r"gage\s+insurance"
        ),
        _insurance,
    ),
    (
        "no additional collateral",
        _cue(r"^none\s+of\s+the\s+mortgage\s+loans\s+had\s+additional"),
        _no_additional_collateral,
    ),
)


def read_narrative(sentences: list[Sentence]) -> NarrativeRead:
    """Every narrative figure the sentences state; unreadable cue sentences become warnings."""
    read = NarrativeRead()
    for s in sentences:
        for name, cue, handle in FAMILIES:
            if cue.search(s.text):
                try:
                    handle(s, read)
                except (ValueError, ArithmeticError) as exc:
                    read.warnings.append(
                        f"line {s.line}: could not read the {name} sentence ({exc}): "
                        f"{_excerpt(s.text)!r}"
                    )
                break
    return read


def _excerpt(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."
