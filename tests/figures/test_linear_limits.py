"""figures.linear_limits: the region charts and the 3D lift carry the numbers core computed
(regions, the zero-score curve, the points, the plane), with readable labels."""

from __future__ import annotations

import numpy as np
import pytest

from core.pages.linear_limits import compare, decision_grid, lift, plane_surface
from figures.linear_limits import lifted_figure, regions_figure
from figures.theme import class_color

NAMES = ("outer circle", "inner circle")
GRID = np.linspace(-1.5, 1.5, 81)
POINT = np.array([0.25, 0.5])
BOX = ((-1.5, 1.5), (-1.5, 1.5), (-0.1, 1.4))


@pytest.fixture(scope="module")
def comp():
    return compare("circles", 200, 0.05, 0, "r2")


@pytest.fixture(scope="module")
def curve(comp):
    grid = decision_grid(comp.after, GRID, GRID, "r2")
    return grid, regions_figure(GRID, GRID, grid, comp.X, comp.y, NAMES, "The plane", POINT)


@pytest.fixture(scope="module")
def lifted(comp):
    surface = plane_surface(comp.after.normal, comp.after.offset, BOX)
    fig = lifted_figure(
        comp.F, comp.y, surface, BOX, NAMES, "φ = x₁² + x₂²", "Lifted", lift(POINT[None], "r2")[0]
    )
    return surface, fig


def test_regions_chart_shows_the_predicted_class_and_the_zero_curve(curve) -> None:
    grid, fig = curve
    kinds = [t.type for t in fig.data]
    assert kinds == ["heatmap", "contour", "scatter", "scatter", "scatter"]
    heatmap, contour = fig.data[0], fig.data[1]
    np.testing.assert_array_equal(heatmap.z, (grid > 0).astype(np.int8))
    np.testing.assert_allclose(contour.z, grid, rtol=1e-6, atol=1e-5)  # float32 on the wire
    assert (contour.contours.start, contour.contours.end) == (0.0, 0.0)
    assert contour.contours.coloring == "none" and contour.line.width >= 3
    assert heatmap.z.min() == 0 and heatmap.z.max() == 1  # both classes are on the chart


def test_regions_chart_points_by_class_and_the_test_point(comp, curve) -> None:
    _, fig = curve
    for k, trace in enumerate(fig.data[2:4]):
        assert trace.name == NAMES[k]
        assert trace.marker.color == class_color(k)
        np.testing.assert_array_equal(trace.x, comp.X[comp.y == k, 0])
        np.testing.assert_array_equal(trace.y, comp.X[comp.y == k, 1])
    star = fig.data[4]
    assert star.name == "test point" and star.marker.symbol == "star"
    assert (star.x[0], star.y[0]) == (0.25, 0.5)


def test_regions_chart_labels_and_square_axes(curve) -> None:
    _, fig = curve
    assert fig.layout.title.text == "The plane"
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == ("x₁", "x₂")
    assert fig.layout.yaxis.scaleanchor == "x"
    assert tuple(fig.layout.xaxis.range) == (-1.5, 1.5)
    assert fig.layout.title.font.size >= 18


def test_the_line_chart_boundary_is_straight(comp) -> None:
    """Before the lift the zero set is a line: the score grid is affine in x1 and x2."""
    grid = decision_grid(comp.before, GRID, GRID)
    fig = regions_figure(GRID, GRID, grid, comp.X, comp.y, NAMES, "The line", POINT)
    z = np.asarray(fig.data[1].z, dtype=float)
    np.testing.assert_allclose(np.diff(z, 2, axis=0), 0.0, atol=1e-4)
    np.testing.assert_allclose(np.diff(z, 2, axis=1), 0.0, atol=1e-4)


def test_lifted_chart_points_in_r3_and_the_plane(comp, lifted) -> None:
    surface, fig = lifted
    assert [t.type for t in fig.data] == ["scatter3d", "scatter3d", "surface", "scatter3d"]
    for k, trace in enumerate(fig.data[:2]):
        assert trace.name == NAMES[k]
        np.testing.assert_array_equal(trace.z, comp.F[comp.y == k, 2])
        np.testing.assert_array_equal(trace.x, comp.F[comp.y == k, 0])
    plane = fig.data[2]
    for got, want in zip((plane.x, plane.y, plane.z), surface, strict=True):
        np.testing.assert_array_equal(got, want)
    on_plane = np.stack(surface, axis=-1)
    kept = np.all(np.isfinite(on_plane), axis=-1)
    assert kept.sum() > 100  # the plane crosses the box
    np.testing.assert_allclose(
        on_plane[kept] @ comp.after.normal + comp.after.offset, 0.0, atol=1e-9
    )
    point = fig.data[3]
    assert (point.x[0], point.y[0], point.z[0]) == pytest.approx((0.25, 0.5, 0.3125))


def test_lifted_chart_axes_are_named_and_readable(lifted) -> None:
    _, fig = lifted
    scene = fig.layout.scene
    titles = (scene.xaxis.title.text, scene.yaxis.title.text, scene.zaxis.title.text)
    assert titles == ("x₁", "x₂", "φ = x₁² + x₂²")
    assert tuple(scene.zaxis.range) == BOX[2]
    assert scene.xaxis.tickfont.size >= 12 and scene.zaxis.title.font.size >= 18
    assert fig.layout.height >= 550


def test_default_figures_fit_the_payload_budget(curve, lifted) -> None:
    size = sum(len(fig.to_json()) for fig in (curve[1], curve[1], lifted[1]))
    assert size < 300 * 1024
