"""Spec test vectors (tests/data/spec/vectors.json, a copy of the spec's file)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def vector(vectors):
    """A spec vector by id, e.g. ``vector("V25")``."""
    return vectors.__getitem__
