"""Mutated filings: the parser never crashes, it returns data with warnings or a FilingError.

Mutations: truncation at a random point, shuffled lines, deleted lines, injected
garbage bytes and control characters, numbers replaced by huge numbers or given
extra digits. Deterministic (``derandomize=True``) and kept to a few seconds.
"""

from __future__ import annotations

import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from passthru.disclosure.filing import Filing
from passthru.disclosure.parse import parse_filing
from passthru.errors import FilingError

GARBAGE = "\x00\x01\x07\x1b\x7f\ufffd\u00e9\t\r<PAGE>$%,.()*=-"
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(len(text) + 1)]


def _shuffle_lines(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    start = rng.randrange(len(lines) or 1)
    window = lines[start : start + rng.randint(2, 60)]
    rng.shuffle(window)
    return "\n".join(lines[:start] + window + lines[start + len(window) :])


def _delete_lines(text: str, rng: random.Random) -> str:
    return "\n".join(line for line in text.splitlines() if rng.random() > 0.1)


def _inject_garbage(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 40)):
        junk = "".join(rng.choice(GARBAGE) for _ in range(rng.randint(1, 8)))
        chars.insert(rng.randrange(len(chars) + 1), junk)
    return "".join(chars)


def _inflate_numbers(text: str, rng: random.Random) -> str:
    def replace(m: re.Match[str]) -> str:
        roll = rng.random()
        if roll < 0.1:
            return "9" * rng.randint(20, 5000)
        if roll < 0.3:
            return m.group(0) + str(rng.randint(0, 999))
        return m.group(0)

    return NUMBER.sub(replace, text)


MUTATIONS = (_truncate, _shuffle_lines, _delete_lines, _inject_garbage, _inflate_numbers)


@settings(
    max_examples=80,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    series=st.sampled_from(["2002-12", "2003-2"]),
    mutations=st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=4),
    seed=st.integers(0, 2**32 - 1),
)
def test_mutated_filings_never_crash(filing_text, series, mutations, seed):
    rng = random.Random(seed)
    text = filing_text(series)
    for mutate in mutations:
        text = mutate(text, rng)
    try:
        parsed = parse_filing(text, source="mutated")
    except FilingError as exc:
        assert "mutated" in str(exc)
        return
    assert isinstance(parsed, Filing)
    assert all(re.match(r"lines? \d+", w) for w in parsed.warnings)
    assert Filing.from_json(parsed.to_json()) == parsed
