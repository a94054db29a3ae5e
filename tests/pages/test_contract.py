"""What every page promises (DESIGN.md, "Pages" and "Robustness"), checked on every page.

Pages are read from app.py's navigation, so a new page is covered the moment it
is listed. Each test opens the page as a fresh AppTest session.
"""

from __future__ import annotations

import json
import random
import re

import pytest

from tests.apptest_utils import (
    ROOT,
    assert_clean,
    chart_elements,
    chart_keys,
    chart_payload,
    figures,
    open_page,
    share_query,
    texts,
)
from ui.controls import APP_WIDE_KEYS

PAGES = re.findall(r"st\.Page\(\s*\"(views/[^\"]+\.py)\"", (ROOT / "app.py").read_text())
HOME = "views/home.py"
NO_TEXT_FIELD = {HOME, "views/playground.py"}  # home has none; the playground reads a file
VALUE_WIDGETS = ("slider", "number_input", "selectbox", "radio", "toggle", "text_input")
HOSTILE_TEXT = ["abc", "nan", "1e999", "__import__('os')", "1, 2, x", "9" * 10_000, "-inf"]
PAYLOAD_BUDGET = 300 * 1024


def open_any(page: str, query: dict[str, str] | None = None):
    return open_page(None if page == HOME else page, query)


def keyed_widgets(at) -> list:
    """The page's value controls (not buttons, not quiz answers), each with its key; not the
    controls app.py draws on every page (presentation mode: tests/ui/test_presenter.py)."""
    found = []
    for kind in VALUE_WIDGETS:
        found += [
            w for w in at.get(kind) if w.key and not w.proto.form_id and w.key not in APP_WIDE_KEYS
        ]
    return found


def settable(at) -> list:
    """The keyed controls a student can change now that a link carries (a disabled one, such
    as the playground's hidden width for a linear model, cannot be changed; its Play switch
    is the session's only, ``controls.session_toggle``)."""
    session_only = at.session_state["_session_only"] if "_session_only" in at.session_state else ()
    return [w for w in keyed_widgets(at) if not w.proto.disabled and w.key not in session_only]


def quiz_answers(at) -> list:
    """The answer fields of the page's quizzes (every quiz is an st.form)."""
    return [w for kind in VALUE_WIDGETS for w in at.get(kind) if w.key and w.proto.form_id]


def has_nan(text: str) -> bool:
    return re.search(r"(?<![A-Za-z])nan(?![A-Za-z])", text, flags=re.IGNORECASE) is not None


def test_navigation_lists_every_page_file() -> None:
    """A page file that exists but is not in the navigation is unreachable for a student."""
    on_disk = sorted(f"views/{p.name}" for p in (ROOT / "views").glob("*.py"))
    assert sorted(PAGES) == on_disk
    assert PAGES[0] == HOME


@pytest.mark.parametrize("page", PAGES)
def test_page_has_title_formula_and_readable_charts(page: str) -> None:
    at = open_any(page)
    assert_clean(at)
    assert at.title, "every page starts with a title"
    assert at.latex, "every page shows its formula with st.latex"
    charts = chart_elements(at)
    assert charts, "every page has at least one Plotly chart"
    for chart in at.get("plotly_chart"):
        # theme=None: Streamlit's chart theme would replace the projector fonts.
        assert chart.proto.theme == "", f"{page}: chart uses Streamlit's theme"
    # A key per chart: the browser tests and benchmark find a chart by it (positions shift
    # while plotly.js loads), and it is unique across the app like a control's key.
    keys = chart_keys(at)
    assert "None" not in keys and len(set(keys)) == len(keys), f"{page}: chart keys {keys}"
    for fig in figures(at):
        assert fig["data"], f"{page}: an empty chart"
    payload = sum(chart_payload(chart) for chart in charts)
    assert payload <= PAYLOAD_BUDGET, f"{page}: {payload / 1024:.0f} KiB of chart JSON"
    # The sidebar's chart-data download holds exactly the charts on the page.
    assert sorted(at.session_state["_chart_figures"]) == sorted(keys)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Chart data of this view (CSV)" in labels, labels


def control_values(at) -> dict:
    """Every keyed control's value (text fields too), by key."""
    return {w.key: w.value for w in keyed_widgets(at)}


def other_value(widget, rng: random.Random):
    """A valid value for ``widget`` different from its current one (None if it has one only)."""
    if type(widget).__name__ in ("Selectbox", "Radio"):  # options are the shown labels
        others = [o for i, o in enumerate(widget.options) if i != widget.index]
        return rng.choice(others) if others else None
    for _ in range(50):
        value = random_value(widget, rng)
        if value is not None and value != widget.value:
            return value
    return None


@pytest.mark.parametrize("page", PAGES)
def test_every_control_reaches_the_share_link_and_the_link_reopens_the_view(page: str) -> None:
    """DESIGN: a link opens a page in an exact state (every control in the URL)."""
    rng = random.Random(page)
    at = open_any(page)
    controls = [w for w in settable(at) if type(w).__name__ != "TextInput"]
    assert controls, f"{page} has no controls"
    defaults = control_values(at)
    for widget in controls:
        value = other_value(widget, rng)
        if value is not None:
            getattr(at, _accessor(widget))(widget.key).set_value(value)
    at.run()
    assert_clean(at)
    # Every control not at its default (a control that another change disabled in the
    # same run may have kept its default: a browser user cannot do both at once).
    now = control_values(at)
    moved = {key for key, value in now.items() if key in defaults and value != defaults[key]}
    assert len(moved) >= len(controls) // 2, f"{page}: most controls did not move: {moved}"
    shared = share_query(at)
    missing = [key for key in moved if key not in shared]
    assert not missing, f"{page}: changed controls missing from the share link: {missing}"
    reopened = open_any(page, shared)
    assert_clean(reopened)
    assert not reopened.warning, [w.value for w in reopened.warning]
    assert control_values(reopened) == control_values(at)
    assert texts(reopened) == texts(at), f"{page}: the link shows a different page"


@pytest.mark.parametrize("page", PAGES)
def test_quiz_answers_stay_out_of_the_url(page: str) -> None:
    """A lecturer's shared link must not give the answers away."""
    at = open_any(page)
    answers = quiz_answers(at)
    for widget in answers:
        widget.set_value(widget.options[0] if hasattr(widget, "options") else 1.0)
    at.run()
    assert_clean(at)
    answer_keys = {w.key for w in answers}
    assert not answer_keys & set(share_query(at)), page
    assert not answer_keys & set(dict(at.query_params)), page


@pytest.mark.parametrize("page", PAGES)
def test_share_link_holds_only_this_pages_controls(page: str) -> None:
    """A shared link must not carry another page's state (keys are prefixed by page)."""
    at = open_page(None, {"home_steps": "7"})
    if page != HOME:
        at = at.switch_page(page).run()
    prefix = keyed_widgets(at)[0].key.split("_")[0] + "_"
    assert all(w.key.startswith(prefix) for w in keyed_widgets(at)), "one URL prefix per page"
    assert all(key.startswith(prefix) for key in share_query(at)), share_query(at)


@pytest.mark.parametrize("page", PAGES)
def test_garbage_url_values_open_on_defaults_with_a_warning(page: str) -> None:
    defaults = open_any(page)
    keys = [w.key for w in keyed_widgets(defaults)]
    at = open_any(page, {key: "zz<b>x</b>" for key in keys})
    assert_clean(at)
    assert at.warning, f"{page}: garbage in the URL gave no warning"
    texts_fields = {w.key for w in at.text_input}
    # A text field shows the link's text (nothing is lost) with an error; the page uses
    # its default. Every other control starts at its default.
    assert {k: v for k, v in control_values(at).items() if k not in texts_fields} == {
        k: v for k, v in control_values(defaults).items() if k not in texts_fields
    }
    assert share_query(at) == share_query(defaults), "the share link is the default view"
    assert texts(at) == texts(defaults), "the page computes with its defaults"
    assert not has_nan(texts(at))


def random_value(widget, rng: random.Random):
    """A random valid value for a control, as a student could set it."""
    kind = type(widget).__name__
    if kind == "Slider":
        low, high, step = widget.min, widget.max, widget.step
        if isinstance(low, int) and isinstance(step, int):
            return rng.randrange(low, high + 1, step)
        n = int(round((high - low) / step))
        return min(high, low + step * rng.randint(0, n))
    if kind == "NumberInput":
        low = widget.min if widget.min is not None else -100
        high = widget.max if widget.max is not None else 100
        value = rng.uniform(low, high)
        return int(round(value)) if isinstance(widget.value, int) else value
    if kind in ("Selectbox", "Radio"):
        return rng.choice(list(widget.options))
    if kind == "Toggle":
        return rng.random() < 0.5
    return None


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("page", PAGES)
def test_random_control_values_never_break_a_page(page: str, seed: int) -> None:
    """DESIGN: every page survives randomized values of all its controls."""
    rng = random.Random(f"{page}-{seed}")
    at = open_any(page)
    for _round in range(3):
        for widget in settable(at):  # rounds 2 and 3 reach controls the first one enabled
            if type(widget).__name__ == "TextInput":
                continue
            value = random_value(widget, rng)
            getattr(at, _accessor(widget))(widget.key).set_value(value)
        at.run()
        assert_clean(at)
        assert not has_nan(texts(at)), f"{page}: NaN shown with {share_query(at)}"
        for fig in figures(at):
            assert fig["data"], f"{page}: empty chart with {share_query(at)}"


@pytest.mark.parametrize("page", [p for p in PAGES if p not in NO_TEXT_FIELD])
def test_hostile_text_gets_an_error_and_the_page_keeps_working(page: str) -> None:
    at = open_any(page)
    fields = [w.key for w in at.text_input if w.key]
    assert fields, f"{page} has no text fields"
    charts_before = len(chart_elements(at))
    for key in fields:
        for text in HOSTILE_TEXT:
            at.text_input(key).set_value(text).run()
            assert_clean(at)
            assert at.error, f"{page}: {key}={text[:20]!r} gave no error"
            assert at.text_input(key).value == text, "what the user typed is kept"
            assert len(chart_elements(at)) == charts_before
            assert not has_nan(json.dumps([e.value for e in at.metric]))


def _accessor(widget) -> str:
    return {
        "Slider": "slider",
        "NumberInput": "number_input",
        "Selectbox": "selectbox",
        "Radio": "radio",
        "Toggle": "toggle",
    }[type(widget).__name__]
