"""Hostile text never renders in Chromium: no link, image or formula from a link or a field.

For every page of app.py's navigation and every payload of ``tests/pages/test_safety``
(a markdown link and image, ``www.`` and ``http://`` autolinks, an HTML ``<img>``,
``$\\Huge{X}$``), the page is opened with the payload in every URL key at once, then
with it in each key the share link carries beyond the controls (the SVM table's
keys, read together), and the payload is typed into every text field. After each:
no ``<a href>`` and no ``<img>`` pointing at e.co, no KaTeX formula made from the
payload, and no request beyond loopback (an image would be fetched at once).
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Locator, Page

from tests.apptest_utils import share_query
from tests.browser import helpers
from tests.pages.test_safety import (
    HOME,
    PAGES,
    PAYLOAD_IDS,
    PAYLOADS,
    TEXT_FIELDS,
    open_any,
    url_keys,
)

RENDERED_JS = r"""() => ({
  links: Array.from(document.querySelectorAll('a[href*="e.co"]'), (a) => a.outerHTML),
  images: Array.from(document.querySelectorAll('img[src*="e.co"]'), (i) => i.outerHTML),
  formulas: Array.from(document.querySelectorAll('.katex annotation'), (a) => a.textContent)
    .filter((tex) => /\\Huge/.test(tex)),
  alerts: document.querySelectorAll('[data-testid="stAlertContainer"]').length,
})"""


def url(base: str, page: str, query: dict[str, str]) -> str:
    path = "/" if page == HOME else "/" + page.removeprefix("views/").removesuffix(".py")
    return f"{base}{path}?{urlencode(query)}"


def rendered(page: Page, what: str, outside: list[str]) -> tuple[list[str], int]:
    """What rendered from the payload (as problem lines) and how many alerts the page shows."""
    found = page.evaluate(RENDERED_JS)
    problems = [f"{what}: a link {h[:120]}" for h in found["links"]]
    problems += [f"{what}: an image {h[:120]}" for h in found["images"]]
    problems += [f"{what}: a formula {tex[:80]!r}" for tex in found["formulas"]]
    problems += [f"{what}: a request to {u}" for u in outside]
    outside.clear()
    return problems, found["alerts"]


def field(page: Page, kind: str, key: str) -> Locator:
    """The text field with ``key``, its tab opened if it is in one."""
    box = page.locator(f".st-key-{key} {'textarea' if kind == 'text_area' else 'input'}")
    if not box.is_visible():
        tabs = page.locator('[data-testid="stMain"] [role="tab"]')
        for i in range(tabs.count()):
            tabs.nth(i).click()
            if box.is_visible():
                break
    return box


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOAD_IDS)
@pytest.mark.parametrize("name", PAGES)
def test_no_link_image_or_formula_renders(
    app_server: str, page: Page, outside_requests: list[str], name: str, payload: str
) -> None:
    defaults = open_any(name)
    valid = share_query(defaults)
    keys = url_keys(name)
    fields = [(kind, w.key) for kind in TEXT_FIELDS for w in defaults.get(kind) if w.key]
    problems = []

    helpers.goto(page, url(app_server, name, {key: payload for key in keys}))
    found, alerts = rendered(page, "every URL key", outside_requests)
    problems += found
    assert alerts, "the payload in every key gave no warning: was the link read?"
    for key in sorted(set(valid) - {w.key for w in defaults.get("text_input")}):
        helpers.goto(page, url(app_server, name, {**valid, key: payload}))
        problems += rendered(page, f"?{key}=", outside_requests)[0]

    if fields:
        helpers.goto(page, url(app_server, name, {}))
    for kind, key in fields:
        box = field(page, kind, key)
        box.fill(payload)
        submit = "Control+Enter" if kind == "text_area" else "Enter"
        helpers.rerun_after(page, lambda box=box, submit=submit: box.press(submit))
        problems += rendered(page, f"{key} typed", outside_requests)[0]
    assert helpers.exception_count(page) == 0
    assert not problems, f"{name} with {payload!r}:\n" + "\n".join(problems)
