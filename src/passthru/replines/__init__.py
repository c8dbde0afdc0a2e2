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

from passthru.replines.aggregate import LOAN_COUNT, rep_lines
from passthru.replines.compare import MEASURES, compare_rep_lines
from passthru.replines.keys import KEYS

__all__ = ["KEYS", "LOAN_COUNT", "MEASURES", "compare_rep_lines", "rep_lines"]
