"""The two softmax pages in a real browser: charts render offline, controls and links drive them."""

from __future__ import annotations

import math

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from sections.cross_entropy import TABS
from tests.browser import helpers

NORM = "softmax_normalization"
CE = "cross_entropy"
SCALE_LABEL = "Stimulation c (multiplies every score)"


def softmax_by_hand(scores) -> list[float]:
    e = [math.exp(s - max(scores)) for s in scores]
    return [x / sum(e) for x in e]


NORM_CHARTS = ("snorm_bars", "snorm_sweep", "snorm_temp_chart")  # st.plotly_chart keys
CE_CHARTS = ("ce_probs", "ce_overflow", "ce_logistic", "ce_gap")


def open_settled(page: Page, url: str, charts: tuple[str, ...]) -> None:
    """Open ``url`` and wait until every chart of ``charts`` is drawn (plotly.js loads lazily)."""
    helpers.goto(page, url)
    helpers.wait_for_charts(page, *charts)


def softmax_bars(page: Page) -> list[float]:
    """The softmax panel (first trace) of the normalization page's side-by-side bars."""
    return helpers.chart_data(page, "snorm_bars")[0]["y"]


def test_normalization_page_renders_offline(
    app_server: str, page: Page, outside_requests: list[str]
) -> None:
    open_settled(page, f"{app_server}/{NORM}", NORM_CHARTS)
    np.testing.assert_allclose(softmax_bars(page), softmax_by_hand([1, 2]), rtol=1e-12)
    standard = helpers.chart_data(page, "snorm_bars")[1]["y"]
    np.testing.assert_allclose(standard, [1 / 3, 2 / 3], rtol=1e-12)
    assert helpers.exception_count(page) == 0
    assert outside_requests == []


def test_stimulation_slider_sharpens_softmax_and_updates_the_url(
    app_server: str, page: Page
) -> None:
    open_settled(page, f"{app_server}/{NORM}", NORM_CHARTS)
    slider = page.get_by_role("slider", name=SCALE_LABEL)
    for _ in range(2):  # 1.0 -> 1.2 in steps of 0.1; focus again in case a rerun redrew it
        slider.focus()
        helpers.rerun_after(page, lambda: page.keyboard.press("ArrowRight"))
    assert float(helpers.slider_value(page, SCALE_LABEL)) == pytest.approx(1.2)
    np.testing.assert_allclose(softmax_bars(page), softmax_by_hand([1.2, 2.4]), rtol=1e-9)
    assert float(helpers.query_params(page)["snorm_scale"]) == pytest.approx(1.2)


def test_link_restores_the_lectures_10_20(app_server: str, page: Page) -> None:
    open_settled(page, f"{app_server}/{NORM}?snorm_scores=1%2C+2&snorm_scale=10", NORM_CHARTS)
    assert float(helpers.slider_value(page, SCALE_LABEL)) == pytest.approx(10.0)
    np.testing.assert_allclose(softmax_bars(page), softmax_by_hand([10, 20]), rtol=1e-9)


def test_typed_garbage_gets_an_error_and_the_chart_stays(app_server: str, page: Page) -> None:
    open_settled(page, f"{app_server}/{NORM}", NORM_CHARTS)
    before = softmax_bars(page)
    field = page.get_by_role("textbox", name="Scores s (2 to 10 numbers)")
    field.fill("1, two")
    helpers.rerun_after(page, lambda: field.press("Enter"))
    expect(
        page.get_by_test_id("stAlertContentError").filter(has_text="not a number")
    ).to_be_visible()
    assert softmax_bars(page) == before
    assert helpers.exception_count(page) == 0


def test_cross_entropy_page_renders_offline(
    app_server: str, page: Page, outside_requests: list[str]
) -> None:
    open_settled(page, f"{app_server}/{CE}", CE_CHARTS)
    np.testing.assert_allclose(
        helpers.chart_data(page, "ce_probs")[0]["y"], softmax_by_hand([10, 9, 9])
    )
    expect(page.get_by_text("version 1 works for these scores")).to_be_visible()
    assert helpers.exception_count(page) == 0
    assert outside_requests == []


def test_float32_breaks_version_1_on_100_99_98(app_server: str, page: Page) -> None:
    open_settled(page, f"{app_server}/{CE}?ce_scores=100%2C+99%2C+98", CE_CHARTS)
    expect(page.get_by_text("version 1 works for these scores")).to_be_visible()
    float32 = page.get_by_test_id("stSidebarUserContent").get_by_text("float32", exact=True)
    helpers.rerun_after(page, float32.click)
    warning = page.get_by_test_id("stAlertContentWarning").filter(has_text="Version 1 breaks")
    expect(warning).to_contain_text("88.722832")
    version_1 = next(
        t for t in helpers.chart_data(page, "ce_overflow") if t["name"].startswith("version 1")
    )
    x = np.asarray(version_1["x"], dtype=float)
    y = np.array([np.nan if v is None else v for v in version_1["y"]], dtype=float)
    assert np.all(np.isnan(y[x > 88.73]))  # past ln(max float32): NaN, drawn as a gap
    assert np.all(np.isfinite(y[np.abs(x) < 80]))
    assert helpers.query_params(page)["ce_dtype"] == "float32"


def test_link_with_overflowing_scores_shows_the_lesson(app_server: str, page: Page) -> None:
    open_settled(page, f"{app_server}/{CE}?ce_scores=1000%2C+999%2C+998", CE_CHARTS)
    warning = page.get_by_test_id("stAlertContentWarning").filter(has_text="Version 1 breaks")
    expect(warning).to_contain_text("709.78271")
    np.testing.assert_allclose(
        helpers.chart_data(page, "ce_probs")[0]["y"], softmax_by_hand([1000, 999, 998]), rtol=1e-12
    )
    assert helpers.exception_count(page) == 0


def test_cross_entropy_tabs_reach_each_part_and_its_controls(app_server: str, page: Page) -> None:
    """The loss leads; each later part is one click on its tab, its charts drawn full width."""
    open_settled(page, f"{app_server}/{CE}", CE_CHARTS)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("1 · The loss with your numbers")).to_be_in_viewport()
    expect(main.locator(".st-key-ce_probs .js-plotly-plot")).to_be_visible()
    gap_chart = page.locator(".st-key-ce_gap .js-plotly-plot")
    expect(gap_chart).to_be_hidden()  # in the last tab, not yet opened
    page.get_by_role("tab", name=TABS[3]).click()
    expect(gap_chart).to_be_visible()
    box = gap_chart.bounding_box()
    assert box is not None and box["width"] > 600  # drawn at the tab's width, not collapsed
    svm_before = helpers.chart_data(page, "ce_gap")[0]["y"]
    helpers.set_slider_by_keys(page, "SVM margin Δ", 1)
    assert helpers.query_params(page)["ce_margin"] == "1.5"
    assert helpers.chart_data(page, "ce_gap")[0]["y"] != svm_before
    page.get_by_role("tab", name=TABS[2]).click()
    expect(page.locator(".st-key-ce_logistic .js-plotly-plot")).to_be_visible()
    expect(gap_chart).to_be_hidden()
    assert helpers.exception_count(page) == 0
