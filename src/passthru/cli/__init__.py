"""The ``passthru`` command line: thin commands that parse options, call the API, print.

Each module below registers its commands on :data:`passthru.cli.app.app`.
"""

from passthru.cli import cashflows as _cashflows  # noqa: F401
from passthru.cli import deal as _deal  # noqa: F401
from passthru.cli import demo as _demo  # noqa: F401
from passthru.cli import filing as _filing  # noqa: F401
from passthru.cli import pricing as _pricing  # noqa: F401
from passthru.cli import rebuild as _rebuild  # noqa: F401
from passthru.cli import replines as _replines  # noqa: F401
from passthru.cli import report as _report  # noqa: F401
from passthru.cli import run as _run  # noqa: F401
from passthru.cli import structure as _structure  # noqa: F401
from passthru.cli import tape as _tape  # noqa: F401
from passthru.cli import termsheet as _termsheet  # noqa: F401
from passthru.cli.app import app

__all__ = ["app"]
