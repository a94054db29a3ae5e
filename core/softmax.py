"""Softmax and its relatives, stable and naive, plus the slide's "standard normalization".

All functions act along ``axis`` (default: the last, the class axis), so a
``(K,)`` vector is one sample and an ``(N, K)`` array is a batch of ``N``.
"""

from __future__ import annotations

import numpy as np

from core._checks import as_scores


def logsumexp(scores, axis: int = -1) -> np.ndarray:
    """Stable ``log(sum_j exp(s_j))`` along ``axis``.

    Formula: ``m + log(sum_j exp(s_j - m))`` with ``m = max_j s_j``, so no
    exponent is positive and nothing overflows.
    Shapes: ``(K,)`` -> scalar, ``(N, K)`` -> ``(N,)`` (the axis is reduced).

    >>> float(logsumexp([1000.0, 1000.0]))  # 1000 + log 2
    1000.6931471805599
    """
    s = as_scores(scores, axis=axis)
    top = np.max(s, axis=axis, keepdims=True)
    with np.errstate(over="ignore"):
        total = np.sum(np.exp(s - top), axis=axis, keepdims=True)
    return np.squeeze(top + np.log(total), axis=axis)[()]  # a NumPy scalar for one sample


def log_softmax(scores, axis: int = -1) -> np.ndarray:
    """Stable ``log softmax(s)_j = s_j - logsumexp(s)`` along ``axis``.

    Shapes: same as ``scores``. Every entry is ``<= 0``.

    >>> log_softmax([0.0, 0.0]).round(4).tolist()
    [-0.6931, -0.6931]
    """
    s = as_scores(scores, axis=axis)
    top = np.max(s, axis=axis, keepdims=True)
    with np.errstate(over="ignore"):
        shifted = s - top
    shifted -= np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))
    return shifted


def softmax(scores, axis: int = -1) -> np.ndarray:
    """Stable softmax ``p_j = exp(s_j - m) / sum_k exp(s_k - m)`` with ``m = max s``.

    Subtracting the maximum does not change the result (it cancels between
    numerator and denominator) but keeps every exponent <= 0, so scores of
    1e300 give 0s and 1s instead of inf / NaN. A float32 input stays float32;
    integers become float64. The input is never modified.
    Shapes: same as ``scores``; each slice along ``axis`` sums to 1.

    >>> softmax([1.0, 2.0]).round(4).tolist()
    [0.2689, 0.7311]
    """
    s = as_scores(scores, axis=axis)
    with np.errstate(over="ignore"):
        e = s - np.max(s, axis=axis, keepdims=True)  # a new array: the input is untouched
    np.exp(e, out=e)  # in place: one allocation for the whole function
    e /= np.sum(e, axis=axis, keepdims=True)
    return e


def softmax_naive(scores, axis: int = -1) -> np.ndarray:
    """The slide's version 1: ``exp(s) / sum(exp(s))``, with no max shift.

    Kept to *show* the overflow: ``exp`` overflows to inf past about 88.7 in
    float32 and 709.8 in float64, and inf / inf is NaN. Unlike the slide's
    version 2 it never modifies its input. NaN and inf inputs are allowed
    (they are what this function is for) and no floating-point warning is
    emitted. A float32 input stays float32.
    Shapes: same as ``scores``.

    >>> softmax_naive([1000.0, 0.0]).tolist()
    [nan, 0.0]
    """
    s = as_scores(scores, axis=axis, allow_nonfinite=True)
    with np.errstate(all="ignore"):
        e = np.exp(s)
        return e / np.sum(e, axis=axis, keepdims=True)


def std_normalize(scores, axis: int = -1) -> np.ndarray:
    """The slide's "standard normalization" ``s_j / sum_k s_k`` along ``axis``.

    It only looks at proportions: ``[1, 2]`` and ``[10, 20]`` both give
    ``[1/3, 2/3]``. With negative scores the outputs can be negative or above
    1, so they are not probabilities. Raises ``ValueError`` where the scores
    sum to 0 (within rounding: ``|sum| <= 8 eps sum|s|``), where it is
    undefined. Computed on ``s / max|s|`` so huge scores do not overflow.
    Shapes: same as ``scores``.

    >>> std_normalize([10.0, 20.0]).round(4).tolist()
    [0.3333, 0.6667]
    """
    s = as_scores(scores, axis=axis)
    scale = np.max(np.abs(s), axis=axis, keepdims=True)
    scale = np.where(scale == 0, 1, scale)
    scaled = s / scale
    total = np.sum(scaled, axis=axis, keepdims=True)
    tolerance = 8 * np.finfo(s.dtype).eps * np.sum(np.abs(scaled), axis=axis, keepdims=True)
    if np.any(np.abs(total) <= tolerance):
        raise ValueError(
            "standard normalization is undefined here: the scores sum to 0, "
            "so s / sum(s) divides by zero. Softmax has no such problem."
        )
    return scaled / total


def sigmoid(z) -> np.ndarray:
    """Logistic sigmoid ``1 / (1 + e^{-z})``, stable for any finite ``z`` (no overflow).

    The K = 2 softmax: ``softmax([0, z])_1 = sigmoid(z)``. Shape of ``z``, float64.

    >>> sigmoid([0.0, 1000.0, -1000.0]).tolist()
    [0.5, 1.0, 0.0]
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # <= 1, never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
