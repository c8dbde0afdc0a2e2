"""``run(deal, loans, assumptions, options) -> Results``: collateral, then the waterfall.

Three explicit inputs, as the design notes ask: the ``Deal`` (static terms and
certificates), the ``Assumptions`` (prepayment, default, severity, lag,
advancing; one for every pool or one per pool) and the ``RunOptions`` (call
exercise, further scenarios of a grid, the mix of loss types). Nothing given
is changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import numpy as np
import polars as pl
from pydantic import ConfigDict, Field, model_validator

from passthru.collateral import Assumptions, LoanArrays, loan_arrays, project_grid
from passthru.collateral.assumptions import FrozenModel
from passthru.deal import Deal, cleanup_threshold, initial_loss_limits
from passthru.errors import DealError
from passthru.money import format_dollars, format_number
from passthru.waterfall.certificates import class_table
from passthru.waterfall.engine import run_terms, run_waterfall
from passthru.waterfall.flows import pool_flows
from passthru.waterfall.results import Results, class_frame, deal_frame, distribution_dates

Scenario = Assumptions | Mapping[str, Assumptions]
CALIFORNIA = "CA"


class LossMix(FrozenModel):
    """Shares of every month's realized losses by type (§2.7); they add up to 1.

    Special hazard, fraud and bankruptcy losses count against their limits; the
    default treats every loss as ordinary. Bad shares raise ``AssumptionError``
    naming ``loss_mix.<share>``.
    """

    field_name: ClassVar[str] = "loss_mix"

    ordinary: float = Field(1.0, ge=0, le=1)
    special_hazard: float = Field(0.0, ge=0, le=1)
    fraud: float = Field(0.0, ge=0, le=1)
    bankruptcy: float = Field(0.0, ge=0, le=1)

    @model_validator(mode="after")
    def _adds_up(self) -> LossMix:
        total = self.ordinary + self.special_hazard + self.fraud + self.bankruptcy
        if abs(total - 1.0) > 1e-9:
            raise ValueError(f"loss mix shares add up to {format_number(total, 4)}, not 1")
        return self

    def shares(self) -> np.ndarray:
        return np.array([self.ordinary, self.special_hazard, self.fraud, self.bankruptcy])


class RunOptions(FrozenModel):
    """How to run: ``call`` (None: the deal's ``cleanup_call.exercise``), further
    ``scenarios`` after the one given to :func:`run` (scenario 0), the ``loss_mix``
    and ``months`` (default: to the last loan's maturity). Bad options raise
    ``AssumptionError`` naming the field."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    call: bool | None = None
    scenarios: tuple[Scenario, ...] = ()
    loss_mix: LossMix = LossMix()
    months: int | None = Field(None, ge=1)


def _check_balance(deal: Deal, loans: LoanArrays) -> None:
    """The classes add up to the deal's cut-off balance; the tape must hold the same loans."""
    tape = float(loans.balance.sum())
    stated = float(deal.cut_off_balance or 0)
    if abs(tape - stated) > 0.01:
        raise DealError(
            f"the tape's loans total {format_dollars(tape, 2)} but the certificates add up to "
            f"the deal's cut-off balance {format_dollars(stated, 2)}; run the deal's own tape "
            "or state its balances",
            field="cut_off_balance",
        )


def _limits(deal: Deal, mix: LossMix) -> np.ndarray:
    if deal.loss_limits is not None:
        return np.array([float(v) for v in initial_loss_limits(deal).values()])
    if mix.ordinary < 1.0:
        raise DealError(
            "the loss mix has special hazard, fraud or bankruptcy losses but the deal "
            "file gives no loss limits",
            field="loss_limits",
        )
    return np.zeros(3)


def _largest(loans: pl.DataFrame) -> tuple[float, float]:
    """The largest loan, and the largest California zip-code concentration, at the cut-off."""
    largest = float(loans.get_column("current_balance").max() or 0.0)
    if not {"state", "zip"} <= set(loans.columns):
        return largest, 0.0
    by_zip = (
        loans.filter(pl.col("state") == CALIFORNIA)
        .group_by("zip")
        .agg(pl.col("current_balance").sum())
        .get_column("current_balance")
    )
    return largest, float(by_zip.max() or 0.0) if by_zip.len() else 0.0


def run(
    deal: Deal, loans: pl.DataFrame, assumptions: Scenario, options: RunOptions | None = None
) -> Results:
    """Project the pooled ``loans`` and pay the deal's certificates every distribution day.

    ``loans`` are pooled under ``deal`` (:func:`passthru.pipeline.pooled_tape` or
    :func:`passthru.pool.form_pools`). Raises ``DealError`` for a deal without
    certificates or whose balances the tape does not match, and
    ``ConservationError`` if any day fails to conserve cash or balances.
    """
    options = options or RunOptions()
    arrays = loan_arrays(loans)
    _check_balance(deal, arrays)
    grid = project_grid(arrays, [assumptions, *options.scenarios], months=options.months)
    opening = arrays.original_balance()
    opening_po = np.add.reduceat(arrays.balance * arrays.po_fraction, arrays.pool_start[:-1])
    discount = np.where(arrays.po_fraction > 0.0, arrays.balance, 0.0)
    opening_discount = np.add.reduceat(discount, arrays.pool_start[:-1])
    table = class_table(deal, arrays.pools, dict(zip(arrays.pools, opening_po, strict=True)))
    targets = np.array([deal.pool(p).target_rate for p in arrays.pools])
    pools = pool_flows(grid.frame, arrays.pools, targets, opening, opening_po, opening_discount)
    largest_loan, largest_zip = _largest(loans)
    terms = run_terms(
        deal, table, pools,
        initial_limits=_limits(deal, options.loss_mix),
        loss_mix=options.loss_mix.shares(),
        call=deal.cleanup_call.exercise if options.call is None else options.call,
        call_threshold=float(cleanup_threshold(deal)),
        largest_loan=largest_loan,
        largest_california_zip=largest_zip,
    )  # fmt: skip
    record = run_waterfall(terms, pools)
    dates = distribution_dates(deal.cut_off_date, deal.distribution_day, record.periods)
    days = pl.DataFrame({"period": range(1, record.periods + 1), "date": dates})
    collateral = grid.frame.join(days, on="period", how="inner", maintain_order="left")
    return Results(
        collateral=collateral,
        classes=class_frame(record, terms, dates),
        deal=deal_frame(record, terms, dates),
    )
