"""Streamlit controls whose values live in the URL query string.

Every control here is keyed by its URL name (keys are unique across the app) and
drawn with Streamlit's own ``bind="query-params"``: a link's value seeds the
widget when a page opens, and the browser's address bar follows every change in
place (``history.replaceState``: moving a slider adds no Back-button entry). A
value equal to the control's default is left out of the URL, as Streamlit does.

Around that binding this module adds what the framework does not:

* **A warning for a rejected link value.** On a session's first draw of a
  control, its link value is read with the app's own parser (``ui.parsing``,
  never evaluated); one that does not parse or is out of range gives an
  ``st.warning`` naming the parameter, and the default is used. Values written
  by older versions of the app (a loss's display name, a toggle's ``1``) are
  still understood.
* **The share link.** Each control records the URL text of the value the page
  actually uses (``share_query``), so the sidebar's "Link to this view"
  reproduces the screen even while a text field holds a typo.
* **Text that does not parse** stays in its field with an ``st.error`` saying
  what to fix, and the page keeps the last valid value.
* **Presets** set several controls at once (``preset_button``).

Widgets that cannot bind (the SVM page's data editor) write the URL through
``mirror_in_url``, one update per run.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

import numpy as np
import streamlit as st

from ui.parsing import ParseError, parse_number, parse_vector
from ui.text import inert, inert_message

_SEEN = "_url_seen"  # controls whose link value this session has already read
_SHARED = "_share_values"  # this run's controls: URL name -> text of the value in use
_DEFAULTS = "_share_defaults"  # this run's controls: URL name -> text of the default
_SESSION_ONLY = "_session_only"  # keys of controls kept out of the URL and the link


def _url_text(value: Any) -> str:
    """A value as Streamlit's binding writes it into the URL (``5.0`` -> ``5``, ``True`` ->
    ``true``), so the share link and the address bar agree.

    >>> _url_text(5.0), _url_text(0.25), _url_text(3), _url_text(True), _url_text("a b")
    ('5', '0.25', '3', 'true', 'a b')
    """
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return str(int(value))
    return str(value)


_PAGE = "_page"  # the page of the session's previous run
_SHARE_BOX = "_share_box"  # this run's sidebar link box (an st.empty)
_SIDEBAR = "_page_sidebar"  # this run's sidebar area for the page's own controls
_PAGE_KEYS = "_page_keys"  # page -> URL names of the controls it drew when last shown
# Controls app.py draws on every page (ui/presenter.py's toggle): entering a page keeps them.
APP_WIDE_KEYS = frozenset({"present"})


def start_page(page: str | None = None) -> None:
    """Forget the previous run's controls; call before running a page (app.py does).

    ``page`` (its URL path) names the page about to run. On *entering* a page, not on
    a rerun of it, its controls drop the values this session gave them earlier and
    read the address again, as a link would. Otherwise Streamlit restores the old
    values and writes them into the address bar with ``history.pushState``, a second
    Back-button entry for one click in the navigation (measured in docs/streamlit.md).
    """
    previous = st.session_state.get(_PAGE)
    page_keys = st.session_state.setdefault(_PAGE_KEYS, {})
    if previous is not None:
        page_keys[previous] = set(st.session_state.get(_SHARED, {})) - APP_WIDE_KEYS
    if page is not None and page != previous:
        seen = st.session_state.setdefault(_SEEN, set())
        for key in page_keys.get(page, ()):
            st.session_state.pop(key, None)
            st.session_state.pop(f"_valid_{key}", None)
            seen.discard(key)  # the link's value is checked again, with a warning if bad
    st.session_state[_PAGE] = page
    st.session_state[_SHARED] = {}
    st.session_state[_DEFAULTS] = {}
    # The sidebar's layout, created before the page runs: the page's controls, then the
    # link box. The box must exist while the page runs: a fragment that writes the link
    # in its own reruns must have written to the box during the full run too (Streamlit
    # reserves the fragment's place in an outside container then).
    st.session_state[_SIDEBAR] = st.sidebar.container()
    with st.sidebar:
        st.markdown("**Link to this view**")
        st.session_state[_SHARE_BOX] = st.empty()
        st.caption(
            "It opens this page with exactly these settings; controls left at their default "
            "are not listed."
        )


def sidebar():
    """Where a page puts its sidebar controls: above the link box (``with controls.sidebar():``)."""
    area = st.session_state.get(_SIDEBAR)
    return st.sidebar if area is None else area


def share_query() -> dict[str, str]:
    """The query of a link to this view: every control of this run not at its default."""
    shared = st.session_state.get(_SHARED, {})
    defaults = st.session_state.get(_DEFAULTS, {})
    return {key: text for key, text in shared.items() if text != defaults.get(key)}


def share_link() -> str:
    """The current page's address with the value of every control that is not at its default.

    Built from what the page used, not from the address bar: a typo in a text field
    stays in the field (and the bar), while the link carries the last valid text.
    """
    base = str(st.context.url or "").split("?")[0]
    query = urlencode(share_query())
    return f"{base}?{query}" if query else base


def share_box() -> None:
    """Write the sidebar's "Link to this view"; app.py calls it after the page has run."""
    box = st.session_state.get(_SHARE_BOX)
    if box is not None:
        _draw_link(box)


def _draw_link(box) -> None:
    box.code(share_link(), language=None, wrap_lines=True)


def fragment(section: Callable | None = None, *, run_every: float | None = None) -> Callable:
    """``st.fragment`` for a page section whose controls are in the URL: after the section
    reruns on its own, the sidebar's link is written again with the section's new values.

    The section writes the link on full runs too (app.py overwrites it once the whole
    page has run): Streamlit lets a fragment rerun write to a container outside it only
    if the fragment wrote to it in the last full run. ``run_every`` (seconds) reruns the
    section by itself, as ``st.fragment``'s does (the playground's Play); used as
    ``controls.fragment(section, run_every=0.1)()``. Such a section leaves the link
    alone (a sidebar update each tick costs the browser frames); the page's next run
    writes it.
    """
    if section is None:
        return functools.partial(fragment, run_every=run_every)

    @functools.wraps(section)
    def run(*args, **kwargs):
        result = section(*args, **kwargs)
        if run_every is None:
            share_box()
        return result

    return st.fragment(run, run_every=run_every)


def link_state(key: str, *, default: Any, parse: Callable[[str], Any], where=st) -> Any:
    """A page value that no widget holds (the playground's step count), kept in the session
    and carried by the share link (``record_state``).

    On entering the page it is read from the link (``parse`` raises ``ValueError`` on bad
    text: a warning, and ``default``); afterwards the session's value is returned. The
    address bar is not rewritten on each change (a server-side write would add a history
    entry): the sidebar's link is the one to share.
    """
    if key not in st.session_state:
        value = default
        raw = st.query_params.get(key)
        if raw is not None:
            try:
                value = parse(raw)
            except ValueError as exc:
                where.warning(
                    f"The link's value for **{key}** ({inert(raw)}) was ignored: "
                    f"{inert_message(str(exc))} The default is used instead."
                )
        st.session_state[key] = value
    return st.session_state[key]


def record_state(key: str, text: str, default_text: str) -> None:
    """Put a ``link_state`` value into the share link (left out while it is ``default_text``)."""
    _record(key, text, default_text)


def session_toggle(label: str, key: str, *, where=st, **kwargs) -> bool:
    """An ``st.toggle`` that belongs to this session only: never in the URL or the share link
    (the playground's Play: a link opens a run, it does not start playing it).

    Its key is listed in ``session_only_keys()``, so the tests that every control
    reaches the link can leave it out.
    """
    st.session_state.setdefault(_SESSION_ONLY, set()).add(key)
    return where.toggle(label, key=key, **kwargs)


def session_only_keys() -> set[str]:
    """The keys of the ``session_toggle`` controls drawn in this session."""
    return set(st.session_state.get(_SESSION_ONLY, ()))


def _record(key: str, text: str, default_text: str | None) -> None:
    """Put a control's value in the share link (``default_text`` None: always shown)."""
    st.session_state.setdefault(_SHARED, {})[key] = text
    if default_text is not None:
        st.session_state.setdefault(_DEFAULTS, {})[key] = default_text


def share_instead(key: str, text: str) -> None:
    """Put ``text`` into the share link for control ``key`` (drawn already this run).

    For a check across fields: when several valid fields do not fit together, the
    page computes with an earlier valid combination, and the link must carry that.
    """
    _record(key, text, st.session_state.get(_DEFAULTS, {}).get(key))


def mirror_in_url(values: dict[str, str]) -> None:
    """Write a custom control's values into the URL in one update (for widgets that cannot
    bind), and into the share link."""
    for key, text in values.items():
        _record(key, text, None)
    changed = {key: text for key, text in values.items() if st.query_params.get(key) != text}
    if changed:
        st.query_params.update(changed)


def _read_link(
    key: str, from_url: Callable[[str], Any], where, spelled: Callable[[Any], str] | None = None
) -> None:
    """On a session's first draw of ``key``, check the link's value with the app's parser.

    Runs before the widget binds. A rejected value gives a warning and is taken
    out of the address bar, so the widget starts at its default and the bar is a
    valid link again. A valid value in a spelling the binding rejects (older
    links carry a toggle's ``1``, a loss's id; ``spelled`` gives the spelling it
    reads) is rewritten in the address bar and the page runs again, so the widget
    is seeded from it: the link opens the same state, and a reload keeps it.
    """
    seen = st.session_state.setdefault(_SEEN, set())
    if key in seen:
        return
    seen.add(key)
    raw = st.query_params.get(key)
    if raw is None:
        return
    try:
        value = from_url(raw)
    except ValueError as exc:
        where.warning(
            f"The link's value for **{key}** ({inert(raw)}) was ignored: "
            f"{inert_message(str(exc))} The default is used instead."
        )
        del st.query_params[key]
        return
    if spelled is not None and spelled(value) != raw:
        st.query_params[key] = spelled(value)  # allowed: the widget is not bound yet
        st.rerun()


def _numeric(
    widget: Callable,
    label: str,
    key: str,
    *,
    min_value: float,
    max_value: float,
    default: float,
    step: float,
    where,
    **kwargs,
) -> float:
    """Draw a bounded numeric widget (slider or number input) bound to the URL.

    Ints stay ints when every bound, the default and the step are ints.
    """
    integer = all(isinstance(v, int) for v in (min_value, max_value, default, step))

    def from_url(raw: str) -> float:
        value = parse_number(raw, name=label, min_value=min_value, max_value=max_value)
        return int(value) if integer else value  # 2.5 reads as 2, as Streamlit's binding reads it

    _read_link(key, from_url, where)
    value = widget(
        label,
        min_value=min_value,
        max_value=max_value,
        value=default,
        step=step,
        key=key,
        bind="query-params",
        **kwargs,
    )
    _record(key, _url_text(value), _url_text(default))
    return value


def slider(label: str, key: str, *, where=st, **kwargs) -> float:
    """A numeric ``st.slider`` bound to the URL: ``min_value``, ``max_value``, ``default``,
    ``step`` (keyword-only, as in ``_numeric``) and any other ``st.slider`` argument."""
    return _numeric(where.slider, label, key, where=where, **kwargs)


def number_input(label: str, key: str, *, where=st, **kwargs) -> float:
    """A bounded ``st.number_input`` bound to the URL (arguments as for ``slider``)."""
    return _numeric(where.number_input, label, key, where=where, **kwargs)


def _choice(
    widget: Callable,
    label: str,
    key: str,
    options: Sequence[str],
    *,
    default: str,
    labels: dict[str, str] | None = None,
    aliases: dict[str, str] | None = None,
    where,
    **kwargs,
) -> str:
    """A select box or radio over ``options`` (ids), shown as ``labels``, bound to the URL.

    Streamlit's binding writes the *shown* text into the URL; a link may also
    carry the id, or an older value listed in ``aliases``.
    """
    shown = labels or {}
    by_text = {shown.get(o, o): o for o in options} | {o: o for o in options} | (aliases or {})

    def from_url(raw: str) -> str:
        if raw not in by_text:
            raise ParseError(
                f"{label} must be one of: {', '.join(shown.get(o, o) for o in options)}."
            )
        return by_text[raw]

    _read_link(key, from_url, where, spelled=lambda value: shown.get(value, value))
    if labels:
        kwargs["format_func"] = labels.__getitem__
    value = widget(
        label, options, index=list(options).index(default), key=key, bind="query-params", **kwargs
    )
    _record(key, shown.get(value, value), shown.get(default, default))
    return value


def selectbox(label: str, key: str, options: Sequence[str], *, where=st, **kwargs) -> str:
    """An ``st.selectbox`` over ids bound to the URL: ``default``, and optionally ``labels``
    (id -> text shown) and ``aliases`` (older link values -> id), as in ``_choice``."""
    return _choice(where.selectbox, label, key, options, where=where, **kwargs)


def radio(label: str, key: str, options: Sequence[str], *, where=st, **kwargs) -> str:
    """An ``st.radio`` over ids bound to the URL (arguments as for ``selectbox``)."""
    return _choice(where.radio, label, key, options, where=where, **kwargs)


def toggle(label: str, key: str, *, default: bool, where=st, **kwargs) -> bool:
    """An ``st.toggle`` bound to the URL as ``true`` / ``false`` (older links: ``1`` / ``0``)."""

    def from_url(raw: str) -> bool:
        if raw.lower() in ("1", "true", "on", "yes"):
            return True
        if raw.lower() in ("0", "false", "off", "no"):
            return False
        raise ParseError(f"{label} must be true (on) or false (off).")

    _read_link(key, from_url, where, spelled=_url_text)
    value = where.toggle(label, value=default, key=key, bind="query-params", **kwargs)
    _record(key, _url_text(value), _url_text(default))
    return value


def text_input(
    label: str,
    key: str,
    *,
    default: str,
    parse: Callable[[str], Any],
    where=st,
    **kwargs,
) -> tuple[str, Any]:
    """A text field bound to the URL, parsed by ``parse`` (which raises ``ValueError``).

    Returns ``(text, value)``. Text that does not parse is kept in the field
    (nothing the user typed is lost) and gets an ``st.error`` saying what to
    fix; ``value`` is then the last valid one, so the page keeps working, and the
    share link carries the last valid text. A link value that does not parse
    falls back to ``default`` with a warning.
    """

    def from_url(raw: str) -> str:
        parse(raw)
        return raw

    _read_link(key, from_url, where)
    text = where.text_input(label, value=default, key=key, bind="query-params", **kwargs)
    last_valid = f"_valid_{key}"
    try:
        value = parse(text)
        valid_text = text
    except ValueError as exc:
        where.error(f"{inert_message(str(exc))} Showing the last valid value instead.")
        valid_text, value = st.session_state.get(last_valid, (default, None))
        if value is None:
            value = parse(default)
    st.session_state[last_valid] = (valid_text, value)
    _record(key, valid_text, default)
    return text, value


def vector_input(
    label: str, key: str, *, default: str, where=st, help: str | None = None, **parse_kwargs
) -> np.ndarray:
    """A text field for a list of numbers (see ``ui.parsing.parse_vector``), URL-bound."""

    def parse(text: str) -> np.ndarray:
        return parse_vector(text, name=label, **parse_kwargs)

    return text_input(label, key, default=default, parse=parse, where=where, help=help)[1]


def scores_input(key: str, *, default: str, example: str, where=st) -> np.ndarray:
    """The softmax pages' class-score field: 2 to 10 numbers, each within ±1e300."""
    return vector_input(
        "Scores s (2 to 10 numbers)",
        key,
        default=default,
        where=where,
        min_length=2,
        max_length=10,
        min_value=-1e300,
        max_value=1e300,
        help=f"Numbers separated by commas, each within ±1e300, e.g. {example}",
    )


def preset_button(
    label: str,
    values: dict[str, Any],
    *,
    key: str,
    where=st,
    help: str | None = None,
    then: Callable[[], None] | None = None,
) -> bool:
    """A button that sets several controls at once (before they are drawn, via a callback).

    ``then`` runs after the values are set, for state no control holds (a table).
    """

    def apply() -> None:
        for name, value in values.items():
            st.session_state[name] = value
        if then is not None:
            then()

    return where.button(label, key=key, on_click=apply, help=help)
