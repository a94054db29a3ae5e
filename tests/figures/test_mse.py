"""figures.mse: the traces carry the numbers core computed, axis titles, hostile class names."""

from __future__ import annotations

import numpy as np
import pytest

from core.pages.mse import correct_score_grid, gradient_curves, losses_vs_correct_score, mse_parts
from figures.mse import GRADIENT_FLOOR, gradients_figure, losses_vs_score_figure, squared_bars

LECTURE = np.array([1.5, -2.0, 1.0])
NAMES = ("Car", "Bird", "Dog")


def bars_of(parts, names=NAMES):
    return squared_bars(
        names, parts.scores, parts.targets, parts.squared, parts.too_right, parts.loss
    )


def test_case_2_bars_are_the_slides_terms_and_the_line_is_their_mean() -> None:
    fig = bars_of(mse_parts(LECTURE, 1))
    bars, legend = fig.data  # no term is past its target on the right side in Case 2
    assert list(bars.x) == ["Car", "Bird ✓", "Dog"]
    np.testing.assert_allclose(bars.y, [2.25, 9.0, 1.0])
    assert list(bars.text) == ["2.25", "9", "1"]
    (mean,) = fig.layout.shapes
    assert mean.y0 == mean.y1 == pytest.approx(12.25 / 3)
    assert legend.name == "mean: L_i = 4.083"
    assert bars.showlegend is False, "one kind of bar: only the mean is in the legend"


def test_case_1_splits_the_terms_charged_for_being_right() -> None:
    fig = bars_of(mse_parts(LECTURE, 0))
    ordinary, right, _ = fig.data
    assert list(ordinary.x) == ["Dog"] and list(ordinary.y) == [1.0]
    assert list(right.x) == ["Car ✓", "Bird"]
    np.testing.assert_allclose(right.y, [0.25, 4.0])
    assert "still charged" in right.name
    assert list(fig.layout.xaxis.categoryarray) == ["Car ✓", "Bird", "Dog"]  # class order kept
    np.testing.assert_allclose(right.customdata, [[1.5, 1.0], [-2.0, 0.0]])


def test_class_names_are_escaped_for_plotly() -> None:
    fig = bars_of(mse_parts(LECTURE, 1), ("<a href='http://e.co'>x</a>", "<b>B</b>", "Dog"))
    ticks = list(fig.data[0].x)
    assert not any("<a" in t or "<b>" in t for t in ticks), ticks
    assert ticks[1] == "&lt;b&gt;B&lt;/b&gt; ✓"


def test_curves_carry_both_losses_and_mark_the_current_score() -> None:
    values = correct_score_grid(1.5, 6.0)
    mse, ce = losses_vs_correct_score(LECTURE, 0, values)
    parts = mse_parts(LECTURE, 0)
    fig = losses_vs_score_figure(values, mse, ce, 1.5, (parts.loss, parts.cross_entropy))
    names = [t.name for t in fig.data]
    assert names == ["MSE", "cross-entropy", "MSE now", "cross-entropy now"]
    np.testing.assert_array_equal(fig.data[0].y, mse)
    np.testing.assert_array_equal(fig.data[1].y, ce)
    assert (fig.data[2].x[0], fig.data[2].y[0]) == (1.5, 1.75)
    assert fig.data[3].y[0] == pytest.approx(parts.cross_entropy)
    assert fig.layout.xaxis.title.text == "s_y, the correct class's score (others fixed)"
    assert fig.layout.yaxis.title.text == "loss L_i"
    shade, target = fig.layout.shapes
    assert target.x0 == 1.0 and shade.x0 == 1.0 and shade.x1 == values[-1]


def test_curves_title_reads_the_numbers_at_the_dots() -> None:
    values = correct_score_grid(1.5, 6.0)
    mse, ce = losses_vs_correct_score(LECTURE, 0, values)
    moved = LECTURE.copy()
    moved[0] = 3.5
    parts = mse_parts(moved, 0)
    at = (parts.loss, parts.cross_entropy)
    fig = losses_vs_score_figure(values, mse, ce, 3.5, at, moved_from=("<b>Car</b>", 1.5))
    # the lecture's scores with s_y moved by 2: MSE = (6.25 + 4 + 1) / 3 = 3.75
    assert fig.layout.title.text == (
        f"&lt;b&gt;Car&lt;/b&gt;: s_y = 1.5 + 2 = 3.5: MSE 3.75, "
        f"cross-entropy {parts.cross_entropy:.4g}"
    )
    assert "least at 1" in losses_vs_score_figure(values, mse, ce, 1.5, at).layout.title.text


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_gradient_chart_is_log_scaled_and_carries_the_curves(output) -> None:
    z = np.linspace(-10, 10, 201)
    curves = gradient_curves(output, z, LECTURE if output == "softmax" else None, 0)
    fig = gradients_figure(z, curves.mse, curves.ce, -4.0, (0.0347, 0.982), output)
    assert fig.layout.yaxis.type == "log"
    np.testing.assert_allclose(fig.data[1].y, np.maximum(curves.ce, GRADIENT_FLOOR))
    np.testing.assert_allclose(fig.data[0].y, np.maximum(curves.mse, GRADIENT_FLOOR))
    assert (fig.data[2].x[0], fig.data[2].y[0]) == (-4.0, 0.0347)
    assert fig.layout.yaxis.title.text == "|∂L/∂z| (log scale)"
    assert fig.layout.shapes[0].x1 == 0.0  # z < 0 shaded: classified wrong
    assert output in fig.layout.title.text


def test_repeated_class_names_keep_one_bar_each() -> None:
    fig = bars_of(mse_parts(LECTURE, 1), ("Car", "Car", "Car"))
    assert list(fig.data[0].x) == ["Car", "Car ✓", "Car (2)"]
