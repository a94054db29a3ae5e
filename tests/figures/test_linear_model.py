"""figures.linear_model: the matrices carry core's numbers, the highlight sits on the chosen
class, planes and lines come from core, the image grids show the images and templates."""

from __future__ import annotations

import numpy as np
import pytest

from core.pages.linear_model import (
    PIXEL_B,
    PIXEL_W,
    PIXEL_X,
    PLANE_B,
    PLANE_W,
    product_check,
    regions,
    score_planes,
    train_templates,
    zero_line,
)
from figures.linear_model import (
    augmented_picture,
    glyph_samples,
    product_picture,
    regions_2d,
    score_planes_3d,
    template_images,
)
from figures.theme import CLASS_COLORS

NAMES = ("cat", "dog", "ship")


def heatmaps(fig) -> list:
    return [t for t in fig.data if t.type == "heatmap"]


def outlined(fig, axis: str) -> list[tuple[float, float, float, float]]:
    """The outlined cells on one matrix's axes: (x0, x1, y0, y1)."""
    return [(s.x0, s.x1, s.y0, s.y1) for s in fig.layout.shapes if s.yref == axis]


@pytest.mark.parametrize("k", [0, 1, 2])
def test_product_picture_carries_the_numbers_and_highlights_class_k(k) -> None:
    check = product_check(PIXEL_W, PIXEL_B, PIXEL_X)
    fig = product_picture(PIXEL_W, PIXEL_X, PIXEL_B, check.scores, k, NAMES)
    W, x, b, s = heatmaps(fig)
    np.testing.assert_array_equal(W.z, PIXEL_W)
    np.testing.assert_array_equal(np.ravel(x.z), PIXEL_X)
    np.testing.assert_array_equal(np.ravel(b.z), PIXEL_B)
    np.testing.assert_allclose(np.ravel(s.z), [-96.8, 437.9, 60.75])
    assert list(np.ravel(s.text)) == ["-96.8", "437.9", "60.75"]
    assert list(W.text[1]) == ["1.5", "1.3", "2.1", "0"]
    assert outlined(fig, "y") == [(-0.5, 3.5, k - 0.5, k + 0.5)]  # the whole row k of W
    assert len(outlined(fig, "y2")) == 4  # every entry of x
    assert outlined(fig, "y3") == [(-0.5, 0.5, k - 0.5, k + 0.5)]
    assert outlined(fig, "y4") == [(-0.5, 0.5, k - 0.5, k + 0.5)]
    assert fig.layout.title.text == f"W x + b: s of {NAMES[k]} = {['-96.8', '437.9', '60.75'][k]}"
    assert [a.text for a in fig.layout.annotations] == ["W", "·", "x", "+", "b", "=", "s"]
    assert list(fig.layout.yaxis.ticktext) == list(NAMES)


def test_augmented_picture_has_b_as_the_last_column_and_a_1_under_x() -> None:
    check = product_check(PIXEL_W, PIXEL_B, PIXEL_X)
    fig = augmented_picture(check.W_aug, check.x_aug, check.scores_aug, 1, NAMES)
    W_aug, x_aug, s = heatmaps(fig)
    np.testing.assert_array_equal(np.asarray(W_aug.z)[:, -1], PIXEL_B)
    np.testing.assert_array_equal(np.asarray(W_aug.z)[:, :-1], PIXEL_W)
    np.testing.assert_array_equal(np.ravel(x_aug.z), [56, 231, 24, 2, 1])
    np.testing.assert_allclose(np.ravel(s.z), check.scores)
    assert (-0.5, 4.5, 0.5, 1.5) in outlined(fig, "y")  # row dog of [W b]
    assert fig.layout.title.text == "[W b][x; 1]: s of dog = 437.9"


def test_a_tall_input_is_centred_beside_a_short_matrix() -> None:
    """x with 4 entries is taller than W with 3 rows: its cells keep W's height."""
    check = product_check(PIXEL_W, PIXEL_B, PIXEL_X)
    fig = product_picture(PIXEL_W, PIXEL_X, PIXEL_B, check.scores, 0, NAMES)
    w_dom, x_dom = fig.layout.yaxis.domain, fig.layout.yaxis2.domain
    assert x_dom == (0.0, 1.0)
    assert w_dom[1] - w_dom[0] == pytest.approx(0.75)
    assert (w_dom[0] + w_dom[1]) / 2 == pytest.approx(0.5)


def test_planes_3d_are_core_scores_with_zero_lines_on_the_floor() -> None:
    corners = np.array([-3.0, 3.0])
    planes = score_planes(PLANE_W, PLANE_B, corners)
    lines = tuple(zero_line(PLANE_W[k], PLANE_B[k]) for k in range(3))
    fig = score_planes_3d(corners, planes, lines)
    (mesh,) = [t for t in fig.data if t.type == "mesh3d"]  # all planes: one WebGL object
    points = np.column_stack([mesh.x, mesh.y, mesh.z])
    assert points.shape == (12, 3) and len(mesh.i) == 6
    for x1, x2, z in points[:4]:  # cat's corners lie on s = w . x + b
        assert z == pytest.approx(PLANE_W[0] @ [x1, x2] + PLANE_B[0], rel=1e-6)
    for face, color in zip(np.column_stack([mesh.i, mesh.j, mesh.k]), mesh.facecolor, strict=True):
        plane = set(face // 4)
        assert len(plane) == 1  # a triangle never spans two planes
        assert color == CLASS_COLORS[plane.pop()]
    (floor,) = [t for t in fig.data if t.type == "scatter3d"]  # one trace, NaN between lines
    points = np.column_stack([floor.x, floor.y, floor.z]).reshape(3, 3, 3)
    for k, ends in enumerate(lines):
        np.testing.assert_allclose(points[k, :2, :2], ends)
        assert (points[k, :2, 2] == 0.0).all() and np.isnan(points[k, 2]).all()
        assert floor.line.color[3 * k] == CLASS_COLORS[k]  # the plane's colour
    assert fig.layout.uirevision == "planes"  # a rotated view survives a slider
    assert fig.layout.scene.zaxis.title.text == "score s"


def test_regions_2d_draws_regions_lines_and_the_unbiased_lines() -> None:
    grid = np.linspace(-3.0, 3.0, 61)
    b = np.array([1.5, 0.0, -0.5])
    lines = tuple(zero_line(PLANE_W[k], b[k]) for k in range(3))
    unbiased = tuple(zero_line(PLANE_W[k], 0.0) for k in range(3))
    fig = regions_2d(grid, regions(PLANE_W, b, grid), NAMES, lines, unbiased)
    np.testing.assert_array_equal(fig.data[0].z, regions(PLANE_W, b, grid))
    solid = [t for t in fig.data if t.type == "scatter" and t.line.dash == "solid"]
    dotted = [t for t in fig.data if t.type == "scatter" and t.line.dash == "dot"]
    assert [t.name for t in solid] == ["s(cat) = 0", "s(dog) = 0", "s(ship) = 0"]
    assert len(dotted) == 3
    np.testing.assert_allclose(np.column_stack([solid[0].x, solid[0].y]), lines[0])
    np.testing.assert_allclose(np.column_stack([dotted[0].x, dotted[0].y]), unbiased[0])


def test_regions_2d_leaves_out_a_missing_line() -> None:
    grid = np.linspace(-3.0, 3.0, 7)
    W = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    lines = tuple(zero_line(W[k], 0.5) for k in range(3))
    fig = regions_2d(grid, regions(W, np.full(3, 0.5), grid), NAMES, lines, lines)
    names = [t.name for t in fig.data if t.type == "scatter" and t.line.dash == "solid"]
    assert names == ["s(dog) = 0", "s(ship) = 0"]


def test_image_grids_show_the_images_and_the_templates() -> None:
    run = train_templates(noise=0.3, seed=0, steps=20, lam=0.01)
    images = run.X[:8].reshape(-1, 8, 8)
    labels = tuple(f"#{i}" for i in range(8))
    samples = glyph_samples(images, labels, 4, 1)
    assert len(samples.data) == 8
    np.testing.assert_array_equal(samples.data[3].z, images[3])
    assert [a.text for a in samples.layout.annotations] == list(labels)
    assert samples.layout.title.text == "Images #1–#8, flattened to x"
    names = ("vertical", "horizontal", "diagonal", "ring")
    templates = template_images(run.templates(), names)
    assert len(templates.data) == 4
    np.testing.assert_array_equal(templates.data[2].z, run.W[2].reshape(8, 8))
    limit = np.abs(run.W).max()
    assert templates.data[0].zmin == pytest.approx(-limit) and templates.data[0].zmax == limit
