"""The regularization page in Chromium: it renders every chart offline, the geometry and fit λ
sliders change their charts by key press, and a link restores the state."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page

from core.pages.regularization import FIT_EXPONENTS, GEOMETRY_EXPONENTS, geometry, train_sweep
from tests.browser import helpers

BARS, GEOMETRY, PATHS = "reg_bars", "reg_geometry", "reg_paths"
REGIONS, SWEEP, HISTORY, WEIGHTS = "reg_regions", "reg_sweep", "reg_history", "reg_weights"
CHARTS = (BARS, GEOMETRY, PATHS, REGIONS, SWEEP, HISTORY, WEIGHTS)
GEOMETRY_SLIDER = "log₁₀ λ (strength of the penalty)"
# The fit slider's label "log₁₀ λ" is a prefix of the geometry slider's (role names match
# substrings), so it is found by its key's container instead.
FIT_SLIDER = ".st-key-reg_fitlam input[type=range]"
DATA = dict(degree=8, noise=0.3, n_points=200, held_out=0.8, seed=0)
GRID = np.linspace(-2.0, 3.0, 81)  # the regions chart's grid


def optima(page: Page) -> np.ndarray:
    """The geometry chart's dots at the current λ: L1, L2, elastic net."""
    dots = [t for t in helpers.chart_data(page, GEOMETRY) if t.get("mode") == "markers"]
    return np.array([[t["x"][0], t["y"][0]] for t in dots], dtype=float)


def expected_optima(rho: float, exponent: float) -> np.ndarray:
    index = int(np.argmin(np.abs(GEOMETRY_EXPONENTS - exponent)))
    paths = geometry(rho).paths
    return np.array([paths[reg][index] for reg in ("l1", "l2", "elastic")])


def sweep_marker(page: Page) -> float:
    (shape,) = helpers.chart_layout(page, SWEEP)["shapes"]
    return float(shape["x0"])


def fit_slider_value(page: Page) -> str:
    return page.locator(FIT_SLIDER).input_value()


def press_fit_slider(page: Page, key: str = "ArrowRight") -> None:
    page.locator(FIT_SLIDER).focus()
    helpers.rerun_after(page, lambda: page.keyboard.press(key))


def test_page_renders_every_chart_offline(
    app_server: str, page: Page, outside_requests: list[str]
) -> None:
    helpers.goto(page, f"{app_server}/regularization")
    helpers.wait_for_charts(page, *CHARTS)
    assert page.locator(helpers.CHART_ELEMENTS).count() == len(CHARTS)
    bars = {t["name"]: t["y"] for t in helpers.chart_data(page, BARS)}
    assert bars == {"L1": [1, 1], "L2": [1, 0.25], "elastic net": [1, 0.625]}
    np.testing.assert_allclose(optima(page), expected_optima(0.5, -0.5))
    heatmap = helpers.chart_data(page, REGIONS)[0]
    runs = train_sweep("l2", l1_ratio=0.5, **DATA)
    np.testing.assert_array_equal(heatmap["z"], runs.regions(1 + 12, GRID, GRID))  # λ = 0.1
    assert sweep_marker(page) == pytest.approx(0.1)
    assert helpers.exception_count(page) == 0
    assert outside_requests == []


def test_geometry_slider_key_press_moves_the_optima(app_server: str, page: Page) -> None:
    helpers.goto(page, f"{app_server}/regularization")
    before = optima(page)
    paths_before = helpers.chart_data(page, PATHS)
    helpers.set_slider_by_keys(page, GEOMETRY_SLIDER, presses=1)  # -0.5 -> -0.45
    assert helpers.slider_value(page, GEOMETRY_SLIDER) == "-0.45"
    after = optima(page)
    assert not np.allclose(after, before)
    np.testing.assert_allclose(after, expected_optima(0.5, -0.45))
    assert helpers.chart_data(page, PATHS) == paths_before  # the sweep chart stays still
    assert helpers.query_params(page)["reg_loglam"] == "-0.45"
    # Only the section's fragment reran; the sidebar's link follows it all the same.
    link = page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').inner_text()
    assert "reg_loglam=-0.45" in link
    assert helpers.exception_count(page) == 0


def test_fit_slider_moves_the_sweep_marker_and_the_regions(app_server: str, page: Page) -> None:
    helpers.goto(page, f"{app_server}/regularization?reg_fitlam=-2")
    assert sweep_marker(page) == pytest.approx(0.01)
    runs = train_sweep("l2", l1_ratio=0.5, **DATA)
    heatmap = helpers.chart_data(page, REGIONS)[0]
    np.testing.assert_array_equal(heatmap["z"], runs.regions(1 + 8, GRID, GRID))
    for _ in range(8):  # λ: 0.01 -> 1, where the boundary is smoother
        press_fit_slider(page)
    assert fit_slider_value(page) == "0"
    assert sweep_marker(page) == pytest.approx(1.0)
    index = 1 + int(np.argmin(np.abs(FIT_EXPONENTS - 0.0)))
    heatmap = helpers.chart_data(page, REGIONS)[0]
    np.testing.assert_array_equal(heatmap["z"], runs.regions(index, GRID, GRID))
    assert not np.array_equal(runs.regions(index, GRID, GRID), runs.regions(9, GRID, GRID))
    title = helpers.chart_layout(page, REGIONS)["title"]["text"]
    assert title == "Degree 8, L2, λ = 1"
    assert helpers.query_params(page)["reg_fitlam"] == "0"
    assert helpers.exception_count(page) == 0


def test_a_link_restores_the_state(app_server: str, page: Page) -> None:
    query = (
        "reg_rho=0.25&reg_loglam=0.5&reg_pen=L1&reg_fitlam=-2.5&reg_degree=5&reg_seed=3"
        "&reg_x=2,1,0&reg_w1=1,0,0&reg_w2=0.5,1,5"
    )
    helpers.goto(page, f"{app_server}/regularization?{query}")
    helpers.wait_for_charts(page, *CHARTS)
    assert helpers.slider_value(page, GEOMETRY_SLIDER) == "0.5"
    assert fit_slider_value(page) == "-2.5"
    assert helpers.selectbox_value(page, "Penalty") == "L1"
    np.testing.assert_allclose(optima(page), expected_optima(0.25, 0.5))
    bars = {t["name"]: t["y"] for t in helpers.chart_data(page, BARS)}
    np.testing.assert_allclose(bars["L1"], [1, 6.5])
    np.testing.assert_allclose(bars["L2"], [1, 26.25])
    data = dict(DATA, degree=5, seed=3)
    runs = train_sweep("l1", l1_ratio=0.25, **data)
    index = 1 + int(np.argmin(np.abs(FIT_EXPONENTS + 2.5)))
    heatmap = helpers.chart_data(page, REGIONS)[0]
    np.testing.assert_array_equal(heatmap["z"], runs.regions(index, GRID, GRID))
    zero_bar = helpers.chart_data(page, WEIGHTS)[1]
    assert zero_bar["y"] == [int(np.count_nonzero(runs.W[index] == 0.0))]
    assert sweep_marker(page) == pytest.approx(10**-2.5)
    assert helpers.exception_count(page) == 0
