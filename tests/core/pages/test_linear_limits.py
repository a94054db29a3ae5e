"""core.pages.linear_limits: the lifts, the trained classifiers before and after the lift,
the plane in R³ and the curve it gives back in R²."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.datasets import DATASETS
from core.pages.linear_limits import (
    DATASET_IDS,
    LIFTS,
    MATCHED,
    STEPS,
    LinearFit,
    accuracy,
    classify_point,
    compare,
    decision_grid,
    fit_linear,
    lift,
    plane_surface,
)
from core.training import gradient_descent

POINTS = np.array([[1.0, 2.0], [-3.0, 0.5], [0.0, -1.5]])


@pytest.mark.parametrize(
    ("feature", "expected"),
    [("r2", [5.0, 9.25, 2.25]), ("prod", [2.0, -1.5, 0.0]), ("sq1", [1.0, 9.0, 0.0]),
     ("sq2", [4.0, 0.25, 2.25])],
    ids=["x1²+x2²", "x1·x2", "x1²", "x2²"],
)  # fmt: skip
def test_lift_appends_the_feature_by_hand(feature: str, expected: list[float]) -> None:
    lifted = lift(POINTS, feature)
    assert lifted.shape == (3, 3)
    np.testing.assert_array_equal(lifted[:, :2], POINTS)
    np.testing.assert_allclose(lifted[:, 2], expected)


def test_lift_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="unknown feature 'cube'"):
        lift(POINTS, "cube")
    with pytest.raises(ValueError, match=r"shape \(N, 2\)"):
        lift(np.ones((4, 3)), "r2")
    with pytest.raises(ValueError, match="NaN or infinity"):
        lift([[np.nan, 1.0]], "r2")


# ------------------------------------------------------------------ the promise
@pytest.mark.parametrize("dataset", DATASET_IDS)
@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_the_matched_lift_makes_noiseless_data_separable(dataset: str, seed: int) -> None:
    """No line separates circles or XOR (at best about 60% correct); after the lift
    a plane classifies at least 99% of the noiseless points correctly."""
    comp = compare(dataset, 200, 0.0, seed, "auto")
    assert comp.feature == MATCHED[dataset]
    assert comp.accuracy_before <= 0.7
    assert comp.accuracy_after >= 0.99


def test_a_lift_that_does_not_fit_the_data_does_not_help() -> None:
    """x1² says nothing about XOR's class (its sign pattern), so the plane is no better."""
    comp = compare("xor", 400, 0.0, 0, "sq1")
    assert comp.accuracy_after <= 0.7


def test_noise_costs_accuracy_even_after_the_lift() -> None:
    clean = compare("circles", 400, 0.0, 0, "auto").accuracy_after
    noisy = compare("circles", 400, 0.25, 0, "auto").accuracy_after
    assert clean == 1.0 and noisy < 0.95


# ------------------------------------------------------------------ training
def test_fit_is_gradient_descent_on_standardized_features_mapped_back() -> None:
    X, y = DATASETS["circles"](120, seed=3, noise=0.05)
    F = lift(X, "r2")
    fit = fit_linear(F, y)
    mu, sigma = F.mean(axis=0), F.std(axis=0)
    W_z, b_z, history = gradient_descent(
        np.zeros((2, 3)), np.zeros(2), (F - mu) / sigma, y, steps=STEPS, learning_rate=3.0,
        loss="ce",
    )  # fmt: skip
    np.testing.assert_allclose(F @ fit.W.T + fit.b, ((F - mu) / sigma) @ W_z.T + b_z)
    np.testing.assert_allclose(fit.history, history)
    assert fit.history[0] == pytest.approx(np.log(2.0))  # W = 0: both classes 1/2
    assert fit.history[-1] < 0.2


def test_decision_is_the_score_difference_and_predict_its_sign() -> None:
    fit = LinearFit(np.array([[1.0, 0.0], [0.0, 2.0]]), np.array([0.5, -1.0]), np.zeros(1))
    F = np.array([[1.0, 1.0], [3.0, 0.5]])
    scores = F @ fit.W.T + fit.b
    np.testing.assert_allclose(fit.decision(F), scores[:, 1] - scores[:, 0])
    np.testing.assert_array_equal(fit.predict(F), scores.argmax(axis=1))
    assert accuracy(fit, F, [0, 0]) == 1.0 and accuracy(fit, F, [1, 0]) == 0.5


def test_a_constant_feature_is_left_as_it_is() -> None:
    F = np.column_stack([np.linspace(-1, 1, 10), np.ones(10)])
    y = (F[:, 0] > 0).astype(int)
    fit = fit_linear(F, y)
    assert np.all(np.isfinite(fit.W)) and accuracy(fit, F, y) == 1.0


def test_compare_is_cached_by_its_inputs() -> None:
    first = compare("xor", 100, 0.05, 7, "prod")
    assert compare("xor", 100, 0.05, 7, "prod") is first
    assert compare("xor", 100, 0.05, 8, "prod") is not first
    assert not first.X.flags.writeable  # shared by every session: read-only


def test_compare_refuses_an_unknown_dataset_or_too_few_points() -> None:
    with pytest.raises(ValueError, match="unknown dataset 'moons'; choose one of circles, xor"):
        compare("moons", 100, 0.1, 0, "auto")
    with pytest.raises(ValueError, match="at least 2 points"):
        compare("circles", 1, 0.1, 0, "auto")


# ------------------------------------------------------------------ grids, curve, plane
def test_decision_grid_rows_follow_y() -> None:
    comp = compare("circles", 200, 0.05, 0, "r2")
    xs, ys = np.linspace(-1, 1, 5), np.linspace(-2, 2, 3)
    grid = decision_grid(comp.after, xs, ys, "r2")
    assert grid.shape == (3, 5)
    expected = comp.after.decision(lift(np.array([[xs[4], ys[0]]]), "r2"))[0]
    assert grid[0, 4] == pytest.approx(expected)
    line = decision_grid(comp.before, xs, ys)
    assert line[2, 1] == pytest.approx(comp.before.decision(np.array([[xs[1], ys[2]]]))[0])


def test_the_plane_read_back_for_the_circles_is_a_circle_between_them() -> None:
    """d = a1 x1 + a2 x2 + a3 (x1² + x2²) + c = 0 is a circle: centre -(a1, a2) / (2 a3),
    radius² = (a1² + a2²) / (4 a3²) - c / a3. It lies between the radii 0.5 and 1."""
    comp = compare("circles", 400, 0.0, 0, "r2")
    a1, a2, a3 = comp.after.normal
    c = comp.after.offset
    centre = -np.array([a1, a2]) / (2 * a3)
    radius = np.sqrt((a1**2 + a2**2) / (4 * a3**2) - c / a3)
    assert np.hypot(*centre) < 0.1
    assert 0.55 < radius < 0.95
    t = np.linspace(0, 2 * np.pi, 50)
    on_curve = centre + radius * np.column_stack([np.cos(t), np.sin(t)])
    np.testing.assert_allclose(comp.after.decision(lift(on_curve, "r2")), 0.0, atol=1e-9)


BOX = ((-1.5, 1.5), (-1.5, 1.5), (-0.2, 2.5))
finite = st.floats(-5.0, 5.0, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.tuples(finite, finite, finite), finite)
def test_plane_surface_points_lie_on_the_plane_inside_the_box(normal, offset) -> None:
    n = np.array(normal)
    x1, x2, z = plane_surface(n, offset, BOX, points=9)
    assert x1.shape == x2.shape == z.shape == (9, 9)
    p = np.stack([x1, x2, z], axis=-1)
    kept = np.all(np.isfinite(p), axis=-1)
    if not np.any(n):
        assert not kept.any()
        return
    np.testing.assert_allclose(p[kept] @ n + offset, 0.0, atol=1e-9 * (1 + abs(offset)))
    lows, highs = np.array(BOX).T
    assert np.all((p[kept] >= lows - 1e-12) & (p[kept] <= highs + 1e-12))


def test_a_vertical_plane_is_drawn_too() -> None:
    """The lift ignored (normal along x1): the plane x1 = 0.5 stands upright."""
    x1, x2, z = plane_surface([2.0, 0.0, 0.0], -1.0, BOX, points=5)
    np.testing.assert_allclose(x1, 0.5)
    np.testing.assert_allclose(x2[:, 0], -1.5)
    np.testing.assert_allclose(z[-1], 2.5)


def test_classify_point_lifts_and_scores_one_point() -> None:
    comp = compare("xor", 200, 0.05, 0, "prod")
    report = classify_point(comp, [0.5, -0.5])
    np.testing.assert_allclose(report.lifted, [0.5, -0.5, -0.25])
    assert report.score_after == pytest.approx(comp.after.decision(report.lifted[None])[0])
    assert report.score_before == pytest.approx(comp.before.decision(np.array([[0.5, -0.5]]))[0])
    assert report.class_after == 1  # opposite signs
    assert classify_point(comp, [0.5, 0.5]).class_after == 0
    with pytest.raises(ValueError, match=r"shape \(N, 2\)"):
        classify_point(comp, [1.0, 2.0, 3.0])


@pytest.mark.parametrize("feature", sorted(LIFTS))
@pytest.mark.parametrize("dataset", DATASET_IDS)
def test_training_lowers_the_loss_for_every_lift(dataset: str, feature: str) -> None:
    comp = compare(dataset, 200, 0.1, 0, feature)
    for fit in (comp.before, comp.after):
        assert fit.history.shape == (STEPS + 1,)
        assert fit.history[-1] < fit.history[0]
        assert np.all(np.isfinite(fit.W))
