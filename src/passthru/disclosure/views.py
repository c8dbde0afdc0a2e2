"""What the Markdown, HTML and xlsx renderers share: figure grids and marked labels."""

from __future__ import annotations

from dataclasses import dataclass

from passthru.strats.model import ALL_LOANS, Table, TableRow, TermSheet

FOOTNOTE_MARK = "*"


def pool_caption(pool: str) -> str:
    """``Pool I``, or ``All loans`` for the all-loans pseudo-pool."""
    return "All loans" if pool == ALL_LOANS else f"Pool {pool}"


def marked_label(table: Table, row: TableRow) -> str:
    """The row a footnote explains ("Multi-family dwellings are ...") carries "*"."""
    if table.footnote and table.footnote.lower().startswith(row.label.lower()):
        return row.label + FOOTNOTE_MARK
    return row.label


@dataclass(frozen=True)
class FigureRow:
    """One figure across pools: its label and the printed text per pool ("" if absent)."""

    key: str
    label: str
    printed: tuple[str, ...]


def figure_grid(ts: TermSheet) -> tuple[tuple[str, ...], tuple[FigureRow, ...]]:
    """Pool captions, then one row per figure key in first-seen order."""
    captions = tuple(pool_caption(p.pool) for p in ts.pools)
    keys: dict[str, str] = {}
    for pool in ts.pools:
        for figure in pool.figures:
            keys.setdefault(figure.key, figure.label)
    rows = tuple(
        FigureRow(key, label, tuple(p[key].printed if key in p else "" for p in ts.pools))
        for key, label in keys.items()
    )
    return captions, rows
