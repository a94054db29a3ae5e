"""Fixtures for browser tests: a Streamlit server on a free loopback port and a sandboxed page.

* ``app_server`` (session): runs ``streamlit run app.py`` from the repo root on a
  free 127.0.0.1 port and yields its base URL, ``"http://127.0.0.1:PORT"``.
* ``browser`` (session): headless Chromium, ``/usr/bin/chromium`` or Playwright's
  own if that one is installed; never downloaded. Without one the tests skip,
  except under ``CI=true``, where they fail.
* ``page``: a fresh 1600x1000 context whose requests to any host other than
  loopback are aborted and recorded in ``outside_requests``; an init script
  counts finished script runs (see ``helpers.rerun_after``).

Every test in this folder gets the ``browser`` marker.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Route,
    WebSocketRoute,
    sync_playwright,
)

from tests.browser import helpers

REPO_ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
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
STOP_TIMEOUT_S = 10.0

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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test collected from this folder with ``browser``."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


def is_loopback(url: str) -> bool:
    """True for a URL whose host is 127.0.0.1, localhost or ::1 (or that has no host)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return (parts.hostname or "") in LOOPBACK_HOSTS


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(base_url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    try:
        with opener.open(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError):
        return False


def _die_with_parent() -> None:
    """In the server process: get SIGTERM when pytest dies, even by SIGKILL (Linux prctl).

    Without it a pytest killed by ``timeout`` leaves the server running on a shared machine.
    """
    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=STOP_TIMEOUT_S)


@contextmanager
def serve_app(log_dir: Path, script: str = "app.py") -> Iterator[str]:
    """Run ``streamlit run <script>`` (from the repo root) on a free loopback port; yield its
    base URL; stop it. ``bench/browser.py`` serves its minimal page with it too."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = log_dir / "streamlit.log"
    command = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
    try:
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        while not _healthy(base_url):
            if proc.poll() is not None:
                pytest.fail(
                    f"streamlit exited with code {proc.returncode} before it was healthy:\n"
                    + log_path.read_text(errors="replace")
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit not healthy at {base_url} after {HEALTH_TIMEOUT_S:.0f} s:\n"
                    + log_path.read_text(errors="replace")
                )
            time.sleep(0.1)
        yield base_url
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of ``streamlit run app.py`` on a free loopback port, stopped after the session."""
    with serve_app(tmp_path_factory.mktemp("app_server")) as base_url:
        yield base_url


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[str]:
    """A server of its own that no session has used yet (for first-request behaviour)."""
    with serve_app(tmp_path) as base_url:
        yield base_url


def _chromium_executable(playwright: Playwright) -> str | None:
    """The system Chromium if present, else Playwright's own if installed, else None."""
    if os.access(SYSTEM_CHROMIUM, os.X_OK):
        return SYSTEM_CHROMIUM
    try:
        bundled = playwright.chromium.executable_path
    except Exception:  # noqa: BLE001 - any failure here means "not installed"
        return None
    return bundled if bundled and os.access(bundled, os.X_OK) else None


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium for the session; skips without one (fails instead under CI=true)."""
    with sync_playwright() as playwright:
        executable = _chromium_executable(playwright)
        if executable is None:
            reason = (
                f"no Chromium: {SYSTEM_CHROMIUM} is missing and Playwright's own chromium is not "
                "installed (apt-get install chromium; this suite never downloads a browser)"
            )
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(f"CI=true requires the browser tests to run, but {reason}")
            pytest.skip(reason)
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def outside_requests() -> list[str]:
    """URLs of requests (and WebSockets) the page tried to send off loopback; all were aborted."""
    return []


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


@pytest.fixture
def page(browser: Browser, outside_requests: list[str]) -> Iterator[Page]:
    """A new 1600x1000 page, confined to loopback, with the script-run counter installed."""
    context = browser.new_context(viewport=VIEWPORT)
    confine_to_loopback(context, outside_requests)
    context.add_init_script(RUN_COUNTER_JS)
    try:
        new_page = context.new_page()
        helpers.track_server_frames(new_page)
        yield new_page
    finally:
        context.close()
