"""Benchmark of the loss-surfaces page: surface compute, descent, figures, rerun, payload.

Run from the repo root: ``python bench/surfaces.py [--repeats N] [--browser]``. Prints
medians (nothing asserted): the budgets are an 81 x 81 surface pair (both losses and
their gradient norms) in at most 100 ms, a rerun at cached inputs in at most 50 ms,
the page's figure JSON at defaults at most 300 KiB, and the 3D chart drawn within
1 s of a control change.

``--browser`` also times, in headless ``/usr/bin/chromium``, ``Plotly.newPlot`` of the
page's 3D figure at defaults until two frames have painted, beside a trivial 2 x 2
surface in the same page, taken in turn: Streamlit mounts a new chart element when a
figure changes, so every control change pays for a fresh WebGL scene, and the trivial
surface is that fixed cost. (The page's key-press-to-chart time is in
``bench/browser.py --only loss_surfaces``.)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.pages.loss_surfaces import descent, network, surfaces  # noqa: E402
from sections.loss_surfaces import DEFAULTS  # noqa: E402

PAGE = "views/loss_surfaces.py"


def median_ms(fn, repeats: int) -> tuple[float, float]:
    """Median and minimum wall time of ``fn()`` in ms over ``repeats`` calls (after a warm-up)."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times), min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--browser", action="store_true", help="also time the 3D render")
    args = parser.parse_args()
    net = network(DEFAULTS["samples"], DEFAULTS["hidden"], seed=DEFAULTS["seed"])
    # __wrapped__: the function itself, past the memo cache, so every call computes.
    compute = surfaces.__wrapped__
    print(f"{'what':52s} {'median ms':>10s} {'min ms':>8s}")
    for points, samples in ((41, 100), (51, 100), (61, 100), (81, 100), (81, 200)):
        net_n = network(samples, DEFAULTS["hidden"], seed=DEFAULTS["seed"])
        med, low = median_ms(lambda n=net_n, p=points: compute(n, 6.0, p), args.repeats)
        label = f"surfaces {points} x {points}, N = {samples} (CE, MSE, |∇L|)"
        print(f"{label:52s} {med:10.1f} {low:8.1f}")
    med, low = median_ms(
        lambda: descent.__wrapped__(net, (5.0, 5.0), 1.0, 6.0, DEFAULTS["grid"]),
        args.repeats,
    )
    print(f"{'descent, both losses, 300 steps, N = 100':52s} {med:10.1f} {low:8.1f}")

    from streamlit.testing.v1 import AppTest  # noqa: F401 - imported here: slow

    from tests.apptest_utils import chart_specs, open_page

    at = open_page(PAGE)
    assert not at.exception, [e.value for e in at.exception]
    sizes = [len(spec) / 1024 for spec in chart_specs(at)]
    med, low = median_ms(at.run, args.repeats)
    print(f"{'page rerun at cached inputs (AppTest, defaults)':52s} {med:10.1f} {low:8.1f}")
    slider = at.slider(key="surf_range")
    values = iter(np.tile([5.5, 6.0], args.repeats + 1))
    med, low = median_ms(lambda: slider.set_value(float(next(values))).run(), args.repeats)
    print(f"{'rerun after the weight range moves, cached (AppTest)':52s} {med:10.1f} {low:8.1f}")
    print(
        f"\nfigure JSON at defaults: {sum(sizes):.1f} KiB "
        f"({', '.join(f'{s:.1f}' for s in sizes)} KiB: 3D, gradient maps, slice)"
    )
    if args.browser:
        bench_webgl(net, args.repeats)
    return 0


NEW_PLOT_JS = """async (spec) => {
  const fig = JSON.parse(spec);
  const old = document.getElementById('plot');
  if (old) { Plotly.purge(old); old.remove(); }
  const div = document.createElement('div');
  div.id = 'plot';
  div.style.width = '720px';
  document.body.appendChild(div);
  const t0 = performance.now();
  await Plotly.newPlot(div, fig.data, fig.layout);
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return performance.now() - t0;
}"""


def bench_webgl(net, repeats: int) -> None:
    """Fresh-scene render time of the page's 3D figure beside a trivial surface (see above)."""
    import tempfile

    import plotly
    from playwright.sync_api import sync_playwright

    from figures.loss_surfaces import surface_figure
    from tests.browser.harness import SYSTEM_CHROMIUM, launch_chromium

    surf = surfaces(net, DEFAULTS["weight_range"], DEFAULTS["grid"])
    run = descent(net, (5.0, 5.0), 1.0, DEFAULTS["weight_range"], DEFAULTS["grid"])
    paths = tuple(np.column_stack([run.path[i], run.loss[i]]) for i in range(2))
    names = ("W1 (x₁ → h₁)", "W2 (h₁ → output)")
    page_fig = surface_figure(surf.w1, surf.w2, surf.loss, (True, True), paths, names, "paper")
    specs = {
        "trivial 2 x 2 surface (a fresh WebGL scene)": (
            '{"data": [{"type": "surface", "z": [[0, 1], [1, 2]], "showscale": false}],'
            ' "layout": {"height": 500}}'
        ),
        "the page's 3D figure at defaults": page_fig.to_json(),
    }
    script = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    times: dict[str, list[float]] = {name: [] for name in specs}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        html = Path(folder) / "plot.html"
        html.write_text(f"<html><body><script>{script.read_text()}</script></body></html>")
        browser = launch_chromium(playwright, SYSTEM_CHROMIUM)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 800})
            page.goto(html.as_uri())
            for _ in range(repeats):
                for name, spec in specs.items():
                    times[name].append(page.evaluate(NEW_PLOT_JS, spec))
        finally:
            browser.close()
    print("\nheadless Chromium, Plotly.newPlot until 2 frames painted (median / min ms):")
    for name, values in times.items():
        print(f"  {name:48s} {statistics.median(values):7.0f} {min(values):7.0f}")


if __name__ == "__main__":
    sys.exit(main())
