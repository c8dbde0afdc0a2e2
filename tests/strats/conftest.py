"""Small canonical tapes built in code, pooled under CMSI 2002-12 (cut-off December 1, 2002)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from passthru.deal import load_deal
from passthru.pool import form_pools
from passthru.tape.schema import SCHEMA

DEFAULTS = {
    "original_balance": 400_000.0,
    "current_balance": 400_000.0,
    "note_rate": 6.5,
    "remaining_term": 358,
    "origination_date": date(2002, 9, 15),
    "first_payment_date": None,
    "maturity_date": date(2032, 10, 1),
    "ltv": 70.0,
    "state": "NY",
    "zip": "10021",
}
"""Where these loans differ from the canonical loan of ``tests/conftest.py``."""


@pytest.fixture(scope="session")
def canonical_tape(canonical_loan):
    """``canonical_tape(n, **columns)``: ``n`` loans; each keyword gives one column's values,
    the rest are the canonical loan's with DEFAULTS."""
    default = canonical_loan(**DEFAULTS)

    def tape(n: int, **columns: list) -> pl.DataFrame:
        data = {"loan_id": [f"L{i + 1}" for i in range(n)]}
        for name in SCHEMA:
            if name != "loan_id":
                data[name] = columns.pop(name, [default[name]] * n)
        assert not columns, f"not canonical columns: {sorted(columns)}"
        return pl.DataFrame(data, schema=SCHEMA)

    return tape


@pytest.fixture(scope="session")
def deal():
    return load_deal("cmsi-2002-12")


@pytest.fixture
def pooled(deal, canonical_tape):
    """``pooled(n, **columns)``: a canonical tape passed through form_pools, every loan kept."""

    def make(n: int, **columns: list) -> pl.DataFrame:
        formed = form_pools(canonical_tape(n, **columns), deal)
        assert formed.rejected.height == 0
        return formed.loans

    return make
