"""Shared fixtures: small canonical tapes built in code, and the bundled filings."""

from __future__ import annotations

from importlib import resources

import pytest


@pytest.fixture(scope="session")
def filing_text():
    """The text of a bundled 8-K filing by series, e.g. ``filing_text("2002-12")``."""

    def read(series: str) -> str:
        path = resources.files("passthru") / "data" / "filings" / f"cmsi-{series}-8k.txt"
        return path.read_text(encoding="utf-8")

    return read
