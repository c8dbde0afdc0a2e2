"""``passthru termsheet``: a tape's term sheet under a deal, in any format and text style."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from passthru.cli.app import app, console, report_errors
from passthru.deal import load_deal
from passthru.disclosure import (
    TERMSHEET_FORMATS,
    format_for_path,
    render_termsheet,
    write_termsheet,
    write_termsheets,
)
from passthru.disclosure.render import TEXT_STYLES
from passthru.pipeline import termsheet_from_tape

ALL_FORMATS = "all"


def _chosen_format(fmt: str | None, output: Path | None) -> str:
    if fmt is not None:
        if fmt not in (*TERMSHEET_FORMATS, ALL_FORMATS):
            raise typer.BadParameter(
                f"{fmt!r} is not one of {', '.join((*TERMSHEET_FORMATS, ALL_FORMATS))}",
                param_hint="--format",
            )
        return fmt
    if output is None:
        return "text"
    try:
        return format_for_path(output)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--output") from None


def _chosen_style(style: str | None) -> str | None:
    if style is not None and style not in TEXT_STYLES:
        raise typer.BadParameter(
            f"{style!r} is not one of {', '.join(TEXT_STYLES)}", param_hint="--style"
        )
    return style


@app.command("termsheet")
@report_errors
def termsheet_command(
    tape: Annotated[Path, typer.Argument(help="Loan tape: CSV, Parquet or xlsx.")],
    deal: Annotated[str, typer.Option("--deal", help="Shipped deal name or a deal TOML path.")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="text, md, html, json, csv, xlsx, or all (needs -o DIR). "
            "Default: from the -o suffix, else text.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (a folder with --format all)."),
    ] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="Worksheet of an xlsx tape.")] = None,
    layout: Annotated[str | None, typer.Option("--layout", help="A named tape layout.")] = None,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="A column-mapping TOML file.")
    ] = None,
    style: Annotated[
        str | None,
        typer.Option(
            "--style",
            help="Text layout: collateral (2002-12 term sheets) or detailed (2003-2 "
            "description). Default: the deal's own.",
        ),
    ] = None,
    tables: Annotated[
        bool | None,
        typer.Option(
            "--tables/--no-tables",
            help="Show the stratification tables in the text. Default: with the "
            "collateral style only.",
        ),
    ] = None,
    allow_rejects: Annotated[
        bool,
        typer.Option(
            "--allow-rejects", help="Leave rejected loans out (noted) instead of stopping."
        ),
    ] = False,
) -> None:
    """The term sheet of TAPE under DEAL, as the 8-K prints it or as data."""
    chosen = _chosen_format(fmt, output)
    style = _chosen_style(style)
    if output is None and chosen in ("xlsx", ALL_FORMATS):
        raise typer.BadParameter(f"--format {chosen} needs -o PATH", param_hint="--output")
    ts = termsheet_from_tape(
        tape,
        load_deal(deal),
        sheet=sheet,
        layout=layout,
        mapping=mapping,
        allow_rejects=allow_rejects,
    )
    if output is None:
        console.out(render_termsheet(ts, chosen, style, tables), end="", highlight=False)
    elif chosen == ALL_FORMATS:
        for path in write_termsheets(ts, output, style=style, tables=tables):
            console.print(f"wrote {path}", highlight=False)
    else:
        path = write_termsheet(ts, output, chosen, style=style, tables=tables)
        console.print(f"wrote {path}", highlight=False)
