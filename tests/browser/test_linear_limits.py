"""The limits-of-linear-models page in Chromium: it renders its two region charts and the 3D
lift offline, the noise slider moves the data in every chart by key press, a test point typed
in moves the star, and a link restores the state."""

from __future__ import annotations

from urllib.parse import quote

import numpy as np
from playwright.sync_api import Page

from core.pages.linear_limits import compare, decision_grid, lift
from sections.linear_limits import GRID_POINTS
from tests.browser import helpers

LINE, CURVE, LIFTED = "lim_line", "lim_curve", "lim_lifted"
CHARTS = (LINE, CURVE, LIFTED)


def assert_charts_show(page: Page, dataset, points, noise, seed, feature, point) -> None:
    """The three charts hold what core computes for these inputs."""
    comp = compare(dataset, points, noise, seed, feature)
    grid = np.linspace(-comp.extent, comp.extent, GRID_POINTS)
    line = helpers.chart_data(page, LINE)
    np.testing.assert_array_equal(line[0]["z"], decision_grid(comp.before, grid, grid) > 0)
    np.testing.assert_allclose(line[2]["x"], comp.X[comp.y == 0, 0])
    curve = helpers.chart_data(page, CURVE)
    np.testing.assert_allclose(
        curve[1]["z"], decision_grid(comp.after, grid, grid, comp.feature), rtol=1e-5, atol=1e-4
    )
    lifted = helpers.chart_data(page, LIFTED)
    assert [t["type"] for t in lifted] == ["scatter3d", "scatter3d", "surface", "scatter3d"]
    np.testing.assert_allclose(lifted[1]["z"], comp.F[comp.y == 1, 2])
    expected_point = lift(np.array([point], dtype=float), comp.feature)[0]
    got_point = [lifted[3][axis][0] for axis in "xyz"]
    np.testing.assert_allclose(got_point, expected_point)
    title = helpers.chart_layout(page, LINE)["title"]["text"]
    assert title == f"The best line: {comp.accuracy_before:.0%} correct"


def test_page_renders_every_chart_offline(
    app_server: str, page: Page, outside_requests: list[str]
) -> None:
    helpers.goto(page, f"{app_server}/linear_limits")
    helpers.wait_for_charts(page, *CHARTS)
    assert page.locator(helpers.CHART_ELEMENTS).count() == len(CHARTS)
    assert_charts_show(page, "circles", 200, 0.05, 0, "auto", (0.25, 0.5))
    # the 3D chart is drawn by WebGL into a canvas of its own
    assert page.locator(f".st-key-{LIFTED} .gl-container canvas").count() >= 1
    assert helpers.exception_count(page) == 0
    assert outside_requests == []


def test_noise_slider_key_press_moves_the_data_in_every_chart(app_server: str, page: Page) -> None:
    helpers.goto(page, f"{app_server}/linear_limits")
    before = helpers.chart_data(page, LIFTED)[0]["z"]
    helpers.set_slider_by_keys(page, "Noise", presses=3)  # 0.05 -> 0.08
    assert helpers.slider_value(page, "Noise") == "0.08"
    assert helpers.chart_data(page, LIFTED)[0]["z"] != before
    assert_charts_show(page, "circles", 200, 0.08, 0, "auto", (0.25, 0.5))
    assert helpers.query_params(page)["lim_noise"] == "0.08"
    assert helpers.exception_count(page) == 0


def test_a_typed_test_point_moves_the_star(app_server: str, page: Page) -> None:
    helpers.goto(page, f"{app_server}/linear_limits")
    field = page.locator(".st-key-lim_point input")
    field.fill("-1, 0.5")
    helpers.rerun_after(page, lambda: field.press("Enter"))
    assert_charts_show(page, "circles", 200, 0.05, 0, "auto", (-1.0, 0.5))
    star = helpers.chart_data(page, CURVE)[4]
    assert (star["x"][0], star["y"][0]) == (-1.0, 0.5)
    field.fill("1, two")
    helpers.rerun_after(page, lambda: field.press("Enter"))
    assert page.locator('[data-testid="stAlertContentError"]').count() == 1
    star = helpers.chart_data(page, CURVE)[4]
    assert (star["x"][0], star["y"][0]) == (-1.0, 0.5)  # the last valid point
    assert helpers.exception_count(page) == 0


def test_a_link_restores_the_state(app_server: str, page: Page) -> None:
    query = (
        f"lim_data=XOR&lim_feature={quote('x₁·x₂')}&lim_noise=0.12&lim_points=320&lim_seed=4"
        "&lim_point=-1,0.75"
    )
    helpers.goto(page, f"{app_server}/linear_limits?{query}")
    helpers.wait_for_charts(page, *CHARTS)
    assert helpers.selectbox_value(page, "Data") == "XOR"
    assert helpers.selectbox_value(page, "Added feature φ(x)") == "x₁·x₂"
    assert helpers.slider_value(page, "Noise") == "0.12"
    assert helpers.slider_value(page, "Points") == "320"
    assert_charts_show(page, "xor", 320, 0.12, 4, "prod", (-1.0, 0.75))
    assert helpers.exception_count(page) == 0
