"""Classification losses and their gradients with respect to the scores.

Conventions shared by every function here:

* ``scores`` is a float array ``(K,)`` for one sample or ``(N, K)`` for a batch.
* ``labels`` is an int for one sample or an int array ``(N,)``, values in ``[0, K)``.
* Losses are per sample: a scalar for one sample, shape ``(N,)`` for a batch
  (no reduction; the batch loss of the lecture is ``loss.mean()``).
* Gradients are of the per-sample loss ``L_i`` with respect to its own scores
  and have the shape of ``scores``; the gradient of the batch mean is ``grad / N``.
* Bad input raises ``ValueError`` with a message that says what to fix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core._checks import as_class_scores, as_finite_number, as_float_array, as_labels
from core.softmax import softmax


def _scalar_if_single(values: np.ndarray, scores: np.ndarray):
    """Per-sample results: a NumPy scalar for one sample, ``(N,)`` for a batch."""
    return values[()] if scores.ndim == 1 else values


def one_hot(labels, num_classes: int) -> np.ndarray:
    """One-hot encode integer labels: ``t[..., y] = 1``, zeros elsewhere.

    Shapes: int -> ``(K,)``; ``(N,)`` -> ``(N, K)``; float64.

    >>> one_hot([2, 0], 3).tolist()
    [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    """
    if isinstance(num_classes, bool) or not isinstance(num_classes, (int, np.integer)):
        raise ValueError(f"num_classes must be an integer, got {num_classes!r}.")
    if num_classes < 2:
        raise ValueError(f"need at least two classes, got num_classes={num_classes}.")
    arr = np.asarray(labels)
    template = np.empty(arr.shape + (int(num_classes),))
    y = as_labels(arr, template)
    return (y[..., None] == np.arange(num_classes)).astype(np.float64)


def svm_margins(scores, labels, *, margin: float = 1.0) -> np.ndarray:
    """The hinge terms ``max(0, s_j - s_{y_i} + margin)``, set to 0 at ``j = y_i``.

    Shapes: same as ``scores``. ``svm_loss`` is their sum over classes.

    >>> svm_margins([3.0, 6.2, -2.1], 0).round(2).tolist()  # the lecture's dog image
    [0.0, 4.2, 0.0]
    """
    s = as_class_scores(scores)
    return _hinge_terms(s, as_labels(labels, s), as_finite_number(margin, "margin"))


def _hinge_terms(s: np.ndarray, y: np.ndarray, delta: float) -> np.ndarray:
    """``svm_margins`` on already validated input (shared by the loss and its gradient)."""
    correct = np.take_along_axis(s, y[..., None], axis=-1)
    with np.errstate(over="ignore"):
        terms = s - correct  # a new array; the in-place steps below reuse it
        terms += delta
    np.maximum(terms, 0, out=terms)
    np.put_along_axis(terms, y[..., None], 0, axis=-1)
    return terms


def svm_loss(scores, labels, *, margin: float = 1.0):
    """Multiclass SVM (hinge) loss ``L_i = sum_{j != y_i} max(0, s_j - s_{y_i} + margin)``.

    Summed over the wrong classes, not divided by K. ``margin`` is the
    lecture's Δ. Shapes: ``(K,)`` -> scalar, ``(N, K)`` -> ``(N,)``.

    >>> float(svm_loss([15.0, -3.0, 7.0], 1, margin=1.0))  # 19 + 11
    30.0
    """
    s = as_class_scores(scores)
    return _scalar_if_single(np.sum(svm_margins(s, labels, margin=margin), axis=-1), s)


def svm_loss_naive(scores, labels, *, margin: float = 1.0) -> float:
    """Batch-mean SVM loss with explicit loops, CS231n's ``svm_loss_naive`` style.

    For teaching only (the page can show its source): the same number as
    ``svm_loss(scores, labels, margin=margin).mean()``, computed one term at
    a time exactly as the formula reads.
    """
    s = as_class_scores(scores)
    y = np.atleast_1d(as_labels(labels, s))  # checked like svm_loss: one label per row
    s = np.atleast_2d(s)
    delta = as_finite_number(margin, "margin")
    total = 0.0
    for i in range(s.shape[0]):
        for j in range(s.shape[1]):
            if j == y[i]:
                continue
            total += max(0.0, s[i, j] - s[i, y[i]] + delta)
    return total / s.shape[0]


def svm_loss_grad(scores, labels, *, margin: float = 1.0) -> np.ndarray:
    """Gradient ``dL_i/ds`` of the multiclass SVM loss.

    Formula: ``dL_i/ds_j = 1[s_j - s_{y_i} + margin > 0]`` for ``j != y_i``
    and ``dL_i/ds_{y_i} = -(number of classes with a positive term)``.
    At a kink (a term exactly 0) the subgradient 0 is used.
    Shapes: same as ``scores``.

    >>> svm_loss_grad([3.0, 6.2, -2.1], 0).tolist()
    [-1.0, 1.0, 0.0]
    """
    s = as_class_scores(scores)
    y = as_labels(labels, s)
    active = (_hinge_terms(s, y, as_finite_number(margin, "margin")) > 0).astype(s.dtype)
    count = np.sum(active, axis=-1, keepdims=True)
    np.put_along_axis(active, y[..., None], -count, axis=-1)
    return active


def _ova_terms(s: np.ndarray, y: np.ndarray, delta: float) -> np.ndarray:
    """The one-vs-all hinge terms ``max(0, margin - t_ij s_j)`` on validated input.

    ``margin - t_ij s_j`` is ``margin + s_j`` for a wrong class and
    ``margin - s_{y_i}`` at the label. Shape of ``s``; a new array.
    """
    terms = s.copy()
    np.put_along_axis(terms, y[..., None], -np.take_along_axis(s, y[..., None], axis=-1), axis=-1)
    with np.errstate(over="ignore"):  # |s| + margin past 1.8e308 is inf, the true value
        terms += delta
    np.maximum(terms, 0, out=terms)
    return terms


def ova_svm_loss(scores, labels, *, margin: float = 1.0):
    """One-vs-all SVM: ``L_i = sum_j max(0, margin - t_ij s_j)``, ``t_ij = +1 if j = y_i else -1``.

    K independent binary hinge losses, one per class: the correct class's
    score should be at least ``margin``, every other score at most
    ``-margin``. Summed over all K classes, not divided by K. Unlike
    ``svm_loss`` it compares each score with a fixed threshold, not with the
    other scores, so adding a constant to all scores changes it.
    Shapes: ``(K,)`` -> scalar, ``(N, K)`` -> ``(N,)``.

    >>> float(ova_svm_loss([3.0, 6.2, -2.1], 0))  # dog: only the bird term 1 + 6.2 is positive
    7.2
    """
    s = as_class_scores(scores)
    terms = _ova_terms(s, as_labels(labels, s), as_finite_number(margin, "margin"))
    with np.errstate(over="ignore"):
        return _scalar_if_single(np.sum(terms, axis=-1), s)


def ova_svm_loss_grad(scores, labels, *, margin: float = 1.0) -> np.ndarray:
    """Gradient ``dL_i/ds`` of the one-vs-all SVM loss.

    Formula: ``dL_i/ds_j = -t_ij 1[margin - t_ij s_j > 0]``: +1 for a wrong
    class scoring above ``-margin``, -1 at ``y_i`` if its score is below
    ``margin``, else 0. At a kink (a term exactly 0) the subgradient 0 is used.
    Shapes: same as ``scores``.

    >>> ova_svm_loss_grad([3.0, 6.2, -2.1], 0).tolist()
    [0.0, 1.0, 0.0]
    """
    s = as_class_scores(scores)
    y = as_labels(labels, s)
    grad = (_ova_terms(s, y, as_finite_number(margin, "margin")) > 0).astype(s.dtype)
    at_label = 0.0 - np.take_along_axis(grad, y[..., None], axis=-1)  # 0.0 - 0 is 0, not -0
    np.put_along_axis(grad, y[..., None], at_label, axis=-1)
    return grad


def _structured_term(s: np.ndarray, y: np.ndarray, delta: float) -> tuple[np.ndarray, np.ndarray]:
    """``max_{j != y_i} s_j - s_{y_i} + margin`` (not clipped) and the worst wrong class.

    Both shaped ``scores.shape[:-1] + (1,)``; the class is the first argmax.
    """
    wrong = s.copy()
    np.put_along_axis(wrong, y[..., None], -np.inf, axis=-1)
    worst = np.argmax(wrong, axis=-1)[..., None]
    correct = np.take_along_axis(s, y[..., None], axis=-1)
    with np.errstate(over="ignore"):  # same operations as _hinge_terms, so the same values
        term = np.take_along_axis(s, worst, axis=-1) - correct
        term += delta
    return term, worst


def structured_svm_loss(scores, labels, *, margin: float = 1.0):
    """Structured (Crammer–Singer) SVM ``L_i = max(0, max_{j != y_i} s_j - s_{y_i} + margin)``.

    Only the highest-scoring wrong class counts, so it is at most
    ``svm_loss`` (which sums every wrong class's term) and equals it for
    K = 2. Adding a constant to all scores leaves it unchanged.
    Shapes: ``(K,)`` -> scalar, ``(N, K)`` -> ``(N,)``.

    >>> float(structured_svm_loss([1.6, 2.3, -4.5], 2))  # truck: max(1.6, 2.3) + 4.5 + 1
    7.8
    """
    s = as_class_scores(scores)
    term, _ = _structured_term(s, as_labels(labels, s), as_finite_number(margin, "margin"))
    return _scalar_if_single(np.maximum(term[..., 0], 0), s)


def structured_svm_loss_grad(scores, labels, *, margin: float = 1.0) -> np.ndarray:
    """Gradient ``dL_i/ds`` of the structured (Crammer–Singer) SVM loss.

    Formula: with ``j* = argmax_{j != y_i} s_j``, ``dL_i/ds_{j*} = +1`` and
    ``dL_i/ds_{y_i} = -1`` when ``s_{j*} - s_{y_i} + margin > 0``, every other
    entry 0. When several wrong classes tie for the highest score, ``j*`` is
    the first of them (lowest index), a valid subgradient. At a kink (the
    term exactly 0) the subgradient 0 is used. Shapes: same as ``scores``.

    >>> structured_svm_loss_grad([1.6, 2.3, -4.5], 2).tolist()
    [0.0, 1.0, -1.0]
    >>> structured_svm_loss_grad([0.0, 5.0, 5.0], 0).tolist()  # a tie: the first wrong class
    [-1.0, 1.0, 0.0]
    """
    s = as_class_scores(scores)
    y = as_labels(labels, s)
    term, worst = _structured_term(s, y, as_finite_number(margin, "margin"))
    active = (term > 0).astype(s.dtype)
    grad = np.zeros_like(s)
    np.put_along_axis(grad, worst, active, axis=-1)
    np.put_along_axis(grad, y[..., None], 0.0 - active, axis=-1)  # 0.0 - 0 is 0, not -0
    return grad


def cross_entropy_loss(scores, labels):
    """Softmax cross-entropy ``L_i = -log(e^{s_{y_i}} / sum_j e^{s_j})``.

    Computed in the log domain as ``(m - s_{y_i}) + log1p(sum_{j != k} e^{s_j - m})``
    with ``m = max s = s_k``: ``log(sum_j e^{s_j - m})`` is ``log(1 + r)`` because
    the max's own term is ``e^0 = 1``, and ``log1p`` keeps a tiny ``r``. Both
    parts are >= 0, so the loss is never negative, scores of 1e300 give a
    finite value, and when the correct class leads by ``g`` the loss is about
    ``(K - 1) e^{-g}`` (1e-17 at g = 37), not a rounded 0, until that
    underflows (g > about 745). Relative error about 1e-15 wherever the
    differences ``s_j - m`` are exact. Shapes: ``(K,)`` -> scalar,
    ``(N, K)`` -> ``(N,)``.

    >>> round(float(cross_entropy_loss([10.0, 9.0, 9.0], 0)), 4)
    0.5514
    >>> float(cross_entropy_loss([40.0, 0.0], 0))  # e^{-40}: never exactly 0
    4.248354255291589e-18
    """
    s = as_class_scores(scores)
    y = as_labels(labels, s)
    top_index = np.argmax(s, axis=-1)[..., None]
    top = np.take_along_axis(s, top_index, axis=-1)
    correct = np.take_along_axis(s, y[..., None], axis=-1)
    with np.errstate(over="ignore"):
        shifted = s - top
    np.exp(shifted, out=shifted)
    np.put_along_axis(shifted, top_index, 0, axis=-1)  # the max's e^0 = 1 is the 1 of log1p
    loss = (top - correct) + np.log1p(np.sum(shifted, axis=-1, keepdims=True))
    return _scalar_if_single(loss[..., 0], s)


def cross_entropy_grad(scores, labels) -> np.ndarray:
    """Gradient ``dL_i/ds = softmax(s) - onehot(y_i)`` of the cross-entropy loss.

    Shapes: same as ``scores``; each row sums to 0.

    >>> cross_entropy_grad([0.0, 0.0], 1).tolist()
    [0.5, -0.5]
    """
    s = as_class_scores(scores)
    y = as_labels(labels, s)
    grad = softmax(s)
    correct = np.take_along_axis(grad, y[..., None], axis=-1)
    np.put_along_axis(grad, y[..., None], correct - 1, axis=-1)
    return grad


def _residual(scores: np.ndarray, targets) -> np.ndarray:
    """``s - t`` as a new array, for targets shaped like ``scores`` or integer labels.

    Labels are one-hot encoded implicitly: subtracting 1 at ``y_i`` avoids
    building the ``(N, K)`` one-hot array.
    """
    if np.shape(targets) == scores.shape:
        with np.errstate(over="ignore"):
            return scores - as_float_array(targets, "targets").astype(scores.dtype, copy=False)
    y = as_labels(targets, scores)[..., None]
    residual = scores.copy()
    np.put_along_axis(residual, y, np.take_along_axis(residual, y, axis=-1) - 1, axis=-1)
    return residual


def mse_loss(scores, targets):
    """Mean squared error ``L_i = (1/K) sum_j (s_j - t_j)^2`` against one-hot or given targets.

    ``targets`` are integer labels (encoded one-hot, as in the lecture) or an
    array shaped like ``scores``. Averaged over the K classes, not summed.
    Shapes: ``(K,)`` -> scalar, ``(N, K)`` -> ``(N,)``. Differences beyond
    about 1e154 square past the float64 range and give inf (the true value).

    >>> float(mse_loss([1.5, -2.0, 1.0], 0))  # (0.25 + 4 + 1) / 3
    1.75
    """
    s = as_class_scores(scores)
    squared = _residual(s, targets)
    with np.errstate(over="ignore"):
        squared *= squared
    return _scalar_if_single(np.mean(squared, axis=-1), s)


def mse_grad(scores, targets) -> np.ndarray:
    """Gradient ``dL_i/ds = (2/K)(s - t)`` of the mean squared error.

    Shapes: same as ``scores``.

    >>> mse_grad([1.5, -2.0, 1.0], 0).tolist()
    [0.3333333333333333, -1.3333333333333333, 0.6666666666666666]
    """
    s = as_class_scores(scores)
    grad = _residual(s, targets)
    grad *= 2.0 / s.shape[-1]
    return grad


@dataclass(frozen=True)
class Loss:
    """A loss and its score gradient, as listed in ``LOSSES`` under a short id.

    ``params`` names the keyword parameters both functions take beyond
    ``(scores, labels)`` (the SVM's ``margin``), so a caller passes exactly those.
    """

    name: str  # the display name, for a select box
    loss: Callable
    grad: Callable
    formula: str  # LaTeX, for st.latex
    params: tuple[str, ...] = ()


# Keyed by short ids (they go into links and code); ``name`` is for people.
LOSSES: dict[str, Loss] = {
    "svm": Loss(
        "Multiclass SVM (hinge)",
        svm_loss,
        svm_loss_grad,
        r"L_i = \sum_{j \neq y_i} \max(0,\ s_j - s_{y_i} + \Delta)",
        params=("margin",),
    ),
    "ova": Loss(
        "One-vs-all SVM (binary hinge per class)",
        ova_svm_loss,
        ova_svm_loss_grad,
        r"L_i = \sum_j \max(0,\ \Delta - t_{ij} s_j),\quad "
        r"t_{ij} = \begin{cases} +1 & j = y_i \\ -1 & j \neq y_i \end{cases}",
        params=("margin",),
    ),
    "cs": Loss(
        "Structured SVM (Crammer–Singer: worst wrong class only)",
        structured_svm_loss,
        structured_svm_loss_grad,
        r"L_i = \max\left(0,\ \max_{j \neq y_i} s_j - s_{y_i} + \Delta\right)",
        params=("margin",),
    ),
    "ce": Loss(
        "Softmax cross-entropy",
        cross_entropy_loss,
        cross_entropy_grad,
        r"L_i = -\log \frac{e^{s_{y_i}}}{\sum_j e^{s_j}}",
    ),
    "mse": Loss(
        "Mean squared error",
        mse_loss,
        mse_grad,
        r"L_i = \frac{1}{K} \sum_j (s_j - y_{i,j})^2",
    ),
}
