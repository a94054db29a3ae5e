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
