"""Built-in source layouts, selected with ``--layout``.

``fannie-mae``: the Single-Family Loan Performance acquisition files
(docs/fannie-mae-layout.md), pipe-delimited with no header, in the legacy
25-field order or the current 108-field order (one row per loan per month; the
earliest reporting period is kept). The loans form a new pool whose cut-off is
each loan's first payment date unless a cut-off date is given. Balances follow
the CMSI convention (cashflow-and-structure.md §3.1): the payment due on or
before the cut-off is deducted, so at the first payment date
``remaining_term = original_term - 1`` and the balance is the level-payment
balance after one payment. What the layout lacks (five-digit zip,
documentation, pledged collateral, servicing fee, condominium height) is null:
unknown, never invented.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from passthru.errors import Issue
from passthru.tape.dates import add_months, remaining_payments
from passthru.tape.raw import RawTape
from passthru.tape.sources import SOURCE_ROW, read_delimited, structural_error

# 1-based positions of the fields the canonical tape uses.
LEGACY_FIELDS: dict[str, int] = {
    "loan_id": 1, "orig_interest_rate": 4, "orig_upb": 5, "orig_loan_term": 6,
    "orig_date": 7, "first_pay_date": 8, "orig_ltv": 9, "loan_purpose": 15,
    "property_type": 16, "num_units": 17, "occupancy_status": 18, "property_state": 19,
    "mortgage_insurance_percent": 21,
}  # fmt: skip
CURRENT_FIELDS: dict[str, int] = {
    "loan_id": 2, "monthly_reporting_period": 3, "orig_interest_rate": 8, "orig_upb": 10,
    "orig_loan_term": 13, "orig_date": 14, "first_pay_date": 15, "orig_ltv": 20,
    "loan_purpose": 27, "property_type": 28, "num_units": 29, "occupancy_status": 30,
    "property_state": 31, "mortgage_insurance_percent": 34,
}  # fmt: skip
FIELD_ORDERS: dict[int, dict[str, int]] = {25: LEGACY_FIELDS, 108: CURRENT_FIELDS}

OCCUPANCY_CODES = {"P": "primary", "S": "second_home", "I": "investment"}
PURPOSE_CODES = {"P": "purchase", "C": "cash_out_refinance", "R": "rate_term_refinance"}
UNKNOWN_PURPOSE = "U"
# SF splits by units; CO (height unknown), PU and MH have no canonical type.
UNKNOWN_PROPERTY_CODES = ("CO", "PU", "MH")
FANNIE_UNKNOWN = (
    "servicing_fee_rate",
    "ltv_without_pledge",
    "property_type",
    "zip",
    "documentation",
    "loan_purpose",
    "additional_collateral",
)


def _field(fields: dict[str, int], name: str) -> pl.Expr:
    text = pl.col(str(fields[name])).str.strip_chars()
    return pl.when(text == "").then(None).otherwise(text)


def _month_year(expr: pl.Expr) -> pl.Expr:
    """``MM/YYYY`` or ``MMYYYY`` as ISO ``YYYY-MM-01``; anything else is kept to be flagged."""
    return expr.str.replace(r"^(\d{2})/?(\d{4})$", "${2}-${1}-01")


def _coded(expr: pl.Expr, codes: dict[str, str], unknown: tuple[str, ...] = ()) -> pl.Expr:
    """A code as its canonical value; an unknown code is null; any other is kept to be flagged."""
    known = expr.replace_strict(codes, default=None, return_dtype=pl.String)
    return pl.when(expr.is_in(list(unknown))).then(None).otherwise(pl.coalesce(known, expr))


def _property_type(code: pl.Expr, units: pl.Expr) -> pl.Expr:
    return (
        pl.when(code == "SF")
        .then(pl.when(units == 1).then(pl.lit("detached")).when(units.is_between(2, 4))
              .then(pl.lit("multi_family")))
        .when(code == "CP").then(pl.lit("cooperative"))
        .when(code.is_in(list(UNKNOWN_PROPERTY_CODES))).then(None)
        .otherwise(code)
    )  # fmt: skip


def _mortgage_insurance(percent: pl.Expr) -> pl.Expr:
    """``true`` when mortgage_insurance_percent > 0; blank is no insurance."""
    value = percent.cast(pl.Float64, strict=False)
    return (
        pl.when(percent.is_null()).then(pl.lit("false"))
        .when(value > 0).then(pl.lit("true"))
        .when(value == 0).then(pl.lit("false"))
        .otherwise(percent)
    )  # fmt: skip


def scheduled_balance(balance: pl.Expr, rate: pl.Expr, term: pl.Expr, paid: pl.Expr) -> pl.Expr:
    """Level-payment balance after ``paid`` of ``term`` payments at note rate ``rate`` percent.

    SF-2 balance factor ``((1+i)^n - (1+i)^k) / ((1+i)^n - 1)``, i = rate/1200;
    ``1 - k/n`` at a zero rate. Rounded to the cent, halves away from zero.
    """
    growth = 1 + rate / 1200
    factor = (
        pl.when(rate == 0)
        .then(1 - paid / term)
        .otherwise((growth.pow(term) - growth.pow(paid)) / (growth.pow(term) - 1))
    )
    return (balance * factor).round(2, mode="half_away_from_zero")


def _at_cut_off(fields: dict[str, int], cut_off: date | None) -> list[pl.Expr]:
    """Maturity, remaining term and scheduled balance at the cut-off."""
    term = _field(fields, "orig_loan_term").cast(pl.Float64, strict=False).cast(pl.Int64)
    first_payment = _month_year(_field(fields, "first_pay_date")).str.to_date(strict=False)
    maturity = add_months(first_payment, term - 1)
    if cut_off is None:
        remaining = term - 1
    else:
        remaining = remaining_payments(pl.lit(cut_off, dtype=pl.Date), maturity)
    paid = (term - remaining).clip(0, term)
    balance = scheduled_balance(
        _field(fields, "orig_upb").cast(pl.Float64, strict=False),
        _field(fields, "orig_interest_rate").cast(pl.Float64, strict=False),
        term,
        paid,
    )
    return [
        balance.alias("current_balance"),
        remaining.alias("remaining_term"),
        maturity.alias("maturity_date"),
    ]


def _canonical(fields: dict[str, int], cut_off: date | None) -> list[pl.Expr]:
    units = _field(fields, "num_units")
    return [
        pl.col(SOURCE_ROW),
        _field(fields, "loan_id").alias("loan_id"),
        _field(fields, "orig_upb").alias("original_balance"),
        _field(fields, "orig_interest_rate").alias("note_rate"),
        _field(fields, "orig_loan_term").alias("original_term"),
        _month_year(_field(fields, "orig_date")).alias("origination_date"),
        _month_year(_field(fields, "first_pay_date")).alias("first_payment_date"),
        *_at_cut_off(fields, cut_off),
        _field(fields, "orig_ltv").alias("ltv"),
        _property_type(_field(fields, "property_type"), units.cast(pl.Int64, strict=False)).alias(
            "property_type"
        ),
        units.alias("units"),
        _field(fields, "property_state").alias("state"),
        _coded(_field(fields, "occupancy_status"), OCCUPANCY_CODES).alias("occupancy"),
        _coded(_field(fields, "loan_purpose"), PURPOSE_CODES, (UNKNOWN_PURPOSE,)).alias(
            "loan_purpose"
        ),
        _mortgage_insurance(_field(fields, "mortgage_insurance_percent")).alias(
            "mortgage_insurance"
        ),
    ]


def _field_order(frame: pl.DataFrame, source: str) -> tuple[pl.DataFrame, dict[str, int]]:
    width = frame.width - 1  # without source_row
    last = str(width)
    if width - 1 in FIELD_ORDERS and frame[last].null_count() == frame.height:
        frame, width = frame.drop(last), width - 1  # a trailing delimiter
    if width not in FIELD_ORDERS:
        message = (
            f"the first line has {width} fields; fannie-mae files have 25 (legacy "
            "acquisition) or 108 (current combined) pipe-delimited fields"
        )
        raise structural_error(source, "layout_fields", message, value=str(width))
    return frame, FIELD_ORDERS[width]


def _earliest_period(frame: pl.DataFrame, fields: dict[str, int]) -> tuple[pl.DataFrame, int]:
    """One row per loan: its earliest monthly reporting period (MMYYYY)."""
    period = _field(fields, "monthly_reporting_period")
    key = period.str.slice(2, 4) + period.str.slice(0, 2)
    loan_id = _field(fields, "loan_id")
    with_id = frame.filter(loan_id.is_not_null())
    earliest = with_id.sort(key, SOURCE_ROW, nulls_last=True).unique(
        subset=[str(fields["loan_id"])], keep="first", maintain_order=True
    )
    kept = pl.concat([earliest, frame.filter(loan_id.is_null())]).sort(SOURCE_ROW)
    return kept, frame.height - kept.height


def read_fannie_mae(path: Path, source: str, *, cut_off: date | None = None) -> RawTape:
    """A Fannie Mae acquisition file (25 or 108 fields) as a raw canonical tape."""
    frame = read_delimited(path, source, delimiter="|", header=False)
    frame, fields = _field_order(frame, source)
    issues: list[Issue] = []
    if fields is CURRENT_FIELDS:
        frame, dropped = _earliest_period(frame, fields)
        if dropped:
            issues.append(
                Issue(
                    source,
                    "layout_monthly_rows",
                    f"{dropped} later monthly rows of the same loans skipped; each loan "
                    "is read from its earliest monthly_reporting_period",
                    severity="warning",
                )
            )
    canonical = frame.select(_canonical(fields, cut_off))
    return RawTape(
        source=source,
        frame=canonical,
        issues=tuple(issues),
        layout="fannie-mae",
        unknown_allowed=FANNIE_UNKNOWN,
        cut_off_column="first_payment_date" if cut_off is None else None,
    )


LAYOUTS = {"fannie-mae": read_fannie_mae}
