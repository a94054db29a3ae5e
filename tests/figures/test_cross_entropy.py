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


def test_overflow_figure_marks_the_zero_edge_and_the_subnormal_band() -> None:
    x = np.linspace(-900, 900, 5)
    fig = overflow_figure(x, x, x, 709.78, "float64", -745.13, -708.4)
    line_high, line_low, band = fig.layout.shapes
    assert (line_high.x0, line_low.x0) == (709.78, -745.13)
    assert (band.type, band.x0, band.x1) == ("rect", -745.13, -708.4)
    assert any("subnormal" in note.text for note in fig.layout.annotations)
    assert "either limit" in fig.layout.title.text  # it breaks at both ends of the sweep


def test_builders_reuse_a_figure_for_equal_inputs_only() -> None:
    probs = np.array([0.2, 0.8])
    first = probability_bars(probs, 0)
    assert probability_bars(probs.copy(), 0) is first
    assert probability_bars(probs, 1) is not first
    assert probability_bars(np.array([0.3, 0.7]), 0) is not first
