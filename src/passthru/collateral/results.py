"""Projected collateral cash flows as Polars frames, one row per period and pool.

Dollar columns of ``CashflowResult.frame`` (period p, for each pool and, when
there are several pools, a ``total`` pool); names follow SF-16 to SF-19:

* ``performing_balance``, ``foreclosure_balance``: end-of-period balances of
  performing loans and of defaulted loans not yet liquidated (FCL).
* ``new_defaults``; ``prepayments`` (voluntary); ``expected_amortization``
  (EXPAM), ``actual_amortization`` (ACTAM, paid by borrowers),
  ``defaulted_amortization`` (AMDEF, scheduled principal of defaulted loans,
  advanced; 0 without advancing). With advancing ACTAM + AMDEF = EXPAM.
* ``liquidated_balance`` (ADB, the amortised default balance in the liquidation
  month) = ``recoveries`` + ``losses``.
* ``expected_interest``, ``lost_interest``, ``actual_interest`` at the net rate;
  ``servicing_fee`` (gross minus net rate on performing plus foreclosure balance).
* ``advanced_principal`` (= AMDEF) and ``advanced_interest`` (= lost interest),
  both 0 without advancing (SF-16).
* ``principal_paid`` = actual amortisation + advanced principal + prepayments +
  recoveries; ``interest_paid`` = actual + advanced interest: what the pool
  passes to certificate holders.

Strips (cashflow-and-structure.md §2.2, from pool formation), for the waterfall:

* ``po_<x>`` and ``tr_<x>`` for x in performing_balance, foreclosure_balance,
  expected/actual/defaulted_amortization, prepayments, liquidated_balance,
  recoveries, losses: the PO strip's share (discount fraction of discount loans)
  and the target-rate strip's share (the rest), ``po_x + tr_x = x``.
* ``tr_interest`` / ``io_interest``: actual interest of the target-rate strip
  (premium loans' balance at the target rate, discount loans' whole net
  interest) and of the IO strip (premium loans' balance at the IO strip rate);
  ``tr_advanced_interest`` / ``io_advanced_interest``: the same split of
  advanced interest. ``tr_interest + io_interest = actual_interest``.
* ``discount_performing_balance``, ``discount_foreclosure_balance``: the whole
  end-of-period balances of the discount loans (those with a PO strip); the
  premium loans' balance, the IO classes' notional, is the pool's less these.

Every dollar of the cut-off balance ends as actual amortisation, defaulted
(advanced) amortisation, prepayment, recovery or loss, or is still outstanding
at the horizon (:meth:`CashflowResult.conservation_gap`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from passthru.collateral.kernel import COLUMNS, PO_OF

TOTAL = "total"
SPLIT = tuple(COLUMNS[i] for i in PO_OF)
BALANCES = ("performing_balance", "foreclosure_balance")
SUMMED = (
    *(c for c in COLUMNS[: COLUMNS.index("po_performing_balance")] if c not in BALANCES),
    "principal_paid",
    "interest_paid",
)
"""The whole-loan flows of the kernel (its columns before the strip shares, less the two
end-of-period balances) and the derived payments: what a summary totals."""


def _derived(frame: pl.DataFrame) -> pl.DataFrame:
    c = pl.col
    return frame.with_columns(
        *[(c(x) - c(f"po_{x}")).alias(f"tr_{x}") for x in SPLIT],
        (c("actual_interest") - c("io_interest")).alias("tr_interest"),
        (c("advanced_interest") - c("io_advanced_interest")).alias("tr_advanced_interest"),
        (
            c("actual_amortization") + c("advanced_principal") + c("prepayments") + c("recoveries")
        ).alias("principal_paid"),
        (c("actual_interest") + c("advanced_interest")).alias("interest_paid"),
    )


def pool_frame(totals: np.ndarray, pools: tuple[str, ...]) -> pl.DataFrame:
    """Rows per scenario, period and pool (plus ``total`` for several pools).

    ``totals`` are the kernel's ``[scenario, pool, month, column]`` sums.
    """
    scenarios, n_pools, months, _ = totals.shape
    flat = totals.reshape(-1, len(COLUMNS))
    frame = pl.DataFrame(
        {
            "scenario": np.repeat(np.arange(scenarios), n_pools * months),
            "period": np.tile(np.arange(1, months + 1), scenarios * n_pools),
            "pool": np.tile(np.repeat(np.array(pools, dtype=object), months), scenarios).tolist(),
            **{name: flat[:, i] for i, name in enumerate(COLUMNS)},
        },
        schema_overrides={"scenario": pl.Int64, "period": pl.Int64, "pool": pl.String},
    )
    if n_pools > 1:
        total = frame.group_by("scenario", "period", maintain_order=True).agg(
            pl.exclude("pool").sum()
        )
        frame = pl.concat(
            [frame, total.with_columns(pl.lit(TOTAL).alias("pool"))], how="diagonal"
        ).sort("scenario", maintain_order=True)
    return _derived(frame)


def summary_frame(frame: pl.DataFrame, original: dict[str, float]) -> pl.DataFrame:
    """Totals per scenario and pool; WAL of principal paid in years; cumulative % figures."""
    keys = ("scenario", "pool")
    last = frame.filter(pl.col("period") == pl.col("period").max().over(keys))
    sums = frame.group_by(keys, maintain_order=True).agg(
        *[pl.col(x).sum() for x in SUMMED],
        ((pl.col("period") * pl.col("principal_paid")).sum() / pl.col("principal_paid").sum() / 12)
        .fill_nan(None)
        .alias("wal_years"),
    )
    originals = pl.DataFrame(
        {"pool": list(original), "original_balance": list(original.values())},
        schema={"pool": pl.String, "original_balance": pl.Float64},
    )
    ending = last.select(
        *keys,
        (pl.col("performing_balance") + pl.col("foreclosure_balance")).alias("ending_balance"),
    )
    pct = 100.0 / pl.col("original_balance")
    return (
        sums.join(originals, on="pool", how="left", maintain_order="left")
        .join(ending, on=keys, how="left", maintain_order="left")
        .select(
            "scenario",
            "pool",
            "original_balance",
            pl.exclude("scenario", "pool", "original_balance"),
        )
        .with_columns(
            (pl.col("new_defaults") * pct).alias("cumulative_defaults_pct"),
            (pl.col("losses") * pct).alias("cumulative_losses_pct"),
        )
    )


@dataclass(frozen=True)
class CashflowResult:
    """A projection: the monthly frame, its summary and the assumptions per pool."""

    frame: pl.DataFrame
    summary: pl.DataFrame
    pools: tuple[str, ...]
    months: int

    def pool(self, name: str) -> pl.DataFrame:
        """The monthly rows of one pool (or ``total``)."""
        return self.frame.filter(pl.col("pool") == name)

    def conservation_gap(self) -> pl.DataFrame:
        """Per pool: original balance less every dollar accounted for (0 up to rounding)."""
        return self.summary.select(
            "pool",
            (
                pl.col("original_balance")
                - pl.col("actual_amortization")
                - pl.col("defaulted_amortization")
                - pl.col("prepayments")
                - pl.col("recoveries")
                - pl.col("losses")
                - pl.col("ending_balance")
            ).alias("gap"),
        )


def original_balances(balances: np.ndarray, pools: tuple[str, ...]) -> dict[str, float]:
    """Cut-off balance per pool, with the ``total`` when there are several pools."""
    original = {p: float(b) for p, b in zip(pools, balances, strict=True)}
    if len(pools) > 1:
        original[TOTAL] = float(np.sum(balances))
    return original
