"""Typed errors. Each carries where (file, row, column, field) and why (the rule).

The command line turns any :class:`PassthruError` into one clear message and a
non-zero exit; nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    """One finding about an input: an error rejects, a warning informs.

    ``row`` is the 1-based data row in the source file (the header is row 0);
    ``None`` for findings about the whole file or a whole column.
    """

    file: str
    rule: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        shown = "" if self.value is None else f" (value {self.value!r})"
        return f"{where}: {self.severity} [{self.rule}] {self.message}{shown}"


class PassthruError(Exception):
    """Base of every error passthru raises on bad input."""


class TapeError(PassthruError):
    """A loan tape that cannot be read or used; ``issues`` lists every finding."""

    def __init__(self, message: str, issues: tuple[Issue, ...] = ()) -> None:
        super().__init__(message)
        self.issues = tuple(issues)


class DealError(PassthruError):
    """Deal terms that are missing, inconsistent or out of range."""

    def __init__(self, message: str, *, file: str | None = None, field: str | None = None):
        where = ": ".join(part for part in (file, field) if part)
        super().__init__(f"{where}: {message}" if where else message)
        self.file = file
        self.field = field


class AssumptionError(PassthruError):
    """Prepayment, default or loss assumptions that are out of range or inconsistent."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field


class FilingError(PassthruError):
    """A filing that cannot be read at all (partial reads are warnings instead)."""


class ConservationError(PassthruError):
    """Cash in does not equal cash out, or balances drift from the collateral."""


class OutputError(PassthruError):
    """A file that cannot be written where the user asked: names the path and the rule."""

    def __init__(self, path: str, rule: str, message: str) -> None:
        super().__init__(f"{path}: cannot write ({rule}): {message}")
        self.path = path
        self.rule = rule
