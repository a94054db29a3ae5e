"""Seeded toy datasets for the pages: one signature, ``name(n_samples, *, seed, noise)``.

Every dataset returns ``X`` ``(n_samples, 2)`` float64 and ``y`` ``(n_samples,)``
int labels, and the same ``seed`` gives the same data, so a shared link
reproduces the same points. ``DATASETS`` maps each one's id to it.
"""

from __future__ import annotations

import numpy as np

from core._checks import as_finite_number


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


def moons(
    n_samples: int = 200, *, seed: int = 0, noise: float = 0.3
) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles in 2D: ``X`` ``(n_samples, 2)``, ``y`` in {0, 1}.

    Class 0 lies on the upper unit half circle, class 1 on a lower one shifted
    by (1, 0.5), as scikit-learn's ``make_moons``; each point gets isotropic
    noise of standard deviation ``noise``; point ``i`` has class ``i % 2``. No
    line separates them, and with noise a flexible model can overfit them.
    """
    if n_samples < 2:
        raise ValueError(f"need at least 2 points (one per class), got {n_samples}.")
    rng = np.random.default_rng(seed)
    y = np.arange(n_samples) % 2
    t = rng.uniform(0.0, np.pi, n_samples)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    X = np.where(y[:, None] == 0, upper, lower)
    return X + as_finite_number(noise, "noise") * rng.standard_normal((n_samples, 2)), y


CIRCLES_INNER = 0.5  # the inner circle's radius (the outer one's is 1)
XOR_GAP = 0.2  # noiseless XOR points keep this distance from both axes
SPIRAL_TURNS = 1.75  # turns of each arm of the spiral


def _two_classes(n_samples) -> np.ndarray:
    """Labels ``i % 2`` for ``n_samples`` points, after checking there are at least two."""
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)):
        raise ValueError(f"the number of points must be a whole number, got {n_samples!r}.")
    if n_samples < 2:
        raise ValueError(f"need at least 2 points (one per class), got {n_samples}.")
    return np.arange(int(n_samples)) % 2


def _noise(noise) -> float:
    """The noise level as a float, 0 or more."""
    value = as_finite_number(noise, "noise")
    if value < 0:
        raise ValueError(f"noise is a standard deviation: it must be 0 or more, got {value}.")
    return value


def circles(
    n_samples: int = 200, *, seed: int = 0, noise: float = 0.05
) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric circles in 2D: ``X`` ``(n_samples, 2)``, ``y`` in {0, 1}.

    Class 0 lies on the circle of radius 1, class 1 on the circle of radius
    ``CIRCLES_INNER`` = 0.5 inside it (scikit-learn's ``make_circles`` with
    ``factor=0.5``), at seeded uniform angles; point ``i`` has class ``i % 2``
    and gets isotropic noise of standard deviation ``noise``. No line separates
    them; the feature ``x1^2 + x2^2`` (the squared radius) does.

    >>> X, y = circles(4, noise=0.0)
    >>> np.round(np.hypot(X[:, 0], X[:, 1]), 6).tolist(), y.tolist()
    ([1.0, 0.5, 1.0, 0.5], [0, 1, 0, 1])
    """
    y = _two_classes(n_samples)
    sigma = _noise(noise)
    rng = np.random.default_rng(seed)
    angle = rng.uniform(0.0, 2.0 * np.pi, y.size)
    radius = np.where(y == 0, 1.0, CIRCLES_INNER)
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + sigma * rng.standard_normal((y.size, 2)), y


def xor(
    n_samples: int = 200, *, seed: int = 0, noise: float = 0.05
) -> tuple[np.ndarray, np.ndarray]:
    """The XOR pattern in 2D: ``X`` ``(n_samples, 2)``, ``y`` in {0, 1}.

    Point ``i`` lies in quadrant ``i % 4`` (counter-clockwise from (+, +)), each
    coordinate's size uniform in ``[XOR_GAP, 1]``, so class ``i % 2`` is 0 where
    ``x1`` and ``x2`` have the same sign and 1 where they differ: the exclusive
    or of ``x1 < 0`` and ``x2 < 0``. The labels are those of the noiseless
    points; then each point gets isotropic noise of standard deviation
    ``noise``. No line separates the classes; the feature ``x1 x2`` (its sign)
    does.

    >>> X, y = xor(4, noise=0.0)
    >>> np.sign(X).astype(int).tolist(), y.tolist()
    ([[1, 1], [-1, 1], [-1, -1], [1, -1]], [0, 1, 0, 1])
    """
    y = _two_classes(n_samples)
    sigma = _noise(noise)
    rng = np.random.default_rng(seed)
    signs = np.array([[1.0, 1.0], [-1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]])
    X = signs[np.arange(y.size) % 4] * rng.uniform(XOR_GAP, 1.0, (y.size, 2))
    return X + sigma * rng.standard_normal((y.size, 2)), y


def spiral(
    n_samples: int = 200, *, seed: int = 0, noise: float = 0.05
) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spiral arms in 2D: ``X`` ``(n_samples, 2)``, ``y`` in {0, 1}.

    Point ``i`` has class ``i % 2`` and a seeded position ``t`` uniform in
    ``[0, 1]`` along its arm: radius ``t``, angle ``2 pi SPIRAL_TURNS t + pi y``
    (the second arm is the first turned by half a turn), as TensorFlow
    Playground's spiral; then isotropic noise of standard deviation ``noise``.
    No line and no single hand-picked feature separates the arms: a network's
    hidden layer has to learn its features.

    >>> X, y = spiral(6)
    >>> X.shape, y.tolist()
    ((6, 2), [0, 1, 0, 1, 0, 1])
    """
    y = _two_classes(n_samples)
    sigma = _noise(noise)
    rng = np.random.default_rng(seed)
    t = rng.uniform(0.0, 1.0, y.size)
    angle = 2.0 * np.pi * SPIRAL_TURNS * t + np.pi * y
    X = t[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + sigma * rng.standard_normal((y.size, 2)), y


def split(X, y, *, held_out: float, seed: int = 0) -> tuple[np.ndarray, ...]:
    """A seeded shuffle into training and held-out parts: ``X_train, y_train, X_held, y_held``.

    ``held_out`` is the fraction held out, in (0, 1); each part keeps at least
    one point.

    >>> parts = split(np.arange(20.0).reshape(10, 2), np.arange(10) % 2, held_out=0.3)
    >>> [p.shape[0] for p in parts]
    [7, 7, 3, 3]
    """
    fraction = as_finite_number(held_out, "held-out fraction")
    if not 0.0 < fraction < 1.0:
        raise ValueError(
            f"the held-out fraction must lie strictly between 0 and 1, got {fraction}."
        )
    n = len(y)
    n_held = min(max(1, round(fraction * n)), n - 1)
    order = np.random.default_rng(seed).permutation(n)
    train, held = order[n_held:], order[:n_held]
    return X[train], y[train], X[held], y[held]


DATASETS = {
    "blobs": blobs,
    "moons": moons,
    "circles": circles,
    "xor": xor,
    "spiral": spiral,
}  # id -> dataset, each called as ``DATASETS[id](n_samples, seed=..., noise=...)``
