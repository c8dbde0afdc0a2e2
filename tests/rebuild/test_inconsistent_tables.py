"""Filings a rebuild cannot match exactly: a table whose rows do not hold the pool's
loan count (a misprint), and a smallest loan the balances LP could not keep small."""

from __future__ import annotations

import dataclasses

import numpy as np

from passthru.rebuild import deal_for_filing
from passthru.rebuild.tape import pin_extremes
from passthru.rebuild.targets import read_targets


def _misprinted_state_table(filing):
    """Pool I's state table with Alabama at 5 loans instead of 4 and its Total at 994."""
    tables = []
    for table in filing.tables:
        if (table.kind, table.pool) == ("state", "I"):
            rows = tuple(
                dataclasses.replace(r, count=5) if r.label == "Alabama" else r for r in table.rows
            )
            total = dataclasses.replace(table.total, count=994)
            table = dataclasses.replace(table, rows=rows, total=total)
        tables.append(table)
    return dataclasses.replace(filing, tables=tables)


def test_a_table_holding_another_count_is_left_out_and_named(filings):
    filing = _misprinted_state_table(filings["2002-12"])
    targets = read_targets(filing, deal_for_filing(filing))
    pool_i = targets.pools[0]
    assert pool_i.count == 993
    assert "state" not in pool_i.tables
    assert "size" in pool_i.tables
    assert pool_i.unreadable == (
        "state table of pool I: rows hold 994 loans but the pool has 993; "
        "the table cannot be reproduced",
    )
    assert "state" in targets.pools[1].tables


def test_the_smallest_loan_never_gets_an_original_balance_below_its_current():
    # Loan 0 is the designated smallest; the printed smallest original balance is
    # $344,500, but the balances LP left its current balance at $348,554.50.
    original = np.array([348_600.0, 420_000.0, 500_000.0])
    current = np.array([348_554.50, 419_000.0, 499_000.0])
    smallest_loan = np.array([True, False, False])
    largest_loan = np.array([False, False, True])
    smallest, largest = np.full(3, 344_500.0), np.full(3, 510_000.0)
    pinned = pin_extremes(original, current, smallest_loan, largest_loan, smallest, largest)
    assert pinned.tolist() == [348_600.0, 420_000.0, 510_000.0]
    fitting = current.copy()
    fitting[0] = 344_000.0
    pinned = pin_extremes(original, fitting, smallest_loan, largest_loan, smallest, largest)
    assert pinned.tolist() == [344_500.0, 420_000.0, 510_000.0]
