"""Options shared by the commands that project collateral (``cashflows``, ``matrix``, ``run``),
the comma-separated speed lists and the one mapping of the options to :class:`Assumptions`.

Rates are in percent (``--smm 1`` is 1% a month), as every command prints them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from passthru.collateral import Assumptions
from passthru.errors import AssumptionError

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

ASSUMPTION_OPTIONS = (
    "cpr",
    "smm",
    "psa",
    "cdr",
    "mdr",
    "sda",
    "severity",
    "lag",
    "advancing",
    "order",
)


def assumptions_from_options(options: Mapping[str, Any]) -> Assumptions:
    """The assumptions a command's options give; ``options`` is the command's ``locals()``,
    holding the parameters declared with the options above under their own names."""
    return Assumptions.from_options(**{name: options[name] for name in ASSUMPTION_OPTIONS})


def parse_speeds(text: str, option: str = "--psa") -> list[float]:
    """``"0,100,275"`` -> ``[0.0, 100.0, 275.0]``: one or more speeds >= 0 (percent of the
    option's standard curve, PSA or SDA); blanks between commas are skipped."""
    measure = option.removeprefix("--").upper()
    try:
        speeds = [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise AssumptionError(
            f"{text!r} is not a comma-separated list of numbers", field=option
        ) from None
    if not speeds:
        raise AssumptionError(f"no {measure} speeds; give at least one", field=option)
    if any(s < 0 for s in speeds):
        raise AssumptionError(f"{text!r}: {measure} speeds are >= 0", field=option)
    return speeds


def check_format(fmt: str, formats: tuple[str, ...]) -> None:
    """Refuse a ``--format`` the command does not write."""
    if fmt not in formats:
        raise AssumptionError(f"{fmt!r} is not one of {', '.join(formats)}", field="--format")
