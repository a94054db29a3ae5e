"""Math of the limits-of-linear-models page: data no line separates, and a lift that fixes it.

A linear classifier splits the plane with a line: class 1 where the decision
score ``d(x) = (w_1 - w_0)^T x + (b_1 - b_0)`` is positive (``s = W x + b``
with two classes, ``d = s_1 - s_0``). Concentric circles and XOR defeat it.
Adding one feature ``phi(x)``, the lift ``x -> (x1, x2, phi(x))``, puts the
points in R^3, where a plane ``d(x1, x2, phi) = 0`` can split them; read back
in R^2, that plane is the curve ``{x : d(x1, x2, phi(x)) = 0}`` (a circle for
``phi = x1^2 + x2^2``, a hyperbola for ``phi = x1 x2``).

Both classifiers are trained the same way: softmax cross-entropy by full-batch
gradient descent (``core.training.gradient_descent``) on standardized features,
the weights mapped back to the raw features afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core._checks import as_float_array
from core.datasets import DATASETS
from core.memo import memoize
from core.training import gradient_descent

DATASET_IDS = ("circles", "xor")  # the page's datasets (ids of core.datasets.DATASETS)
STEPS = 30  # gradient-descent steps of each fit (accuracy within 0.5 points of 300 steps)
LEARNING_RATE = 3.0  # on standardized features (one rate suits every lift)


@dataclass(frozen=True)
class Lift:
    """A third feature ``phi(x)`` of a 2D input: its display ``name`` (Unicode), its
    ``latex`` and ``function`` ``(N, 2) -> (N,)``."""

    name: str
    latex: str
    function: Callable[[np.ndarray], np.ndarray]


LIFTS = {
    "r2": Lift("x₁² + x₂²", "x_1^2 + x_2^2", lambda X: X[:, 0] ** 2 + X[:, 1] ** 2),
    "prod": Lift("x₁·x₂", r"x_1 x_2", lambda X: X[:, 0] * X[:, 1]),
    "sq1": Lift("x₁²", "x_1^2", lambda X: X[:, 0] ** 2),
    "sq2": Lift("x₂²", "x_2^2", lambda X: X[:, 1] ** 2),
}
MATCHED = {"circles": "r2", "xor": "prod"}  # the lift that separates each dataset


def _points(X) -> np.ndarray:
    x = as_float_array(X, "X")
    if x.ndim != 2 or x.shape[1] != 2:
        raise ValueError(f"X must hold 2D points, shape (N, 2); got shape {x.shape}.")
    return x


def lift(X, feature: str) -> np.ndarray:
    """The lifted points ``[x1, x2, phi(x)]``: ``(N, 2)`` -> ``(N, 3)``.

    >>> lift(np.array([[1.0, 2.0], [-3.0, 0.5]]), "r2").tolist()
    [[1.0, 2.0, 5.0], [-3.0, 0.5, 9.25]]
    >>> lift(np.array([[1.0, 2.0], [-3.0, 0.5]]), "prod")[:, 2].tolist()
    [2.0, -1.5]
    """
    x = _points(X)
    if feature not in LIFTS:
        raise ValueError(f"unknown feature {feature!r}; choose one of {', '.join(LIFTS)}.")
    return np.column_stack([x, LIFTS[feature].function(x)])


@dataclass(frozen=True)
class LinearFit:
    """A trained two-class linear classifier on ``D`` features: ``W`` ``(2, D)``, ``b``
    ``(2,)`` in the raw features' units, and the training loss before each step and after
    the last, ``history`` ``(STEPS + 1,)``."""

    W: np.ndarray
    b: np.ndarray
    history: np.ndarray

    @property
    def normal(self) -> np.ndarray:
        """``w_1 - w_0``, ``(D,)``: the normal of the boundary ``normal^T f + offset = 0``."""
        return self.W[1] - self.W[0]

    @property
    def offset(self) -> float:
        """``b_1 - b_0``."""
        return float(self.b[1] - self.b[0])

    def decision(self, F) -> np.ndarray:
        """``d = s_1 - s_0 = normal^T f + offset`` for features ``F`` ``(N, D)`` -> ``(N,)``;
        class 1 where it is positive."""
        return np.asarray(F, dtype=float) @ self.normal + self.offset

    def predict(self, F) -> np.ndarray:
        """The class ``argmax_k s_k`` of each row of ``F``, ``(N,)`` (0 on a tie)."""
        return (self.decision(F) > 0).astype(np.intp)


def fit_linear(F, y, *, steps: int = STEPS, learning_rate: float = LEARNING_RATE) -> LinearFit:
    """Softmax cross-entropy ``(1/N) sum_i -log softmax(W f_i + b)_{y_i}`` minimized by gradient
    descent from ``W = 0``, ``b = 0``; ``F`` ``(N, D)``, ``y`` ``(N,)`` in {0, 1}.

    The features are standardized first (``z = (f - mu) / sigma`` per column, so one
    learning rate suits every lift), and the weights mapped back:
    ``W = W_z / sigma``, ``b = b_z - W_z (mu / sigma)``, so ``W f + b = W_z z + b_z``.
    """
    features = as_float_array(F, "features")
    if features.ndim != 2:
        raise ValueError(f"features must be shaped (N, D), got shape {features.shape}.")
    mu = features.mean(axis=0)
    sigma = features.std(axis=0)
    sigma = np.where(sigma > 1e-12, sigma, 1.0)  # a constant column stays as it is
    z = (features - mu) / sigma
    W0 = np.zeros((2, features.shape[1]))
    W_z, b_z, history = gradient_descent(
        W0, np.zeros(2), z, y, steps=steps, learning_rate=learning_rate, loss="ce"
    )
    W = W_z / sigma
    return LinearFit(W, b_z - W @ mu, history)


def accuracy(fit: LinearFit, F, y) -> float:
    """The share of rows of ``F`` whose predicted class is ``y``."""
    return float(np.mean(fit.predict(F) == np.asarray(y)))


@dataclass(frozen=True)
class Comparison:
    """One dataset and its two classifiers: on ``X`` ``(N, 2)`` (``before``) and on the
    lifted ``F`` ``(N, 3)`` (``after``), with their training accuracies; ``extent`` is the
    half-width of a square that holds every point (the charts' axes)."""

    dataset: str
    feature: str
    X: np.ndarray
    y: np.ndarray
    F: np.ndarray
    before: LinearFit
    after: LinearFit
    accuracy_before: float
    accuracy_after: float
    extent: float


@memoize(maxsize=32)
def compare(dataset: str, n_samples: int, noise: float, seed: int, feature: str) -> Comparison:
    """Draw ``dataset`` (``core.datasets``), train a linear classifier on ``x`` and one on
    the lift ``[x, phi(x)]``; cached by these inputs, so a display change never retrains.
    ``feature`` "auto" picks the lift that suits the dataset (``MATCHED``)."""
    if dataset not in DATASET_IDS:
        raise ValueError(f"unknown dataset {dataset!r}; choose one of {', '.join(DATASET_IDS)}.")
    chosen = MATCHED[dataset] if feature == "auto" else feature
    X, y = DATASETS[dataset](int(n_samples), seed=int(seed), noise=noise)
    F = lift(X, chosen)
    before = fit_linear(X, y)
    after = fit_linear(F, y)
    extent = float(np.ceil((np.abs(X).max() + 0.15) * 4.0) / 4.0)  # in steps of 0.25
    return Comparison(
        dataset,
        chosen,
        X,
        y,
        F,
        before,
        after,
        accuracy(before, X, y),
        accuracy(after, F, y),
        max(extent, 1.5),
    )


def decision_grid(fit: LinearFit, xs, ys, feature: str | None = None) -> np.ndarray:
    """The decision score ``d`` on the grid ``xs`` ``(P,)`` x ``ys`` ``(Q,)``: ``(Q, P)`` (rows
    follow ``ys``, as Plotly's heatmap and contour read ``z``).

    With ``feature`` the fit is the lifted one and ``d`` is evaluated at
    ``[x1, x2, phi(x)]``: its zero level set is the plane read back in R^2.
    """
    g1, g2 = np.meshgrid(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
    points = np.column_stack([g1.ravel(), g2.ravel()])
    features = points if feature is None else lift(points, feature)
    return fit.decision(features).reshape(g1.shape)


def plane_surface(
    normal, offset: float, box, points: int = 25
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The plane ``normal^T p + offset = 0`` in R^3 as a surface ``(x1, x2, z)``, each
    ``(points, points)``, inside ``box`` (three ``(low, high)`` pairs).

    Solved for the coordinate with the largest normal component (so a steep or
    vertical plane is drawn too) over a grid of the other two; a point outside
    the box is NaN (Plotly leaves a hole there). All NaN when the normal is 0.
    """
    n = as_float_array(normal, "normal")
    lows, highs = np.asarray(box, dtype=float).T
    k = int(np.argmax(np.abs(n)))
    if n[k] == 0.0:
        nan = np.full((points, points), np.nan)
        return nan, nan.copy(), nan.copy()
    i, j = (axis for axis in range(3) if axis != k)
    gi, gj = np.meshgrid(
        np.linspace(lows[i], highs[i], points), np.linspace(lows[j], highs[j], points)
    )
    gk = -(offset + n[i] * gi + n[j] * gj) / n[k]
    gk = np.where((gk >= lows[k]) & (gk <= highs[k]), gk, np.nan)
    coords = [None, None, None]
    coords[i], coords[j], coords[k] = gi, gj, gk
    return coords[0], coords[1], coords[2]


@dataclass(frozen=True)
class PointReport:
    """One input ``x`` ``(2,)`` through both classifiers: its lift ``[x1, x2, phi(x)]``
    ``(3,)``, the decision scores ``s_1 - s_0`` of the line and of the plane, and the
    classes they give (1 where the score is positive)."""

    lifted: np.ndarray
    score_before: float
    score_after: float

    @property
    def class_before(self) -> int:
        return int(self.score_before > 0)

    @property
    def class_after(self) -> int:
        return int(self.score_after > 0)


def classify_point(comp: Comparison, x) -> PointReport:
    """Lift one point ``x`` ``(2,)`` with ``comp``'s feature and score it with both fits.

    >>> comp = compare("circles", 200, 0.0, 0, "r2")
    >>> centre, far = classify_point(comp, [0.0, 0.0]), classify_point(comp, [1.5, 0.0])
    >>> centre.lifted.tolist(), far.lifted.tolist()
    ([0.0, 0.0, 0.0], [1.5, 0.0, 2.25])
    >>> centre.class_after, far.class_after  # inside: the inner circle's class
    (1, 0)
    """
    point = _points(np.reshape(as_float_array(x, "the point"), (1, -1)))
    lifted = lift(point, comp.feature)
    return PointReport(
        lifted[0],
        float(comp.before.decision(point)[0]),
        float(comp.after.decision(lifted)[0]),
    )
