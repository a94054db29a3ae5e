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
The machinery behind them (server, Chromium, loopback confinement, run counter) is in
``harness.py``, which ``bench/browser.py`` uses too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser import helpers
from tests.browser.harness import (
    SYSTEM_CHROMIUM,
    ServerStartError,
    chromium_executable,
    launch_chromium,
    new_confined_context,
    serve_app,
)

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test collected from this folder with ``browser``."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@contextmanager
def _served(log_dir: Path) -> Iterator[str]:
    """``harness.serve_app`` of ``app.py``; a server that never gets healthy fails the test."""
    try:
        with serve_app(log_dir) as base_url:
            yield base_url
    except ServerStartError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of ``streamlit run app.py`` on a free loopback port, stopped after the session."""
    with _served(tmp_path_factory.mktemp("app_server")) as base_url:
        yield base_url


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[str]:
    """A server of its own that no session has used yet (for first-request behaviour)."""
    with _served(tmp_path) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium for the session; skips without one (fails instead under CI=true)."""
    with sync_playwright() as playwright:
        executable = chromium_executable(playwright)
        if executable is None:
            reason = (
                f"no Chromium: {SYSTEM_CHROMIUM} is missing and Playwright's own chromium is not "
                "installed (apt-get install chromium; this suite never downloads a browser)"
            )
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(f"CI=true requires the browser tests to run, but {reason}")
            pytest.skip(reason)
        browser = launch_chromium(playwright, executable)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def outside_requests() -> list[str]:
    """URLs of requests (and WebSockets) the page tried to send off loopback; all were aborted."""
    return []


@pytest.fixture
def page(browser: Browser, outside_requests: list[str]) -> Iterator[Page]:
    """A new 1600x1000 page, confined to loopback, with the script-run counter installed."""
    context = new_confined_context(browser, outside_requests)
    try:
        new_page = context.new_page()
        helpers.track_server_frames(new_page)
        yield new_page
    finally:
        context.close()
