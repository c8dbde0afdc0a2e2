"""The canonical loan tape (docs/loan-tape.md, interchange format version 1).

Every reader produces a frame with exactly these columns and dtypes; every
writer writes them. A value a source layout lacks is null ("unknown"), never
invented.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True)
class Column:
    name: str
    dtype: pl.DataType
    required: bool
    description: str


COLUMNS: tuple[Column, ...] = (
    Column("loan_id", pl.String(), True, "unique, non-empty"),
    Column("pool", pl.String(), False, "pool name; empty means the deal's rules assign it"),
    Column("original_balance", pl.Float64(), True, "dollars, 2 places"),
    Column("current_balance", pl.Float64(), True, "scheduled principal balance at the cut-off"),
    Column("note_rate", pl.Float64(), True, "annual note rate in percent"),
    Column("servicing_fee_rate", pl.Float64(), False, "percent per year; deal default if empty"),
    Column("original_term", pl.Int64(), True, "months"),
    Column("remaining_term", pl.Int64(), True, "stated remaining months at the cut-off"),
    Column("origination_date", pl.Date(), True, "ISO date"),
    Column("first_payment_date", pl.Date(), False, "ISO date"),
    Column("maturity_date", pl.Date(), True, "ISO date"),
    Column("ltv", pl.Float64(), True, "LTV at origination in percent, with pledged collateral"),
    Column("ltv_without_pledge", pl.Float64(), False, "LTV ignoring pledged collateral"),
    Column("property_type", pl.String(), True, "enum, see PROPERTY_TYPES"),
    Column("units", pl.Int64(), True, "1 to 4"),
    Column("state", pl.String(), True, "two-letter USPS code"),
    Column("zip", pl.String(), True, "five digits"),
    Column("occupancy", pl.String(), True, "enum, see OCCUPANCIES"),
    Column("documentation", pl.String(), True, "enum, see DOCUMENTATION_TYPES"),
    Column("loan_purpose", pl.String(), True, "enum, see LOAN_PURPOSES"),
    Column("mortgage_insurance", pl.Boolean(), True, "primary mortgage insurance in force"),
    Column("additional_collateral", pl.Boolean(), True, "additional collateral pledged"),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
REQUIRED: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
SCHEMA: dict[str, pl.DataType] = {c.name: c.dtype for c in COLUMNS}

# Display names used by the 8-K tables, in the order the filings list them.
PROPERTY_TYPES: dict[str, str] = {
    "detached": "Detached Houses",
    "multi_family": "Multi-family Dwellings",
    "townhouse": "Townhouses",
    "condo_low_rise": "Condominium Units (one to four stories high)",
    "condo_high_rise": "Condominium Units (over four stories high)",
    "cooperative": "Cooperative Units",
}
OCCUPANCIES: tuple[str, ...] = ("primary", "second_home", "investment")
DOCUMENTATION_TYPES: tuple[str, ...] = ("full", "stated_income", "streamlined")
LOAN_PURPOSES: tuple[str, ...] = ("purchase", "rate_term_refinance", "cash_out_refinance")

STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas",
    "CA": "California", "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware",
    "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii",
    "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
    "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico", "GU": "Guam",
    "VI": "Virgin Islands",
}  # fmt: skip
