"""Narrative figures and stratification tables of a collateral term sheet, as data."""
