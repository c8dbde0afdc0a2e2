"""Each pool's table rows and the subsets its narrative names (discount, pledged, largest zip).

With tables, the subsets are parts of table rows (``assign.refined``); without,
they are picked from the loans by nominal balance (``partition.pick``), and the
other attributes come from a synthetic sample of the same size.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from passthru.rebuild.assign import Draft, place, refined, row_holding
from passthru.rebuild.partition import pick
from passthru.rebuild.targets import LOWEST_LTV, PoolTargets, RowTarget
from passthru.strats.aggregates import LTV_80, LTV_95

LTV_UPPERS = (65_000, 75_000, 80_000, 85_000, 90_000, 95_000, 100_000)
# The pledged loans' WA LTV with the pledge when a filing omits it: 80%, as both
# bundled filings print it (2002-12 pools I and II "each 80%", 2003-2 pool I 80%).
TYPICAL_PLEDGED_WA_LTV = 80.0


def premium_floor(pool: PoolTargets, fee: float) -> int:
    """Lowest premium note rate in thousandths: target rate plus servicing fee (§2.2)."""
    return round((pool.terms.target_rate + fee) * 1000)


def _dollars(pool: PoolTargets, key: str) -> int | None:
    value = pool.value(key)
    return None if value is None else int(value)  # type: ignore[call-overload]


def discount_dollars(pool: PoolTargets) -> int | None:
    """The discount loans' balance: printed, 0 when none, None when the filing is silent."""
    if pool.value("discount_count") == 0:
        return 0
    return _dollars(pool, "discount_balance")


def _discount_splits(pool: PoolTargets, fee: float) -> dict[int, list[tuple[int, int, str]]]:
    total = discount_dollars(pool)
    if total is None:
        return {}
    floor = premium_floor(pool, fee)
    rows = pool.tables["note_rate"]
    splits: dict[int, list[tuple[int, int, str]]] = {}
    rest = total
    for index, row in enumerate(rows):
        if row.value[1] < floor:  # type: ignore[index]
            splits[index] = [(row.count, row.dollars, "discount")]
            rest -= row.dollars
    across = row_holding(rows, floor)
    if across is not None and across not in splits and rest > 0:
        row = rows[across]
        count = min(max(round(rest * row.count / row.dollars), 1), row.count)
        splits[across] = [(count, row.dollars if count == row.count else rest, "discount")]
    return splits


def _pledged_row(rows: tuple[RowTarget, ...], ltv: float) -> int:
    held = row_holding(rows, round(ltv * 1000))
    if held is not None:
        return held
    within = [i for i, r in enumerate(rows) if r.value[1] <= LTV_80]  # type: ignore[index]
    return within[-1] if within else 0


def pledged_wa_ltv(draft: Draft) -> float:
    """The pledged loans' printed WA LTV, else ``TYPICAL_PLEDGED_WA_LTV`` (noted)."""
    ltv = draft.pool.value("additional_collateral_wa_ltv")
    if ltv is not None:
        return float(ltv)  # type: ignore[arg-type]
    draft.notes.append(
        "additional_collateral_wa_ltv: not printed; the pledged loans' LTVs aim at "
        f"{TYPICAL_PLEDGED_WA_LTV:g}%, the bundled filings' figure"
    )
    return TYPICAL_PLEDGED_WA_LTV


def _pledged_splits(draft: Draft) -> dict[int, list[tuple[int, int, str]]]:
    pool = draft.pool
    count = pool.value("additional_collateral_count")
    dollars = _dollars(pool, "additional_collateral_balance")
    if not count or dollars is None:
        return {}
    row = _pledged_row(pool.tables["ltv"], pledged_wa_ltv(draft))
    return {row: [(min(int(count), pool.tables["ltv"][row].count), dollars, "pledged")]}  # type: ignore[call-overload]


def _zip_splits(pool: PoolTargets) -> dict[int, list[tuple[int, int, str]]]:
    dollars = _dollars(pool, "max_zip_balance")
    rows = pool.tables["state"]
    if dollars is None:
        return {}
    index = max(range(len(rows)), key=lambda i: rows[i].dollars)
    row = rows[index]
    count = min(max(round(dollars * row.count / row.dollars), 1), row.count)
    return {index: [(count, min(dollars, row.dollars), "largest_zip")]}


def _place_dwellings(draft: Draft, sample: pl.DataFrame) -> None:
    tables = draft.pool.tables
    prop = sample["property_type"].to_numpy().astype(object)
    units = sample["units"].to_numpy().astype(np.int64)
    if "property_type" in tables:
        rows = tables["property_type"]
        multi = next((i for i, r in enumerate(rows) if r.value == "multi_family"), None)
        unit_rows = [r for r in tables.get("units", ()) if r.value >= 2]  # type: ignore[operator]
        splits = {}
        if multi is not None and sum(r.count for r in unit_rows) == rows[multi].count:
            splits = {multi: [(r.count, r.dollars, f"units:{r.value}") for r in unit_rows]}
        place(draft, "property_type", refined(rows, splits))
        prop = draft.row_values("property_type")
        units = np.where(prop == "multi_family", 2, 1)
        for r in unit_rows:
            units[draft.mark(f"units:{r.value}")] = r.value
    elif "units" in tables:
        place(draft, "units", refined(tables["units"], {}))
        units = draft.row_values("units").astype(np.int64)
        prop = np.where(units >= 2, "multi_family", "detached").astype(object)
    if "units" in tables:
        index = {r.value: i for i, r in enumerate(tables["units"])}
        draft.rows["units"] = np.array([index.get(u, -1) for u in units], dtype=np.int64)
    draft.columns["property_type"] = prop
    draft.columns["units"] = units


def ltv_bucket(thousandths: int) -> tuple[int, int]:
    """The LTV table row holding an LTV, as (lowest, highest) in thousandths."""
    lower = LOWEST_LTV
    for upper in LTV_UPPERS:
        if thousandths <= upper:
            return lower, upper
        lower = upper + 1
    return lower, thousandths


def _untabled_ltv_rows(draft: Draft, sample: pl.DataFrame, rng: np.random.Generator) -> None:
    """LTV rows for a pool without an LTV table: the sample's, with the over-80 balance met."""
    pool = draft.pool
    milli = np.round(sample["ltv"].to_numpy() * 1000).astype(np.int64)
    milli = np.clip(milli, LOWEST_LTV, LTV_80)
    over = _dollars(pool, "ltv_over_80_balance")
    if over:
        chosen = pick(draft.nominal, rng.permutation(draft.n), over * 100.0)
        milli[chosen] = rng.integers(LTV_80 + 1, LTV_95 + 1, chosen.size)
    bounds = np.array([ltv_bucket(int(m)) for m in milli])
    draft.columns["ltv_lo"], draft.columns["ltv_hi"] = bounds[:, 0], bounds[:, 1]


def _untabled_marks(draft: Draft, fee: float, rng: np.random.Generator) -> None:
    pool = draft.pool
    if "note_rate" not in pool.tables and discount_dollars(pool):
        chosen = pick(draft.nominal, rng.permutation(draft.n), discount_dollars(pool) * 100.0)  # type: ignore[operator]
        draft.marks["discount"] = np.isin(np.arange(draft.n), chosen)
    count = pool.value("additional_collateral_count")
    pledged = _dollars(pool, "additional_collateral_balance")
    if "ltv" not in pool.tables and count and pledged is not None:
        free = np.flatnonzero(draft.columns["ltv_hi"] <= LTV_80)
        chosen = pick(draft.nominal, rng.permutation(free), pledged * 100.0, int(count))  # type: ignore[call-overload]
        draft.marks["pledged"] = np.isin(np.arange(draft.n), chosen)
        held = ltv_bucket(round(pledged_wa_ltv(draft) * 1000))
        draft.columns["ltv_lo"][chosen], draft.columns["ltv_hi"][chosen] = held
    zip_dollars = _dollars(pool, "max_zip_balance")
    if "state" not in pool.tables and zip_dollars:
        average = pool.cents / pool.count
        chosen = pick(
            draft.nominal,
            rng.permutation(draft.n),
            zip_dollars * 100.0,
            max(1, round(zip_dollars * 100 / average)),
        )
        draft.marks["largest_zip"] = np.isin(np.arange(draft.n), chosen)
        states = draft.columns["state"]
        common = max(set(states), key=lambda s: (list(states).count(s), s))
        states[chosen] = common


def place_tables(draft: Draft, sample: pl.DataFrame, fee: float, rng: np.random.Generator) -> None:
    """Every table's rows and the narrative's subsets for one pool; the rest from ``sample``."""
    tables = draft.pool.tables
    _place_dwellings(draft, sample)
    if "origination_year" in tables:
        place(draft, "origination_year", refined(tables["origination_year"], {}))
    if "note_rate" in tables:
        place(draft, "note_rate", refined(tables["note_rate"], _discount_splits(draft.pool, fee)))
    if "ltv" in tables:
        place(draft, "ltv", refined(tables["ltv"], _pledged_splits(draft)))
        bounds = np.array(list(draft.row_values("ltv")), dtype=np.int64)
        draft.columns["ltv_lo"], draft.columns["ltv_hi"] = bounds[:, 0], bounds[:, 1]
    else:
        _untabled_ltv_rows(draft, sample, rng)
    if "state" in tables:
        place(draft, "state", refined(tables["state"], _zip_splits(draft.pool)))
        draft.columns["state"] = draft.row_values("state")
    else:
        draft.columns["state"] = sample["state"].to_numpy().astype(object)
    _untabled_marks(draft, fee, rng)
