"""core.pages.svm_loss and core.pages.svm_margin: the lecture's numbers, quiz, band, K = 2, Δ."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from core.datasets import blobs
from core.lecture import LECTURE_LABELS, LECTURE_SCORES
from core.losses import svm_loss
from core.pages.svm_loss import (
    DRAW,
    binary_hinge_loss,
    svm_breakdown,
    svm_loss_all_classes,
    svm_quiz,
    two_class_as_binary,
    two_class_demo,
)
from core.pages.svm_margin import (
    accuracy,
    decision_regions,
    hinge,
    margin_view,
    region_agreement,
    scale_check,
    train_linear_svm,
)
from core.training import gradient_descent
from ui.quiz import answer_matches

finite = st.floats(-50, 50, allow_nan=False)


def test_breakdown_of_the_lecture_table_by_hand() -> None:
    result = svm_breakdown(LECTURE_SCORES, LECTURE_LABELS, margin=1.0)
    dog = max(0, 6.2 - 3.0 + 1) + max(0, -2.1 - 3.0 + 1)
    bird = max(0, 0.9 - 5.1 + 1) + max(0, 3.4 - 5.1 + 1)
    truck = max(0, 1.6 - (-4.5) + 1) + max(0, 2.3 - (-4.5) + 1)
    np.testing.assert_allclose(result.losses, [dog, bird, truck])
    assert result.batch_loss == pytest.approx((dog + bird + truck) / 3)
    np.testing.assert_allclose(result.terms[0], [0, 6.2 - 3.0 + 1, 0])
    # dog image: only the bird term is active, so the dog score's gradient is -1
    np.testing.assert_array_equal(result.grad[0], [-1, 1, 0])
    np.testing.assert_array_equal(result.grad[2], [1, 1, -2])


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
    np.testing.assert_array_equal(view.inside, np.array(terms) > 0)


def test_margin_view_needs_one_image_and_a_valid_label() -> None:
    with pytest.raises(ValueError, match=r"\[0, 3\)"):
        margin_view([15.0, -3.0, 7.0], 3)
    with pytest.raises(ValueError, match="one image"):
        margin_view([[1.0, 2.0]], 0)


@pytest.mark.parametrize("k", [2, 3, 7])
@pytest.mark.parametrize("delta", [0.0, 1.0, 20.0])
def test_quiz_answers_follow_k_and_delta(k: int, delta: float) -> None:
    rng = np.random.default_rng(k)
    scores = rng.normal(size=(4, k)) * 5
    labels = rng.integers(0, k, size=4)
    quiz = svm_quiz(scores, labels, margin=delta)
    assert quiz.zero_scores == pytest.approx((k - 1) * delta)
    np.testing.assert_allclose(quiz.lowest, 0.0, atol=1e-12)
    np.testing.assert_allclose(quiz.all_classes_increase, delta)
    # lowering the correct score by DRAW makes every term active: L_i grows past (K-1) DRAW
    assert np.all(quiz.lowered >= (k - 1) * (DRAW - 3 * 5 * 5))
    assert np.all(quiz.lowered > svm_loss(scores, labels, margin=delta))


def test_quiz_raised_correct_score_is_best_other_plus_delta() -> None:
    quiz = svm_quiz(LECTURE_SCORES, LECTURE_LABELS, margin=1.0)
    np.testing.assert_allclose(quiz.raised_correct, [6.2 + 1, 3.4 + 1, 2.3 + 1])


def test_sum_over_all_classes_adds_delta() -> None:
    assert float(svm_loss_all_classes([3.0, 6.2, -2.1], 0, margin=2.5)) == pytest.approx(
        max(0, 6.2 - 3.0 + 2.5) + 0 + 2.5
    )


@settings(max_examples=50, deadline=None)
@given(
    scores=arrays(np.float64, 4, elements=finite),
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


@settings(max_examples=50, deadline=None)
@given(
    W=arrays(np.float64, (2, 3), elements=finite),
    X=arrays(np.float64, (5, 3), elements=finite),
    labels=arrays(np.int64, 5, elements=st.integers(0, 1)),
)
def test_two_class_multiclass_svm_is_the_binary_hinge(W, X, labels) -> None:
    w, y = two_class_as_binary(W, labels)
    np.testing.assert_allclose(
        svm_loss(X @ W.T, labels), binary_hinge_loss(w, X, y), rtol=1e-9, atol=1e-9
    )


def test_binary_hinge_by_hand_and_bad_labels() -> None:
    # w^T x = 2 - 1 = 1 -> max(0, 1 - 1) = 0; w^T x = -1 -> max(0, 1 + 1) = 2
    np.testing.assert_allclose(binary_hinge_loss([2.0, -1.0], [[1, 1], [0, 1]], [1, 1]), [0, 2])
    with pytest.raises(ValueError, match="-1 or \\+1"):
        binary_hinge_loss([1.0], [[1.0]], [0])


def test_two_class_demo_curves_and_penalties() -> None:
    W = np.array([[-0.5, 0.5], [1.0, -0.5]])
    demo = two_class_demo(W, np.linspace(-4, 4, 81))
    assert demo.largest_gap < 1e-12
    np.testing.assert_allclose(demo.w, [1.5, -1.0])
    assert demo.penalties == pytest.approx((0.25 + 0.25 + 1 + 0.25, 1.5**2 + 1, (1.5**2 + 1) / 2))
    # at x = 0 the scores are the biases: class 0 true -> max(0, -0.5 - 0.5 + 1) = 0
    assert demo.multiclass[0, 40] == pytest.approx(0.0)
    assert demo.multiclass[1, 40] == pytest.approx(max(0, 0.5 + 0.5 + 1))


def test_blobs_are_seeded() -> None:
    X, y = blobs(30, seed=3)
    X2, y2 = blobs(30, seed=3)
    X3, _ = blobs(30, seed=4)
    assert X.shape == (30, 2) and y.shape == (30,)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.allclose(X, X3)
    assert set(y.tolist()) == {0, 1, 2}
    with pytest.raises(ValueError, match="at least 3"):
        blobs(2, seed=0)


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


@pytest.mark.parametrize(
    ("answer", "value", "ok"),
    [(2.0, 2.0, True), (2.0005, 2.0, True), (2.1, 2.0, False), (None, 0.0, False)],
)
def test_answer_matches(answer, value, ok) -> None:
    assert answer_matches(answer, value) is ok
