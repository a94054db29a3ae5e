"""The training playground's math: a linear model or a two-layer network, trained on 2D points.

The lecture's pipeline, live: scores ``s = f(x; params)``, a loss from
``core.losses.LOSSES`` averaged over the points, a penalty ``lambda R(W)`` from
``core.regularization.REGULARIZERS`` on the weights (never the biases), and
gradient descent (full batch) or SGD (seeded mini-batches), with momentum.

Models (``params`` is a tuple of arrays):

* ``"linear"``: ``s = x W^T + b``; ``W`` ``(K, 2)``, ``b`` ``(K,)``.
* ``"mlp"``: ``h = act(x W1^T + b1)``, ``s = h W2^T + b2``; ``W1`` ``(H, 2)``,
  ``b1`` ``(H,)``, ``W2`` ``(K, H)``, ``b2`` ``(K,)``.

A run is a pure function of its inputs (data, settings, seed, start, steps):
step ``t`` of SGD draws its batch from a generator seeded with ``(seed, t)``, so
``advance(train(..., 100), 50)`` equals ``train(..., 150)`` and a link that
carries the step count reproduces the run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from core.activations import activate
from core.losses import LOSSES
from core.memo import memoize
from core.regularization import REGULARIZERS

MODELS = ("linear", "mlp")
ACTIVATIONS = ("relu", "tanh", "sigmoid")
OPTIMIZERS = ("gd", "sgd")
PENALTIES = ("none", "l1", "l2")
MAX_STEPS = 5000  # steps a run may take in all (a link asking for more is refused)
MAX_HIDDEN = 64
BLOW_UP = 1e6  # a total loss above this (or not finite) counts as diverged
MEMO_SIZE = 24


@dataclass(frozen=True)
class Settings:
    """Everything besides the data and the start that decides a run (hashable: a cache key).

    ``regularizer`` is ``"none"``, ``"l1"`` or ``"l2"``; ``batch_size`` is used by
    ``"sgd"`` only; ``seed`` draws the start weights and SGD's batches.
    """

    model: str = "linear"
    hidden: int = 8
    activation: str = "relu"
    loss: str = "svm"
    margin: float = 1.0
    regularizer: str = "l2"
    lam: float = 1e-3
    optimizer: str = "gd"
    batch_size: int = 32
    learning_rate: float = 0.1
    momentum: float = 0.0
    seed: int = 0

    def __post_init__(self) -> None:
        checks = (
            (self.model in MODELS, f"model must be one of {', '.join(MODELS)}"),
            (self.activation in ACTIVATIONS, f"activation must be one of {', '.join(ACTIVATIONS)}"),
            (self.loss in LOSSES, f"loss must be one of {', '.join(LOSSES)}"),
            (self.regularizer in PENALTIES, f"penalty must be one of {', '.join(PENALTIES)}"),
            (self.optimizer in OPTIMIZERS, f"optimizer must be one of {', '.join(OPTIMIZERS)}"),
            (1 <= self.hidden <= MAX_HIDDEN, f"hidden width must be 1 to {MAX_HIDDEN}"),
            (self.batch_size >= 1, "batch size must be at least 1"),
            (
                np.isfinite(self.learning_rate) and self.learning_rate > 0,
                "learning rate must be > 0",
            ),
            (0.0 <= self.momentum < 1.0, "momentum must be at least 0 and below 1"),
            (np.isfinite(self.lam) and self.lam >= 0, "lambda must be 0 or more"),
            (np.isfinite(self.margin) and self.margin >= 0, "the margin must be 0 or more"),
        )
        for ok, message in checks:
            if not ok:
                raise ValueError(f"{message}.")


@dataclass(frozen=True)
class Data:
    """Training points ``X`` ``(N, 2)``, ``y`` ``(N,)`` and held-out points (possibly none);
    ``classes`` is K (labels lie in ``[0, K)``)."""

    X: np.ndarray
    y: np.ndarray
    X_held: np.ndarray
    y_held: np.ndarray
    classes: int


def make_data(X, y, X_held=None, y_held=None, classes: int | None = None) -> Data:
    """Check and pack the points: float64 ``(N, 2)``, int labels in ``[0, K)``, ``K >= 2``."""
    X = np.asarray(X, dtype=np.float64).reshape(-1, 2)
    y = np.asarray(y).astype(np.int64).ravel()
    X_held = np.zeros((0, 2)) if X_held is None else np.asarray(X_held, np.float64).reshape(-1, 2)
    y_held = np.zeros(0, np.int64) if y_held is None else np.asarray(y_held).astype(np.int64)
    if X.shape[0] == 0 or X.shape[0] != y.size or X_held.shape[0] != y_held.size:
        raise ValueError("need at least one training point, and one label per point.")
    if not (np.isfinite(X).all() and np.isfinite(X_held).all()):
        raise ValueError("every coordinate must be a finite number.")
    labels = np.concatenate([y, y_held])
    k = int(labels.max()) + 1 if classes is None else int(classes)
    if k < 2 or labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"labels must lie in 0 to {k - 1}, with at least two classes.")
    return Data(X, y, X_held, y_held, k)


def init_params(settings: Settings, classes: int) -> tuple[np.ndarray, ...]:
    """Seeded start weights: small for the linear model (``0.1 N(0, 1)``, biases 0); for the
    network ``W1 ~ N(0, 1)``, ``b1 ~ 0.5 N(0, 1)`` (hidden units cut the plane at different
    places) and ``W2 ~ N(0, 1/H)``, ``b2 = 0``."""
    rng = np.random.default_rng(settings.seed)
    if settings.model == "linear":
        return 0.1 * rng.standard_normal((classes, 2)), np.zeros(classes)
    h = settings.hidden
    return (
        rng.standard_normal((h, 2)),
        0.5 * rng.standard_normal(h),
        rng.standard_normal((classes, h)) / np.sqrt(h),
        np.zeros(classes),
    )


def scores(settings: Settings, params, X) -> np.ndarray:
    """Class scores ``(N, K)`` of points ``X`` ``(N, 2)``."""
    X = np.asarray(X, dtype=np.float64)
    if settings.model == "linear":
        W, b = params
        return X @ W.T + b
    W1, b1, W2, b2 = params
    return activate(settings.activation, X @ W1.T + b1)[0] @ W2.T + b2


def weights(settings: Settings, params) -> tuple[np.ndarray, ...]:
    """The penalized arrays: ``(W,)`` or ``(W1, W2)`` (biases are not regularized)."""
    return (params[0],) if settings.model == "linear" else (params[0], params[2])


def penalty(settings: Settings, params) -> float:
    """``lambda R(W)`` summed over the penalized arrays (0 for ``"none"`` or lambda = 0)."""
    if settings.regularizer == "none" or settings.lam == 0.0:
        return 0.0
    reg = REGULARIZERS[settings.regularizer]
    return settings.lam * float(sum(reg.penalty(W) for W in weights(settings, params)))


def per_sample_loss(settings: Settings, s: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``L_i`` of each point ``(N,)`` under the chosen loss (the SVM losses with ``margin``)."""
    chosen = LOSSES[settings.loss]
    kwargs = {"margin": settings.margin} if "margin" in chosen.params else {}
    return np.atleast_1d(chosen.loss(s, y, **kwargs))


@dataclass(frozen=True)
class Evaluation:
    """The objective ``L = (1/N) sum_i L_i + lambda R(W)`` at ``params`` on ``(X, y)``.

    ``scores`` ``(N, K)``, ``per_sample`` ``(N,)``; ``grads`` has one array per
    parameter, shaped like it.
    """

    scores: np.ndarray
    per_sample: np.ndarray
    data_loss: float
    reg_loss: float
    grads: tuple[np.ndarray, ...]

    @property
    def total(self) -> float:
        return self.data_loss + self.reg_loss


def evaluate(settings: Settings, params, X, y) -> Evaluation:
    """Loss and gradients by backpropagation (the chain rule through each layer).

    With ``g = dL/ds = grad(L_i) / N`` ``(N, K)``: linear ``dW = g^T X``, ``db = sum_i g_i``;
    network ``dW2 = g^T h``, ``db2 = sum_i g_i``, ``dh = g W2``, ``dpre = dh * act'(pre)``,
    ``dW1 = dpre^T X``, ``db1 = sum_i dpre_i``; plus ``lambda dR/dW`` on each weight.
    Raises ``ValueError`` if the scores are not finite (the caller calls that diverged).
    """
    X = np.asarray(X, dtype=np.float64)
    chosen = LOSSES[settings.loss]
    kwargs = {"margin": settings.margin} if "margin" in chosen.params else {}
    if settings.model == "linear":
        W, b = params
        s = X @ W.T + b
    else:
        W1, b1, W2, b2 = params
        h, dact = activate(settings.activation, X @ W1.T + b1)
        s = h @ W2.T + b2
    per_sample = np.atleast_1d(chosen.loss(s, y, **kwargs))
    g = np.atleast_2d(chosen.grad(s, y, **kwargs)) / X.shape[0]
    if settings.model == "linear":
        grads = [g.T @ X, g.sum(axis=0)]
    else:
        dpre = (g @ W2) * dact
        grads = [dpre.T @ X, dpre.sum(axis=0), g.T @ h, g.sum(axis=0)]
    reg_loss = penalty(settings, params)
    if reg_loss or (settings.regularizer != "none" and settings.lam > 0):
        reg = REGULARIZERS[settings.regularizer]
        for index in (0,) if settings.model == "linear" else (0, 2):
            grads[index] = grads[index] + settings.lam * reg.grad(params[index])
    return Evaluation(s, per_sample, float(per_sample.mean()), reg_loss, tuple(grads))


HISTORY = (
    "data_loss",
    "reg_loss",
    "train_accuracy",
    "held_accuracy",
    "weight_norm",
    "zero_fraction",
)


@dataclass(frozen=True)
class Run:
    """A training run after ``steps`` updates.

    ``params`` and ``velocity`` are the state after the last update. The history
    arrays ``(steps + 1,)`` hold, before each update and after the last: the data
    loss and ``lambda R(W)`` on the training points, training and held-out accuracy
    (NaN without held-out points), the norm ``||W||`` of all weights and the share
    of training points whose ``L_i`` is exactly 0 (every margin met).
    ``diverged_at`` is the step whose loss blew up (the run stopped there and
    keeps the last finite weights), else None.
    """

    settings: Settings
    start: tuple[np.ndarray, ...]
    params: tuple[np.ndarray, ...]
    velocity: tuple[np.ndarray, ...]
    steps: int
    data_loss: np.ndarray
    reg_loss: np.ndarray
    train_accuracy: np.ndarray
    held_accuracy: np.ndarray
    weight_norm: np.ndarray
    zero_fraction: np.ndarray
    diverged_at: int | None = None


def _accuracy(settings: Settings, params, X, y) -> float:
    if X.shape[0] == 0:
        return float("nan")
    return float(np.mean(scores(settings, params, X).argmax(axis=1) == y))


def _batch(settings: Settings, n: int, step: int) -> np.ndarray | None:
    """SGD's batch at ``step``: indices drawn without replacement, seeded by ``(seed, step)``."""
    if settings.optimizer == "gd" or settings.batch_size >= n:
        return None
    rng = np.random.default_rng([settings.seed, step])
    return rng.choice(n, size=settings.batch_size, replace=False)


def _record(settings: Settings, params, data: Data, ev: Evaluation) -> tuple[float, ...]:
    norm = float(np.sqrt(sum(np.sum(W * W) for W in weights(settings, params))))
    train_acc = float(np.mean(ev.scores.argmax(axis=1) == data.y))
    held_acc = _accuracy(settings, params, data.X_held, data.y_held)
    return ev.data_loss, ev.reg_loss, train_acc, held_acc, norm, float(np.mean(ev.per_sample == 0))


def _finite(ev: Evaluation) -> bool:
    return bool(np.isfinite(ev.total) and ev.total <= BLOW_UP)


def _safe_evaluate(settings: Settings, params, X, y) -> Evaluation | None:
    """``evaluate``, or None where the weights have blown up (non-finite scores or loss)."""
    with np.errstate(all="ignore"):
        if not all(np.isfinite(p).all() and np.abs(p).max(initial=0) < 1e100 for p in params):
            return None
        try:
            ev = evaluate(settings, params, X, y)
        except ValueError:  # the losses refuse NaN or infinite scores
            return None
    return ev if _finite(ev) else None


def start_run(settings: Settings, data: Data, start=None) -> Run:
    """A run at step 0 from ``start`` (a tuple shaped like ``init_params``) or the seeded start."""
    params = (
        init_params(settings, data.classes)
        if start is None
        else tuple(np.array(p, dtype=np.float64) for p in start)
    )
    expected = [p.shape for p in init_params(settings, data.classes)]
    if [p.shape for p in params] != expected:
        raise ValueError(f"start weights must have shapes {expected}.")
    ev = _safe_evaluate(settings, params, data.X, data.y)
    if ev is None:
        raise ValueError("the start weights give scores too large to compute a loss.")
    history = [np.array([value]) for value in _record(settings, params, data, ev)]
    zeros = tuple(np.zeros_like(p) for p in params)
    return Run(settings, params, params, zeros, 0, *history)


def advance(run: Run, data: Data, steps: int) -> Run:
    """``steps`` more updates: ``v <- mu v - eta grad``, ``p <- p + v`` (``mu = 0``: plain GD).

    The gradient is the full batch's (``"gd"``) or a seeded mini-batch's (``"sgd"``);
    the history is measured on all training points. Stops at a blow-up (see ``Run``).
    """
    if run.diverged_at is not None or steps <= 0:
        return run
    settings = run.settings
    if run.steps + steps > MAX_STEPS:
        raise ValueError(f"a run has at most {MAX_STEPS} steps.")
    eta, mu = settings.learning_rate, settings.momentum
    params, velocity = run.params, run.velocity
    rows, diverged, after = [], None, None
    for step in range(run.steps, run.steps + steps):
        batch = _batch(settings, data.y.size, step)
        if batch is None:  # the last step's evaluation on all points is this step's
            ev = after or _safe_evaluate(settings, params, data.X, data.y)
        else:
            ev = _safe_evaluate(settings, params, data.X[batch], data.y[batch])
        new_velocity = (
            None
            if ev is None
            else tuple(mu * v - eta * g for v, g in zip(velocity, ev.grads, strict=True))
        )
        new_params = (
            None if ev is None else tuple(p + v for p, v in zip(params, new_velocity, strict=True))
        )
        after = None if new_params is None else _safe_evaluate(settings, new_params, data.X, data.y)
        if after is None:
            diverged = step + 1
            break
        params, velocity = new_params, new_velocity
        rows.append(_record(settings, params, data, after))
    columns = zip(*rows, strict=True) if rows else ([],) * len(HISTORY)
    history = {
        name: np.concatenate([getattr(run, name), np.array(new, dtype=np.float64)])
        for name, new in zip(HISTORY, columns, strict=True)
    }
    return replace(
        run,
        params=params,
        velocity=velocity,
        steps=run.steps + len(rows),
        diverged_at=diverged,
        **history,
    )


@memoize(MEMO_SIZE)
def train(settings: Settings, data: Data, steps: int, start=None) -> Run:
    """``steps`` updates from the start (seeded, or ``start``): ``advance(start_run(...), steps)``.

    Cached by its inputs, so a link that opens a run at step 500 trains once.
    """
    return advance(start_run(settings, data, start), data, int(steps))


@dataclass(frozen=True)
class PointTable:
    """The per-point view of the CS231n demo: ``scores`` ``(N, K)``, ``loss`` ``(N,)``
    (``L_i`` without the penalty), ``predicted`` ``(N,)``, for the training points then the
    held-out ones (``held`` marks them)."""

    X: np.ndarray
    y: np.ndarray
    held: np.ndarray
    scores: np.ndarray
    loss: np.ndarray
    predicted: np.ndarray


def point_table(run: Run, data: Data) -> PointTable:
    """Scores and ``L_i`` of every point (training first, then held out) at the run's weights."""
    X = np.concatenate([data.X, data.X_held])
    y = np.concatenate([data.y, data.y_held])
    held = np.arange(y.size) >= data.y.size
    s = scores(run.settings, run.params, X)
    return PointTable(X, y, held, s, per_sample_loss(run.settings, s, y), s.argmax(axis=1))


def gradients(run: Run, data: Data) -> tuple[np.ndarray, ...]:
    """The full-batch gradient of the total loss at the run's weights, one array per parameter."""
    ev = _safe_evaluate(run.settings, run.params, data.X, data.y)
    return tuple(np.zeros_like(p) for p in run.params) if ev is None else ev.grads


def regions(run: Run, xs, ys) -> np.ndarray:
    """The predicted class on the grid ``xs`` x ``ys``: ``(len(ys), len(xs))`` ints."""
    gx, gy = np.meshgrid(np.asarray(xs, np.float64), np.asarray(ys, np.float64))
    points = np.column_stack([gx.ravel(), gy.ravel()])
    with np.errstate(all="ignore"):
        return scores(run.settings, run.params, points).argmax(axis=1).reshape(gx.shape)


def extent(data: Data, margin: float = 0.25) -> tuple[float, float, float, float]:
    """The square ``x_min, x_max, y_min, y_max`` that holds every point, with a margin,
    rounded out to steps of 0.5 so that re-seeding the data rarely moves the axes."""
    X = np.concatenate([data.X, data.X_held])
    low = np.floor((X.min() - margin) * 2.0) / 2.0
    high = np.ceil((X.max() + margin) * 2.0) / 2.0
    return float(low), float(high), float(low), float(high)


# The lecture's three images (dog, bird, truck) as three points of the plane, and start
# weights that give them exactly the lecture's scores (SVM losses 4.2, 0 and 14.9).
LECTURE_POINTS = np.array([[-1.0, 1.0], [1.0, 1.0], [0.0, -1.0]])


def lecture_start() -> tuple[np.ndarray, np.ndarray]:
    """``(W, b)`` of shape ``(3, 2)``, ``(3,)`` with ``LECTURE_POINTS W^T + b == LECTURE_SCORES``.

    Three points and three unknowns per class (two weights and a bias): the bias
    trick's system ``[X 1] [W b]^T = S`` has exactly one solution.
    """
    from core.lecture import LECTURE_SCORES  # noqa: PLC0415 (only the preset needs it)

    augmented = np.column_stack([LECTURE_POINTS, np.ones(3)])
    solution = np.linalg.solve(augmented, LECTURE_SCORES)  # (3, K): rows w_1, w_2, b
    return solution[:2].T.copy(), solution[2].copy()


DATASET_IDS = ("blobs", "circles", "spiral", "xor", "lecture")  # the page's data choices
WITH_CLASSES = ("blobs", "circles", "spiral")  # the datasets that take a class count


@memoize(MEMO_SIZE)
def dataset(
    name: str, *, classes: int, n_samples: int, noise: float, held_out: float, seed: int
) -> Data:
    """Seeded points of ``core.datasets`` (``"lecture"``: the three ``LECTURE_POINTS``), split
    into training and held-out points (``held_out`` fraction, 0 for none; the lecture's three
    points are never split)."""
    from core.datasets import DATASETS, split  # noqa: PLC0415 (keeps the module's header short)

    if name == "lecture":
        return make_data(LECTURE_POINTS, np.arange(3))
    if name not in DATASETS:
        raise ValueError(f"unknown data {name!r}; choose one of {', '.join(DATASET_IDS)}.")
    kwargs = {"classes": int(classes)} if name in WITH_CLASSES else {}
    X, y = DATASETS[name](int(n_samples), seed=int(seed), noise=noise, **kwargs)
    k = int(y.max()) + 1
    if held_out <= 0.0:
        return make_data(X, y, classes=k)
    return make_data(*split(X, y, held_out=held_out, seed=int(seed)), classes=k)


def flatten(params) -> np.ndarray:
    """The parameters as one vector (each array row-major, in order): what a link carries."""
    return np.concatenate([np.ravel(p) for p in params])


def unflatten(settings: Settings, classes: int, values) -> tuple[np.ndarray, ...]:
    """The inverse of ``flatten`` for this model and class count; ``ValueError`` on a wrong
    count, saying how many numbers are needed."""
    shapes = [p.shape for p in init_params(settings, classes)]
    sizes = [int(np.prod(shape)) for shape in shapes]
    values = np.asarray(values, dtype=np.float64).ravel()
    if values.size != sum(sizes):
        raise ValueError(
            f"the start weights need {sum(sizes)} numbers for this model and {classes} classes, "
            f"got {values.size}."
        )
    parts = np.split(values, np.cumsum(sizes)[:-1])
    return tuple(part.reshape(shape) for part, shape in zip(parts, shapes, strict=True))
