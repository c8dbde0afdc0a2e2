"""Shared fixtures: the spec's test vectors, hand-made canonical loans, synthetic tapes as
CSV files, and the bundled filings."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from passthru.deal import load_deal
from passthru.tape import write_tape
from passthru.tape.schema import SCHEMA
from passthru.tape.synthetic import synthetic_tape

VECTORS = Path(__file__).parent / "data" / "spec" / "vectors.json"

# A loan that passes every rule at the 2003-02-01 cut-off: first payment due on
# the cut-off date (deducted), so 359 payments remain to 2033-01-01.
CANONICAL_LOAN: dict[str, object] = {
    "loan_id": "L1",
    "pool": None,
    "original_balance": 500000.0,
    "current_balance": 499500.0,
    "note_rate": 6.25,
    "servicing_fee_rate": None,
    "original_term": 360,
    "remaining_term": 359,
    "origination_date": date(2002, 12, 15),
    "first_payment_date": date(2003, 2, 1),
    "maturity_date": date(2033, 1, 1),
    "ltv": 75.5,
    "ltv_without_pledge": None,
    "property_type": "detached",
    "units": 1,
    "state": "CA",
    "zip": "94105",
    "occupancy": "primary",
    "documentation": "full",
    "loan_purpose": "purchase",
    "mortgage_insurance": False,
    "additional_collateral": False,
}


@pytest.fixture(scope="session")
def filing_text():
    """The text of a bundled 8-K filing by series, e.g. ``filing_text("2002-12")``."""

    def read(series: str) -> str:
        path = resources.files("passthru") / "data" / "filings" / f"cmsi-{series}-8k.txt"
        return path.read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def vectors() -> dict[str, dict]:
    """The specification's test vectors by id (tests/data/spec/vectors.json)."""
    items = json.loads(VECTORS.read_text(encoding="utf-8"))
    return {item["id"]: item for item in items}


@pytest.fixture(scope="session")
def canonical_loan():
    """``canonical_loan(**values)``: one hand-made row of a canonical tape, the loan above
    with ``values`` in place of its own; a name outside the canonical schema is refused."""

    def row(**values: object) -> dict[str, object]:
        unknown = sorted(set(values) - set(SCHEMA))
        assert not unknown, f"not canonical columns: {unknown}"
        return {**CANONICAL_LOAN, **values}

    return row


@pytest.fixture(scope="session")
def synthetic_csv(tmp_path_factory):
    """``synthetic_csv(n, deal, seed)``: a canonical CSV of ``n`` invented loans of the
    shipped ``deal`` (:func:`passthru.tape.synthetic.synthetic_tape`), in a folder of its own."""

    def write(n: int, deal: str, seed: int) -> Path:
        path = tmp_path_factory.mktemp("tape") / "tape.csv"
        write_tape(synthetic_tape(n, deal=load_deal(deal), seed=seed), path)
        return path

    return write
