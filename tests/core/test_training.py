"""core.training: the objective's gradients and gradient descent, also on the lecture model."""

from __future__ import annotations

import numpy as np
import pytest

from core.lecture import LECTURE_LABELS, LECTURE_PIXELS, lecture_model
from core.losses import LOSSES
from core.regularization import REGULARIZERS
from core.training import gradient_descent, objective
from tests.numgrad import centred_difference

SVM = "svm"
CE = "ce"
MSE = "mse"


def _problem(seed: int, margin: float):
    """Random ``W (3, 4)``, ``b (3,)``, ``X (6, 4)``, ``y (6,)`` away from every kink.

    Kinks: a hinge term ``s_j - s_y + margin`` at 0 (SVM) and a weight at 0 (L1).
    """
    rng = np.random.default_rng(seed)
    while True:
        W = rng.normal(size=(3, 4))
        b = rng.normal(size=3)
        X = rng.normal(size=(6, 4))
        y = rng.integers(0, 3, size=6)
        scores = X @ W.T + b
        hinge = scores - scores[np.arange(6), y][:, None] + margin
        if np.all(np.abs(hinge) > 1e-3) and np.all(np.abs(W) > 1e-3):
            return W, b, X, y


REGULARIZER_CASES = [None, *REGULARIZERS]


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("regularizer", REGULARIZER_CASES, ids=["none", *REGULARIZERS])
@pytest.mark.parametrize("loss", list(LOSSES))
def test_objective_gradients_match_centred_difference(loss: str, regularizer, seed: int) -> None:
    margin = 2.0
    W, b, X, y = _problem(seed, margin)
    kwargs = {"loss": loss, "margin": margin, "regularizer": regularizer, "lam": 0.3}
    result = objective(W, b, X, y, **kwargs)
    numeric_dW = centred_difference(lambda w: objective(w, b, X, y, **kwargs).total, W)
    numeric_db = centred_difference(lambda c: objective(W, c, X, y, **kwargs).total, b)
    np.testing.assert_allclose(result.dW, numeric_dW, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(result.db, numeric_db, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("regularizer", list(REGULARIZERS))
def test_objective_adds_lambda_times_penalty_and_leaves_the_bias_alone(regularizer: str) -> None:
    W, b, X, y = _problem(0, 1.0)
    plain = objective(W, b, X, y, loss=CE)
    regularized = objective(W, b, X, y, loss=CE, regularizer=regularizer, lam=0.5)
    penalty = REGULARIZERS[regularizer]
    assert regularized.data_loss == plain.data_loss
    assert regularized.reg_loss == pytest.approx(0.5 * float(penalty.penalty(W)), rel=1e-15)
    assert regularized.total == pytest.approx(plain.data_loss + regularized.reg_loss, rel=1e-15)
    np.testing.assert_allclose(regularized.dW, plain.dW + 0.5 * penalty.grad(W), rtol=1e-15)
    np.testing.assert_array_equal(regularized.db, plain.db)


def test_lambda_zero_means_no_regularization() -> None:
    W, b, X, y = _problem(1, 1.0)
    result = objective(W, b, X, y, regularizer="l2", lam=0.0)
    assert result.reg_loss == 0.0
    assert result.total == result.data_loss


def test_objective_on_the_lecture_model_is_the_slide_batch_loss() -> None:
    W, b = lecture_model()
    result = objective(W, b, LECTURE_PIXELS, LECTURE_LABELS, loss=SVM)
    dog = max(0, 6.2 - 3.0 + 1) + max(0, -2.1 - 3.0 + 1)
    bird = max(0, 0.9 - 5.1 + 1) + max(0, 3.4 - 5.1 + 1)
    truck = max(0, 1.6 - (-4.5) + 1) + max(0, 2.3 - (-4.5) + 1)
    np.testing.assert_allclose(result.per_sample, [dog, bird, truck], rtol=1e-9)
    assert result.total == pytest.approx((dog + bird + truck) / 3, rel=1e-9)


@pytest.mark.parametrize("loss", list(LOSSES))
def test_one_step_is_w_minus_eta_times_the_gradient(loss: str) -> None:
    W, b = lecture_model()
    start = objective(W, b, LECTURE_PIXELS, LECTURE_LABELS, loss=loss)
    W1, b1, history = gradient_descent(
        W, b, LECTURE_PIXELS, LECTURE_LABELS, steps=1, learning_rate=0.1, loss=loss
    )
    np.testing.assert_allclose(W1, W - 0.1 * start.dW, rtol=1e-15)
    np.testing.assert_allclose(b1, b - 0.1 * start.db, rtol=1e-15)
    assert history.shape == (2,)
    assert history[0] == start.total
    assert history[1] == objective(W1, b1, LECTURE_PIXELS, LECTURE_LABELS, loss=loss).total


@pytest.mark.parametrize("loss", [CE, MSE])
def test_small_steps_lower_a_smooth_loss_every_time(loss: str) -> None:
    W, b = lecture_model()
    _, _, history = gradient_descent(
        W, b, LECTURE_PIXELS, LECTURE_LABELS, steps=30, learning_rate=0.1, loss=loss
    )
    assert history.shape == (31,)
    assert np.all(np.diff(history) < 0)


def test_zero_steps_change_nothing_and_inputs_are_not_modified() -> None:
    W, b = lecture_model()
    W_before, b_before = W.copy(), b.copy()
    W0, b0, history = gradient_descent(
        W, b, LECTURE_PIXELS, LECTURE_LABELS, steps=0, learning_rate=0.5
    )
    np.testing.assert_array_equal(W0, W_before)
    np.testing.assert_array_equal(b0, b_before)
    assert history.shape == (1,)
    gradient_descent(W, b, LECTURE_PIXELS, LECTURE_LABELS, steps=3, learning_rate=0.5)
    np.testing.assert_array_equal(W, W_before)
    np.testing.assert_array_equal(b, b_before)


def test_svm_training_reaches_zero_loss_on_the_lecture_batch() -> None:
    W, b = lecture_model()
    _, _, history = gradient_descent(
        W, b, LECTURE_PIXELS, LECTURE_LABELS, steps=50, learning_rate=1.0, loss=SVM
    )
    assert history[0] > 6 and history[-1] == 0.0
