"""The training pipeline in NumPy: a linear model, a loss, a regularizer, gradient descent.

``objective`` evaluates ``L = (1/N) sum_i L_i(W x_i + b, y_i) + lambda R(W)``
and its gradients; ``gradient_descent`` repeats the update
``W <- W - eta dL/dW``. Losses and regularizers are named by their keys in
``core.losses.LOSSES`` and ``core.regularization.REGULARIZERS``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core._checks import as_finite_number
from core.linear import bias_trick, linear_scores
from core.losses import LOSSES
from core.regularization import REGULARIZERS

SVM = "Multiclass SVM (hinge)"

# The lecture's three-image batch (the "Example for Multiclass SVM" slide):
# columns are the dog, bird and truck images, rows the dog / bird / truck
# class scores. Stored here once, one row per image, so every page and test
# uses the same numbers.
LECTURE_CLASSES = ("Dog", "Bird", "Truck")
LECTURE_SCORES = np.array(
    [
        [3.0, 6.2, -2.1],  # dog image
        [0.9, 5.1, 3.4],  # bird image
        [1.6, 2.3, -4.5],  # truck image
    ]
)
LECTURE_LABELS = np.array([0, 1, 2])
# Four made-up pixel intensities per image: the slide gives scores, not
# pixels, so ``lecture_model`` fits weights that reproduce its scores exactly.
LECTURE_PIXELS = np.array(
    [
        [0.9, 0.6, 0.3, 0.2],
        [0.2, 0.8, 0.9, 0.4],
        [0.5, 0.1, 0.2, 0.9],
    ]
)


@dataclass(frozen=True)
class Objective:
    """One evaluation of the regularized loss and its gradients.

    ``scores`` is ``(N, K)``, ``per_sample`` is ``(N,)``; ``dW`` has the
    shape of ``W`` and ``db`` of ``b``.
    """

    scores: np.ndarray
    per_sample: np.ndarray
    data_loss: float
    reg_loss: float
    total: float
    dW: np.ndarray
    db: np.ndarray


def lecture_model() -> tuple[np.ndarray, np.ndarray]:
    """Weights ``(W, b)`` of shape ``(3, 4)`` and ``(3,)`` whose scores on
    ``LECTURE_PIXELS`` are exactly ``LECTURE_SCORES``.

    Found with the bias trick: the smallest ``[W b]`` (least norm) solving
    ``[X 1] [W b]^T = S``; three images, five unknowns per class, so the fit
    is exact.
    """
    num_classes = LECTURE_SCORES.shape[1]
    _, x_aug = bias_trick(
        np.zeros((num_classes, LECTURE_PIXELS.shape[1])), np.zeros(num_classes), LECTURE_PIXELS
    )
    w_aug = np.linalg.lstsq(x_aug, LECTURE_SCORES, rcond=None)[0].T
    return w_aug[:, :-1], w_aug[:, -1]


def objective(
    W,
    b,
    X,
    y,
    *,
    loss: str = SVM,
    margin: float = 1.0,
    regularizer: str | None = None,
    lam: float = 0.0,
) -> Objective:
    """Regularized batch loss ``L = (1/N) sum_i L_i + lambda R(W)`` and ``dL/dW``, ``dL/db``.

    Shapes: ``W`` ``(K, D)``, ``b`` ``(K,)``, ``X`` ``(N, D)``, ``y`` ``(N,)``.
    The chain rule through ``s = X W^T + b``: ``dL/dW = (dL/ds)^T X``,
    ``dL/db = sum_i dL/ds_i``, with ``dL/ds = grad(L_i) / N``. The bias is
    not regularized.
    """
    scores = linear_scores(W, X, b)
    chosen = LOSSES[loss]
    kwargs = {"margin": margin} if loss == SVM else {}
    per_sample = np.atleast_1d(chosen.loss(scores, y, **kwargs))
    dscores = np.atleast_2d(chosen.grad(scores, y, **kwargs)) / per_sample.shape[0]
    x = np.atleast_2d(X)
    dW = dscores.T @ x
    db = dscores.sum(axis=0)
    lam = as_finite_number(lam, "lambda")
    reg_loss = 0.0
    if regularizer is not None and lam != 0.0:
        reg = REGULARIZERS[regularizer]
        reg_loss = lam * float(reg.penalty(W))
        dW = dW + lam * reg.grad(W)
    data_loss = float(per_sample.mean())
    return Objective(scores, per_sample, data_loss, reg_loss, data_loss + reg_loss, dW, db)


def gradient_descent(
    W,
    b,
    X,
    y,
    *,
    steps: int,
    learning_rate: float,
    **objective_kwargs,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Run ``steps`` full-batch updates ``W <- W - eta dL/dW``, ``b <- b - eta dL/db``.

    Returns the final ``(W, b)`` and the objective before each step and after
    the last, shape ``(steps + 1,)``.
    """
    eta = as_finite_number(learning_rate, "learning rate")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise ValueError(f"steps must be a whole number, 0 or more; got {steps!r}.")
    W = np.array(W, dtype=np.float64)
    b = np.array(b, dtype=np.float64)
    history = np.empty(int(steps) + 1)
    for step in range(int(steps)):
        current = objective(W, b, X, y, **objective_kwargs)
        history[step] = current.total
        W = W - eta * current.dW
        b = b - eta * current.db
    history[-1] = objective(W, b, X, y, **objective_kwargs).total
    return W, b, history
