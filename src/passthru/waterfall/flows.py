"""What each pool's collateral gives the certificates, per scenario and period.

Every array is (scenarios, periods); period t is distribution day t. The
target-rate strip and the PO strip of each principal component are kept apart
(cashflow-and-structure.md §2.2): the PO class takes the PO strip's principal,
the target-rate classes share the target-rate strip's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

import numpy as np
import polars as pl

from passthru.collateral import LoanArrays
from passthru.collateral.kernel import COLUMNS
from passthru.collateral.projection import Scenario, project_totals


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
    opening: np.ndarray, opening_po: np.ndarray,
    discount: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[PoolFlows, ...]:  # fmt: skip
    """Pool flows from a collateral projection grid (:func:`passthru.collateral.project_grid`).

    ``frame`` has one row per scenario, pool and period with the strip columns of
    :mod:`passthru.collateral.results` (``tr_x``, ``po_x``, ``io_interest`` ...);
    interest counts what is advanced. ``opening``/``opening_po`` are each pool's
    cut-off balance and PO strip; ``discount``, when given, the discount loans' balances
    (scenarios, pools, periods) and cut-off balances (pools,) (:func:`discount_balances`):
    the premium loans' balances are the pool's less these.
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
                premium_balance=None
                if discount is None
                else col("performing_balance") + col("foreclosure_balance") - discount[0][:, p],
                opening_premium_balance=None
                if discount is None
                else np.full(scenarios, float(opening[p] - discount[1][p])),
            )
        )
    return tuple(out)


def discount_balances(
    loans: LoanArrays, scenarios: Sequence[Scenario], months: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each pool's discount loans (those with a PO strip, §2.2) projected on their own under
    the same assumptions: their scheduled balances, performing plus foreclosure, at the end
    of each month (scenarios, pools, months), and at the cut-off (pools,).

    The premium loans' balances, the IO classes' notional, are the pool's less these; the
    discount loans are few, so this costs a small part of the pool's projection.
    """
    discount = loans.po_fraction > 0.0
    slices = [slice(lo, hi) for lo, hi in pairwise(loans.pool_start)]
    cut_off = np.array([loans.balance[s][discount[s]].sum() for s in slices])
    if not discount.any():
        return np.zeros((len(scenarios), len(slices), months)), cut_off
    counts = [int(discount[s].sum()) for s in slices]
    subset = replace(
        loans,
        pool_start=np.concatenate(([0], np.cumsum(counts))).astype(np.int64),
        **{
            name: getattr(loans, name)[discount]
            for name in ("balance", "note_rate", "net_rate", "remaining_term", "loan_age")
        },
        po_fraction=np.zeros(int(discount.sum())),
        io_fraction=np.zeros(int(discount.sum())),
    )
    totals = project_totals(subset, scenarios, months)
    ends = totals[..., COLUMNS.index("performing_balance")]
    return ends + totals[..., COLUMNS.index("foreclosure_balance")], cut_off
