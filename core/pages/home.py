"""Math of the training pipeline page: the lecture's batch through a linear model, a loss and
gradient descent, and whether that descent diverged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core._checks import as_finite_number
from core.lecture import LECTURE_LABELS, LECTURE_PIXELS, lecture_model
from core.memo import memoize
from core.training import Objective, gradient_descent, objective

SLIDER_STEP = 0.01  # the page's learning-rate grid: a suggested η lies on it


@dataclass(frozen=True)
class Divergence:
    """Where gradient descent diverged.

    ``detected``: the first step after which the loss was above ``bound`` (the
    loss before any step) or not a finite number. ``started``: the step from
    which the loss rose at every step up to ``detected``, the step where the
    updates began to overshoot (``0``: the very first update made it worse).
    """

    started: int
    detected: int
    bound: float


def find_divergence(history: np.ndarray) -> Divergence | None:
    """Did the loss grow past its starting value, or overflow? ``history`` is ``(steps + 1,)``.

    A descent that converges never ends a step above where it started (for the
    convex MSE of a linear model the loss falls at every step; the hinge and
    cross-entropy may wobble, but stay below the start on this page's range).
    So the first step whose loss exceeds ``history[0]`` or is not finite marks a
    divergence; ``None`` if there is none.

    >>> find_divergence(np.array([12.7, 23.2, 58.8]))
    Divergence(started=0, detected=1, bound=12.7)
    >>> find_divergence(np.array([5.0, 3.0, 2.0, 4.0, 9.0, np.inf]))
    Divergence(started=2, detected=4, bound=5.0)
    >>> find_divergence(np.array([5.0, 3.0, 4.0, 2.0])) is None
    True
    """
    losses = np.asarray(history, dtype=np.float64)
    if losses.ndim != 1 or losses.size == 0:
        raise ValueError(f"history must be a non-empty vector of losses, got shape {losses.shape}.")
    bound = float(losses[0])
    # NaN (inf - inf after an overflow) counts as +inf: past any bound, and "rising".
    finite = np.isfinite(losses)
    losses = np.where(finite, losses, np.inf)
    past = losses > bound if math.isfinite(bound) else ~finite
    if not past.any():
        return None
    detected = int(np.argmax(past))
    started = detected
    while started > 0 and losses[started - 1] < losses[started]:
        started -= 1
    return Divergence(started=started, detected=detected, bound=bound)


@dataclass(frozen=True)
class PipelineRun:
    """The batch before and after training, and the loss before each step.

    ``history`` is ``(steps + 1,)``: the objective before each step and after the last.
    ``divergence`` says where the loss grew past its start (``find_divergence``), or None.
    ``steps_done`` is ``steps`` unless the weights overflowed float64: training stops
    there, ``history`` is ``inf`` from that step on, and ``end`` is the last finite state.
    """

    start: Objective
    end: Objective
    history: np.ndarray
    divergence: Divergence | None
    steps_done: int


@memoize(maxsize=64)
def run_pipeline(loss: str, learning_rate: float, steps: int) -> PipelineRun:
    """Train the lecture model (``core.lecture.lecture_model``) on the lecture's three images.

    ``loss`` is an id of ``core.losses.LOSSES``; full-batch gradient descent with
    step ``learning_rate``, no regularization: ``core.training.gradient_descent``,
    one step at a time, so a run that overflows stops at its last finite state.
    """
    eta = as_finite_number(learning_rate, "learning rate")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise ValueError(f"steps must be a whole number, 0 or more; got {steps!r}.")
    X, y = LECTURE_PIXELS, LECTURE_LABELS
    W, b = lecture_model()
    start = objective(W, b, X, y, loss=loss)  # an unknown loss raises here
    history = np.full(int(steps) + 1, np.inf)
    history[0] = start.total
    done = 0
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, int(steps) + 1):
            try:
                W_next, b_next, losses = gradient_descent(
                    W, b, X, y, steps=1, learning_rate=eta, loss=loss
                )
            except ValueError:  # scores past float64: core's checks refuse them
                break
            if not np.isfinite(losses[-1]):
                break
            W, b, done = W_next, b_next, step
            history[step] = losses[-1]
    end = objective(W, b, X, y, loss=loss) if done else start
    return PipelineRun(start, end, history, find_divergence(history), done)


def stable_learning_rate(loss: str, learning_rate: float, steps: int) -> float | None:
    """A learning rate to suggest after a divergence: ``learning_rate`` halved (on the page's
    0.01 grid) until ``steps`` updates no longer diverge; None if even 0.01 diverges.

    >>> stable_learning_rate("mse", 2.0, 50), stable_learning_rate("mse", 1.5, 50)
    (1.0, 0.75)
    """
    rate = learning_rate
    while True:
        rate = math.floor(rate / 2 / SLIDER_STEP + 1e-9) * SLIDER_STEP
        if rate < SLIDER_STEP:
            return None
        rate = round(rate, 2)
        if run_pipeline(loss, rate, steps).divergence is None:
            return rate
