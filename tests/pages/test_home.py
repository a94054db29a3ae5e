"""ui.controls through the real app (AppTest): every home control lives in the URL.

A link restores the controls; a garbage, out-of-range or hostile value opens
the page on the default with an ``st.warning`` (never an exception); moving a
control rewrites the URL; the preset sets every control at once.
"""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from core.lecture import LECTURE_LABELS, LECTURE_PIXELS, lecture_model
from core.losses import LOSSES
from core.training import gradient_descent
from sections.home import loss_text
from tests.apptest_utils import assert_clean, figures, open_page, share_query, texts

SVM = "svm"
CE = "ce"
MSE = "mse"
DEFAULTS = {"home_loss": SVM, "home_lr": 0.1, "home_steps": 1}
NAMES = {loss_id: entry.name for loss_id, entry in LOSSES.items()}  # what links carry
DEFAULT_TEXT = {"home_loss": NAMES[SVM], "home_lr": "0.1", "home_steps": "1"}


def _controls(at) -> dict:
    return {
        "home_loss": at.selectbox(key="home_loss").value,
        "home_lr": at.slider(key="home_lr").value,
        "home_steps": at.slider(key="home_steps").value,
    }


def _url(at) -> dict[str, str]:
    """The share link's values, a control at its default (left out of links) included."""
    return {**DEFAULT_TEXT, **share_query(at)}


def _expected_batch_loss(loss: str, learning_rate: float, steps: int) -> float:
    W, b = lecture_model()
    history = gradient_descent(
        W, b, LECTURE_PIXELS, LECTURE_LABELS, steps=steps, learning_rate=learning_rate, loss=loss
    )[2]
    return float(history[-1])


VALID = [
    # (id, query, expected control values)
    ("cross-entropy", {"home_loss": CE}, {**DEFAULTS, "home_loss": CE}),
    ("all-three", {"home_loss": MSE, "home_lr": "0.5", "home_steps": "7"},
     {"home_loss": MSE, "home_lr": 0.5, "home_steps": 7}),
    ("upper-bounds", {"home_lr": "2", "home_steps": "50"},
     {**DEFAULTS, "home_lr": 2.0, "home_steps": 50}),
    ("lower-bounds", {"home_lr": "0.01", "home_steps": "0"},
     {**DEFAULTS, "home_lr": 0.01, "home_steps": 0}),
    ("exponent-and-spaces", {"home_lr": " 2.5e-1 ", "home_steps": "1e1"},
     {**DEFAULTS, "home_lr": 0.25, "home_steps": 10}),
    ("whole-part", {"home_steps": "2.5"}, {**DEFAULTS, "home_steps": 2}),  # as Streamlit reads it
]  # fmt: skip


@pytest.mark.parametrize(("query", "expected"), [c[1:] for c in VALID], ids=[c[0] for c in VALID])
def test_a_valid_link_restores_the_controls(query: dict, expected: dict) -> None:
    at = open_page(None, query)
    assert_clean(at)
    assert not at.warning
    assert _controls(at) == expected
    # The page computes with the restored values, and the share link holds them canonically.
    loss = _expected_batch_loss(expected["home_loss"], expected["home_lr"], expected["home_steps"])
    assert f"{loss:.4f}" in texts(at)
    assert _url(at) == {
        "home_loss": NAMES[expected["home_loss"]],
        "home_lr": f"{expected['home_lr']:g}",
        "home_steps": str(expected["home_steps"]),
    }


GARBAGE = ["abc", "nan", "inf", "1e999", "", "   ", "__import__('os')", "1+1", "x" * 10_000]
OUT_OF_RANGE = [
    ("home_loss", "softmax cross-entropy"),  # options are matched exactly
    ("home_loss", "Hinge"),
    ("home_lr", "5"),
    ("home_lr", "0"),
    ("home_lr", "-0.5"),
    ("home_steps", "51"),
    ("home_steps", "-1"),
]
BAD = [(key, value) for key in DEFAULTS for value in GARBAGE] + OUT_OF_RANGE


@pytest.mark.parametrize(
    ("key", "value"), BAD, ids=[f"{k}={v[:20]!r}" + ("..." if len(v) > 20 else "") for k, v in BAD]
)
def test_a_bad_link_value_gives_the_default_and_a_warning(key: str, value: str) -> None:
    query = {"home_loss": CE, "home_lr": "0.5", "home_steps": "3", key: value}
    at = open_page(None, query)
    assert_clean(at)
    restored = {"home_loss": CE, "home_lr": 0.5, "home_steps": 3}
    assert _controls(at) == {**restored, key: DEFAULTS[key]}
    assert len(at.warning) == 1
    warning = at.warning[0].value
    assert f"**{key}**" in warning and "default" in warning
    assert len(warning) < 400
    # The address bar and the share link are valid links again.
    assert key not in at.query_params
    assert key not in share_query(at)


MARKDOWN = [
    "[x](http://e.vil)",
    "http://e.vil",
    "www.e.vil",
    "**loud**",
    "<b>hi</b>",
    "$x^2$",
    "`code`",
    "~~gone~~",
]


@pytest.mark.parametrize("value", MARKDOWN)
@pytest.mark.parametrize("key", ["home_lr", "home_steps"])
def test_a_link_value_is_shown_only_as_code_in_the_warning(key: str, value: str) -> None:
    at = open_page(None, {key: value})
    assert_clean(at)
    assert _controls(at)[key] == DEFAULTS[key]
    (warning,) = [w.value for w in at.warning]
    outside_code = re.sub(r"`[^`]*`", "", warning)
    assert warning.count("`") % 2 == 0, "an unclosed code span"
    for fragment in (value, "http", "www", "e.vil", "**loud", "<b>", "$x", "~~"):
        assert fragment not in outside_code, (fragment, warning)


def test_moving_a_control_writes_the_url_and_the_url_reopens_it() -> None:
    at = open_page()
    assert _url(at) == DEFAULT_TEXT
    at.slider(key="home_lr").set_value(0.73).run()
    at.slider(key="home_steps").set_value(12).run()
    at.selectbox(key="home_loss").set_value(MSE).run()
    assert_clean(at)
    assert _url(at) == {"home_loss": NAMES[MSE], "home_lr": "0.73", "home_steps": "12"}
    reopened = open_page(None, share_query(at))
    assert _controls(reopened) == {"home_loss": MSE, "home_lr": 0.73, "home_steps": 12}
    assert f"{_expected_batch_loss(MSE, 0.73, 12):.4f}" in texts(reopened)


@pytest.mark.parametrize(
    ("old", "loss"), [(entry.name, loss_id) for loss_id, entry in LOSSES.items()] + [("mse", MSE)]
)
def test_links_with_a_loss_name_or_id_open_that_loss(old: str, loss: str) -> None:
    """Links shared before the losses had ids carried the display name; both still work."""
    at = open_page(None, {"home_loss": old})
    assert not at.warning
    assert _controls(at)["home_loss"] == loss
    assert _url(at)["home_loss"] == NAMES[loss]


def test_the_preset_sets_every_control() -> None:
    at = open_page(None, {"home_loss": MSE, "home_lr": "1.5", "home_steps": "20"})
    assert _controls(at) == {"home_loss": MSE, "home_lr": 1.5, "home_steps": 20}
    at.button(key="home_preset").click().run()
    assert_clean(at)
    assert _controls(at) == DEFAULTS
    assert _url(at) == DEFAULT_TEXT
    assert f"{_expected_batch_loss(SVM, 0.1, 1):.4f}" in texts(at)


NOT_A_NUMBER = re.compile(r"\bnan\b|\binf\b|\\infty|\\text\{NaN\}", re.IGNORECASE)


def _assert_charts_drawn(at) -> None:
    """Both charts have data (legend-only traces may hold a lone None/NaN point)."""
    charts = figures(at)
    assert len(charts) == 2
    for chart in charts:
        ys = [np.asarray(trace.get("y"), dtype=float) for trace in chart["data"]]
        assert any(y.size and np.all(np.isfinite(y)) for y in ys), chart["layout"].get("title")


@pytest.mark.parametrize("seed", range(3))
def test_random_valid_values_never_break_the_page(seed: int) -> None:
    rng = random.Random(seed)
    at = open_page()
    for _ in range(8):
        loss = rng.choice(list(LOSSES))
        learning_rate = rng.randint(1, 200) / 100
        steps = rng.randint(0, 50)
        at.selectbox(key="home_loss").set_value(loss)
        at.slider(key="home_lr").set_value(learning_rate)
        at.slider(key="home_steps").set_value(steps).run()
        assert_clean(at)
        assert _controls(at) == {"home_loss": loss, "home_lr": learning_rate, "home_steps": steps}
        shown = texts(at)
        assert not NOT_A_NUMBER.search(shown), shown
        # A diverged run's loss reads 2.248 × 10²³, never as 24 digits.
        assert loss_text(_expected_batch_loss(loss, learning_rate, steps)) in shown
        assert not re.search(r"\d{9}", shown), shown
        _assert_charts_drawn(at)


def _warnings(at) -> list[str]:
    return [w.value for w in at.warning]


def test_the_reviewers_case_says_the_training_diverged_and_what_to_do() -> None:
    """MSE, η = 2, 50 steps showed a 24-digit loss and a "0.8T" axis with no word of it."""
    at = open_page(None, {"home_loss": MSE, "home_lr": "2", "home_steps": "50"})
    assert_clean(at)
    (warning,) = _warnings(at)
    assert "Training diverged" in warning and "lower the learning rate η" in warning
    assert "rose from the very first step" in warning
    assert "at step 1" in warning  # where it passed its starting value
    assert "η = 1 this run converges" in warning  # a value that does, checked by core
    shown = texts(at)
    assert "2.248 × 10²³" in shown
    assert not re.search(r"\d{9}", shown), "a number written out in full"
    scores, curve = figures(at)
    assert curve["layout"]["yaxis"]["type"] == "log"
    assert [s["x0"] for s in curve["layout"]["shapes"]] == [0]  # the step it started
    assert scores["layout"]["yaxis"]["exponentformat"] == "power"


def test_a_run_that_falls_then_diverges_names_the_step_it_turned() -> None:
    at = open_page(None, {"home_loss": MSE, "home_lr": "1.5", "home_steps": "50"})
    (warning,) = _warnings(at)
    assert "fell until step 6, then rose at every step" in warning
    assert "at step 32" in warning
    assert "η = 0.75 this run converges" in warning
    (curve,) = [f for f in figures(at) if f["layout"]["title"]["text"] == "Batch loss L"]
    assert [s["x0"] for s in curve["layout"]["shapes"]] == [6]


def test_lowering_eta_as_told_clears_the_warning() -> None:
    at = open_page(None, {"home_loss": MSE, "home_lr": "2", "home_steps": "50"})
    assert _warnings(at)
    at.slider(key="home_lr").set_value(1.0).run()
    assert_clean(at)
    assert not _warnings(at)
    assert figures(at)[1]["layout"]["yaxis"].get("type") is None


@pytest.mark.parametrize("loss", [SVM, CE])
def test_no_divergence_warning_for_the_hinge_or_cross_entropy_at_the_largest_eta(loss) -> None:
    at = open_page(None, {"home_loss": loss, "home_lr": "2", "home_steps": "50"})
    assert_clean(at)
    assert not _warnings(at)
