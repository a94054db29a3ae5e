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


# ------------------------------------------------------------------ elastic net and proximal steps
@pytest.mark.parametrize("rho", [0.0, 0.3, 1.0], ids=["rho0", "rho0.3", "rho1"])
def test_elastic_net_is_the_mix_of_l1_and_l2(rho: float) -> None:
    entry = REGULARIZERS["elastic"]
    w = np.array([[1.0, -2.0], [0.5, 0.0]])
    assert entry.penalty(w, l1_ratio=rho) == pytest.approx(
        rho * l1_penalty(w) + (1 - rho) * l2_penalty(w)
    )
    assert entry.params == ("l1_ratio",)


@pytest.mark.parametrize("rho", [0.0, 0.5, 1.0])
def test_elastic_net_gradient_matches_centred_differences_away_from_zero(rho: float) -> None:
    w = np.array([[0.7, -1.3], [0.4, -0.2]])
    entry = REGULARIZERS["elastic"]
    numeric = centred_difference(lambda v: entry.penalty(v, l1_ratio=rho), w)
    np.testing.assert_allclose(entry.grad(w, l1_ratio=rho), numeric, atol=1e-7)


def test_elastic_net_refuses_a_ratio_outside_0_1() -> None:
    with pytest.raises(ValueError, match="L1 ratio"):
        REGULARIZERS["elastic"].penalty([1.0], l1_ratio=1.5)


@pytest.mark.parametrize("reg", ["l1", "l2", "elastic"])
def test_prox_is_the_minimizer_of_the_penalised_distance(reg: str) -> None:
    """prox_t(v) = argmin_w 1/2 ||w - v||^2 + t R(w): checked against a fine 1-D grid search."""
    entry = REGULARIZERS[reg]
    kwargs = {"l1_ratio": 0.4} if entry.params else {}
    grid = np.linspace(-4, 4, 160001)
    for v in (-2.5, -0.3, 0.0, 0.2, 3.0):
        values = 0.5 * (grid - v) ** 2 + 0.7 * _penalty_1d(reg, grid)
        best = grid[np.argmin(values)]
        assert entry.prox(np.array([v]), 0.7, **kwargs)[0] == pytest.approx(best, abs=1e-4)


def _penalty_1d(reg: str, w: np.ndarray) -> np.ndarray:
    """Each penalty of one weight, vectorized over a grid of weights."""
    return {"l1": np.abs(w), "l2": w**2, "elastic": 0.4 * np.abs(w) + 0.6 * w**2}[reg]


def test_l1_prox_gives_exact_zeros_and_l2_prox_never_does() -> None:
    w = np.array([0.05, -0.08, 0.5, -2.0])
    assert np.count_nonzero(REGULARIZERS["l1"].prox(w, 0.1) == 0.0) == 2
    assert np.count_nonzero(REGULARIZERS["l2"].prox(w, 0.1) == 0.0) == 0
