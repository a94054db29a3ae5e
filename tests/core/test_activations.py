"""core.activations: each activation's value and its derivative (centred differences)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from core.activations import NAMES, activate

POINTS = arrays(np.float64, st.integers(1, 20), elements=st.floats(-8, 8))


@pytest.mark.parametrize("name", NAMES)
@given(pre=POINTS)
def test_the_slope_is_the_derivative_of_the_value(name: str, pre: np.ndarray) -> None:
    if name == "relu":
        pre = pre[np.abs(pre) > 1e-3]  # away from the kink
    eps = 1e-6
    _, slope = activate(name, pre)
    numeric = (activate(name, pre + eps)[0] - activate(name, pre - eps)[0]) / (2 * eps)
    np.testing.assert_allclose(slope, numeric, atol=1e-6)


def test_values_are_the_textbook_functions() -> None:
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(activate("relu", z)[0], [0.0, 0.0, 3.0])
    np.testing.assert_allclose(activate("tanh", z)[0], np.tanh(z))
    np.testing.assert_allclose(activate("sigmoid", z)[0], 1 / (1 + np.exp(-z)))


def test_shapes_are_kept_and_an_unknown_name_is_refused() -> None:
    pre = np.zeros((3, 4))
    for name in NAMES:
        h, dh = activate(name, pre)
        assert h.shape == dh.shape == (3, 4)
    with pytest.raises(ValueError, match="unknown activation 'gelu'"):
        activate("gelu", pre)
