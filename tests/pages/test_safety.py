"""Hostile text never renders: on every page, through every text field and every URL key.

Streamlit renders markdown in messages, captions, labels, help texts, radio
options, tab and expander labels: a link, an image the browser would fetch, a
bare ``www.`` / ``http://`` autolink, or a ``$...$`` formula that someone put in
a link or typed. Every such text must show what was typed only inside a code
span (``ui.text.inert``); LaTeX must never receive it as commands.

Pages and their URL keys are read from the app (app.py's navigation, each page's
controls and its share link), so a new page or control is covered at once.
``tests/browser/test_safety.py`` checks the same in Chromium.
"""

from __future__ import annotations

import re

import pytest

from tests.apptest_utils import ROOT, assert_clean, open_page, share_query

PAGES = re.findall(r"st\.Page\(\s*\"(views/[^\"]+\.py)\"", (ROOT / "app.py").read_text())
HOME = "views/home.py"
# Pages without a text field (nothing to type hostile text into); checked below, so the
# list cannot hide a page whose text fields the typing tests would skip.
NO_TEXT_FIELD = {HOME, "views/playground.py"}  # the playground takes text as a CSV file
TYPED_PAGES = [page for page in PAGES if page not in NO_TEXT_FIELD]
PAYLOADS = [
    "[x](http://e.co)",
    "![](http://e.co/a)",
    "www.e.co",
    "http://e.co",
    "<img src=http://e.co/a>",
    r"$\Huge{X}$",
]
PAYLOAD_IDS = ["link", "image", "www-autolink", "http-autolink", "html-img", "latex"]
# What must not be left once code spans are removed (backslash escapes ignored: an
# escaped "http://e\.co" still becomes an autolink).
FRAGMENTS = ("e.co", "Huge", "<img")
MARKDOWN_TYPES = {
    "markdown", "caption", "title", "header", "subheader",
    "error", "warning", "info", "success", "toast",
}  # fmt: skip
VALUE_WIDGETS = ("slider", "number_input", "selectbox", "radio", "toggle", "text_input")
TEXT_FIELDS = ("text_input", "text_area")
CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
# \Huge as a LaTeX command: not preceded by a letter (\textbackslash Huge) or a backslash.
LATEX_COMMAND = re.compile(r"(?<![A-Za-z\\])\\Huge")


def open_any(page: str, query: dict[str, str] | None = None):
    return open_page(None if page == HOME else page, query)


def url_keys(page: str) -> list[str]:
    """Every URL key of ``page``: its bound controls (outside quizzes) and the keys its
    share link carries (a table written with ``controls.mirror_in_url``)."""
    at = open_any(page)
    kinds = (*VALUE_WIDGETS, *TEXT_FIELDS)
    keys = {w.key for kind in kinds for w in at.get(kind) if w.key and not w.proto.form_id}
    return sorted(keys | set(share_query(at)))


def _nodes(node) -> list:
    found = [node]
    for child in getattr(node, "children", {}).values():
        found += _nodes(child)
    return found


def rendered_texts(at) -> tuple[list[tuple[str, str]], list[str]]:
    """(where, markdown) for every text Streamlit renders as markdown, and every LaTeX body."""
    markdown, latex = [], []
    for node in _nodes(at._tree):
        kind = getattr(node, "type", "")
        if kind in MARKDOWN_TYPES:
            markdown.append((kind, str(node.value)))
        elif kind == "latex":
            latex.append(str(node.value))
        for attr in ("label", "help"):
            text = getattr(node, attr, None)
            if isinstance(text, str) and text:
                markdown.append((f"{kind} {attr}", text))
        if kind == "radio":
            markdown += [("radio option", str(option)) for option in node.options]
    return markdown, latex


def outside_code(markdown: str) -> str:
    """``markdown`` with its code spans removed and backslash escapes undone."""
    return CODE_SPAN.sub("", markdown).replace("\\", "")


def unsafe(at) -> list[str]:
    """Where hostile text would render (a link, image, autolink, HTML or formula)."""
    markdown, latex = rendered_texts(at)
    found = [
        f"{where}: {text[:160]!r}"
        for where, text in markdown
        if any(fragment in outside_code(text) for fragment in FRAGMENTS)
    ]
    found += [f"latex: {text[:160]!r}" for text in latex if LATEX_COMMAND.search(text)]
    return found


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOAD_IDS)
@pytest.mark.parametrize("page", PAGES)
def test_a_link_value_never_renders(page: str, payload: str) -> None:
    """Each URL key in turn, in an otherwise valid link (the page's default share link:
    the SVM table's three keys are read together)."""
    problems = []
    valid = share_query(open_any(page))
    for key in url_keys(page):
        at = open_any(page, {**valid, key: payload})
        assert_clean(at)
        problems += [f"?{key}=...: {where}" for where in unsafe(at)]
    assert not problems, f"{page} with {payload!r}:\n" + "\n".join(problems)


def text_fields(at) -> list[tuple[str, str, str]]:
    """(kind, key, value) of every keyed text field on the page."""
    return [(kind, w.key, w.value) for kind in TEXT_FIELDS for w in at.get(kind) if w.key]


@pytest.mark.parametrize("page", PAGES)
def test_the_pages_without_a_text_field_are_the_listed_ones(page: str) -> None:
    assert (not text_fields(open_any(page))) == (page in NO_TEXT_FIELD)


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOAD_IDS)
@pytest.mark.parametrize("page", TYPED_PAGES)
def test_typed_text_never_renders(page: str, payload: str) -> None:
    at = open_any(page)
    fields = text_fields(at)
    problems = []
    for kind, key, default in fields:
        getattr(at, kind)(key).set_value(payload).run()
        assert_clean(at)
        problems += [f"{key} typed: {where}" for where in unsafe(at)]
        getattr(at, kind)(key).set_value(default).run()  # the next field starts clean
    assert not problems, f"{page} with {payload!r}:\n" + "\n".join(problems)


@pytest.mark.parametrize("page", TYPED_PAGES)
def test_a_huge_number_is_called_too_large_in_every_number_field(page: str) -> None:
    """1e999 in a field of 2 to 8 numbers said "needs between 2 and 8 numbers, got 1"."""
    at = open_any(page)
    fields = text_fields(at)
    wrong = []
    for kind, key, default in fields:
        getattr(at, kind)(key).set_value("1e999").run()
        messages = " ".join(e.value for e in at.error)
        if "too large" not in messages:
            wrong.append(f"{key}: {messages[:200]!r}")
        getattr(at, kind)(key).set_value(default).run()
    assert not wrong, f"{page}:\n" + "\n".join(wrong)


def test_the_checks_see_an_unsafe_text() -> None:
    """The detector itself: a raw link, autolink or formula is found; a code span is not."""
    assert outside_code("see `[x](http://e.co)` here") == "see  here"
    assert "e.co" in outside_code(r"see http://e\.co")
    assert LATEX_COMMAND.search(r"\text{$\Huge{X}$}")
    assert not LATEX_COMMAND.search(r"\texttt{\textbackslash Huge\{X\}}")
