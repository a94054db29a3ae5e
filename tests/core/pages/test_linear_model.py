"""core.pages.linear_model and core.linear.predict: the lecture's product, the bias trick on
random shapes, zero lines and what the bias does to them, the glyphs and their templates."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from core.linear import linear_scores, predict
from core.pages.linear_model import (
    FIGURE_SCORES,
    GLYPH_CLASSES,
    PIXEL_B,
    PIXEL_W,
    PIXEL_X,
    check_shapes,
    glyph_images,
    line_offset,
    product_check,
    regions,
    score_planes,
    train_templates,
    zero_line,
)

moderate = st.floats(-1e3, 1e3)


@st.composite
def problems(draw):
    """``W (K, D)``, ``b (K,)`` and one input ``x (D,)`` of any shape the page accepts."""
    k, d = draw(st.integers(2, 6)), draw(st.integers(1, 8))
    W = draw(hnp.arrays(np.float64, (k, d), elements=moderate))
    b = draw(hnp.arrays(np.float64, (k,), elements=moderate))
    x = draw(hnp.arrays(np.float64, (d,), elements=moderate))
    return W, b, x


# ------------------------------------------------------------------ the product and the bias trick
def test_lecture_example_scores_and_the_figures_slip() -> None:
    check = product_check(PIXEL_W, PIXEL_B, PIXEL_X)
    # by hand: 0.2*56 - 0.5*231 + 0.1*24 + 2*2 + 1.1 = -96.8; 1.5*56 + 1.3*231 + 2.1*24 + 3.2
    # = 437.9; 0.25*231 + 0.2*24 - 0.3*2 - 1.2 = 60.75
    np.testing.assert_allclose(check.scores, [-96.8, 437.9, 60.75], rtol=1e-12)
    np.testing.assert_allclose(check.scores_aug, check.scores, rtol=1e-12)
    assert check.equal and check.difference < 1e-12
    np.testing.assert_allclose(check.terms[1], [84.0, 300.3, 50.4, 0.0], rtol=1e-12)
    # CS231n's figure prints 61.95 for ship: W x without the bias
    assert FIGURE_SCORES[2] == pytest.approx((PIXEL_W @ PIXEL_X)[2])
    assert FIGURE_SCORES[:2] == pytest.approx(check.scores[:2])
    np.testing.assert_array_equal(check.W_aug[:, -1], PIXEL_B)
    np.testing.assert_array_equal(check.x_aug, [56.0, 231.0, 24.0, 2.0, 1.0])


@given(problem=problems())
def test_bias_trick_identity_on_random_shapes(problem) -> None:
    W, b, x = problem
    check = product_check(W, b, x)
    K, D = W.shape
    assert check.W_aug.shape == (K, D + 1) and check.x_aug.shape == (D + 1,)
    assert check.equal
    np.testing.assert_allclose(check.scores_aug, check.scores, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(check.terms.sum(axis=1) + b, check.scores, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(check.scores, linear_scores(W, x, b))


@pytest.mark.parametrize(
    ("W", "b", "x", "message"),
    [
        (PIXEL_W, PIXEL_B, [1.0, 2.0, 3.0], "W has 4 columns, so x needs 4 numbers"),
        (PIXEL_W, [1.0, 2.0], PIXEL_X, "W has 3 rows, so b needs 3 numbers"),
        ([[1.0, 2.0]], [0.0], [1.0, 1.0], "W needs at least 2 rows"),
        (PIXEL_W, PIXEL_B, [1.0, np.nan, 2.0, 3.0], "x contains NaN or infinity"),
        (PIXEL_W, PIXEL_B, ["a", "b", "c", "d"], "x must be real numbers"),
    ],
    ids=["x-too-short", "b-too-short", "one-class", "nan", "text"],
)
def test_wrong_shapes_say_what_to_fix(W, b, x, message) -> None:
    with pytest.raises(ValueError, match=message):
        check_shapes(W, b, x)
    with pytest.raises(ValueError, match=message):
        product_check(W, b, x)


# ------------------------------------------------------------------ predict (core.linear)
def test_predict_hand_computed() -> None:
    W = [[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]
    assert predict(W, [2.0, 1.0]) == 0
    assert predict(W, [[2.0, 1.0], [0.0, 3.0], [-2.0, -2.0]]).tolist() == [0, 1, 2]
    assert predict(W, [0.0, 0.0], [0.0, 0.5, 0.0]) == 1
    assert predict(W, [0.0, 0.0]) == 0  # a tie goes to the lowest class
    assert predict(PIXEL_W, PIXEL_X, PIXEL_B) == 1  # the cat image scores highest as dog


@given(problem=problems(), shift=moderate, scale=st.floats(0.01, 100.0))
def test_predict_ignores_a_common_shift_and_a_positive_scale(problem, shift, scale) -> None:
    W, b, x = problem
    scores = linear_scores(W, x, b)
    top = np.sort(scores)[-2:]
    if top[1] - top[0] < 1e-6 * (1 + np.abs(scores).max()):
        return  # a near tie: rounding may pick either
    label = predict(W, x, b)
    assert label == int(np.argmax(scores))
    assert predict(W, x, b + shift) == label
    assert predict(scale * W, x, scale * b) == label


# ------------------------------------------------------------------ two inputs
def test_score_planes_are_the_scores_at_each_grid_point() -> None:
    W, b = np.array([[1.0, -2.0], [0.5, 0.5], [0.0, 1.0]]), np.array([0.1, -1.0, 2.0])
    grid = np.linspace(-3.0, 3.0, 7)
    planes = score_planes(W, b, grid)
    assert planes.shape == (3, 7, 7)
    i, j = 5, 1  # row i is x2 = grid[i], column j is x1 = grid[j]
    np.testing.assert_allclose(planes[:, i, j], linear_scores(W, [grid[j], grid[i]], b))
    x1, x2 = np.meshgrid(grid, grid)
    labels = predict(W, np.column_stack([x1.ravel(), x2.ravel()]), b).reshape(7, 7)
    np.testing.assert_array_equal(regions(W, b, grid), labels)


def test_score_planes_need_two_inputs() -> None:
    with pytest.raises(ValueError, match="2 columns"):
        score_planes(PIXEL_W, PIXEL_B, np.linspace(-1, 1, 3))


@pytest.mark.parametrize(
    ("w", "b", "ends"),
    [
        ([1.0, 0.0], -1.0, [[1.0, -3.0], [1.0, 3.0]]),
        ([0.0, 2.0], 2.0, [[-3.0, -1.0], [3.0, -1.0]]),
        ([1.0, 1.0], 0.0, [[-3.0, 3.0], [3.0, -3.0]]),
    ],
    ids=["vertical", "horizontal", "diagonal"],
)
def test_zero_line_hand_computed(w, b, ends) -> None:
    np.testing.assert_allclose(zero_line(w, b), ends, atol=1e-12)


def test_zero_line_missing_cases() -> None:
    assert zero_line([0.0, 0.0], 1.0) is None  # constant score: no line
    assert zero_line([1.0, 0.0], -5.0) is None  # x1 = 5: outside the square
    assert zero_line([1.0, 1.0], -7.0) is None
    assert line_offset([0.0, 0.0], 1.0) is None


@given(
    w=hnp.arrays(np.float64, (2,), elements=st.floats(-2, 2)).filter(lambda v: np.hypot(*v) > 1e-3),
    b=st.floats(-2, 2),
    new_b=st.floats(-2, 2),
)
def test_the_bias_moves_the_line_without_turning_it(w, b, new_b) -> None:
    ends, moved = zero_line(w, b), zero_line(w, new_b)
    offset = line_offset(w, b)
    assert offset == pytest.approx(-b / np.hypot(*w))
    foot = offset * w / np.hypot(*w)  # the line's point nearest the origin
    assert w @ foot + b == pytest.approx(0.0, abs=1e-9)
    for segment, bias in ((ends, b), (moved, new_b)):
        if segment is None:
            continue
        np.testing.assert_allclose(segment @ w + bias, 0.0, atol=1e-9)  # on the line
        assert np.all(np.abs(segment) <= 3.0 + 1e-9)
        assert np.isclose(np.abs(segment).max(axis=1), 3.0).all()  # on the square's edge
    if ends is not None and moved is not None and np.ptp(ends) > 1e-6 and np.ptp(moved) > 1e-6:
        d1, d2 = np.diff(ends, axis=0)[0], np.diff(moved, axis=0)[0]
        cross = d1[0] * d2[1] - d1[1] * d2[0]
        assert cross == pytest.approx(0.0, abs=1e-9 * np.hypot(*d1) * np.hypot(*d2) + 1e-12)
        assert d1 @ w == pytest.approx(0.0, abs=1e-9)  # perpendicular to w


# ------------------------------------------------------------------ images
def test_glyphs_without_noise_are_their_shapes() -> None:
    X, y = glyph_images(5, seed=3, noise=0.0)
    assert X.shape == (20, 64) and y.tolist() == [0, 1, 2, 3] * 5
    assert set(np.unique(X)) <= {0.0, 1.0}
    images = X.reshape(-1, 8, 8)
    for image, label in zip(images, y, strict=True):
        if GLYPH_CLASSES[label] == "vertical":
            assert image.sum() == 16 and (image.sum(axis=0) > 0).sum() == 2
        elif GLYPH_CLASSES[label] == "horizontal":
            assert image.sum() == 16 and (image.sum(axis=1) > 0).sum() == 2
        elif GLYPH_CLASSES[label] == "diagonal":
            rows, cols = np.nonzero(image)
            assert np.ptp(rows - cols) == 0  # one diagonal
        else:
            rows, cols = np.nonzero(image)
            assert image[rows.min() + 1 : rows.max(), cols.min() + 1 : cols.max()].sum() == 0


def test_glyphs_are_seeded_and_noisy_within_0_and_1() -> None:
    X1, y1 = glyph_images(seed=7, noise=0.4)
    X2, _ = glyph_images(seed=7, noise=0.4)
    X3, _ = glyph_images(seed=8, noise=0.4)
    np.testing.assert_array_equal(X1, X2)
    assert not np.array_equal(X1, X3)
    assert X1.min() >= 0.0 and X1.max() <= 1.0 and X1.shape == (160, 64)
    assert np.bincount(y1).tolist() == [40] * 4


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(n_per_class=0), "at least one image"),
        (dict(n_per_class=2.5), "whole number"),
        (dict(noise=-0.1), "0 or more"),
        (dict(noise=np.nan), "noise"),
    ],
    ids=["none", "fraction", "negative-noise", "nan-noise"],
)
def test_glyph_arguments_are_checked(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        glyph_images(**kwargs)


def test_training_learns_templates_that_look_like_their_class() -> None:
    run = train_templates(noise=0.3, seed=0, steps=150, lam=0.01)
    assert run.accuracy >= 0.95
    assert run.history[-1] < 0.6 * run.history[0]
    assert run.history[0] == pytest.approx(np.log(4))  # W = 0: every class 1/4
    np.testing.assert_array_equal(run.predicted, predict(run.W, run.X, run.b))
    means = np.array([run.X[run.y == k].mean(axis=0) for k in range(4)])
    means -= means.mean(axis=0)  # what sets each class apart
    corr = np.corrcoef(run.W, means)[:4, 4:]
    assert (np.argmax(corr, axis=1) == np.arange(4)).all(), corr
    assert run.templates().shape == (4, 8, 8)


def test_zero_steps_leave_w_at_zero() -> None:
    run = train_templates(noise=0.3, seed=0, steps=0, lam=0.01)
    assert not run.W.any() and run.accuracy == pytest.approx(0.25)  # ties: all class 0
