"""Retake the README gallery: a full-page screenshot of each page, 1600 px wide, in Chromium.

Run from the repository root: ``python scripts/gallery.py [PAGE ...]`` (default: every
page in app.py's navigation). Starts the app on a free loopback port, opens each page
at its defaults in Debian's ``/usr/bin/chromium`` (never downloaded; requests off
loopback are blocked), waits until every chart is drawn, and writes
``docs/screenshots/<page>.png``. With ``--present``: the first screen of each page in
presentation mode (``?present=true``) on a 1920 x 1080 projector, as
``docs/screenshots/<page>_present.png``. Look at each picture before committing it.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.apptest_utils import chart_keys, open_page  # noqa: E402
from tests.browser import helpers  # noqa: E402
from tests.browser.harness import (  # noqa: E402
    SYSTEM_CHROMIUM,
    launch_chromium,
    new_confined_context,
    serve_app,
)

PAGES = re.findall(r"st\.Page\(\s*\"views/([^\"]+)\.py\"", (ROOT / "app.py").read_text())
WIDTH, HEIGHT = 1600, 900  # as projected: the README's gallery width
PROJECTOR = 1920, 1080  # presentation mode's screenshots: one full-HD screen
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", metavar="PAGE", help=f"any of {PAGES}")
    parser.add_argument(
        "--present", action="store_true", help="presentation mode, first screen at 1920 x 1080"
    )
    args = parser.parse_args()
    names = args.pages or PAGES
    unknown = sorted(set(names) - set(PAGES))
    if unknown:
        parser.error(f"unknown page(s) {unknown}; choose from {PAGES}")
    outside: list[str] = []
    with (
        tempfile.TemporaryDirectory(prefix="gallery_") as logs,
        serve_app(Path(logs)) as url,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright, SYSTEM_CHROMIUM)
        for name in names:
            context = new_confined_context(browser, outside)
            page = context.new_page()
            width, height = PROJECTOR if args.present else (WIDTH, HEIGHT)
            page.set_viewport_size({"width": width, "height": height})
            home = name == "home"
            query = "?present=true" if args.present else ""
            helpers.goto(page, url + ("/" if home else f"/{name}") + query)
            keys = chart_keys(open_page(None if home else f"views/{name}.py"))
            helpers.wait_for_charts(page, *keys)
            if args.present:
                shot = OUT / f"{name}_present.png"
                page.wait_for_timeout(500)  # the sidebar's fold animation
                page.screenshot(path=str(shot))
            else:
                shot = helpers.screenshot(page, OUT / f"{name}.png")
            print(shot.relative_to(ROOT))
            context.close()
        browser.close()
    if outside:
        print(f"requests off loopback (blocked): {sorted(set(outside))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
