"""Seeded toy datasets for the pages: one signature, ``name(n_samples, *, seed, noise)``.

Every dataset returns ``X`` ``(n_samples, 2)`` float64 and ``y`` ``(n_samples,)``
int labels, and the same ``seed`` gives the same data, so a shared link
reproduces the same points.
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
