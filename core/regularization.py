"""L1 and L2 weight penalties ``R(W)`` and their gradients.

The regularized objective of the lecture is
``L = (1/N) sum_i L_i + lambda * R(W)``; these functions give ``R`` and
``dR/dW`` for a weight array of any shape (usually ``(K, D)``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core._checks import as_float_array


def l1_penalty(W) -> float:
    """L1 penalty ``R(W) = sum_{k,l} |W_kl|``; a scalar.

    >>> float(l1_penalty([[1.0, -2.0], [0.5, 0.0]]))
    3.5
    """
    return np.sum(np.abs(as_float_array(W, "W")))


def l1_grad(W) -> np.ndarray:
    """Gradient of the L1 penalty, ``sign(W)`` (0 where ``W`` is 0); shape of ``W``.

    >>> l1_grad([2.0, -3.0, 0.0]).tolist()
    [1.0, -1.0, 0.0]
    """
    return np.sign(as_float_array(W, "W"))


def l2_penalty(W) -> float:
    """L2 penalty ``R(W) = sum_{k,l} W_kl^2`` (no 1/2 factor, as in the lecture); a scalar.

    >>> float(l2_penalty([0.25, 0.25, 0.25, 0.25]))  # the lecture's w2
    0.25
    """
    w = as_float_array(W, "W")
    with np.errstate(over="ignore"):
        return np.sum(w * w)


def l2_grad(W) -> np.ndarray:
    """Gradient of the L2 penalty, ``2 W``; shape of ``W``.

    >>> l2_grad([1.0, -0.5]).tolist()
    [2.0, -1.0]
    """
    return 2.0 * as_float_array(W, "W")


@dataclass(frozen=True)
class Regularizer:
    """A penalty and its gradient, as listed in ``REGULARIZERS`` under a short id."""

    name: str  # the display name, for a select box
    penalty: Callable
    grad: Callable
    formula: str  # LaTeX, for st.latex


# Keyed by short ids (they go into links and code); ``name`` is for people.
REGULARIZERS: dict[str, Regularizer] = {
    "l2": Regularizer("L2", l2_penalty, l2_grad, r"R(W) = \sum_k \sum_l W_{k,l}^2"),
    "l1": Regularizer("L1", l1_penalty, l1_grad, r"R(W) = \sum_k \sum_l |W_{k,l}|"),
}
