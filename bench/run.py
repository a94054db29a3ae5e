"""Benchmark: core loss + gradient speed, and every page's rerun time and chart payload.

Run from the repo root: ``python bench/run.py`` (``--quick`` for fewer repeats).
Prints medians of repeated runs, measured side by side in one process so the
ratios hold on a noisy shared machine. Nothing here is asserted: read the
figures against DESIGN.md's budgets (rerun <= 50 ms, payload <= 300 KiB).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.losses import LOSSES  # noqa: E402


def median_ms(fn, repeats: int) -> float:
    """Median wall time of ``fn()`` in milliseconds over ``repeats`` calls (after one warm-up)."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def bench_core(repeats: int) -> None:
    """Loss + gradient on a (20000, 100) float64 batch beside one np.exp pass (and PyTorch)."""
    rng = np.random.default_rng(0)
    scores = rng.normal(size=(20000, 100))
    labels = rng.integers(0, 100, size=20000)
    floor = median_ms(lambda: np.exp(scores), repeats)
    print(f"\ncore, (20000, 100) float64, median of {repeats}")
    print(f"  {'np.exp floor':34s} {floor:8.2f} ms   1.00x  (exp of N(0,1) data: a fast path)")
    for name, entry in LOSSES.items():
        t = median_ms(lambda e=entry: (e.loss(scores, labels), e.grad(scores, labels)), repeats)
        print(f"  {name + ' loss+grad':34s} {t:8.2f} ms  {t / floor:5.2f}x")
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        print("  (PyTorch not installed: no torch comparison)")
        return
    s = torch.tensor(scores)
    y = torch.tensor(labels)
    targets = F.one_hot(y, 100).double()

    def torch_step(loss_fn) -> None:
        x = s.clone().requires_grad_(True)
        loss_fn(x).sum().backward()

    torch_losses = {
        "ce": lambda x: F.cross_entropy(x, y, reduction="none"),
        "svm": lambda x: F.multi_margin_loss(x, y, reduction="none"),
        "mse": lambda x: F.mse_loss(x, targets, reduction="none").mean(dim=1),
    }
    for name, fn in torch_losses.items():
        t = median_ms(lambda f=fn: torch_step(f), repeats)
        print(f"  {'torch ' + name + ' fwd+bwd':34s} {t:8.2f} ms  {t / floor:5.2f}x")


def page_paths() -> list[str]:
    """The pages registered in app.py, in navigation order."""
    return re.findall(r"st\.Page\(\s*\"(views/[^\"]+\.py)\"", (ROOT / "app.py").read_text())


# The slider each page is measured with: the one a lecturer moves most, which
# changes every chart on its page (the first slider may change none).
MEASURED_SLIDER = {
    "views/home.py": "home_lr",
    "views/svm_loss.py": "svm_delta",
    "views/svm_margin.py": "svmm_delta",
    "views/softmax_normalization.py": "snorm_scale",
    "views/cross_entropy.py": "ce_margin",
    "views/playground.py": "pg_margin",
}


def slider_sweep(at, path: str, repeats: int):
    """A label and a callable that moves the page's measured slider to a new value each call.

    New values every time (evenly over the slider's range), so cached figures
    keyed by the value do not flatter the rerun time.
    """
    key = MEASURED_SLIDER.get(path) or at.slider[0].key
    widget = at.slider(key)
    values = np.linspace(widget.min, widget.max, repeats + 2)
    values = np.round((values - widget.min) / widget.step) * widget.step + widget.min
    if isinstance(widget.value, int):
        values = values.astype(int)

    def change(i: int):
        at.slider(key).set_value(values[i].item()).run()

    return f"slider '{widget.label}'", change


def bench_pages(repeats: int) -> None:
    """Median warm AppTest rerun after a slider moves to a new value, and payload, per page."""
    # streamlit only here: --core-only runs without it
    from tests.apptest_utils import chart_elements, chart_payload, open_page

    print(f"\npages (AppTest, warm rerun after a control change, median of {repeats})")
    for path in page_paths():
        at = open_page(None if path.endswith("home.py") else path)
        # what the charts send: figures, and the frames of charts that follow a slider
        payload = sum(chart_payload(chart) for chart in chart_elements(at)) / 1024
        control, change = slider_sweep(at, path, repeats)
        change(0)
        times = []
        for i in range(repeats):
            start = time.perf_counter()
            change(i + 1)
            times.append((time.perf_counter() - start) * 1e3)
        failed = " EXCEPTION" if at.exception else ""
        print(
            f"  {path:34s} {statistics.median(times):7.1f} ms  "
            f"(p90 {np.percentile(times, 90):6.1f})  payload {payload:6.1f} KiB  "
            f"via {control}{failed}"
        )


def bench_playground_step(repeats: int) -> None:
    """The playground's budget: one Step of the linear model on 500 points and its redraw,
    server time (AppTest, warm), beside the same with the two-layer network."""
    from tests.apptest_utils import open_page

    print(f"\nplayground: one Step on 500 points, rerun with its redraw (median of {repeats})")
    for label, query in (
        ("linear", {"pg_points": "500", "pg_held": "0"}),
        ("two-layer, 32 hidden", {"pg_points": "500", "pg_held": "0", "pg_model": "mlp",
                                  "pg_hidden": "32"}),
        ("linear, 300 points + 20% held out (default)", {}),
    ):  # fmt: skip
        at = open_page("views/playground.py", query)
        at.button(key="pg_step").click().run()
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            at.button(key="pg_step").click().run()
            times.append((time.perf_counter() - start) * 1e3)
        failed = " EXCEPTION" if at.exception else ""
        print(
            f"  {label:44s} {statistics.median(times):7.1f} ms  "
            f"(p90 {np.percentile(times, 90):6.1f}){failed}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument(
        "--core-only", action="store_true", help="skip the pages (e.g. in a venv with torch only)"
    )
    args = parser.parse_args()
    repeats = 5 if args.quick else 25
    print(f"numpy {np.__version__}, python {sys.version.split()[0]}")
    bench_core(repeats)
    if not args.core_only:
        bench_pages(repeats)
        bench_playground_step(repeats)


if __name__ == "__main__":
    main()
