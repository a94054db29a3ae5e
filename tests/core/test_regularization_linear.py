"""core.regularization and core.linear: the lecture's w1 / w2 example, gradients, the bias trick."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from core.linear import bias_trick, linear_scores
from core.regularization import REGULARIZERS, l1_grad, l1_penalty, l2_grad, l2_penalty
from tests.numgrad import centred_difference

X = [1.0, 1.0, 1.0, 1.0]
W1 = [1.0, 0.0, 0.0, 0.0]
W2 = [0.25, 0.25, 0.25, 0.25]

REFERENCE = [
    # (id, function, weights, expected)
    ("l2-w1", l2_penalty, W1, 1.0**2 + 0.0**2 + 0.0**2 + 0.0**2),
    ("l2-w2", l2_penalty, W2, 4 * 0.25**2),
    ("l1-w1", l1_penalty, W1, abs(1.0) + 0 + 0 + 0),
    ("l1-w2", l1_penalty, W2, 4 * abs(0.25)),
    ("l2-matrix", l2_penalty, [[1.0, -2.0], [0.5, 0.0]], 1 + 4 + 0.25 + 0),
    ("l1-matrix", l1_penalty, [[1.0, -2.0], [0.5, 0.0]], 1 + 2 + 0.5 + 0),
]


@pytest.mark.parametrize(
    ("penalty", "weights", "expected"),
    [case[1:] for case in REFERENCE],
    ids=[case[0] for case in REFERENCE],
)
def test_reference_penalty(penalty, weights, expected: float) -> None:
    assert float(penalty(weights)) == pytest.approx(expected, rel=1e-15)


def test_lecture_w1_and_w2_score_the_same_but_l2_prefers_w2() -> None:
    scores = linear_scores([W1, W2], X)
    np.testing.assert_array_equal(scores, [1 * 1 + 0 + 0 + 0, 4 * (0.25 * 1)])
    assert l2_penalty(W2) < l2_penalty(W1)
    assert l1_penalty(W2) == l1_penalty(W1)


def test_hand_computed_penalty_gradients() -> None:
    np.testing.assert_array_equal(l1_grad([2.0, -3.0, 0.0]), [1.0, -1.0, 0.0])
    np.testing.assert_array_equal(l2_grad([[1.0, -0.5]]), [[2 * 1.0, 2 * -0.5]])


def _weights_away_from_zero(seed: int, shape: tuple[int, ...]) -> np.ndarray:
    """Random weights at least 1e-3 from 0, where |w| has its kink."""
    w = np.random.default_rng(seed).normal(size=shape)
    return np.where(np.abs(w) < 1e-3, 0.5, w)


@pytest.mark.parametrize("shape", [(4,), (3, 4), (10, 3)], ids=["D4", "K3-D4", "K10-D3"])
@pytest.mark.parametrize("entry", REGULARIZERS.values(), ids=list(REGULARIZERS))
def test_penalty_gradient_matches_centred_difference(entry, shape) -> None:
    for seed in range(3):
        w = _weights_away_from_zero(seed, shape)
        numeric = centred_difference(entry.penalty, w)
        np.testing.assert_allclose(entry.grad(w), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(
    ("name", "penalty", "grad"),
    [("l1", l1_penalty, l1_grad), ("l2", l2_penalty, l2_grad)],
    ids=["l1", "l2"],
)
def test_registry_lists_the_named_functions(name: str, penalty, grad) -> None:
    entry = REGULARIZERS[name]
    assert (entry.penalty, entry.grad) == (penalty, grad)
    assert entry.formula.startswith("R(W)")


weights = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=1, max_dims=2, max_side=6),
    elements=st.floats(-1e6, 1e6),
)


@given(w=weights, c=st.floats(-100, 100))
def test_penalties_are_nonnegative_and_homogeneous(w, c: float) -> None:
    assert l1_penalty(w) >= 0 and l2_penalty(w) >= 0
    assert float(l1_penalty(c * w)) == pytest.approx(abs(c) * float(l1_penalty(w)), rel=1e-9)
    assert float(l2_penalty(c * w)) == pytest.approx(c * c * float(l2_penalty(w)), rel=1e-9)


@given(w=weights)
def test_gradients_have_the_shape_of_the_weights(w) -> None:
    for entry in REGULARIZERS.values():
        assert entry.grad(w).shape == w.shape


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
