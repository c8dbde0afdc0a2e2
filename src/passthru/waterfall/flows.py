"""What each pool's collateral gives the certificates, per scenario and period.

Every array is (scenarios, periods); period t is distribution day t. The
target-rate strip and the PO strip of each principal component are kept apart
(cashflow-and-structure.md §2.2): the PO class takes the PO strip's principal,
the target-rate classes share the target-rate strip's.
"""

from __future__ import annotations

from dataclasses import dataclass

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

    ``premium_balance``: the scheduled balance of the pool's premium loans at the end
    of the month, ``opening_premium_balance`` at the cut-off: the IO class's
    notional (§2.2, [S6]); None when not known (the notional is then NaN).
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
    premium_balance: np.ndarray | None = None
    opening_premium_balance: np.ndarray | None = None

    @property
    def shape(self) -> tuple[int, int]:
        return self.scheduled.shape  # type: ignore[return-value]


KERNEL_SERIES = (
    "scheduled", "prepayments", "liquidated", "recoveries", "losses", "interest", "balance",
    "po_principal", "po_losses", "po_balance", "io_interest", "servicing_fee", "delinquent",
    "premium_balance",
)  # fmt: skip
"""The series the day kernel reads, in the order of the constants below."""
SCHEDULED, PREPAYMENTS, LIQUIDATED, RECOVERIES, LOSSES, INTEREST, BALANCE = range(7)
PO_PRINCIPAL, PO_LOSSES, PO_BALANCE, IO_INTEREST, SERVICING_FEE, DELINQUENT = range(7, 13)
PREMIUM_BALANCE = 13
OPENING = ("opening_balance", "opening_po_balance", "opening_premium_balance")


def _series(pool: PoolFlows, name: str) -> np.ndarray:
    values = getattr(pool, name)
    if values is None:
        return np.full(pool.shape if name == "premium_balance" else pool.shape[0], np.nan)
    return np.asarray(values, dtype=float)


def stacked(pools: tuple[PoolFlows, ...]) -> tuple[np.ndarray, np.ndarray]:
    """(series (scenarios, periods, :data:`KERNEL_SERIES`, pools), openings
    (:data:`OPENING`, scenarios, pools)) for the kernel."""
    shapes = {p.shape for p in pools}
    if len(shapes) != 1:
        raise ValueError(f"pools differ in (scenarios, periods): {sorted(shapes)}")
    series = np.stack(
        [np.stack([_series(p, name) for p in pools], axis=-1) for name in KERNEL_SERIES], axis=2
    )
    openings = np.stack([np.stack([_series(p, n) for p in pools], axis=-1) for n in OPENING])
    return np.ascontiguousarray(series), openings


def pool_flows(
    frame: pl.DataFrame, pools: tuple[str, ...], target_rates: np.ndarray,
    opening: np.ndarray, opening_po: np.ndarray, opening_discount: np.ndarray,
) -> tuple[PoolFlows, ...]:  # fmt: skip
    """Pool flows from a collateral projection grid (:func:`passthru.collateral.project_grid`).

    ``frame`` has one row per scenario, pool and period with the strip columns of
    :mod:`passthru.collateral.results` (``tr_x``, ``po_x``, ``io_interest`` ...);
    interest counts what is advanced. ``opening``/``opening_po``/``opening_discount`` are
    each pool's cut-off balance, PO strip and discount loans' balance. The premium loans'
    balance, the IO notional (§2.2, [S6]), is the pool's performing plus foreclosure
    balance less the discount loans' (``discount_performing_balance`` +
    ``discount_foreclosure_balance``, summed by the collateral kernel).
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
                premium_balance=col("performing_balance")
                + col("foreclosure_balance")
                - col("discount_performing_balance")
                - col("discount_foreclosure_balance"),
                opening_premium_balance=np.full(scenarios, float(opening[p] - opening_discount[p])),
            )
        )
    return tuple(out)
