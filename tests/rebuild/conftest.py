"""The bundled filings parsed, and each rebuilt once per session (seed 0)."""

from __future__ import annotations

import pytest

from passthru.disclosure.parse import parse_filing
from passthru.rebuild import rebuild_tape

SERIES = ("2002-12", "2003-2")


@pytest.fixture(scope="session")
def filings(filing_text):
    return {s: parse_filing(filing_text(s), source=f"cmsi-{s}-8k.txt") for s in SERIES}


@pytest.fixture(scope="session")
def rebuilt(filings):
    return {s: rebuild_tape(f, seed=0) for s, f in filings.items()}
