"""The home page's figures: what a student reads off them (no browser needed)."""

from __future__ import annotations

import numpy as np
import pytest

from core.lecture import LECTURE_CLASSES, LECTURE_LABELS, LECTURE_SCORES
from core.pages.home import run_pipeline
from figures.home import loss_curve, scores_before_after, steps_text
from figures.theme import POSITIVE

IMAGES = ("dog image", "bird image", "truck image")


def test_scores_chart_has_start_and_after_bars_per_class_and_a_neutral_legend() -> None:
    after = LECTURE_SCORES + 1.0
    fig = scores_before_after(LECTURE_SCORES, after, LECTURE_LABELS, LECTURE_CLASSES, IMAGES, 3)
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 2 * len(LECTURE_CLASSES)
    for k, name in enumerate(LECTURE_CLASSES):
        start, end = (t for t in bars if t.legendgroup == name)
        np.testing.assert_array_equal(start.y, LECTURE_SCORES[:, k])
        np.testing.assert_array_equal(end.y, after[:, k])
        # The correct class of each image, and only it, is outlined.
        np.testing.assert_array_equal(np.asarray(end.marker.line.width) > 0, LECTURE_LABELS == k)
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert legend == list(LECTURE_CLASSES)
    assert fig.layout.title.text == "Scores: start → after 3 steps"  # short: fits a 290 px chart
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    # The after-bars carry their value at a readable size, never shrunk to fit the bar.
    labelled = [t for t in bars if t.text is not None]
    assert len(labelled) == len(LECTURE_CLASSES)
    for trace in labelled:
        assert trace.constraintext == "none" and trace.textfont.size >= 12
    assert labelled[0].text == tuple(f"{v:.1f}" for v in after[:, 0])


def test_scores_of_a_diverged_run_are_read_off_a_power_axis_not_bar_labels() -> None:
    run = run_pipeline("mse", 2.0, 50)
    fig = scores_before_after(
        run.start.scores, run.end.scores, LECTURE_LABELS, LECTURE_CLASSES, IMAGES, 50
    )
    assert np.abs(run.end.scores).max() > 1e11
    assert all(t.text is None for t in fig.data if t.type == "bar")  # no 12-digit labels
    assert fig.layout.yaxis.exponentformat == "power"  # 8×10¹¹, not 0.8T


def test_loss_curve_has_one_point_per_step_and_labels_the_last_loss() -> None:
    history = np.array([6.367, 6.175, 5.9])
    fig = loss_curve(history)
    (line,) = fig.data
    np.testing.assert_array_equal(line.x, [0, 1, 2])
    np.testing.assert_array_equal(line.y, history)
    assert fig.layout.annotations[0].text == "L = 5.9"
    assert fig.layout.xaxis.dtick == 1  # whole steps, never 0.5
    assert fig.layout.xaxis.title.text == "gradient step"
    assert fig.layout.title.text == "Batch loss L"
    assert fig.layout.yaxis.type is None  # linear
    assert not fig.layout.shapes


@pytest.mark.parametrize(("steps", "dtick"), [(1, 1), (5, 1), (10, 2), (25, 5), (50, 10)])
def test_loss_curve_has_at_most_six_whole_step_ticks(steps: int, dtick: int) -> None:
    """A 290 px wide chart fits about six 18 px tick labels; 11 of them overlapped."""
    fig = loss_curve(np.linspace(5, 1, steps + 1))
    assert fig.layout.xaxis.dtick == dtick
    assert steps // dtick + 1 <= 6


def test_a_diverged_curve_is_marked_and_drawn_on_a_log_axis() -> None:
    run = run_pipeline("mse", 2.0, 50)
    fig = loss_curve(run.history, run.divergence.started)
    (rising,) = fig.data  # rising from step 0: one curve, in the "bad" colour
    assert rising.name == "diverging" and rising.line.color == POSITIVE
    np.testing.assert_array_equal(rising.y, run.history)
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis.exponentformat == "power"
    (mark,) = fig.layout.shapes
    assert mark.x0 == mark.x1 == 0
    texts = [a.text for a in fig.layout.annotations]
    assert texts == [" rising from the start ", "L = 2.248 × 10²³"]
    # On a log axis an annotation's y is in log10 units.
    assert fig.layout.annotations[-1].y == pytest.approx(np.log10(run.history[-1]))


def test_a_curve_that_falls_then_rises_has_two_parts_and_the_turn_marked() -> None:
    run = run_pipeline("mse", 1.5, 50)
    fig = loss_curve(run.history, run.divergence.started)
    falling, rising = fig.data
    np.testing.assert_array_equal(falling.x, np.arange(7))
    np.testing.assert_array_equal(rising.x, np.arange(6, 51))  # they meet at step 6
    assert fig.layout.shapes[0].x0 == 6
    assert fig.layout.annotations[0].text == " rising from step 6 "
    assert fig.layout.annotations[0].xanchor == "left"  # step 6 of 50: the label runs right
    assert fig.layout.yaxis.type is None  # 8.5 to 17.5: a linear axis reads fine


def test_a_curve_that_overflowed_stops_at_its_last_finite_loss() -> None:
    history = np.array([5.0, 50.0, 5e3, np.inf, np.inf])
    fig = loss_curve(history, 0)
    np.testing.assert_array_equal(fig.data[0].y, [5.0, 50.0, 5e3])
    assert fig.layout.annotations[-1].text == "L = ∞ from step 3"
    assert list(fig.layout.xaxis.range)[1] >= 4  # the axis still spans every step


def test_steps_text() -> None:
    assert [steps_text(n) for n in (0, 1, 2)] == ["0 steps", "1 step", "2 steps"]


def test_the_last_loss_label_sits_beside_the_curve_not_on_it() -> None:
    """Left of the last point and level with it (a falling or rising curve passes above or
    below); above it where the curve ends flat, as the hinge does at a loss of 0."""
    falling = loss_curve(np.linspace(6.4, 6.1, 2)).layout.annotations[-1]
    assert (falling.xanchor, falling.ay) == ("right", 0)
    flat = loss_curve(np.r_[np.linspace(6, 0, 5), np.zeros(20)]).layout.annotations[-1]
    assert flat.ay == -40
