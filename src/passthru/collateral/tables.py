"""Monthly rate tables the kernel reads: SMM, MDR and severity per scenario and pool.

Every rate becomes a table ``[projection month k, loan MONTH m]`` of monthly
fractions, each axis of length 1 when the rate does not depend on it. The
kernel reads ``table[min(k, rows) - 1, min(max(MONTH, 1), cols) - 1]``, so a
table's last row and column hold for later months: 100% PSA is flat from MONTH 30
(SF-6) and 100% SDA from MONTH 120 (SF-20/21). Tables of different scenarios and
pools are stacked, padded with their own last row and column.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from passthru.collateral import rates
from passthru.collateral.assumptions import Assumptions, Rate
from passthru.errors import AssumptionError

PSA_COLUMNS = rates.PSA_RAMP_MONTHS
SDA_COLUMNS = rates.SDA_TAIL_START


def _check_length(rate: Rate, field: str, months: int, max_month: int) -> None:
    n = len(rate.values)
    if rate.shape == "vector" and n < months:
        raise AssumptionError(
            f"{rate.kind} vector has {n} entries; the projection runs {months} months",
            field=f"{field}.vector",
        )
    if rate.shape == "curve" and n < max_month:
        raise AssumptionError(
            f"{rate.kind} curve has {n} entries; the loans reach loan MONTH {max_month}",
            field=f"{field}.curve",
        )


def _multiple_table(rate: Rate, months: int, standard) -> np.ndarray:
    """Annual rates of a PSA or SDA multiple: scalar, by projection month or by MONTH."""
    values = np.asarray(rate.values, dtype=float)
    if rate.shape == "curve":
        return standard(values, np.arange(1, values.size + 1))[np.newaxis, :]
    columns = PSA_COLUMNS if standard is rates.psa_cpr else SDA_COLUMNS
    multiples = values[:months, np.newaxis]
    return standard(multiples, np.arange(1, columns + 1)[np.newaxis, :])


def monthly_table(rate: Rate | None, field: str, months: int, max_month: int) -> np.ndarray:
    """The monthly-fraction table ``[k, MONTH]`` of one prepayment or default rate."""
    if rate is None:
        return np.zeros((1, 1))
    _check_length(rate, field, months, max_month)
    values = np.asarray(rate.values, dtype=float)
    if rate.kind == "PSA":
        return rates.smm_from_cpr(_multiple_table(rate, months, rates.psa_cpr))
    if rate.kind == "SDA":
        return rates.mdr_from_cdr(_multiple_table(rate, months, rates.sda_cdr))
    fraction = values / 100.0
    monthly = rates.smm_from_cpr(fraction) if rate.kind in ("CPR", "CDR") else fraction
    if rate.shape == "vector":
        return monthly[:months, np.newaxis]
    if rate.shape == "curve":
        return monthly[np.newaxis, :]
    return monthly.reshape(1, 1)


def severity_row(assumptions: Assumptions, months: int) -> np.ndarray:
    """Severity as a fraction by projection month of liquidation."""
    severity = assumptions.severity
    if isinstance(severity, tuple):
        if len(severity) < months:
            raise AssumptionError(
                f"severity vector has {len(severity)} entries; the projection runs {months} months",
                field="severity",
            )
        return np.asarray(severity[:months], dtype=float) / 100.0
    return np.full(months, float(severity) / 100.0)


def _stack(tables: Sequence[Sequence[np.ndarray]]) -> np.ndarray:
    rows = max(t.shape[0] for row in tables for t in row)
    cols = max(t.shape[1] for row in tables for t in row)
    padded = [
        [np.pad(t, ((0, rows - t.shape[0]), (0, cols - t.shape[1])), mode="edge") for t in row]
        for row in tables
    ]
    return np.ascontiguousarray(np.array(padded, dtype=float))


def scenario_tables(
    scenarios: Sequence[Sequence[Assumptions]], months: int, max_month: int
) -> dict[str, np.ndarray]:
    """Stacked kernel inputs for ``scenarios[s][p]`` (scenario s, pool p)."""
    return {
        "smm": _stack(
            [
                [monthly_table(a.prepayment, "prepayment", months, max_month) for a in s]
                for s in scenarios
            ]
        ),
        "mdr": _stack(
            [[monthly_table(a.default, "default", months, max_month) for a in s] for s in scenarios]
        ),
        "severity": np.array(
            [[severity_row(a, months) for a in s] for s in scenarios], dtype=float
        ).reshape(len(scenarios), -1, months),
        "lag": np.array([[a.lag for a in s] for s in scenarios], dtype=np.int64),
        "advancing": np.array([[a.advancing for a in s] for s in scenarios], dtype=np.bool_),
        "surviving": np.array(
            [[a.order == "surviving_balance" for a in s] for s in scenarios], dtype=np.bool_
        ),
    }
