"""A Rich progress bar for report steps that run longer than a second.

Silent when the console is not a terminal (pipes, CI logs, tests): the caller still
gets an ``advance`` callable, so code paths do not branch on where output goes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


@contextmanager
def progress(
    description: str, total: int | None = None, *, console: Console | None = None
) -> Iterator[Callable[..., None]]:
    """Show ``description`` with a bar of ``total`` steps; yields ``advance(steps=1)``."""
    console = console if console is not None else Console(stderr=True)
    if not console.is_terminal:
        yield lambda steps=1: None
        return
    steps = () if total is None else (TextColumn("{task.completed:g}/{task.total:g}"),)
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        *steps,
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda steps=1: bar.advance(task, steps)
