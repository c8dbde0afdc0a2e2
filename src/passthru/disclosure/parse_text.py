"""Layout-free reading of EDGAR text: lines, the narrative as one string, sentences.

The narrative is every line outside the tables and the page-foot footnotes, joined
into one string with whitespace collapsed (an indented line after a blank one opens
a paragraph, which also ends the sentence before it), ``<PAGE>`` breaks and footnote markers
("(1)", "%(2)", "%.*") dropped and words hyphenated across lines rejoined. Each
sentence remembers the source line it starts on, so warnings can name it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_PAGE = re.compile(r"^\s*<PAGE>\s*\d*\s*$", re.IGNORECASE)
_RULE = re.compile(r"^\s*[-=_]{3,}[-=_\s]*$")
_FOOTNOTE_START = re.compile(r"^(?:\d{1,2}|\*+|\(\d{1,2}\))\s+\S")
_MARKER = re.compile(r"(?<=\S)\s?\(\d{1,2}\)|(?<=[%.\w)\"])\*+")
_SENTENCE_END = re.compile(r"\n|(?<=[.;:])\s+(?:and\s+)?(?=\d{1,2}\.\s|[A-Z\"])")
_PARAGRAPH_INDENT = re.compile(r"^ {3,}\S")

MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
DATE = re.compile(rf"\b(?:{MONTH_NAMES})\s+\d{{1,2}},\s*\d{{4}}\b", re.IGNORECASE)
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
DOLLARS = re.compile(rf"\$\s?(?:{NUMBER})|\b\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d%])")
PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s?%")
MONTHS = re.compile(r"\b(\d+(?:\.\d+)?)\s+months\b", re.IGNORECASE)
COUNT = re.compile(
    r"(?<![\d$.,])\b\d{1,3}(?:,\d{3})+\b(?![.,]\d|\s?%)|(?<![\d$.,])\b\d+\b(?![.,]\d|\s?%)"
)


def split_lines(text: str) -> list[str]:
    """The text's lines with line ends unified, tabs expanded, control bytes blanked."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_QUOTES)
    return [_CONTROL.sub(" ", line.expandtabs(8)) for line in text.split("\n")]


def is_page_break(line: str) -> bool:
    return bool(_PAGE.match(line))


def is_rule(line: str) -> bool:
    """A line of dashes, underscores or equals signs (column underlines, separators)."""
    return bool(_RULE.match(line))


def footnote_lines(lines: list[str], skip: set[int]) -> set[int]:
    """Indexes of page-foot footnote blocks: a rule, then "1    Terms used ..." lines.

    A block runs to the next ``<PAGE>`` or to the first line that is neither blank,
    indented (a footnote's continuation) nor another footnote.
    """
    found: set[int] = set()
    for i, line in enumerate(lines):
        if i in skip or i in found or not is_rule(line) or "=" in line:
            continue
        j = _next_nonblank(lines, i + 1)
        if j is None or not _FOOTNOTE_START.match(lines[j].strip()):
            continue
        end = j
        while end < len(lines) and end not in skip and not is_page_break(lines[end]):
            text = lines[end]
            starts_note = _FOOTNOTE_START.match(text.strip())
            if text.strip() and not text.startswith(" ") and not starts_note:
                break
            end += 1
        found.update(range(i, end))
    return found


def _next_nonblank(lines: list[str], start: int) -> int | None:
    for j in range(start, min(start + 3, len(lines))):
        if lines[j].strip():
            return j
    return None


@dataclass(frozen=True)
class Sentence:
    """A sentence of the normalised narrative and the 1-based line it starts on."""

    text: str
    line: int


class Narrative:
    """The narrative lines joined into one normalised string, with a map back to lines."""

    def __init__(self, lines: list[str], skip: set[int]) -> None:
        parts: list[str] = []
        self._starts: list[int] = []
        self._lines: list[int] = []
        length = 0
        after_gap = False
        for i, raw in enumerate(lines):
            if i in skip or is_page_break(raw) or not raw.strip():
                after_gap = True
                continue
            piece = " ".join(_MARKER.sub("", raw).split())
            if not piece:
                continue
            new_paragraph = after_gap and _PARAGRAPH_INDENT.match(raw) is not None
            joined_hyphen = bool(parts) and re.search(r"[A-Za-z]-$", parts[-1]) is not None
            if parts and (new_paragraph or not joined_hyphen):
                parts.append("\n" if new_paragraph else " ")
                length += 1
            after_gap = False
            self._starts.append(length)
            self._lines.append(i + 1)
            parts.append(piece)
            length += len(piece)
        self.text = "".join(parts)

    def line_at(self, offset: int) -> int:
        """The 1-based source line holding the character at ``offset``."""
        k = bisect_right(self._starts, offset) - 1
        return self._lines[max(k, 0)] if self._lines else 0

    def sentences(self) -> list[Sentence]:
        found: list[Sentence] = []
        start = 0
        for m in _SENTENCE_END.finditer(self.text):
            found.append(Sentence(self.text[start : m.start()], self.line_at(start)))
            start = m.end()
        if start < len(self.text):
            found.append(Sentence(self.text[start:], self.line_at(start)))
        return found
