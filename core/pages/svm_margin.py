"""Math of the SVM margin page: one image's margin band, and why Δ's value is arbitrary.

* ``margin_view`` and ``hinge``: the band ``(s_y - Δ, s_y]`` and each wrong class's term,
  with every wrong class sorted into above the correct score, inside the band, or
  beaten by at least Δ;
* ``slide_mismatch``: the lecture's margin slide, case by case, where its numbers
  differ from the computed ones (``SLIDE_CASES``);
* ``scale_check``: scaling scores and Δ by ``c`` scales the loss by ``c``;
* ``train_linear_svm``, ``decision_regions``: full-batch gradient descent on
  ``(1/N) sum_i L_i + λ ||W||^2`` for several Δ at once (batched over runs,
  vectorized over samples and classes), on ``core.datasets.blobs``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core._checks import as_class_scores, as_finite_number, as_float_array, as_labels
from core.datasets import blobs
from core.losses import svm_loss, svm_margins
from core.memo import memoize
from core.sweeps import sweep_values


@dataclass(frozen=True)
class MarginView:
    """One image on the margin page: ``diffs`` ``s_j - s_{y_i}`` and ``terms``, shape ``(K,)``.

    ``band`` is ``(s_{y_i} - Δ, s_{y_i})``. Every wrong class is in exactly one of
    three boolean masks ``(K,)`` (the correct class is in none):

    * ``above``: ``s_j > s_{y_i}``, it beats the correct score; adds more than Δ;
    * ``inside``: ``s_{y_i} - Δ < s_j <= s_{y_i}``, inside the band; adds ``(0, Δ]``;
    * ``beaten``: ``s_j <= s_{y_i} - Δ``, beaten by at least Δ; adds 0.

    A wrong class adds ``s_j - (s_{y_i} - Δ)`` to the loss exactly when it is
    ``above`` or ``inside`` (``adds``).
    """

    scores: np.ndarray
    label: int
    margin: float
    diffs: np.ndarray
    terms: np.ndarray
    above: np.ndarray
    inside: np.ndarray
    beaten: np.ndarray
    loss: float
    band: tuple[float, float]

    @property
    def adds(self) -> np.ndarray:
        """The wrong classes that are not beaten by the margin: their terms are > 0."""
        return self.above | self.inside


def margin_view(scores, label: int, *, margin: float = 1.0) -> MarginView:
    """The margin band of one image and each wrong class's contribution to ``L_i``.

    >>> v = margin_view([15.0, -3.0, 7.0], 1, margin=20.0)  # the slide's Δ = 20, y = 1 case
    >>> v.terms.tolist(), v.loss, v.band
    ([38.0, 0.0, 30.0], 68.0, (-23.0, -3.0))
    >>> v.above.tolist(), v.inside.tolist(), v.beaten.tolist()  # 15 and 7 lie above -3
    ([True, False, True], [False, False, False], [False, False, False])
    """
    s = as_class_scores(scores)
    if s.ndim != 1:
        raise ValueError(f"margin_view takes one image's scores (K,), got shape {s.shape}.")
    y = int(as_labels(label, s))
    delta = as_finite_number(margin, "margin")
    terms = svm_margins(s, y, margin=delta)
    diffs = s - s[y]
    wrong = np.arange(s.shape[0]) != y
    adds = wrong & (terms > 0)
    above = adds & (diffs > 0)
    inside = adds & ~above
    beaten = wrong & ~adds
    band = (float(s[y] - delta), float(s[y]))
    return MarginView(s, y, delta, diffs, terms, above, inside, beaten, float(terms.sum()), band)


# ------------------------------------------------------------------ the lecture's margin slides
LECTURE_SCORES = (15.0, -3.0, 7.0)  # s = [s_0, s_1, s_2] on the slides


@dataclass(frozen=True)
class SlideCase:
    """One case of the lecture's margin slides as the slide writes it: the two terms and L_i."""

    margin: float
    label: int
    terms: tuple[float, float]  # the wrong classes' terms, in class order
    loss: float


SLIDE_CASES = (
    SlideCase(1.0, 0, (0.0, 0.0), 0.0),
    SlideCase(1.0, 1, (19.0, 11.0), 30.0),
    SlideCase(20.0, 0, (2.0, 12.0), 14.0),
    SlideCase(20.0, 1, (38.0, 10.0), 48.0),  # max(0, 7 - (-3) + 20) is 30, not 10
)


@dataclass(frozen=True)
class SlideMismatch:
    """Where a slide case's numbers differ from the computed ones.

    ``wrong`` are the classes ``j`` whose term the slide gets wrong; ``terms`` and
    ``loss`` are computed, ``slide`` is the case as the slide writes it.
    """

    slide: SlideCase
    wrong: tuple[int, ...]
    terms: np.ndarray
    loss: float


def slide_mismatch(scores, label: int, *, margin: float) -> SlideMismatch | None:
    """The slide's numbers for this case when they differ from the computed ones, else None.

    None too for any input that is not one of the slide's cases (``LECTURE_SCORES``
    with the Δ and y of a ``SLIDE_CASES`` entry).

    >>> m = slide_mismatch([15.0, -3.0, 7.0], 1, margin=20.0)
    >>> m.slide.loss, m.loss, m.wrong
    (48.0, 68.0, (2,))
    >>> slide_mismatch([15.0, -3.0, 7.0], 0, margin=20.0) is None  # the slide is right: 14
    True
    """
    s = as_class_scores(scores)
    if s.shape != (3,) or not np.array_equal(s, LECTURE_SCORES):
        return None
    case = next((c for c in SLIDE_CASES if (c.margin, c.label) == (margin, label)), None)
    if case is None:
        return None
    view = margin_view(s, label, margin=margin)
    others = [j for j in range(3) if j != label]
    wrong = tuple(
        j for j, v in zip(others, case.terms, strict=True) if not np.isclose(view.terms[j], v)
    )
    if not wrong and np.isclose(view.loss, case.loss):
        return None
    return SlideMismatch(case, wrong, view.terms, view.loss)


@dataclass(frozen=True)
class MarginSweep:
    """One image's margin band and terms for each Δ of a sweep (the page's Play).

    ``margins`` ``(n,)``; ``terms`` ``(n, K)`` (0 at the correct class); ``loss`` and
    ``low`` (the band's lower edge ``s_{y_i} - Δ``) ``(n,)``; ``index``: the slider's Δ.
    """

    margins: np.ndarray
    terms: np.ndarray
    loss: np.ndarray
    low: np.ndarray
    index: int


def margin_sweep(scores, label: int, margins, *, current: float) -> MarginSweep:
    """``svm_margins`` of one image for every Δ in ``margins`` (with ``current`` put in), at once.

    >>> sw = margin_sweep([15.0, -3.0, 7.0], 1, [0.0, 20.0], current=1.0)
    >>> sw.margins.tolist(), sw.loss.tolist(), sw.index
    ([0.0, 1.0, 20.0], [28.0, 30.0, 68.0], 1)
    """
    s = as_class_scores(scores)
    if s.ndim != 1:
        raise ValueError(f"margin_sweep takes one image's scores (K,), got shape {s.shape}.")
    y = int(as_labels(label, s))
    deltas, index = sweep_values(margins, current)
    terms = np.maximum(0.0, (s - s[y])[None, :] + deltas[:, None])
    terms[:, y] = 0.0
    return MarginSweep(deltas, terms, terms.sum(axis=1), s[y] - deltas, index)


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


# The page's experiment: three margins trained side by side on the seeded blobs.
DELTAS = np.array([1.0, 5.0, 20.0])
REGION_GRID = np.linspace(-4.5, 4.5, 61)  # decision-region grid, both axes
N_POINTS = 90


@dataclass(frozen=True)
class DeltaRuns:
    """``train_for_deltas``'s result: the data, the fits, their regions and how they compare.

    ``X`` ``(N, 2)``, ``y`` ``(N,)``, ``regions`` ``(3, 61, 61)`` on ``REGION_GRID``,
    ``agreement`` and ``accuracy`` ``(3,)``, one per Δ in ``DELTAS``.
    """

    X: np.ndarray
    y: np.ndarray
    fits: LinearSvmFits
    regions: np.ndarray
    agreement: np.ndarray
    accuracy: np.ndarray


@memoize(maxsize=32)
def train_for_deltas(lam: float, compensate: bool, seed: int) -> DeltaRuns:
    """One linear SVM per Δ in ``DELTAS`` on ``blobs(N_POINTS, seed=seed)``, λ fixed or λ/Δ.

    Cached by its inputs (bounded): a rerun for another control reuses the runs.
    """
    X, y = blobs(N_POINTS, seed=seed)
    fits = train_linear_svm(X, y, margins=DELTAS, lam=lam / DELTAS if compensate else lam)
    regions = decision_regions(fits.W, fits.b, REGION_GRID, REGION_GRID)
    return DeltaRuns(X, y, fits, regions, region_agreement(regions), accuracy(fits.W, fits.b, X, y))


def hinge_grid(view: MarginView, *, points: int = 401) -> tuple[np.ndarray, np.ndarray]:
    """Score differences ``d`` around the image's own, and the hinge ``max(0, d + Δ)`` on them.

    The grid spans every ``s_j - s_y`` and ``-Δ`` with 5 units to spare on each side.
    """
    low = min(float(view.diffs.min()), -view.margin) - 5.0
    high = max(float(view.diffs.max()), 0.0) + 5.0
    grid = np.linspace(low, high, points)
    return grid, hinge(grid, margin=view.margin)
