"""Term sheets built by hand for the renderer tests.

``termsheet_2002_12`` carries the narrative figures the CMSI 2002-12 8-K prints
(exact values chosen to round to them) and the fourteen tables copied from the
filing's rows, so a renderer can be compared with the filing line for line.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from passthru.deal import load_deal
from passthru.strats.model import ALL_LOANS, Figure, PoolFigures, Table, TableRow, TermSheet

TITLES = {
    "origination_year": (
        ("YEARS OF ORIGINATION OF POOL {p} MORTGAGE LOANS",),
        ("Year Originated",),
    ),
    "property_type": (
        ("TYPES OF DWELLINGS SUBJECT TO POOL {p} MORTGAGE LOANS",),
        ("Type of", "Dwelling Unit"),
    ),
    "units": (
        ("NUMBER OF UNITS IN DWELLINGS SUBJECT TO POOL {p} MORTGAGE LOANS",),
        ("Type of", "Dwelling Unit"),
    ),
    "size": (
        ("SIZE OF POOL {p} MORTGAGE LOANS",),
        ("Outstanding Principal", "Balance by Loan Size"),
    ),
    "note_rate": (
        ("DISTRIBUTION OF POOL {p} MORTGAGE LOANS BY NOTE RATES",),
        ("Mortgage Loan", "Interest Rate"),
    ),
    "ltv": (
        ("DISTRIBUTION OF POOL {p} MORTGAGE LOANS", "BY LOAN-TO-VALUE RATIOS AT ORIGINATION"),
        ("Loan-To-Value Ratio",),
    ),
    "state": (
        ("GEOGRAPHIC DISTRIBUTION OF", "POOL {p} MORTGAGED PROPERTIES BY STATE"),
        ("State",),
    ),
}
KINDS = tuple(TITLES)
FOOTNOTES = {
    ("property_type", "I"): "Multi-family dwellings are 2-family and 3-family.",
    ("property_type", "II"): "Multi-family dwellings are 2-family.",
}
TOTAL_BALANCE = {"I": 452_246_359.98, "II": 130_905_482.57}

ROW = re.compile(r"^(?P<label>.*?)\s{2,}(?P<count>\d+)\s+\$?\s*(?P<dollars>[\d,]+)$")


def F(key, exact, printed, unit="", rule="", note=""):
    return Figure(key, key.replace("_", " "), exact, printed, unit, rule, note)


def _common(values: dict) -> tuple[Figure, ...]:
    return tuple(F(k, *v) for k, v in values.items())


POOL_I = {
    "loan_count": (993, "993", "loans", "count"),
    "aggregate_balance": (452_246_359.98, "$452,246,359.98", "dollars", "cents"),
    "wa_note_rate": (6.46213, "6.462%", "percent", "round_half_up:3"),
    "wa_remaining_term": (356.8412, "356.84", "months", "round_half_up:2"),
    "wa_original_term": (358.1977, "358.20", "months", "round_half_up:2"),
    "origination_start": (date(2000, 9, 14), "September 1, 2000", "date", "first_of_month"),
    "origination_end": (date(2002, 11, 27), "December 1, 2002", "date", "first_of_month"),
    "latest_maturity": (date(2032, 12, 1), "December 1, 2032", "date", "date"),
    "min_original_balance": (16_000.0, "$16,000", "dollars", "floor:0"),
    "max_original_balance": (1_000_000.0, "$1,000,000", "dollars", "ceil:0"),
    "ltv_over_80_balance": (7_103_322.31, "$7,103,322", "dollars", "whole_dollars"),
    "max_ltv": (95.0, "95.000%", "percent", "round_half_up:3"),
    "any_ltv_over_95": (False, "no", "", "boolean"),
    "wa_ltv": (63.79, "63.8%", "percent", "round_half_up:1"),
    "max_zip_balance": (6_456_558.2, "$6,456,558", "dollars", "whole_dollars", "zip 10021"),
    "primary_residence_pct": (97.61, "97%", "percent", "floor:0"),
    "investment_pct": (0.4, "1%", "percent", "ceil:0"),
    "full_or_streamlined_pct": (95.3, "95%", "percent", "floor:0"),
    "stated_income_pct": (4.7, "5%", "percent", "ceil:0"),
    "streamlined_pct": (76.2, "77%", "percent", "ceil:0"),
    "ltv_over_80_uninsured_count": (0, "0", "loans", "count"),
    "additional_collateral_count": (7, "7", "loans", "count"),
    "additional_collateral_balance": (1_770_423.4, "$1,770,423", "dollars", "whole_dollars"),
    "additional_collateral_wa_ltv": (80.0, "80%", "percent", "round_half_up:1"),
    "additional_collateral_wa_ltv_without_pledge": (95.5, "95.5%", "percent", "round_half_up:1"),
    "target_rate": (5.75, "5.750%", "percent", "round_half_up:3"),
    "premium_count": (985, "985", "loans", "count"),
    "premium_balance": (448_244_025.9, "$448,244,026", "dollars", "whole_dollars"),
    "premium_wa_note_rate": (6.4681, "6.468%", "percent", "round_half_up:3"),
    "premium_wa_remaining_term": (356.8377, "356.84", "months", "round_half_up:2"),
    "discount_count": (8, "8", "loans", "count"),
    "discount_balance": (4_002_334.08, "$4,002,334", "dollars", "whole_dollars"),
    "discount_wa_note_rate": (5.7266, "5.727%", "percent", "round_half_up:3"),
    "discount_wa_remaining_term": (357.8712, "357.87", "months", "round_half_up:2"),
}
POOL_II = {
    **POOL_I,
    "loan_count": (283, "283", "loans", "count"),
    "aggregate_balance": (130_905_482.57, "$130,905,482.57", "dollars", "cents"),
    "wa_note_rate": (6.15281, "6.153%", "percent", "round_half_up:3"),
    "wa_remaining_term": (176.3501, "176.35", "months", "round_half_up:2"),
    "wa_original_term": (178.0496, "178.05", "months", "round_half_up:2"),
    "origination_start": (date(2001, 10, 3), "October 1, 2001", "date", "first_of_month"),
    "latest_maturity": (date(2017, 12, 1), "December 1, 2017", "date", "date"),
    "min_original_balance": (55_800.0, "$55,800", "dollars", "floor:0"),
    "ltv_over_80_balance": (717_589.0, "$717,589", "dollars", "whole_dollars"),
    "max_ltv": (89.9, "89.900%", "percent", "round_half_up:3"),
    "wa_ltv": (56.2, "56.2%", "percent", "round_half_up:1"),
    "max_zip_balance": (2_157_569.0, "$2,157,569", "dollars", "whole_dollars", "zip 94010"),
    "primary_residence_pct": (95.2, "95%", "percent", "floor:0"),
    "investment_pct": (1.2, "2%", "percent", "ceil:0"),
    "full_or_streamlined_pct": (92.5, "92%", "percent", "floor:0"),
    "stated_income_pct": (7.5, "8%", "percent", "ceil:0"),
    "streamlined_pct": (86.4, "87%", "percent", "ceil:0"),
    "additional_collateral_count": (1, "1", "loans", "count"),
    "additional_collateral_balance": (160_000.0, "$160,000", "dollars", "whole_dollars"),
    "additional_collateral_wa_ltv": (80.0, "80%", "percent", "round_half_up:1"),
    "additional_collateral_wa_ltv_without_pledge": (100.0, "100.0%", "percent", "round_half_up:1"),
    "target_rate": (5.25, "5.250%", "percent", "round_half_up:3"),
    "premium_count": (283, "283", "loans", "count"),
    "premium_balance": (130_905_482.57, "$130,905,483", "dollars", "whole_dollars"),
    "premium_wa_note_rate": (6.15281, "6.153%", "percent", "round_half_up:3"),
    "premium_wa_remaining_term": (176.3501, "176.35", "months", "round_half_up:2"),
    "discount_count": (0, "0", "loans", "count"),
    "discount_balance": (None, "", "dollars", "whole_dollars"),
    "discount_wa_note_rate": (None, "", "percent", "round_half_up:3"),
    "discount_wa_remaining_term": (None, "", "months", "round_half_up:2"),
}
ALL = {
    "loan_count": (1276, "1276", "loans", "count"),
    "aggregate_balance": (583_151_842.55, "$583,151,842.55", "dollars", "cents"),
    "wa_note_rate": (6.39269, "6.393%", "percent", "round_half_up:3"),
}


def filing_tables(text: str) -> tuple[Table, ...]:
    """The fourteen tables of the 2002-12 filing, read from its rows in filing order."""
    lines = text.splitlines()
    blocks, rows, inside = [], [], False
    for line in lines:
        if line.startswith("-") and line.endswith("-" * 20) and "    " in line:
            inside, rows = True, []
        elif inside and line.startswith("Total"):
            blocks.append(rows)
            inside = False
        elif inside and (match := ROW.match(line)):
            label = match["label"].rstrip("*")
            rows.append([label, int(match["count"]), int(match["dollars"].replace(",", ""))])
        elif inside and line.strip():
            rows[-1][0] += " " + line.strip()
    tables = []
    for (kind, pool), found in zip(
        ((k, p) for k in KINDS for p in ("I", "II")), blocks, strict=True
    ):
        title, heading = TITLES[kind]
        body = tuple(TableRow(label, count, float(d), d) for label, count, d in found)
        exact_total = TOTAL_BALANCE[pool]
        total = TableRow("Total", sum(r.count for r in body), exact_total, round(exact_total))
        tables.append(
            Table(
                kind,
                pool,
                tuple(t.format(p=pool) for t in title),
                heading,
                body,
                total,
                FOOTNOTES.get((kind, pool), ""),
            )
        )
    return tuple(tables)


@pytest.fixture(scope="session")
def termsheet_2002_12(filing_text) -> TermSheet:
    return TermSheet(
        deal=load_deal("cmsi-2002-12"),
        as_of=date(2002, 12, 1),
        pools=(
            PoolFigures("I", _common(POOL_I)),
            PoolFigures("II", _common(POOL_II)),
            PoolFigures(ALL_LOANS, _common(ALL)),
        ),
        tables=filing_tables(filing_text("2002-12")),
        loans_read=1276,
        loans_accepted=1276,
        loans_rejected=0,
    )


def with_figure(ts: TermSheet, pool: str, key: str, exact, printed: str, note: str = ""):
    """A copy of ``ts`` with one figure of one pool replaced."""
    pools = []
    for p in ts.pools:
        if p.pool == pool:
            old = p[key]
            figure = dataclasses.replace(old, exact=exact, printed=printed, note=note)
            p = PoolFigures(p.pool, tuple(figure if f.key == key else f for f in p.figures))
        pools.append(p)
    return dataclasses.replace(ts, pools=tuple(pools))


@pytest.fixture(scope="session")
def replace_figure():
    """``replace_figure(ts, pool, key, exact, printed)``: a copy with one figure changed."""
    return with_figure
