"""Shared inputs: the standard's sample loan, published tables and an independent
loan-by-loan reading of the SF-18/19 recursion (§1.4); the spec's test vectors are the
``vectors`` fixture of ``tests/conftest.py``.

The recursion below is plain Python with the scheduled balance from SF-4's closed
form (not the kernel's recurrence), so a test comparing the two checks the kernel
against the standard's own statement of the recursion.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import polars as pl
import pytest

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="session")
def published():
    """A published table of the standard under tests/data/sf, as strings (blanks are null)."""

    def read(name: str) -> pl.DataFrame:
        return pl.read_csv(DATA / "sf" / f"{name}.csv", comment_prefix="#", infer_schema_length=0)

    return read


@pytest.fixture(scope="session")
def sf_loans() -> pl.DataFrame:
    """SF-22's sample: new 8% WAC 360-month loans, 100,000,000, no servicing spread."""
    return pl.DataFrame(
        {
            "current_balance": [100_000_000.0],
            "note_rate": [8.0],
            "original_term": [360],
            "remaining_term": [360],
        }
    )


@pytest.fixture(scope="session")
def recursion() -> SimpleNamespace:
    """``loan_flows`` and ``psa_smm`` of the independent recursion below."""
    return SimpleNamespace(loan_flows=loan_flows, psa_smm=psa_smm)


def sched(rate_pct: float, remaining: int, k: int) -> float:
    """SF-4: BAL after k more months, relative to today's balance."""
    if k >= remaining:
        return 0.0
    r = rate_pct / 1200
    if r == 0:
        return (remaining - k) / remaining
    return (1 - (1 + r) ** -(remaining - k)) / (1 - (1 + r) ** -remaining)


def psa_smm(psa: float, month: int) -> float:
    cpr = min(psa / 100 * 0.002 * max(1, min(month, 30)), 1.0)
    return 1 - (1 - cpr) ** (1 / 12)


def loan_flows(
    balance, note, net, remaining, age, smm, mdr, severity, lag, advancing, surviving=False
):
    """Monthly dicts for one loan; ``smm(k, MONTH)``/``mdr(k, MONTH)`` give monthly rates."""
    perf, fcl, new_defaults, rows = balance, 0.0, {}, []
    for k in range(1, remaining + 1):
        q = sched(note, remaining, k) / sched(note, remaining, k - 1)
        month = age + k
        new_def = 0.0 if k > remaining - lag else perf * mdr(k, month)
        base = perf - new_def if surviving else perf
        vol = base * q * smm(k, month)
        actam = (perf - new_def) * (1 - q)
        if actam + new_def + vol > perf:
            vol = perf - actam - new_def
        new_defaults[k] = new_def
        d = new_defaults.get(k - lag, 0.0)
        if advancing and d:
            adb = d * sched(note, remaining, k - 1) / sched(note, remaining, k - 1 - lag)
        else:
            adb = d
        loss = min(severity * d, adb)
        recov = max(adb - loss, 0.0)
        expam = (perf + fcl - adb) * (1 - q)
        amdef = (new_def + fcl - adb) * (1 - q) if advancing else 0.0
        rows.append(
            {
                "new_defaults": new_def,
                "prepayments": vol,
                "actual_amortization": actam,
                "expected_amortization": expam,
                "defaulted_amortization": amdef,
                "liquidated_balance": adb,
                "recoveries": recov,
                "losses": loss,
                "expected_interest": (perf + fcl) * net / 1200,
                "actual_interest": (perf - new_def) * net / 1200,
                "lost_interest": (new_def + fcl) * net / 1200,
            }
        )
        fcl = new_def + fcl - adb - amdef
        perf = perf - new_def - vol - actam
        rows[-1]["performing_balance"] = perf
        rows[-1]["foreclosure_balance"] = fcl
    return rows
