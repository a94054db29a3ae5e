"""What a student in Chromium sees while N simulated students load the same server.

Run from the repo root: ``python bench/students.py [--sessions 0 50 100]``. For each N it
starts a fresh app server, opens the margin, MSE and regularization pages in headless
``/usr/bin/chromium`` (``bench/browser.py``'s tabs and timing: key press to chart data
changed), starts ``bench/load.py --url`` with N protocol-level sessions against the same
server, and after they have loaded presses each page's main slider once a second for
90 s. Prints the browser's medians beside the load client's own table (issue 13: "a
handful of real Chromium sessions run beside it to check what students see").
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench import browser as bench_browser  # noqa: E402
from tests.browser.harness import launch_chromium, serve_app  # noqa: E402

PAGES = ("svm_margin", "mse", "regularization")
PRESS_SECONDS = 90.0
SETTLE_SECONDS = 25.0  # the load's sessions connect and load their pages first


def one_level(n_sessions: int) -> None:
    cases = [c for c in bench_browser.CASES if c.page in PAGES]
    with (
        tempfile.TemporaryDirectory(prefix="students-") as logs,
        serve_app(Path(logs)) as url,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        outside: list[str] = []
        with bench_browser.confined_context(browser, outside) as context:
            tabs = [bench_browser.open_tab(context, case, url) for case in cases]
            for tab in tabs:  # warm-up presses
                bench_browser.press(tab)
                bench_browser.press(tab)
            load = None
            if n_sessions:
                seconds = SETTLE_SECONDS + PRESS_SECONDS + 30
                command = [sys.executable, "bench/load.py", "--url", url]
                command += ["--sessions", str(n_sessions), "--seconds", str(seconds)]
                load = subprocess.Popen(
                    command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
                )
                time.sleep(SETTLE_SECONDS)
            times: dict[str, list[float]] = {tab.case.page: [] for tab in tabs}
            end = time.time() + PRESS_SECONDS
            while time.time() < end:
                for tab in tabs:
                    changed_ms, _, _ = bench_browser.press(tab)
                    times[tab.case.page].append(changed_ms)
                    time.sleep(1.0)
            for page, values in times.items():
                ordered = sorted(values)
                p90 = ordered[max(0, int(len(ordered) * 0.9) - 1)]
                print(
                    f"N={n_sessions:<4} {page:<16} presses {len(values):>3}  "
                    f"key press to chart: median {statistics.median(values):.0f} ms, p90 {p90:.0f}"
                )
            if load is not None:
                table = load.communicate()[0].splitlines()
                rows = dict.fromkeys(line for line in table if line.startswith("| "))
                print("\n".join(rows))  # the load client prints its table twice
        if outside:
            print(f"requests off loopback (blocked): {sorted(set(outside))}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[0, 50, 100])
    for n in parser.parse_args().sessions:
        one_level(n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
