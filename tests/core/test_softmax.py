"""core.softmax: the lecture's examples, stability, the naive overflow, properties, sigmoid."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from core.softmax import log_softmax, logsumexp, sigmoid, softmax, softmax_naive, std_normalize

E = math.e
REFERENCE = [
    # (id, function, scores, expected)
    ("softmax-1-2", softmax, [1.0, 2.0], [E / (E + E**2), E**2 / (E + E**2)]),
    ("softmax-10-20", softmax, [10.0, 20.0], [1 / (1 + math.exp(10)), 1 / (1 + math.exp(-10))]),
    ("softmax-equal-scores", softmax, [3.0, 3.0, 3.0, 3.0], [1 / 4] * 4),
    ("softmax-two-classes-is-sigmoid", softmax, [0.5, 2.0],
     [1 / (1 + math.exp(2.0 - 0.5)), 1 / (1 + math.exp(-(2.0 - 0.5)))]),
    ("std-normalize-1-2", std_normalize, [1.0, 2.0], [1 / (1 + 2), 2 / (1 + 2)]),
    ("std-normalize-10-20", std_normalize, [10.0, 20.0], [10 / (10 + 20), 20 / (10 + 20)]),
    ("std-normalize-negative-not-probability", std_normalize, [-1.0, 2.0],
     [-1 / (-1 + 2), 2 / (-1 + 2)]),
    ("log-softmax-0-0", log_softmax, [0.0, 0.0], [-math.log(2)] * 2),
    ("log-softmax-10-7-5", log_softmax, [10.0, 7.0, 5.0],
     [s - math.log(math.exp(10) + math.exp(7) + math.exp(5)) for s in (10, 7, 5)]),
    ("logsumexp-1000-1000", logsumexp, [1000.0, 1000.0], 1000 + math.log(2)),
    ("logsumexp-1-2-3", logsumexp, [1.0, 2.0, 3.0], math.log(E + E**2 + E**3)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("function", "scores", "expected"),
    [case[1:] for case in REFERENCE],
    ids=[case[0] for case in REFERENCE],
)
def test_reference_value(function, scores, expected) -> None:
    np.testing.assert_allclose(function(scores), expected, rtol=1e-12, atol=1e-15)


def test_std_normalize_ignores_scale_but_softmax_does_not() -> None:
    np.testing.assert_allclose(std_normalize([1.0, 2.0]), std_normalize([10.0, 20.0]), rtol=1e-15)
    assert softmax([10.0, 20.0])[1] > softmax([1.0, 2.0])[1] + 0.2


@st.composite
def batches(draw, low: float = -1e300, high: float = 1e300, dtype=np.float64, max_k: int = 8):
    """A batch ``(N, K)`` of finite scores in ``[low, high]``."""
    n = draw(st.integers(1, 5))
    k = draw(st.integers(2, max_k))
    width = 32 if dtype == np.float32 else 64
    elements = st.floats(low, high, allow_nan=False, allow_infinity=False, width=width)
    return draw(hnp.arrays(dtype, (n, k), elements=elements))


@given(scores=batches(-100, 100), shift=st.floats(-1e3, 1e3))
def test_softmax_unchanged_by_adding_a_constant(scores, shift: float) -> None:
    np.testing.assert_allclose(softmax(scores + shift), softmax(scores), rtol=1e-9, atol=1e-12)


@given(scores=batches())
def test_softmax_is_a_distribution_even_at_1e300(scores) -> None:
    p = softmax(scores)
    assert p.shape == scores.shape
    assert np.all((p >= 0) & (p <= 1))
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=1e-12)


@given(scores=batches())
def test_stable_functions_are_finite_up_to_1e300(scores) -> None:
    for values in (softmax(scores), log_softmax(scores), logsumexp(scores)):
        assert np.all(np.isfinite(values))


@given(scores=batches(-1e4, 1e4))
def test_log_softmax_equals_log_of_softmax_where_finite(scores) -> None:
    p = softmax(scores)
    visible = p > 1e-300  # log of a subnormal or 0 loses precision or is -inf
    np.testing.assert_allclose(log_softmax(scores)[visible], np.log(p[visible]), atol=1e-10)
    assert np.all(log_softmax(scores) <= 0)


@given(scores=batches())
def test_logsumexp_lies_between_max_and_max_plus_log_k(scores) -> None:
    lse = logsumexp(scores)
    top = scores.max(axis=-1)
    assert lse.shape == top.shape
    assert np.all(lse >= top)
    assert np.all(lse <= top + math.log(scores.shape[-1]) * (1 + 1e-12) + 1e-12 * np.abs(top))


@given(scores=batches(-1e4, 1e4))
def test_batch_results_equal_per_row_results(scores) -> None:
    for function in (softmax, log_softmax, logsumexp, softmax_naive):
        whole = function(scores)
        for i, row in enumerate(scores):
            np.testing.assert_array_equal(function(row), whole[i])


@given(scores=batches(-1e4, 1e4))
def test_axis_zero_is_the_transpose_of_the_last_axis(scores) -> None:
    for function in (softmax, log_softmax, logsumexp):
        np.testing.assert_array_equal(function(scores.T, axis=0), function(scores).T)


def test_logsumexp_of_one_sample_is_a_scalar() -> None:
    assert np.ndim(logsumexp([1.0, 2.0])) == 0


# --- softmax_naive: the slide's version 1 -------------------------------------------------


@given(scores=batches(-700, 700))
def test_naive_equals_stable_where_nothing_overflows(scores) -> None:
    np.testing.assert_allclose(softmax_naive(scores), softmax(scores), rtol=1e-11, atol=1e-300)


OVERFLOW = [(np.float64, "float64"), (np.float32, "float32")]


@pytest.mark.parametrize("dtype", [c[0] for c in OVERFLOW], ids=[c[1] for c in OVERFLOW])
def test_naive_overflows_just_past_log_of_the_largest_float(dtype) -> None:
    limit = math.log(float(np.finfo(dtype).max))  # 709.78 in float64, 88.72 in float32
    below = softmax_naive(np.array([limit - 0.01, 0.0], dtype=dtype))
    above = softmax_naive(np.array([limit + 0.01, 0.0], dtype=dtype))
    assert np.all(np.isfinite(below))
    np.testing.assert_allclose(below, softmax(np.array([limit - 0.01, 0.0])), rtol=1e-5)
    assert np.isnan(above[0])
    assert below.dtype == above.dtype == dtype


@given(
    top=st.floats(710, 1e300),
    rest=hnp.arrays(np.float64, st.integers(1, 5), elements=st.floats(-1e300, 1e300)),
)
def test_naive_gives_nan_past_709_8_in_float64_without_warnings(top: float, rest) -> None:
    scores = np.concatenate([[top], np.minimum(rest, top)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = softmax_naive(scores)
    assert np.isnan(p[0])
    assert np.all(np.isfinite(softmax(scores)))


@given(top=st.floats(89, float(np.finfo(np.float32).max), width=32))
def test_naive_gives_nan_past_88_7_in_float32_without_warnings(top: float) -> None:
    scores = np.array([top, 0.0], dtype=np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = softmax_naive(scores)
    assert p.dtype == np.float32
    assert np.isnan(p[0])


def test_naive_passes_nan_and_inf_through_without_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = softmax_naive([np.inf, 0.0])
        q = softmax_naive([np.nan, 0.0])
    assert np.isnan(p[0]) and p[1] == 0.0
    assert np.all(np.isnan(q))


@given(scores=batches(-1e300, 1e300))
def test_no_function_modifies_its_input(scores) -> None:
    before = scores.copy()
    for function in (softmax, softmax_naive, log_softmax, logsumexp):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            function(scores)
    np.testing.assert_array_equal(scores, before)


@given(scores=batches(-1e4, 1e4, dtype=np.float32))
def test_float32_stays_float32(scores) -> None:
    for function in (softmax, softmax_naive, log_softmax):
        assert function(scores).dtype == np.float32
    np.testing.assert_allclose(softmax(scores).sum(axis=-1), 1.0, rtol=1e-5)


def test_integer_scores_become_float64() -> None:
    assert softmax(np.array([1, 2])).dtype == np.float64


@given(scores=batches(1e-3, 1e6))
def test_std_normalize_of_positive_scores_sums_to_one_and_ignores_scale(scores) -> None:
    q = std_normalize(scores)
    np.testing.assert_allclose(q.sum(axis=-1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(std_normalize(scores * 10), q, rtol=1e-12)


def test_std_normalize_does_not_overflow_at_huge_scores() -> None:
    np.testing.assert_allclose(std_normalize([1e308, 1e308]), [1 / 2, 1 / 2])


def test_sigmoid_is_stable_and_matches_the_formula() -> None:
    z = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-14)
    assert sigmoid([1e308, -1e308]).tolist() == [1.0, 0.0]
