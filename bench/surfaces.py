"""Benchmark of the loss-surfaces page: surface compute, descent, figures, rerun, payload.

Run from the repo root: ``python bench/surfaces.py [--repeats N]``. Prints medians
(nothing asserted): the budgets are an 81 x 81 surface pair (both losses and
their gradient norms) in at most 100 ms, a rerun at cached inputs in at most
50 ms, and the page's figure JSON at defaults at most 300 KiB.
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

    from tests.apptest_utils import open_page

    at = open_page(PAGE)
    assert not at.exception, [e.value for e in at.exception]
    sizes = [len(el.proto.spec) / 1024 for el in at.get("plotly_chart")]
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
