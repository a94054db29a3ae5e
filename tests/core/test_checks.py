"""Every bad input to ``core`` raises ValueError with a message that names the problem."""

from __future__ import annotations

import numpy as np
import pytest

from core.linear import bias_trick, linear_scores
from core.losses import (
    cross_entropy_grad,
    cross_entropy_loss,
    mse_grad,
    mse_loss,
    one_hot,
    svm_loss,
    svm_loss_grad,
    svm_loss_naive,
    svm_margins,
)
from core.regularization import l1_grad, l1_penalty, l2_grad, l2_penalty
from core.softmax import log_softmax, logsumexp, softmax, softmax_naive, std_normalize
from core.training import gradient_descent, objective

LABEL_FUNCTIONS = [
    svm_loss,
    svm_loss_grad,
    svm_margins,
    svm_loss_naive,
    cross_entropy_loss,
    cross_entropy_grad,
    mse_loss,
    mse_grad,
]
ONE = [1.0, 2.0, 3.0]  # one sample, K = 3
BATCH = [[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]]  # N = 2, K = 3

BAD_LABELS = [
    # (id, scores, labels, message)
    ("out-of-range", ONE, 3, r"\[0, 3\)"),
    ("out-of-range-in-batch", BATCH, [0, 7], r"\[0, 3\)"),
    ("negative", ONE, -1, r"\[0, 3\)"),
    ("negative-in-batch", BATCH, [-1, 0], r"\[0, 3\)"),
    ("non-integer-1.5", ONE, 1.5, "integer"),
    ("string-a", ONE, "a", "integer"),
    ("float-array", BATCH, np.array([0.0, 1.0]), "integer"),
    ("integral-float-1.0", ONE, 1.0, "integer"),
    ("boolean", ONE, True, "integer"),
    ("none", ONE, None, "integer"),
    ("batch-needs-one-per-row", BATCH, [0], "2 labels"),
    ("batch-given-one-int", BATCH, 1, "2 labels"),
    ("sample-given-a-list", ONE, [0, 1], "one integer label"),
]


@pytest.mark.parametrize(
    ("scores", "labels", "message"),
    [case[1:] for case in BAD_LABELS],
    ids=[case[0] for case in BAD_LABELS],
)
@pytest.mark.parametrize("function", LABEL_FUNCTIONS, ids=lambda f: f.__name__)
def test_bad_labels(function, scores, labels, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        function(scores, labels)


BAD_SCORES = [
    # (id, scores, labels of the right count, message)
    ("nan", [1.0, np.nan, 3.0], 0, "NaN or infinity"),
    ("inf", [1.0, np.inf, 3.0], 0, "NaN or infinity"),
    ("minus-inf-in-batch", [[1.0, 2.0, 3.0], [-np.inf, 0.0, 0.0]], [0, 0], "NaN or infinity"),
    ("one-class", [5.0], 0, "at least two classes"),
    ("one-class-batch", [[5.0], [6.0]], [0, 0], "at least two classes"),
    ("empty", [], 0, "empty"),
    ("empty-batch", np.zeros((0, 3)), np.zeros(0, dtype=int), "empty"),
    ("ragged", [[1.0, 2.0], [3.0]], [0, 0], "rectangular"),
    ("strings", ["1", "2", "3"], 0, "real numbers"),
    ("one-string", "1, 2, 3", 0, "real numbers"),
    ("complex", [1 + 2j, 3.0], 0, "real numbers"),
    ("objects", [{}, {}], 0, "real numbers"),
    ("single-number", 3.0, 0, "single number"),
]
NON_FINITE = ("nan", "inf", "minus-inf-in-batch")
SCORE_FUNCTIONS = [softmax, log_softmax, logsumexp, std_normalize]


@pytest.mark.parametrize(
    ("scores", "labels", "message"),
    [case[1:] for case in BAD_SCORES],
    ids=[case[0] for case in BAD_SCORES],
)
@pytest.mark.parametrize("function", LABEL_FUNCTIONS, ids=lambda f: f.__name__)
def test_bad_scores_of_losses(function, scores, labels, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        function(scores, labels)


@pytest.mark.parametrize(
    ("scores", "message"),
    [(case[1], case[3]) for case in BAD_SCORES],
    ids=[case[0] for case in BAD_SCORES],
)
@pytest.mark.parametrize("function", SCORE_FUNCTIONS, ids=lambda f: f.__name__)
def test_bad_scores_of_softmax_functions(function, scores, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        function(scores)


@pytest.mark.parametrize(
    ("scores", "message"),
    [(case[1], case[3]) for case in BAD_SCORES if case[0] not in NON_FINITE],
    ids=[case[0] for case in BAD_SCORES if case[0] not in NON_FINITE],
)
def test_softmax_naive_refuses_everything_but_nonfinite_scores(scores, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        softmax_naive(scores)


@pytest.mark.parametrize("function", LABEL_FUNCTIONS, ids=lambda f: f.__name__)
def test_three_dimensional_scores(function) -> None:
    with pytest.raises(ValueError, match=r"\(K,\) or \(N, K\)"):
        function(np.zeros((2, 2, 3)), np.zeros((2, 2), dtype=int))


@pytest.mark.parametrize("function", SCORE_FUNCTIONS + [softmax_naive], ids=lambda f: f.__name__)
def test_axis_out_of_range(function) -> None:
    with pytest.raises(ValueError, match="axis 2 is out of range"):
        function([1.0, 2.0], axis=2)


@pytest.mark.parametrize("margin", [np.nan, np.inf, -np.inf, "wide", None], ids=str)
@pytest.mark.parametrize(
    "function", [svm_loss, svm_loss_grad, svm_margins, svm_loss_naive], ids=lambda f: f.__name__
)
def test_non_finite_margin(function, margin) -> None:
    with pytest.raises(ValueError, match="margin"):
        function(ONE, 0, margin=margin)


@pytest.mark.parametrize("function", [mse_loss, mse_grad], ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("targets", "message"),
    [([0.0, np.nan, 1.0], "targets contains NaN"), (["a", "b", "c"], "targets must be real")],
    ids=["nan-target", "string-targets"],
)
def test_bad_mse_targets(function, targets, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        function(ONE, targets)


BAD_LINEAR = [
    # (id, W, X, b, message)
    ("W-is-a-vector", [1.0, 2.0], [1.0, 2.0], None, r"W must be a \(K, D\) matrix"),
    ("W-has-one-class", [[1.0, 2.0]], [1.0, 2.0], None, "at least two classes"),
    ("X-is-3d", [[1.0], [2.0]], np.ones((2, 2, 1)), None, "X must be one input"),
    ("X-is-a-number", [[1.0], [2.0]], 3.0, None, "X must be one input"),
    ("D-mismatch", [[1.0, 2.0], [3.0, 4.0]], [1.0, 2.0, 3.0], None, "must match"),
    ("D-mismatch-batch", [[1.0, 2.0], [3.0, 4.0]], np.ones((5, 3)), None, "must match"),
    ("b-wrong-length", [[1.0, 2.0], [3.0, 4.0]], [1.0, 2.0], [1.0], "one value per class"),
    ("b-is-a-matrix", [[1.0, 2.0], [3.0, 4.0]], [1.0, 2.0], [[1.0, 2.0]], "one value per class"),
    ("nan-in-W", [[np.nan, 2.0], [3.0, 4.0]], [1.0, 2.0], None, "W contains NaN"),
    ("inf-in-X", [[1.0, 2.0], [3.0, 4.0]], [np.inf, 2.0], None, "X contains NaN"),
    ("nan-in-b", [[1.0, 2.0], [3.0, 4.0]], [1.0, 2.0], [np.nan, 0.0], "b contains NaN"),
    ("empty-X", [[1.0, 2.0], [3.0, 4.0]], [], None, "X is empty"),
]


@pytest.mark.parametrize(
    ("W", "X", "b", "message"),
    [case[1:] for case in BAD_LINEAR],
    ids=[case[0] for case in BAD_LINEAR],
)
def test_linear_scores_shape_mismatches(W, X, b, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        linear_scores(W, X, b)


@pytest.mark.parametrize(
    ("W", "X", "b", "message"),
    [case[1:] for case in BAD_LINEAR if case[3] is not None or case[0] != "W-is-a-vector"],
    ids=[case[0] for case in BAD_LINEAR if case[3] is not None or case[0] != "W-is-a-vector"],
)
def test_bias_trick_shape_mismatches(W, X, b, message: str) -> None:
    bias = b if b is not None else np.zeros(len(W))
    with pytest.raises(ValueError, match=message):
        bias_trick(W, bias, X)


@pytest.mark.parametrize(
    ("num_classes", "message"),
    [(1, "at least two classes"), (0, "at least two classes"), (-3, "at least two classes"),
     (2.0, "num_classes must be an integer"), (True, "num_classes must be an integer"),
     ("3", "num_classes must be an integer"), (None, "num_classes must be an integer")],
    ids=["1", "0", "-3", "float-2.0", "bool", "string", "none"],
)  # fmt: skip
def test_one_hot_bad_num_classes(num_classes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        one_hot([0, 1], num_classes)


@pytest.mark.parametrize(
    ("labels", "message"),
    [([0, 3], r"\[0, 3\)"), ([-1], r"\[0, 3\)"), ([0.5], "integer"), ("a", "integer")],
    ids=["too-large", "negative", "fraction", "string"],
)
def test_one_hot_bad_labels(labels, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        one_hot(labels, 3)


@pytest.mark.parametrize(
    "scores",
    [[1.0, -1.0], [0.0, 0.0], [1e-300, -1e-300], [3.0, -1.0, -2.0], [[1.0, 2.0], [2.0, -2.0]]],
    ids=["1-minus-1", "zeros", "tiny", "three-classes", "one-bad-row"],
)
def test_std_normalize_zero_sum(scores) -> None:
    with pytest.raises(ValueError, match="sum to 0"):
        std_normalize(scores)


@pytest.mark.parametrize(
    "function", [l1_penalty, l1_grad, l2_penalty, l2_grad], ids=lambda f: f.__name__
)
@pytest.mark.parametrize(
    ("W", "message"),
    [([], "W is empty"), ([1.0, np.nan], "W contains NaN"), (["a"], "W must be real numbers")],
    ids=["empty", "nan", "strings"],
)
def test_bad_weights(function, W, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        function(W)


def test_bad_lambda_and_learning_rate() -> None:
    W, b, X, y = np.eye(2), np.zeros(2), np.eye(2), np.array([0, 1])
    with pytest.raises(ValueError, match="lambda must be finite"):
        objective(W, b, X, y, regularizer="l2", lam=np.nan)
    with pytest.raises(ValueError, match="learning rate must be a number"):
        gradient_descent(W, b, X, y, steps=1, learning_rate="fast")
    with pytest.raises(ValueError, match="learning rate must be finite"):
        gradient_descent(W, b, X, y, steps=1, learning_rate=np.inf)


def test_messages_stay_short_for_huge_bad_input() -> None:
    scores = np.zeros((10_000, 3))
    with pytest.raises(ValueError, match=r"\[0, 3\)") as caught:
        svm_loss(scores, np.full(10_000, 99))
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize("steps", [-1, -2, 2.5, "3", True, None], ids=repr)
def test_bad_step_count(steps) -> None:
    W, b, X, y = np.eye(2), np.zeros(2), np.eye(2), np.array([0, 1])
    with pytest.raises(ValueError, match="steps must be a whole number"):
        gradient_descent(W, b, X, y, steps=steps, learning_rate=0.1)
