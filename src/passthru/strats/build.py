"""Build the collateral term sheet: figures per pool and for all loans, tables per pool."""

from __future__ import annotations

import polars as pl

from passthru.deal import Deal
from passthru.strats.aggregates import aggregates
from passthru.strats.figures import pool_figures
from passthru.strats.model import ALL_LOANS, PoolFigures, TermSheet
from passthru.strats.tables import build_tables


def build_termsheet(
    loans: pl.DataFrame,
    deal: Deal,
    *,
    loans_read: int | None = None,
    loans_rejected: int = 0,
    notes: tuple[str, ...] = (),
) -> TermSheet:
    """The term sheet of pooled ``loans`` (``passthru.pool.form_pools(tape, deal).loans``).

    Figures for each deal pool in deal order, then for all loans (which omit the
    target-rate, premium and discount figures); the seven tables for each deal
    pool that holds loans. Figures are as of the deal's cut-off date.
    """
    cut_off = deal.cut_off_date
    by_pool = aggregates(loans, deal.pool_names, ALL_LOANS)
    pools = [
        PoolFigures(p.name, pool_figures(by_pool[p.name], cut_off, p.target_rate))
        for p in deal.pools
    ]
    pools.append(PoolFigures(ALL_LOANS, pool_figures(by_pool[ALL_LOANS], cut_off, None)))
    return TermSheet(
        deal=deal,
        as_of=deal.cut_off_date,
        pools=tuple(pools),
        tables=build_tables(loans, deal),
        loans_read=loans.height if loans_read is None else loans_read,
        loans_accepted=loans.height,
        loans_rejected=loans_rejected,
        notes=tuple(notes),
    )
