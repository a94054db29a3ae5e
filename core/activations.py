"""Hidden-layer activations with their derivatives, shared by the pages that train a network
(the playground's two-layer network, the cross-entropy vs MSE surfaces).

Each returns ``act(pre)`` and ``act'(pre)`` elementwise, same shape as ``pre``: the
backward pass multiplies the upstream gradient by the second.
"""

from __future__ import annotations

import numpy as np

from core.softmax import sigmoid

NAMES = ("relu", "tanh", "sigmoid")


def activate(name: str, pre: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(act(pre), act'(pre))`` for ``name`` in ``NAMES``.

    * ``relu``: ``max(0, z)``, slope ``1[z > 0]`` (0 at z = 0, as PyTorch takes it);
    * ``tanh``: ``tanh z``, slope ``1 − tanh² z``;
    * ``sigmoid``: ``σ(z) = 1 / (1 + e^−z)``, slope ``σ(z)(1 − σ(z))``.

    >>> h, dh = activate("relu", np.array([-1.0, 0.0, 2.0]))
    >>> h.tolist(), dh.tolist()
    ([0.0, 0.0, 2.0], [0.0, 0.0, 1.0])
    """
    pre = np.asarray(pre, dtype=np.float64)
    if name == "tanh":
        h = np.tanh(pre)
        return h, 1.0 - h * h
    if name == "sigmoid":
        h = sigmoid(pre)
        return h, h * (1.0 - h)
    if name == "relu":
        return np.maximum(pre, 0.0), (pre > 0.0).astype(np.float64)
    raise ValueError(f"unknown activation {name!r}; choose one of {', '.join(NAMES)}.")
