"""Presentation mode: a lecture hall's view of any page, kept in the URL as ``present=true``.

On: the sidebar starts collapsed, text and chart fonts are larger, and each page opens
with its lesson in one sentence, above the usual introduction. The sidebar's toggle turns
it on and off; a link with ``present=true`` opens any page in it, and it stays on across
pages (its key is not a page's: ``controls.start_page`` leaves it alone).
"""

from __future__ import annotations

import streamlit as st

from figures.theme import presented
from ui import controls

KEY = "present"  # the URL parameter and the toggle's key
assert KEY in controls.APP_WIDE_KEYS  # entering another page must not reset it

# Larger type in the main area only (the sidebar keeps its size: it is collapsed anyway).
# The lesson sits in a keyed container; Streamlit gives it the class st-key-<key>.
_STYLE = """<style>
[data-testid='stMainBlockContainer'] { max-width: none; padding-left: 2rem; padding-right: 2rem; }
[data-testid='stMain'] [data-testid='stMarkdownContainer'] p,
[data-testid='stMain'] [data-testid='stMarkdownContainer'] li,
[data-testid='stMain'] [data-testid='stCaptionContainer'],
[data-testid='stMain'] [data-testid='stWidgetLabel'] p { font-size: 1.35rem; }
[data-testid='stMain'] input, [data-testid='stMain'] textarea,
[data-testid='stMain'] [data-baseweb='select'] { font-size: 1.25rem; }
[data-testid='stMain'] h1 { font-size: 3.2rem; }
[data-testid='stMain'] h2 { font-size: 2.4rem; }
[data-testid='stMain'] h3 { font-size: 1.9rem; }
[data-testid='stMain'] .katex { font-size: 1.5em; }
.st-key-lesson [data-testid='stMarkdownContainer'] p {
  font-size: 2rem; line-height: 1.3; font-weight: 600;
}
.st-key-lesson { border-left: 0.5rem solid #0072B2; padding-left: 1rem; }
</style>"""


_SWITCHED = "_present_switched"  # the toggle was moved in the run about to start
_COLLAPSE_SIDEBAR = """<script>
document.querySelector("[data-testid='stSidebarCollapseButton'] button")?.click();
</script>"""


def requested() -> bool:
    """Whether this run is in presentation mode: the toggle's state, else the link's value.

    Read before the toggle is drawn (app.py sets the page config with it), so both
    sources are looked at: the session's toggle once it exists, the URL on a first run.
    """
    if KEY in st.session_state:
        return bool(st.session_state[KEY])
    return str(st.query_params.get(KEY, "")).lower() in ("1", "true", "on", "yes")


def sidebar_state() -> str:
    """``initial_sidebar_state`` for ``st.set_page_config``: collapsed while presenting."""
    return "collapsed" if requested() else "expanded"


def toggle() -> bool:
    """The sidebar's "Presentation mode" toggle (in the URL and the share link); styles the
    page when on. app.py draws it after ``controls.start_page``, before the page runs,
    at the top of the page's sidebar area."""
    on = controls.toggle(
        "Presentation mode",
        KEY,
        default=False,
        where=controls.sidebar(),
        on_change=_just_switched,
        help="Larger text and charts, the sidebar collapsed, each page's lesson first. "
        "A link with present=true opens any page this way.",
    )
    if on:
        st.html(_STYLE)
        if st.session_state.pop(_SWITCHED, False):
            # The page config's sidebar state applies to a page load only: fold the
            # sidebar the toggle was just switched in, as its own button would.
            st.html(_COLLAPSE_SIDEBAR, unsafe_allow_javascript=True)
    return on


def _just_switched() -> None:
    st.session_state[_SWITCHED] = True


def header(title: str, lead: str, *, lesson: str) -> None:
    """A page's title and introduction; while presenting, its ``lesson`` first, large.

    ``lesson`` is the page's one-sentence takeaway (markdown); ``lead`` the paragraph that
    introduces the page's sections.
    """
    st.title(title)
    if requested():
        st.container(key="lesson").markdown(lesson)
    st.markdown(lead)


def chart(fig):
    """``fig`` as a chart should be drawn now: fonts enlarged while presenting."""
    return presented(fig) if requested() else fig
