"""A deterministic synthetic tape of 2002 prime jumbo loans, for the demo and the benchmark.

The loans are invented; their attributes follow the shape of the CMSI 2002-12
collateral term sheet (8-K of December 6, 2002): about 77% of the balance in
20- to 30-year loans (pool I), the rest 10- to 15-year (pool II); note rates in
1/8 steps; balances mostly $300,000 to $1,000,000; states weighted by that
filing's tables. Every column is drawn as one NumPy array, so a million loans
take about a second. The tape is canonical (docs/loan-tape.md): balances are
scheduled balances after the payments due on or before the cut-off date
(cashflow-and-structure.md §3.1), amortised by the level-payment formula (SF-4).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import numpy as np
import polars as pl

from passthru.deal import Deal, PoolTerms
from passthru.tape.schema import SCHEMA

# Terms a 2002 originator offered; a pool takes those inside its term range.
STANDARD_TERMS: tuple[int, ...] = (120, 180, 240, 300, 360)
MAIN_TERM_SHARE = 0.95  # of a pool's loans at its longest standard term
LONG_POOL_SHARE = 0.77  # of loans in the pool of the longest terms (8-K: 77.6% of balance)

# Note rates in eighths of a point from the pool's par rate: the target rate
# plus the servicing fee, rounded to 1/8. Below par a loan is a discount loan
# (cashflow-and-structure.md §2.2): 30-year notes centre on 6.0-6.75% and
# 15-year notes on 5.625-6.5% at the 2002-12 targets (5.750% and 5.250%).
LONG_RATE_STEPS: dict[int, float] = {
    -4: 0.002, -3: 0.003, -2: 0.004, -1: 0.008, 0: 0.060, 1: 0.100, 2: 0.160,
    3: 0.200, 4: 0.170, 5: 0.130, 6: 0.090, 7: 0.040, 8: 0.020, 9: 0.006,
    10: 0.004, 12: 0.002, 13: 0.001,
}  # fmt: skip
SHORT_RATE_STEPS: dict[int, float] = {
    -1: 0.01, 0: 0.02, 1: 0.05, 2: 0.09, 3: 0.14, 4: 0.18, 5: 0.17, 6: 0.14,
    7: 0.10, 8: 0.06, 9: 0.03, 10: 0.01,
}  # fmt: skip

# Payments due on or before the cut-off (the loan age): most loans are new.
AGE_WEIGHTS: tuple[float, ...] = (0.20, 0.35, 0.20, 0.10) + (0.15 / 21,) * 21

MAX_ORIGINAL_BALANCE = 1_000_000.0
BALANCE_STEP = 100.0  # original balances in whole hundreds of dollars

# Loans by state in the 2002-12 filing's two state tables, pools I and II together.
STATE_WEIGHTS: dict[str, int] = {
    "AL": 9, "AZ": 15, "AR": 4, "CA": 417, "CO": 39, "CT": 67, "DE": 1, "DC": 13,
    "FL": 28, "GA": 21, "HI": 3, "ID": 1, "IL": 37, "IN": 6, "IA": 2, "KS": 2,
    "ME": 3, "MD": 44, "MA": 52, "MI": 12, "MN": 8, "MS": 1, "MO": 25, "NV": 3,
    "NH": 3, "NJ": 74, "NM": 3, "NY": 212, "NC": 16, "OH": 9, "OR": 6, "PA": 9,
    "RI": 2, "SC": 9, "TN": 9, "TX": 21, "UT": 6, "VT": 1, "VA": 52, "WA": 30,
    "WV": 1,
}  # fmt: skip

# Three-digit zip prefixes of each state's suburbs; the last two digits are drawn
# from a small range so that some zips hold several loans.
ZIP_PREFIXES: dict[str, tuple[str, ...]] = {
    "AL": ("350", "352", "356"), "AZ": ("850", "852", "857"), "AR": ("722", "727"),
    "CA": ("900", "902", "913", "917", "920", "926", "940", "945", "949", "950"),
    "CO": ("800", "801", "803", "805"), "CT": ("060", "063", "064", "066", "068"),
    "DE": ("197", "198"), "DC": ("200",), "FL": ("320", "327", "331", "334", "339"),
    "GA": ("300", "301", "303", "305"), "HI": ("967", "968"), "ID": ("836", "837"),
    "IL": ("600", "601", "603", "605", "606"), "IN": ("460", "462", "465"),
    "IA": ("500", "503", "523"), "KS": ("660", "662", "672"), "ME": ("040", "041", "043"),
    "MD": ("207", "208", "209", "210", "211", "212"), "MA": ("017", "018", "019", "020", "021"),
    "MI": ("480", "481", "483", "495"), "MN": ("550", "553", "554"), "MS": ("386", "392"),
    "MO": ("630", "631", "640", "641"), "NV": ("890", "891", "894"), "NH": ("030", "031", "038"),
    "NJ": ("070", "072", "074", "076", "077", "079", "080", "085"), "NM": ("870", "871", "875"),
    "NY": ("100", "103", "105", "107", "110", "115", "117", "125"),
    "NC": ("270", "275", "276", "280", "282"), "OH": ("430", "432", "441", "452"),
    "OR": ("970", "972", "974"), "PA": ("150", "170", "180", "190", "194"), "RI": ("028", "029"),
    "SC": ("290", "294", "296"), "TN": ("370", "372", "381"), "TX": ("750", "752", "770", "787"),
    "UT": ("840", "841", "844"), "VT": ("050", "054"), "VA": ("201", "220", "221", "222", "223"),
    "WA": ("980", "981", "983", "984"), "WV": ("250", "253", "263"),
}  # fmt: skip
ZIP_SUFFIXES = 40  # last two digits 00-39

# Dwellings other than cooperatives (those depend on the state, see below).
PROPERTY_MIX: dict[str, float] = {
    "detached": 0.921,
    "condo_low_rise": 0.032,
    "condo_high_rise": 0.020,
    "townhouse": 0.016,
    "multi_family": 0.011,
}
COOPERATIVE_SHARE = {"NY": 0.20, "other": 0.004}
MULTI_FAMILY_UNITS: dict[int, float] = {2: 0.80, 3: 0.15, 4: 0.05}

OCCUPANCY_MIX: dict[str, float] = {"primary": 0.975, "second_home": 0.025}
DOCUMENTATION_MIX: dict[str, float] = {"streamlined": 0.70, "full": 0.255, "stated_income": 0.045}
REFINANCE_MIX: dict[str, float] = {"rate_term_refinance": 0.75, "cash_out_refinance": 0.25}
VERIFIED_PURPOSE_MIX: dict[str, float] = {
    "purchase": 0.60,
    "rate_term_refinance": 0.25,
    "cash_out_refinance": 0.15,
}

HIGH_LTV_SHARE = 0.016  # LTV over 80% (all with mortgage insurance), 8-K: 1.4% of balance
ADDITIONAL_COLLATERAL_SHARE = 0.005
LTV_AT_80_SHARE = 0.12  # loans written at exactly 80.000%


def synthetic_tape(n_loans: int = 1300, *, deal: Deal, seed: int = 2002) -> pl.DataFrame:
    """A canonical tape of ``n_loans`` invented prime jumbo loans as of the deal's cut-off.

    Deterministic for a ``seed``; ``pool`` is left empty so the deal's term
    ranges assign it, and ``servicing_fee_rate`` empty so the deal's fee applies.
    """
    if n_loans < 1:
        raise ValueError(f"n_loans must be at least 1, not {n_loans}")
    rng = np.random.default_rng(seed)
    original_term, note_rate = _terms_and_rates(rng, n_loans, deal)
    original_balance = _original_balances(rng, n_loans)
    payments_made = rng.choice(len(AGE_WEIGHTS), size=n_loans, p=_normalised(AGE_WEIGHTS))
    columns = _dates(rng, payments_made, original_term, deal.cut_off_date)
    columns["original_balance"] = original_balance
    columns["current_balance"] = scheduled_balance(
        original_balance, note_rate, original_term, payments_made
    )
    columns["note_rate"] = note_rate
    columns["original_term"] = original_term
    columns.update(_loan_to_value(rng, n_loans))
    columns.update(_locations(rng, n_loans))
    columns.update(_dwellings(rng, columns["state"]))
    columns.update(_borrowers(rng, n_loans))
    frame = pl.DataFrame(columns).with_columns(
        pl.format("S{}", pl.int_range(1, pl.len() + 1).cast(pl.String).str.zfill(7)).alias(
            "loan_id"
        ),
        pl.lit(None, dtype=pl.String).alias("pool"),
        pl.lit(None, dtype=pl.Float64).alias("servicing_fee_rate"),
    )
    return frame.select(pl.col(name).cast(dtype) for name, dtype in SCHEMA.items())


def scheduled_balance(
    original_balance: np.ndarray,
    note_rate: np.ndarray,
    original_term: np.ndarray,
    payments_made: np.ndarray,
) -> np.ndarray:
    """Level-payment balance after ``payments_made`` payments, rounded to the cent (SF-4).

    ``BAL(k) = B0 · [(1+r)^M0 − (1+r)^k] / [(1+r)^M0 − 1]`` with r the monthly note rate.
    """
    growth = 1.0 + note_rate / 1200.0
    full = growth**original_term
    return np.round(original_balance * (full - growth**payments_made) / (full - 1.0), 2)


def _normalised(weights: Iterable[float]) -> np.ndarray:
    array = np.asarray(tuple(weights), dtype=float)
    return array / array.sum()


def _draw(rng: np.random.Generator, mix: Mapping[object, float], n: int) -> pl.Series:
    """``n`` values drawn from ``mix`` (value -> weight) as a Polars series."""
    index = rng.choice(len(mix), size=n, p=_normalised(mix.values()))
    return pl.Series(list(mix)).gather(index)


def _pool_shares(deal: Deal) -> np.ndarray:
    """Share of loans per deal pool: LONG_POOL_SHARE to the pool of longest terms."""
    if len(deal.pools) == 1:
        return np.ones(1)
    longest = max(range(len(deal.pools)), key=lambda i: deal.pools[i].original_term[1])
    rest = (1.0 - LONG_POOL_SHARE) / (len(deal.pools) - 1)
    return np.array([LONG_POOL_SHARE if i == longest else rest for i in range(len(deal.pools))])


def _pool_terms(pool: PoolTerms) -> tuple[np.ndarray, np.ndarray]:
    """The standard terms inside a pool's range (its upper bound if none) and their weights."""
    low, high = pool.original_term
    terms = [t for t in STANDARD_TERMS if low <= t <= high] or [high]
    if len(terms) == 1:
        return np.array(terms), np.ones(1)
    minor = (1.0 - MAIN_TERM_SHARE) / (len(terms) - 1)
    return np.array(terms), np.array([minor] * (len(terms) - 1) + [MAIN_TERM_SHARE])


def _terms_and_rates(rng: np.random.Generator, n: int, deal: Deal) -> tuple[np.ndarray, np.ndarray]:
    """Original terms within each pool's range and note rates about the pool's par rate."""
    pool_index = rng.choice(len(deal.pools), size=n, p=_pool_shares(deal))
    term_draw = rng.random(n)
    rate_draw = rng.random(n)
    original_term = np.empty(n, dtype=np.int64)
    note_rate = np.empty(n, dtype=float)
    for i, pool in enumerate(deal.pools):  # a handful of pools, never a loop over loans
        members = pool_index == i
        terms, weights = _pool_terms(pool)
        original_term[members] = terms[_bucket(term_draw[members], weights)]
        steps = LONG_RATE_STEPS if terms.max() > 180 else SHORT_RATE_STEPS
        eighths = np.array(list(steps))[_bucket(rate_draw[members], _normalised(steps.values()))]
        par = round((pool.target_rate + deal.servicing_fee_rate) * 8) / 8
        note_rate[members] = par + eighths / 8
    return original_term, note_rate


def _bucket(uniform: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Index of the weight each uniform draw falls in (inverse CDF of a discrete mix)."""
    edges = np.cumsum(weights)[:-1] / weights.sum()
    return np.searchsorted(edges, uniform, side="right")


def _original_balances(rng: np.random.Generator, n: int) -> np.ndarray:
    """Jumbo balances: mostly $300,000-$700,000, a tail to $1,000,000, a few small loans."""
    kind = rng.choice(4, size=n, p=[0.03, 0.88, 0.075, 0.015])
    small = rng.uniform(16_000, 300_000, n)
    scale = 150_000.0  # truncated exponential on [300,000, 700,000)
    core = 300_000 - scale * np.log1p(-rng.random(n) * (1 - np.exp(-400_000 / scale)))
    large = rng.uniform(700_000, MAX_ORIGINAL_BALANCE, n)
    drawn = np.select([kind == 0, kind == 1, kind == 2], [small, core, large], MAX_ORIGINAL_BALANCE)
    return np.round(drawn / BALANCE_STEP) * BALANCE_STEP


def _dates(
    rng: np.random.Generator, payments_made: np.ndarray, original_term: np.ndarray, cut_off: date
) -> dict[str, np.ndarray]:
    """Origination, first payment and maturity dates, and the remaining term at the cut-off.

    ``payments_made`` payments fall due on or before the cut-off, the first on
    the 1st of the month after origination; maturity is the first payment date
    plus ``original_term - 1`` months; the remaining term counts the months
    from the cut-off to maturity.
    """
    cut_off_month = np.datetime64(cut_off, "M")
    first_payment = cut_off_month + (1 - payments_made)
    maturity = first_payment + (original_term - 1)
    day = rng.integers(0, 28, payments_made.size)
    origination = (first_payment - 1).astype("datetime64[D]") + day
    return {
        "origination_date": np.minimum(origination, np.datetime64(cut_off, "D")),
        "first_payment_date": first_payment.astype("datetime64[D]"),
        "maturity_date": maturity.astype("datetime64[D]"),
        "remaining_term": (maturity - cut_off_month).astype(np.int64),
    }


def _loan_to_value(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """LTVs to 3 decimals, mostly 40-80%; over 80% insured; a few pledged-collateral loans."""
    kind = rng.choice(3, size=n, p=[HIGH_LTV_SHARE, ADDITIONAL_COLLATERAL_SHARE, 0.979])
    high = kind == 0
    pledged = kind == 1
    ordinary = rng.triangular(25.0, 80.0, 80.0, n)
    ordinary[rng.random(n) < LTV_AT_80_SHARE] = 80.0
    ltv = np.where(high, rng.uniform(80.001, 95.0, n), ordinary)
    ltv[pledged] = 80.0
    without_pledge = np.where(pledged, np.round(rng.uniform(90.0, 100.0, n), 3), np.nan)
    return {
        "ltv": np.round(ltv, 3),
        "ltv_without_pledge": pl.Series(without_pledge, nan_to_null=True),
        "mortgage_insurance": high,
        "additional_collateral": pledged,
    }


def _locations(rng: np.random.Generator, n: int) -> dict[str, pl.Series]:
    """States weighted as in the 2002-12 filing and five-digit zips from each state's prefixes."""
    states = list(STATE_WEIGHTS)
    state_index = rng.choice(len(states), size=n, p=_normalised(STATE_WEIGHTS.values()))
    counts = np.array([len(ZIP_PREFIXES[s]) for s in states])
    offsets = np.concatenate(([0], np.cumsum(counts)[:-1]))
    prefixes = pl.Series([p for s in states for p in ZIP_PREFIXES[s]])
    chosen = offsets[state_index] + (rng.random(n) * counts[state_index]).astype(np.int64)
    suffix = pl.Series(rng.integers(0, ZIP_SUFFIXES, n)).cast(pl.String).str.zfill(2)
    return {
        "state": pl.Series(states).gather(state_index),
        "zip": prefixes.gather(chosen) + suffix,
    }


def _dwellings(rng: np.random.Generator, state: pl.Series) -> dict[str, pl.Series]:
    """Property types (cooperatives mostly in New York) and units (2-4 only for multi-family)."""
    n = state.len()
    property_type = _draw(rng, PROPERTY_MIX, n)
    coop_share = np.where(
        (state == "NY").to_numpy(), COOPERATIVE_SHARE["NY"], COOPERATIVE_SHARE["other"]
    )
    cooperative = pl.Series(rng.random(n) < coop_share)
    property_type = pl.select(
        pl.when(cooperative).then(pl.lit("cooperative")).otherwise(property_type)
    ).to_series()
    multi_units = _draw(rng, MULTI_FAMILY_UNITS, n)
    units = pl.select(
        pl.when(property_type == "multi_family").then(multi_units).otherwise(1)
    ).to_series()
    return {"property_type": property_type, "units": units}


def _borrowers(rng: np.random.Generator, n: int) -> dict[str, pl.Series]:
    """Occupancy, documentation and a loan purpose consistent with it (streamlined = refinance)."""
    documentation = _draw(rng, DOCUMENTATION_MIX, n)
    refinance = _draw(rng, REFINANCE_MIX, n)
    verified = _draw(rng, VERIFIED_PURPOSE_MIX, n)
    purpose = pl.select(
        pl.when(documentation == "streamlined").then(refinance).otherwise(verified)
    ).to_series()
    return {
        "occupancy": _draw(rng, OCCUPANCY_MIX, n),
        "documentation": documentation,
        "loan_purpose": purpose,
    }
