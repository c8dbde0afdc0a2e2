"""Representative lines (rep lines): a tape aggregated into balance-weighted lines.

    from passthru.replines import rep_lines, compare_rep_lines
    lines = rep_lines(pooled_loans, ["pool", "rate", "remaining_term"], rate_step=0.125)
    write_tape(lines.drop("loan_count"), "replines.csv")
    report = compare_rep_lines(pooled_loans, lines)   # per PSA speed and pool

Grouping keys are listed in :data:`KEYS`; ``pool`` and, for loans pooled under a
deal, ``premium`` always apply (cashflow-and-structure.md §2.2). How a line's
attributes are formed: :mod:`passthru.replines.aggregate`; what the report
measures: :mod:`passthru.replines.compare`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl

from passthru.replines.aggregate import LOAN_COUNT, group_loans
from passthru.replines.compare import MEASURES, compare_projections
from passthru.replines.keys import KEYS

__all__ = ["KEYS", "LOAN_COUNT", "MEASURES", "compare_rep_lines", "rep_lines"]


def rep_lines(
    loans: pl.DataFrame,
    by: Sequence[str],
    *,
    rate_step: float | None = None,
    term_step: int | None = None,
    cut_off: date | None = None,
) -> pl.DataFrame:
    """A canonical tape of rep lines, one per group of ``loans`` sharing the keys ``by``.

    ``loan_id`` is ``RL-0001``, ``RL-0002``... in key order; ``loan_count`` gives
    each line's number of loans. Pooled loans keep their pool columns (net rate,
    strips, loan age), so the lines project as pooled. ``rate_step`` buckets note
    rates (percent), ``term_step`` remaining terms (months), each from 0. Dates
    follow the line's terms from ``cut_off``, else from the cut-off month most
    loans imply.
    """
    return group_loans(loans, by, rate_step=rate_step, term_step=term_step, cut_off=cut_off)


def compare_rep_lines(
    loans: pl.DataFrame, lines: pl.DataFrame, *, psa: Sequence[float] = (100, 300)
) -> pl.DataFrame:
    """Rep-line against loan-level cash flows, one row per PSA speed and pool."""
    return compare_projections(loans, lines, psa)
