"""core.pages.svm_margin: the margin band, Δ's scale, the hinge, training one run per Δ."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from core.datasets import blobs
from core.losses import svm_loss
from core.pages.svm_margin import (
    LECTURE_SCORES,
    SLIDE_CASES,
    accuracy,
    decision_regions,
    hinge,
    margin_view,
    region_agreement,
    scale_check,
    slide_mismatch,
    train_linear_svm,
)
from core.training import gradient_descent

finite = st.floats(-50, 50, allow_nan=False)
# Scores whose order survives scaling by c >= 0.01: with 6 decimals no two distinct scores
# are close enough to round into a tie (-5e-324 * 0.5 is -0.0: argmax changed).
ordered = finite.map(lambda v: round(v, 6))


@pytest.mark.parametrize(
    ("delta", "label", "terms"),
    [
        (1.0, 0, [0, max(0, -3 - 15 + 1), max(0, 7 - 15 + 1)]),
        (1.0, 1, [max(0, 15 + 3 + 1), 0, max(0, 7 + 3 + 1)]),
        (20.0, 0, [0, max(0, -3 - 15 + 20), max(0, 7 - 15 + 20)]),
        (20.0, 1, [max(0, 15 + 3 + 20), 0, max(0, 7 + 3 + 20)]),  # 38 + 30, not the slide's 48
    ],
    ids=["delta1-y0", "delta1-y1", "delta20-y0", "delta20-y1"],
)
def test_margin_view_of_the_lecture_examples(delta: float, label: int, terms: list) -> None:
    view = margin_view([15.0, -3.0, 7.0], label, margin=delta)
    np.testing.assert_allclose(view.terms, terms)
    assert view.loss == pytest.approx(sum(terms))
    s_y = [15.0, -3.0, 7.0][label]
    assert view.band == (s_y - delta, s_y)
    np.testing.assert_array_equal(view.adds, np.array(terms) > 0)


@pytest.mark.parametrize(
    ("label", "delta", "above", "inside", "beaten"),
    [
        (1, 20.0, [0, 2], [], []),  # 15 and 7 lie above s_y = -3: the reviewer's case
        (0, 20.0, [], [1, 2], []),  # -3 and 7 inside (-5, 15]
        (0, 1.0, [], [], [1, 2]),  # both at or below 14: beaten by at least Δ
        (2, 10.0, [0], [], [1]),  # 15 above 7; -3 at exactly 7 - 10: beaten, term 0
        (2, 0.0, [0], [], [1]),  # Δ = 0: an empty band
    ],
    ids=["above", "inside", "beaten", "on-the-lower-edge", "no-margin"],
)
def test_every_wrong_class_is_above_inside_or_beaten(label, delta, above, inside, beaten) -> None:
    """The margin page's caption says which wrong classes add to the loss and why."""
    view = margin_view([15.0, -3.0, 7.0], label, margin=delta)
    assert np.flatnonzero(view.above).tolist() == above
    assert np.flatnonzero(view.inside).tolist() == inside
    assert np.flatnonzero(view.beaten).tolist() == beaten
    assert not (view.above | view.inside | view.beaten)[label]
    assert np.all(view.terms[view.above] > delta)
    assert np.all((view.terms[view.inside] > 0) & (view.terms[view.inside] <= delta))
    assert np.all(view.terms[view.beaten] == 0)


@settings(max_examples=100, deadline=None)
@given(
    scores=arrays(np.float64, 5, elements=finite),
    label=st.integers(0, 4),
    delta=st.floats(0, 30),
)
def test_the_three_groups_split_the_wrong_classes(scores, label, delta) -> None:
    view = margin_view(scores, label, margin=delta)
    groups = view.above.astype(int) + view.inside.astype(int) + view.beaten.astype(int)
    np.testing.assert_array_equal(groups, np.arange(5) != label)
    np.testing.assert_array_equal(view.adds, view.terms > 0)
    assert np.all(scores[view.above] > scores[label])
    # beaten: s_j <= s_y - Δ up to float rounding (1e-289 - 1 + 1 is 0: it adds nothing)
    slack = 1e-12 * (1.0 + np.abs(scores).max() + delta)
    assert np.all(scores[view.beaten] - scores[label] + delta <= slack)


def test_every_slide_case_against_core() -> None:
    """The lecture's margin slides, s = [15, -3, 7]: only Δ = 20, y = 1 is written wrong."""
    assert LECTURE_SCORES == (15.0, -3.0, 7.0)
    for case in SLIDE_CASES:
        computed = float(svm_loss(np.array(LECTURE_SCORES), case.label, margin=case.margin))
        slide_is_right = computed == case.loss
        assert slide_is_right == ((case.margin, case.label) != (20.0, 1)), case
        assert (slide_mismatch(LECTURE_SCORES, case.label, margin=case.margin) is None) == (
            slide_is_right
        )
    mismatch = slide_mismatch(LECTURE_SCORES, 1, margin=20.0)
    assert mismatch.slide.terms == (38.0, 10.0) and mismatch.slide.loss == 48.0
    assert mismatch.wrong == (2,)  # max(0, 7 - (-3) + 20) = 30, the slide writes 10
    np.testing.assert_array_equal(mismatch.terms, [38.0, 0.0, 30.0])
    assert mismatch.loss == 68.0


@pytest.mark.parametrize(
    ("scores", "label", "delta"),
    [([15.0, -3.0, 7.0, 0.0], 1, 20.0), ([15.0, -3.0, 8.0], 1, 20.0), ([15.0, -3.0, 7.0], 1, 19.5)],
    ids=["four-scores", "other-scores", "other-delta"],
)
def test_no_slide_note_away_from_the_slide(scores, label, delta) -> None:
    assert slide_mismatch(scores, label, margin=delta) is None


def test_margin_view_needs_one_image_and_a_valid_label() -> None:
    with pytest.raises(ValueError, match=r"\[0, 3\)"):
        margin_view([15.0, -3.0, 7.0], 3)
    with pytest.raises(ValueError, match="one image"):
        margin_view([[1.0, 2.0]], 0)


@settings(max_examples=50, deadline=None)
@given(
    scores=arrays(np.float64, 4, elements=ordered),
    label=st.integers(0, 3),
    delta=st.floats(0, 30),
    factor=st.floats(0.01, 100),
)
def test_scaling_scores_and_delta_scales_the_loss(scores, label, delta, factor) -> None:
    check = scale_check(scores, label, margin=delta, factor=factor)
    assert check.scaled_loss == pytest.approx(factor * check.loss, rel=1e-9, abs=1e-9)
    assert check.prediction == check.scaled_prediction


def test_scale_factor_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        scale_check([1.0, 2.0], 0, margin=1.0, factor=0.0)


def test_hinge_is_zero_left_of_minus_delta() -> None:
    np.testing.assert_array_equal(hinge([-21.0, -20.0, -19.0, 5.0], margin=20.0), [0, 0, 1, 25])


def test_training_matches_core_gradient_descent() -> None:
    """The batched trainer is the same algorithm as core.training's, one run per Δ."""
    X, y = blobs(30, seed=1)
    delta, lam, steps = 5.0, 0.01, 25
    fits = train_linear_svm(X, y, margins=[delta], lam=lam, steps=steps, learning_rate=0.05)
    W, b, history = gradient_descent(
        np.zeros((3, 2)), np.zeros(3), X, y, steps=steps, learning_rate=0.05 * delta,
        margin=delta, regularizer="l2", lam=lam,
    )  # fmt: skip
    np.testing.assert_allclose(fits.W[0], W, atol=1e-12)
    np.testing.assert_allclose(fits.b[0], b, atol=1e-12)
    np.testing.assert_allclose(fits.history[0], history, atol=1e-12)


def test_delta_only_scales_the_weights_when_lambda_scales_as_one_over_delta() -> None:
    X, y = blobs(60, seed=0)
    deltas = np.array([1.0, 4.0, 20.0])
    fits = train_linear_svm(X, y, margins=deltas, lam=0.02 / deltas, steps=100)
    for m, delta in enumerate(deltas):
        np.testing.assert_allclose(fits.W[m], delta * fits.W[0], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(fits.weight_norms / deltas, fits.weight_norms[0], rtol=1e-9)
    grid = np.linspace(-4, 4, 41)
    assert np.all(region_agreement(decision_regions(fits.W, fits.b, grid, grid)) == 1.0)


def test_training_lowers_the_objective_and_fits_the_blobs() -> None:
    X, y = blobs(90, seed=0)
    fits = train_linear_svm(X, y, margins=[1.0, 20.0], lam=0.001, steps=300)
    assert np.all(fits.history[:, -1] < 0.2 * fits.history[:, 0])
    assert np.all(accuracy(fits.W, fits.b, X, y) > 0.9)
    assert fits.weight_norms[1] > 5 * fits.weight_norms[0]


def test_training_refuses_a_zero_margin() -> None:
    with pytest.raises(ValueError, match="positive"):
        train_linear_svm(np.ones((3, 2)), [0, 1, 2], margins=[0.0], lam=0.0)


def test_decision_regions_is_the_argmax_of_linear_scores() -> None:
    W = np.array([[[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]])
    b = np.zeros((1, 3))
    xs, ys = np.array([-1.0, 2.0]), np.array([-2.0, 3.0])
    regions = decision_regions(W, b, xs, ys)
    # point (x=2, y=-2): scores [2, -2, 0] -> class 0; point (x=-1, y=3): [-1, 3, -2] -> 1
    assert regions.shape == (1, 2, 2)
    assert regions[0, 0, 1] == 0 and regions[0, 1, 0] == 1
    # point (x=-1, y=-2): scores [-1, -2, 3] -> class 2
    assert regions[0, 0, 0] == 2
