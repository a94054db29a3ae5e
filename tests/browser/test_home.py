"""The home page (views/home.py) in a real browser: charts render offline, the URL drives state."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from core.lecture import LECTURE_LABELS, LECTURE_PIXELS, LECTURE_SCORES, lecture_model
from core.losses import LOSSES
from core.training import gradient_descent
from tests.browser import helpers

SCORES_CHART, LOSS_CHART = "home_scores", "home_loss_curve"  # st.plotly_chart keys
STEPS_LABEL = "Gradient steps"
LR_LABEL = "Learning rate η"
SVM, CE = "svm", "ce"


def expected_history(loss: str, steps: int, learning_rate: float) -> np.ndarray:
    """What the loss curve must show: core's gradient descent from the lecture model."""
    W, b = lecture_model()
    return gradient_descent(
        W, b, LECTURE_PIXELS, LECTURE_LABELS, steps=steps, learning_rate=learning_rate, loss=loss
    )[2]


def loss_curve(page: Page) -> tuple[list[float], list[float]]:
    """The (x, y) of the loss chart's single line."""
    (trace,) = helpers.chart_data(page, LOSS_CHART)
    return trace["x"], trace["y"]


def test_home_renders_both_charts_without_leaving_loopback(
    app_server: str, page: Page, outside_requests: list[str]
) -> None:
    helpers.goto(page, app_server)
    helpers.wait_for_charts(page, SCORES_CHART, LOSS_CHART)

    traces = helpers.chart_data(page, SCORES_CHART)
    bars = [t for t in traces if t["type"] == "bar"]
    assert len(bars) == 6  # start + after, for each of 3 classes
    legend = [t["name"] for t in traces if t.get("showlegend", True)]
    assert legend == ["Dog", "Bird", "Truck"]  # one neutral entry per class
    start_bars = [t for t in bars if t["name"].endswith("(start)")]
    starts = np.column_stack([t["y"] for t in start_bars])  # (image, class)
    np.testing.assert_allclose(starts, LECTURE_SCORES, atol=1e-9)

    x, y = loss_curve(page)
    assert x == [0, 1]  # default: one step
    np.testing.assert_allclose(y, expected_history(SVM, steps=1, learning_rate=0.1))
    assert helpers.exception_count(page) == 0
    assert outside_requests == []


def test_url_query_restores_controls_and_chart(app_server: str, page: Page) -> None:
    helpers.goto(page, f"{app_server}/?home_loss=Softmax+cross-entropy&home_steps=5&home_lr=0.5")

    assert helpers.selectbox_value(page, "Loss function") == LOSSES[CE].name
    assert helpers.slider_value(page, STEPS_LABEL) == "5"
    assert float(helpers.slider_value(page, LR_LABEL)) == pytest.approx(0.5)
    x, y = loss_curve(page)
    assert x == [0, 1, 2, 3, 4, 5]
    np.testing.assert_allclose(y, expected_history(CE, steps=5, learning_rate=0.5))
    # Streamlit's binding writes the loss's shown name into the address bar.
    assert helpers.query_params(page) == {
        "home_loss": LOSSES[CE].name,
        "home_steps": "5",
        "home_lr": "0.5",
    }


def test_a_link_with_the_loss_id_opens_that_loss(app_server: str, page: Page) -> None:
    helpers.goto(page, f"{app_server}/?home_loss=mse&home_steps=2")
    assert helpers.selectbox_value(page, "Loss function") == LOSSES["mse"].name
    np.testing.assert_allclose(loss_curve(page)[1], expected_history("mse", 2, 0.1))
    assert helpers.query_params(page)["home_loss"] == LOSSES["mse"].name
    assert helpers.exception_count(page) == 0


def test_steps_slider_by_keyboard_updates_chart_and_url(app_server: str, page: Page) -> None:
    helpers.goto(page, app_server)
    assert loss_curve(page)[0] == [0, 1]
    history = page.evaluate("history.length")

    helpers.set_slider_by_keys(page, STEPS_LABEL, presses=2)

    x, y = loss_curve(page)
    assert x == [0, 1, 2, 3]
    np.testing.assert_allclose(y, expected_history(SVM, steps=3, learning_rate=0.1))
    assert helpers.query_params(page)["home_steps"] == "3"
    # The address bar is rewritten in place: Back leaves the page instead of undoing a press.
    assert page.evaluate("history.length") == history


def test_garbage_query_opens_on_defaults_with_a_warning(app_server: str, page: Page) -> None:
    helpers.goto(page, f"{app_server}/?home_steps=abc&home_lr=1e999")

    warnings = page.get_by_test_id("stAlertContentWarning")
    expect(warnings.filter(has_text="home_steps")).to_be_visible()
    expect(warnings.filter(has_text="home_lr")).to_be_visible()
    assert helpers.slider_value(page, STEPS_LABEL) == "1"
    assert float(helpers.slider_value(page, LR_LABEL)) == pytest.approx(0.1)
    assert loss_curve(page)[0] == [0, 1]
    assert "home_steps" not in helpers.query_params(page)  # the bar is a valid link again
    assert helpers.exception_count(page) == 0
