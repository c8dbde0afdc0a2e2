"""``passthru demo`` (both filings rebuilt and run, see :mod:`passthru.demo`) and
``passthru sample-tape`` (a synthetic tape)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from passthru.cli.app import app, console, report_errors
from passthru.deal import Deal, load_deal
from passthru.demo import run_demo
from passthru.money import format_date
from passthru.strats.model import ALL_LOANS, TermSheet
from passthru.tape import write_tape
from passthru.tape.synthetic import synthetic_tape

DEMO_DEAL = "cmsi-2002-12"
DEMO_LOANS = 1300
DEMO_SEED = 2002
DEMO_OUT = Path("out")


def write_sample_tape(
    path: Path, deal: Deal, *, loans: int = DEMO_LOANS, seed: int = DEMO_SEED
) -> Path:
    """Write the synthetic tape for ``deal`` to ``path`` (CSV, Parquet or xlsx by suffix)."""
    write_tape(synthetic_tape(loans, deal=deal, seed=seed), path)
    return path


def summary_table(termsheet: TermSheet) -> Table:
    """Loans and aggregate balance per pool and for all loans, as the term sheet prints them."""
    table = Table(title=f"{termsheet.deal.name} as of {format_date(termsheet.as_of)}")
    table.add_column("pool")
    table.add_column("loans", justify="right")
    table.add_column("aggregate balance", justify="right")
    for figures in termsheet.pools:
        name = "all loans" if figures.pool == ALL_LOANS else f"pool {figures.pool}"
        table.add_row(name, figures["loan_count"].printed, figures["aggregate_balance"].printed)
    return table


DealOption = Annotated[str, typer.Option("--deal", help="Shipped deal name or deal TOML path.")]


@app.command("demo")
@report_errors
def demo_command(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the demo files to.")] = (
        DEMO_OUT
    ),
) -> None:
    """Rebuild both bundled filings' loan tapes and run them: term sheets, cash flows,
    the certificates' distributions and the deal report."""
    result = run_demo(out, step=lambda message: console.print(f"[bold]>[/] {message}"))
    for termsheet in result.termsheets:
        console.print(summary_table(termsheet))
    for path in result.files:
        console.print(f"wrote {path}", highlight=False)


@app.command("sample-tape")
@report_errors
def sample_tape_command(
    out: Annotated[
        Path, typer.Option("-o", "--out", help="Tape to write (.csv, .parquet, .xlsx).")
    ],
    loans: Annotated[int, typer.Option("--loans", min=1, help="Number of loans.")] = DEMO_LOANS,
    seed: Annotated[int, typer.Option("--seed", help="Equal seeds give equal tapes.")] = DEMO_SEED,
    deal: DealOption = DEMO_DEAL,
) -> None:
    """Write a deterministic synthetic tape of prime jumbo loans as of the deal's cut-off."""
    terms = load_deal(deal)
    write_sample_tape(out, terms, loans=loans, seed=seed)
    console.print(
        f"wrote {loans:,} synthetic loans as of {terms.cut_off_date} to {out}", highlight=False
    )
