"""Every page reads on a projector's screen: 1280 x 720 and 1920 x 1080, in Chromium.

For each page of app.py's navigation, at both sizes, with the sidebar as it opens
(expanded) and collapsed, and in every tab of the page:

* **Nothing is clipped.** Headings, metric values and labels, formulas (KaTeX),
  ``st.code``, captions, paragraphs, widget labels, alerts and tab bars: the text
  neither scrolls inside its box nor reaches past a box that hides overflow, its
  column or the page. In charts, every title, axis, tick, legend, annotation and
  bar label lies inside the chart.
* **Chart text is at least 12 px** as drawn (font size times any SVG scaling:
  Plotly shrinks bar labels to fit their bar).
* **The main lesson is above the fold**: with the sidebar collapsed, the page's
  first chart lies wholly on the first screen, without scrolling.

A failure lists every problem found on that page and size.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.apptest_utils import ROOT, chart_keys, open_page
from tests.browser import helpers

PAGES = re.findall(r"st\.Page\(\s*\"views/([^\"]+)\.py\"", (ROOT / "app.py").read_text())
SIZES = [(1280, 720), (1920, 1080)]
MIN_CHART_FONT_PX = 12.0

# Problems on the current screen, as {kind, where, what, text, detail}.
PROBLEMS_JS = """(minFont) => {
  const problems = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && el.checkVisibility();
  };
  const said = (el) => (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ')
    .slice(0, 70);
  const named = (el) => el.dataset.testid || el.getAttribute('class') || el.tagName;
  // The union of the rendered text's boxes (KaTeX's hidden MathML copy left out).
  const textBox = (el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {acceptNode: (n) =>
      n.parentElement.closest('.katex-mathml') || !n.textContent.trim()
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    let box = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        if (r.width === 0 || r.height === 0) continue;
        box = box === null ? {left: r.left, right: r.right}
          : {left: Math.min(box.left, r.left), right: Math.max(box.right, r.right)};
      }
    }
    return box;
  };
  const TEXT = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', '[data-testid="stMetricValue"]',
    '[data-testid="stMetricLabel"]', '.katex-display', '[data-testid="stCode"] pre',
    '[data-testid="stCaptionContainer"]', '[data-testid="stMarkdownContainer"] p',
    '[data-testid="stMarkdownContainer"] li', '[data-testid="stWidgetLabel"]',
    '[data-testid="stAlertContainer"]', '[role="tablist"]', '[data-testid="stTable"]'];
  for (const root of document.querySelectorAll(
      '[data-testid="stMain"], [data-testid="stSidebar"]')) {
    if (!visible(root)) continue;
    const where = root.dataset.testid === 'stMain' ? 'main' : 'sidebar';
    for (const el of root.querySelectorAll(TEXT.join(','))) {
      if (!visible(el) || el.closest('.js-plotly-plot')) continue;
      const box = textBox(el);
      if (box === null) continue;
      const report = (detail) => problems.push(
        {kind: 'clipped', where, what: named(el), text: said(el), detail});
      if (el.scrollWidth > el.clientWidth + 2 && getComputedStyle(el).overflowX !== 'visible') {
        report(`scrolls: ${el.scrollWidth} px of text in ${el.clientWidth} px`);
        continue;
      }
      // Past a box that hides or scrolls overflow, its column, or the page's content area.
      for (let a = el.parentElement; a !== null && a !== root.parentElement;
           a = a.parentElement) {
        const style = getComputedStyle(a);
        const bounding = style.overflowX !== 'visible' || a === root
          || ['stColumn', 'stMainBlockContainer', 'stSidebarContent'].includes(a.dataset.testid);
        if (!bounding) continue;
        const r = a.getBoundingClientRect();
        if (box.right > r.right + 2 || box.left < r.left - 2) {
          report(`text ${Math.round(box.left)}-${Math.round(box.right)} px, ${named(a)} `
            + `${Math.round(r.left)}-${Math.round(r.right)} px`);
          break;
        }
      }
    }
  }
  for (const plot of document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')) {
    if (!visible(plot)) continue;
    const key = (plot.closest('[class*="st-key-"]')?.className.match(/st-key-(\\S+)/) || [])[1]
      || 'a chart';
    const chart = plot.getBoundingClientRect();
    for (const t of plot.querySelectorAll('svg.main-svg text')) {
      if (t.closest('.hoverlayer') || !t.textContent.trim() || !visible(t)) continue;
      const m = t.getScreenCTM();
      const scale = m === null ? 1 : Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      let size = parseFloat(getComputedStyle(t).fontSize);
      for (const span of t.querySelectorAll('tspan')) {
        const spanSize = parseFloat(getComputedStyle(span).fontSize);
        if (span.textContent.trim()) size = Math.min(size, spanSize);
      }
      size *= scale;
      const what = t.getAttribute('class') || t.parentElement.getAttribute('class') || 'text';
      const text = t.textContent.slice(0, 50);
      if (size < minFont - 0.05) {
        problems.push({kind: 'small', where: key, what, text, detail: `${size.toFixed(1)} px`});
      }
      const r = t.getBoundingClientRect();
      if (r.left < chart.left - 1 || r.right > chart.right + 1
          || r.top < chart.top - 1 || r.bottom > chart.bottom + 1) {
        problems.push({kind: 'outside the chart', where: key, what, text,
          detail: `text ${Math.round(r.left)}-${Math.round(r.right)} x `
            + `${Math.round(r.top)}-${Math.round(r.bottom)}, chart `
            + `${Math.round(chart.left)}-${Math.round(chart.right)} x `
            + `${Math.round(chart.top)}-${Math.round(chart.bottom)}`});
      }
    }
  }
  return problems;
}"""

# Widths of the main pane and of every drawn chart: unchanged twice in a row = settled.
LAYOUT_JS = """() => [document.querySelector('[data-testid="stMain"]')?.clientWidth,
  ...Array.from(document.querySelectorAll('.js-plotly-plot .main-svg'),
                (s) => Math.round(s.getBoundingClientRect().width))].join(',')"""

# Every visible chart element has a drawn plot.
CHARTS_DRAWN_JS = """() => Array.from(
    document.querySelectorAll('[data-testid="stMain"] :is(${CHARTS})'))
  .filter((c) => c.checkVisibility() && c.getBoundingClientRect().width > 0)
  .every((c) => { const p = c.querySelector('.js-plotly-plot');
                  return p !== null && Array.isArray(p.data) && p.data.length > 0
                    && p.querySelector('.main-svg') !== null; })"""

FIRST_CHART_JS = """() => {
  const chart = Array.from(
      document.querySelectorAll('[data-testid="stMain"] :is(${CHARTS})'))
    .find((c) => c.checkVisibility() && c.getBoundingClientRect().height > 0);
  if (!chart) return null;
  const r = chart.getBoundingClientRect();
  const key = (chart.closest('[class*="st-key-"]')?.className.match(/st-key-(\\S+)/) || [])[1];
  return {key: key || 'the first chart', top: r.top, bottom: r.bottom};
}"""
CHARTS_DRAWN_JS, FIRST_CHART_JS = (
    js.replace("${CHARTS}", helpers.CHART_ELEMENTS) for js in (CHARTS_DRAWN_JS, FIRST_CHART_JS)
)


SCROLL_TO_TOP_JS = """() => { window.scrollTo(0, 0);
  document.querySelector('[data-testid="stMain"]')?.scrollTo(0, 0); }"""


def page_url(base: str, name: str) -> str:
    return base + "/" if name == "home" else f"{base}/{name}"


def settle(page: Page) -> None:
    """Wait until the visible charts are drawn, fonts loaded and widths stop changing."""
    page.wait_for_function(CHARTS_DRAWN_JS, timeout=helpers.TIMEOUT_MS)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    last = None
    for _ in range(60):
        page.wait_for_timeout(200)
        now = page.evaluate(LAYOUT_JS)
        if now == last:
            return
        last = now


def problems_here(page: Page, state: str) -> list[str]:
    """The clipping and font-size problems of the screen as it is now, as readable lines."""
    found = page.evaluate(PROBLEMS_JS, MIN_CHART_FONT_PX)
    return [
        f"[{state}] {p['kind']}: {p['where']} {p['what']} {p['text']!r} ({p['detail']})"
        for p in found
    ]


def problems_in_every_tab(page: Page, state: str) -> list[str]:
    """``problems_here`` in each tab of the main pane (closed tabs are not drawn)."""
    found = problems_here(page, state)
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    for i in range(1, tabs.count()):  # the first tab is the one open
        tabs.nth(i).click()
        settle(page)
        name = tabs.nth(i).inner_text().strip()
        found += problems_here(page, f"{state}, tab {name!r}")
    if tabs.count() > 1:
        tabs.nth(0).click()
        settle(page)
    return found


def collapse_sidebar(page: Page) -> None:
    page.locator('[data-testid="stSidebar"]').hover()
    page.locator('[data-testid="stSidebarCollapseButton"] button').click()
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stSidebar"]')
                   .getAttribute('data-collapsed') === 'true'
                 || document.querySelector('[data-testid="stSidebar"]')
                   .getBoundingClientRect().right <= 1"""
    )
    settle(page)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", PAGES)
def test_page_reads_on_a_projector_screen(
    app_server: str, page: Page, name: str, width: int, height: int, tmp_path
) -> None:
    keys = chart_keys(open_page(None if name == "home" else f"views/{name}.py"))
    page.set_viewport_size({"width": width, "height": height})
    helpers.goto(page, page_url(app_server, name))
    helpers.wait_for_charts(page, *keys)  # charts mount lazily: wait for every one by key
    settle(page)
    problems = problems_in_every_tab(page, "sidebar open")

    collapse_sidebar(page)
    page.evaluate(SCROLL_TO_TOP_JS)  # the first screen, as the page opens
    settle(page)
    first = page.evaluate(FIRST_CHART_JS)
    if first is None:
        problems.append("[sidebar collapsed] no chart on the page")
    elif first["top"] < 0 or first["bottom"] > height:
        problems.append(
            f"[sidebar collapsed] below the fold: {first['key']} spans "
            f"{first['top']:.0f}-{first['bottom']:.0f} px of a {height} px screen"
        )
    problems += problems_in_every_tab(page, "sidebar collapsed")
    if problems:
        helpers.screenshot(page, tmp_path / f"{name}-{width}x{height}.png")
    assert not problems, f"{name} at {width} x {height}:\n" + "\n".join(problems)
