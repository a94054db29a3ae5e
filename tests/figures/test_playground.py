"""figures.playground: the regions chart, the training curves and the two-run comparison carry
the numbers core computed, in the class colours, with readable labels and a bounded size."""

from __future__ import annotations

import numpy as np
import pytest

from core.datasets import blobs
from core.pages.playground import MAX_STEPS, Settings, extent, make_data, regions, train
from figures.playground import (
    CURVES_HEIGHT,
    HELD_SYMBOL,
    HIGHLIGHT,
    MAX_CURVE_POINTS,
    compare_figure,
    curves_figure,
    regions_figure,
)
from figures.theme import CLASS_COLORS, class_color

NAMES = ("red", "green", "blue")
MAX_JSON = 300 * 1024  # bytes a figure may send to the browser


def _data(n: int, held: int = 0, seed: int = 0):
    X, y = blobs(n + held, seed=seed, noise=0.8)
    return make_data(X[:n], y[:n], X[n:], y[n:]) if held else make_data(X, y)


def _regions(n=60, held=0, grid=31, rows=27, highlight=None, seed=0):
    data = _data(n, held, seed)
    run = train(Settings(loss="ce", learning_rate=0.2), data, 30)
    x0, x1, y0, y1 = extent(data)
    xs, ys = np.linspace(x0, x1, grid), np.linspace(y0, y1, rows)
    predicted = regions(run, xs, ys)
    X = np.concatenate([data.X, data.X_held])
    y = np.concatenate([data.y, data.y_held])
    held_mask = np.arange(y.size) >= data.y.size
    fig = regions_figure(xs, ys, predicted, X, y, held_mask, NAMES, "Regions", highlight)
    return fig, (xs, ys, predicted, X, y, held_mask)


def _history(steps: int, held: bool, seed: int = 0):
    rng = np.random.default_rng(seed)
    data_loss = np.abs(rng.standard_normal(steps + 1)).cumsum()[::-1] / (steps + 1)
    reg_loss = np.full(steps + 1, 0.01)
    train_acc = rng.uniform(0, 1, steps + 1)
    held_acc = rng.uniform(0, 1, steps + 1) if held else np.full(steps + 1, np.nan)
    return data_loss, reg_loss, train_acc, held_acc


# ------------------------------------------------------------------ the regions chart
def test_regions_chart_traces_without_held_out_points() -> None:
    fig, (xs, ys, predicted, X, y, _) = _regions()
    assert [t.type for t in fig.data] == ["heatmap"] + ["scatter"] * 3
    heatmap = fig.data[0]
    np.testing.assert_array_equal(heatmap.x, xs)
    np.testing.assert_array_equal(heatmap.y, ys)
    np.testing.assert_array_equal(np.asarray(heatmap.z), predicted + 0.5)
    assert (heatmap.zmin, heatmap.zmax) == (0, 3) and heatmap.showscale is False
    for k, trace in enumerate(fig.data[1:]):
        assert trace.name == NAMES[k] and trace.showlegend is True
        assert trace.marker.color == class_color(k) and trace.marker.symbol == "circle"
        np.testing.assert_array_equal(trace.x, X[y == k, 0])
        np.testing.assert_array_equal(trace.y, X[y == k, 1])
        np.testing.assert_array_equal(trace.customdata, np.flatnonzero(y == k))  # table rows


def test_regions_chart_wash_gives_each_class_its_own_colour() -> None:
    """Class k's value k + 0.5 falls in a colour-scale step coloured like class k (pale)."""
    fig, _ = _regions()
    scale = fig.data[0].colorscale
    for k in range(3):
        at = (k + 0.5) / 3
        (low, low_color), (high, high_color) = next(
            (a, b) for a, b in zip(scale[:-1], scale[1:], strict=True) if a[0] <= at < b[0]
        )  # the segment of the scale that value k + 0.5 falls in
        r, g, b = (int(CLASS_COLORS[k][i : i + 2], 16) for i in (1, 3, 5))
        assert low_color == high_color == f"rgba({r}, {g}, {b}, 0.22)"
    assert scale[0][0] == 0 and scale[-1][0] == 1


@pytest.mark.parametrize("highlight", [None, 5])
def test_regions_chart_with_held_out_points_and_a_highlight(highlight) -> None:
    fig, (_, _, _, X, y, held) = _regions(n=60, held=30, highlight=highlight)
    names = [t.name for t in fig.data]
    expected = ["red", "red (held out)", "green", "green (held out)", "blue", "blue (held out)"]
    expected += ["held out"] + ([] if highlight is None else ["point 5"])
    assert names == [None] + expected
    for k in range(3):
        train_trace, held_trace = fig.data[1 + 2 * k], fig.data[2 + 2 * k]
        assert train_trace.marker.color == held_trace.marker.color == class_color(k)
        assert held_trace.marker.symbol == HELD_SYMBOL and held_trace.showlegend is False
        np.testing.assert_array_equal(held_trace.x, X[(y == k) & held, 0])
        np.testing.assert_array_equal(train_trace.x, X[(y == k) & ~held, 0])
        np.testing.assert_array_equal(held_trace.customdata, np.flatnonzero((y == k) & held))
    assert fig.data[7].marker.symbol == HELD_SYMBOL  # the legend entry for the rings
    if highlight is not None:
        ring = fig.data[-1]
        assert (ring.x[0], ring.y[0]) == (X[5, 0], X[5, 1])
        assert ring.marker.line.color == HIGHLIGHT and ring.marker.size > 11


@pytest.mark.parametrize("highlight", [-1, 60, 10_000])
def test_regions_chart_ignores_a_highlight_that_is_not_a_point(highlight) -> None:
    fig, _ = _regions(n=60, highlight=highlight)
    assert len(fig.data) == 4


def test_regions_chart_labels_and_square_axes() -> None:
    fig, (xs, ys, *_) = _regions()
    assert fig.layout.title.text == "Regions"
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == ("x₁", "x₂")
    assert tuple(fig.layout.xaxis.range) == (xs[0], xs[-1])
    assert tuple(fig.layout.yaxis.range) == (ys[0], ys[-1])
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1
    assert fig.layout.title.font.size >= 18


# ------------------------------------------------------------------ the training curves
@pytest.mark.parametrize("held", [False, True])
def test_curves_chart_traces(held) -> None:
    data_loss, reg_loss, train_acc, held_acc = _history(120, held)
    fig = curves_figure(data_loss, reg_loss, train_acc, held_acc, "Training")
    names = ["total", "data loss", "λR(W)", "training acc."] + (["held-out acc."] if held else [])
    assert [t.name for t in fig.data] == names
    total, data_trace, reg_trace, train_trace = fig.data[:4]
    np.testing.assert_array_equal(total.x, np.arange(121))
    np.testing.assert_allclose(total.y, data_loss + reg_loss)
    np.testing.assert_array_equal(data_trace.y, data_loss)
    np.testing.assert_array_equal(reg_trace.y, reg_loss)
    np.testing.assert_array_equal(train_trace.y, train_acc)
    assert (train_trace.xaxis, train_trace.yaxis) == ("x2", "y2")
    assert (total.xaxis, total.yaxis) in {(None, None), ("x", "y")}
    if held:
        np.testing.assert_array_equal(fig.data[4].y, held_acc)
        assert fig.data[4].yaxis == "y2"
    assert len({t.line.color for t in fig.data}) == len(fig.data)  # told apart by colour
    assert fig.layout.title.text == "Training" and fig.layout.height == CURVES_HEIGHT
    assert fig.layout.xaxis2.title.text == "step"
    assert (fig.layout.yaxis.title.text, fig.layout.yaxis2.title.text) == ("loss", "accuracy")
    assert tuple(fig.layout.yaxis2.range) == (0, 1.05)


@pytest.mark.parametrize("steps", [MAX_CURVE_POINTS, MAX_CURVE_POINTS + 1, 1234, MAX_STEPS])
def test_long_histories_are_thinned_keeping_the_first_and_last_step(steps) -> None:
    data_loss, reg_loss, train_acc, held_acc = _history(steps, held=True)
    fig = curves_figure(data_loss, reg_loss, train_acc, held_acc, "Training")
    for trace in fig.data:
        x = np.asarray(trace.x)
        assert x.size <= MAX_CURVE_POINTS + 1
        assert x[0] == 0 and x[-1] == steps and np.all(np.diff(x) > 0)
    x = np.asarray(fig.data[1].x)
    np.testing.assert_array_equal(fig.data[1].y, data_loss[x])  # the values at those steps
    np.testing.assert_array_equal(fig.data[4].y, held_acc[x])


def test_a_short_history_is_not_thinned() -> None:
    data_loss, reg_loss, train_acc, held_acc = _history(0, held=False)
    fig = curves_figure(data_loss, reg_loss, train_acc, held_acc, "Step 0")
    assert [len(t.x) for t in fig.data] == [1, 1, 1, 1]


# ------------------------------------------------------------------ two runs compared
def test_compare_chart_shows_loss_and_weight_size_of_both_runs() -> None:
    data = _data(90)
    runs = [
        train(Settings(loss=loss, regularizer="none", learning_rate=0.1), data, 200)
        for loss in ("svm", "ce")
    ]
    fig = compare_figure(
        ("SVM", "Softmax"),
        tuple(r.data_loss for r in runs),
        tuple(r.zero_fraction for r in runs),
        tuple(r.weight_norm for r in runs),
    )
    assert [t.name for t in fig.data] == ["SVM", "SVM", "Softmax", "Softmax"]
    assert [t.yaxis for t in fig.data[1::2]] == ["y2", "y2"]
    assert [t.showlegend for t in fig.data[1::2]] == [False, False]
    for i, run in enumerate(runs):
        loss, norm = fig.data[2 * i], fig.data[2 * i + 1]
        np.testing.assert_array_equal(loss.y, run.data_loss)
        np.testing.assert_array_equal(loss.customdata, run.zero_fraction)
        np.testing.assert_array_equal(norm.y, run.weight_norm)
        assert loss.line.color == norm.line.color == CLASS_COLORS[(0, 3)[i]]
    assert fig.data[0].line.dash != fig.data[2].line.dash
    assert fig.layout.yaxis2.title.text == "‖W‖" and fig.layout.xaxis2.title.text == "step"


def test_compare_chart_thins_long_runs() -> None:
    long = np.linspace(1, 0, MAX_STEPS + 1)
    fig = compare_figure(("a", "b"), (long, long[:50]), (long, long[:50]), (long, long[:50]))
    assert [len(t.x) for t in fig.data][:2] == [len(fig.data[0].customdata)] * 2
    assert len(fig.data[0].x) <= MAX_CURVE_POINTS + 1 and fig.data[0].x[-1] == MAX_STEPS
    assert len(fig.data[2].x) == 50


# ------------------------------------------------------------------ size on the wire
def _json_size(fig) -> int:
    return len(fig.to_json().encode())


def test_every_figure_is_small_at_page_like_sizes() -> None:
    """500 points (some held out), a 60 x 60 grid, a 5000-step history: each under 300 KiB."""
    regions_fig, _ = _regions(n=400, held=100, grid=60, rows=60, highlight=7, seed=1)
    history = _history(MAX_STEPS, held=True)
    curves = curves_figure(*history, "Training")
    compare = compare_figure(("a", "b"), (history[0],) * 2, (history[2],) * 2, (history[1],) * 2)
    sizes = {name: _json_size(f) for name, f in [
        ("regions", regions_fig), ("curves", curves), ("compare", compare)]}  # fmt: skip
    assert max(sizes.values()) < MAX_JSON, sizes
