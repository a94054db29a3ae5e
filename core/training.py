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
from core.linear import linear_scores
from core.losses import LOSSES
from core.regularization import REGULARIZERS


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


def objective(
    W,
    b,
    X,
    y,
    *,
    loss: str = "svm",
    margin: float = 1.0,
    regularizer: str | None = None,
    lam: float = 0.0,
    l1_ratio: float = 0.5,
) -> Objective:
    """Regularized batch loss ``L = (1/N) sum_i L_i + lambda R(W)`` and ``dL/dW``, ``dL/db``.

    Shapes: ``W`` ``(K, D)``, ``b`` ``(K,)``, ``X`` ``(N, D)``, ``y`` ``(N,)``.
    The chain rule through ``s = X W^T + b``: ``dL/dW = (dL/ds)^T X``,
    ``dL/db = sum_i dL/ds_i``, with ``dL/ds = grad(L_i) / N``. The bias is
    not regularized. ``l1_ratio`` is the elastic net's mix (ignored by L1 and L2).
    """
    scores = linear_scores(W, X, b)
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; choose one of {', '.join(LOSSES)}.")
    chosen = LOSSES[loss]
    kwargs = {"margin": margin} if "margin" in chosen.params else {}
    per_sample = np.atleast_1d(chosen.loss(scores, y, **kwargs))
    dscores = np.atleast_2d(chosen.grad(scores, y, **kwargs)) / per_sample.shape[0]
    x = np.atleast_2d(X)
    dW = dscores.T @ x
    db = dscores.sum(axis=0)
    lam = as_finite_number(lam, "lambda")
    reg_loss = 0.0
    if regularizer is not None and lam != 0.0:
        reg = REGULARIZERS[regularizer]
        reg_kwargs = {"l1_ratio": l1_ratio} if "l1_ratio" in reg.params else {}
        reg_loss = lam * float(reg.penalty(W, **reg_kwargs))
        dW = dW + lam * reg.grad(W, **reg_kwargs)
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
