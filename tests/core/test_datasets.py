"""core.datasets: seeded toy data, the same seed gives the same points."""

from __future__ import annotations

import numpy as np
import pytest

from core.datasets import blobs


def test_blobs_are_seeded() -> None:
    X, y = blobs(30, seed=3)
    X2, y2 = blobs(30, seed=3)
    X3, _ = blobs(30, seed=4)
    assert X.shape == (30, 2) and y.shape == (30,)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.allclose(X, X3)
    assert set(y.tolist()) == {0, 1, 2}
    with pytest.raises(ValueError, match="at least 3"):
        blobs(2, seed=0)
