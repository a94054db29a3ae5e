"""figures.svm_margin: the band on the number line, the hinge's marks, one panel per Δ run."""

from __future__ import annotations

import numpy as np
import pytest

from core.pages.svm_margin import hinge_grid, margin_view
from figures.svm_margin import decision_regions, hinge_curve, number_line
from figures.theme import POSITIVE

SCORES = np.array([15.0, -3.0, 7.0])  # the lecture's example


def _number_line(label: int, delta: float):
    view = margin_view(SCORES, label, margin=delta)
    return view, number_line(SCORES, label, view.terms, view.band)


def test_number_line_shades_the_band_and_names_its_edges_in_the_legend() -> None:
    view, fig = _number_line(1, 20.0)  # the slide's y = 1, Δ = 20 case: band (-23, -3]
    assert view.band == (-23.0, -3.0)
    band, top, bottom = fig.layout.shapes
    assert band.type == "rect" and (band.x0, band.x1) == (-23.0, -3.0)
    assert top.x0 == top.x1 == -3.0 and bottom.x0 == bottom.x1 == -23.0
    assert bottom.line.dash == "dash"
    assert (top.name, bottom.name) == ("s_y = -3", "s_y − Δ = -23")
    assert top.showlegend and bottom.showlegend
    assert not fig.layout.annotations  # no text on the plot where it could cover another
    low, high = fig.layout.xaxis.range
    assert low < -23.0 and high > 15.0  # every score and the whole band in view
    assert fig.layout.xaxis.title.text == "score"
    assert "L_i = 68" in fig.layout.title.text


def test_number_line_rows_name_each_score_and_its_term() -> None:
    _, fig = _number_line(1, 20.0)
    bars, points = fig.data
    assert bars.type == points.type == "scatter"
    rows = ["s0 = 15 → +38", "s1 = -3 (correct)", "s2 = 7 → +30"]
    # s0 = 15 and s2 = 7 both beat s_y - Δ = -23: bars of length 38 and 30 (their terms)
    assert list(bars.x) == [-23.0, 15.0, None, -23.0, 7.0, None]
    assert list(bars.y) == [rows[0], rows[0], None, rows[2], rows[2], None]
    np.testing.assert_array_equal(points.x, SCORES)
    assert list(points.y) == rows
    assert list(fig.layout.yaxis.categoryarray) == rows  # class order, whatever is drawn first
    assert points.mode == "markers" and points.text is None
    assert list(points.marker.symbol) == ["circle", "star", "circle"]
    assert list(points.marker.line.color)[0] == POSITIVE


def test_number_line_at_delta_one_puts_no_text_near_the_band() -> None:
    """At Δ = 1 the labels s_y, s_y − Δ and s0 = 15 once overlapped into one blob."""
    view, fig = _number_line(0, 1.0)  # s0 = 15 beats both others by more than Δ = 1
    assert view.loss == 0.0
    bars, points = fig.data
    assert len(bars.x) == 0
    assert list(points.y) == ["s0 = 15 (correct)", "s1 = -3 → 0", "s2 = 7 → 0"]
    assert not fig.layout.annotations and points.text is None
    assert [s.name for s in fig.layout.shapes[1:]] == ["s_y = 15", "s_y − Δ = 14"]
    assert "L_i = 0" in fig.layout.title.text


def test_hinge_curve_marks_each_wrong_class_at_its_term() -> None:
    view = margin_view(SCORES, 1, margin=20.0)
    grid, values = hinge_grid(view)
    fig = hinge_curve(grid, values, view.diffs, view.terms, 1)
    curve, marks = fig.data
    np.testing.assert_array_equal(curve.x, grid)
    np.testing.assert_array_equal(curve.y, values)
    np.testing.assert_array_equal(marks.x, [18.0, 10.0])  # s_j - s_y for j = 0, 2
    np.testing.assert_array_equal(marks.y, [38.0, 30.0])
    assert marks.mode == "markers" and list(marks.text) == ["s0", "s2"]  # names on hover only
    assert fig.layout.xaxis.title.text == "d = s_j − s_y"
    assert fig.layout.yaxis.title.text == "term max(0, d + Δ)"
    assert grid[0] <= -20.0 and grid[-1] >= 18.0  # the kink at -Δ and every mark on the curve


@pytest.fixture(scope="module")
def regions():
    """Three runs' predicted classes on a 4 x 5 grid, and six training points."""
    xs, ys = np.linspace(-4, 4, 5), np.linspace(-3, 3, 4)
    rng = np.random.default_rng(0)
    regions = rng.integers(0, 3, size=(3, 4, 5))
    X, y = rng.normal(size=(6, 2)), np.array([0, 1, 2, 0, 1, 2])
    titles = ("Δ = 1: ‖W‖ = 1.2", "Δ = 5: ‖W‖ = 6", "Δ = 20: ‖W‖ = 24")
    return xs, ys, regions, X, y, titles


def test_decision_regions_has_one_titled_panel_per_run(regions) -> None:
    xs, ys, grid, X, y, titles = regions
    fig = decision_regions(xs, ys, grid, X, y, titles)
    assert [t.type for t in fig.data] == ["heatmap", "scatter"] * 3
    assert [a.text for a in fig.layout.annotations] == list(titles)
    domains = []
    for i, suffix in enumerate(["", "2", "3"]):
        heatmap, points = fig.data[2 * i], fig.data[2 * i + 1]
        assert heatmap.xaxis == points.xaxis == f"x{suffix}"
        assert heatmap.yaxis == points.yaxis == f"y{suffix}"
        np.testing.assert_array_equal(heatmap.z, grid[i])
        np.testing.assert_array_equal(points.x, X[:, 0])
        np.testing.assert_array_equal(points.y, X[:, 1])
        axis = fig.layout[f"xaxis{suffix}"]
        assert tuple(axis.range) == (-4.0, 4.0)
        domains.append(tuple(axis.domain))
        # each title sits centred above its own panel
        assert fig.layout.annotations[i].x == pytest.approx(sum(axis.domain) / 2)
    assert all(a[1] < b[0] for a, b in zip(domains, domains[1:], strict=False))  # no overlap
    assert fig.layout.yaxis.showticklabels and not fig.layout.yaxis2.showticklabels
    assert fig.layout.margin.t >= 90  # room for titles of three lines


def test_decision_regions_colours_points_by_their_true_class(regions) -> None:
    xs, ys, grid, X, y, titles = regions
    fig = decision_regions(xs, ys, grid, X, y, titles)
    colors = list(fig.data[1].marker.color)
    assert colors[0] == colors[3] and colors[1] == colors[4] and len(set(colors)) == 3


def test_builders_reuse_a_figure_for_equal_inputs_only(regions) -> None:
    view, first = _number_line(1, 20.0)
    assert number_line(SCORES.copy(), 1, view.terms.copy(), view.band) is first
    assert number_line(SCORES, 0, view.terms, view.band) is not first
    xs, ys, grid, X, y, titles = regions
    panels = decision_regions(xs, ys, grid, X, y, titles)
    assert decision_regions(xs.copy(), ys, grid.copy(), X, y, titles) is panels
    assert decision_regions(xs, ys, grid, X, y, ("a", "b", "c")) is not panels
