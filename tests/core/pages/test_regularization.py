"""core.pages.regularization: the lecture's penalties, the L1 / L2 geometry, overfitting."""

from __future__ import annotations

import numpy as np
import pytest

from core.pages.regularization import (
    CURVATURE,
    FIT_LAMBDAS,
    GEOMETRY_EXPONENTS,
    W_STAR,
    data_loss_on,
    geometry,
    level_set,
    loss_level_curve,
    penalty_of_run,
    penalty_table,
    poly_features,
    quadratic_loss,
    regularized_optimum,
    train_sweep,
)
from core.regularization import REGULARIZERS
from tests.numgrad import centred_difference

DEFAULT_DATA = dict(degree=8, noise=0.3, n_points=200, held_out=0.8, seed=0)


def test_the_lectures_example_same_score_l2_prefers_w2_l1_ties() -> None:
    table = penalty_table([1, 1, 1, 1], [[1, 0, 0, 0], [0.25, 0.25, 0.25, 0.25]], l1_ratio=0.5)
    np.testing.assert_array_equal(table.scores, [1.0, 1.0])
    np.testing.assert_allclose(table.penalties["l2"], [1.0, 4 * 0.25**2])
    np.testing.assert_allclose(table.penalties["l1"], [1.0, 1.0])
    np.testing.assert_allclose(table.penalties["elastic"], [1.0, 0.5 * 1 + 0.5 * 0.25])
    assert table.preferred("l2") == 1
    assert table.preferred("l1") is None
    assert table.preferred("elastic") == 1


def test_l1_prefers_the_sparse_vector_when_the_sum_differs() -> None:
    table = penalty_table([1, 1], [[1.0, 0.0], [0.6, 0.6]])
    assert table.preferred("l1") == 0 and table.preferred("l2") == 1


def test_penalty_table_refuses_mismatched_lengths() -> None:
    with pytest.raises(ValueError, match="same length"):
        penalty_table([1, 1, 1], [[1, 0], [0, 1]])


# ------------------------------------------------------------------ the geometry
def test_the_quadratic_loss_gradient_matches_centred_differences() -> None:
    w = np.array([0.3, -0.7])
    numeric = centred_difference(quadratic_loss, w)
    np.testing.assert_allclose(numeric, CURVATURE @ (w - W_STAR), atol=1e-7)


@pytest.mark.parametrize("reg", ["l1", "l2", "elastic"])
@pytest.mark.parametrize("lam", [0.05, 0.5, 3.0])
def test_each_path_point_is_the_regularized_optimum(reg: str, lam: float) -> None:
    """No point of a fine grid around it has a lower objective (a global check, kinks included)."""
    kwargs = {"l1_ratio": 0.5} if REGULARIZERS[reg].params else {}
    (w,) = regularized_optimum(reg, [lam], l1_ratio=0.5)
    g = np.linspace(-0.5, 0.5, 201)
    grid = w + np.stack(np.meshgrid(g, g), axis=-1).reshape(-1, 2)
    penalty = REGULARIZERS[reg].penalty
    objective = quadratic_loss(grid) + lam * np.array([penalty(v, **kwargs) for v in grid])
    best = float(quadratic_loss(w) + lam * penalty(w, **kwargs))
    assert best <= objective.min() + 1e-9


def test_l1_path_reaches_an_axis_exactly_and_stays_while_l2_never_touches_one() -> None:
    geo = geometry(0.5)
    l1, l2 = geo.paths["l1"], geo.paths["l2"]
    zero = np.flatnonzero(l1[:, 1] == 0.0)
    assert zero.size, "the L1 path never reaches w2 = 0"
    assert np.all(l1[zero[0] :, 1] == 0.0), "once 0, the L1 weight stays 0"
    assert 0.0 < geo.lams[zero[0]] < geo.lams[-1]
    assert np.all(l2 != 0.0), "an L2 weight hit 0 exactly"
    # L2 shrinks toward the origin: the norm falls with lambda.
    assert np.all(np.diff(np.linalg.norm(l2, axis=1)) < 0)
    assert geo.lams.size == GEOMETRY_EXPONENTS.size


def test_level_sets_are_the_penalty_levels_they_claim() -> None:
    for reg, kwargs in (("l1", {}), ("l2", {}), ("elastic", {"l1_ratio": 0.5})):
        curve = level_set(reg, 1.7, l1_ratio=0.5)
        values = [REGULARIZERS[reg].penalty(p, **kwargs) for p in curve]
        np.testing.assert_allclose(values, 1.7, rtol=1e-9)
    ellipse = loss_level_curve(0.8)
    np.testing.assert_allclose(quadratic_loss(ellipse), 0.8, rtol=1e-9)


def test_lambda_zero_is_the_unregularized_optimum_and_no_nan_at_huge_lambda() -> None:
    for reg in ("l1", "l2", "elastic"):
        w = regularized_optimum(reg, [0.0, 1e6], l1_ratio=0.5)
        np.testing.assert_allclose(w[0], W_STAR, atol=1e-9)
        assert np.all(np.isfinite(w)) and np.allclose(w[1], 0.0, atol=1e-5)


# ------------------------------------------------------------------ overfitting
def test_poly_features_count_and_values() -> None:
    x = np.array([[2.0, 3.0], [1.0, -1.0]])
    assert poly_features(x, 8).shape == (2, 8 * 11 // 2)
    np.testing.assert_allclose(poly_features(x, 2)[1], [1.0, -1.0, 1.0, -1.0, 1.0])
    with pytest.raises(ValueError, match="degree"):
        poly_features(x, 0)


@pytest.mark.parametrize("reg", ["l2", "l1"])
def test_held_out_accuracy_is_best_at_an_intermediate_lambda_on_the_default_data(reg) -> None:
    """The lesson: lambda = 0 overfits (training far above held-out), the largest lambda
    underfits, and the best held-out accuracy lies strictly between them."""
    runs = train_sweep(reg, **DEFAULT_DATA)
    assert runs.lams[0] == 0.0 and runs.lams.size == FIT_LAMBDAS.size
    assert runs.train_accuracy[0] - runs.held_accuracy[0] >= 0.2  # overfitting
    best = int(np.argmax(runs.held_accuracy))
    assert 0 < best < runs.lams.size - 1
    assert runs.held_accuracy[best] >= runs.held_accuracy[0] + 0.04
    assert runs.held_accuracy[best] >= runs.held_accuracy[-1] + 0.04
    assert runs.train_accuracy[-1] < runs.train_accuracy[0]  # underfitting at the end


def test_l1_gives_exact_zero_weights_and_more_of_them_as_lambda_grows() -> None:
    l1 = train_sweep("l1", **DEFAULT_DATA)
    l2 = train_sweep("l2", **DEFAULT_DATA)
    zeros_l1 = np.count_nonzero(l1.W == 0.0, axis=(1, 2))
    assert zeros_l1[0] == 0 and zeros_l1[-1] > 0.8 * l1.W[0].size
    assert np.all(np.diff(zeros_l1[1::4]) >= 0)
    assert np.count_nonzero(l2.W[1:] == 0.0) == 0


def test_histories_are_finite_and_the_reg_loss_starts_at_zero() -> None:
    runs = train_sweep("elastic", l1_ratio=0.3, **DEFAULT_DATA)
    for field in ("data_history", "reg_history", "train_loss", "held_loss"):
        assert np.all(np.isfinite(getattr(runs, field))), field
    assert np.all(runs.reg_history[0] == 0.0)  # lambda = 0: no penalty at any step
    assert np.all(runs.reg_history[:, 0] == 0.0)  # W starts at 0
    np.testing.assert_allclose(runs.data_history[:, 0], np.log(2))  # uniform at the start
    assert np.all(runs.reg_history[1:, -1] > 0.0)


def test_the_regularization_loss_does_not_depend_on_the_data() -> None:
    from core.datasets import moons

    runs = train_sweep("l2", **DEFAULT_DATA)
    X_new, y_new = moons(200, seed=1, noise=0.3)
    penalty = penalty_of_run(runs, 8)
    assert penalty == pytest.approx(float(np.sum(runs.W[8] ** 2)))
    assert data_loss_on(runs, 8, X_new, y_new) != pytest.approx(
        data_loss_on(runs, 8, runs.X_train, runs.y_train)
    )


def test_the_sweep_is_cached_by_its_inputs_and_read_only() -> None:
    first = train_sweep("l2", **DEFAULT_DATA)
    assert train_sweep("l2", **DEFAULT_DATA) is first
    assert not first.W.flags.writeable
    assert train_sweep("l2", **{**DEFAULT_DATA, "seed": 1}) is not first


def test_unknown_penalty_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown penalty"):
        train_sweep("l3", **DEFAULT_DATA)
