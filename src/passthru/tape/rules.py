"""Row rules of the canonical tape, as data: a name, the column it names, a test.

Each rule's ``violated`` is a Polars expression over the typed tape; a null
result (a value missing or already rejected by its type) is not a violation.
Errors reject the loan; warnings inform (a careful analyst would look, but the
loan may be right). A number quoted in a message is a plain decimal
(``381,000.00`` for dollars, ``6.375`` or ``80`` for percents), never a float's
repr such as ``381000.0``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from passthru.errors import Severity
from passthru.money import format_number
from passthru.tape import schema
from passthru.tape.cast import DOLLAR_COLUMNS
from passthru.tape.dates import add_months, months_later_differs, remaining_payments
from passthru.tape.sources import SOURCE_ROW

MAX_NOTE_RATE = 20.0
MAX_SERVICING_FEE = 5.0
MAX_TERM = 480
MAX_LTV = 200.0
MAX_UNITS = 4
MI_LTV = 80.0
ZIP_PATTERN = r"^\d{5}$"

col = pl.col


@dataclass(frozen=True)
class Rule:
    """A named check; ``message`` is fixed text or an expression evaluated per failing row.

    ``confirm``, when given, is the exact test applied to the rows ``violated``
    selects: ``violated`` is then a fast superset (a hash, say).
    """

    name: str
    column: str
    violated: pl.Expr
    message: str | pl.Expr
    severity: Severity = "error"
    confirm: pl.Expr | None = None


def _decimal_text(value: float) -> str:
    """Plain decimal digits of a number as typed: 80, 6.375, 0.0000001 (not 80.0 or 1e-07)."""
    return f"{Decimal(repr(value)).normalize():f}"


def _shown(name: str) -> pl.Expr:
    """A number for a message: dollars with cents and thousands separators, others plain."""
    if name in DOLLAR_COLUMNS:
        return col(name).map_elements(lambda v: format_number(v, 2), return_dtype=pl.String)
    return col(name).map_elements(_decimal_text, return_dtype=pl.String)


def _outside(name: str, low: float, high: float, *, low_open: bool = False) -> pl.Expr:
    value = col(name)
    below = value <= low if low_open else value < low
    return below | (value > high)


def _enum_rule(name: str, allowed: tuple[str, ...]) -> Rule:
    return Rule(
        "enum_value",
        name,
        ~col(name).is_in(list(allowed)),
        f"not one of {', '.join(allowed)}",
    )


def value_rules() -> tuple[Rule, ...]:
    """Rules on single values and pairs of values of one loan."""
    return (
        Rule(
            "loan_id_unique",
            "loan_id",
            col("loan_id").hash().is_duplicated() & col("loan_id").is_not_null(),
            pl.format(
                "loan_id repeats on rows {}",
                col(SOURCE_ROW).cast(pl.String).str.join(", ").over("loan_id"),
            ),
            confirm=col("loan_id").is_duplicated(),
        ),
        Rule("balance_positive", "original_balance", col("original_balance") <= 0, "not > 0"),
        Rule("balance_positive", "current_balance", col("current_balance") <= 0, "not > 0"),
        Rule(
            "current_le_original",
            "current_balance",
            col("current_balance") > col("original_balance"),
            pl.format("exceeds original_balance {}", _shown("original_balance")),
        ),
        Rule(
            "note_rate_range",
            "note_rate",
            _outside("note_rate", 0, MAX_NOTE_RATE, low_open=True),
            f"not above 0 and at most {MAX_NOTE_RATE:g} (percent)",
        ),
        Rule(
            "note_rate_percent",
            "note_rate",
            col("note_rate") < 1,
            "below 1: looks like a fraction; the tape gives percent (6.375 for 6.375%)",
            "warning",
        ),
        Rule(
            "servicing_fee_range",
            "servicing_fee_rate",
            (col("servicing_fee_rate") < 0) | (col("servicing_fee_rate") >= MAX_SERVICING_FEE),
            f"not at least 0 and below {MAX_SERVICING_FEE:g} (percent)",
        ),
        Rule(
            "servicing_fee_below_note_rate",
            "servicing_fee_rate",
            col("servicing_fee_rate") >= col("note_rate"),
            pl.format("not below the note rate {}", _shown("note_rate")),
        ),
        Rule(
            "term_range",
            "original_term",
            _outside("original_term", 1, MAX_TERM),
            f"not 1 to {MAX_TERM} months",
        ),
        Rule(
            "term_range",
            "remaining_term",
            _outside("remaining_term", 1, MAX_TERM),
            f"not 1 to {MAX_TERM} months",
        ),
        Rule(
            "remaining_le_original",
            "remaining_term",
            col("remaining_term") > col("original_term"),
            pl.format("exceeds original_term {}", col("original_term")),
        ),
        Rule(
            "ltv_range",
            "ltv",
            _outside("ltv", 0, MAX_LTV, low_open=True),
            f"not above 0 and at most {MAX_LTV:g} (percent)",
        ),
        Rule(
            "ltv_range",
            "ltv_without_pledge",
            _outside("ltv_without_pledge", 0, MAX_LTV, low_open=True),
            f"not above 0 and at most {MAX_LTV:g}",
        ),
        Rule("units_range", "units", _outside("units", 1, MAX_UNITS), f"not 1 to {MAX_UNITS}"),
        Rule(
            "state_code",
            "state",
            ~col("state").is_in(list(schema.STATES)),
            "not a two-letter USPS code (upper case)",
        ),
        Rule(
            "zip_format",
            "zip",
            ~col("zip").str.contains(ZIP_PATTERN),
            pl.when(col("zip").str.contains(r"^\d{3,4}$"))
            .then(pl.lit("not five digits (a leading zero lost in a spreadsheet?)"))
            .otherwise(pl.lit("not five digits")),
        ),
        _enum_rule("property_type", tuple(schema.PROPERTY_TYPES)),
        _enum_rule("occupancy", schema.OCCUPANCIES),
        _enum_rule("documentation", schema.DOCUMENTATION_TYPES),
        _enum_rule("loan_purpose", schema.LOAN_PURPOSES),
        Rule(
            "ltv_without_pledge_only_with_collateral",
            "ltv_without_pledge",
            col("ltv_without_pledge").is_not_null() & ~col("additional_collateral"),
            "given for a loan without additional_collateral",
        ),
        *_consistency_warnings(),
    )


def _consistency_warnings() -> tuple[Rule, ...]:
    return (
        Rule(
            "units_property_type",
            "units",
            pl.when(col("property_type") == "multi_family")
            .then(col("units") < 2)
            .otherwise(
                col("property_type").is_in(list(schema.PROPERTY_TYPES)) & (col("units") != 1)
            ),
            pl.format(
                "{} units for property_type {} (multi_family has 2-4, others 1)",
                col("units"),
                col("property_type"),
            ),
            "warning",
        ),
        Rule(
            "ltv_without_pledge_missing",
            "ltv_without_pledge",
            col("additional_collateral") & col("ltv_without_pledge").is_null(),
            "additional collateral pledged but no LTV without the pledge",
            "warning",
        ),
        Rule(
            "ltv_without_pledge_below_ltv",
            "ltv_without_pledge",
            col("ltv_without_pledge") < col("ltv"),
            pl.format(
                "below ltv {} (the pledge should lower the LTV, not raise it)", _shown("ltv")
            ),
            "warning",
        ),
        Rule(
            "mortgage_insurance_over_80",
            "mortgage_insurance",
            (col("ltv") > MI_LTV) & ~col("mortgage_insurance"),
            pl.format("ltv {} above 80 without primary mortgage insurance", _shown("ltv")),
            "warning",
        ),
    )


def date_rules(cut_off: pl.Expr | None) -> tuple[Rule, ...]:
    """Rules on dates; those needing the cut-off only when one is known."""
    rules = [
        Rule(
            "maturity_after_origination",
            "maturity_date",
            col("maturity_date") <= col("origination_date"),
            pl.format("not after origination_date {}", col("origination_date")),
        ),
        Rule(
            "first_payment_after_origination",
            "first_payment_date",
            col("first_payment_date") <= col("origination_date"),
            pl.format("not after origination_date {}", col("origination_date")),
            "warning",
        ),
        Rule(
            "maturity_original_term",
            "maturity_date",
            months_later_differs(
                col("maturity_date"), col("first_payment_date"), col("original_term") - 1
            ),
            pl.format(
                "not first_payment_date + (original_term - 1) months = {}",
                add_months(col("first_payment_date"), col("original_term") - 1),
            ),
            "warning",
        ),
    ]
    if cut_off is not None:
        expected = remaining_payments(cut_off, col("maturity_date"))
        rules += [
            Rule(
                "remaining_term_maturity",
                "remaining_term",
                col("remaining_term") != expected,
                pl.format(
                    "expected {} (payments due after the cut-off date {} to maturity {})",
                    expected,
                    cut_off,
                    col("maturity_date"),
                ),
            ),
            Rule(
                "origination_after_cut_off",
                "origination_date",
                col("origination_date") > cut_off,
                pl.format("after the cut-off date {}", cut_off),
                "warning",
            ),
        ]
    return tuple(rules)
