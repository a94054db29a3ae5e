"""core.linear: linear scores by hand, batches, the bias trick."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from core.linear import bias_trick, linear_scores


def test_linear_scores_hand_computed() -> None:
    W = [[1.0, 2.0], [3.0, -1.0], [0.0, 0.5]]
    x = [2.0, 4.0]
    b = [0.5, -1.0, 0.0]
    expected = [1 * 2 + 2 * 4 + 0.5, 3 * 2 + (-1) * 4 - 1.0, 0 * 2 + 0.5 * 4 + 0.0]
    np.testing.assert_allclose(linear_scores(W, x, b), expected, rtol=1e-15)
    np.testing.assert_allclose(linear_scores(W, [x, x]), [np.array(expected) - b] * 2)


@st.composite
def linear_problems(draw):
    """``W (K, D)``, ``b (K,)`` and a batch ``X (N, D)`` of moderate numbers."""
    k, d, n = draw(st.integers(2, 5)), draw(st.integers(1, 5)), draw(st.integers(1, 4))
    elements = st.floats(-1e3, 1e3)
    W = draw(hnp.arrays(np.float64, (k, d), elements=elements))
    b = draw(hnp.arrays(np.float64, (k,), elements=elements))
    X = draw(hnp.arrays(np.float64, (n, d), elements=elements))
    return W, b, X


@given(problem=linear_problems())
def test_bias_trick_gives_the_same_scores(problem) -> None:
    W, b, X = problem
    w_aug, x_aug = bias_trick(W, b, X)
    assert w_aug.shape == (W.shape[0], W.shape[1] + 1)
    assert x_aug.shape == (X.shape[0], X.shape[1] + 1)
    np.testing.assert_array_equal(w_aug[:, -1], b)
    np.testing.assert_array_equal(x_aug[:, -1], 1.0)
    expected = linear_scores(W, X, b)
    np.testing.assert_allclose(linear_scores(w_aug, x_aug), expected, rtol=1e-9, atol=1e-6)
    w_one, x_one = bias_trick(W, b, X[0])
    np.testing.assert_allclose(linear_scores(w_one, x_one), expected[0], rtol=1e-9, atol=1e-6)


@given(problem=linear_problems())
def test_batch_scores_equal_per_input_scores(problem) -> None:
    W, b, X = problem
    batch = linear_scores(W, X, b)
    assert batch.shape == (X.shape[0], W.shape[0])
    for i, x in enumerate(X):
        np.testing.assert_allclose(linear_scores(W, x, b), batch[i], rtol=1e-12, atol=1e-9)
