"""One-dimensional sweeps that a chart plays in the browser (the Play of the margin,
normalization and regularization pages): the grid of values its frames show."""

from __future__ import annotations

import numpy as np

from core._checks import as_finite_number, as_float_array


def sweep_values(grid, value: float) -> tuple[np.ndarray, int]:
    """``grid`` (sorted) with ``value`` put in its place, and ``value``'s index.

    A grid point within 1 % of ``value`` gives way to it, so a sweep that plays the
    grid passes through the slider's value exactly once (and can end on it).

    >>> sweep_values([0.0, 1.0, 2.0], 1.004)
    (array([0.   , 1.004, 2.   ]), 1)
    """
    g = as_float_array(grid, "sweep grid")
    v = as_finite_number(value, "sweep value")
    kept = g[~np.isclose(g, v, rtol=1e-2, atol=1e-9)]
    index = int(np.searchsorted(kept, v))
    return np.insert(kept, index, v), index
