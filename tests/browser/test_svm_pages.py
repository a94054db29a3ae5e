"""The SVM pages in Chromium: they render offline, a control changes a chart, a URL restores it."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from core.lecture import LECTURE_LABELS, LECTURE_SCORES
from core.losses import svm_loss
from tests.browser import helpers

TERMS, LOSSES, BINARY = "svm_terms", "svm_losses", "svm_binary"  # loss page chart keys
LINE, HINGE, REGIONS = "svmm_line", "svmm_hinge", "svmm_regions"  # margin page


def loss_bars(page: Page) -> np.ndarray:
    (bars,) = helpers.chart_data(page, LOSSES)
    return np.asarray(bars["y"], dtype=float)


def test_loss_page_renders_the_lecture_table_offline(
    app_server: str, page: Page, outside_requests: list[str]
) -> None:
    helpers.goto(page, f"{app_server}/svm_loss")
    helpers.wait_for_charts(page, TERMS, LOSSES, BINARY)
    np.testing.assert_allclose(loss_bars(page), svm_loss(LECTURE_SCORES, LECTURE_LABELS))
    (heatmap,) = helpers.chart_data(page, TERMS)
    assert heatmap["y"] == ["Dog", "Bird", "Truck"]
    assert heatmap["z"][1][0] == pytest.approx(6.2 - 3.0 + 1)  # the bird term of the dog image
    expect(page.get_by_text("Batch loss L = mean of L_i")).to_be_visible()
    assert helpers.query_params(page)["svm_scores"] == "3,0.9,1.6;6.2,5.1,2.3;-2.1,3.4,-4.5"
    assert helpers.query_params(page)["svm_classes"] == "Dog,Bird,Truck"
    assert helpers.exception_count(page) == 0
    assert outside_requests == []


def test_loss_page_delta_slider_and_labels_change_the_chart(app_server: str, page: Page) -> None:
    helpers.goto(page, f"{app_server}/svm_loss")
    before = loss_bars(page)
    helpers.set_slider_by_keys(page, "Margin Δ", presses=2)  # 1 -> 2 in steps of 0.5
    np.testing.assert_allclose(
        loss_bars(page), svm_loss(LECTURE_SCORES, LECTURE_LABELS, margin=2.0)
    )
    assert not np.allclose(loss_bars(page), before)
    assert helpers.query_params(page)["svm_delta"] == "2"

    labels = page.get_by_role(
        "textbox", name="True class of each image (class rows counted from 0)"
    )
    labels.fill("1, 1, 2")
    helpers.rerun_after(page, lambda: labels.press("Enter"))
    np.testing.assert_allclose(
        loss_bars(page), svm_loss(LECTURE_SCORES, np.array([1, 1, 2]), margin=2.0)
    )
    assert helpers.query_params(page)["svm_labels"] == "1,1,2"


def test_typing_into_the_score_table_recomputes_the_loss(app_server: str, page: Page) -> None:
    """A student edits a cell of the table (a canvas grid): the chart and the URL follow;
    an emptied cell gets an error and the chart keeps the last valid table."""
    helpers.goto(page, f"{app_server}/svm_loss")
    helpers.wait_for_charts(page, TERMS, LOSSES)
    box = page.get_by_test_id("stDataFrame").bounding_box()
    row_height = box["height"] / (LECTURE_SCORES.shape[1] + 2)  # header, 3 classes, "add" row
    page.mouse.click(box["x"] + 80, box["y"] + 1.5 * row_height)  # the Dog row's name cell
    page.keyboard.press("ArrowRight")  # -> Dog's score for image 1
    page.keyboard.type("9")  # typing opens the cell's editor with the text
    expect(page.locator("input.gdg-input")).to_have_value("9")
    helpers.rerun_after(page, lambda: page.keyboard.press("Enter"))

    scores = LECTURE_SCORES.copy()
    scores[0, 0] = 9.0  # image 1, Dog
    np.testing.assert_allclose(loss_bars(page), svm_loss(scores, LECTURE_LABELS))
    assert helpers.query_params(page)["svm_scores"] == "9,0.9,1.6;6.2,5.1,2.3;-2.1,3.4,-4.5"

    page.mouse.click(box["x"] + 80, box["y"] + 2.5 * row_height)  # the Bird row's name cell
    page.keyboard.press("ArrowRight")
    helpers.rerun_after(page, lambda: page.keyboard.press("Delete"))  # empties Bird, image 1
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text(
        "Class row 2, image 1 is empty: type a number there."
    )
    np.testing.assert_allclose(loss_bars(page), svm_loss(scores, LECTURE_LABELS))  # last valid
    assert helpers.query_params(page)["svm_scores"] == "9,0.9,1.6;6.2,5.1,2.3;-2.1,3.4,-4.5"
    assert helpers.exception_count(page) == 0


def test_loss_page_shared_url_restores_the_table(app_server: str, page: Page) -> None:
    query = "svm_classes=Cat,Dog&svm_scores=1,2;3,0&svm_labels=1,0&svm_delta=2"
    helpers.goto(page, f"{app_server}/svm_loss?{query}")
    (heatmap,) = helpers.chart_data(page, TERMS)
    assert heatmap["y"] == ["Cat", "Dog"]
    scores = np.array([[1.0, 3.0], [2.0, 0.0]])  # one row per image
    np.testing.assert_allclose(loss_bars(page), svm_loss(scores, np.array([1, 0]), margin=2.0))
    assert helpers.slider_value(page, "Margin Δ") == "2"


def margin_terms(page: Page) -> list[float]:
    """The hinge chart's marks: the term of each wrong class."""
    return sorted(helpers.chart_data(page, HINGE)[1]["y"])


def test_margin_page_renders_offline(
    app_server: str, page: Page, outside_requests: list[str]
) -> None:
    helpers.goto(page, f"{app_server}/svm_margin")
    helpers.wait_for_charts(page, LINE, HINGE, REGIONS)
    assert margin_terms(page) == [0, 0]  # s = [15, -3, 7], y = 0, Δ = 1
    regions = helpers.chart_data(page, REGIONS)
    assert [t["type"] for t in regions] == ["heatmap", "scatter"] * 3
    assert helpers.exception_count(page) == 0
    assert outside_requests == []


def test_margin_preset_and_slider_change_the_charts(app_server: str, page: Page) -> None:
    helpers.goto(page, f"{app_server}/svm_margin")
    helpers.rerun_after(page, lambda: page.get_by_role("button", name="Δ = 20, y = 1").click())
    # max(0, 15 - (-3) + 20) and max(0, 7 - (-3) + 20)
    assert margin_terms(page) == [7 + 3 + 20, 15 + 3 + 20]
    assert helpers.query_params(page)["svmm_delta"] == "20"
    assert helpers.query_params(page)["svmm_label"] == "1"

    helpers.set_slider_by_keys(page, "Margin Δ", presses=1, key="ArrowLeft")  # 20 -> 19.5
    assert margin_terms(page) == [7 + 3 + 19.5, 15 + 3 + 19.5]
    (curve, _) = helpers.chart_data(page, HINGE)
    x, y = np.asarray(curve["x"]), np.asarray(curve["y"])
    np.testing.assert_allclose(y, np.maximum(0, x + 19.5))
    assert helpers.query_params(page)["svmm_delta"] == "19.5"


def test_margin_shared_url_restores_the_view(app_server: str, page: Page) -> None:
    helpers.goto(page, f"{app_server}/svm_margin?svmm_scores=15,-3,7&svmm_label=0&svmm_delta=20")
    assert margin_terms(page) == [-3 - 15 + 20, 7 - 15 + 20]
    assert helpers.slider_value(page, "Margin Δ") == "20"
    band = helpers.chart_layout(page, LINE)["shapes"][0]
    assert (band["x0"], band["x1"]) == (15 - 20, 15)
