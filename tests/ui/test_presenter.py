"""Presentation mode (ui/presenter.py), as a lecturer uses it: a link with present=true, the
sidebar's toggle, moving between pages. AppTest; the collapsed sidebar and the CSS are
checked in Chromium (tests/browser/test_presenter.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from figures.theme import FONT_SIZE, PRESENTER_SCALE
from tests.apptest_utils import assert_clean, figures, open_page, share_query

ROOT = Path(__file__).resolve().parents[2]
PAGES = re.findall(r"st\.Page\(\s*\"(views/[^\"]+\.py)\"", (ROOT / "app.py").read_text())
HOME = "views/home.py"


def open_any(page: str, query: dict[str, str] | None = None):
    return open_page(None if page == HOME else page, query)


def lesson(at) -> list[str]:
    """The text of the page's lesson callout (empty when not presenting): the markdown of the
    main area's block keyed "lesson" (a keyed container's id ends in its key)."""
    blocks = [
        b for b in at.main.children.values() if str(getattr(b.proto, "id", "")).endswith("lesson")
    ]
    return [md.value for block in blocks for md in block.get("markdown")]


def template_font(fig: dict) -> float:
    return fig["layout"]["template"]["layout"]["font"]["size"]


def test_off_by_default_no_lesson_callout_and_not_in_the_link() -> None:
    at = open_page("views/mse.py")
    assert_clean(at)
    assert at.toggle(key="present").value is False
    assert lesson(at) == []
    assert "present" not in share_query(at)
    assert all(template_font(fig) == FONT_SIZE for fig in figures(at))


@pytest.mark.parametrize("page", PAGES)
def test_a_link_with_present_true_opens_any_page_presenting(page: str) -> None:
    at = open_any(page, {"present": "true"})
    assert_clean(at)
    assert at.toggle(key="present").value is True
    assert share_query(at).get("present") == "true"  # a link made now presents too
    (text,) = lesson(at)
    assert len(text) > 40  # one sentence, the page's lesson
    # first on the page, right under the title
    first = [md.value for md in at.main.get("markdown")][:1]
    assert first == [text]
    charts = figures(at)
    if charts:  # every chart with larger type
        assert all(
            template_font(fig) == pytest.approx(FONT_SIZE * PRESENTER_SCALE) for fig in charts
        )


def test_the_toggle_turns_it_on_and_off_and_the_link_follows() -> None:
    at = open_page("views/cross_entropy.py")
    at.toggle(key="present").set_value(True).run()
    assert_clean(at)
    assert len(lesson(at)) == 1
    assert share_query(at)["present"] == "true"
    at.toggle(key="present").set_value(False).run()
    assert lesson(at) == []
    assert "present" not in share_query(at)


def test_it_stays_on_across_pages_and_back() -> None:
    """Entering a page resets that page's own controls to its address, not the app's mode."""
    at = open_page("views/svm_margin.py", {"present": "true"})
    at.switch_page("views/mse.py").run()
    assert at.toggle(key="present").value is True
    assert len(lesson(at)) == 1
    at.switch_page("views/svm_margin.py").run()
    assert at.toggle(key="present").value is True
    assert share_query(at).get("present") == "true"


def test_each_page_has_its_own_lesson() -> None:
    lessons = {page: lesson(open_any(page, {"present": "true"}))[0] for page in PAGES}
    assert len(set(lessons.values())) == len(PAGES)


def test_an_old_style_or_garbage_value_is_handled() -> None:
    assert open_page("views/mse.py", {"present": "1"}).toggle(key="present").value is True
    at = open_page(None, {"present": "maybe"})  # the page the link opens first warns
    assert_clean(at)
    assert at.toggle(key="present").value is False
    assert any("Presentation mode" in w.value for w in at.warning)
