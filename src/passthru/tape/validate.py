"""Validation: a raw tape to accepted loans, rejected rows and every named issue.

Every rule has a name (see :mod:`passthru.tape.rules` and :mod:`passthru.tape.cast`);
all issues are reported at once; a loan with any error is rejected with its
reasons, so loans read = loans accepted + loans rejected. Nothing is dropped
silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from passthru.errors import Issue
from passthru.tape import schema
from passthru.tape.cast import as_text, conform
from passthru.tape.dates import first_of_month, implied_cut_off_month
from passthru.tape.raw import RawTape
from passthru.tape.rules import Rule, date_rules, value_rules
from passthru.tape.sources import SOURCE_ROW, stringify, structural_error, with_source_row

FILLED_BY_DEAL = "servicing_fee_rate"
NOT_UNKNOWN = (FILLED_BY_DEAL, "ltv_without_pledge")


@dataclass(frozen=True)
class TapeLoad:
    """A validated tape: the accepted loans (canonical dtypes plus ``source_row``),
    the rejected rows (raw text plus ``reasons``), and every issue.

    ``unknown_columns`` are canonical columns the source layout does not carry
    for some or all loans and the run treats as unknown: null there is unknown,
    never invented (a missing servicing fee takes the deal's default instead, and
    ``ltv_without_pledge`` matters only for pledged loans). ``cut_off`` is
    the cut-off date the remaining terms were checked against (given or inferred).
    """

    source: str
    loans: pl.DataFrame
    rejected: pl.DataFrame
    issues: tuple[Issue, ...]
    read_count: int
    unknown_columns: tuple[str, ...] = ()
    cut_off: date | None = None

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == "warning")

    @property
    def accepted_count(self) -> int:
        return self.loans.height

    @property
    def rejected_count(self) -> int:
        return self.rejected.height


def _as_raw(tape: RawTape | pl.DataFrame, source: str) -> RawTape:
    if isinstance(tape, RawTape):
        return tape
    frame = tape if SOURCE_ROW in tape.columns else with_source_row(tape)
    return RawTape(source=source, frame=frame)


def infer_cut_off(frame: pl.DataFrame, source: str) -> tuple[date | None, Issue]:
    """The most common first-of-month cut-off implied by maturity and remaining term."""
    implied = frame.select(
        implied_cut_off_month(pl.col("maturity_date"), pl.col("remaining_term")).alias("month")
    ).drop_nulls()
    if implied.height == 0:
        message = "no cut-off date given and none can be inferred; remaining terms not checked"
        return None, Issue(source, "cut_off_unknown", message, severity="warning")
    month = implied.select(pl.col("month").mode().min()).item()
    agree = implied.select((pl.col("month") == month).sum()).item()
    cut_off = date.fromisoformat(first_of_month(month))
    message = (
        f"no cut-off date given; inferred {cut_off} from maturity and remaining term "
        f"({agree} of {frame.height} loans agree); give --cut-off or --deal"
    )
    issue = Issue(
        source,
        "cut_off_inferred",
        message,
        column="remaining_term",
        value=str(cut_off),
        severity="warning",
    )
    return cut_off, issue


def _source_values(raw: RawTape, failing: pl.DataFrame, column: str) -> pl.DataFrame:
    """The failing rows' values as the source gave them (typed values for derived columns)."""
    if column not in raw.frame.columns:
        return failing.select(SOURCE_ROW, pl.col(column).cast(pl.String).alias("value"))
    rows = failing[SOURCE_ROW].implode()
    return raw.frame.filter(pl.col(SOURCE_ROW).is_in(rows)).select(
        SOURCE_ROW, as_text(column, raw.frame.schema[column]).alias("value")
    )


def _rule_issues(frame: pl.DataFrame, rules: tuple[Rule, ...], raw: RawTape) -> list[Issue]:
    masks = frame.select(
        rule.violated.fill_null(False).alias(str(i)) for i, rule in enumerate(rules)
    )
    hit = masks.select(pl.all().any()).row(0)
    issues: list[Issue] = []
    for i, rule in enumerate(rules):
        if not hit[i]:
            continue
        message = rule.message if isinstance(rule.message, pl.Expr) else pl.lit(rule.message)
        failing = frame.filter(masks[str(i)])
        if rule.confirm is not None:
            failing = failing.filter(rule.confirm)
        failing = failing.select(SOURCE_ROW, message.alias("message")).join(
            _source_values(raw, failing, rule.column), on=SOURCE_ROW, maintain_order="left"
        )
        issues += [
            Issue(raw.source, rule.name, text, row=row, column=rule.column, value=value,
                  severity=rule.severity)
            for row, text, value in failing.iter_rows()
        ]  # fmt: skip
    return issues


def _unknown_columns(raw: RawTape, frame: pl.DataFrame) -> tuple[tuple[str, ...], list[Issue]]:
    """``unknown_from_layout``: one warning per column the run will treat as unknown.

    Two columns a layout may lack are not unknown to the run. ``servicing_fee_rate``
    is filled with the deal's default (docs/loan-tape.md; zero without a deal): one
    ``servicing_fee_default`` warning says so. ``ltv_without_pledge`` is empty by
    design for loans without additional collateral; a pledged loan that lacks it
    has its own ``ltv_without_pledge_missing`` warning.
    """
    if not raw.unknown_allowed:
        return (), []
    nulls = frame.select(pl.col(list(raw.unknown_allowed)).null_count()).row(0, named=True)
    layout = raw.layout or "source"
    issues = []
    if nulls.get(FILLED_BY_DEAL):
        message = (
            f"{nulls[FILLED_BY_DEAL]} of {frame.height} loans: the {layout} layout does not "
            f"give {FILLED_BY_DEAL}; the deal's servicing fee applies (zero without a deal)"
        )
        issues.append(
            Issue(raw.source, "servicing_fee_default", message, column=FILLED_BY_DEAL,
                  severity="warning")
        )  # fmt: skip
    unknown = tuple(c for c in schema.COLUMN_NAMES if nulls.get(c) and c not in NOT_UNKNOWN)
    issues += [
        Issue(
            raw.source,
            "unknown_from_layout",
            f"{nulls[c]} of {frame.height} loans: the {layout} layout does not give {c}; "
            "it stays unknown (shown as such, never invented)",
            column=c,
            severity="warning",
        )
        for c in unknown
    ]
    return unknown, issues


def _reasons(issues: list[Issue]) -> dict[int, str]:
    reasons: dict[int, list[str]] = {}
    for issue in issues:
        if issue.severity == "error" and issue.row is not None:
            rules = reasons.setdefault(issue.row, [])
            if issue.rule not in rules:
                rules.append(issue.rule)
    return {row: ";".join(rules) for row, rules in reasons.items()}


def _cut_off_expr(
    raw: RawTape, frame: pl.DataFrame, cut_off: date | None
) -> tuple[pl.Expr | None, date | None, list[Issue]]:
    if cut_off is not None:
        return pl.lit(cut_off, dtype=pl.Date), cut_off, []
    if raw.cut_off_column is not None:
        return pl.col(raw.cut_off_column), None, []
    inferred, issue = infer_cut_off(frame, raw.source)
    expr = None if inferred is None else pl.lit(inferred, dtype=pl.Date)
    return expr, inferred, [issue]


def validate_tape(
    tape: RawTape | pl.DataFrame, *, cut_off: date | None = None, source: str = "frame"
) -> TapeLoad:
    """Validate a raw tape (or a frame with canonical column names) against every rule.

    ``cut_off`` checks each remaining term against the months from the cut-off
    date to maturity; without it, the tape's own per-loan cut-off (a layout's)
    or the most common implied cut-off is used, with a ``cut_off_inferred`` warning.
    """
    raw = _as_raw(tape, source)
    if raw.frame.height == 0:
        raise structural_error(raw.source, "no_loans", "the tape has a header but no loans")
    frame, issues = conform(raw)
    issues = list(raw.issues) + issues
    expr, used_cut_off, cut_off_issues = _cut_off_expr(raw, frame, cut_off)
    issues += cut_off_issues
    issues += _rule_issues(frame, value_rules() + date_rules(expr), raw)
    unknown, unknown_issues = _unknown_columns(raw, frame)
    issues += unknown_issues
    reasons = _reasons(issues)
    rejected_rows = pl.Series(SOURCE_ROW, list(reasons), dtype=pl.Int64)
    reason_frame = pl.DataFrame(
        {SOURCE_ROW: rejected_rows, "reasons": list(reasons.values())},
        schema={SOURCE_ROW: pl.Int64, "reasons": pl.String},
    )
    is_rejected = pl.col(SOURCE_ROW).is_in(rejected_rows.implode())
    rejected = stringify(raw.frame.filter(is_rejected)).join(
        reason_frame, on=SOURCE_ROW, how="left", maintain_order="left"
    )
    loans = frame.filter(~is_rejected) if reasons else frame
    return TapeLoad(
        source=raw.source,
        loans=loans.select(*schema.COLUMN_NAMES, SOURCE_ROW),
        rejected=rejected,
        issues=tuple(issues),
        read_count=raw.frame.height,
        unknown_columns=unknown,
        cut_off=used_cut_off,
    )
