"""Centred-difference gradients for the gradient checks of the ``core`` tests."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def centred_difference(f: Callable[[np.ndarray], float], x, h: float = 1e-6) -> np.ndarray:
    """Numerical gradient of a scalar ``f`` at ``x``, entry by entry, in float64.

    ``df/dx_k ~ (f(x + h e_k) - f(x - h e_k)) / (2 h)``: error O(h^2) for a smooth
    ``f`` and exact for a piecewise-linear one away from its kinks. Shape of ``x``.
    """
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[index] = h
        grad[index] = (float(f(x + step)) - float(f(x - step))) / (2 * h)
    return grad
