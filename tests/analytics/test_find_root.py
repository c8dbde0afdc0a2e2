"""The bracketed root finder used for break-evens."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from passthru.analytics import RootNotBracketedError, find_root
from passthru.errors import PassthruError


def test_smooth_root_to_tolerance_in_few_calls():
    calls = []

    def f(x):
        calls.append(x)
        return x * x - 2

    root = find_root(f, 0.0, 2.0, tol=1e-12)
    assert root == pytest.approx(math.sqrt(2), abs=1e-12)
    assert len(calls) < 20  # bisection alone needs 41 halvings of [0, 2] to reach 1e-12


def test_step_function_falls_back_to_bisection():
    root = find_root(lambda x: -1.0 if x < 0.3 else 1.0, 0.0, 1.0, tol=1e-9)
    assert abs(root - 0.3) <= 1e-9


def test_endpoint_roots():
    assert find_root(lambda x: x - 1.0, 1.0, 5.0) == 1.0
    assert find_root(lambda x: x - 5.0, 1.0, 5.0) == 5.0


def test_unbracketed_root_is_a_named_error():
    with pytest.raises(RootNotBracketedError) as caught:
        find_root(lambda x: x * x + 1, -1.0, 1.0)
    assert isinstance(caught.value, PassthruError)
    assert "same sign" in str(caught.value)


@given(st.floats(-99.0, 99.0), st.sampled_from([1, 3, 5]), st.booleans())
def test_root_within_tolerance(true_root, power, decreasing):
    sign = -1 if decreasing else 1

    def f(x):
        return sign * (x - true_root) ** power

    assert abs(find_root(f, -100.0, 100.0, tol=1e-7) - true_root) <= 1e-7
