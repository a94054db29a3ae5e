"""core.regularization: the lecture's w1 / w2 example, reference penalties, gradients."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from core.linear import linear_scores
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
