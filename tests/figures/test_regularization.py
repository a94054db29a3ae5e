"""figures.regularization: trace types and counts, axis titles, and the numbers a student
reads off each chart (bar heights, optima, λ markers, region colours, exact zeros)."""

from __future__ import annotations

import numpy as np
import pytest

from core.pages.regularization import (
    FIT_LAMBDAS,
    GEOMETRY_EXPONENTS,
    GEOMETRY_GRID,
    PENALTIES,
    W_STAR,
    geometry,
    geometry_play,
    penalty_table,
)
from figures.regularization import (
    PENALTY_COLORS,
    coefficient_paths,
    fit_regions,
    geometry_figure,
    lambda_sweep,
    loss_history,
    penalty_bars,
    weight_histogram,
)
from figures.theme import class_color

LECTURE_X = [1.0, 1.0, 1.0, 1.0]
LECTURE_W = [[1.0, 0.0, 0.0, 0.0], [0.25, 0.25, 0.25, 0.25]]


def axis_titles(fig) -> tuple[str, str]:
    return fig.layout.xaxis.title.text, fig.layout.yaxis.title.text


# ------------------------------------------------------------------ penalty bars
@pytest.fixture(scope="module")
def lecture_penalties():
    table = penalty_table(LECTURE_X, LECTURE_W, l1_ratio=0.5)
    return tuple((reg, table.penalties[reg]) for reg in PENALTIES)


def test_penalty_bars_have_one_coloured_group_per_penalty(lecture_penalties) -> None:
    fig = penalty_bars(("w1", "w2"), lecture_penalties)
    assert [t.type for t in fig.data] == ["bar"] * 3
    assert [t.name for t in fig.data] == ["L1", "L2", "elastic net"]
    assert [t.marker.color for t in fig.data] == [PENALTY_COLORS[r] for r in PENALTIES]
    assert all(list(t.x) == ["w1", "w2"] for t in fig.data)
    assert fig.layout.barmode == "group"
    assert axis_titles(fig)[1] == "R(w)"
    assert fig.layout.title.text == "Penalties R(w)"


def test_penalty_bar_heights_and_labels_are_the_penalties_passed(lecture_penalties) -> None:
    fig = penalty_bars(("w1", "w2"), lecture_penalties)
    # the lecture: L1 ties at 1, L2 is 1 vs 0.25, the elastic net (ρ = 0.5) 1 vs 0.625
    expected = {"L1": [1.0, 1.0], "L2": [1.0, 0.25], "elastic net": [1.0, 0.625]}
    for trace in fig.data:
        np.testing.assert_allclose(trace.y, expected[trace.name])
    assert [list(t.text) for t in fig.data] == [["1", "1"], ["1", "0.25"], ["1", "0.625"]]
    low, high = fig.layout.yaxis.range
    assert low == 0 and high == pytest.approx(1.25)  # room above the tallest bar for its label


def test_penalty_bars_of_zero_weights_keep_a_visible_axis() -> None:
    zeros = tuple((reg, np.zeros(2)) for reg in PENALTIES)
    fig = penalty_bars(("w1", "w2"), zeros)
    assert tuple(fig.layout.yaxis.range) == (0, 1)
    assert all(list(t.y) == [0.0, 0.0] for t in fig.data)


# ------------------------------------------------------------------ geometry
@pytest.fixture(scope="module")
def geo():
    return geometry(0.5)


def geometry_at(geo, index: int, rho: float = 0.5):
    """The section's call of geometry_figure with the slider at path point ``index``."""
    play = geometry_play(rho, float(GEOMETRY_EXPONENTS[index]))
    paths = tuple((reg, geo.paths[reg]) for reg in PENALTIES)
    moving = tuple((reg, play.optima[reg], play.levels[reg]) for reg in PENALTIES)
    return geometry_figure(
        GEOMETRY_GRID, geo.loss_grid, paths, (play.lams, moving), play.index, W_STAR
    )


def test_geometry_traces_contours_unit_balls_paths_and_optima(geo) -> None:
    fig = geometry_at(geo, 50)
    # contours, circle, diamond, w*, 3 paths, then (level set, optimum) per penalty
    assert [t.type for t in fig.data] == ["contour"] + ["scatter"] * 12
    names = [t.name for t in fig.data]
    assert names[4:7] == ["L1 path", "L2 path", "elastic net path"]
    assert axis_titles(fig) == ("weight w₁", "weight w₂")
    assert fig.layout.yaxis.scaleanchor == "x"  # circles look round, diamonds square
    assert tuple(fig.layout.xaxis.range) == (GEOMETRY_GRID[0], GEOMETRY_GRID[-1])
    contour = fig.data[0]
    np.testing.assert_allclose(contour.z, geo.loss_grid, rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(contour.x, GEOMETRY_GRID)
    star = fig.data[3]
    assert (star.x[0], star.y[0]) == (W_STAR[0], W_STAR[1])
    assert list(star.text) == ["w* (λ = 0)"]


def test_geometry_has_one_path_per_penalty_and_a_marker_at_each_optimum(geo) -> None:
    index = 60
    fig = geometry_at(geo, index)
    for k, reg in enumerate(PENALTIES):
        path = fig.data[4 + k]
        np.testing.assert_array_equal(path.x, geo.paths[reg][:, 0])
        np.testing.assert_array_equal(path.y, geo.paths[reg][:, 1])
        assert path.line.color == PENALTY_COLORS[reg]
        level, marker = fig.data[7 + 2 * k], fig.data[8 + 2 * k]
        assert level.line.dash == "dash" and level.line.color == PENALTY_COLORS[reg]
        assert marker.mode == "markers" and marker.marker.color == PENALTY_COLORS[reg]
        assert (marker.x[0], marker.y[0]) == tuple(geo.paths[reg][index])
        # the level set passes through the optimum it is drawn for
        gap = np.min(
            np.linalg.norm(np.column_stack([level.x, level.y]) - marker_xy(marker), axis=1)
        )
        assert gap < 0.06
    bar = fig.layout.sliders[0]  # the Play's scrub bar names λ (the title cannot follow it)
    assert bar.steps[bar.active].label == f"{geo.lams[index]:.3g}"


def marker_xy(marker) -> np.ndarray:
    return np.array([marker.x[0], marker.y[0]])


def test_geometry_markers_move_with_lambda(geo) -> None:
    low, high = geometry_at(geo, 10), geometry_at(geo, 70)
    for k in range(3):
        assert not np.allclose(marker_xy(low.data[8 + 2 * k]), marker_xy(high.data[8 + 2 * k]))
    assert high.data[8].y[0] == 0.0  # L1's optimum has reached the w₁ axis at λ = 10^0.5


# ------------------------------------------------------------------ coefficient paths
def test_coefficient_paths_two_lines_per_penalty_on_a_log_axis(geo) -> None:
    paths = tuple((reg, geo.paths[reg]) for reg in PENALTIES)
    fig = coefficient_paths(geo.lams, paths)
    assert [t.type for t in fig.data] == ["scatter"] * 6
    assert [t.name for t in fig.data] == [
        "L1", "L1", "L2", "L2", "elastic net", "elastic net",
    ]  # fmt: skip
    # one legend entry per penalty (its colour); the title says solid w₁, dashed w₂
    assert [t.showlegend for t in fig.data] == [True, False] * 3
    assert "solid w₁, dashed w₂" in fig.layout.title.text  # the dash meaning, once
    for k, reg in enumerate(PENALTIES):
        for j in (0, 1):
            trace = fig.data[2 * k + j]
            np.testing.assert_array_equal(trace.x, geo.lams)
            np.testing.assert_array_equal(trace.y, geo.paths[reg][:, j])
            assert trace.line.color == PENALTY_COLORS[reg]
            assert trace.line.dash == ("solid", "dash")[j]
    assert axis_titles(fig) == ("λ", "weight")
    assert fig.layout.xaxis.type == "log"
    np.testing.assert_allclose(fig.layout.xaxis.tickvals, [1e-3, 1e-2, 1e-1, 1, 10])
    assert list(fig.layout.xaxis.ticktext) == ["10⁻³", "10⁻²", "0.1", "1", "10"]
    assert fig.layout.xaxis.tickangle == 0  # short labels, never rotated
    assert fig.layout.shapes == ()  # no λ marker: the chart stays still while λ moves


# ------------------------------------------------------------------ decision regions
@pytest.fixture(scope="module")
def regions_input():
    rng = np.random.default_rng(3)
    xs, ys = np.linspace(-2, 3, 6), np.linspace(-2, 3, 5)
    regions = rng.integers(0, 2, size=(5, 6))
    train = (rng.normal(size=(7, 2)), np.array([0, 1, 1, 0, 1, 0, 0]))
    held = (rng.normal(size=(5, 2)), np.array([1, 0, 1, 1, 0]))
    return xs, ys, regions, train, held


def test_fit_regions_heatmap_is_the_regions_passed(regions_input) -> None:
    xs, ys, regions, train, held = regions_input
    fig = fit_regions(xs, ys, regions, train, held, "Degree 8, L2, λ = 0.1")
    assert [t.type for t in fig.data] == ["heatmap"] + ["scatter"] * 4
    heatmap = fig.data[0]
    np.testing.assert_array_equal(heatmap.z, regions)
    np.testing.assert_array_equal(heatmap.x, xs)
    np.testing.assert_array_equal(heatmap.y, ys)
    # class 0 below 0.5, class 1 above: each class in its own colour
    assert (heatmap.zmin, heatmap.zmax) == (-0.5, 1.5)
    stops = [tuple(s) for s in heatmap.colorscale]
    assert stops[0][1] == stops[1][1] == class_color(0)
    assert stops[2][1] == stops[3][1] == class_color(1)
    assert axis_titles(fig) == ("x₁", "x₂")
    assert fig.layout.title.text == "Degree 8, L2, λ = 0.1"
    assert tuple(fig.layout.xaxis.range) == (-2, 3)


def test_fit_regions_training_points_filled_held_out_points_open_rings(regions_input) -> None:
    xs, ys, regions, train, held = regions_input
    fig = fit_regions(xs, ys, regions, train, held, "t")
    colours = np.array([class_color(0), class_color(1)])
    for trace, (X, y), symbol in (
        (fig.data[1], train, "circle"),
        (fig.data[3], held, "circle-open"),
    ):
        np.testing.assert_array_equal(trace.x, X[:, 0])
        np.testing.assert_array_equal(trace.y, X[:, 1])
        assert trace.marker.symbol == symbol
        # an open ring is drawn in marker.color: each ring in its true class's colour
        assert list(trace.marker.color) == list(colours[y])
    assert fig.data[3].marker.line.color is None  # no white rim that would hide the ring
    # The legend shows grey proxies (the real markers take each class's colour).
    legend = [t for t in fig.data if t.showlegend is not False and t.type == "scatter"]
    assert [t.name for t in legend] == ["training (filled)", "held-out (ring)"]
    assert [t.marker.symbol for t in legend] == ["circle", "circle-open"]
    assert all(t.marker.color == "#555555" and list(t.x) == [None] for t in legend)


# ------------------------------------------------------------------ loss history
def test_loss_history_shows_data_penalty_and_their_sum() -> None:
    steps = np.arange(5) * 10
    data, reg = np.array([0.7, 0.5, 0.4, 0.35, 0.3]), np.array([0.0, 0.1, 0.15, 0.17, 0.18])
    fig = loss_history(steps, data, reg, 0.1)
    assert [t.type for t in fig.data] == ["scatter"] * 3
    assert [t.name for t in fig.data] == ["data loss", "λ R(W)", "total"]
    np.testing.assert_array_equal(fig.data[0].y, data)
    np.testing.assert_array_equal(fig.data[1].y, reg)
    np.testing.assert_allclose(fig.data[2].y, data + reg)
    # a log step axis (the change happens early); step 0 is drawn at 1
    assert all(list(t.x) == [1, 10, 20, 30, 40] for t in fig.data)
    assert fig.layout.xaxis.type == "log"
    assert axis_titles(fig) == ("gradient step (log scale)", "loss")
    assert fig.layout.title.text == "Training, λ = 0.1"


# ------------------------------------------------------------------ weight histogram
def test_weight_histogram_counts_the_exact_zeros_in_their_own_bar() -> None:
    weights = np.array([[0.0, 0.5, -0.25, 0.0], [0.0, 1e-9, -1.0, 0.75]])  # 3 zeros, 1e-9 is not
    fig = weight_histogram(weights, "L1")
    nonzero, zero = fig.data
    assert nonzero.type == zero.type == "bar"
    assert list(zero.y) == [3] and list(zero.x) == [0.0]
    assert zero.name == "exactly 0: 3" and list(zero.text) == ["3"]
    assert sum(nonzero.y) == 5  # every nonzero weight in some bin, none of the zeros
    # the bins span the largest |w| on both sides
    assert min(nonzero.x) > -1.0 and max(nonzero.x) < 1.0
    assert min(nonzero.x) < -0.9 and max(nonzero.x) > 0.9
    assert axis_titles(fig) == ("weight value", "how many")
    assert fig.layout.title.text == "The 8 learned weights (L1)"
    assert fig.layout.barmode == "overlay"


def test_weight_histogram_of_all_zero_weights() -> None:
    fig = weight_histogram(np.zeros((2, 9)), "L1")
    nonzero, zero = fig.data
    assert list(zero.y) == [18] and sum(nonzero.y) == 0
    assert np.all(np.isfinite(nonzero.x))


def test_weight_histogram_without_zeros_shows_a_zero_count() -> None:
    fig = weight_histogram(np.linspace(-1, 1, 10), "L2")  # even count: 0 is not among them
    assert list(fig.data[1].y) == [0]
    assert sum(fig.data[0].y) == 10


# ------------------------------------------------------------------ λ sweep
@pytest.fixture(scope="module")
def sweep():
    rng = np.random.default_rng(0)
    train = np.clip(np.linspace(1.0, 0.6, FIT_LAMBDAS.size) + rng.normal(0, 0.01, 22), 0, 1)
    held = np.array([0.7] + list(np.linspace(0.70, 0.76, 12)) + list(np.linspace(0.74, 0.5, 9)))
    return FIT_LAMBDAS, train, held


def test_lambda_sweep_lines_reference_lines_and_best_star(sweep) -> None:
    lams, train, held = sweep
    lam = float(lams[5])
    fig = lambda_sweep(lams, train, held, lam)
    assert [t.type for t in fig.data] == ["scatter"] * 5
    names = [t.name for t in fig.data[:4]]
    assert names == ["training", "held-out", "training, λ = 0", "held-out, λ = 0"]
    np.testing.assert_array_equal(fig.data[0].x, lams[1:])  # λ = 0 has no place on a log axis
    np.testing.assert_allclose(fig.data[0].y, 100 * train[1:])
    np.testing.assert_allclose(fig.data[1].y, 100 * held[1:])
    # λ = 0's accuracies as flat dotted lines across the whole λ range
    for trace, acc in ((fig.data[2], train[0]), (fig.data[3], held[0])):
        np.testing.assert_allclose(trace.y, [100 * acc, 100 * acc])
        assert tuple(trace.x) == (lams[1], lams[-1])
        assert trace.line.dash == "dot"
    star = fig.data[4]
    best = 1 + int(np.argmax(held[1:]))
    assert star.marker.symbol == "star"
    assert (star.x[0], star.y[0]) == (lams[best], pytest.approx(100 * held[best]))
    assert list(star.text) == [f"best: λ = {lams[best]:.3g}"]
    assert axis_titles(fig) == ("λ", "accuracy (%)")
    assert fig.layout.xaxis.type == "log"
    assert list(fig.layout.xaxis.ticktext) == ["10⁻⁴", "10⁻³", "10⁻²", "0.1", "1", "10"]
    (shape,) = fig.layout.shapes
    assert shape.x0 == shape.x1 == pytest.approx(lam)
    (note,) = fig.layout.annotations
    assert note.x == pytest.approx(np.log10(lam))


def test_lambda_sweep_at_lambda_zero_draws_no_marker_line(sweep) -> None:
    lams, train, held = sweep
    fig = lambda_sweep(lams, train, held, 0.0)
    assert not fig.layout.shapes and not fig.layout.annotations
    assert len(fig.data) == 5


# ------------------------------------------------------------------ memoization
def test_builders_return_the_same_figure_for_equal_inputs_only(
    lecture_penalties, geo, regions_input, sweep
) -> None:
    copy = tuple((reg, v.copy()) for reg, v in lecture_penalties)
    bars = penalty_bars(("w1", "w2"), lecture_penalties)
    assert penalty_bars(("w1", "w2"), copy) is bars
    assert penalty_bars(("a", "b"), lecture_penalties) is not bars

    assert geometry_at(geo, 30) is geometry_at(geo, 30)
    assert geometry_at(geo, 31) is not geometry_at(geo, 30)

    paths = tuple((reg, geo.paths[reg]) for reg in PENALTIES)
    copied = tuple((reg, p.copy()) for reg, p in paths)
    first = coefficient_paths(geo.lams, paths)
    assert coefficient_paths(geo.lams.copy(), copied) is first
    assert coefficient_paths(geo.lams[::-1].copy(), copied) is not first

    xs, ys, regions, train, held = regions_input
    fig = fit_regions(xs, ys, regions, train, held, "t")
    assert fit_regions(xs.copy(), ys, regions.copy(), train, held, "t") is fig
    assert fit_regions(xs, ys, 1 - regions, train, held, "t") is not fig

    lams, acc_train, acc_held = sweep
    fig = lambda_sweep(lams, acc_train, acc_held, 0.1)
    assert lambda_sweep(lams.copy(), acc_train.copy(), acc_held.copy(), 0.1) is fig
    assert lambda_sweep(lams, acc_train, acc_held, 1.0) is not fig

    steps, data, reg = np.arange(3), np.ones(3), np.zeros(3)
    assert loss_history(steps, data, reg, 0.1) is loss_history(steps.copy(), data, reg, 0.1)
    assert loss_history(steps, data, reg, 0.1) is not loss_history(steps, data, reg, 0.2)

    weights = np.array([0.0, 1.0, -2.0])
    assert weight_histogram(weights, "L1") is weight_histogram(weights.copy(), "L1")
    assert weight_histogram(weights, "L1") is not weight_histogram(weights, "L2")
