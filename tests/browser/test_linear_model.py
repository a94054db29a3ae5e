"""The linear model page in Chromium: every chart renders offline with core's numbers, a bias
slider slides its zero line by key press (without turning it) and moves its plane, and a link
restores the typed matrices, the class and the sliders."""

from __future__ import annotations

import numpy as np
from playwright.sync_api import Page

from core.pages.linear_model import PLANE_B, PLANE_W, regions, zero_line
from tests.browser import helpers

PRODUCT, AUGMENTED, REGIONS, PLANES = "lin_product", "lin_augmented", "lin_regions", "lin_planes"
CHARTS = (PRODUCT, AUGMENTED, REGIONS, PLANES, "lin_samples", "lin_templates")
BIAS = "cat: bias b"
GRID = np.linspace(-3.0, 3.0, 61)


def cat_line(page: Page) -> np.ndarray:
    (trace,) = [t for t in helpers.chart_data(page, REGIONS) if t.get("name") == "s(cat) = 0"]
    return np.column_stack([trace["x"], trace["y"]]).astype(float)


def cat_plane(page: Page) -> np.ndarray:
    """The cat plane's scores at the input square's four corners."""
    mesh = helpers.chart_data(page, PLANES)[0]
    return np.asarray(mesh["z"][:4], dtype=float)


def scores(page: Page, key: str = PRODUCT) -> np.ndarray:
    return np.ravel(np.asarray(helpers.chart_data(page, key)[-1]["z"], dtype=float))


def test_page_renders_every_chart_offline(
    app_server: str, page: Page, outside_requests: list[str]
) -> None:
    helpers.goto(page, f"{app_server}/linear_model")
    helpers.wait_for_charts(page, *CHARTS)
    assert page.locator(helpers.CHART_ELEMENTS).count() == len(CHARTS)
    np.testing.assert_allclose(scores(page), [-96.8, 437.9, 60.75])
    np.testing.assert_allclose(scores(page, AUGMENTED), [-96.8, 437.9, 60.75])
    heatmap = helpers.chart_data(page, REGIONS)[0]
    np.testing.assert_array_equal(heatmap["z"], regions(PLANE_W, PLANE_B, GRID))
    np.testing.assert_allclose(cat_line(page), zero_line(PLANE_W[0], PLANE_B[0]))
    assert page.get_by_text("Wx + b = [W b][x; 1] for every class").count() == 1
    assert helpers.exception_count(page) == 0
    assert outside_requests == []


def test_bias_key_press_slides_the_cat_line_without_turning_it(app_server: str, page: Page) -> None:
    helpers.goto(page, f"{app_server}/linear_model")
    before, plane_before = cat_line(page), cat_plane(page)
    helpers.set_slider_by_keys(page, BIAS, presses=3)  # 0.5 -> 0.8
    assert helpers.slider_value(page, BIAS) == "0.8"
    after = cat_line(page)
    np.testing.assert_allclose(after, zero_line(PLANE_W[0], 0.8), atol=1e-9)
    d1, d2 = np.diff(before, axis=0)[0], np.diff(after, axis=0)[0]
    assert abs(d1[0] * d2[1] - d1[1] * d2[0]) < 1e-9  # parallel: not turned
    assert not np.allclose(after, before)
    np.testing.assert_allclose(cat_plane(page) - plane_before, 0.3, atol=1e-5)  # raised by Δb
    b = PLANE_B.copy()
    b[0] = 0.8
    np.testing.assert_array_equal(
        helpers.chart_data(page, REGIONS)[0]["z"], regions(PLANE_W, b, GRID)
    )
    assert helpers.query_params(page)["lin_cat_b"] == "0.8"
    assert helpers.exception_count(page) == 0


def test_a_link_restores_the_state(app_server: str, page: Page) -> None:
    query = (
        "lin_W=1,2;3,-1&lin_b=0.5,-1&lin_x=2,4&lin_class=dog&lin_cat_w1=-1&lin_cat_b=-1.5"
        "&lin_seed=3&lin_image=20"
    )
    helpers.goto(page, f"{app_server}/linear_model?{query}")
    helpers.wait_for_charts(page, *CHARTS)
    np.testing.assert_allclose(scores(page), [10.5, 1.0])
    title = helpers.chart_layout(page, PRODUCT)["title"]["text"]
    assert title == "W x + b: s of dog = 1"
    assert helpers.slider_value(page, BIAS) == "-1.5"
    assert helpers.slider_value(page, "cat: w₁") == "-1"
    w = np.array([-1.0, PLANE_W[0, 1]])
    np.testing.assert_allclose(cat_line(page), zero_line(w, -1.5), atol=1e-9)
    page.get_by_role("tab", name="3 · Images").click()
    assert helpers.slider_value(page, "Image to classify") == "20"
    assert page.get_by_text("Image #20 is a").count() == 1
    assert helpers.exception_count(page) == 0
