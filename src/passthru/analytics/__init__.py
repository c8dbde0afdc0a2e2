"""WAL, price and yield, durations, convexity, total return and break-even root finding.

Pure math on cash-flow arrays (SF-44 to SF-51), independent of how the cash flows were
projected: periods on the last axis, optional leading scenario axes.
"""

from passthru.analytics.daycount import (
    actual_delay,
    cash_flow_times,
    days_30_360,
    days_into_accrual_month,
    distribution_dates,
    stated_delay,
    years_from_closing,
)
from passthru.analytics.decrement import (
    INITIAL_ROW,
    WAL_ROW,
    deal_calendar,
    decrement_table,
    decrement_values,
    first_distribution_date,
    format_decrement,
    pass_through_balances,
    pass_through_decrements,
    pass_through_names,
)
from passthru.analytics.decrement_text import render_decrement_text
from passthru.analytics.errors import (
    NoConvergenceError,
    PriceQuoteError,
    RootNotBracketedError,
    YieldError,
)
from passthru.analytics.measures import (
    YieldMeasures,
    convexity,
    effective_convexity,
    effective_duration,
    horizon_value,
    macaulay_duration,
    measures,
    modified_duration,
    total_percentage_return,
    total_rate_of_return,
    wal,
)
from passthru.analytics.prices import format_32nds, parse_price
from passthru.analytics.roots import ROOT_TOLERANCE, find_root
from passthru.analytics.yields import (
    YIELD_TOLERANCE,
    accrued_interest,
    bey_from_mortgage_yield,
    bond_equivalent_yield,
    discount_factors,
    full_price,
    mortgage_yield,
    price_from_yield,
    principal_amount,
    settlement_cost,
)

__all__ = [
    "INITIAL_ROW",
    "ROOT_TOLERANCE",
    "WAL_ROW",
    "YIELD_TOLERANCE",
    "NoConvergenceError",
    "PriceQuoteError",
    "RootNotBracketedError",
    "YieldError",
    "YieldMeasures",
    "accrued_interest",
    "actual_delay",
    "bey_from_mortgage_yield",
    "bond_equivalent_yield",
    "cash_flow_times",
    "convexity",
    "days_30_360",
    "days_into_accrual_month",
    "deal_calendar",
    "decrement_table",
    "decrement_values",
    "discount_factors",
    "distribution_dates",
    "effective_convexity",
    "effective_duration",
    "find_root",
    "first_distribution_date",
    "format_32nds",
    "format_decrement",
    "full_price",
    "horizon_value",
    "macaulay_duration",
    "measures",
    "modified_duration",
    "mortgage_yield",
    "parse_price",
    "pass_through_balances",
    "pass_through_decrements",
    "pass_through_names",
    "price_from_yield",
    "principal_amount",
    "render_decrement_text",
    "settlement_cost",
    "stated_delay",
    "total_percentage_return",
    "total_rate_of_return",
    "wal",
    "years_from_closing",
]
