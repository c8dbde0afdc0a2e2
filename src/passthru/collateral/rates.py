"""Prepayment, default and amortisation measures of the Standard Formulas.

Every function takes and returns **fractions** (0.06 is 6%), scalars or NumPy
arrays alike; the user-facing :mod:`passthru.collateral.assumptions` speaks in
percent and converts once. MONTH is the accrual period in which a loan's age
rises from MONTH - 1 to MONTH (SF-6/7); months at or below 0 count as MONTH 1.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

PSA_RAMP_MONTHS = 30  # SF-6: 100% PSA rises 0.2% CPR a month to 6% at MONTH 30
PSA_STEP = 0.002
SDA_PEAK = 0.006  # SF-20/21: 100% SDA peaks at 0.60% a year ...
SDA_TAIL = 0.0003  # ... and ends at a 0.03% tail
SDA_RAMP_END, SDA_PEAK_END, SDA_TAIL_START = 30, 60, 120
SDA_DECLINE = (SDA_PEAK - SDA_TAIL) / (SDA_TAIL_START - SDA_PEAK_END)  # 0.000095 a month


def smm_from_cpr(cpr: ArrayLike) -> np.ndarray:
    """SF-6 (b): ``(1 - SMM)^12 = 1 - CPR``, so ``SMM = 1 - (1 - CPR)^(1/12)``."""
    return 1.0 - np.power(1.0 - np.asarray(cpr, dtype=float), 1.0 / 12.0)


def cpr_from_smm(smm: ArrayLike) -> np.ndarray:
    """SF-6 (b): the annual rate equivalent to a monthly one, ``1 - (1 - SMM)^12``."""
    return 1.0 - np.power(1.0 - np.asarray(smm, dtype=float), 12.0)


def mdr_from_cdr(cdr: ArrayLike) -> np.ndarray:
    """SF-21 (g): ``MDR = 1 - (1 - CDR)^(1/12)``, the same compounding as SMM and CPR."""
    return smm_from_cpr(cdr)


def cdr_from_mdr(mdr: ArrayLike) -> np.ndarray:
    """SF-21 (g) inverted: the annual default rate of a monthly one."""
    return cpr_from_smm(mdr)


def psa_month(month: ArrayLike) -> np.ndarray:
    """SF-6: the PSA ramp's month, ``max(1, min(MONTH, 30))``."""
    return np.clip(np.asarray(month), 1, PSA_RAMP_MONTHS)


def psa_cpr(psa: ArrayLike, month: ArrayLike) -> np.ndarray:
    """SF-6 (c): ``CPR = min(PSA/100 * 0.2% * max(1, min(MONTH, 30)), 100%)``."""
    psa = np.asarray(psa, dtype=float)
    return np.minimum(psa / 100.0 * PSA_STEP * psa_month(month), 1.0)


def psa_smm(psa: ArrayLike, month: ArrayLike) -> np.ndarray:
    """SF-6 (c) then (b): the one-month SMM of a PSA speed in a loan MONTH (table SF-10)."""
    return smm_from_cpr(psa_cpr(psa, month))


def psa_from_cpr(cpr: ArrayLike, month: ArrayLike) -> np.ndarray:
    """SF-8: a single month's PSA, ``100 * CPR / min(0.2% * MONTH, 6%)``."""
    return 100.0 * np.asarray(cpr, dtype=float) / (PSA_STEP * psa_month(month))


def sda_cdr100(month: ArrayLike) -> np.ndarray:
    """SF-20/21: the annual default rate of 100% SDA in a loan MONTH.

    0.02% a month up to 0.60% at MONTH 30, flat to MONTH 60, down 0.0095% a month
    to the 0.03% tail at MONTH 120, flat after.
    """
    m = np.maximum(np.asarray(month), 1)
    ramp = 0.0002 * np.minimum(m, SDA_RAMP_END)
    decline = SDA_PEAK - SDA_DECLINE * (m - SDA_PEAK_END)
    return np.where(
        m <= SDA_RAMP_END,
        ramp,
        np.where(m <= SDA_PEAK_END, SDA_PEAK, np.where(m <= SDA_TAIL_START, decline, SDA_TAIL)),
    )


def sda_cdr(sda: ArrayLike, month: ArrayLike) -> np.ndarray:
    """SF-21 (f): a multiple of SDA scales 100% SDA's annual rate, capped at 100%.

    The SF-20 (d) rule (no new defaults in a loan's last ``lag`` months) depends
    on the loan's term and is applied by the projection, not here.
    """
    return np.minimum(np.asarray(sda, dtype=float) / 100.0 * sda_cdr100(month), 1.0)


def abs_smm(abs_speed: ArrayLike, month: ArrayLike) -> np.ndarray:
    """SF-13/14: ``SMM = ABS / (1 - ABS * (MONTH - 1))`` (fractions; not for mortgages)."""
    speed = np.asarray(abs_speed, dtype=float)
    return speed / (1.0 - speed * (np.asarray(month) - 1))


def amortized_balance(note_rate: ArrayLike, original_term: ArrayLike, remaining_term: ArrayLike):
    """SF-4: the level-payment balance as a fraction of par, ``BAL(M)``.

    ``BAL(M) = [1 - (1+r)^-M] / [1 - (1+r)^-M0]`` with ``r = C/1200`` (C in percent);
    at a zero rate the balance falls in a straight line, ``M / M0``.
    """
    r = np.asarray(note_rate, dtype=float) / 1200.0
    m0 = np.asarray(original_term, dtype=float)
    m = np.asarray(remaining_term, dtype=float)
    safe = np.where(r > 0, r, 1.0)
    annuity = (1.0 - np.power(1.0 + safe, -m)) / (1.0 - np.power(1.0 + safe, -m0))
    return np.where(r > 0, annuity, m / m0)


def level_payment(note_rate: ArrayLike, term: ArrayLike) -> np.ndarray:
    """SF-4: the gross monthly payment per $1 of par, ``r / [1 - (1+r)^-M0]``."""
    r = np.asarray(note_rate, dtype=float) / 1200.0
    n = np.asarray(term, dtype=float)
    safe = np.where(r > 0, r, 1.0)
    return np.where(r > 0, safe / (1.0 - np.power(1.0 + safe, -n)), 1.0 / n)


def smm_from_factors(f1: ArrayLike, f2: ArrayLike, bal1: ArrayLike, bal2: ArrayLike):
    """SF-5: ``Fsched = F1 * BAL2/BAL1`` and ``SMM = (Fsched - F2) / Fsched``."""
    scheduled = np.asarray(f1, dtype=float) * np.asarray(bal2) / np.asarray(bal1)
    return (scheduled - np.asarray(f2)) / scheduled
