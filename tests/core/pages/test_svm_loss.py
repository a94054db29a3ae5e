"""core.pages.svm_loss: the lecture's numbers, the quiz, the sum over all classes, K = 2."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from core.lecture import LECTURE_LABELS, LECTURE_SCORES
from core.losses import svm_loss
from core.pages.svm_loss import (
    DRAW,
    LECTURE_TABLE,
    SLIDE_LOSSES,
    ScoreTable,
    binary_hinge_loss,
    lecture_check,
    svm_breakdown,
    svm_loss_all_classes,
    svm_quiz,
    two_class_as_binary,
    two_class_demo,
)

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


def test_every_svm_number_of_the_slides_against_core() -> None:
    """The SVM slides' numbers, computed: none of them is rounded and all are right (the
    margin slide's Δ = 20 case is in tests/core/pages/test_svm_margin.py)."""
    s = np.array([15.0, -3.0, 7.0])
    assert float(svm_loss(s, 0)) == 0.0  # 0 + 0
    assert float(svm_loss(s, 1)) == 30.0  # 19 + 11
    np.testing.assert_allclose(svm_loss(LECTURE_SCORES, LECTURE_LABELS), SLIDE_LOSSES)
    check = lecture_check(LECTURE_TABLE, margin=1.0)
    assert check.matches
    assert check.total == pytest.approx(19.1) and check.batch_loss == pytest.approx(19.1 / 3)
    # softmax vs SVM slide: every SVM loss in its table is 0 (10 is the correct score)
    for scores in ([10, 7, 5], [10, 9, 9], [10, -10, -10], [10, -5, -5]):
        assert float(svm_loss(np.array(scores, float), 0)) == 0.0


def test_lecture_check_is_only_for_the_lecture_table_at_delta_one() -> None:
    assert lecture_check(LECTURE_TABLE, margin=2.0) is None
    other = ScoreTable(LECTURE_TABLE.classes, LECTURE_TABLE.scores + 1.0, LECTURE_TABLE.labels)
    assert lecture_check(other, margin=1.0) is None


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
