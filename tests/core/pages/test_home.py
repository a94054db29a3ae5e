"""core.pages.home: the lecture batch trained by gradient descent, and divergence detection."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from core.lecture import LECTURE_LABELS, LECTURE_PIXELS, lecture_model
from core.pages.home import Divergence, find_divergence, run_pipeline, stable_learning_rate
from core.training import gradient_descent

SLIDER_RATES = [round(0.01 * i, 2) for i in range(1, 201)]  # the page's η slider
MAX_STEPS = 50  # the page's steps slider


def test_the_lecture_run_matches_core_training_and_does_not_diverge() -> None:
    run = run_pipeline("svm", 0.1, 1)
    W, b = lecture_model()
    history = gradient_descent(
        W, b, LECTURE_PIXELS, LECTURE_LABELS, steps=1, learning_rate=0.1, loss="svm"
    )[2]
    np.testing.assert_allclose(run.history, history)
    assert run.start.total == pytest.approx(6.3667, abs=1e-4)
    assert run.end.total == pytest.approx(6.1749, abs=1e-4)
    assert run.divergence is None


def test_mse_with_the_largest_learning_rate_diverges_from_the_first_step() -> None:
    """The reviewer's case: η = 2, 50 steps reached 2.2e23 with no word of it."""
    run = run_pipeline("mse", 2.0, 50)
    assert run.history[-1] > 1e23
    assert run.divergence == Divergence(started=0, detected=1, bound=run.history[0])
    assert run.history[1] > run.history[0]


def test_mse_just_past_the_stable_rate_falls_first_then_rises() -> None:
    run = run_pipeline("mse", 1.5, 50)
    found = run.divergence
    assert found is not None and (found.started, found.detected) == (6, 32)
    history = run.history
    assert np.all(np.diff(history[: found.started + 1]) < 0)  # fell until step 6
    assert np.all(np.diff(history[found.started :]) > 0)  # then rose at every step
    assert history[found.detected - 1] <= history[0] < history[found.detected]


@pytest.mark.parametrize("loss", ["svm", "ce"])
def test_no_false_alarm_for_the_hinge_or_cross_entropy_on_the_whole_slider(loss: str) -> None:
    """Their gradients are bounded: a large η makes them wobble, never grow past the start.
    A run of fewer steps is a prefix of the 50-step run, so 50 steps covers every setting."""
    for rate in SLIDER_RATES:
        run = run_pipeline(loss, rate, MAX_STEPS)
        assert run.divergence is None, (loss, rate)
        assert np.all(run.history <= run.history[0])


def test_mse_diverges_exactly_from_eta_1_5_within_50_steps() -> None:
    diverged = [rate for rate in SLIDER_RATES if run_pipeline("mse", rate, MAX_STEPS).divergence]
    assert diverged == [rate for rate in SLIDER_RATES if rate >= 1.5]


@pytest.mark.parametrize("rate", [1.5, 1.75, 2.0])
def test_the_suggested_learning_rate_converges(rate: float) -> None:
    safer = stable_learning_rate("mse", rate, MAX_STEPS)
    assert safer is not None and safer <= rate / 2
    assert safer == round(safer, 2)  # on the slider's grid
    run = run_pipeline("mse", safer, MAX_STEPS)
    assert run.divergence is None and run.history[-1] < run.history[0]


def test_a_learning_rate_that_overflows_stops_at_the_last_finite_state_without_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = run_pipeline("mse", 1e6, 400)
    assert 0 < run.steps_done < 400
    assert np.all(np.isfinite(run.history[: run.steps_done + 1]))
    assert np.all(np.isinf(run.history[run.steps_done + 1 :]))
    assert run.end.total == run.history[run.steps_done]
    found = run.divergence
    assert found is not None and (found.started, found.detected) == (0, 1)


def test_a_run_that_does_not_overflow_does_every_step() -> None:
    assert run_pipeline("mse", 2.0, 50).steps_done == 50
    assert run_pipeline("svm", 0.1, 0).steps_done == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"loss": "hinge"}, "unknown loss"),
        ({"learning_rate": float("nan")}, "learning rate must be finite"),
        ({"steps": -1}, "steps must be a whole number"),
        ({"steps": 2.5}, "steps must be a whole number"),
    ],
)
def test_bad_arguments_raise_instead_of_looking_like_a_divergence(kwargs, message) -> None:
    arguments = {"loss": "mse", "learning_rate": 0.1, "steps": 3} | kwargs
    with pytest.raises(ValueError, match=message):
        run_pipeline(**arguments)


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ([5.0], None),
        ([5.0, 5.0, 5.0], None),  # flat is not growing
        ([5.0, 3.0, 4.9, 1.0], None),  # a wobble below the start
        ([5.0, 5.1], (0, 1)),
        ([5.0, 3.0, 2.0, 4.0, 9.0, 20.0], (2, 4)),
        ([5.0, 4.0, 4.5, 4.2, 6.0], (3, 4)),  # started: the rise that crossed, not an earlier one
        ([5.0, 4.0, np.inf, np.nan], (1, 2)),
        ([5.0, 4.0, np.nan], (1, 2)),  # NaN after an overflow counts as past any bound
    ],
    ids=["one-point", "flat", "wobble", "first-step", "fall-then-rise", "re-rise", "inf", "nan"],
)
def test_find_divergence_cases(history: list[float], expected: tuple[int, int] | None) -> None:
    found = find_divergence(np.array(history))
    if expected is None:
        assert found is None
    else:
        assert (found.started, found.detected) == expected
        assert found.bound == history[0]


@pytest.mark.parametrize("bad", [np.empty(0), np.ones((2, 2))])
def test_find_divergence_refuses_a_non_vector(bad: np.ndarray) -> None:
    with pytest.raises(ValueError, match="non-empty vector"):
        find_divergence(bad)


@given(arrays(np.float64, st.integers(1, 60), elements=st.floats(0, 1e300)))
def test_find_divergence_properties(history: np.ndarray) -> None:
    found = find_divergence(history)
    if found is None:
        assert np.all(history <= history[0])
        return
    assert 0 <= found.started < found.detected < history.size
    assert history[found.detected] > history[0]
    assert np.all(history[1 : found.detected] <= history[0])  # the first crossing
    rising = history[found.started : found.detected + 1]
    assert np.all(np.diff(rising) > 0)
    assert found.started == 0 or history[found.started - 1] >= history[found.started]
