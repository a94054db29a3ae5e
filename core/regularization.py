"""L1, L2 and elastic-net weight penalties ``R(W)``, their gradients and proximal steps.

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


def elastic_net_penalty(W, l1_ratio: float = 0.5) -> float:
    """Elastic net ``R(W) = rho sum|W_kl| + (1 - rho) sum W_kl^2``, ``rho = l1_ratio``; a scalar.

    A mix of L1 and L2 like scikit-learn's ``ElasticNet`` (which also halves its
    L2 part): ``rho = 1`` is L1, ``rho = 0`` is L2.

    >>> float(elastic_net_penalty([1.0, -2.0], 0.5))  # 0.5 * 3 + 0.5 * 5
    4.0
    """
    rho = _ratio(l1_ratio)
    return rho * l1_penalty(W) + (1.0 - rho) * l2_penalty(W)


def elastic_net_grad(W, l1_ratio: float = 0.5) -> np.ndarray:
    """Gradient of the elastic net, ``rho sign(W) + 2 (1 - rho) W``; shape of ``W``.

    >>> elastic_net_grad([1.0, -2.0, 0.0], 0.5).tolist()
    [1.5, -2.5, 0.0]
    """
    rho = _ratio(l1_ratio)
    return rho * l1_grad(W) + (1.0 - rho) * l2_grad(W)


def _ratio(l1_ratio: float) -> float:
    rho = float(l1_ratio)
    if not 0.0 <= rho <= 1.0:
        raise ValueError(f"the L1 ratio must lie in [0, 1], got {l1_ratio!r}.")
    return rho


def l1_prox(W, step: float) -> np.ndarray:
    """Proximal step of ``step * sum|W|``: soft-thresholding ``sign(W) max(|W| - step, 0)``.

    The update of proximal gradient descent (ISTA): after a gradient step on the
    data loss, weights within ``step`` of 0 become exactly 0, which is how L1
    gives sparse weights (a plain subgradient step only jitters around 0).
    ``step`` is ``learning rate * lambda``, a scalar or an array broadcasting
    against ``W`` (one per run). Shape of ``W``.

    >>> l1_prox([0.3, -2.0, 0.05], 0.1).round(3).tolist()
    [0.2, -1.9, 0.0]
    """
    w = as_float_array(W, "W")
    return np.sign(w) * np.maximum(np.abs(w) - step, 0.0) + 0.0  # + 0.0: no -0.0


def l2_prox(W, step: float) -> np.ndarray:
    """Proximal step of ``step * sum W^2``: shrink every weight by ``1 / (1 + 2 step)``.

    >>> l2_prox([1.0, -3.0], 0.5).tolist()
    [0.5, -1.5]
    """
    return as_float_array(W, "W") / (1.0 + 2.0 * np.asarray(step, dtype=float))


def elastic_net_prox(W, step: float, l1_ratio: float = 0.5) -> np.ndarray:
    """Proximal step of ``step * R`` for the elastic net: soft-threshold by ``rho step``, then
    shrink by ``1 / (1 + 2 (1 - rho) step)``.

    >>> elastic_net_prox([1.0, -0.2], 0.5, 0.5).round(3).tolist()
    [0.5, 0.0]
    """
    rho = _ratio(l1_ratio)
    step = np.asarray(step, dtype=float)
    return l1_prox(W, rho * step) / (1.0 + 2.0 * (1.0 - rho) * step)


@dataclass(frozen=True)
class Regularizer:
    """A penalty, its gradient and its proximal step, as listed in ``REGULARIZERS``.

    ``params`` names the keyword parameters the three functions take beyond
    ``W`` (and the prox's ``step``), so a caller passes exactly those.
    """

    name: str  # the display name, for a select box
    penalty: Callable
    grad: Callable
    prox: Callable
    formula: str  # LaTeX, for st.latex
    params: tuple[str, ...] = ()


# Keyed by short ids (they go into links and code); ``name`` is for people.
REGULARIZERS: dict[str, Regularizer] = {
    "l2": Regularizer("L2", l2_penalty, l2_grad, l2_prox, r"R(W) = \sum_k \sum_l W_{k,l}^2"),
    "l1": Regularizer("L1", l1_penalty, l1_grad, l1_prox, r"R(W) = \sum_k \sum_l |W_{k,l}|"),
    "elastic": Regularizer(
        "Elastic net",
        elastic_net_penalty,
        elastic_net_grad,
        elastic_net_prox,
        r"R(W) = \rho \sum_{k,l} |W_{k,l}| + (1 - \rho) \sum_{k,l} W_{k,l}^2",
        params=("l1_ratio",),
    ),
}
