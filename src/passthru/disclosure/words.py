"""The filings' prose habits: pool lists, "X and Y, respectively", wrapping.

The 8-K narrative names several pools in one sentence and gives their figures in
the same order followed by "respectively"; with one pool the same sentence takes
the singular and no "respectively". Paragraphs wrap at 80 columns as the EDGAR
text does, breaking after a hyphen ("REMIC Pass-" / "Through") but never inside
a word with two or more hyphens ("loan-to-value").
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

PAGE_WIDTH = 80
PARAGRAPH_INDENT = "     "
_NO_BREAK_HYPHEN = "\u2011"
_MULTI_HYPHEN_WORD = re.compile(r"\w+(?:-\w+){2,}")


def series(items: Sequence[str], conjunction: str = "and", *, serial_comma: bool = False) -> str:
    """``A``, ``A and B``, ``A, B and C``; ``A, B, or C`` with the serial comma."""
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    last = f"{',' if serial_comma else ''} {conjunction} {items[-1]}"
    return ", ".join(items[:-1]) + last


def respectively(values: Sequence[str]) -> str:
    """``993 and 283, respectively``; a single value stands alone."""
    if len(values) == 1:
        return values[0]
    return f"{series(values)}, respectively"


def same_or_respectively(values: Sequence[str]) -> str:
    """One value when every pool shares it ("nor more than $1,000,000"), else respectively."""
    if len(set(values)) == 1:
        return values[0]
    return respectively(values)


def number_of(count: int, singular: str, plural: str) -> str:
    """The singular for one pool, the plural for several."""
    return singular if count == 1 else plural


def wrap(
    text: str,
    *,
    first: str = PARAGRAPH_INDENT,
    rest: str = "",
    width: int = PAGE_WIDTH,
    break_on_hyphens: bool = True,
) -> list[str]:
    """Fill ``text`` to ``width`` columns with the filings' hyphen habits.

    Footnotes keep hyphenated words whole ("REMIC" / "Pass-Through" in 2003-2):
    ``break_on_hyphens=False``.
    """
    guarded = _MULTI_HYPHEN_WORD.sub(lambda m: m.group().replace("-", _NO_BREAK_HYPHEN), text)
    lines = textwrap.wrap(
        guarded,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=break_on_hyphens,
    )
    return [line.replace(_NO_BREAK_HYPHEN, "-") for line in lines]


def centred(text: str, width: int = PAGE_WIDTH) -> str:
    """Centre a title as the filings do: the odd space goes to the right."""
    return " " * max(0, (width - len(text)) // 2) + text


def capital(text: str) -> str:
    """The text with its first letter in upper case: "pool I ..." opens a sentence "Pool I ..."."""
    return text[:1].upper() + text[1:]
