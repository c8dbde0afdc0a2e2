"""A tiny two-pool deal and hand-made pool flows for hand-computed distribution days.

Pool I: target rate 6%, target-rate strip 1,000,000 and PO strip 20,000 at the
cut-off; its senior IA-1 is stated at 920,000, of which the PO class I-PO takes
the 20,000 strip (so IA-1 starts at 900,000); I-IO earns pool I's IO strip.
Pool II: target rate 5%, target-rate strip 500,000, no PO strip; IIA-1 450,000.
B-1..B-6: 60,000, 30,000, 20,000, 15,000, 15,000, 10,000 (150,000 in all).
Subordinate components: pool I 100,000, pool II 50,000.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import numpy as np
import pytest

from passthru.deal import Deal
from passthru.waterfall import PoolFlows, class_table, run_terms, run_waterfall

SUBORDINATES = {"B-1": 60_000, "B-2": 30_000, "B-3": 20_000, "B-4": 15_000, "B-5": 15_000}
SUBORDINATES["B-6"] = 10_000


def tiny_deal(**overrides) -> Deal:
    """The tiny deal; ``overrides`` replace top-level deal fields (e.g. ``waterfall``)."""
    classes = [
        {"name": "IA-1", "kind": "senior", "pool": "I", "group": "A", "balance": "920000"},
        {"name": "I-PO", "kind": "po", "pool": "I", "group": "A", "balance": "po_strip"},
        {"name": "I-IO", "kind": "io", "pool": "I", "rate": "strip"},
        {"name": "IIA-1", "kind": "senior", "pool": "II", "balance": "450000"},
    ] + [{"name": n, "kind": "subordinate", "balance": str(b)} for n, b in SUBORDINATES.items()]
    terms = {
        "name": "tiny",
        "cut_off_date": date(2003, 2, 1),
        "servicing_fee_rate": 0.25,
        "cut_off_balance": "1520000",
        "pools": [
            {"name": "I", "original_term": [181, 360], "target_rate": 6.0},
            {"name": "II", "original_term": [60, 180], "target_rate": 5.0},
        ],
        "classes": classes,
        "loss_limits": {
            "special_hazard": {"amount": "5000", "reset": "losses_only"},
            "fraud": {"amount": "4000", "variant": "B"},
            "bankruptcy": {"amount": "3000"},
        },
        "cleanup_call": {"threshold_fraction": "0.10"},
    }
    terms.update(overrides)
    return Deal.model_validate(terms)


def pool_flows(
    name: str, target: float, opening: float, opening_po: float = 0.0, periods: int = 1,
    **series: list[float],
) -> PoolFlows:  # fmt: skip
    """One scenario of hand-made flows; balances follow from the principal and losses given."""

    def given(key: str) -> np.ndarray:
        values = np.zeros(periods)
        values[: len(series.get(key, []))] = series.get(key, [])
        return values[None, :]

    tr_out = given("scheduled") + given("prepayments") + given("recoveries") + given("losses")
    po_out = given("po_principal") + given("po_losses")
    return PoolFlows(
        name=name,
        target_rate=target,
        scheduled=given("scheduled"),
        prepayments=given("prepayments"),
        liquidated=given("recoveries") + given("losses"),
        recoveries=given("recoveries"),
        losses=given("losses"),
        interest=given("interest"),
        balance=opening - np.cumsum(tr_out, axis=1),
        opening_balance=np.array([opening]),
        po_principal=given("po_principal"),
        po_losses=given("po_losses"),
        po_balance=opening_po - np.cumsum(po_out, axis=1),
        opening_po_balance=np.array([opening_po]),
        io_interest=given("io_interest"),
        servicing_fee=given("servicing_fee"),
        delinquent=given("delinquent"),
    )


def run_days(deal: Deal, pools: tuple[PoolFlows, ...], *, loss_mix=(1, 0, 0, 0), call=False):
    """Run the engine on hand-made flows; returns the Record."""
    table = class_table(deal, tuple(p.name for p in pools), {"I": pools[0].opening_po_balance[0]})
    limits = deal.loss_limits.initial_amounts(deal.cut_off_balance)
    terms = run_terms(
        deal,
        table,
        pools,
        initial_limits=np.array([float(v) for v in limits.values()]),
        loss_mix=np.array(loss_mix, dtype=float),
        call=call,
        call_threshold=float(deal.cleanup_call.threshold(deal.cut_off_balance)),
    )
    return terms, run_waterfall(terms, pools)


def day(record, terms, t: int, scenario: int = 0) -> dict[str, dict[str, float]]:
    """Day t's class figures by class name: {"IA-1": {"principal_paid": ...}, ...}."""
    return {
        name: {k: float(v[scenario, t - 1, c]) for k, v in record.classes.items()}
        for c, name in enumerate(terms.table.names)
    }


@pytest.fixture
def deal() -> Deal:
    """The tiny two-pool deal."""
    return tiny_deal()


@pytest.fixture
def tiny() -> SimpleNamespace:
    """The helpers above (test modules cannot import each other under importlib mode)."""
    return SimpleNamespace(tiny_deal=tiny_deal, pool_flows=pool_flows, run_days=run_days, day=day)
