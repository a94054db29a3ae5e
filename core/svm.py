"""Multiclass SVM teaching math: the loss table, its quiz, the margin, K = 2, and Δ's scale.

Builds on ``core.losses`` (``svm_margins``, ``svm_loss``, ``svm_loss_grad``) and adds
what the two SVM pages show beyond them:

* ``svm_breakdown``: every number of the lecture's score table in one call;
* ``svm_quiz``: the lecture's Quiz 1, answered for the scores at hand;
* ``margin_view`` and ``scale_check``: one image's margin band, and why Δ's value
  is arbitrary (scaling scores and Δ by ``c`` scales the loss by ``c``);
* ``binary_hinge_loss`` and ``two_class_as_binary``: with K = 2 the multiclass
  loss is the binary hinge ``max(0, 1 - y w^T x)`` with ``w = w_1 - w_0``;
* ``blobs``, ``train_linear_svm``, ``decision_regions``: a seeded 2D dataset and
  full-batch gradient descent on ``(1/N) sum_i L_i + λ ||W||^2`` for several Δ at
  once (batched over runs, vectorized over samples and classes).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core._checks import as_class_scores, as_finite_number, as_float_array, as_labels
from core.losses import svm_loss, svm_loss_grad, svm_margins

DRAW = 100.0  # how far the quiz lowers a correct score to show that L_i has no maximum


@dataclass(frozen=True)
class SvmBreakdown:
    """Every number of a score table: ``terms`` and ``grad`` are ``(N, K)``, ``losses`` ``(N,)``."""

    terms: np.ndarray
    losses: np.ndarray
    batch_loss: float
    grad: np.ndarray


def svm_breakdown(scores, labels, *, margin: float = 1.0) -> SvmBreakdown:
    """The hinge terms, ``L_i``, the batch loss ``L = (1/N) sum_i L_i`` and ``dL_i/ds``.

    ``scores`` is ``(N, K)`` (one row per image), ``labels`` ``(N,)``.

    >>> b = svm_breakdown([[3.0, 6.2, -2.1], [0.9, 5.1, 3.4], [1.6, 2.3, -4.5]], [0, 1, 2])
    >>> b.losses.round(2).tolist(), round(b.batch_loss, 3)
    ([4.2, 0.0, 14.9], 6.367)
    """
    s = np.atleast_2d(as_class_scores(scores))
    y = np.atleast_1d(labels)
    terms = svm_margins(s, y, margin=margin)
    losses = terms.sum(axis=-1)
    grad = svm_loss_grad(s, y, margin=margin)
    return SvmBreakdown(terms, losses, float(losses.mean()), grad)


def svm_loss_all_classes(scores, labels, *, margin: float = 1.0):
    """The loss if the sum also ran over ``j = y_i``: ``sum_j max(0, s_j - s_{y_i} + Δ)``.

    The extra term is ``max(0, s_{y_i} - s_{y_i} + Δ) = max(0, Δ)``, so every
    ``L_i`` grows by Δ (for Δ >= 0). Shapes: ``(K,)`` -> scalar, ``(N, K)`` -> ``(N,)``.

    >>> float(svm_loss_all_classes([3.0, 6.2, -2.1], 0))  # 4.2 + 1
    5.2
    """
    s = as_class_scores(scores)
    y = as_labels(labels, s)
    delta = as_finite_number(margin, "margin")
    correct = np.take_along_axis(s, y[..., None], axis=-1)
    total = np.maximum(0.0, s - correct + delta).sum(axis=-1)
    return total[()] if s.ndim == 1 else total


@dataclass(frozen=True)
class SvmQuiz:
    """Quiz 1 of the lecture, answered for a batch ``(N, K)``; per-image arrays are ``(N,)``.

    * ``raised_correct``: the correct score ``max_{j != y_i} s_j + Δ`` at which
      ``L_i`` reaches its minimum ``lowest`` (0 for every image);
    * ``lowered``: ``L_i`` once the correct score drops by ``DRAW``: it grows by
      ``(K - 1)`` per unit, without bound, so ``L_i`` has no maximum;
    * ``zero_scores``: ``L_i`` when every score is 0, ``(K - 1) Δ``;
    * ``all_classes_increase``: how much each ``L_i`` grows if the sum also runs
      over ``j = y_i`` (Δ).
    """

    raised_correct: np.ndarray
    lowest: np.ndarray
    lowered: np.ndarray
    zero_scores: float
    all_classes_increase: np.ndarray


def svm_quiz(scores, labels, *, margin: float = 1.0) -> SvmQuiz:
    """Answer the lecture's Quiz 1 by computing, not by formula, for the given scores.

    >>> q = svm_quiz([[3.0, 6.2, -2.1]], [0], margin=1.0)
    >>> q.raised_correct.tolist(), q.lowest.tolist(), q.zero_scores
    ([7.2], [0.0], 2.0)
    """
    s = np.atleast_2d(as_class_scores(scores))
    y = as_labels(np.atleast_1d(labels), s)
    delta = as_finite_number(margin, "margin")
    rows = np.arange(s.shape[0])
    others = s.copy()
    others[rows, y] = -np.inf
    raised_correct = others.max(axis=-1) + delta
    raised = s.copy()
    raised[rows, y] = raised_correct
    lowered = s.copy()
    lowered[rows, y] -= DRAW
    zero_scores = float(svm_loss(np.zeros(s.shape[-1]), 0, margin=delta))
    increase = svm_loss_all_classes(s, y, margin=delta) - svm_loss(s, y, margin=delta)
    return SvmQuiz(
        raised_correct,
        svm_loss(raised, y, margin=delta),
        svm_loss(lowered, y, margin=delta),
        zero_scores,
        increase,
    )


@dataclass(frozen=True)
class MarginView:
    """One image on the margin page: ``diffs`` ``s_j - s_{y_i}`` and ``terms``, shape ``(K,)``.

    ``band`` is ``(s_{y_i} - Δ, s_{y_i})``: a wrong class whose score is above
    its lower edge adds ``s_j - (s_{y_i} - Δ)`` to the loss (``inside`` marks them).
    """

    scores: np.ndarray
    label: int
    margin: float
    diffs: np.ndarray
    terms: np.ndarray
    inside: np.ndarray
    loss: float
    band: tuple[float, float]


def margin_view(scores, label: int, *, margin: float = 1.0) -> MarginView:
    """The margin band of one image and each wrong class's contribution to ``L_i``.

    >>> v = margin_view([15.0, -3.0, 7.0], 1, margin=20.0)  # the slide's Δ = 20, y = 1 case
    >>> v.terms.tolist(), v.loss, v.band
    ([38.0, 0.0, 30.0], 68.0, (-23.0, -3.0))
    """
    s = as_class_scores(scores)
    if s.ndim != 1:
        raise ValueError(f"margin_view takes one image's scores (K,), got shape {s.shape}.")
    y = int(as_labels(label, s))
    delta = as_finite_number(margin, "margin")
    terms = svm_margins(s, y, margin=delta)
    diffs = s - s[y]
    inside = terms > 0
    band = (float(s[y] - delta), float(s[y]))
    return MarginView(s, y, delta, diffs, terms, inside, float(terms.sum()), band)


def hinge(diffs, *, margin: float = 1.0) -> np.ndarray:
    """The hinge ``max(0, d + Δ)`` of score differences ``d = s_j - s_{y_i}``; shape of ``diffs``.

    >>> hinge([-25.0, -18.0, -8.0], margin=20.0).tolist()
    [0.0, 2.0, 12.0]
    """
    d = as_float_array(diffs, "score differences")
    return np.maximum(0.0, d + as_finite_number(margin, "margin"))


@dataclass(frozen=True)
class ScaleCheck:
    """``L_i`` and the predicted class before and after scaling scores and Δ by ``factor``."""

    factor: float
    loss: float
    scaled_loss: float
    prediction: int
    scaled_prediction: int


def scale_check(scores, label: int, *, margin: float, factor: float) -> ScaleCheck:
    """Scale the scores and Δ by ``c > 0``: the prediction stays, the loss becomes ``c L_i``.

    Because ``max(0, c s_j - c s_y + c Δ) = c max(0, s_j - s_y + Δ)`` for ``c > 0``.

    >>> c = scale_check([15.0, -3.0, 7.0], 1, margin=20.0, factor=0.5)
    >>> c.loss, c.scaled_loss, c.prediction == c.scaled_prediction
    (68.0, 34.0, True)
    """
    s = as_class_scores(scores)
    c = as_finite_number(factor, "scale factor")
    if c <= 0:
        raise ValueError(f"the scale factor must be positive, got {c:g}.")
    delta = as_finite_number(margin, "margin")
    return ScaleCheck(
        c,
        float(svm_loss(s, label, margin=delta)),
        float(svm_loss(c * s, label, margin=c * delta)),
        int(np.argmax(s)),
        int(np.argmax(c * s)),
    )


def binary_hinge_loss(w, X, y, *, margin: float = 1.0):
    """Binary SVM hinge loss ``L_i = max(0, margin - y_i w^T x_i)`` with ``y_i`` in {-1, +1}.

    Shapes: ``w`` ``(D,)``; ``X`` ``(D,)`` -> scalar or ``(N, D)`` -> ``(N,)``;
    ``y`` an int or ``(N,)`` of -1 / +1. No bias term: fold it into ``x`` with the
    bias trick (``core.linear.bias_trick``).

    >>> binary_hinge_loss([2.0, -1.0], [[1.0, 1.0], [0.0, 1.0]], [1, 1]).tolist()
    [0.0, 2.0]
    """
    weights = as_float_array(w, "w")
    x = as_float_array(X, "X")
    if weights.ndim != 1 or x.shape[-1] != weights.shape[0]:
        raise ValueError(f"w {weights.shape} and X {x.shape} must share the last dimension D.")
    signs = np.asarray(y)
    if signs.shape != x.shape[:-1] or not np.all(np.isin(signs, (-1, 1))):
        raise ValueError("binary labels must be -1 or +1, one per input.")
    delta = as_finite_number(margin, "margin")
    return np.maximum(0.0, delta - signs * (x @ weights))


def two_class_as_binary(W, labels) -> tuple[np.ndarray, np.ndarray]:
    """The binary SVM that a two-class multiclass SVM is: ``w = w_1 - w_0``, ``y = 2 y_i - 1``.

    With ``s = W x``: ``max(0, s_{1-y} - s_y + 1) = max(0, 1 - (±1) (w_1 - w_0)^T x)``.
    ``W`` is ``(2, D)``; labels ``0`` / ``1`` become ``-1`` / ``+1``.

    >>> w, y = two_class_as_binary([[1.0, 0.0], [3.0, 1.0]], [0, 1])
    >>> w.tolist(), y.tolist()
    ([2.0, 1.0], [-1, 1])
    """
    weights = as_float_array(W, "W")
    if weights.ndim != 2 or weights.shape[0] != 2:
        raise ValueError(f"W must have exactly two rows (two classes), got shape {weights.shape}.")
    y = as_labels(labels, np.empty(np.shape(labels) + (2,)))
    return weights[1] - weights[0], 2 * y - 1


@dataclass(frozen=True)
class TwoClassDemo:
    """Both losses on a grid of 1-D inputs, for true class 0 (row 0) and 1 (row 1): ``(2, P)``.

    ``w = w_1 - w_0`` (bias folded in, ``(2,)``); ``penalties`` are the L2 penalties
    ``||w_0||^2 + ||w_1||^2`` (multiclass), ``||w||^2`` (binary) and
    ``||w||^2 / 2``, the smallest multiclass penalty of any ``W`` with this ``w``.
    """

    multiclass: np.ndarray
    binary: np.ndarray
    w: np.ndarray
    penalties: tuple[float, float, float]

    @property
    def largest_gap(self) -> float:
        """``max |multiclass - binary|`` over the grid: 0 up to rounding."""
        return float(np.max(np.abs(self.multiclass - self.binary)))


def two_class_demo(W, x) -> TwoClassDemo:
    """K = 2 scores ``s_k = W[k, 0] x + W[k, 1]`` on inputs ``x`` ``(P,)``: multiclass vs binary.

    >>> d = two_class_demo([[-0.5, 0.5], [1.0, -0.5]], np.linspace(-3, 3, 7))
    >>> d.largest_gap, d.w.tolist()
    (0.0, [1.5, -1.0])
    """
    weights = as_float_array(W, "W")
    inputs = np.column_stack([as_float_array(x, "x"), np.ones(np.size(x))])  # bias trick
    scores = inputs @ weights.T
    multiclass = np.stack([svm_loss(scores, np.full(len(inputs), c)) for c in (0, 1)])
    w, _ = two_class_as_binary(weights, [0, 1])
    binary = np.stack(
        [binary_hinge_loss(w, inputs, np.full(len(inputs), 2 * c - 1)) for c in (0, 1)]
    )
    multi_penalty = float(np.sum(weights**2))
    binary_penalty = float(np.sum(w**2))
    return TwoClassDemo(multiclass, binary, w, (multi_penalty, binary_penalty, binary_penalty / 2))


def answer_matches(answer: float | None, value: float) -> bool:
    """A quiz answer counts when it is within 0.001 (absolute or relative) of the value."""
    return answer is not None and bool(np.isclose(answer, value, rtol=1e-3, atol=1e-3))


def blobs(
    n_samples: int = 90, *, seed: int = 0, noise: float = 0.8
) -> tuple[np.ndarray, np.ndarray]:
    """Three Gaussian blobs in 2D: ``X`` ``(n_samples, 2)``, ``y`` ``(n_samples,)`` in {0, 1, 2}.

    Centres on a circle of radius 2 (at 90°, 210° and 330°), each point with
    isotropic noise of standard deviation ``noise``; class ``i % 3`` for point
    ``i``. The same ``seed`` gives the same data, so a shared link does too.
    """
    if n_samples < 3:
        raise ValueError(f"need at least 3 points (one per class), got {n_samples}.")
    rng = np.random.default_rng(seed)
    angles = np.deg2rad([90.0, 210.0, 330.0])
    centres = 2.0 * np.column_stack([np.cos(angles), np.sin(angles)])
    y = np.arange(n_samples) % 3
    X = centres[y] + as_finite_number(noise, "noise") * rng.standard_normal((n_samples, 2))
    return X, y


@dataclass(frozen=True)
class LinearSvmFits:
    """``M`` gradient-descent runs: ``W`` (M, K, D), ``b`` (M, K), ``history`` (M, T + 1)."""

    margins: np.ndarray
    lams: np.ndarray
    W: np.ndarray
    b: np.ndarray
    history: np.ndarray

    @property
    def weight_norms(self) -> np.ndarray:
        """``||W||_2`` (Frobenius) of each run, shape ``(M,)``."""
        return np.sqrt(np.sum(self.W**2, axis=(1, 2)))


def _objective(W, b, X, y, margins, lams):
    """Batched ``(1/N) sum_i L_i + λ ||W||^2`` and its gradients for ``M`` runs at once."""
    n = X.shape[0]
    scores = np.einsum("nd,mkd->mnk", X, W) + b[:, None, :]
    correct = np.take_along_axis(scores, np.broadcast_to(y[None, :, None], (len(W), n, 1)), -1)
    terms = np.maximum(0.0, scores - correct + margins[:, None, None])
    terms[:, np.arange(n), y] = 0.0
    active = (terms > 0).astype(np.float64)
    active[:, np.arange(n), y] = -active.sum(axis=-1)
    dscores = active / n
    total = terms.sum(axis=(1, 2)) / n + lams * np.sum(W**2, axis=(1, 2))
    dW = np.einsum("mnk,nd->mkd", dscores, X) + 2.0 * lams[:, None, None] * W
    return total, dW, dscores.sum(axis=1)


def train_linear_svm(
    X,
    y,
    *,
    margins,
    lam,
    steps: int = 300,
    learning_rate: float = 0.05,
    num_classes: int = 3,
) -> LinearSvmFits:
    """Full-batch gradient descent on ``(1/N) sum_i L_i(W x_i + b; Δ) + λ ||W||^2``, one run per Δ.

    ``margins`` ``(M,)`` are the Δ values (each > 0); ``lam`` is one λ or one per
    run. Run ``m`` starts at ``W = 0`` and uses the step ``learning_rate * Δ_m``:
    the weights must grow like Δ, and with this step run ``m`` is exactly ``Δ_m``
    times the run with Δ = 1 and λ Δ_m (``objective(Δ W; Δ, λ) = Δ objective(W; 1, λ Δ)``).
    Shapes: ``X`` ``(N, D)``, ``y`` ``(N,)``.
    """
    x = as_float_array(X, "X")
    deltas = np.atleast_1d(as_float_array(margins, "margins")).astype(np.float64)
    if np.any(deltas <= 0):
        raise ValueError("every margin Δ must be positive to train.")
    lams = np.broadcast_to(as_float_array(lam, "lambda"), deltas.shape).astype(np.float64)
    labels = as_labels(y, np.empty((x.shape[0], num_classes)))
    W = np.zeros((deltas.size, num_classes, x.shape[1]))
    b = np.zeros((deltas.size, num_classes))
    eta = as_finite_number(learning_rate, "learning rate") * deltas
    history = np.empty((deltas.size, int(steps) + 1))
    for step in range(int(steps)):
        history[:, step], dW, db = _objective(W, b, x, labels, deltas, lams)
        W -= eta[:, None, None] * dW
        b -= eta[:, None] * db
    history[:, -1] = _objective(W, b, x, labels, deltas, lams)[0]
    return LinearSvmFits(deltas, lams, W, b, history)


def decision_regions(W, b, xs, ys) -> np.ndarray:
    """The predicted class ``argmax_k (W x + b)_k`` on a grid, for each run.

    ``W`` ``(M, K, 2)``, ``b`` ``(M, K)``, ``xs`` ``(P,)``, ``ys`` ``(Q,)``; returns
    int8 ``(M, Q, P)`` (rows follow ``ys``, as a heatmap's ``z``).
    """
    gx, gy = np.meshgrid(np.asarray(xs, float), np.asarray(ys, float))
    points = np.column_stack([gx.ravel(), gy.ravel()])
    scores = np.einsum("pd,mkd->mpk", points, np.asarray(W)) + np.asarray(b)[:, None, :]
    return scores.argmax(axis=-1).astype(np.int8).reshape(len(W), *gx.shape)


def region_agreement(regions: np.ndarray) -> np.ndarray:
    """Fraction of grid cells where each run predicts the same class as run 0, shape ``(M,)``."""
    return np.mean(regions == regions[:1], axis=(1, 2))


def accuracy(W, b, X, y) -> np.ndarray:
    """Training accuracy of each run, shape ``(M,)``."""
    scores = np.einsum("nd,mkd->mnk", np.asarray(X, float), np.asarray(W)) + np.asarray(b)[:, None]
    return np.mean(scores.argmax(axis=-1) == np.asarray(y), axis=1)
