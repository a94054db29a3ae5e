"""figures.cross_entropy: the correct class's bar, the overflow and gap limits, memoization."""

from __future__ import annotations

import numpy as np

from figures.cross_entropy import losses_vs_gap_figure, overflow_figure, probability_bars


def test_probability_bars_outline_the_correct_class() -> None:
    fig = probability_bars(np.array([0.2, 0.5, 0.3]), 1)
    assert list(fig.data[0].marker.line.width) == [0.0, 4.0, 0.0]
    assert fig.data[0].x[1].endswith("✓")


def test_overflow_and_gap_figures_mark_their_limits() -> None:
    x = np.linspace(-10, 10, 5)
    assert overflow_figure(x, x, x, 709.78, "float64").layout.shapes[0].x0 == 709.78
    gap = losses_vs_gap_figure(x, np.exp(-x), np.maximum(0, 1 - x), 1.0)
    assert gap.layout.shapes[0].x0 == 1.0
    assert "still" in gap.layout.annotations[-1].text


def test_builders_reuse_a_figure_for_equal_inputs_only() -> None:
    probs = np.array([0.2, 0.8])
    first = probability_bars(probs, 0)
    assert probability_bars(probs.copy(), 0) is first
    assert probability_bars(probs, 1) is not first
    assert probability_bars(np.array([0.3, 0.7]), 0) is not first
