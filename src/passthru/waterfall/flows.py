"""What each pool's collateral gives the certificates, per scenario and period.

Every array is (scenarios, periods); period t is distribution day t. The
target-rate strip and the PO strip of each principal component are kept apart
(cashflow-and-structure.md §2.2): the PO class takes the PO strip's principal,
the target-rate classes share the target-rate strip's.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import polars as pl


@dataclass(frozen=True, eq=False)
class PoolFlows:
    """One pool's collections, by strip.

    Target-rate strip: ``scheduled`` principal (borrowers' amortisation plus
    advanced amortisation), ``prepayments`` (unscheduled), ``liquidated`` (the
    stated balance of loans liquidated in the month) = ``recoveries``
    (liquidation principal) + ``losses`` (realized principal losses);
    ``interest`` collected or advanced at the net rate; ``balance`` at the end of
    the month, ``opening_balance`` (scenarios,) at the cut-off.

    PO strip: ``po_principal`` (every principal component of f·b),
    ``po_losses``, ``po_balance``, ``opening_po_balance``.

    ``io_interest``: the IO strip's interest collected or advanced;
    ``servicing_fee``: retained by the servicer, not available;
    ``delinquent``: loans in default not yet liquidated at the end of the month
    (the 60+ day delinquency of the step-down test, §2.5).
    """

    name: str
    target_rate: float
    scheduled: np.ndarray
    prepayments: np.ndarray
    liquidated: np.ndarray
    recoveries: np.ndarray
    losses: np.ndarray
    interest: np.ndarray
    balance: np.ndarray
    opening_balance: np.ndarray
    po_principal: np.ndarray
    po_losses: np.ndarray
    po_balance: np.ndarray
    opening_po_balance: np.ndarray
    io_interest: np.ndarray
    servicing_fee: np.ndarray
    delinquent: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return self.scheduled.shape  # type: ignore[return-value]


SERIES = tuple(f.name for f in fields(PoolFlows) if f.name not in ("name", "target_rate"))
OPENING = ("opening_balance", "opening_po_balance")


def stacked(pools: tuple[PoolFlows, ...]) -> dict[str, np.ndarray]:
    """Every series as one array (scenarios, periods, pools); openings (scenarios, pools)."""
    shapes = {p.shape for p in pools}
    if len(shapes) != 1:
        raise ValueError(f"pools differ in (scenarios, periods): {sorted(shapes)}")
    return {
        name: np.stack([np.asarray(getattr(p, name), dtype=float) for p in pools], axis=-1)
        for name in SERIES
    }


def pool_flows(
    frame: pl.DataFrame, pools: tuple[str, ...], target_rates: np.ndarray,
    opening: np.ndarray, opening_po: np.ndarray,
) -> tuple[PoolFlows, ...]:  # fmt: skip
    """Pool flows from a collateral projection grid (:func:`passthru.collateral.project_grid`).

    ``frame`` has one row per scenario, pool and period with the strip columns of
    :mod:`passthru.collateral.results` (``tr_x``, ``po_x``, ``io_interest`` ...);
    interest counts what is advanced. ``opening``/``opening_po`` are each pool's
    cut-off balance and PO strip.
    """
    scenarios = frame.get_column("scenario").n_unique()
    out = []
    for p, pool in enumerate(pools):
        rows = frame.filter(pl.col("pool") == pool).sort("scenario", "period")

        def col(name: str, rows: pl.DataFrame = rows) -> np.ndarray:
            return rows.get_column(name).to_numpy().reshape(scenarios, -1)

        out.append(
            PoolFlows(
                name=pool,
                target_rate=float(target_rates[p]),
                scheduled=col("tr_actual_amortization") + col("tr_defaulted_amortization"),
                prepayments=col("tr_prepayments"),
                liquidated=col("tr_liquidated_balance"),
                recoveries=col("tr_recoveries"),
                losses=col("tr_losses"),
                interest=col("tr_interest") + col("tr_advanced_interest"),
                balance=col("tr_performing_balance") + col("tr_foreclosure_balance"),
                opening_balance=np.full(scenarios, opening[p] - opening_po[p]),
                po_principal=col("po_actual_amortization")
                + col("po_defaulted_amortization")
                + col("po_prepayments")
                + col("po_recoveries"),
                po_losses=col("po_losses"),
                po_balance=col("po_performing_balance") + col("po_foreclosure_balance"),
                opening_po_balance=np.full(scenarios, float(opening_po[p])),
                io_interest=col("io_interest") + col("io_advanced_interest"),
                servicing_fee=col("servicing_fee"),
                delinquent=col("foreclosure_balance"),
            )
        )
    return tuple(out)
