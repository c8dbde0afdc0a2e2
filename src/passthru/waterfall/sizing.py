"""A deal's certificates resized to another tape's pools (synthetic tapes, what-if runs).

The shipped deals state class balances that add up to their own cut-off
balance; :func:`passthru.waterfall.run` refuses a tape that does not. For a
synthetic or hypothetical tape, this keeps the deal's structure in proportion:
each subordinated class keeps its share of the cut-off balance, each pool's
seniors their share of their pool (half-up to the cent), and the first senior
class takes the cents left over, so the classes add up to the tape exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import polars as pl

from passthru.deal import Deal
from passthru.errors import DealError
from passthru.money import round_half_up_decimal


def _cents(value: float | Decimal) -> Decimal:
    return round_half_up_decimal(Decimal(repr(float(value))), 2)


def deal_sized_to(deal: Deal, pool_balances: Mapping[str, float]) -> Deal:
    """``deal`` with its cut-off balances and class balances scaled to ``pool_balances``."""
    if deal.cut_off_balance is None or not deal.classes:
        raise DealError("only a deal with classes and a cut_off_balance can be resized")
    pools = {p: _cents(pool_balances[p]) for p in deal.pool_names}
    total = sum(pools.values(), Decimal(0))
    old_pools = _old_pool_balances(deal)
    data = deal.model_dump(mode="json")
    data["cut_off_balance"] = str(total)
    for pool in data["pools"]:
        pool["cut_off_balance"] = str(pools[pool["name"]])
    for c in data["classes"]:
        if c["kind"] == "subordinate":
            c["balance"] = str(_cents(Decimal(c["balance"]) * total / deal.cut_off_balance))
        elif c["kind"] == "senior":
            share = Decimal(c["balance"]) / old_pools[c["pool"]]
            c["balance"] = str(_cents(share * pools[c["pool"]]))
    first = next(c for c in data["classes"] if c["kind"] == "senior")
    stated = sum(
        (Decimal(c["balance"]) for c in data["classes"] if c["kind"] in ("senior", "subordinate")),
        Decimal(0),
    )
    first["balance"] = str(Decimal(first["balance"]) + total - stated)
    return Deal.model_validate(data)


def _old_pool_balances(deal: Deal) -> dict[str, Decimal]:
    """Each pool's stated cut-off balance (every pool must state one)."""
    given = {p.name: p.cut_off_balance for p in deal.pools}
    if all(v is not None for v in given.values()):
        return given  # type: ignore[return-value]
    raise DealError("resizing needs every pool's cut_off_balance", field="pools")


def deal_sized_to_tape(deal: Deal, loans: pl.DataFrame) -> Deal:
    """:func:`deal_sized_to` the pool balances of pooled ``loans`` (a pool with none is 0)."""
    sums = loans.group_by("pool").agg(pl.col("current_balance").sum())
    found = dict(zip(sums["pool"].to_list(), sums["current_balance"].to_list(), strict=True))
    return deal_sized_to(deal, {p: found.get(p, 0.0) for p in deal.pool_names})
