"""``passthru deals``: the deal files shipped with passthru."""

from __future__ import annotations

from passthru.cli.app import app, console, report_errors
from passthru.deal import load_deal, shipped_deals
from passthru.money import format_number, round_half_up


@app.command("deals")
@report_errors
def deals_command() -> None:
    """List the shipped deals with their cut-off dates and pools."""
    for name in shipped_deals():
        deal = load_deal(name)
        pools = "; ".join(
            f"pool {p.name}: {p.original_term[0]}-{p.original_term[1]} months, "
            f"target {format_number(round_half_up(p.target_rate, 3), 3)}%"
            for p in deal.pools
        )
        console.print(f"{name}  cut-off {deal.cut_off_date}  {pools}", highlight=False)
