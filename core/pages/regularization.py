"""Math of the regularization page: L1 vs L2 (and elastic net), their geometry, overfitting.

The lecture's objective is ``L = (1/N) sum_i L_i + lambda R(W)``: the data loss
plus lambda times a penalty that looks at the weights only. Three parts:

* ``penalty_table``: the lecture's example, ``x = [1, 1, 1, 1]`` with
  ``w1 = [1, 0, 0, 0]`` and ``w2 = [0.25] * 4``: the same score, different penalties.
* ``geometry``: a two-weight problem with a quadratic data loss, and the
  regularized optimum ``argmin_w data(w) + lambda R(w)`` as lambda grows, for L1,
  L2 and the elastic net (L2 in closed form, the others by proximal gradient
  descent, batched over every lambda at once).
* ``train_sweep``: a linear classifier on polynomial features of a noisy 2D
  dataset, trained by proximal gradient descent with momentum for a whole grid
  of lambdas in one batched run: training vs held-out accuracy shows
  overfitting at lambda = 0, a sweet spot, and underfitting at large lambda.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core._checks import as_finite_number, as_float_array
from core.datasets import moons, split
from core.memo import memoize
from core.regularization import REGULARIZERS
from core.softmax import log_softmax, softmax

PENALTIES = ("l1", "l2", "elastic")  # the regularizers this page compares


def _reg_kwargs(regularizer: str, l1_ratio: float) -> dict:
    """The keyword arguments a regularizer of ``REGULARIZERS`` takes beyond the weights."""
    return {"l1_ratio": l1_ratio} if "l1_ratio" in REGULARIZERS[regularizer].params else {}


# ------------------------------------------------------------------ the penalties
@dataclass(frozen=True)
class PenaltyTable:
    """Each weight vector's score and penalties; every array is ``(M,)`` for ``M`` vectors.

    ``penalties`` maps a regularizer id to ``R(w)`` of each vector.
    """

    scores: np.ndarray
    penalties: dict[str, np.ndarray]

    def preferred(self, regularizer: str, *, tol: float = 1e-12) -> int | None:
        """The index of the vector with the smallest penalty, or None for a tie."""
        values = self.penalties[regularizer]
        best = np.flatnonzero(values <= values.min() + tol)
        return int(best[0]) if best.size == 1 else None


def penalty_table(x, weights, *, l1_ratio: float = 0.5) -> PenaltyTable:
    """Scores ``w^T x`` and the L1, L2 and elastic-net penalties of each row of ``weights``.

    ``x`` is ``(D,)``, ``weights`` ``(M, D)``.

    >>> t = penalty_table([1, 1, 1, 1], [[1, 0, 0, 0], [0.25, 0.25, 0.25, 0.25]])
    >>> t.scores.tolist(), t.penalties["l2"].tolist(), t.penalties["l1"].tolist()
    ([1.0, 1.0], [1.0, 0.25], [1.0, 1.0])
    >>> t.preferred("l2"), t.preferred("l1")
    (1, None)
    """
    v = as_float_array(x, "x")
    w = as_float_array(weights, "weights")
    if v.ndim != 1 or w.ndim != 2 or w.shape[1] != v.shape[0]:
        raise ValueError(f"x {v.shape} and the weights {w.shape} need the same length D.")
    penalties = {
        reg: np.array([REGULARIZERS[reg].penalty(row, **_reg_kwargs(reg, l1_ratio)) for row in w])
        for reg in PENALTIES
    }
    return PenaltyTable(w @ v, penalties)


# ------------------------------------------------------------------ the geometry
W_STAR = np.array([2.0, 0.6])  # the unregularized optimum of the two-weight problem
CURVATURE = np.array([[1.0, 0.4], [0.4, 0.6]])  # H: data(w) = 1/2 (w - w*)^T H (w - w*)
GEOMETRY_EXPONENTS = np.round(np.arange(-3.0, 1.0001, 0.05), 2)  # log10 lambda of the paths
GEOMETRY_GRID = np.linspace(-1.0, 3.0, 61)  # both axes of the contour plot (smooth: 61 suffice)
_PROX_STEPS = 3000


def quadratic_loss(w) -> np.ndarray:
    """The geometry problem's data loss ``1/2 (w - w*)^T H (w - w*)``; ``(..., 2)`` -> ``(...)``.

    >>> float(quadratic_loss(W_STAR)), float(quadratic_loss([0.0, 0.0]))
    (0.0, 2.588)
    """
    d = np.asarray(w, dtype=float) - W_STAR
    return 0.5 * np.einsum("...i,ij,...j->...", d, CURVATURE, d)


def regularized_optimum(regularizer: str, lams, *, l1_ratio: float = 0.5) -> np.ndarray:
    """``argmin_w quadratic_loss(w) + lambda R(w)`` for each lambda: ``(M,)`` -> ``(M, 2)``.

    L2 in closed form, ``(H + 2 lambda I)^{-1} H w*``; L1 and the elastic net by
    proximal gradient descent (step ``1 / max eigenvalue of H``), all lambdas at
    once. The L1 prox sets a weight exactly to 0, so the L1 path reaches an axis.
    """
    lam = np.atleast_1d(as_float_array(lams, "lambda")).astype(float)
    if np.any(lam < 0):
        raise ValueError("lambda must be 0 or more.")
    if regularizer == "l2":
        systems = CURVATURE + 2.0 * lam[:, None, None] * np.eye(2)
        rhs = np.broadcast_to((CURVATURE @ W_STAR)[:, None], (lam.size, 2, 1))
        return np.linalg.solve(systems, rhs)[..., 0]
    prox = REGULARIZERS[regularizer].prox
    kwargs = _reg_kwargs(regularizer, l1_ratio)
    step = 1.0 / np.linalg.eigvalsh(CURVATURE).max()
    w = np.tile(W_STAR, (lam.size, 1))
    for _ in range(_PROX_STEPS):
        w = prox(w - step * (w - W_STAR) @ CURVATURE, step * lam[:, None], **kwargs)
    return w


@dataclass(frozen=True)
class Geometry:
    """The optimum's path for each penalty (``(M, 2)`` over ``GEOMETRY_EXPONENTS``) and the
    data loss on ``GEOMETRY_GRID`` (``(Q, P)``: rows follow the second weight)."""

    lams: np.ndarray
    paths: dict[str, np.ndarray]
    loss_grid: np.ndarray


@memoize(maxsize=16)
def geometry(l1_ratio: float) -> Geometry:
    """Every penalty's path of optima over ``10 ** GEOMETRY_EXPONENTS``; cached by ``l1_ratio``."""
    lams = 10.0**GEOMETRY_EXPONENTS
    paths = {reg: regularized_optimum(reg, lams, l1_ratio=l1_ratio) for reg in PENALTIES}
    g1, g2 = np.meshgrid(GEOMETRY_GRID, GEOMETRY_GRID)
    return Geometry(lams, paths, quadratic_loss(np.stack([g1, g2], axis=-1)))


def level_set(regularizer: str, level: float, *, l1_ratio: float = 0.5, points: int = 241):
    """The closed curve ``{w in R^2: R(w) = level}``, ``(points, 2)``: circle, diamond, or between.

    In polar form with ``a = |cos t| + |sin t|``: ``rho r a + (1 - rho) r^2 = level``
    (L1: ``rho = 1``, L2: ``rho = 0``), solved for the radius ``r``.
    """
    c = max(as_finite_number(level, "level"), 0.0)
    return level_sets(regularizer, [c], l1_ratio=l1_ratio, points=points)[0]


def level_sets(regularizer: str, levels, *, l1_ratio: float = 0.5, points: int = 241):
    """``level_set`` for every level of ``levels`` ``(n,)`` at once: ``(n, points, 2)``."""
    rho = {"l1": 1.0, "l2": 0.0}.get(regularizer, float(l1_ratio))
    c = np.maximum(np.atleast_1d(as_float_array(levels, "levels")).astype(float), 0.0)[:, None]
    t = np.linspace(0.0, 2.0 * np.pi, points)
    a = np.abs(np.cos(t)) + np.abs(np.sin(t))
    if rho >= 1.0:
        r = c / a
    else:
        r = (-rho * a + np.sqrt((rho * a) ** 2 + 4.0 * (1.0 - rho) * c)) / (2.0 * (1.0 - rho))
    return np.stack([r * np.cos(t), r * np.sin(t)], axis=-1)


def path_penalty(regularizer: str, w, *, l1_ratio: float = 0.5) -> np.ndarray:
    """``R(w)`` of each point of a path ``(n, 2)``: ``(n,)`` (vectorized ``REGULARIZERS`` penalty).

    >>> path_penalty("elastic", [[1.0, -2.0], [0.0, 0.0]]).tolist()  # 0.5 * 3 + 0.5 * 5
    [4.0, 0.0]
    """
    v = as_float_array(w, "weights")
    l1, l2 = np.abs(v).sum(axis=-1), np.square(v).sum(axis=-1)
    rho = {"l1": 1.0, "l2": 0.0}.get(regularizer, float(l1_ratio))
    return rho * l1 + (1.0 - rho) * l2


PLAY_STRIDE = 2  # the Play's frames: every other GEOMETRY_EXPONENTS value (41 of 81)
PLAY_POINTS = 33  # points of a curved level set in the Play and on the weight plane
# L1's level set is a diamond: its 5 corners (closed) draw it exactly, in fewer bytes per frame.
PLAY_POINTS_OF = {"l1": 5}


@dataclass(frozen=True)
class GeometryPlay:
    """The weight plane's Play: for each log10 lambda of ``exponents`` ``(n,)`` (the slider's
    value among them, at ``index``), each penalty's optimum ``(n, 2)``, its penalty ``R``
    ``(n,)`` and its level set through the optimum ``(n, points, 2)`` (``PLAY_POINTS``, or
    ``PLAY_POINTS_OF`` the penalty), keyed by penalty."""

    exponents: np.ndarray
    lams: np.ndarray
    optima: dict[str, np.ndarray]
    penalties: dict[str, np.ndarray]
    levels: dict[str, np.ndarray]
    index: int


@memoize(maxsize=16)
def geometry_play(l1_ratio: float, exponent: float) -> GeometryPlay:
    """Every ``PLAY_STRIDE``-th ``GEOMETRY_EXPONENTS`` value and the slider's ``exponent``
    (one of them too): the optima of ``geometry``'s paths there, their penalties and level sets."""
    geo = geometry(l1_ratio)
    current = int(np.argmin(np.abs(GEOMETRY_EXPONENTS - exponent)))
    picks = np.unique(np.append(np.arange(0, GEOMETRY_EXPONENTS.size, PLAY_STRIDE), current))
    optima = {reg: geo.paths[reg][picks] for reg in PENALTIES}
    penalties = {reg: path_penalty(reg, optima[reg], l1_ratio=l1_ratio) for reg in PENALTIES}
    levels = {
        reg: level_sets(
            reg, penalties[reg], l1_ratio=l1_ratio, points=PLAY_POINTS_OF.get(reg, PLAY_POINTS)
        )
        for reg in PENALTIES
    }
    index = int(np.flatnonzero(picks == current)[0])
    return GeometryPlay(
        GEOMETRY_EXPONENTS[picks], geo.lams[picks], optima, penalties, levels, index
    )


def loss_level_curve(level: float, points: int = 241) -> np.ndarray:
    """The data-loss ellipse ``{w: quadratic_loss(w) = level}``, ``(points, 2)``."""
    t = np.linspace(0.0, 2.0 * np.pi, points)
    values, vectors = np.linalg.eigh(CURVATURE)
    radii = np.sqrt(2.0 * max(float(level), 0.0) / values)
    circle = np.column_stack([np.cos(t), np.sin(t)]) * radii
    return W_STAR + circle @ vectors.T


# ------------------------------------------------------------------ overfitting
FIT_EXPONENTS = np.arange(-4.0, 1.0001, 0.25)  # log10 lambda of the sweep (plus lambda = 0)
FIT_LAMBDAS = np.concatenate([[0.0], 10.0**FIT_EXPONENTS])
FIT_STEPS = 1500
FIT_LEARNING_RATE = 0.2
FIT_MOMENTUM = 0.9
HISTORY_EVERY = 10  # record the losses every this many steps
MAX_DEGREE = 10


def poly_features(X, degree: int) -> np.ndarray:
    """All monomials ``x1^a x2^b`` with ``1 <= a + b <= degree``: ``(N, 2)`` -> ``(N, F)``.

    ``F = degree (degree + 3) / 2``: 44 for degree 8. A linear classifier on
    them draws curved boundaries; a high degree can follow the noise.

    >>> poly_features(np.array([[2.0, 3.0]]), 2).tolist()
    [[2.0, 3.0, 4.0, 6.0, 9.0]]
    """
    x = as_float_array(X, "X")
    if not 1 <= int(degree) <= MAX_DEGREE:
        raise ValueError(f"the degree must be a whole number from 1 to {MAX_DEGREE}.")
    columns = [
        x[:, 0] ** (total - j) * x[:, 1] ** j
        for total in range(1, int(degree) + 1)
        for j in range(total + 1)
    ]
    return np.column_stack(columns)


@dataclass(frozen=True)
class FitRuns:
    """One training run per lambda in ``lams`` ``(M,)``: weights ``W`` ``(M, 2, F)``, ``b``
    ``(M, 2)``, accuracies and losses ``(M,)``, loss histories ``(M, T)`` sampled every
    ``HISTORY_EVERY`` steps, and the data (``X_train`` ``(N, 2)``, ...)."""

    regularizer: str
    degree: int
    lams: np.ndarray
    W: np.ndarray
    b: np.ndarray
    feature_mean: np.ndarray
    feature_scale: np.ndarray
    train_accuracy: np.ndarray
    held_accuracy: np.ndarray
    train_loss: np.ndarray
    held_loss: np.ndarray
    data_history: np.ndarray
    reg_history: np.ndarray
    X_train: np.ndarray
    y_train: np.ndarray
    X_held: np.ndarray
    y_held: np.ndarray

    def scores(self, X) -> np.ndarray:
        """Class scores of every run on points ``X`` ``(N, 2)``: ``(M, N, 2)``."""
        F = (poly_features(X, self.degree) - self.feature_mean) / self.feature_scale
        return np.einsum("nf,mkf->mnk", F, self.W) + self.b[:, None, :]

    def regions(self, index: int, xs, ys) -> np.ndarray:
        """Run ``index``'s predicted class on the grid ``xs`` x ``ys``: ``(len(ys), len(xs))``."""
        gx, gy = np.meshgrid(xs, ys)
        points = np.column_stack([gx.ravel(), gy.ravel()])
        return self.scores(points)[index].argmax(axis=-1).reshape(gx.shape)


def _data_loss_and_grad(F, Y, W, b):
    """Mean cross-entropy of ``M`` runs and its gradients: ``(M,)``, ``(M, 2, F)``, ``(M, 2)``."""
    s = np.einsum("nf,mkf->mnk", F, W) + b[:, None, :]
    loss = -np.mean(np.sum(Y * log_softmax(s), axis=-1), axis=-1)
    ds = (softmax(s) - Y) / F.shape[0]
    return loss, np.einsum("mnk,nf->mkf", ds, F), ds.sum(axis=1)


def _penalty(regularizer: str, W, l1_ratio: float) -> np.ndarray:
    """``R(W)`` of each run ``(M, 2, F)`` -> ``(M,)`` (vectorized, no loop over runs)."""
    l1 = np.abs(W).sum(axis=(1, 2))
    l2 = (W * W).sum(axis=(1, 2))
    return {"l1": l1, "l2": l2}.get(regularizer, l1_ratio * l1 + (1.0 - l1_ratio) * l2)


@memoize(maxsize=16)
def train_sweep(
    regularizer: str,
    *,
    degree: int,
    noise: float,
    n_points: int,
    held_out: float,
    seed: int,
    l1_ratio: float = 0.5,
) -> FitRuns:
    """Train the polynomial classifier for every lambda in ``FIT_LAMBDAS`` in one batched run.

    Data: ``moons(n_points, seed=seed, noise=noise)`` split by ``held_out``.
    Features: ``poly_features`` of ``degree``, standardized on the training set.
    Objective: mean cross-entropy + lambda R(W) (the bias is not regularized),
    minimized from W = 0 by ``FIT_STEPS`` proximal gradient steps with momentum:
    a gradient step on the data loss, then the penalty's prox (exact zeros for
    L1). Cached by its inputs: moving the lambda slider never retrains.
    """
    if regularizer not in PENALTIES:
        raise ValueError(f"unknown penalty {regularizer!r}; choose one of {', '.join(PENALTIES)}.")
    X, y = moons(int(n_points), seed=int(seed), noise=noise)
    X_train, y_train, X_held, y_held = split(X, y, held_out=held_out, seed=int(seed))
    raw = poly_features(X_train, degree)
    mean, scale = raw.mean(axis=0), raw.std(axis=0) + 1e-12
    F = (raw - mean) / scale
    Y = np.eye(2)[y_train]
    prox = REGULARIZERS[regularizer].prox
    kwargs = _reg_kwargs(regularizer, l1_ratio)
    lams = FIT_LAMBDAS
    W = np.zeros((lams.size, 2, F.shape[1]))
    b = np.zeros((lams.size, 2))
    velocity_W, velocity_b = np.zeros_like(W), np.zeros_like(b)
    shrink = FIT_LEARNING_RATE * lams[:, None, None]
    data_history, reg_history = [], []
    for step in range(FIT_STEPS):
        loss, dW, db = _data_loss_and_grad(F, Y, W, b)
        if step % HISTORY_EVERY == 0:
            data_history.append(loss)
            reg_history.append(lams * _penalty(regularizer, W, l1_ratio))
        velocity_W = FIT_MOMENTUM * velocity_W - FIT_LEARNING_RATE * dW
        velocity_b = FIT_MOMENTUM * velocity_b - FIT_LEARNING_RATE * db
        W = prox(W + velocity_W, shrink, **kwargs)
        b = b + velocity_b
    runs = FitRuns(
        regularizer, int(degree), lams, W, b, mean, scale,
        *(np.zeros(lams.size) for _ in range(4)),
        np.array(data_history).T, np.array(reg_history).T,
        X_train, y_train, X_held, y_held,
    )  # fmt: skip
    train_scores, held_scores = runs.scores(X_train), runs.scores(X_held)
    return FitRuns(
        **{
            **runs.__dict__,
            "train_accuracy": np.mean(train_scores.argmax(-1) == y_train, axis=1),
            "held_accuracy": np.mean(held_scores.argmax(-1) == y_held, axis=1),
            "train_loss": -np.mean(
                log_softmax(train_scores)[:, np.arange(y_train.size), y_train], 1
            ),
            "held_loss": -np.mean(log_softmax(held_scores)[:, np.arange(y_held.size), y_held], 1),
        }
    )


def penalty_of_run(runs: FitRuns, index: int, l1_ratio: float = 0.5) -> float:
    """``R(W)`` of run ``index`` (the penalty alone, without lambda)."""
    return float(_penalty(runs.regularizer, runs.W[index : index + 1], l1_ratio)[0])


def data_loss_on(runs: FitRuns, index: int, X, y) -> float:
    """Run ``index``'s mean cross-entropy on other data ``X``, ``y`` (the data loss changes with
    the data; ``R(W)`` does not look at the data at all)."""
    scores = runs.scores(X)[index]
    return float(-np.mean(log_softmax(scores)[np.arange(len(y)), y]))
