"""Spec test vectors (tests/data/spec/vectors.json, a copy of the spec's file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

VECTORS = Path(__file__).parents[1] / "data" / "spec" / "vectors.json"


@pytest.fixture(scope="session")
def vector():
    """A spec vector by id, e.g. ``vector("V25")``."""
    by_id = {v["id"]: v for v in json.loads(VECTORS.read_text(encoding="utf-8"))}
    return by_id.__getitem__
