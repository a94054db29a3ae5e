"""The SVM pages in Chromium: they render offline, a control changes a chart, a URL restores it,
typing is reliable, and the layout holds on a 1280 x 720 projector and at 1920 x 1080."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from core.lecture import LECTURE_LABELS, LECTURE_SCORES
from core.losses import svm_loss
from tests.browser import helpers

TERMS, LOSSES, BINARY = "svm_terms", "svm_losses", "svm_binary"  # loss page chart keys
LINE, HINGE, REGIONS = "svmm_line", "svmm_hinge", "svmm_regions"  # margin page


TEXT = ".st-key-svm_scores_text textarea"  # the score table as text
LECTURE_ROWS = ["Dog: 3.0, 0.9, 1.6", "Bird: 6.2, 5.1, 2.3", "Truck: -2.1, 3.4, -4.5"]


def loss_bars(page: Page) -> np.ndarray:
    (bars,) = helpers.chart_data(page, LOSSES)
    return np.asarray(bars["x"], dtype=float)  # horizontal bars: one row per image


def share_query(page: Page) -> dict[str, str]:
    """The query of the sidebar's "Link to this view"."""
    link = page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').inner_text()
    return {k: v[0] for k, v in parse_qs(urlsplit(link.strip()).query).items()}


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
    box = helpers.settled_box(page.get_by_test_id("stDataFrame"))
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
    expect(page.locator(TEXT)).to_have_value("\n".join(["Dog: 9.0, 0.9, 1.6", *LECTURE_ROWS[1:]]))

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


# ------------------------------------------------------------------ typing a table reliably


def type_scores(page: Page, text: str) -> None:
    """Replace the score text by typing ``text`` at full speed, then apply it (Ctrl+Enter)."""
    area = page.locator(TEXT)
    area.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text, delay=0)
    expect(area).to_have_value(text)  # not one key lost
    helpers.rerun_after(page, lambda: page.keyboard.press("Control+Enter"))


def test_fast_typing_into_the_score_text_keeps_every_key(app_server: str, page: Page) -> None:
    """The grid once turned a quickly typed -2.5 into 2.5 or 25; the text field keeps it,
    the charts, the grid, the address bar and the share link follow."""
    helpers.goto(page, f"{app_server}/svm_loss")
    helpers.wait_for_charts(page, LOSSES)
    expect(page.locator(TEXT)).to_have_value("\n".join(LECTURE_ROWS))
    type_scores(page, "\n".join(["Dog: -2.5, 0.9, -1.75", *LECTURE_ROWS[1:]]))
    scores = LECTURE_SCORES.copy()
    scores[0, 0], scores[2, 0] = -2.5, -1.75  # (images, classes): Dog's scores of images 1, 3
    np.testing.assert_allclose(loss_bars(page), svm_loss(scores, LECTURE_LABELS))
    want = "-2.5,0.9,-1.75;6.2,5.1,2.3;-2.1,3.4,-4.5"
    assert helpers.query_params(page)["svm_scores"] == want
    assert share_query(page)["svm_scores"] == want
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    assert page.get_by_test_id("stAlertContentError").count() == 0

    # one line, ';' between rows, the slide's minus sign, a new class: all typed at once
    type_scores(page, "Dog 3 0.9 1.6; Bird 6.2 5.1 2.3; Truck \u22122.1 3.4 \u22124.5; Cat 9 0 0")
    (heatmap,) = helpers.chart_data(page, TERMS)
    assert heatmap["y"] == ["Dog", "Bird", "Truck", "Cat"]
    cat = np.hstack([LECTURE_SCORES, [[9.0], [0.0], [0.0]]])
    np.testing.assert_allclose(loss_bars(page), svm_loss(cat, LECTURE_LABELS))
    assert share_query(page)["svm_classes"] == "Dog,Bird,Truck,Cat"
    assert helpers.exception_count(page) == 0


def test_a_typo_in_the_score_text_names_its_row_and_keeps_the_valid_table(
    app_server: str, page: Page
) -> None:
    helpers.goto(page, f"{app_server}/svm_loss")
    before = loss_bars(page)
    typo = "\n".join([LECTURE_ROWS[0], "Bird: 6.2, 5..1, 2.3", LECTURE_ROWS[2]])
    type_scores(page, typo)
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text(
        "Row 2 (Bird), image 2: 5..1 is not a number."
    )
    expect(page.locator(TEXT)).to_have_value(typo)  # kept for the student to fix
    np.testing.assert_allclose(loss_bars(page), before)
    assert helpers.query_params(page)["svm_scores"] == "3,0.9,1.6;6.2,5.1,2.3;-2.1,3.4,-4.5"


# ------------------------------------------------------------------ the margin page's label
LABEL = "True class y_i"


def set_label(page: Page, typed: str) -> None:
    box = page.get_by_role("spinbutton", name=LABEL)
    box.fill(typed)
    helpers.rerun_after(page, lambda: box.press("Enter"))


@pytest.mark.parametrize("typed", ["9", "-1"])
def test_a_label_typed_out_of_range_gets_an_error(app_server: str, page: Page, typed) -> None:
    """A bounded box kept a typed 9 in red and sent nothing: the formula silently used the old
    label. The box now sends it, and the page says the formula keeps the last valid one."""
    helpers.goto(page, f"{app_server}/svm_margin")
    set_label(page, "2")
    assert margin_terms(page) == [0, 9]  # y = 2: max(0, -3 - 7 + 1), max(0, 15 - 7 + 1)
    set_label(page, typed)
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text(
        f"The true class {typed} is not a class of these 3 scores: pick a label from 0 to 2. "
        "Showing the last valid input instead (y_i = 2)."
    )
    expect(page.get_by_role("spinbutton", name=LABEL)).to_have_value(typed)
    assert margin_terms(page) == [0, 9]  # still y = 2: max(0, -3 - 7 + 1), max(0, 15 - 7 + 1)
    set_label(page, "1")
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    assert margin_terms(page) == [7 + 3 + 1, 15 + 3 + 1]


# ------------------------------------------------------------------ layout on a projector
MIN_LABEL_PX = 12
# Every text element of a chart with its rendered size (font size times the screen
# transform, so a label Plotly shrinks to fit a bar counts at its shrunk size) and its box.
_LABELS_JS = """(key) => {
  const root = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  const box = root.getBoundingClientRect();
  const labels = [];
  for (const t of root.querySelectorAll('svg text')) {
    const r = t.getBoundingClientRect();
    if (!t.textContent.trim() || r.width === 0 || r.height === 0) continue;
    const m = t.getScreenCTM();
    labels.push({text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize)
      * Math.hypot(m.a, m.b), x: r.left, y: r.top, w: r.width, h: r.height});
  }
  return {box: {x: box.left, y: box.top, w: box.width, h: box.height}, labels};
}"""
# Cards, formulas and buttons of the main pane whose content is cut (an ellipsis, a scroll).
_CLIPPED_JS = """() => {
  const cut = [];
  const main = document.querySelector('[data-testid="stMain"]');
  const hidden = (e) => Array.from([e, ...e.querySelectorAll('*')]).some(
    (x) => x.scrollWidth > x.clientWidth + 1 && getComputedStyle(x).overflowX !== 'visible');
  main.querySelectorAll('[data-testid="stMetric"], button').forEach((e) => {
    if (hidden(e)) cut.push(e.innerText.replace(/\\s+/g, ' '));
  });
  main.querySelectorAll('.katex-display').forEach((e) => {
    const html = e.querySelector('.katex-html').getBoundingClientRect();
    const room = e.closest('[data-testid="stElementContainer"]').getBoundingClientRect();
    if (html.left < room.left - 2 || html.right > room.right + 2)
      cut.push(e.querySelector('.katex-mathml').textContent.slice(0, 40));
  });
  return cut;
}"""


def _overlap(a: dict, b: dict) -> bool:
    dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return dx > 1 and dy > 1


def check_charts(page: Page, keys: tuple[str, ...]) -> None:
    """Every chart label at least MIN_LABEL_PX, inside its chart, and on no other label."""
    helpers.wait_for_charts(page, *keys)
    for key in keys:
        chart = page.evaluate(_LABELS_JS, key)
        labels, box = chart["labels"], chart["box"]
        assert labels, key
        small = [(x["text"], round(x["px"], 1)) for x in labels if x["px"] < MIN_LABEL_PX]
        assert not small, f"{key}: labels under {MIN_LABEL_PX} px: {small}"
        crossing = [
            (a["text"], b["text"])
            for i, a in enumerate(labels)
            for b in labels[i + 1 :]
            if _overlap(a, b)
        ]
        assert not crossing, f"{key}: overlapping labels {crossing}"
        out = [
            x["text"]
            for x in labels
            if x["x"] < box["x"] - 1
            or x["y"] < box["y"] - 1
            or x["x"] + x["w"] > box["x"] + box["w"] + 1
            or x["y"] + x["h"] > box["y"] + box["h"] + 1
        ]
        assert not out, f"{key}: labels cut at the chart's edge {out}"
    assert page.evaluate(_CLIPPED_JS) == []


def collapse_sidebar(page: Page) -> None:
    page.get_by_test_id("stSidebar").hover()
    page.get_by_role("button", name="Collapse sidebar").click(force=True)
    expect(page.get_by_test_id("stExpandSidebarButton")).to_be_visible()
    page.wait_for_timeout(500)  # the main pane's width settles, charts redraw


def bottom(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    return box["y"] + box["height"]


SIZES = [(1280, 720), (1920, 1080)]


@pytest.mark.parametrize(("width", "height"), SIZES, ids=["1280x720", "1920x1080"])
def test_loss_page_layout_on_a_projector(app_server: str, page: Page, width, height) -> None:
    page.set_viewport_size({"width": width, "height": height})
    helpers.goto(page, f"{app_server}/svm_loss")
    check_charts(page, (TERMS, LOSSES, BINARY))
    collapse_sidebar(page)
    check_charts(page, (TERMS, LOSSES, BINARY))
    # the lesson above the fold: the table's class rows beside each image's loss
    expect(page.get_by_test_id("stMetric")).to_have_count(4)
    assert bottom(page, f".st-key-{LOSSES}") <= height
    grid = page.get_by_test_id("stDataFrame").bounding_box()
    assert grid["y"] + grid["height"] * 4 / 5 <= height  # header and 3 of its 5 rows


def test_loss_page_layout_with_large_numbers_many_images_and_long_names(
    app_server: str, page: Page
) -> None:
    rng = np.random.default_rng(3)
    scores = np.round(rng.uniform(-1e6, 1e6, size=(5, 8)), 1)
    query = (
        "svm_classes=Dog,Bird,Truck,Automobile and Cat,www.evil.example&svm_labels=0,1,2,3,4,0,1,2"
        "&svm_grad=true&svm_scores=" + ";".join(",".join(f"{v:g}" for v in r) for r in scores)
    )
    page.set_viewport_size({"width": 1280, "height": 720})
    helpers.goto(page, f"{app_server}/svm_loss?{query}")
    check_charts(page, (TERMS, LOSSES, "svm_grad_chart"))
    values = page.get_by_test_id("stMetricValue").all_inner_texts()
    assert len(values) == 9 and any("× 10" in v for v in values)  # plain text, not LaTeX
    assert not any("\\times" in v or "{" in v for v in values)
    # a class name is never a link, anywhere on the page
    assert page.locator('[data-testid="stMain"] a[href*="evil"]').count() == 0
    expect(
        page.get_by_test_id("stCaptionContainer")
        .locator("code")
        .filter(has_text="www.evil.example")
        .first
    ).to_be_visible()


@pytest.mark.parametrize(("width", "height"), SIZES, ids=["1280x720", "1920x1080"])
@pytest.mark.parametrize("query", ["", "?svmm_label=1&svmm_delta=20"], ids=["delta1", "delta20"])
def test_margin_page_layout_on_a_projector(
    app_server: str, page: Page, width, height, query: str
) -> None:
    """At Δ = 1 the labels s_y, s_y − Δ and s0 = 15 once overlapped into one blob."""
    page.set_viewport_size({"width": width, "height": height})
    helpers.goto(page, f"{app_server}/svm_margin{query}")
    check_charts(page, (LINE, HINGE, REGIONS))
    collapse_sidebar(page)
    check_charts(page, (LINE, HINGE, REGIONS))
    # the lesson above the fold: the worked formula and the number line's plot
    assert bottom(page, '[data-testid="stMain"] .katex-display') <= height
    assert bottom(page, f".st-key-{LINE} .nsewdrag") <= height
