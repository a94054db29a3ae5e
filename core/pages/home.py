"""Math of the training pipeline page: the lecture's batch through a linear model, a loss and
gradient descent.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.lecture import LECTURE_LABELS, LECTURE_PIXELS, lecture_model
from core.memo import memoize
from core.training import Objective, gradient_descent, objective


@dataclass(frozen=True)
class PipelineRun:
    """The batch before and after ``steps`` updates, and the loss before each step.

    ``history`` is ``(steps + 1,)``: the objective before each step and after the last.
    """

    start: Objective
    end: Objective
    history: np.ndarray


@memoize(maxsize=64)
def run_pipeline(loss: str, learning_rate: float, steps: int) -> PipelineRun:
    """Train the lecture model (``core.lecture.lecture_model``) on the lecture's three images.

    ``loss`` is an id of ``core.losses.LOSSES``; full-batch gradient descent with
    step ``learning_rate``, no regularization.
    """
    W, b = lecture_model()
    start = objective(W, b, LECTURE_PIXELS, LECTURE_LABELS, loss=loss)
    W_new, b_new, history = gradient_descent(
        W, b, LECTURE_PIXELS, LECTURE_LABELS, steps=steps, learning_rate=learning_rate, loss=loss
    )
    end = objective(W_new, b_new, LECTURE_PIXELS, LECTURE_LABELS, loss=loss)
    return PipelineRun(start, end, history)
