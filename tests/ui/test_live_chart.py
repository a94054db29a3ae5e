"""ui/live_chart.py on the MSE page: the frames the browser draws between reruns are exactly
the figures the server draws at those slider values, a press builds one new figure, and
without the served plotly.js the chart is Streamlit's own."""

from __future__ import annotations

import json
from collections import OrderedDict

import numpy as np
import pytest

from figures.live import compose, fingerprint
from tests.apptest_utils import chart_elements, chart_keys, live_chart_data, open_page
from ui import live_chart, scene_chart

PAGE = "views/mse.py"
SLIDER, CHART = "mse_shift", "mse_curves"


def drawn_figure(at, key: str) -> dict:
    return live_chart_data(at, key)["figure"]


@pytest.fixture(scope="module")
def mse():
    return open_page(PAGE)


def test_the_chart_carries_frames_for_the_values_next_to_the_slider(mse) -> None:
    sent = live_chart_data(mse, CHART)
    assert sent["slider"] == SLIDER
    values = [step["value"] for step in sent["frames"]]
    np.testing.assert_allclose(values, [-0.4, -0.3, -0.2, -0.1, 0.1, 0.2, 0.3, 0.4])
    assert sent["tolerance"] == pytest.approx(0.05)
    assert sent["print"] == fingerprint(sent["figure"])


@pytest.mark.parametrize("step", [0, 3, 4, 7])
def test_each_frame_is_the_figure_the_server_draws_at_that_value(mse, step: int) -> None:
    sent = live_chart_data(mse, CHART)
    shown = sent["frames"][step]
    at = open_page(PAGE)
    at.slider(key=SLIDER).set_value(shown["value"]).run()
    assert compose(sent["figure"], shown) == drawn_figure(at, CHART)
    # and with the same fingerprint, so the browser does not draw it a second time
    assert live_chart_data(at, CHART)["print"] == shown["print"]


def test_at_the_end_of_the_slider_the_frames_are_on_one_side() -> None:
    at = open_page(PAGE, {SLIDER: "-6"})
    values = [step["value"] for step in live_chart_data(at, CHART)["frames"]]
    np.testing.assert_allclose(values, [-5.9, -5.8, -5.7, -5.6])


def test_a_press_builds_one_new_figure_the_rest_are_cached(monkeypatch) -> None:
    monkeypatch.setattr(live_chart, "_CACHE", OrderedDict())
    built = []
    real = live_chart.figure_json
    monkeypatch.setattr(live_chart, "figure_json", lambda fig: built.append(1) or real(fig))
    at = open_page(PAGE)
    assert len(built) == 1 + 2 * live_chart.WINDOW  # the figure shown and its neighbours
    built.clear()
    at.slider(key=SLIDER).set_value(0.1).run()
    assert len(built) == 2  # the figure shown, and the one that entered the window (0.5)
    built.clear()
    open_page(PAGE)  # another student opens the page: only the figure shown is built
    assert len(built) == 1


def test_the_window_of_values() -> None:
    values = live_chart.slider_values(-1.0, 1.0, 0.5)
    np.testing.assert_allclose(values, [-1.0, -0.5, 0.0, 0.5, 1.0])
    assert live_chart.window(values, 0.0, size=1) == [-0.5, 0.5]
    assert live_chart.window(values, 1.0, size=2) == [0.0, 0.5]
    assert live_chart.window(values, 0.26, size=1) == [0.0, 1.0]  # nearest grid point: 0.5


def test_without_the_served_plotly_js_the_chart_is_streamlits_own(monkeypatch) -> None:
    monkeypatch.setattr(scene_chart, "SERVING", False)
    at = open_page(PAGE)
    kinds = {key: el.type for key, el in zip(chart_keys(at), chart_elements(at), strict=True)}
    assert kinds[CHART] == "plotly_chart"
    assert json.loads(at.get("plotly_chart")[1].proto.spec)["data"]
