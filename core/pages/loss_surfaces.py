"""Math of the loss-surfaces page: cross-entropy vs MSE over two weights of a small network.

Glorot & Bengio (2010), "Understanding the difficulty of training deep feedforward
neural networks", Fig. 5: the loss of a network with one hidden layer as a
function of one first-layer weight ``W1`` and one output-layer weight ``W2``,
once with the cross-entropy cost and once with the quadratic cost (MSE). Here:

* ``network``: seeded inputs ``X`` ``(N, D)`` (standard normal), weights
  ``W1`` ``(D, H)`` and ``w2`` ``(H,)``, and binary targets ``t`` ``(N,)``: the
  labels a "teacher" network of the same shape gives (``t = 1`` where its output
  is positive), so the surfaces have a real valley to find.
* The model: ``h = act(X W1)`` ``(N, H)`` (tanh, sigmoid or ReLU), output
  ``z = h w2`` ``(N,)``, prediction ``p = sigmoid(z)`` (no biases).
* The losses, batch means over the ``N`` samples:
  ``L_CE = (1/N) sum_n [log(1 + e^{z_n}) - t_n z_n]`` (``-t log p - (1-t) log(1-p)``),
  ``L_MSE = (1/N) sum_n (p_n - t_n)^2`` (``core.losses.mse_loss`` with one output).
* Their slopes in ``z``: ``dL_CE/dz_n = (p_n - t_n)/N`` and
  ``dL_MSE/dz_n = 2 (p_n - t_n) p_n (1 - p_n)/N``. The MSE's carries the
  sigmoid's slope ``p(1-p)``, which is ~0 where the output saturates: a
  confidently wrong output gives MSE almost no gradient (a plateau), while the
  cross-entropy's factor ``p - t`` stays near 1 there.

Two weights vary: ``a = W1[i, j]`` (input ``i`` to hidden unit ``j``) and
``b = w2[k]`` (hidden unit ``k`` to the output); the rest stay at their seeded
values. ``losses_and_grads`` broadcasts whole grids of ``(a, b)`` through the
network at once (no Python loop over grid points); ``surfaces`` evaluates it on
a grid and ``descent`` runs gradient descent on both losses from one start.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.activations import activate
from core.memo import memoize
from core.softmax import sigmoid

INPUTS = 2  # input features D
ACTIVATIONS = ("tanh", "sigmoid", "relu")
LOSS_IDS = ("ce", "mse")  # the order of every (2, ...) array below
MIN_GRID, MAX_GRID = 11, 81  # grid points per axis
MAX_SAMPLES, MAX_HIDDEN = 200, 8  # 81 x 81 x 200 samples: about 100 ms
DESCENT_STEPS = 300
REACH_FRACTION = 0.1  # "reached": 90% of the way down from the start's loss to the grid's lowest
TEACHER_SCALE = 2.0  # the teacher's weights: standard normal times this
MEMO_SIZE = 16


@dataclass(frozen=True)
class Network:
    """A one-hidden-layer network and its data, with two of its weights chosen to vary.

    ``X`` ``(N, D)``, ``t`` ``(N,)`` in {0, 1}, ``W1`` ``(D, H)``, ``w2`` ``(H,)``;
    ``w1_index = (i, j)`` names ``W1[i, j]`` and ``w2_index = k`` names ``w2[k]``.
    """

    X: np.ndarray
    t: np.ndarray
    W1: np.ndarray
    w2: np.ndarray
    activation: str
    w1_index: tuple[int, int]
    w2_index: int

    @property
    def teacher(self) -> tuple[float, float]:
        """The seeded values of the two varying weights (the teacher's)."""
        i, j = self.w1_index
        return float(self.W1[i, j]), float(self.w2[self.w2_index])


def _check_int(value, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or int(value) != value or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, got {value!r}.")
    return int(value)


@memoize(MEMO_SIZE)
def network(
    n_samples: int = 100,
    hidden: int = 3,
    *,
    seed: int = 0,
    activation: str = "tanh",
    w1_index: tuple[int, int] = (0, 0),
    w2_index: int = 0,
) -> Network:
    """Seeded data and weights: ``X ~ N(0, 1)`` ``(N, D)``, ``W1, w2 ~ 2 N(0, 1)``, and
    targets ``t_n = 1[z_n > 0]`` of that network itself (the teacher).

    The same arguments give the same network, so a shared link reproduces the surfaces.

    >>> net = network(5, 2, seed=1)
    >>> net.X.shape, net.W1.shape, net.w2.shape, sorted(set(net.t.tolist())) <= [0.0, 1.0]
    ((5, 2), (2, 2), (2,), True)
    """
    n = _check_int(n_samples, "The number of samples", 2, MAX_SAMPLES)
    h = _check_int(hidden, "The hidden width", 1, MAX_HIDDEN)
    _check_int(seed, "The seed", 0, 2**31 - 1)
    i, j = (_check_int(v, "A W1 index", 0, 10**6) for v in w1_index)
    k = _check_int(w2_index, "The W2 index", 0, 10**6)
    if i >= INPUTS or j >= h or k >= h:
        raise ValueError(
            f"the varying weights must exist: W1[i, j] needs i < {INPUTS} inputs and j < {h} "
            f"hidden units, w2[k] needs k < {h}; got W1[{i}, {j}] and w2[{k}]."
        )
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, INPUTS))
    W1 = TEACHER_SCALE * rng.standard_normal((INPUTS, h))
    w2 = TEACHER_SCALE * rng.standard_normal(h)
    hidden_out, _ = activate(activation, X @ W1)
    t = (hidden_out @ w2 > 0.0).astype(np.float64)
    return Network(X, t, W1, w2, activation, (i, j), k)


Fixed = tuple[np.ndarray, np.ndarray, np.ndarray]


def _fixed(net: Network) -> Fixed:
    """What the two varying weights do not change, each ``(N,)``: unit ``j``'s
    pre-activation without ``W1[i, j]``'s term, the output's part from the hidden units
    neither weight touches, and unit ``k``'s activation (when ``k != j``)."""
    (i, j), k = net.w1_index, net.w2_index
    pre = net.X @ net.W1  # (N, H)
    hid, _ = activate(net.activation, pre)
    keep = np.ones(net.w2.shape[0], dtype=bool)
    keep[[j, k]] = False
    return pre[:, j] - net.W1[i, j] * net.X[:, i], hid[:, keep] @ net.w2[keep], hid[:, k]


def _forward(
    net: Network, a, b, fixed: Fixed | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The output ``z`` and its slopes ``dz/da``, ``dz/db`` at ``W1[i, j] = a``, ``w2[k] = b``.

    ``a`` and ``b`` broadcast to ``S``; each result is ``S + (N,)`` (or broadcasts to it).
    ``fixed`` is ``_fixed(net)``, passed in by a caller that evaluates many points.
    """
    a = np.asarray(a, dtype=np.float64)[..., None]  # S + (1,)
    b = np.asarray(b, dtype=np.float64)[..., None]
    (i, j), k = net.w1_index, net.w2_index
    base_j, rest, h_k = _fixed(net) if fixed is None else fixed
    x_i = net.X[:, i]
    h_j, dh_j = activate(net.activation, base_j + a * x_i)  # S + (N,)
    if j == k:
        return rest + b * h_j, b * dh_j * x_i, h_j
    return rest + net.w2[j] * h_j + b * h_k, net.w2[j] * dh_j * x_i, h_k


def losses_and_grads(net: Network, a, b) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Both losses and their gradients at ``W1[i, j] = a``, ``w2[k] = b``, broadcast.

    ``a`` and ``b`` broadcast to a shape ``S`` (a grid: ``a`` ``(1, G1)`` and ``b``
    ``(G2, 1)``); every sample goes through the network for every point at once, as
    arrays of shape ``S + (N,)``. Returns ``loss``, ``dL/da``, ``dL/db``, each
    ``(2,) + S``: index 0 the cross-entropy, 1 the MSE (``LOSS_IDS``).

    Chain rule, with ``g_n = dL/dz_n`` (module docstring):
    ``dL/da = sum_n g_n w2_j act'(pre_nj) X_ni`` and ``dL/db = sum_n g_n h_nk``
    (``w2_j`` is ``b`` itself when ``j == k``).

    >>> net = network(50, 2, seed=0)
    >>> loss, da, db = losses_and_grads(net, *net.teacher)
    >>> loss.shape, bool(loss[0] < np.log(2))  # the teacher's own weights fit its labels
    ((2,), True)
    """
    z, dz_da, dz_db = _forward(net, a, b)
    t = net.t
    p = 0.5 + 0.5 * np.tanh(0.5 * z)  # sigmoid(z), one transcendental pass, stable
    err = p - t
    n = t.shape[0]
    ce = np.mean(np.logaddexp(0.0, (1.0 - 2.0 * t) * z), axis=-1)  # log(1+e^z) - t z, t in {0,1}
    mse = np.mean(err * err, axis=-1)
    g = np.stack(np.broadcast_arrays(err, 2.0 * err * p * (1.0 - p))) / n  # (2,) + S + (N,)
    da = np.einsum("...n,...n->...", g, dz_da)  # sums over samples without a product array
    db = np.einsum("...n,...n->...", g, dz_db)
    return np.stack([ce, mse]), da, db


@dataclass(frozen=True)
class Surfaces:
    """Both losses on a grid: ``w1`` ``(G1,)`` and ``w2`` ``(G2,)`` are the axes; ``loss`` and
    ``grad_norm`` are ``(2, G2, G1)`` (rows follow ``w2``, as Plotly's ``z``), CE then MSE."""

    w1: np.ndarray
    w2: np.ndarray
    loss: np.ndarray
    grad_norm: np.ndarray


def weight_grid(weight_range: float, points: int) -> np.ndarray:
    """``points`` evenly spaced values from ``-weight_range`` to ``weight_range``."""
    _check_int(points, "The grid resolution", MIN_GRID, MAX_GRID)
    if not (np.isfinite(weight_range) and weight_range > 0):
        raise ValueError(f"The weight range must be a positive number, got {weight_range!r}.")
    return np.linspace(-weight_range, weight_range, int(points))


@memoize(MEMO_SIZE)
def surfaces(net: Network, weight_range: float, points: int) -> Surfaces:
    """Cross-entropy and MSE, and their gradient norms ``|(dL/da, dL/db)|``, on a
    ``points x points`` grid over ``[-weight_range, weight_range]`` for both weights.

    One broadcast through the network: ``(points, points, N)`` arrays, no loop.
    """
    grid = weight_grid(weight_range, points)
    loss, da, db = losses_and_grads(net, grid[None, :], grid[:, None])
    return Surfaces(grid, grid, loss, np.hypot(da, db))


@dataclass(frozen=True)
class Descent:
    """Gradient descent on both losses from one start: ``path`` ``(2, S + 1, 2)`` (loss,
    step, (a, b)), ``loss`` ``(2, S + 1)``, ``grad_norm`` ``(2, S + 1)``; ``threshold``
    ``(2,)`` is the loss each must reach, ``reached`` ``(2,)`` the first step at or below
    it (-1: never within the steps)."""

    path: np.ndarray
    loss: np.ndarray
    grad_norm: np.ndarray
    threshold: np.ndarray
    reached: np.ndarray


@memoize(MEMO_SIZE)
def descent(
    net: Network,
    start: tuple[float, float],
    learning_rate: float,
    weight_range: float,
    points: int,
    steps: int = DESCENT_STEPS,
) -> Descent:
    """Plain gradient descent ``(a, b) <- (a, b) - eta grad L`` on each loss, both from
    ``start``, with the same learning rate ``eta``; the weights are kept inside the grid's
    square (clipped), so the path stays on the chart.

    The target of each run is ``L_min + 0.1 (L_start - L_min)``, with ``L_min`` the lowest
    value of its own surface on the grid (``REACH_FRACTION``): 90% of the way down from
    where it starts, so the two losses' different scales do not matter. Both runs advance
    together (one batched evaluation per step: ``steps`` evaluations, not one per grid point).
    """
    if not (np.isfinite(learning_rate) and learning_rate > 0):
        raise ValueError(f"The learning rate must be a positive number, got {learning_rate!r}.")
    steps = _check_int(steps, "The number of steps", 1, 100_000)
    surf = surfaces(net, weight_range, points)
    low = surf.loss.reshape(2, -1).min(axis=1)
    point = np.clip(np.array([start, start], dtype=np.float64), -weight_range, weight_range)
    path = np.empty((2, steps + 1, 2))
    losses = np.empty((2, steps + 1))
    norms = np.empty((2, steps + 1))
    fixed = _fixed(net)
    t, n = net.t, net.t.shape[0]
    sign = 1.0 - 2.0 * t
    for s in range(steps + 1):  # row 0 descends on CE, row 1 on MSE, each at its own point
        z, dz_da, dz_db = _forward(net, point[:, 0], point[:, 1], fixed)  # (2, N) each
        p = 0.5 + 0.5 * np.tanh(0.5 * z)
        err = p - t
        g = err / n
        g[1] *= 2.0 * p[1] * (1.0 - p[1])
        grad = np.stack([(g * dz_da).sum(axis=-1), (g * dz_db).sum(axis=-1)], axis=1)
        path[:, s] = point
        losses[0, s] = np.logaddexp(0.0, sign * z[0]).mean()
        losses[1, s] = (err[1] * err[1]).mean()
        norms[:, s] = np.hypot(grad[:, 0], grad[:, 1])
        point = np.clip(point - learning_rate * grad, -weight_range, weight_range)
    low = np.minimum(low, losses.min(axis=1))  # the path may find a lower point than the grid
    threshold = low + REACH_FRACTION * (losses[:, 0] - low)
    below = losses <= threshold[:, None]
    reached = np.where(below.any(axis=1), below.argmax(axis=1), -1)
    return Descent(path, losses, norms, threshold, reached)


def slice_at(net: Network, b: float, weight_range: float, points: int = 201) -> np.ndarray:
    """Both losses along ``W1[i, j]`` at a fixed ``w2[k] = b``: ``(2, points)`` on
    ``linspace(-weight_range, weight_range, points)``."""
    grid = np.linspace(-weight_range, weight_range, points)
    return losses_and_grads(net, grid, b)[0]


@dataclass(frozen=True)
class Saturation:
    """The output units at one point: the mean sigmoid slope ``p(1 - p)`` (MSE's extra
    factor), the mean error ``|p - t|`` and the share of samples confidently wrong
    (``|p - t| > 0.9``)."""

    slope: float
    error: float
    wrong: float


def saturation(net: Network, a: float, b: float) -> Saturation:
    """How saturated the output is at ``W1[i, j] = a``, ``w2[k] = b`` (see ``Saturation``).

    >>> s = saturation(network(100, 2, seed=8), 6.0, 6.0)
    >>> s.slope < 0.05 and s.wrong > 0.5  # far up the plateau: confidently wrong, flat
    True
    """
    p = sigmoid(_forward(net, a, b)[0])
    err = np.abs(p - net.t)
    return Saturation(float(np.mean(p * (1 - p))), float(np.mean(err)), float(np.mean(err > 0.9)))
