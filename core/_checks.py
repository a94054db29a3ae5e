"""Input validation shared by every ``core`` module.

Each check raises ``ValueError`` with a sentence a student can act on; the
callers stay short and the messages stay the same across functions.
"""

from __future__ import annotations

import numpy as np


def as_float_array(values, name: str = "scores", *, allow_nonfinite: bool = False) -> np.ndarray:
    """Return ``values`` as a non-empty real float array (a copy only when needed).

    Floating inputs keep their dtype (float32 stays float32); integers and
    booleans become float64. Strings, objects and complex numbers are refused.
    """
    try:
        arr = np.asarray(values)
    except (ValueError, TypeError) as exc:  # ragged lists
        raise ValueError(f"{name} must be a rectangular array of numbers ({exc}).") from None
    if arr.dtype.kind in "iub":
        arr = arr.astype(np.float64)
    elif arr.dtype.kind != "f":
        raise ValueError(f"{name} must be real numbers, got values of type {arr.dtype}.")
    if arr.size == 0:
        raise ValueError(f"{name} is empty: enter at least one value.")
    if not allow_nonfinite and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinity: every value must be a finite number.")
    return arr


def as_scores(scores, *, axis: int = -1, allow_nonfinite: bool = False) -> np.ndarray:
    """Validate a score array: at least 1-D, at least two classes along ``axis``."""
    arr = as_float_array(scores, "scores", allow_nonfinite=allow_nonfinite)
    if arr.ndim == 0:
        raise ValueError("scores must be a vector of class scores, got a single number.")
    try:
        num_classes = arr.shape[axis]
    except IndexError:
        raise ValueError(f"axis {axis} is out of range for scores of shape {arr.shape}.") from None
    if num_classes < 2:
        raise ValueError(f"scores need at least two classes, got {num_classes}.")
    return arr


def as_class_scores(scores) -> np.ndarray:
    """Validate scores shaped ``(K,)`` for one sample or ``(N, K)`` for a batch."""
    arr = as_scores(scores)
    if arr.ndim > 2:
        raise ValueError(f"scores must be shaped (K,) or (N, K), got shape {arr.shape}.")
    return arr


def as_labels(labels, scores: np.ndarray) -> np.ndarray:
    """Validate integer class labels against ``scores`` and return them as an int array.

    One sample ``(K,)`` takes a single integer; a batch ``(N, K)`` takes ``N``
    integers. Every label must lie in ``[0, K)``.
    """
    arr = np.asarray(labels)
    if arr.dtype.kind not in "iu":
        raise ValueError(
            f"labels must be integer class indices, got {_preview(labels)} (type {arr.dtype})."
        )
    expected = scores.shape[:-1]
    if arr.shape != expected:
        want = "one integer label" if not expected else f"{expected[0]} labels, one per row"
        raise ValueError(
            f"scores of shape {scores.shape} need {want}; got labels of shape {arr.shape}."
        )
    num_classes = scores.shape[-1]
    bad = (arr < 0) | (arr >= num_classes)
    if np.any(bad):
        raise ValueError(
            f"labels must lie in [0, {num_classes}) for {num_classes} classes; "
            f"got {_preview(arr[bad])}."
        )
    return arr.astype(np.intp)


def as_finite_number(value, name: str) -> float:
    """Return ``value`` as a finite Python float or raise ``ValueError``."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}.") from None
    if not np.isfinite(number):
        raise ValueError(f"{name} must be finite, got {number}.")
    return number


def _preview(values) -> str:
    """Short text for an error message; never dumps a huge array."""
    text = np.array2string(np.asarray(values).ravel(), threshold=6, edgeitems=3)
    return text if len(text) <= 80 else text[:77] + "..."
