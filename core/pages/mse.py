"""Math of the mean squared error page: the lecture's example, MSE vs cross-entropy, gradients.

The lecture's loss is ``L_i = (1/K) ||s - y_i||^2 = (1/K) sum_j (s_j - y_i(j))^2``
with a one-hot target ``y_i`` (1 at the correct class, 0 elsewhere); the loss
itself is ``core.losses.mse_loss``. Three parts:

* ``mse_parts``: every term of the lecture's sum (scores ``(K,)``), with
  cross-entropy on the same scores, and ``slide_rounding``: the slide writes
  Case 2's 12.25 / 3 = 4.0833... as 4.1.
* ``losses_vs_correct_score``: both losses as the correct class's score moves,
  the others fixed. MSE is smallest at ``s_y = 1`` (the one-hot target) and
  grows again above it: it punishes a confident correct answer. Cross-entropy
  keeps falling.
* The gradient of a wrongly classified example with respect to the
  pre-activation ``z``, when the loss is taken on a squashed output
  (``p = sigmoid(z)`` or ``p = softmax(z)``): MSE's ``|dL/dz|`` carries the
  factor ``p (1 - p)`` and vanishes as the output saturates on the wrong side;
  cross-entropy's is ``|p - 1|``, near 1 there. Analytic gradients here, checked
  against centred differences in ``tests/core/pages/test_mse.py``.

Numpy only; ``scores`` follow the package convention (classes on the last axis).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core._checks import as_class_scores, as_float_array, as_labels
from core.losses import cross_entropy_loss, mse_loss, one_hot
from core.memo import memoize
from core.softmax import sigmoid, softmax

LECTURE_SCORES = (1.5, -2.0, 1.0)
LECTURE_CLASSES = ("Car", "Bird", "Dog")
SLIDE_LOSSES = {0: 1.75, 1: 4.1}  # label -> the loss the slide writes (Case 1, Case 2)
MEMO_SIZE = 32


# --------------------------------------------------------------------- one sample
@dataclass(frozen=True)
class MseParts:
    """Every number of the worked MSE sum for one sample; arrays are ``(K,)``.

    ``too_right`` marks the terms of scores already past their target on the
    right side (the correct class above 1, a wrong class below 0): MSE still
    charges them.
    """

    scores: np.ndarray
    label: int
    targets: np.ndarray
    diffs: np.ndarray  # s_j - y_j
    squared: np.ndarray  # (s_j - y_j)^2
    total: float  # sum_j (s_j - y_j)^2
    loss: float  # total / K
    cross_entropy: float  # -log softmax(s)_y on the same scores
    too_right: np.ndarray

    @property
    def num_classes(self) -> int:
        return int(self.scores.shape[0])


def mse_parts(scores, label: int) -> MseParts:
    """The terms ``(s_j - y_j)^2``, their sum, the loss (sum / K) and cross-entropy.

    ``scores`` is ``(K,)``, ``label`` an int in ``[0, K)``.

    >>> parts = mse_parts([1.5, -2.0, 1.0], 1)
    >>> parts.squared.tolist(), parts.total, round(parts.loss, 4)
    ([2.25, 9.0, 1.0], 12.25, 4.0833)
    """
    s = as_class_scores(scores)
    if s.ndim != 1:
        raise ValueError(f"mse_parts takes the scores of one sample, got shape {s.shape}.")
    s = s.astype(np.float64)
    y = int(as_labels(label, s))
    targets = one_hot(y, s.shape[0]).astype(np.float64)
    diffs = s - targets
    squared = diffs * diffs
    too_right = np.where(targets == 1.0, s > 1.0, s < 0.0)
    return MseParts(
        scores=s,
        label=y,
        targets=targets,
        diffs=diffs,
        squared=squared,
        total=float(squared.sum()),
        loss=float(mse_loss(s, y)),
        cross_entropy=float(cross_entropy_loss(s, y)),
        too_right=too_right,
    )


@dataclass(frozen=True)
class SlideRounding:
    """What the slide writes for a loss, and the exact value: ``total / k``."""

    written: float
    exact: float
    total: float
    k: int


def slide_rounding(scores, label: int) -> SlideRounding | None:
    """Where the slide's printed loss differs from the exact one for these very inputs.

    Only the lecture's scores [1.5, -2, 1.0] with label 0 (Case 1) or 1 (Case 2)
    are the slide's cases; Case 1's 1.75 is exact, Case 2's 4.1 is
    12.25 / 3 = 4.0833... rounded. None for every other input.

    >>> note = slide_rounding([1.5, -2.0, 1.0], 1)
    >>> note.written, note.total, note.k, round(note.exact, 5)
    (4.1, 12.25, 3, 4.08333)
    >>> slide_rounding([1.5, -2.0, 1.0], 0) is None
    True
    """
    s = np.asarray(scores, dtype=np.float64)
    if s.shape != (len(LECTURE_SCORES),) or not np.allclose(s, LECTURE_SCORES, rtol=0, atol=0):
        return None
    if label not in SLIDE_LOSSES:
        return None
    parts = mse_parts(s, label)
    written = SLIDE_LOSSES[label]
    if written == parts.loss:
        return None
    return SlideRounding(written, parts.loss, parts.total, parts.num_classes)


# ------------------------------------------------------- as the correct score moves
def with_correct_score(scores, label: int, values) -> np.ndarray:
    """A batch ``(n, K)``: ``scores`` ``(K,)`` with the correct score replaced by each value.

    >>> with_correct_score([1.5, -2.0, 1.0], 0, [0.0, 3.0]).tolist()
    [[0.0, -2.0, 1.0], [3.0, -2.0, 1.0]]
    """
    s = as_class_scores(scores).astype(np.float64)
    y = int(as_labels(label, s))
    v = as_float_array(values, "values").astype(np.float64).ravel()
    batch = np.repeat(s[None, :], v.shape[0], axis=0)
    batch[:, y] = v
    return batch


def correct_score_grid(correct: float, spread: float, n: int = 161) -> np.ndarray:
    """``n`` correct scores covering ``correct ± spread`` and at least [-3, 5] (the target 1
    with room on both sides), so the marker and the minimum of MSE are both on the chart.

    >>> g = correct_score_grid(1.5, 6.0); float(g[0]), float(g[-1]), g.shape
    (-4.5, 7.5, (161,))
    """
    low = min(correct - spread, -3.0)
    high = max(correct + spread, 5.0)
    return np.linspace(low, high, n)


@memoize(MEMO_SIZE)
def losses_vs_correct_score(scores, label: int, values) -> tuple[np.ndarray, np.ndarray]:
    """MSE and cross-entropy ``(n,)`` each as the correct score takes each of ``values``.

    The other scores stay fixed. MSE ``= ((v - 1)^2 + sum_{j != y} s_j^2) / K`` is a
    parabola with its minimum at the target ``v = 1``; cross-entropy
    ``log(1 + sum_{j != y} e^{s_j - v})`` falls for every larger ``v``.
    """
    batch = with_correct_score(scores, label, values)
    labels = np.full(batch.shape[0], int(label))
    return mse_loss(batch, labels), cross_entropy_loss(batch, labels)


# ------------------------------------------- gradients through a squashed output
def _target(target) -> np.ndarray:
    t = np.asarray(target, dtype=np.float64)
    if np.any((t < 0) | (t > 1)) or not np.all(np.isfinite(t)):
        raise ValueError("the target of a sigmoid output must lie between 0 and 1.")
    return t


def sigmoid_mse_loss(z, target=1.0) -> np.ndarray:
    """``L = (sigmoid(z) - t)^2``: squared error on a sigmoid output. Shape of ``z``.

    >>> float(sigmoid_mse_loss(0.0))
    0.25
    """
    return np.square(sigmoid(as_float_array(z, "z")) - _target(target))


def sigmoid_mse_grad(z, target=1.0) -> np.ndarray:
    """``dL/dz = 2 (p - t) p (1 - p)`` with ``p = sigmoid(z)``: the factor ``p (1 - p)``
    vanishes as ``p`` saturates at 0 or 1. Shape of ``z``.

    >>> float(sigmoid_mse_grad(0.0))
    -0.25
    """
    p = sigmoid(as_float_array(z, "z"))
    return 2.0 * (p - _target(target)) * p * (1.0 - p)


def sigmoid_ce_loss(z, target=1.0) -> np.ndarray:
    """Binary cross-entropy ``-t log p - (1 - t) log(1 - p)``, ``p = sigmoid(z)``, computed
    as ``t softplus(-z) + (1 - t) softplus(z)`` (finite for every finite ``z``).

    >>> round(float(sigmoid_ce_loss(0.0)), 6)
    0.693147
    """
    zz = as_float_array(z, "z").astype(np.float64)
    t = _target(target)
    return t * np.logaddexp(0.0, -zz) + (1.0 - t) * np.logaddexp(0.0, zz)


def sigmoid_ce_grad(z, target=1.0) -> np.ndarray:
    """``dL/dz = p - t``, ``p = sigmoid(z)``: no saturating factor. Shape of ``z``.

    >>> float(sigmoid_ce_grad(0.0))
    -0.5
    """
    return sigmoid(as_float_array(z, "z")) - _target(target)


def softmax_mse_loss(scores, labels):
    """``L_i = (1/K) sum_j (p_j - y_j)^2`` with ``p = softmax(s)``: MSE on the probabilities.

    Shapes: ``(K,)`` -> scalar, ``(N, K)`` -> ``(N,)``.

    >>> round(float(softmax_mse_loss([0.0, 0.0], 0)), 6)  # ((0.5 - 1)^2 + 0.5^2) / 2
    0.25
    """
    s = as_class_scores(scores)
    return mse_loss(softmax(s), labels)


def softmax_mse_grad(scores, labels) -> np.ndarray:
    """``dL_i/ds = J^T g`` with ``g = (2/K)(p - y)`` and the softmax Jacobian
    ``J = diag(p) - p p^T``: ``p * (g - sum_j p_j g_j)``. Shape of ``scores``.

    Every entry carries a factor ``p_j``; for the correct class it is
    ``p_y (g_y - p.g)``, which vanishes as ``p_y`` goes to 0 (wrong and sure).
    """
    s = as_class_scores(scores)
    y = as_labels(labels, s)
    p = softmax(s.astype(np.float64))
    g = p.copy()
    np.put_along_axis(g, y[..., None], np.take_along_axis(g, y[..., None], axis=-1) - 1, axis=-1)
    g *= 2.0 / s.shape[-1]
    return p * (g - np.sum(p * g, axis=-1, keepdims=True))


def softmax_ce_grad(scores, labels) -> np.ndarray:
    """``dL_i/ds = p - y`` (``core.losses.cross_entropy_grad``), here for symmetry."""
    s = as_class_scores(scores)
    y = as_labels(labels, s)
    return softmax(s.astype(np.float64)) - one_hot(y, s.shape[-1])


@dataclass(frozen=True)
class GradientCurves:
    """``|dL/dz|`` of MSE and cross-entropy ``(n,)`` at each pre-activation ``z`` ``(n,)``,
    and the output ``p`` (the correct class's probability) there."""

    z: np.ndarray
    mse: np.ndarray
    ce: np.ndarray
    p: np.ndarray


OUTPUTS = ("sigmoid", "softmax")


@memoize(MEMO_SIZE)
def gradient_curves(output: str, z, scores=None, label: int = 0) -> GradientCurves:
    """``gradients`` over a whole grid of ``z``, cached (the chart's curves)."""
    return gradients(output, z, scores, label)


def gradients(output: str, z, scores=None, label: int = 0) -> GradientCurves:
    """``|dL/dz|`` under both losses of a positive example (target 1) at each ``z`` ``(n,)``.

    ``output="sigmoid"``: ``p = sigmoid(z)``, one output unit, target 1; ``z < 0``
    classifies the example wrong. ``output="softmax"``: ``scores`` ``(K,)`` with
    the correct class ``label``; ``z`` is the correct score's margin over the best
    other score (``s_y = max_{j != y} s_j + z``, the rest fixed), and the curves are
    the correct class's component ``|dL/ds_y|``. ``z < 0``: classified wrong.
    """
    zz = as_float_array(z, "z").astype(np.float64).ravel()
    if output == "sigmoid":
        return GradientCurves(
            zz, np.abs(sigmoid_mse_grad(zz)), np.abs(sigmoid_ce_grad(zz)), sigmoid(zz)
        )
    if output != "softmax":
        raise ValueError(f"output must be one of {', '.join(OUTPUTS)}, got {output!r}.")
    if scores is None:
        raise ValueError("a softmax output needs the other classes' scores.")
    s = as_class_scores(scores).astype(np.float64)
    y = int(as_labels(label, s))
    batch = with_correct_score(s, y, np.max(np.delete(s, y)) + zz)
    labels = np.full(zz.shape[0], y)
    mse = np.abs(softmax_mse_grad(batch, labels)[:, y])
    ce = np.abs(softmax_ce_grad(batch, labels)[:, y])
    return GradientCurves(zz, mse, ce, softmax(batch)[:, y])
