"""The monthly recursion of SF-18/19, loan by loan, fused with Numba.

For loan n in projection month k (cashflow-and-structure.md §1.4), with ``q`` its
own scheduled-balance ratio ``SCH(k)/SCH(k-1)`` (SF-4, re-amortisation on its
note rate and remaining term), ``P``/``F`` its performing and foreclosure
balances at the end of month k-1, and ``d`` its new defaults of month k-L::

    NEWDEF = P * MDR                      (0 in the loan's last L months, SF-19 j)
    VOL    = P * q * SMM                  ((P - NEWDEF) * q * SMM: surviving balance)
    ACTAM  = (P - NEWDEF) * (1 - q);      VOL capped so ACTAM + NEWDEF + VOL <= P
                                          (a 100% SMM takes exactly what is left)
    ADB    = d * SCH(k-1)/SCH(k-1-L)      (d when P&I are not advanced)
    LOSS   = min(severity * d, ADB);      RECOV = max(ADB - LOSS, 0)
    EXPAM  = (P + F - ADB) * (1 - q);     AMDEF = (NEWDEF + F - ADB) * (1 - q) or 0
    F'     = NEWDEF + F - ADB - AMDEF;    P' = P - NEWDEF - VOL - ACTAM
    EXPINT = (P + F) * net;  LOSTINT = (NEWDEF + F) * net;  ACTINT = (P - NEWDEF) * net

Loans are taken a tile at a time (a few thousand of one pool); within a tile the
month loop is outermost and each step visits every loan once, holding only
per-loan state and a ring of the last L months of new defaults, and sums into
per-pool totals. The tile keeps that state in cache; no (months x loans) matrix
is ever stored. Besides the PO shares of a discount loan (discount fraction > 0),
the whole balances P' and F' of the discount loans are summed apart, so that the
premium loans' balance (the IO notional, §2.2) is the pool's less theirs.
"""

from __future__ import annotations

import numba
import numpy as np

from passthru.collateral.loans import LoanArrays

COLUMNS: tuple[str, ...] = (
    "performing_balance",
    "new_defaults",
    "foreclosure_balance",
    "expected_amortization",
    "actual_amortization",
    "defaulted_amortization",
    "prepayments",
    "liquidated_balance",
    "recoveries",
    "losses",
    "expected_interest",
    "lost_interest",
    "actual_interest",
    "servicing_fee",
    "advanced_principal",
    "advanced_interest",
    "po_performing_balance",
    "po_foreclosure_balance",
    "po_expected_amortization",
    "po_actual_amortization",
    "po_defaulted_amortization",
    "po_prepayments",
    "po_liquidated_balance",
    "po_recoveries",
    "po_losses",
    "io_interest",
    "io_advanced_interest",
    "discount_performing_balance",
    "discount_foreclosure_balance",
)
PO_OF = (0, 2, 3, 4, 5, 6, 7, 8, 9)  # columns 16..24 are the PO shares of these
TILE = 2048  # loans whose month-by-month state stays in cache together


@numba.njit(cache=True)
def _rate(table, k, month):
    row = min(k, table.shape[0]) - 1
    col = min(max(month, 1), table.shape[1]) - 1
    return table[row, col]


@numba.njit(cache=True)
def _schedule_step(k, remaining, growth, w):
    """SCH(k) up to a loan's constant factor: ``1 - (1+r)^-(M-k)``, or ``M - k`` at r = 0."""
    if k >= remaining:
        return 0.0
    if growth > 1.0:
        return 1.0 - w
    return float(remaining - k)


@numba.njit(cache=True)
def _project_tile(
    lo, hi, balance, growth, w0, net, fee, remaining, age, po, io,
    smm, mdr, severity, lag, adv, surv, months, out,
):  # fmt: skip
    """Loans ``lo:hi`` of one pool, month by month, summed into ``out[month, column]``."""
    size = hi - lo
    ring = lag + 1
    perf = balance[lo:hi].copy()
    fcl = np.zeros(size)
    w = w0[lo:hi].copy()
    sch_prev = np.empty(size)
    for i in range(size):
        sch_prev[i] = _schedule_step(0, remaining[lo + i], growth[lo + i], w[i])
    ring_default = np.zeros((ring, size))
    ring_sch = np.ones((ring, size))
    acc = np.zeros(out.shape[1])
    for k in range(1, months + 1):
        slot = k % ring
        read = (k - lag) % ring
        liquidating = k - lag >= 1
        sev = severity[k - 1]
        acc[:] = 0.0
        for i in range(size):
            n = lo + i
            m_rem = remaining[n]
            if k > m_rem:
                continue
            w[i] *= growth[n]
            sch_now = _schedule_step(k, m_rem, growth[n], w[i])
            sch_before = sch_prev[i]
            sch_prev[i] = sch_now
            q = sch_now / sch_before
            amort = 1.0 - q
            month = age[n] + k
            p_bal = perf[i]
            f_bal = fcl[i]
            new_def = 0.0 if k > m_rem - lag else p_bal * _rate(mdr, k, month)
            rate_p = _rate(smm, k, month)
            vol = (p_bal - new_def) * q * rate_p if surv else p_bal * q * rate_p
            actam = (p_bal - new_def) * amort
            remain = p_bal - new_def - actam
            if rate_p >= 1.0 or vol > remain:  # SF-17 e: prepay at most what is left
                vol = max(remain, 0.0)
            ring_default[slot, i] = new_def
            ring_sch[slot, i] = sch_before
            d = ring_default[read, i] if liquidating else 0.0
            adb = d
            if adv and d > 0.0:
                adb = d * sch_before / ring_sch[read, i]
            loss = min(sev * d, adb)
            recov = max(adb - loss, 0.0)
            expam = (p_bal + f_bal - adb) * amort
            amdef = (new_def + f_bal - adb) * amort if adv else 0.0
            f_new = max(new_def + f_bal - adb - amdef, 0.0)
            p_new = max(remain - vol, 0.0)
            perf[i] = p_new
            fcl[i] = f_new
            lost_int = (new_def + f_bal) * net[n]
            act_int = (p_bal - new_def) * net[n]
            adv_int = lost_int if adv else 0.0
            acc[0] += p_new
            acc[1] += new_def
            acc[2] += f_new
            acc[3] += expam
            acc[4] += actam
            acc[5] += amdef
            acc[6] += vol
            acc[7] += adb
            acc[8] += recov
            acc[9] += loss
            acc[10] += (p_bal + f_bal) * net[n]
            acc[11] += lost_int
            acc[12] += act_int
            acc[13] += (p_bal + f_bal) * fee[n]
            acc[14] += amdef
            acc[15] += adv_int
            share = po[n]
            if share > 0.0:
                acc[16] += share * p_new
                acc[17] += share * f_new
                acc[18] += share * expam
                acc[19] += share * actam
                acc[20] += share * amdef
                acc[21] += share * vol
                acc[22] += share * adb
                acc[23] += share * recov
                acc[24] += share * loss
                acc[27] += p_new
                acc[28] += f_new
            acc[25] += io[n] * act_int
            acc[26] += io[n] * adv_int
        out[k - 1, :] += acc


@numba.njit(cache=True, parallel=True)
def _project_all(
    balance, growth, w0, net, fee, remaining, age, po, io, pool_start,
    smm, mdr, severity, lag, advancing, surviving, months, tile, out,
):  # fmt: skip
    """Every scenario (in parallel: each writes only its own ``out[s]``), pool and tile."""
    for s in numba.prange(out.shape[0]):
        for p in range(pool_start.shape[0] - 1):
            for lo in range(pool_start[p], pool_start[p + 1], tile):
                hi = min(lo + tile, pool_start[p + 1])
                _project_tile(
                    lo, hi, balance, growth, w0, net, fee, remaining, age, po, io,
                    smm[s, p], mdr[s, p], severity[s, p], lag[s, p], advancing[s, p],
                    surviving[s, p], months, out[s, p],
                )  # fmt: skip


def project_arrays(loans: LoanArrays, tables: dict[str, np.ndarray], months: int) -> np.ndarray:
    """Per-pool monthly totals ``[scenario, pool, month, column]`` (see :data:`COLUMNS`)."""
    scenarios = tables["smm"].shape[0]
    out = np.zeros((scenarios, len(loans.pools), months, len(COLUMNS)))
    rate = loans.note_rate / 1200.0
    growth = 1.0 + rate
    w0 = np.power(growth, -loans.remaining_term.astype(float))
    net = loans.net_rate / 1200.0
    fee = (loans.note_rate - loans.net_rate) / 1200.0
    _project_all(
        loans.balance, growth, w0, net, fee, loans.remaining_term, loans.loan_age,
        loans.po_fraction, loans.io_fraction, loans.pool_start,
        tables["smm"], tables["mdr"], tables["severity"], tables["lag"],
        tables["advancing"], tables["surviving"], months, TILE, out,
    )  # fmt: skip
    return out
