"""The mean squared error page in Chromium: it renders offline, the shift slider moves the dots
along both curves by key press, the Case 2 preset and a link restore the state, bad text is
answered with an error while the charts stay."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from core.pages.mse import correct_score_grid, gradients, losses_vs_correct_score
from tests.browser import helpers

PATH = "/mse"
TERMS, CURVES, GRADS = "mse_terms", "mse_curves", "mse_grads"
CHARTS = (TERMS, CURVES, GRADS)
SHIFT = "Move the correct score s_y by d (the other scores stay)"
LECTURE = np.array([1.5, -2.0, 1.0])


def open_settled(page: Page, url: str) -> None:
    helpers.goto(page, url)
    helpers.wait_for_charts(page, *CHARTS)


def terms(page: Page) -> dict[str, float]:
    return {
        x: y
        for trace in helpers.chart_data(page, TERMS)
        if trace["type"] == "bar"
        for x, y in zip(trace["x"], trace["y"], strict=True)
    }


def dots(page: Page, key: str) -> list[tuple[float, float]]:
    return [
        (t["x"][0], t["y"][0]) for t in helpers.chart_data(page, key) if t.get("mode") == "markers"
    ]


def test_page_renders_every_chart_offline(
    app_server: str, page: Page, outside_requests: list[str]
) -> None:
    open_settled(page, f"{app_server}{PATH}")
    assert page.locator(helpers.CHART_ELEMENTS).count() == len(CHARTS)
    assert terms(page) == {"Car ✓": 0.25, "Bird": 4, "Dog": 1}
    values = correct_score_grid(1.5, 6.0)
    mse, ce = losses_vs_correct_score(LECTURE, 0, values)
    curves = helpers.chart_data(page, CURVES)
    np.testing.assert_allclose(curves[0]["y"], mse)
    np.testing.assert_allclose(curves[1]["y"], ce)
    now = gradients("sigmoid", np.array([-4.0]))
    np.testing.assert_allclose(dots(page, GRADS), [(-4.0, now.mse[0]), (-4.0, now.ce[0])])
    expect(page.locator(".katex-display").filter(has_text="5.25").first).to_be_visible()
    assert helpers.exception_count(page) == 0
    assert outside_requests == []


def test_shift_slider_key_presses_move_the_dots_and_the_url(app_server: str, page: Page) -> None:
    open_settled(page, f"{app_server}{PATH}")
    assert dots(page, CURVES)[0] == pytest.approx((1.5, 1.75))
    for _ in range(3):  # 0 -> 0.3 in steps of 0.1; focus again in case a rerun redrew it
        page.get_by_role("slider", name=SHIFT).focus()
        helpers.rerun_after(page, lambda: page.keyboard.press("ArrowRight"))
    assert float(helpers.slider_value(page, SHIFT)) == pytest.approx(0.3)
    (mse_dot, ce_dot) = dots(page, CURVES)
    assert mse_dot == pytest.approx((1.8, (0.8**2 + 4 + 1) / 3))
    _, ce = losses_vs_correct_score(LECTURE, 0, np.array([1.8]))
    assert ce_dot == pytest.approx((1.8, ce[0]))
    assert float(helpers.query_params(page)["mse_shift"]) == pytest.approx(0.3)
    assert terms(page) == {"Car ✓": 0.25, "Bird": 4, "Dog": 1}, "section 1 keeps the typed score"
    assert helpers.exception_count(page) == 0


def test_case_2_preset_and_the_slides_rounding(app_server: str, page: Page) -> None:
    open_settled(page, f"{app_server}{PATH}")
    helpers.rerun_after(page, lambda: page.get_by_role("button", name="Case 2").click())
    expect(page.get_by_text("The slide rounds here.")).to_be_visible()
    assert terms(page) == {"Car": 2.25, "Bird ✓": 9, "Dog": 1}
    assert helpers.query_params(page)["mse_label"] == "1"
    assert helpers.exception_count(page) == 0


def test_a_link_restores_the_state(app_server: str, page: Page) -> None:
    query = (
        "mse_classes=cat,dog,ship&mse_scores=0.5,2,-1&mse_label=2&mse_shift=1.5"
        "&mse_output=softmax+over+your+scores&mse_z=-6.5"
    )
    open_settled(page, f"{app_server}{PATH}?{query}")
    assert terms(page) == {"cat": 0.25, "dog": 4, "ship ✓": 4}
    assert float(helpers.slider_value(page, SHIFT)) == pytest.approx(1.5)
    assert dots(page, CURVES)[0][0] == pytest.approx(0.5)
    now = gradients("softmax", np.array([-6.5]), np.array([0.5, 2.0, -1.0]), 2)
    np.testing.assert_allclose(dots(page, GRADS), [(-6.5, now.mse[0]), (-6.5, now.ce[0])])
    assert "softmax" in helpers.chart_layout(page, GRADS)["title"]["text"]
    assert helpers.exception_count(page) == 0


def test_typed_garbage_gets_an_error_and_the_charts_stay(app_server: str, page: Page) -> None:
    open_settled(page, f"{app_server}{PATH}")
    before = terms(page)
    field = page.get_by_role("textbox", name="Class names (one per score)")
    field.fill("Car, 7, Dog")
    helpers.rerun_after(page, lambda: field.press("Enter"))
    expect(
        page.get_by_test_id("stAlertContentError").filter(has_text="has no letter")
    ).to_be_visible()
    assert terms(page) == before
    assert field.input_value() == "Car, 7, Dog"
    assert helpers.exception_count(page) == 0
