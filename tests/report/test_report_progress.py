"""The progress helper: a bar on a terminal, nothing at all elsewhere."""

from __future__ import annotations

import io

from rich.console import Console

from passthru.report import progress


def test_silent_when_not_a_terminal():
    out = io.StringIO()
    with progress("projecting", total=3, console=Console(file=out)) as advance:
        advance()
        advance(2)
    assert out.getvalue() == ""


def test_draws_a_bar_on_a_terminal():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80)
    with progress("projecting", total=2, console=console) as advance:
        advance(2)
    assert "projecting" in out.getvalue()
