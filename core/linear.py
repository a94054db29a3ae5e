"""The linear score function ``f(x) = W x + b`` and the bias trick."""

from __future__ import annotations

import numpy as np

from core._checks import as_float_array


def _weights_and_inputs(W, X) -> tuple[np.ndarray, np.ndarray]:
    """Validate ``W`` as ``(K, D)`` with ``K >= 2`` and ``X`` as ``(D,)`` or ``(N, D)``."""
    w = as_float_array(W, "W")
    x = as_float_array(X, "X")
    if w.ndim != 2:
        raise ValueError(f"W must be a (K, D) matrix, one row per class; got shape {w.shape}.")
    if w.shape[0] < 2:
        raise ValueError(f"W needs at least two classes (rows), got {w.shape[0]}.")
    if x.ndim not in (1, 2):
        raise ValueError(f"X must be one input (D,) or a batch (N, D); got shape {x.shape}.")
    if x.shape[-1] != w.shape[1]:
        raise ValueError(
            f"W has {w.shape[1]} columns but each input has {x.shape[-1]} values; they must match."
        )
    return w, x


def _bias(b, num_classes: int) -> np.ndarray:
    bias = as_float_array(b, "b")
    if bias.shape != (num_classes,):
        raise ValueError(
            f"b must hold one value per class ({num_classes}), got shape {bias.shape}."
        )
    return bias


def linear_scores(W, X, b=None) -> np.ndarray:
    """Class scores ``s = X @ W.T + b`` of a linear classifier.

    Shapes: ``W`` is ``(K, D)``, ``X`` is ``(D,)`` (one input) or ``(N, D)``,
    ``b`` is ``(K,)`` or None; the result is ``(K,)`` or ``(N, K)``.

    >>> linear_scores([[1.0, 0.0], [0.0, 2.0]], [3.0, 4.0], [0.5, -1.0]).tolist()
    [3.5, 7.0]
    """
    w, x = _weights_and_inputs(W, X)
    scores = x @ w.T
    if b is not None:
        scores = scores + _bias(b, w.shape[0])
    return scores


def bias_trick(W, b, X) -> tuple[np.ndarray, np.ndarray]:
    """Fold the bias into the weights: ``W_aug = [W b]`` and ``X_aug = [X 1]``.

    Then ``linear_scores(W_aug, X_aug) == linear_scores(W, X, b)``: one matrix
    product instead of a product and a sum. Shapes: ``W_aug`` is
    ``(K, D + 1)``; ``X_aug`` is ``(D + 1,)`` or ``(N, D + 1)``.

    >>> W_aug, x_aug = bias_trick([[1.0, 0.0], [0.0, 2.0]], [0.5, -1.0], [3.0, 4.0])
    >>> W_aug.tolist(), x_aug.tolist()
    ([[1.0, 0.0, 0.5], [0.0, 2.0, -1.0]], [3.0, 4.0, 1.0])
    """
    w, x = _weights_and_inputs(W, X)
    bias = _bias(b, w.shape[0])
    w_aug = np.hstack([w, bias[:, None]])
    ones = np.ones(x.shape[:-1] + (1,), dtype=x.dtype)
    x_aug = np.concatenate([x, ones], axis=-1)
    return w_aug, x_aug


def predict(W, X, b=None) -> np.ndarray:
    """The predicted class ``argmax_k s_k`` of ``s = X @ W.T + b`` (ties: the lowest k).

    Shapes: ``W`` ``(K, D)``, ``X`` ``(D,)`` or ``(N, D)``, ``b`` ``(K,)`` or None; the
    result is an int (one input) or an int array ``(N,)``.

    >>> predict([[1.0, 0.0], [0.0, 2.0]], [[3.0, 1.0], [1.0, 3.0]]).tolist()
    [0, 1]
    """
    scores = linear_scores(W, X, b)
    labels = np.argmax(scores, axis=-1)
    return int(labels) if labels.ndim == 0 else labels
