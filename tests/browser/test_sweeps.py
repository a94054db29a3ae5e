"""▶ Play of each sweep in Chromium: frames advance in the browser, nothing is sent to the
server meanwhile, and the chart ends where the page's value (from the URL) put it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser import helpers

# (page path with a value in its link, chart key, the scrub bar's label for that value)
SWEEPS = [
    ("/svm_margin?svmm_delta=7.5&svmm_play=true", "svmm_play_chart", "7.50"),
    ("/softmax_normalization?snorm_scale=3.3&snorm_play_c=true", "snorm_sweep", "3.3"),
    ("/softmax_normalization?snorm_temp=0.35&snorm_play_t=true", "snorm_temp_chart", "0.35"),
    ("/regularization?reg_loglam=0.25&reg_play=true", "reg_geometry", "1.78"),
]

_ARM_JS = """(key) => {
  const gd = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  window.__play = { frames: [], done: false };
  gd.on('plotly_animatingframe', (e) => window.__play.frames.push(e.name));
  gd.on('plotly_animated', () => { window.__play.done = true; });
}"""

_STATE_JS = """(key) => {
  const gd = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  const plain = (v) => (v && typeof v === 'object' && '_inputArray' in v)
    ? Array.from(v._inputArray) : (ArrayBuffer.isView(v) ? Array.from(v) : v);
  const bar = gd._fullLayout.sliders[0];
  return {
    traces: gd.data.map((t) => ({ x: plain(t.x), y: plain(t.y), text: plain(t.text) })),
    label: bar.steps[bar.active].label,
  };
}"""


@pytest.mark.parametrize(("path", "chart", "label"), SWEEPS, ids=[s[1] for s in SWEEPS])
def test_play_animates_in_the_browser_and_ends_on_the_links_value(
    page: Page, app_server: str, outside_requests: list[str], path: str, chart: str, label: str
) -> None:
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda _payload: sent.append(1)))
    helpers.goto(page, app_server + path)
    helpers.wait_for_charts(page, chart)
    page.locator(f".st-key-{chart}").scroll_into_view_if_needed()
    before = page.evaluate(_STATE_JS, chart)
    assert before["label"] == label  # the scrub bar starts at the link's value
    runs, messages = helpers.run_count(page), len(sent)
    page.evaluate(_ARM_JS, chart)
    page.locator(f".st-key-{chart} g.updatemenu-button").filter(has_text="Play").click()
    page.wait_for_function("() => window.__play.done", timeout=helpers.TIMEOUT_MS)
    frames = page.evaluate("() => window.__play.frames")
    after = page.evaluate(_STATE_JS, chart)
    assert len(frames) >= 40 and len(set(frames)) >= 40  # it moved through the sweep
    assert frames[-1] == label and after["label"] == label  # and came back to the value
    assert after["traces"] == before["traces"]  # showing what the page's numbers say
    assert len(sent) == messages and helpers.run_count(page) == runs  # no server round trip
    assert helpers.exception_count(page) == 0
    assert outside_requests == []
