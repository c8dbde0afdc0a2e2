"""Prepayment and default assumptions and the loan-level projection kernel."""
