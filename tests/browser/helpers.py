"""Small, documented steps for browser tests of a Streamlit app (see conftest.py for fixtures).

Waiting rule: after an action, wait for a *finished script run* (the counter the
``page`` fixture's init script keeps in ``window.__stRunsFinished``), never for
the ``notRunning`` state alone, which may not have changed yet. A rerun fast
enough to start and finish within one React commit never shows "running" and
is missed by that counter; so a rerun also counts as finished once the server
has sent websocket frames since the action, then none for ``QUIET_S``, and the
app is idle (``track_server_frames`` installs the frame log).
"""

from __future__ import annotations

import base64
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import numpy as np
from playwright.sync_api import Page

TIMEOUT_MS = 30_000
QUIET_S = 0.3
_SERVER_FRAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # page -> arrival times
APP = '[data-testid="stApp"]'
EXCEPTION = '[data-testid="stException"]'

_IDLE_JS = f"""() => {{
  const app = document.querySelector('{APP}');
  return app !== null && app.getAttribute('data-test-script-state') === 'notRunning';
}}"""

# Plotly's gd.data as plain JSON. plotly.js keeps a numpy array as
# {dtype, bdata, _inputArray} with the decoded typed array in _inputArray:
# return that (typed arrays become lists). One still encoded is decoded in Python.
_CHART_PART_JS = """([key, part]) => {
  const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  const plain = (v) => ArrayBuffer.isView(v) ? Array.from(v)
    : Array.isArray(v) ? v.map(plain)
    : (v !== null && typeof v === 'object' && '_inputArray' in v) ? plain(v._inputArray)
    : (v !== null && typeof v === 'object')
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
    : v;
  return plain(plot[part]);
}"""


def run_count(page: Page) -> int:
    """How many script runs have finished in this page so far."""
    return page.evaluate("() => window.__stRunsFinished || 0")


def goto(page: Page, url: str, *, timeout: float = TIMEOUT_MS) -> None:
    """Open ``url`` and wait until the app's first script run finished and rendered an element."""
    page.goto(url, timeout=timeout)
    page.wait_for_function(
        f"""() => {{
          const app = document.querySelector('{APP}');
          return app !== null && window.__stRunsFinished > 0
            && app.getAttribute('data-test-script-state') === 'notRunning'
            && document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')
               !== null;
        }}""",
        timeout=timeout,
    )


def track_server_frames(page: Page) -> None:
    """Log the arrival time of every websocket frame the server sends to ``page``."""
    frames: list[float] = _SERVER_FRAMES.setdefault(page, [])
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda _payload: frames.append(time.monotonic())),
    )


def _idle(page: Page) -> bool:
    return page.evaluate(f"({_IDLE_JS})()")


def rerun_after(page: Page, action: Callable[[], Any], *, timeout: float = TIMEOUT_MS) -> Any:
    """Run ``action()`` (a click, a key press) and wait until the rerun it starts has finished.

    Finished: the run counter grew and the app is idle, or (for a rerun too
    fast for the counter) the server sent frames since the action, then none
    for ``QUIET_S``, and the app is idle. Returns what ``action`` returned.
    Times out if the action starts no rerun (e.g. ArrowRight on a slider
    already at its maximum).
    """
    frames = _SERVER_FRAMES.get(page, [])
    runs_before, frames_before = run_count(page), len(frames)
    result = action()
    deadline = time.monotonic() + timeout / 1000
    while True:
        page.wait_for_timeout(25)  # also lets Playwright deliver the frame events
        counted = run_count(page) > runs_before
        quiet = len(frames) > frames_before and time.monotonic() - frames[-1] > QUIET_S
        if (counted or quiet) and _idle(page):
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"no finished rerun within {timeout / 1000:.0f} s of the action")


# A chart element: ui/plot_chart.py's, or Streamlit's (its fallback, when plotly.js is not
# served); each holds one plot (.js-plotly-plot) once drawn.
CHART_ELEMENTS = '[data-testid="stPlotlyChart"], .lfe-chart'

# Drawn: the plot has traces, and ui/plot_chart.py has no draw of a newer figure waiting.
_CHART_DRAWN_JS = """(keys) => keys.every((key) => {
  const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  return plot !== null && Array.isArray(plot.data) && plot.data.length > 0
    && document.querySelector(`.st-key-${key} [data-drawing]`) === null;
})"""


def settled_box(locator, *, timeout: float = TIMEOUT_MS) -> dict:
    """The element's bounding box once it stayed put for three checks 100 ms apart.

    Before a click at coordinates (a canvas grid's cell): on a loaded machine something
    above the element (a chart, a formula) may still be settling after the charts are
    drawn, and a click at the old place lands elsewhere.
    """
    deadline = time.monotonic() + timeout / 1000
    boxes = [locator.bounding_box()]
    while len(boxes) < 3 or boxes[-3] != boxes[-1] or boxes[-2] != boxes[-1]:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the element kept moving for {timeout / 1000:.0f} s: {boxes[-3:]}")
        locator.page.wait_for_timeout(100)
        boxes.append(locator.bounding_box())
    return boxes[-1]


def wait_for_charts(page: Page, *keys: str, timeout: float = TIMEOUT_MS) -> None:
    """Wait until the charts with these ``st.plotly_chart`` keys are drawn.

    Charts are found by key, never by position: plotly.js and the chart
    element load lazily, so while a page settles a chart may be missing from
    the document and every later chart's index shifts (a flaky CI run).
    """
    page.wait_for_function(_CHART_DRAWN_JS, arg=list(keys), timeout=timeout)


def chart_data(page: Page, key: str, *, timeout: float = TIMEOUT_MS) -> list[dict]:
    """The plotly ``data`` (list of traces) of the chart with ``st.plotly_chart`` key ``key``.

    JSON-serialisable: typed arrays are plain lists. Waits for the chart to be drawn.
    """
    wait_for_charts(page, key, timeout=timeout)
    return _decode(page.evaluate(_CHART_PART_JS, [key, "data"]))


def chart_layout(page: Page, key: str, *, timeout: float = TIMEOUT_MS) -> dict:
    """The plotly ``layout`` of the chart with key ``key``, as plain JSON."""
    wait_for_charts(page, key, timeout=timeout)
    return _decode(page.evaluate(_CHART_PART_JS, [key, "layout"]))


def _decode(value: Any) -> Any:
    """Turn any remaining plotly ``{dtype, bdata[, shape]}`` object into nested lists."""
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "bdata" in value and "dtype" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = value.get("shape")
        if shape:
            dims = [int(n) for n in str(shape).split(",")] if isinstance(shape, str) else shape
            array = array.reshape(dims)
        return array.tolist()
    return {k: _decode(v) for k, v in value.items()}


def set_slider_by_keys(page: Page, label: str, presses: int, key: str = "ArrowRight") -> None:
    """Press ``key`` ``presses`` times on the slider labelled ``label``, one finished rerun each.

    Streamlit 1.67 sliders are a hidden ``<input type="range">`` reachable by role.
    """
    slider = page.get_by_role("slider", name=label)
    slider.focus()
    for _ in range(presses):
        rerun_after(page, lambda: page.keyboard.press(key))


def slider_value(page: Page, label: str) -> str:
    """The current value of the slider labelled ``label``, as the range input holds it."""
    return page.get_by_role("slider", name=label).input_value()


def selectbox_value(page: Page, label: str) -> str:
    """The option the select box labelled ``label`` shows (a combobox input in 1.67)."""
    return page.get_by_role("combobox", name=label).input_value()


def query_params(page: Page) -> dict[str, str]:
    """The page URL's query string as a dict (last value wins for a repeated key)."""
    return dict(parse_qsl(urlsplit(page.url).query, keep_blank_values=True))


def exception_count(page: Page) -> int:
    """How many Streamlit exception blocks (tracebacks) the page shows."""
    return page.locator(EXCEPTION).count()


def _frames(page: Page, count: int = 3) -> None:
    """Wait until ``count`` animation frames have painted."""
    page.evaluate(
        """(count) => new Promise((done) => {
          const tick = () => (--count > 0 ? requestAnimationFrame(tick) : done());
          requestAnimationFrame(tick);
        })""",
        count,
    )


def screenshot(page: Page, path: str | Path) -> Path:
    """Full-page PNG at ``path`` (folders created), taken once a few animation frames painted.

    Streamlit scrolls inside its main and sidebar panes, not the document, so
    Playwright's ``full_page`` alone stops at the viewport: the viewport is
    stretched to the tallest pane for the shot (same width) and then restored.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    tallest = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight, ...Array.from(
          document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebarContent"]'),
          (pane) => pane.scrollHeight))"""
    )
    if viewport and tallest > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": tallest})
    try:
        _frames(page)
        page.screenshot(path=str(path), full_page=True)
    finally:
        if viewport:
            page.set_viewport_size(viewport)
    return path
