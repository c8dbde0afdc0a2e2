"""The printing helpers of passthru.money that no other test module covers."""

from __future__ import annotations

from datetime import date

from passthru.money import format_date


def test_dates_print_as_the_filings_print_them():
    # "as of September 1, 2000" (the spec's examples), "December 1, 2002" (2002-12 cut-off).
    assert format_date(date(2000, 9, 1)) == "September 1, 2000"
    assert format_date(date(2002, 12, 1)) == "December 1, 2002"
    assert format_date(date(2033, 1, 31)) == "January 31, 2033"
