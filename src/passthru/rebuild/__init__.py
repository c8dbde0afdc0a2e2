"""Rebuild a canonical loan tape from a parsed CMSI-style 8-K, so that its term sheet
reproduces the filing's tables and narrative figures (issue 6)."""

from passthru.rebuild.build import RebuildResult, rebuild_tape
from passthru.rebuild.report import Check, RebuildReport, check_termsheet, compare_filings
from passthru.rebuild.targets import deal_for_filing

__all__ = [
    "Check",
    "RebuildReport",
    "RebuildResult",
    "check_termsheet",
    "compare_filings",
    "deal_for_filing",
    "rebuild_tape",
]
