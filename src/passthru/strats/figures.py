"""The narrative figures of a pool, as the 2002-12 Item 5 and the 2003-2 description print them.

Each figure keeps its exact value and the text the filing prints, through
passthru.money: weighted averages rounded half-up (§3.2), "at least" shares
floored and "no more than" shares ceiled, the smallest original balance floored
and the largest ceiled, so no printed bound overstates the tape. A figure that
depends on an attribute the tape lacks for every loan is exact None, printed
"unknown"; when only some loans lack it, the figure is computed conservatively
and its note says how.
"""

from __future__ import annotations

from datetime import date

from passthru.money import (
    ceil_to,
    floor_to,
    format_date,
    format_dollars,
    format_number,
    round_half_up,
)
from passthru.strats.aggregates import Aggregates
from passthru.strats.model import Exact, Figure

# Weighted sums carry binary noise in the last digits; an average is settled to
# nine decimals before it is rounded for print, so 6.0625 prints 6.063.
_SETTLE_DECIMALS = 9

UNKNOWN = "unknown"

LABELS: dict[str, str] = {
    "loan_count": "Number of mortgage loans",
    "aggregate_balance": "Aggregate scheduled principal balance",
    "wa_note_rate": "Weighted average interest rate (before the servicing fee)",
    "wa_remaining_term": "Weighted average remaining term to stated maturity (months)",
    "wa_original_term": "Weighted average original term to stated maturity (months)",
    "origination_start": "None originated prior to",
    "origination_end": "None originated after",
    "latest_maturity": "No scheduled maturity later than",
    "min_original_balance": "Original principal balance not less than",
    "max_original_balance": "Original principal balance not more than",
    "ltv_over_80_balance": "Balance with loan-to-value ratio at origination over 80%",
    "max_ltv": "Highest loan-to-value ratio at origination",
    "any_ltv_over_95": "Any loan-to-value ratio at origination over 95%",
    "wa_ltv": "Weighted average loan-to-value ratio at origination",
    "max_zip_balance": "No more than this balance in any one zip code",
    "primary_residence_pct": "At least this share secured by primary residences",
    "investment_pct": "No more than this share secured by investment properties",
    "full_or_streamlined_pct": (
        "At least this share with full documentation or streamlined refinance"
    ),
    "stated_income_pct": "No more than this share with income not verified (stated income)",
    "streamlined_pct": "No more than this share refinanced under streamlined policies",
    "ltv_over_80_uninsured_count": "Loans over 80% LTV without primary mortgage insurance",
    "additional_collateral_count": "Loans with additional collateral pledged",
    "additional_collateral_balance": "Balance of loans with additional collateral",
    "additional_collateral_wa_ltv": "Their weighted average LTV, with the pledged collateral",
    "additional_collateral_wa_ltv_without_pledge": (
        "Their weighted average LTV, without the pledged collateral"
    ),
    "target_rate": "Target rate: premium loans have net loan rates at or above",
}
for _strip in ("premium", "discount"):
    LABELS |= {
        f"{_strip}_count": f"Number of {_strip} loans",
        f"{_strip}_balance": f"Aggregate scheduled principal balance of {_strip} loans",
        f"{_strip}_wa_note_rate": f"Weighted average interest rate of {_strip} loans",
        f"{_strip}_wa_remaining_term": f"Weighted average remaining term of {_strip} loans",
    }


def _figure(key: str, exact: Exact, printed: str, unit: str, rule: str, note: str = "") -> Figure:
    return Figure(key, LABELS[key], exact, printed, unit, rule, note)


def _settled(value: float) -> float:
    return round(value, _SETTLE_DECIMALS)


def _average(numerator: float | None, weight: float | None) -> float | None:
    """Balance-weighted average (§3.2); None when no balance carries it."""
    return None if not weight or numerator is None else numerator / weight


def percent_text(value: float, places: int) -> str:
    """ "6.462%": rounded half-up to ``places`` decimals."""
    return format_number(round_half_up(_settled(value), places), places) + "%"


def _first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _count(key: str, value: int, note: str = "") -> Figure:
    return _figure(key, value, str(value), "count", "count", note)


def _dollars(key: str, value: float | None, note: str = "") -> Figure:
    printed = "" if value is None else format_dollars(round_half_up(value, 0))
    return _figure(key, value, printed, "dollars", "whole_dollars", note)


def _rate(key: str, value: float | None) -> Figure:
    printed = "" if value is None else percent_text(value, 3)
    return _figure(key, value, printed, "percent", "round_half_up:3")


def _months(key: str, value: float | None) -> Figure:
    printed = "" if value is None else format_number(round_half_up(_settled(value), 2), 2)
    return _figure(key, value, printed, "months", "round_half_up:2")


def _unknown(key: str, unit: str, rule: str, note: str) -> Figure:
    return _figure(key, None, UNKNOWN, unit, rule, note)


def size_figures(a: Aggregates) -> list[Figure]:
    """Count, aggregate balance to the cent, and the balance-weighted averages."""
    balance = a["balance"]
    return [
        _count("loan_count", a["count"]),
        _figure(
            "aggregate_balance",
            balance,
            format_dollars(round_half_up(balance, 2), 2),
            "dollars",
            "cents",
        ),
        _rate("wa_note_rate", _average(a["rate_weighted"], balance)),
        _months("wa_remaining_term", _average(a["remaining_weighted"], balance)),
        _months("wa_original_term", _average(a["original_weighted"], balance)),
    ]


def date_figures(a: Aggregates, cut_off: date) -> list[Figure]:
    """Origination window (first of month; cut-off or the month after) and latest maturity."""
    start, end, maturity = a["origination_start"], a["origination_end"], a["latest_maturity"]
    window_end = None
    if end is not None:
        window_end = cut_off if end <= cut_off else _first_of_next_month(end)
    return [
        _figure(
            "origination_start",
            start,
            format_date(start.replace(day=1)) if start else "",
            "date",
            "first_of_month",
        ),
        _figure(
            "origination_end",
            end,
            format_date(window_end) if window_end else "",
            "date",
            "first_of_month",
        ),
        _figure(
            "latest_maturity", maturity, format_date(maturity) if maturity else "", "date", "date"
        ),
    ]


def original_balance_figures(a: Aggregates) -> list[Figure]:
    """ "Not less than" floors, "nor more than" ceils, to whole dollars."""
    low, high = a["original_balance_min"], a["original_balance_max"]
    return [
        _figure(
            "min_original_balance",
            low,
            "" if low is None else format_dollars(floor_to(low)),
            "dollars",
            "floor:0",
        ),
        _figure(
            "max_original_balance",
            high,
            "" if high is None else format_dollars(ceil_to(high)),
            "dollars",
            "ceil:0",
        ),
    ]


def ltv_figures(a: Aggregates) -> list[Figure]:
    """LTVs compared after rounding to 3 decimals, as the LTV table buckets them (§3.5)."""
    top = a["max_ltv"]
    over_95 = a["ltv_over_95_count"] > 0
    return [
        _dollars("ltv_over_80_balance", a["ltv_over_80_balance"]),
        _rate("max_ltv", top),
        _figure("any_ltv_over_95", over_95, "yes" if over_95 else "no", "boolean", "boolean"),
        _wa_ltv("wa_ltv", _average(a["ltv_weighted"], a["balance"]), drop_zero_tenth=False),
    ]


def _wa_ltv(key: str, value: float | None, *, drop_zero_tenth: bool, note: str = "") -> Figure:
    """1 decimal half-up ("63.8%"); with ``drop_zero_tenth`` a trailing ".0" goes ("80%")."""
    if value is None:
        return _figure(key, None, "", "percent", "round_half_up:1", note)
    printed = percent_text(value, 1)
    if drop_zero_tenth and printed.endswith(".0%"):
        printed = printed[:-3] + "%"
    return _figure(key, value, printed, "percent", "round_half_up:1", note)


def zip_figure(a: Aggregates) -> Figure:
    """Largest aggregate balance in one zip code; loans of unknown zip are assumed to share it."""
    key, largest, unknown = "max_zip_balance", a["max_zip_balance"], a["zip_unknown_count"]
    if a["count"] == 0:
        return _dollars(key, None)
    if largest is None:
        return _unknown(key, "dollars", "whole_dollars", "no loan has a zip code")
    if not unknown:
        return _dollars(key, largest)
    note = f"zip code {a['max_zip']} plus {unknown} loans of unknown zip code counted as if in it"
    return _dollars(key, largest + a["zip_unknown_balance"], note)


def _share(a: Aggregates, key: str, attribute: str, group: str, *, at_least: bool) -> Figure:
    """Share of the pool balance; unknowns count against "at least", toward "no more than"."""
    rule = "floor:0" if at_least else "ceil:0"
    unknown = a[f"{attribute}_unknown_count"]
    if a["count"] == 0 or not a["balance"]:
        return _figure(key, None, "", "percent", rule)
    if unknown == a["count"]:
        return _unknown(key, "percent", rule, f"{attribute} unknown for every loan")
    part = a[f"{attribute}_{group}_balance"]
    if not at_least:
        part += a[f"{attribute}_unknown_balance"]
    share = _settled(100 * part / a["balance"])
    printed = f"{floor_to(share) if at_least else ceil_to(share)}%"
    note = ""
    if unknown:
        side = "against" if at_least else "toward"
        note = f"{unknown} loans of unknown {attribute} counted {side} this share"
    return _figure(key, share, printed, "percent", rule, note)


def share_figures(a: Aggregates) -> list[Figure]:
    """Occupancy and documentation shares of the current balance."""
    return [
        _share(a, "primary_residence_pct", "occupancy", "primary", at_least=True),
        _share(a, "investment_pct", "occupancy", "investment", at_least=False),
        _share(a, "full_or_streamlined_pct", "documentation", "full_or_streamlined", at_least=True),
        _share(a, "stated_income_pct", "documentation", "stated_income", at_least=False),
        _share(a, "streamlined_pct", "documentation", "streamlined", at_least=False),
    ]


def insurance_figure(a: Aggregates) -> Figure:
    """Loans over 80% LTV without mortgage insurance; unknown insurance counts as uninsured."""
    key, unknown = "ltv_over_80_uninsured_count", a["ltv_over_80_insurance_unknown"]
    if unknown and unknown == a["ltv_over_80_count"]:
        return _unknown(key, "count", "count", "mortgage insurance unknown for every loan over 80%")
    count = a["ltv_over_80_uninsured_count"] + unknown
    note = f"{unknown} loans of unknown mortgage insurance counted as uninsured" if unknown else ""
    return _figure(key, count, str(count), "count", "count", note)


_PLEDGED = (
    ("additional_collateral_count", "count", "count"),
    ("additional_collateral_balance", "dollars", "whole_dollars"),
    ("additional_collateral_wa_ltv", "percent", "round_half_up:1"),
    ("additional_collateral_wa_ltv_without_pledge", "percent", "round_half_up:1"),
)


def pledged_figures(a: Aggregates) -> list[Figure]:
    """Additional-collateral loans: count, balance, weighted LTV with and without the pledge.

    With no such loans the count is 0 and the other three are None, printed "".
    """
    unknown, count = a["pledged_unknown_count"], a["pledged_count"]
    if a["count"] and unknown == a["count"]:
        note = "additional collateral unknown for every loan"
        return [_unknown(key, unit, rule, note) for key, unit, rule in _PLEDGED]
    note = f"{unknown} loans of unknown additional collateral left out" if unknown else ""
    balance = a["pledged_balance"] if count else None
    missing = a["without_pledge_unknown"]
    without = _average(a["without_pledge_weighted"], a["without_pledge_balance"])
    without_note = f"{missing} pledged loans lack the LTV without the pledge" if missing else ""
    keys = [key for key, _, _ in _PLEDGED]
    return [
        _count(keys[0], count, note),
        _dollars(keys[1], balance, note),
        _wa_ltv(keys[2], _average(a["pledged_ltv_weighted"], balance), drop_zero_tenth=True),
        _unknown(*_PLEDGED[3], without_note)
        if count and without is None
        else _wa_ltv(keys[3], without, drop_zero_tenth=False, note=without_note),
    ]


def strip_figures(a: Aggregates, target_rate: float) -> list[Figure]:
    """Target rate, then premium and discount loans (net rate >= target is premium, §2.2)."""
    out = [_rate("target_rate", target_rate)]
    for strip in ("premium", "discount"):
        count, balance = a[f"{strip}_count"], a[f"{strip}_balance"]
        present = count > 0
        out += [
            _count(f"{strip}_count", count),
            _dollars(f"{strip}_balance", balance if present else None),
            _rate(
                f"{strip}_wa_note_rate",
                _average(a[f"{strip}_rate_weighted"], balance) if present else None,
            ),
            _months(
                f"{strip}_wa_remaining_term",
                _average(a[f"{strip}_remaining_weighted"], balance) if present else None,
            ),
        ]
    return out


def pool_figures(a: Aggregates, cut_off: date, target_rate: float | None) -> tuple[Figure, ...]:
    """Every figure of one pool; target, premium and discount keys only with a target rate."""
    figures = [
        *size_figures(a),
        *date_figures(a, cut_off),
        *original_balance_figures(a),
        *ltv_figures(a),
        zip_figure(a),
        *share_figures(a),
        insurance_figure(a),
        *pledged_figures(a),
    ]
    if target_rate is not None:
        figures += strip_figures(a, target_rate)
    return tuple(figures)
