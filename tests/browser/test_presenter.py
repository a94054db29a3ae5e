"""Presentation mode in Chromium: what a lecturer sees on the projector.

A link with ``present=true`` opens a page with the sidebar folded, the lesson first in
large type and larger chart fonts; the sidebar's toggle folds the sidebar itself; moving
to another page keeps the mode and the URL says so; a chart's mode bar shows it alone on
the whole screen. Nothing is fetched from outside.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from figures.theme import FONT_SIZE, PRESENTER_SCALE
from tests.browser import helpers

SIDEBAR = "[data-testid='stSidebar']"


def sidebar_width(page: Page) -> float:
    """The sidebar's visible width in px (0 when folded away)."""
    box = page.locator(SIDEBAR).bounding_box()
    if box is None:
        return 0.0
    return max(0.0, box["x"] + box["width"])


def font_px(page: Page, selector: str) -> float:
    return page.locator(selector).first.evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)")


def tick_font_px(page: Page, key: str) -> float:
    """The rendered size of a chart's first x-axis tick label."""
    return page.locator(f".st-key-{key} .xtick text").first.evaluate(
        "(e) => parseFloat(e.style.fontSize || getComputedStyle(e).fontSize)"
    )


def test_a_presenting_link_folds_the_sidebar_and_enlarges_lesson_text_and_charts(
    app_server: str, page: Page, outside_requests: list[str]
) -> None:
    helpers.goto(page, f"{app_server}/mse")
    helpers.wait_for_charts(page, "mse_terms")
    normal_tick = tick_font_px(page, "mse_terms")
    normal_text = font_px(page, "[data-testid='stMain'] [data-testid='stMarkdownContainer'] p")
    assert sidebar_width(page) > 200
    assert page.locator(".st-key-lesson").count() == 0

    helpers.goto(page, f"{app_server}/mse?present=true")
    helpers.wait_for_charts(page, "mse_terms")
    page.wait_for_function(
        f'() => (document.querySelector("{SIDEBAR}")?.getBoundingClientRect().right ?? 0) <= 1'
    )
    lesson = page.locator(".st-key-lesson")
    assert lesson.is_visible()
    assert "punishes confident correct answers" in lesson.inner_text()
    # the lesson comes before the page's introduction, right under the title
    order = page.evaluate(
        """() => { const l = document.querySelector('.st-key-lesson');
                   const h = document.querySelector('[data-testid="stMain"] h1');
                   const p = [...document.querySelectorAll('[data-testid="stMain"] p')]
                       .find(e => e.textContent.startsWith('MSE compares'));
                   return [h.getBoundingClientRect().top, l.getBoundingClientRect().top,
                           p.getBoundingClientRect().top]; }"""
    )
    assert order == sorted(order)
    assert font_px(page, ".st-key-lesson p") >= 30
    text = font_px(page, "[data-testid='stMain'] [data-testid='stMarkdownContainer'] p")
    assert text >= normal_text * 1.25
    tick = tick_font_px(page, "mse_terms")
    assert normal_tick == FONT_SIZE
    assert tick == round(FONT_SIZE * PRESENTER_SCALE, 1)
    assert outside_requests == []


def test_the_toggle_folds_the_sidebar_and_the_mode_follows_the_lecturer_to_the_next_page(
    app_server: str, page: Page, outside_requests: list[str]
) -> None:
    helpers.goto(page, f"{app_server}/svm_margin")
    helpers.wait_for_charts(page, "svmm_line")
    helpers.rerun_after(page, lambda: page.get_by_text("Presentation mode").click())
    page.wait_for_function(
        f'() => (document.querySelector("{SIDEBAR}")?.getBoundingClientRect().right ?? 0) <= 1'
    )
    assert helpers.query_params(page).get("present") == "true"
    assert page.locator(".st-key-lesson").is_visible()

    # open the sidebar again and go to another page: still presenting, and the URL says so
    page.locator("[data-testid='stExpandSidebarButton']").click()
    helpers.rerun_after(
        page, lambda: page.get_by_role("link", name="Softmax cross-entropy").click()
    )
    page.wait_for_url("**/cross_entropy?present=true")
    assert page.locator(".st-key-lesson").is_visible()
    assert "−log" in page.locator(".st-key-lesson").inner_text()

    # and off again: the lesson goes, the URL drops the mode
    helpers.rerun_after(page, lambda: page.get_by_text("Presentation mode").click())
    page.wait_for_function("() => !document.querySelector('.st-key-lesson')")
    assert "present" not in helpers.query_params(page)
    assert outside_requests == []


_FULL_SCREEN = """(key) => {
  const chart = document.querySelector(`.st-key-${key} .lfe-chart`);
  const plot = chart.querySelector('.js-plotly-plot');
  return {full: document.fullscreenElement === chart, height: plot._fullLayout.height,
          screen: window.innerHeight};
}"""


@pytest.mark.parametrize(
    ("path", "key", "charts"),
    [
        ("/mse", "mse_curves", ("mse_terms", "mse_curves", "mse_grads")),
        ("/loss_surfaces", "surf_3d", ("surf_3d", "surf_grad", "surf_slice_chart")),
    ],
)
def test_a_chart_goes_full_screen_from_its_mode_bar_and_comes_back(
    app_server: str, page: Page, path: str, key: str, charts: tuple[str, ...]
) -> None:
    """The lecturer shows one chart on the whole projector (the mode bar's button) and
    returns to the page: the chart takes the screen's height, then its own again."""
    helpers.goto(page, app_server + path)
    helpers.wait_for_charts(page, *charts)
    own = page.evaluate(_FULL_SCREEN, key)["height"]
    page.locator(f".st-key-{key} .js-plotly-plot").hover()  # the mode bar shows on hover
    page.locator(f'.st-key-{key} .modebar-btn[data-title="Full screen (Esc to leave)"]').click()
    page.wait_for_function(f"() => ({_FULL_SCREEN})('{key}').full")
    page.wait_for_function(
        f"() => {{ const s = ({_FULL_SCREEN})('{key}'); return s.height === s.screen; }}"
    )
    helpers.wait_for_charts(page, key)
    # Esc is the browser's own way out (headless Chromium ignores it): the button again
    page.locator(f".st-key-{key} .js-plotly-plot").hover()
    page.locator(f'.st-key-{key} .modebar-btn[data-title="Full screen (Esc to leave)"]').click()
    page.wait_for_function(f"() => !({_FULL_SCREEN})('{key}').full")
    page.wait_for_function(f"() => ({_FULL_SCREEN})('{key}').height === {own}")
    assert helpers.exception_count(page) == 0
