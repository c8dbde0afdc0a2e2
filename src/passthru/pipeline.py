"""One-way flows composed: tape -> pool -> strats. The CLI and the demo call these.

A partial result is never produced as if whole: when any loan is rejected the
run stops with every reason, unless the caller allows rejects, in which case the
term sheet carries a note saying how many loans were left out and why. A plain
tape (no deal) follows the same rule (:func:`plain_tape`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from passthru.deal import Deal
from passthru.errors import Issue, TapeError
from passthru.pool import form_pools
from passthru.strats import build_termsheet
from passthru.strats.model import TermSheet
from passthru.tape import TapeLoad, load_tape


@dataclass(frozen=True)
class PooledTape:
    """A tape read, validated and pooled under a deal, with every finding."""

    source: str
    loans: pl.DataFrame  # accepted, pooled loans
    issues: tuple[Issue, ...]
    loans_read: int
    loans_rejected: int


def _refuse_rejects(
    source: str, read: int, rejected: int, issues: tuple[Issue, ...], *, allow_rejects: bool
) -> None:
    """Raise :class:`TapeError` with every error unless rejects are allowed or there are none."""
    errors = tuple(i for i in issues if i.severity == "error")
    if errors and not allow_rejects:
        raise TapeError(
            f"{source}: {rejected} of {read} loans rejected "
            f"({len(errors)} errors); fix the tape or pass --allow-rejects",
            errors,
        )


def plain_tape(path: str | Path, *, allow_rejects: bool = False) -> TapeLoad:
    """Read and validate a tape without a deal (its cut-off inferred); raise
    :class:`TapeError` on any reject unless allowed, as :func:`pooled_tape` does."""
    load = load_tape(path)
    _refuse_rejects(
        load.source, load.read_count, load.rejected_count, load.issues, allow_rejects=allow_rejects
    )
    return load


def pooled_tape(
    path: str | Path,
    deal: Deal,
    *,
    sheet: str | None = None,
    layout: str | None = None,
    mapping: str | Path | None = None,
    allow_rejects: bool = False,
) -> PooledTape:
    """Read, validate and pool a tape; raise :class:`TapeError` on any reject unless allowed."""
    load = load_tape(path, cut_off=deal.cut_off_date, sheet=sheet, layout=layout, mapping=mapping)
    formed = form_pools(load.loans, deal, source=load.source)
    issues = load.issues + formed.issues
    rejected = load.rejected_count + formed.rejected.height
    _refuse_rejects(load.source, load.read_count, rejected, issues, allow_rejects=allow_rejects)
    return PooledTape(load.source, formed.loans, issues, load.read_count, rejected)


def termsheet_of(tape: PooledTape, deal: Deal) -> TermSheet:
    """The collateral term sheet of a pooled tape, noting any loans left out."""
    notes = ()
    if tape.loans_rejected:
        notes = (
            f"{tape.loans_rejected} of {tape.loans_read} loans on {tape.source} were rejected "
            "and are not included in these figures.",
        )
    return build_termsheet(
        tape.loans,
        deal,
        loans_read=tape.loans_read,
        loans_rejected=tape.loans_rejected,
        notes=notes,
    )


def termsheet_from_tape(path: str | Path, deal: Deal, **options) -> TermSheet:
    """The collateral term sheet of a tape under a deal (see :func:`pooled_tape`)."""
    return termsheet_of(pooled_tape(path, deal, **options), deal)
