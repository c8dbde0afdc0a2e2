"""A decrement table as a 2002-era prospectus supplement prints it, in fixed-width text.

Headings "Percent of Initial Class Balance Outstanding", the class, "PSA Prepayment
Assumption" over the speed columns ("0%", "100%", ...) and "Distribution Date" over the
row labels; figures right-aligned (the cells of :func:`decrement_table`).
"""

from __future__ import annotations

import polars as pl

from passthru.analytics.decrement import DATE_COLUMN, PASS_THROUGH, speed_columns

TITLE = "Percent of Initial Class Balance Outstanding"
SPEEDS_HEADING = "PSA Prepayment Assumption"
GAP = 4


def class_heading(name: str) -> str:
    """``A-1`` -> ``Class A-1``; ``pass-through`` -> ``Pass-Through Collateral (all loans)``,
    ``pass-through-I`` -> ``Pass-Through Collateral (pool I)``."""
    if name == PASS_THROUGH:
        return "Pass-Through Collateral (all loans)"
    if name.startswith(f"{PASS_THROUGH}-"):
        return f"Pass-Through Collateral (pool {name.removeprefix(f'{PASS_THROUGH}-')})"
    return name if name.lower().startswith("class") else f"Class {name}"


def render_decrement_text(name: str, table: pl.DataFrame) -> str:
    """The printed table (from :func:`decrement_table`) of class ``name`` as text lines."""
    speeds = speed_columns(table)
    labels = [DATE_COLUMN, *table[DATE_COLUMN].to_list()]
    label_width = max(len(x) for x in labels)
    cell_width = max(len(x) for c in speeds for x in (c, *table[c].to_list()))
    span = len(speeds) * (cell_width + GAP)
    width = label_width + span

    def line(label: str, cells: list[str]) -> str:
        return label.ljust(label_width) + "".join(c.rjust(cell_width + GAP) for c in cells)

    lines = [
        TITLE.center(width).rstrip(),
        class_heading(name).center(width).rstrip(),
        "",
        " " * label_width + SPEEDS_HEADING.center(span).rstrip(),
        " " * (label_width + GAP) + "-" * (span - GAP),
        line(DATE_COLUMN, speeds),
        line("-" * label_width, ["-" * cell_width] * len(speeds)),
    ]
    for row in table.iter_rows(named=True):
        lines.append(line(row[DATE_COLUMN], [row[c] for c in speeds]))
    return "\n".join(lines) + "\n"
