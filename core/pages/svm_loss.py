"""Math of the multiclass SVM loss page: the score table's numbers, Quiz 1, and K = 2.

Builds on ``core.losses`` (``svm_margins``, ``svm_loss``, ``svm_loss_grad``):

* ``svm_breakdown``: every number of the lecture's score table in one call;
* ``svm_quiz``: the lecture's Quiz 1, answered for the scores at hand;
* ``ScoreTable`` and ``make_table``: the editable table (classes x images, labels),
  validated with messages that say what to fix;
* ``lecture_check``: the lecture table's losses against the slide's "Loss" row;
* ``binary_hinge_loss`` and ``two_class_as_binary``: with K = 2 the multiclass
  loss is the binary hinge ``max(0, 1 - y w^T x)`` with ``w = w_1 - w_0``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from core._checks import as_class_scores, as_finite_number, as_float_array, as_labels
from core.lecture import LECTURE_CLASSES, LECTURE_LABELS, LECTURE_SCORES
from core.losses import svm_loss, svm_loss_grad, svm_margins
from core.memo import memoize

# ------------------------------------------------------------------ the score table
MAX_CLASSES = 8
MAX_IMAGES = 8
MAX_NAME = 20
SCORE_LIMIT = 1e6
# Letters (any script), digits, spaces and . ' ( ) + -: safe in LaTeX \text{}, Plotly text
# and a URL list; no comma (the URL separator), no markup characters.
_NAME = re.compile(r"[^\W_](?:[^\W_]|[ .'()+-])*")


@dataclass(frozen=True)
class ScoreTable:
    """Class names ``(K,)``, scores ``(K, N)`` (rows = classes, as on the slide), labels (N,)."""

    classes: tuple[str, ...]
    scores: np.ndarray
    labels: np.ndarray

    @property
    def per_image(self) -> np.ndarray:
        """Scores with one row per image, ``(N, K)``: the layout ``core`` takes."""
        return self.scores.T

    @property
    def image_names(self) -> tuple[str, ...]:
        return tuple(f"image {i + 1}" for i in range(self.scores.shape[1]))

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ScoreTable)
            and self.classes == other.classes
            and np.array_equal(self.scores, other.scores)
            and np.array_equal(self.labels, other.labels)
        )

    __hash__ = None  # mutable arrays inside


LECTURE_TABLE = ScoreTable(LECTURE_CLASSES, LECTURE_SCORES.T.copy(), LECTURE_LABELS.copy())


def make_table(classes, scores, labels) -> ScoreTable:
    """Validate the three parts; raise ``ValueError`` with a sentence saying what to fix."""
    names = tuple(classes)
    if len(names) < 2:
        raise ValueError("The SVM loss needs at least two classes: add a class row.")
    if len(names) > MAX_CLASSES:
        raise ValueError(f"At most {MAX_CLASSES} classes fit the charts; remove a class row.")
    for k, name in enumerate(names):
        if not name:
            raise ValueError(f"Class row {k + 1} has no name: type one.")
        if len(name) > MAX_NAME or not _NAME.fullmatch(name):
            raise ValueError(
                f"Class row {k + 1}: use up to {MAX_NAME} letters, digits, spaces or . ' ( ) + - "
                "in a class name."
            )
    if len({n.casefold() for n in names}) < len(names):
        raise ValueError("Two classes have the same name: give every class its own.")
    s = np.asarray(scores, dtype=float)
    if s.ndim != 2 or s.shape[0] != len(names) or s.shape[1] < 1:
        raise ValueError(f"Scores need one row per class ({len(names)}) and at least one image.")
    if s.shape[1] > MAX_IMAGES:
        raise ValueError(f"At most {MAX_IMAGES} images fit the charts; remove an image.")
    if not np.all(np.abs(s) <= SCORE_LIMIT):
        raise ValueError(
            f"Scores must be finite numbers between -{SCORE_LIMIT:g} and {SCORE_LIMIT:g}."
        )
    y = np.asarray(labels)
    if y.shape != (s.shape[1],):
        raise ValueError(f"Type one label per image: {s.shape[1]} labels, got {y.size}.")
    if np.any((y < 0) | (y >= len(names))):
        raise ValueError(
            f"Labels are class rows numbered from 0: each must lie in [0, {len(names)}) "
            f"for {len(names)} classes."
        )
    return ScoreTable(names, s, y.astype(np.int64))


# ------------------------------------------------------------------ the lecture's slide
SLIDE_LOSSES = (4.2, 0.0, 14.9)  # the slide's "Loss" row under the Dog / Bird / Truck table


@dataclass(frozen=True)
class LectureCheck:
    """The lecture table at Δ = 1 against its slide, where the slide stops at
    ``L = (4.2 + 0 + 14.9)/3``.

    ``losses`` ``(3,)`` are computed; ``matches`` says whether they equal
    ``SLIDE_LOSSES`` (up to float rounding); ``total`` is ``sum L_i`` and
    ``batch_loss`` ``total / 3``, the number the slide leaves unevaluated.
    """

    losses: np.ndarray
    matches: bool
    total: float
    batch_loss: float


def lecture_check(table: ScoreTable, *, margin: float) -> LectureCheck | None:
    """Compare the lecture's table with its slide; None for any other table or Δ != 1.

    >>> c = lecture_check(LECTURE_TABLE, margin=1.0)
    >>> c.matches, round(c.total, 9), round(c.batch_loss, 6)
    (True, 19.1, 6.366667)
    """
    if margin != 1.0 or table != LECTURE_TABLE:
        return None
    losses = svm_loss(table.per_image, table.labels, margin=1.0)
    total = float(losses.sum())
    matches = bool(np.allclose(losses, SLIDE_LOSSES, rtol=0.0, atol=1e-9))
    return LectureCheck(losses, matches, total, total / len(losses))


# ------------------------------------------------------------------ the numbers
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


@memoize(maxsize=64)
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
