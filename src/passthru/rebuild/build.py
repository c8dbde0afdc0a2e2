"""Rebuild a loan tape from a parsed filing: structure, attributes, balances, LTVs, report.

Method (each step takes the previous ones as given):
1. per pool, sizes and nominal balances, then every table's rows, the narrative's
   subsets being parts of rows (``assign``, ``structure``, ``partition``);
2. note rates, terms, ages and dates, borrowers and zips, steered to aims that keep
   pool and all-loans figures consistent (``attributes``, ``terms``, ``goals``);
3. the balances: one LP over the whole deal (HiGHS), every figure and row a linear
   constraint, rounded to cents with each pool's total exact (``solve``);
4. the LTVs: a second LP given the balances;
5. the tape's own term sheet compared with every figure and row of the filing (``report``).

Exactness and termination: given the discrete choices, the LP is solved exactly
(HiGHS, a finite simplex); it always has a solution, a figure that cannot hold
being broken at a cost and then dropped (``solve.solve_dropping``, at most one
round per constraint). When an attempt leaves a figure unmet, the discrete
choices are drawn afresh, at most ``MAX_ATTEMPTS`` times, each attempt seeded by
(seed, attempt): the result is deterministic for a seed, and a figure still
unmet is named in the report with the LP's reason, never dropped silently.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np
import polars as pl

from passthru.deal import Deal
from passthru.disclosure.filing import Filing
from passthru.pool import form_pools
from passthru.rebuild import attributes, constraints, goals, structure, terms
from passthru.rebuild.assign import DEFAULT_MAX_BALANCE, Draft, sizes_from_sample, sizes_from_table
from passthru.rebuild.partition import pick
from passthru.rebuild.report import RebuildReport, check_termsheet
from passthru.rebuild.solve import Constraint, Solution, round_to_cents, solve_dropping
from passthru.rebuild.tape import canonical_tape, original_balances, pin_extremes
from passthru.rebuild.targets import PoolTargets, Targets, deal_for_filing, read_targets
from passthru.strats import build_termsheet
from passthru.tape.synthetic import synthetic_tape

LP_SHARE = 0.25  # soft margin inside each end of a figure's interval, a share of its width
MAX_ATTEMPTS = 8  # repair rounds: fresh discrete draws when a figure is unmet
PLEDGE_SPREAD = 2.0  # LTV points the pledged loans' LTVs without the pledge spread over
# Their WA LTV without the pledge when a filing omits it: the bundled filings print
# 95.5% and 100.0% (2002-12) and 93.1% and 91.8% (2003-2), about 95%.
TYPICAL_WA_LTV_WITHOUT_PLEDGE = 95.0


@dataclass(frozen=True)
class RebuildResult:
    """The rebuilt canonical tape, the keys it could not meet, and the full report."""

    tape: pl.DataFrame
    unmet: tuple[str, ...]
    report: RebuildReport


def _cents(pool: PoolTargets, key: str, default: int) -> int:
    value = pool.value(key)
    return default if value is None else int(value) * 100  # type: ignore[call-overload]


def _draft(pool: PoolTargets, deal: Deal, rng: np.random.Generator) -> Draft:
    sample = synthetic_tape(pool.count, deal=deal, seed=int(rng.integers(2**31)))
    largest = _cents(pool, "max_original_balance", DEFAULT_MAX_BALANCE)
    if "size" in pool.tables:
        draft, notes = sizes_from_table(pool, largest, rng)
        draft.notes += notes
    else:
        draft = sizes_from_sample(pool, sample, largest)
    _designate_smallest(draft)
    structure.place_tables(draft, sample, deal.servicing_fee_rate, rng)
    _cap_outside_zip(draft)
    draft.sample = sample
    return draft


def _designate_smallest(draft: Draft) -> None:
    """The smallest loan takes the smallest original balance, so its balance is at most that;
    other loans take up the difference, those of its size row first."""
    smallest = _cents(draft.pool, "min_original_balance", 0)
    loan = int(np.argmin(draft.nominal))
    draft.marks["smallest"] = np.arange(draft.n) == loan
    draft.marks["largest"] = np.arange(draft.n) == int(np.argmax(draft.nominal))
    if not smallest or draft.nominal[loan] <= smallest:
        return
    draft.hi[loan] = max(smallest, draft.lo[loan])
    excess = int(draft.nominal[loan] - draft.hi[loan])
    draft.nominal[loan] = draft.hi[loan]
    others = np.flatnonzero((np.arange(draft.n) != loan) & ~draft.pinned)
    for i in others[np.argsort(draft.lo[others] != draft.lo[loan], kind="stable")]:
        room = int(draft.hi[i] - draft.nominal[i])
        moved = min(room, excess)
        draft.nominal[i] += moved
        excess -= moved
    if excess:
        draft.notes.append("min_original_balance: the smallest size row cannot hold it")


def _cap_outside_zip(draft: Draft) -> None:
    """No loan outside the largest zip code may hold more than it."""
    zip_cents = _cents(draft.pool, "max_zip_balance", 0)
    if zip_cents:
        outside = ~draft.mark("largest_zip")
        draft.hi[outside] = np.minimum(draft.hi[outside], zip_cents - 100)


def _strip_balances(targets: Targets) -> dict[str, dict[str, float]]:
    out = {}
    for pool in targets.pools:
        discount = structure.discount_dollars(pool)
        premium = pool.value("premium_balance")
        out[pool.name] = {
            "premium": float(premium)
            if premium is not None
            else pool.cents / 100 - (discount or 0),  # type: ignore[arg-type]
            "discount": float(discount or 0),
        }
    return out


def _attributes(drafts: list[Draft], targets: Targets, deal: Deal, rng) -> None:
    balances = _strip_balances(targets)
    rate_pool = goals.pool_aims(targets, "wa_note_rate")
    rate_strip = goals.strip_aims(targets, "wa_note_rate", balances)
    term_aims = {k: goals.pool_aims(targets, k) for k in ("wa_original_term", "wa_remaining_term")}
    remaining_strip = goals.strip_aims(targets, "wa_remaining_term", balances)
    shares = goals.share_aims(targets)
    book = attributes.ZipBook(rng)
    for draft in drafts:
        name = draft.pool.name
        attributes.set_rates(draft, deal.servicing_fee_rate, rate_pool[name], rate_strip[name], rng)
        aims = {k: v[name] for k, v in term_aims.items()}
        terms.set_terms(draft, deal.cut_off_date, aims, remaining_strip[name], rng)
        attributes.set_borrowers(draft, shares[name], draft.sample, rng)
        attributes.nominal_ltvs(draft, rng)
        attributes.set_zips(draft, book)


def _deal_columns(drafts: list[Draft]) -> dict[str, np.ndarray]:
    names = ("rate", "remaining_term", "original_term", "age", "ltv_lo", "ltv_hi", "ltv_nominal",
             "occupancy", "documentation", "loan_purpose", "state", "zip", "property_type", "units",
             "origination_date", "first_payment_date", "maturity_date")  # fmt: skip
    columns = {name: np.concatenate([d.columns[name] for d in drafts]) for name in names}
    for mark in ("discount", "pledged", "largest_zip", "smallest", "largest"):
        columns[mark] = np.concatenate([d.mark(mark) for d in drafts])
    columns["premium"] = ~columns["discount"]
    columns["rate_percent"] = columns["rate"] / 1000
    columns["over_80"] = constraints.over_80(columns["ltv_lo"])
    columns["pool"] = np.concatenate([np.full(d.n, d.pool.name, dtype=object) for d in drafts])
    return columns


def _all_zip(drafts: list[Draft], targets: Targets, columns, rng) -> np.ndarray:
    """Loans of the all-loans largest zip: the largest pool zip plus loans of other pools."""
    whole = targets.all_figures.get("max_zip_balance")
    group = np.zeros(columns["zip"].size, dtype=bool)
    if whole is None or whole.value is None:
        return group
    sizes = [(_cents(d.pool, "max_zip_balance", 0), i) for i, d in enumerate(drafts)]
    base_cents, base = max(sizes)
    offsets = np.cumsum([0] + [d.n for d in drafts])
    group[offsets[base] : offsets[base + 1]] = drafts[base].mark("largest_zip")
    members = np.flatnonzero(group)
    if not members.size:
        return group
    state, code = columns["state"][members[0]], columns["zip"][members[0]]
    wanted = int(whole.value) * 100 - base_cents  # type: ignore[call-overload]
    others = np.flatnonzero(
        ~group & ~columns["largest_zip"] & (columns["pool"] != drafts[base].pool.name)
    )
    nominal = columns["nominal_dollars"] * 100
    if wanted > 100 and others.size:
        same_state = others[columns["state"][others] == state]
        choice = same_state if same_state.size else others
        count = max(1, round(wanted / float(np.mean(nominal[others]))))
        chosen = pick(nominal, rng.permutation(choice), float(wanted), count)
        columns["state"][chosen] = state
        columns["zip"][chosen] = code
        group[chosen] = True
    return group


def _balance_constraints(drafts, targets: Targets, columns, all_zip, share) -> list[Constraint]:
    out: list[Constraint] = []
    offset = 0
    for draft in drafts:
        pool = draft.pool
        index = offset + np.arange(draft.n)
        total = pool.cents / 100
        out.append(
            Constraint(f"{pool.name}/aggregate_balance", index, np.ones(draft.n), total, total)
        )
        out += constraints.table_constraints(pool.name, offset, draft.rows, pool.tables, share)
        out += constraints.figure_constraints(pool.name, index, columns, pool.bounds, share)
        offset += draft.n
    everyone = np.arange(offset)
    figures = dict(targets.all_figures)
    figures.pop("max_zip_balance", None)
    lookup = lambda key: targets.all_bounds(key) if key in figures else None  # noqa: E731
    out += constraints.figure_constraints("all", everyone, columns, lookup, share)
    zip_bounds = targets.all_bounds("max_zip_balance")
    if zip_bounds is not None and all_zip.any():
        out.append(
            constraints.sum_within(
                "all/max_zip_balance", np.flatnonzero(all_zip), zip_bounds, share
            )
        )
    return out


def _solve_balances(drafts, targets, columns, all_zip, reasons: list[str]) -> np.ndarray:
    nominal = np.concatenate([d.nominal for d in drafts]) / 100
    lo = np.concatenate([d.lo for d in drafts]) / 100
    hi = np.concatenate([d.hi for d in drafts]) / 100
    lp = _balance_constraints(drafts, targets, columns, all_zip, LP_SHARE)
    solution = solve_dropping(nominal, lo, hi, lp)
    _name_broken("balances", solution, reasons)
    offsets = np.cumsum([0] + [d.n for d in drafts])
    pools = [np.arange(offsets[i], offsets[i + 1]) for i in range(len(drafts))]
    return round_to_cents(solution.x, pools, [d.pool.cents for d in drafts])


def _name_broken(what: str, solution: Solution, reasons: list[str]) -> None:
    for name, amount in solution.broken:
        reasons.append(
            f"{name}: cannot hold with the other figures given the loans' attributes "
            f"({what} LP misses it by {amount:,.4f})"
        )


def _solve_ltvs(drafts, targets: Targets, columns, balances, reasons: list[str]) -> np.ndarray:
    nominal = columns["ltv_nominal"] / 1000
    lo, hi = columns["ltv_lo"] / 1000, columns["ltv_hi"] / 1000
    lp: list[Constraint] = []
    offset = 0
    for draft in drafts:
        index = offset + np.arange(draft.n)
        lp += constraints.ltv_constraints(
            draft.pool.name, index, balances, columns["pledged"], draft.pool.bounds, LP_SHARE
        )
        offset += draft.n
    lp += constraints.ltv_constraints(
        "all", np.arange(offset), balances, columns["pledged"], targets.all_bounds, LP_SHARE
    )
    solution = solve_dropping(nominal, lo, hi, lp)
    _name_broken("LTV", solution, reasons)
    return np.round(solution.x * 1000) / 1000


def _without_pledge(drafts, columns, balances, ltv, rng, reasons: list[str]) -> np.ndarray:
    """LTV without the pledge: spread about the printed average (else
    ``TYPICAL_WA_LTV_WITHOUT_PLEDGE``, noted in ``reasons``), never below the LTV itself."""
    out = np.full(ltv.size, np.nan)
    for pool in {d.pool.name: d.pool for d in drafts}.values():
        members = np.flatnonzero(columns["pledged"] & (columns["pool"] == pool.name))
        aim = pool.value("additional_collateral_wa_ltv_without_pledge")
        if not members.size:
            continue
        centre = TYPICAL_WA_LTV_WITHOUT_PLEDGE if aim is None else float(aim)  # type: ignore[arg-type]
        if aim is None:
            reasons.append(
                f"{pool.name}/additional_collateral_wa_ltv_without_pledge: not printed; the "
                f"pledged loans' LTVs without the pledge spread about "
                f"{TYPICAL_WA_LTV_WITHOUT_PLEDGE:g}%, the bundled filings' typical figure"
            )
        spread = rng.uniform(-PLEDGE_SPREAD, PLEDGE_SPREAD, members.size)
        spread -= (balances[members] @ spread) / balances[members].sum()
        values = np.clip(centre + spread, ltv[members], 100.0)
        out[members] = np.round(values, 3)
    return out


def _tape(drafts, columns, cents, ltv, without, rng) -> pl.DataFrame:
    """The canonical tape, loans in a seeded order within each pool (not sorted by size)."""
    current = cents / 100
    smallest = np.concatenate(
        [np.full(d.n, _cents(d.pool, "min_original_balance", 0) / 100) for d in drafts]
    )
    largest = np.concatenate(
        [
            np.full(d.n, _cents(d.pool, "max_original_balance", DEFAULT_MAX_BALANCE) / 100)
            for d in drafts
        ]
    )
    original = original_balances(
        current,
        columns["rate_percent"],
        columns["original_term"],
        columns["age"],
        smallest,
        largest,
    )
    original = pin_extremes(
        original, current, columns["smallest"], columns["largest"], smallest, largest
    )
    pool_index = np.concatenate([np.full(d.n, i) for i, d in enumerate(drafts)])
    order = np.lexsort((rng.random(pool_index.size), pool_index))
    tape = {
        "pool": columns["pool"],
        "original_balance": original,
        "current_balance": current,
        "note_rate": columns["rate_percent"],
        "original_term": columns["original_term"],
        "remaining_term": columns["remaining_term"],
        "origination_date": columns["origination_date"],
        "first_payment_date": columns["first_payment_date"],
        "maturity_date": columns["maturity_date"],
        "ltv": ltv,
        "ltv_without_pledge": without,
        "property_type": columns["property_type"],
        "units": columns["units"],
        "state": columns["state"],
        "zip": columns["zip"],
        "occupancy": columns["occupancy"],
        "documentation": columns["documentation"],
        "loan_purpose": columns["loan_purpose"],
        "mortgage_insurance": ltv > 80,
        "additional_collateral": columns["pledged"],
    }
    return canonical_tape({name: np.asarray(values)[order] for name, values in tape.items()})


def _attempt(filing: Filing, targets: Targets, deal: Deal, rng) -> RebuildResult:
    """One rebuild from the draws of ``rng``: discrete choices, then the two LPs, then the check."""
    drafts = [_draft(pool, deal, rng) for pool in targets.pools]
    _attributes(drafts, targets, deal, rng)
    columns = _deal_columns(drafts)
    columns["nominal_dollars"] = np.concatenate([d.nominal for d in drafts]) / 100
    reasons = [f"{d.pool.name}: {note}" for d in drafts for note in d.notes]
    reasons += [note for p in targets.pools for note in p.unreadable]
    all_zip = _all_zip(drafts, targets, columns, rng)
    cents = _solve_balances(drafts, targets, columns, all_zip, reasons)
    ltv = _solve_ltvs(drafts, targets, columns, cents / 100, reasons)
    without = _without_pledge(drafts, columns, cents / 100, ltv, rng, reasons)
    tape = _tape(drafts, columns, cents, ltv, without, rng)
    termsheet = build_termsheet(form_pools(tape, deal).loans, deal)
    report = RebuildReport(check_termsheet(filing, termsheet), tuple(reasons))
    return RebuildResult(tape, tuple(c.key for c in report.unmet), report)


def rebuild_tape(filing: Filing, *, deal: Deal | None = None, seed: int = 0) -> RebuildResult:
    """A canonical tape whose term sheet reproduces the filing; unmet figures named.

    ``deal`` defaults to the shipped deal of the filing's series, else one built
    from the filing's deal terms (``targets.deal_for_filing``). When the discrete
    choices of an attempt leave a figure unmet, the next attempt draws them
    afresh (repair rounds, at most ``MAX_ATTEMPTS``, each seeded by (seed,
    attempt)); the first attempt that meets everything, else the one that meets
    most, is returned.
    """
    began = time.perf_counter()
    deal = deal or deal_for_filing(filing)
    targets = read_targets(filing, deal)
    best: RebuildResult | None = None
    for attempt in range(MAX_ATTEMPTS):
        result = _attempt(filing, targets, deal, np.random.default_rng([seed, attempt]))
        if best is None or len(result.unmet) < len(best.unmet):
            best = result
        if not best.unmet:
            break
    assert best is not None
    report = replace(best.report, seconds=time.perf_counter() - began, attempts=attempt + 1)
    return replace(best, report=report)
