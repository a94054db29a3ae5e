"""figures.softmax_normalization: the two panels, the scale sweep, the temperature marker."""

from __future__ import annotations

import numpy as np

from figures.softmax_normalization import (
    normalization_bars,
    scale_sweep_figure,
    temperature_figure,
)


def test_normalization_bars_two_panels_or_an_undefined_note() -> None:
    fig = normalization_bars(np.array([0.25, 0.75]), np.array([1 / 3, 2 / 3]))
    assert [t.type for t in fig.data] == ["bar", "bar"]
    assert fig.data[1].xaxis == "x2"
    undefined = normalization_bars(np.array([0.5, 0.5]), None, "Σ s = 0: undefined")
    assert "undefined" in undefined.layout.annotations[-1].text


def test_normalization_bars_titled_for_the_scaled_scores() -> None:
    fig = normalization_bars(np.array([0.25, 0.75]), np.array([1 / 3, 2 / 3]), "", 10.0)
    panels = [note.text for note in fig.layout.annotations]
    assert panels == ["<b>softmax(c·s)</b>", "<b>standard: c·s / Σ c·s</b>"]
    assert fig.layout.title.text == "Both normalizations of c·s at c = 10"


def test_sweep_has_a_solid_and_a_dashed_line_per_class_and_entropy() -> None:
    scales = np.geomspace(0.01, 100, 20)
    probs = np.full((20, 3), 1 / 3)
    play = (np.array([1.0, 2.0]), np.full((2, 3), 1 / 3), np.full((2, 3), 1 / 3), np.zeros(2))
    fig = scale_sweep_figure(scales, probs, probs, np.zeros(20), play, 1)
    assert len(fig.data) == 3 * 2 + 1 + 2  # + the marker of c in each panel
    assert [t.line.dash for t in fig.data[:2]] == ["solid", "dash"]
    assert fig.data[-2].x[0] == fig.data[-1].x[0] == 2.0  # the slider's c
    no_std = (play[0], play[1], None, play[3])
    assert len(scale_sweep_figure(scales, probs, None, np.zeros(20), no_std, 1).data) == 3 + 1 + 2


def test_temperature_marker_sits_at_t_on_the_log_axis() -> None:
    temps = np.geomspace(0.05, 20, 10)
    fig = temperature_figure(
        temps, np.full((10, 2), 0.5), (np.array([2.0]), np.full((1, 2), 0.5)), 0
    )
    assert fig.layout.xaxis.type == "log"
    marker = fig.data[-1]
    assert marker.x[0] == marker.x[1] == 2.0 and tuple(marker.y[:2]) == (-0.02, 1.02)
    assert [marker.y[i] for i in (3, 5)] == [0.5, 0.5]  # a dot on each class's curve
