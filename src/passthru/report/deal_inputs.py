"""A deal's report inputs from what runs today: term sheet, class table, the pass-through
decrement tables and the pool balance by PSA. The certificate charts (class balances,
losses, senior prepayment percentage) and yield tables join when the waterfall runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

import polars as pl

from passthru.analytics import deal_calendar, pass_through_balances, pass_through_decrements
from passthru.analytics.decrement import print_date
from passthru.deal import Deal, structure_figures
from passthru.report.build import ReportInputs
from passthru.report.charts import balance_paths_frame
from passthru.strats.model import TermSheet

DEFAULT_SPEEDS = (0.0, 100.0, 275.0, 400.0, 600.0)


def _number(value: Decimal | str | None) -> float | None:
    return float(value) if isinstance(value, Decimal) else None


def structure_table(deal: Deal) -> pl.DataFrame | None:
    """The class table as numbers (``None`` when the deal states no classes); a balance
    or rate given as a rule ("po_strip", "strip") is named in the ``Balance rule`` column."""
    if not deal.classes:
        return None
    rows = structure_figures(deal).classes
    return pl.DataFrame(
        {
            "Class": [r.name for r in rows],
            "Pool": [r.pool or "all" for r in rows],
            "Kind": [r.kind for r in rows],
            "Initial balance ($)": [_number(r.balance) for r in rows],
            "Balance rule": [r.balance if isinstance(r.balance, str) else "" for r in rows],
            "Rate (%)": [_number(r.rate) for r in rows],
            "Share of pool (%)": [_number(r.share_of_pool_pct) for r in rows],
            "Subordination level (%)": [_number(r.subordination_level_pct) for r in rows],
        },
        schema_overrides={c: pl.Float64 for c in ("Initial balance ($)", "Rate (%)")},
    )


def deal_summary(deal: Deal, termsheet: TermSheet) -> dict[str, str]:
    """Issuer, series, dates and loan counts for the head of the report."""
    summary = {"Issuer": deal.issuer, "Series": deal.series or deal.name}
    summary["Cut-off date"] = print_date(deal.cut_off_date)
    if deal.closing_date is not None:
        summary["Closing date"] = print_date(deal.closing_date)
    summary["Pools"] = ", ".join(deal.pool_names)
    summary["Loans accepted"] = f"{termsheet.loans_accepted:,} of {termsheet.loans_read:,}"
    return summary


def deal_report_inputs(
    deal: Deal,
    loans: pl.DataFrame,
    termsheet: TermSheet,
    *,
    speeds: Sequence[float] = DEFAULT_SPEEDS,
    advance: Callable[..., None] = lambda steps=1: None,
) -> ReportInputs:
    """Every section available before the waterfall; ``advance`` ticks a progress bar
    after each of the three steps (structure, decrement tables, pool balances)."""
    structure = structure_table(deal)
    advance()
    closing, first = deal_calendar(deal)
    decrement = pass_through_decrements(loans, speeds, closing=closing, first_distribution=first)
    advance()
    balances, _ = pass_through_balances(loans, speeds)
    advance()
    return ReportInputs(
        title=deal.title or deal.name,
        summary=deal_summary(deal, termsheet),
        termsheet=termsheet,
        structure=structure,
        decrement=decrement,
        pool_balances=balance_paths_frame(balances, speeds),
    )
