"""A deal's report inputs: term sheet, class table, decrement and yield tables of every
class from the certificate waterfall, and the four charts.

Decrement and yield tables run the waterfall once with one scenario per PSA speed and no
defaults. The charts of class balances, cumulative losses by class and the senior
prepayment percentage come from one run under :data:`CHART_SCENARIO`, the assumptions of
the Standard Formulas' sample default cash flow B (SF-23 to SF-38: 150% PSA, 100% SDA,
20% severity, 12-month lag, advancing). A deal file without classes gets the collateral
("pass-through") sections only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

import polars as pl

from passthru.analytics import (
    certificate_flows,
    class_decrements,
    deal_calendar,
    deal_for_tape,
    distribution_delay,
    pass_through_balances,
    pass_through_decrements,
    pass_through_grid,
    psa_labels,
    psa_scenarios,
    yield_table,
)
from passthru.analytics.decrement import PASS_THROUGH
from passthru.collateral import Assumptions
from passthru.deal import SUBORDINATE_CLASSES, Deal, structure_figures
from passthru.money import format_as_given, format_date
from passthru.report.build import ReportInputs
from passthru.report.charts import PERIOD, balance_paths_frame
from passthru.strats.model import TermSheet
from passthru.waterfall import Results, run

DEFAULT_SPEEDS = (0.0, 100.0, 275.0, 400.0, 600.0)
CHART_SCENARIO: Mapping[str, float] = {"psa": 150.0, "sda": 100.0, "severity": 20.0, "lag": 12}
DEFAULT_PRICES: Mapping[str, tuple[str, ...]] = {
    "senior": ("98-00", "100-00", "102-00"),
    "subordinate": ("98-00", "100-00", "102-00"),
    PASS_THROUGH: ("98-00", "100-00", "102-00"),
    "po": ("65-00", "70-00", "75-00"),
    "io": ("2-00", "3-00", "4-00"),
}
"""Report prices per 100 of current face (notional for IO) by class kind; a kind left out
gets no yield table."""
PAID_OFF = 0.005
"""A strip with less than half a cent left is paid off."""
STEPS = 5
"""Progress steps of :func:`deal_report_inputs`."""

Advance = Callable[..., None]


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
    summary["Cut-off date"] = format_date(deal.cut_off_date)
    if deal.closing_date is not None:
        summary["Closing date"] = format_date(deal.closing_date)
    summary["Pools"] = ", ".join(deal.pool_names)
    summary["Loans accepted"] = f"{termsheet.loans_accepted:,} of {termsheet.loans_read:,}"
    return summary


def _per_class(results: Results, column: str) -> pl.DataFrame:
    """Scenario 0's ``column`` of every class with a principal balance, one column each."""
    rows = results.classes.filter((pl.col("scenario") == 0) & (pl.col("kind") != "io"))
    first = rows.filter((pl.col(PERIOD) == 1) & (pl.col("beginning_balance") > 0))
    order = first.get_column("class").to_list()
    wide = rows.filter(pl.col("class").is_in(order)).pivot(on="class", index=PERIOD, values=column)
    return wide.sort(PERIOD).select(PERIOD, *order)


def class_balance_frame(results: Results) -> pl.DataFrame:
    """Each class's balance after each distribution date (scenario 0)."""
    return _per_class(results, "ending_balance")


def cumulative_loss_frame(results: Results) -> pl.DataFrame:
    """Realized losses and writedowns to date (scenario 0): each subordinated class, and
    the senior classes (target-rate and PO) together."""
    losses = _per_class(results, "loss")
    subordinates = [c for c in SUBORDINATE_CLASSES if c in losses.columns]
    seniors = [c for c in losses.columns if c not in (PERIOD, *subordinates)]
    return losses.select(
        PERIOD,
        *(pl.col(c).cum_sum() for c in subordinates),
        pl.sum_horizontal(seniors).cum_sum().alias("Senior classes"),
    )


def senior_prepayment_frame(results: Results, pools: Sequence[str]) -> pl.DataFrame:
    """The senior prepayment percentage of each pool on each distribution date (scenario 0),
    null once the pool's target-rate strip is paid off (§2.5: it applies to a pool's
    unscheduled principal, and a retired pool has none), so its line ends there."""
    days = results.deal.filter(pl.col("scenario") == 0).sort(PERIOD)

    def while_outstanding(pool: str) -> pl.Expr:
        prior_strip = pl.col(f"target_rate_strip_{pool}").shift(1)
        outstanding = prior_strip.is_null() | (prior_strip > PAID_OFF)
        spp = pl.col(f"senior_prepayment_pct_{pool}")
        return pl.when(outstanding).then(spp).otherwise(None).alias(f"Pool {pool}")

    return days.select(PERIOD, *(while_outstanding(p) for p in pools))


def _chart_run(deal: Deal, loans: pl.DataFrame) -> Results:
    return run(deal, loans, Assumptions.from_options(**CHART_SCENARIO))


def _describe_chart_scenario() -> str:
    c = {key: format_as_given(value) for key, value in CHART_SCENARIO.items()}
    return (
        f"{c['psa']}% PSA, {c['sda']}% SDA, {c['severity']}% severity, "
        f"{c['lag']}-month lag, advancing"
    )


def _certificate_sections(
    deal: Deal,
    loans: pl.DataFrame,
    speeds: Sequence[float],
    prices: Mapping[str, Sequence[str]],
    advance: Advance,
) -> dict:
    closing, first = deal_calendar(deal)
    flows = certificate_flows(deal, loans, psa_scenarios(speeds), labels=psa_labels(speeds))
    advance()
    decrement = class_decrements(flows, speeds, closing=closing, first_distribution=first)
    delay = distribution_delay(deal.distribution_day)
    yields = {
        name: yield_table(flows, name, prices[flows.kind(name)], settle=closing, delay=delay)
        for name in flows.names
        if flows.kind(name) in prices
    }
    advance()
    chart = _chart_run(deal, loans)
    advance()
    return {
        "decrement": decrement,
        "yields": yields,
        "pool_balances": balance_paths_frame(flows.balances(PASS_THROUGH), speeds),
        "class_balances": class_balance_frame(chart),
        "cumulative_losses": cumulative_loss_frame(chart),
        "senior_prepayment": senior_prepayment_frame(chart, deal.pool_names),
        "notes": {
            "Yield tables": f"settlement {format_date(closing)}, {delay}-day delay, "
            "pre-tax bond-equivalent yield (%)",
            "Chart scenario": _describe_chart_scenario(),
        },
    }


def _pass_through_sections(
    deal: Deal, loans: pl.DataFrame, speeds: Sequence[float], advance: Advance
) -> dict:
    closing, first = deal_calendar(deal)
    grid = pass_through_grid(loans, speeds)
    decrement = pass_through_decrements(grid, speeds, closing=closing, first_distribution=first)
    advance()
    balances, _ = pass_through_balances(grid)
    advance(STEPS - 2)
    return {"decrement": decrement, "pool_balances": balance_paths_frame(balances, speeds)}


def deal_report_inputs(
    deal: Deal,
    loans: pl.DataFrame,
    termsheet: TermSheet,
    *,
    speeds: Sequence[float] = DEFAULT_SPEEDS,
    prices: Mapping[str, Sequence[str]] = DEFAULT_PRICES,
    advance: Advance = lambda steps=1: None,
) -> ReportInputs:
    """Every section of the deal report; ``advance`` ticks a progress bar :data:`STEPS`
    times. A tape that is not the deal's own gets the deal's classes resized to it
    (:func:`passthru.analytics.deal_for_tape`), which the summary says."""
    summary = deal_summary(deal, termsheet)
    if deal.classes:
        deal, note = deal_for_tape(deal, loans)
        if note:
            summary["Classes"] = note
    structure = structure_table(deal)
    advance()
    if deal.classes:
        sections = _certificate_sections(deal, loans, speeds, prices, advance)
    else:
        sections = _pass_through_sections(deal, loans, speeds, advance)
    summary.update(sections.pop("notes", {}))
    return ReportInputs(
        title=deal.title or deal.name,
        summary=summary,
        termsheet=termsheet,
        structure=structure,
        **sections,
    )
