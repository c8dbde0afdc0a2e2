"""``passthru validate``: every issue of a loan tape, and a non-zero exit on errors."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from passthru.cli.app import app, console, report_errors
from passthru.deal import load_deal
from passthru.errors import Issue
from passthru.pool import form_pools
from passthru.tape import LAYOUTS, load_tape


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def _cut_off(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        message = f"{text!r} is not a date YYYY-MM-DD"
        raise typer.BadParameter(message, param_hint="--cut-off") from None


def _summary(read: int, accepted: int, issues: tuple[Issue, ...]) -> dict[str, int]:
    errors = sum(i.severity == "error" for i in issues)
    return {
        "read": read,
        "accepted": accepted,
        "rejected": read - accepted,
        "errors": errors,
        "warnings": len(issues) - errors,
    }


@app.command("validate")
@report_errors
def validate_command(
    tape: Annotated[
        Path, typer.Argument(help="Loan tape: CSV, Parquet, xlsx, or a layout's file.")
    ],
    deal: Annotated[str | None, typer.Option(help="Deal name or TOML: cut-off and pools.")] = None,
    cut_off: Annotated[str | None, typer.Option(help="Cut-off date YYYY-MM-DD.")] = None,
    sheet: Annotated[str | None, typer.Option(help="Excel sheet (default: the first).")] = None,
    layout: Annotated[
        str | None, typer.Option(help=f"Built-in source layout: {', '.join(LAYOUTS)}.")
    ] = None,
    mapping: Annotated[Path | None, typer.Option(help="Column-mapping TOML file.")] = None,
    output: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = (
        OutputFormat.text
    ),
) -> None:
    """Check a loan tape against every rule; exit 1 when any loan has an error."""
    terms = load_deal(deal) if deal else None
    when = _cut_off(cut_off) or (terms.cut_off_date if terms else None)
    load = load_tape(tape, cut_off=when, sheet=sheet, layout=layout, mapping=mapping)
    issues, accepted = load.issues, load.accepted_count
    if terms is not None:
        formed = form_pools(load.loans, terms, source=load.source)
        issues += formed.issues
        accepted -= formed.rejected.height
    summary = _summary(load.read_count, accepted, issues)
    if output is OutputFormat.json:
        report = {"source": load.source, **summary, "issues": [asdict(i) for i in issues]}
        typer.echo(json.dumps(report, indent=2))
    else:
        for issue in issues:
            console.print(str(issue), markup=False, highlight=False, soft_wrap=True)
        console.print(
            "read {read}, accepted {accepted}, rejected {rejected}, "
            "{errors} errors, {warnings} warnings".format(**summary),
            highlight=False,
        )
    if summary["errors"]:
        raise typer.Exit(1)
