"""Options shared by the commands that project collateral (``cashflows``, ``matrix``, ``run``).

Rates are in percent (``--smm 1`` is 1% a month), as every command prints them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

TapeArg = Annotated[Path, typer.Argument(help="Loan tape (CSV, Parquet, xlsx).")]
DealOpt = Annotated[
    str | None, typer.Option("--deal", help="Deal name or TOML file: pools and strips.")
]
CprOpt = Annotated[float | None, typer.Option("--cpr", help="Prepayments, % CPR (a year).")]
SmmOpt = Annotated[float | None, typer.Option("--smm", help="Prepayments, % SMM (a month).")]
PsaOpt = Annotated[float | None, typer.Option("--psa", help="Prepayments, % PSA.")]
CdrOpt = Annotated[float | None, typer.Option("--cdr", help="Defaults, % CDR (a year).")]
MdrOpt = Annotated[float | None, typer.Option("--mdr", help="Defaults, % MDR (a month).")]
SdaOpt = Annotated[float | None, typer.Option("--sda", help="Defaults, % SDA.")]
SeverityOpt = Annotated[
    float, typer.Option("--severity", help="Loss severity, % of the balance at default.")
]
LagOpt = Annotated[int, typer.Option("--lag", help="Months from default to liquidation.")]
AdvancingOpt = Annotated[
    bool,
    typer.Option("--advancing/--no-advancing", help="Servicer advances principal and interest."),
]
OrderOpt = Annotated[str, typer.Option("--order", help="standard or surviving_balance.")]
RejectsOpt = Annotated[
    bool, typer.Option("--allow-rejects", help="Project the loans that pass validation.")
]
