"""The Typer application and the one place errors become messages and exit codes."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from passthru.errors import PassthruError, TapeError

app = typer.Typer(
    name="passthru",
    help="Mortgage pass-through engine: loan tape to term sheet, cash flows and certificates.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)

P = ParamSpec("P")
R = TypeVar("R")

MAX_ISSUES_SHOWN = 50


def report_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a :class:`PassthruError` into one clear message and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except PassthruError as exc:
            err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
            if isinstance(exc, TapeError):
                for issue in exc.issues[:MAX_ISSUES_SHOWN]:
                    err_console.print(f"  {issue}", highlight=False, markup=False)
                if len(exc.issues) > MAX_ISSUES_SHOWN:
                    err_console.print(f"  ... and {len(exc.issues) - MAX_ISSUES_SHOWN} more")
            raise typer.Exit(1) from None

    return wrapper


def _print_version(value: bool) -> None:
    if value:
        from passthru import __version__

        console.print(f"passthru {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """Mortgage pass-through engine: loan tape to term sheet, cash flows and certificates."""
