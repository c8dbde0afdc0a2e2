"""Tape reading, column mapping and validation: source file to a typed canonical frame."""
