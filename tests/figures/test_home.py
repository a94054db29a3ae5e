"""The home page's figures: what a student reads off them (no browser needed)."""

from __future__ import annotations

import numpy as np

from core.lecture import LECTURE_CLASSES, LECTURE_LABELS, LECTURE_SCORES
from figures.home import loss_curve, scores_before_after

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
    assert "3 step(s)" in fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text


def test_loss_curve_has_one_point_per_step_and_labels_the_last_loss() -> None:
    history = np.array([6.367, 6.175, 5.9])
    fig = loss_curve(history, "Multiclass SVM (hinge)")
    (line,) = fig.data
    np.testing.assert_array_equal(line.x, [0, 1, 2])
    np.testing.assert_array_equal(line.y, history)
    assert fig.layout.annotations[0].text == "L = 5.900"
    assert fig.layout.xaxis.dtick == 1  # whole steps, never 0.5
    assert fig.layout.xaxis.title.text == "gradient step"
    assert "Multiclass SVM (hinge)" in fig.layout.title.text


def test_loss_curve_ticks_stay_readable_for_many_steps() -> None:
    fig = loss_curve(np.linspace(5, 1, 51), "Softmax cross-entropy")
    assert fig.layout.xaxis.dtick == 5
