"""Hand-built canonical loans as of the CMSI 2002-12 cut-off (2002-12-01), pooled under that deal.

Pool I holds 240-360 month loans at a 5.750% target rate, pool II 120-180 month
loans at 5.250%; the servicing fee is 0.25% unless a loan gives its own.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from passthru.deal import load_deal
from passthru.pool import form_pools
from passthru.tape.schema import SCHEMA

CUT_OFF = date(2002, 12, 1)


def _month(months_from_cut_off: int) -> date:
    index = CUT_OFF.year * 12 + CUT_OFF.month - 1 + months_from_cut_off
    return date(index // 12, index % 12 + 1, 1)


def _tape(*rows: dict[str, object]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=SCHEMA)


@pytest.fixture(scope="session")
def loan(canonical_loan):
    """``loan(id, balance, rate, remaining, original=360, **attributes)``: one canonical loan
    due on the 1st, its dates consistent with its terms and the cut-off."""

    def row(
        loan_id: str,
        balance: float,
        rate: float,
        remaining: int,
        original: int = 360,
        **attributes: object,
    ) -> dict[str, object]:
        age = original - remaining
        terms: dict[str, object] = {
            "loan_id": loan_id,
            "original_balance": balance + 10_000.0,
            "current_balance": balance,
            "note_rate": rate,
            "original_term": original,
            "remaining_term": remaining,
            "origination_date": _month(-age),
            "first_payment_date": _month(1 - age),
            "maturity_date": _month(remaining),
            "ltv": 75.0,
        }
        return canonical_loan(**{**terms, **attributes})

    return row


@pytest.fixture(scope="session")
def tape():
    """``tape(*rows)``: a canonical tape of hand-built loans."""
    return _tape


@pytest.fixture(scope="session")
def deal():
    return load_deal("cmsi-2002-12")


@pytest.fixture(scope="session")
def pooled(deal):
    """``pooled(*rows)``: the loans pooled under CMSI 2002-12 (every loan accepted)."""

    def pool(*rows: dict[str, object]) -> pl.DataFrame:
        formed = form_pools(_tape(*rows), deal)
        assert formed.rejected.height == 0
        return formed.loans

    return pool
