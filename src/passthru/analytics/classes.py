"""Cash flows of each certificate class, per scenario, per 100 of the class's initial face.

The waterfall (:func:`passthru.waterfall.run`) pays the classes every distribution day;
this module turns its results into what pricing needs (spec §1.5-1.6): principal,
interest, losses and balances of each class by period, per 100 of initial balance (of
initial notional for a ratio-stripped IO class), with the class's coupon for the
period (interest accrued over the beginning balance, so a subordinated class whose
rate follows the weighted target rates gets that period's rate).

The collateral counts as a class too: ``pass-through`` (all loans) and, with several
pools, ``pass-through-<pool>``, paying every pool's principal and its interest at the
loans' net rates (SF-4 to SF-21). :func:`pass_through_flows` prices it without a deal.

An IO class is priced per 100 of its initial notional: the aggregate scheduled
principal balance of the pool's premium loans (spec §2.2, [S6]), as the waterfall
records it (``beginning_notional``, ``ending_notional``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from passthru.analytics.decrement import (
    PASS_THROUGH,
    decrement_values,
    pass_through_names,
    speed_label,
)
from passthru.collateral import TOTAL, Assumptions, project_grid
from passthru.deal import Deal
from passthru.errors import AssumptionError, DealError
from passthru.money import format_dollars
from passthru.waterfall import Results, RunOptions, run
from passthru.waterfall.sizing import deal_sized_to

FLOW_COLUMNS = (
    "beginning_balance",
    "principal",
    "interest",
    "loss",
    "ending_balance",
    "cash_flow",
    "coupon",
)
"""Per 100 of initial face (notional for IO); ``coupon`` in percent a year."""
BALANCE_TOLERANCE = 0.01
"""Dollars: a tape within a cent of the deal's cut-off balance is the deal's own tape."""


@dataclass(frozen=True, eq=False)
class ClassFlows:
    """Every class's cash flows in every scenario.

    ``frame``: one row per class, scenario and period (1 = first distribution day),
    with ``class``, ``kind``, ``scenario`` and :data:`FLOW_COLUMNS`. ``initial``: each
    class's initial balance (notional for IO) in dollars. ``labels``: one per
    scenario. ``first_accrual``: the 1st of the accrual month paid on period 1 (the
    cut-off month), ``None`` when unknown (then settlement falls in that month).
    ``results``: the waterfall run, ``None`` for the collateral alone.
    """

    frame: pl.DataFrame
    initial: Mapping[str, float]
    kinds: Mapping[str, str]
    labels: tuple[str, ...]
    periods: int
    first_accrual: date | None = None
    results: Results | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.initial)

    def kind(self, name: str) -> str:
        """``senior``, ``po``, ``io``, ``subordinate`` or ``pass-through``."""
        if name not in self.kinds:
            raise DealError(f"no class {name!r}; known: {list(self.names)}", field="class")
        return self.kinds[name]

    def array(self, name: str, column: str) -> np.ndarray:
        """``column`` of class ``name`` as (scenarios, periods), per 100 of initial face."""
        self.kind(name)
        rows = self.frame.filter(pl.col("class") == name).sort("scenario", "period")
        return rows[column].to_numpy().reshape(len(self.labels), self.periods)

    def balances(self, name: str) -> np.ndarray:
        """Ending balance in dollars after each period, (scenarios, periods)."""
        return self.array(name, "ending_balance") * self.initial[name] / 100.0


def psa_scenarios(
    speeds: Sequence[float],
    *,
    sda: float | None = None,
    cdr: float | None = None,
    severity: float = 0.0,
    lag: int = 0,
) -> list[Assumptions]:
    """One scenario per PSA speed, each with the same defaults (SF-6, SF-20)."""
    if not speeds:
        raise AssumptionError("give at least one PSA speed", field="psa")
    return [
        Assumptions.from_options(psa=s, sda=sda, cdr=cdr, severity=severity, lag=lag)
        for s in speeds
    ]


def deal_for_tape(deal: Deal, loans: pl.DataFrame) -> tuple[Deal, str | None]:
    """The deal whose classes add up to the pooled ``loans``: the deal itself when the tape
    is its own (within a cent), else its classes resized in proportion
    (:func:`passthru.waterfall.sizing.deal_sized_to`), with a note saying so."""
    by_pool = loans.group_by("pool").agg(pl.col("current_balance").sum())
    balances = {str(p): float(b) for p, b in by_pool.iter_rows()}
    total = sum(balances.values())
    stated = float(deal.cut_off_balance or 0)
    if abs(total - stated) <= BALANCE_TOLERANCE:
        return deal, None
    note = (
        f"the tape's loans total {format_dollars(total, 2)}, not the deal's cut-off balance "
        f"{format_dollars(stated, 2)}: "
        "the classes are resized in proportion to the tape"
    )
    return deal_sized_to(deal, balances), note


def _per_100(values: np.ndarray, initial: float) -> np.ndarray:
    return values * 100.0 / initial


def _coupon(interest: np.ndarray, beginning: np.ndarray) -> np.ndarray:
    safe = np.where(beginning > 0, beginning, 1.0)
    return np.where(beginning > 0, 1200.0 * interest / safe, 0.0)


def _class_block(name: str, kind: str, series: Mapping[str, np.ndarray]) -> pl.DataFrame:
    scenarios, periods = series["principal"].shape
    flat = {c: series[c].reshape(-1) for c in FLOW_COLUMNS}
    return pl.DataFrame(
        {
            "class": [name] * (scenarios * periods),
            "kind": [kind] * (scenarios * periods),
            "scenario": np.repeat(np.arange(scenarios), periods),
            "period": np.tile(np.arange(1, periods + 1), scenarios),
            **flat,
        }
    )


def _series(
    beginning: np.ndarray,
    principal: np.ndarray,
    interest: np.ndarray,
    loss: np.ndarray,
    ending: np.ndarray,
    accrued: np.ndarray,
    initial: float,
) -> dict[str, np.ndarray]:
    """Dollar paths (scenarios, periods) as per-100 flow columns."""
    return {
        "beginning_balance": _per_100(beginning, initial),
        "principal": _per_100(principal, initial),
        "interest": _per_100(interest, initial),
        "loss": _per_100(loss, initial),
        "ending_balance": _per_100(ending, initial),
        "cash_flow": _per_100(principal + interest, initial),
        "coupon": _coupon(accrued, beginning),
    }


def _pool_paths(frame: pl.DataFrame, pool: str, scenarios: int, periods: int) -> dict:
    rows = frame.filter(pl.col("pool") == pool).sort("scenario", "period")
    return {
        c: rows[c].to_numpy().reshape(scenarios, periods)
        for c in ("principal_paid", "interest_paid", "expected_interest", "losses")
    }


def _collateral_blocks(
    frame: pl.DataFrame, pools: tuple[str, ...], initial: Mapping[str, float], shape: tuple
) -> tuple[list[pl.DataFrame], dict[str, float]]:
    """The pass-through "classes" of a projection frame: principal, net interest, losses;
    balance = cut-off balance less principal and losses to date."""
    blocks, sizes = [], {}
    for name in pass_through_names(pools):
        pool = name.removeprefix(f"{PASS_THROUGH}-") if name != PASS_THROUGH else None
        pool = pool or (pools[0] if len(pools) == 1 else TOTAL)
        paths = _pool_paths(frame, pool, *shape)
        start = initial[pool]
        ending = start - np.cumsum(paths["principal_paid"] + paths["losses"], axis=1)
        beginning = np.concatenate([np.full((shape[0], 1), start), ending[:, :-1]], axis=1)
        series = _series(
            beginning, paths["principal_paid"], paths["interest_paid"], paths["losses"],
            ending, paths["expected_interest"], start,
        )  # fmt: skip
        blocks.append(_class_block(name, PASS_THROUGH, series))
        sizes[name] = start
    return blocks, sizes


def _pool_balances(loans: pl.DataFrame) -> dict[str, float]:
    by_pool = dict(loans.group_by("pool").agg(pl.col("current_balance").sum()).iter_rows())
    balances = {str(p): float(b) for p, b in by_pool.items()}
    balances[TOTAL] = sum(balances.values())
    return balances


def _certificate_blocks(
    classes: pl.DataFrame, shape: tuple
) -> tuple[list[pl.DataFrame], dict[str, float], dict[str, str]]:
    blocks, sizes, kinds = [], {}, {}
    order = classes.filter((pl.col("scenario") == 0) & (pl.col("period") == 1))
    for name, kind in order.select("class", "kind").iter_rows():
        rows = classes.filter(pl.col("class") == name).sort("scenario", "period")
        path = {c: rows[c].to_numpy().reshape(shape) for c in rows.columns if c in _SERIES}
        if kind == "io":
            beginning, ending = path["beginning_notional"], path["ending_notional"]
            principal = np.zeros(shape)
        else:
            beginning, ending = path["beginning_balance"], path["ending_balance"]
            principal = path["principal_paid"] + path["deferred_paid"]
        initial = float(beginning[0, 0])
        if initial <= 0:
            continue
        series = _series(
            beginning, principal, path["interest_paid"], path["loss"], ending,
            path["interest_accrued"], initial,
        )  # fmt: skip
        blocks.append(_class_block(name, kind, series))
        sizes[name], kinds[name] = initial, kind
    return blocks, sizes, kinds


_SERIES = (
    "beginning_balance",
    "interest_accrued",
    "interest_paid",
    "principal_paid",
    "deferred_paid",
    "loss",
    "ending_balance",
    "beginning_notional",
    "ending_notional",
)


def _labels(labels: Sequence[str] | None, scenarios: Sequence[Assumptions]) -> tuple[str, ...]:
    chosen = tuple(labels) if labels is not None else tuple(s.describe() for s in scenarios)
    if len(chosen) != len(scenarios):
        raise AssumptionError(
            f"{len(chosen)} labels for {len(scenarios)} scenarios", field="labels"
        )
    return chosen


def certificate_flows(
    deal: Deal,
    loans: pl.DataFrame,
    scenarios: Sequence[Assumptions],
    *,
    labels: Sequence[str] | None = None,
    call: bool | None = None,
) -> ClassFlows:
    """Run the waterfall once for every scenario and return every class's cash flows
    (certificates, then the pass-through "classes"), per 100 of initial face.

    ``loans`` are pooled under ``deal`` and add up to its cut-off balance (see
    :func:`deal_for_tape`). ``call`` exercises the clean-up call (None: the deal's rule).
    Classes with no initial balance (a pool without discount loans has an empty PO
    class) are left out.
    """
    if not scenarios:
        raise AssumptionError("give at least one scenario", field="scenarios")
    options = RunOptions(call=call, scenarios=tuple(scenarios[1:]))
    results = run(deal, loans, scenarios[0], options)
    periods = int(results.classes["period"].max())
    shape = (len(scenarios), periods)
    blocks, sizes, kinds = _certificate_blocks(results.classes, shape)
    pools = tuple(p.name for p in deal.pools)
    pt_blocks, pt_sizes = _collateral_blocks(
        results.collateral, pools, _pool_balances(loans), shape
    )
    kinds.update(dict.fromkeys(pt_sizes, PASS_THROUGH))
    cut_off = deal.cut_off_date
    return ClassFlows(
        frame=pl.concat(blocks + pt_blocks),
        initial={**sizes, **pt_sizes},
        kinds=kinds,
        labels=_labels(labels, scenarios),
        periods=periods,
        first_accrual=date(cut_off.year, cut_off.month, 1),
        results=results,
    )


def pass_through_flows(
    loans: pl.DataFrame,
    scenarios: Sequence[Assumptions],
    *,
    labels: Sequence[str] | None = None,
    first_accrual: date | None = None,
) -> ClassFlows:
    """The collateral alone as pass-through "classes" at the loans' net rates: a plain
    tape (one pool, the tape's own servicing fee) or pooled loans (one class per pool
    and ``pass-through`` for all)."""
    if not scenarios:
        raise AssumptionError("give at least one scenario", field="scenarios")
    grid = project_grid(loans, scenarios)
    first = grid.summary.filter(pl.col("scenario") == 0)
    initial = dict(first.select("pool", "original_balance").iter_rows())
    shape = (len(scenarios), grid.months)
    blocks, sizes = _collateral_blocks(grid.frame, grid.pools, initial, shape)
    return ClassFlows(
        frame=pl.concat(blocks),
        initial=sizes,
        kinds=dict.fromkeys(sizes, PASS_THROUGH),
        labels=_labels(labels, scenarios),
        periods=grid.months,
        first_accrual=first_accrual,
    )


def psa_labels(speeds: Sequence[float]) -> list[str]:
    """Scenario labels of a PSA list, as decrement and yield tables head their columns."""
    return [speed_label(s) for s in speeds]


def class_decrements(
    flows: ClassFlows,
    speeds: Sequence[float],
    *,
    closing: date,
    first_distribution: date,
    names: Sequence[str] | None = None,
) -> dict[str, pl.DataFrame]:
    """:func:`decrement_values` of each class with principal, one column per PSA speed of
    ``speeds`` (the flows' scenarios, in order). IO classes have a notional, not
    principal: they are left out, and naming one is refused."""
    if len(speeds) != len(flows.labels):
        raise AssumptionError(
            f"{len(speeds)} speeds for {len(flows.labels)} scenarios", field="psa"
        )
    chosen = names if names is not None else [n for n in flows.names if flows.kind(n) != "io"]
    tables = {}
    for name in chosen:
        if flows.kind(name) == "io":
            raise DealError(
                f"class {name} is interest only: it has a notional, not principal, so no "
                "decrement table",
                field="class",
            )
        tables[name] = decrement_values(
            flows.balances(name),
            flows.initial[name],
            closing=closing,
            first_distribution=first_distribution,
            speeds=speeds,
        )
    return tables
