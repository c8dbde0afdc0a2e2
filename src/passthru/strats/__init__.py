"""Narrative figures and stratification tables of a collateral term sheet, as data."""

from passthru.strats.build import build_termsheet
from passthru.strats.model import (
    ALL_LOANS,
    TABLE_KINDS,
    Figure,
    PoolFigures,
    Table,
    TableRow,
    TermSheet,
)

__all__ = [
    "ALL_LOANS",
    "TABLE_KINDS",
    "Figure",
    "PoolFigures",
    "Table",
    "TableRow",
    "TermSheet",
    "build_termsheet",
]
