"""The browser tests' machinery as a library: app server, Chromium, a loopback-only context.

Used by the fixtures in ``conftest.py`` and by ``bench/browser.py``; no pytest here.

* ``serve_app``: ``streamlit run <script>`` from the repo root on a free 127.0.0.1
  port, yielding its base URL once healthy and stopping it afterwards (also when
  the Python process dies: Linux ``prctl``).
* ``chromium_executable`` / ``launch_chromium``: the system ``/usr/bin/chromium``
  (or Playwright's own if that one is installed), headless; never downloaded.
* ``confine_to_loopback`` / ``new_confined_context``: a context whose requests to any
  host other than loopback are aborted and recorded, with ``RUN_COUNTER_JS``, which
  counts finished script runs (see ``helpers.rerun_after``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Playwright, Route, WebSocketRoute

from scripts.serve_class import app_command, die_with_parent, free_port, healthy, stop_process

REPO_ROOT = Path(__file__).resolve().parents[2]
SYSTEM_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
VIEWPORT = {"width": 1600, "height": 1000}
HEALTH_TIMEOUT_S = 30.0

# Counts transitions of stApp's data-test-script-state to "notRunning" in
# window.__stRunsFinished. Waiting for "notRunning" alone right after an action
# is racy (the state may not have left "notRunning" yet); a growing count is not.
RUN_COUNTER_JS = """
(() => {
  window.__stRunsFinished = 0;
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.target.getAttribute('data-testid') === 'stApp'
          && m.target.getAttribute('data-test-script-state') === 'notRunning'
          && m.oldValue !== 'notRunning') {
        window.__stRunsFinished += 1;
      }
    }
  });
  observer.observe(document, {
    subtree: true,
    attributes: true,
    attributeOldValue: true,
    attributeFilter: ['data-test-script-state'],
  });
})();
"""


class ServerStartError(RuntimeError):
    """The Streamlit server exited or was not healthy in time; the message holds its log."""


def is_loopback(url: str) -> bool:
    """True for a URL whose host is 127.0.0.1, localhost or ::1 (or that has no host)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return (parts.hostname or "") in LOOPBACK_HOSTS


@contextmanager
def serve_app(log_dir: Path, script: str = "app.py") -> Iterator[str]:
    """Run ``streamlit run <script>`` (from the repo root) on a free loopback port; yield its
    base URL; stop it. Raises ``ServerStartError`` (with the server's log) if it never gets
    healthy. The server's output goes to ``log_dir / "streamlit.log"``."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = log_dir / "streamlit.log"
    command = app_command(port, script)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent if sys.platform == "linux" else None,
        )
    try:
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        while not healthy(base_url):
            if proc.poll() is not None:
                raise ServerStartError(
                    f"streamlit exited with code {proc.returncode} before it was healthy:\n"
                    + log_path.read_text(errors="replace")
                )
            if time.monotonic() > deadline:
                raise ServerStartError(
                    f"streamlit not healthy at {base_url} after {HEALTH_TIMEOUT_S:.0f} s:\n"
                    + log_path.read_text(errors="replace")
                )
            time.sleep(0.1)
        yield base_url
    finally:
        stop_process(proc)


def chromium_executable(playwright: Playwright) -> str | None:
    """The system Chromium if present, else Playwright's own if installed, else None."""
    if os.access(SYSTEM_CHROMIUM, os.X_OK):
        return SYSTEM_CHROMIUM
    try:
        bundled = playwright.chromium.executable_path
    except Exception:  # noqa: BLE001 - any failure here means "not installed"
        return None
    return bundled if bundled and os.access(bundled, os.X_OK) else None


def launch_chromium(playwright: Playwright, executable: str = SYSTEM_CHROMIUM) -> Browser:
    """Headless Chromium from ``executable`` with ``CHROMIUM_ARGS``; the caller closes it."""
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)


def confine_to_loopback(context: BrowserContext, outside: list[str]) -> None:
    """Abort every request and websocket of ``context`` not to loopback; record its URL."""

    def guard(route: Route) -> None:
        url = route.request.url
        if is_loopback(url):
            route.continue_()
        else:
            outside.append(url)
            route.abort("blockedbyclient")

    def guard_socket(ws: WebSocketRoute) -> None:
        outside.append(ws.url)
        ws.close()

    context.route("**/*", guard)
    context.route_web_socket(lambda url: not is_loopback(url), guard_socket)


def new_confined_context(browser: Browser, outside: list[str]) -> BrowserContext:
    """A new ``VIEWPORT``-sized context, confined to loopback, with the run counter installed.

    URLs of the requests it aborted are appended to ``outside``; the caller closes it.
    """
    context = browser.new_context(viewport=VIEWPORT)
    confine_to_loopback(context, outside)
    context.add_init_script(RUN_COUNTER_JS)
    return context
