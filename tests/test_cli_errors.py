"""The CLI prints an error's text as it is: brackets in a message are not markup."""

import typer
from typer.testing import CliRunner

from passthru.cli.app import report_errors
from passthru.errors import DealError


def test_bracketed_text_in_an_error_is_printed():
    app = typer.Typer()

    @app.command()
    @report_errors
    def fail() -> None:
        raise DealError("pool [I] has no loans [rule_name]")

    result = CliRunner().invoke(app, [])
    assert result.exit_code == 1
    assert "pool [I] has no loans [rule_name]" in result.output
