"""Browser benchmark: frames per second of each page's ▶ Play (a sweep played client-side).

Run from the repo root: ``python bench/sweeps.py [--runs N] [--shots DIR]``. Starts the app
on a free loopback port, opens each page with a sweep in headless ``/usr/bin/chromium``
(never downloaded; requests off loopback are aborted) and clicks the chart's Play N times.
Per run, in the page's own clock: Plotly's ``plotly_animatingframe`` events over the
animation's wall time (first to last frame), and the browser's paints
(``requestAnimationFrame`` callbacks) over the same time; and how many websocket messages
the browser sent meanwhile (0: no server round trip). Prints medians per chart. Nothing is
asserted: DESIGN.md's budget is 30 frames per second or more.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.browser import helpers  # noqa: E402
from tests.browser.harness import (  # noqa: E402
    SYSTEM_CHROMIUM,
    launch_chromium,
    new_confined_context,
    serve_app,
)

TIMEOUT_MS = 60_000


@dataclass(frozen=True)
class Sweep:
    """One chart with a Play: its page and ``st.plotly_chart`` key."""

    page: str
    path: str
    chart: str


SWEEPS = [
    Sweep("svm_margin: Δ", "/svm_margin?svmm_play=true", "svmm_play_chart"),
    Sweep("softmax_normalization: c", "/softmax_normalization?snorm_play_c=true", "snorm_sweep"),
    Sweep(
        "softmax_normalization: T", "/softmax_normalization?snorm_play_t=true", "snorm_temp_chart"
    ),
    Sweep("regularization: λ", "/regularization?reg_play=true", "reg_geometry"),
]

# Records, on the chart's plot div, the time of every animation frame Plotly shows and of
# every paint (rAF) until Plotly reports the animation done (``plotly_animated``).
_ARM_JS = """(key) => {
  const gd = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  const rec = { frames: [], paints: [], done: false };
  window.__sweep = rec;
  gd.on('plotly_animatingframe', () => rec.frames.push(performance.now()));
  gd.on('plotly_animated', () => { rec.done = true; });
  const paint = (t) => { rec.paints.push(t); if (!rec.done) requestAnimationFrame(paint); };
  requestAnimationFrame(paint);
}"""


def play_button(page: Page, chart: str):
    """The ▶ Play button of the chart with key ``chart`` (an SVG group of plotly's menu)."""
    return page.locator(f".st-key-{chart} g.updatemenu-button").filter(has_text="Play")


def play_once(page: Page, sweep: Sweep, sent: list[float]) -> dict:
    """Click Play once; the animation's frame rate, paint rate and messages sent to the server."""
    page.evaluate(_ARM_JS, sweep.chart)
    before = len(sent)
    play_button(page, sweep.chart).click()
    page.wait_for_function("() => window.__sweep.done", timeout=TIMEOUT_MS)
    rec = page.evaluate("() => window.__sweep")
    frames = rec["frames"]
    span = frames[-1] - frames[0]
    paints = [t for t in rec["paints"] if frames[0] <= t <= frames[-1]]
    return {
        "frames": len(frames),
        "fps": 1000 * (len(frames) - 1) / span if span > 0 else float("nan"),
        "paint_fps": 1000 * (len(paints) - 1) / span if span > 0 else float("nan"),
        "seconds": span / 1000,
        "sent": len(sent) - before,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="Plays per chart (median reported)")
    parser.add_argument("--shots", type=Path, help="save a screenshot of each chart here")
    args = parser.parse_args()
    outside: list[str] = []
    with (
        tempfile.TemporaryDirectory() as logs,
        serve_app(Path(logs)) as base_url,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright, SYSTEM_CHROMIUM)
        context = new_confined_context(browser, outside)
        page = context.new_page()
        sent: list[float] = []
        page.on("websocket", lambda ws: ws.on("framesent", lambda _p: sent.append(1.0)))
        rows = []
        for sweep in SWEEPS:
            helpers.goto(page, base_url + sweep.path)
            helpers.wait_for_charts(page, sweep.chart)
            page.locator(f".st-key-{sweep.chart}").scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            play_once(page, sweep, sent)  # warm-up: plotly.js code paths, JIT
            runs = [play_once(page, sweep, sent) for _ in range(args.runs)]
            if args.shots:
                args.shots.mkdir(parents=True, exist_ok=True)
                page.locator(f".st-key-{sweep.chart}").screenshot(
                    path=str(args.shots / f"{sweep.chart}.png")
                )
            rows.append((sweep, runs))
        browser.close()
    print(f"{'chart':28} {'frames':>6} {'fps':>6} {'paints/s':>9} {'seconds':>8} {'sent':>5}")
    for sweep, runs in rows:

        def med(name: str, runs=runs) -> float:
            return statistics.median(r[name] for r in runs)

        print(
            f"{sweep.page:28} {med('frames'):6.0f} {med('fps'):6.1f} {med('paint_fps'):9.1f} "
            f"{med('seconds'):8.2f} {max(r['sent'] for r in runs):5d}"
        )
    print(
        f"{args.runs} plays per chart after one warm-up; median; 'sent': most websocket "
        f"messages the browser sent during one play. Requests off loopback: {len(outside)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
