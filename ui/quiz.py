"""Quiz answer fields that start empty and are mirrored in the URL like every other control.

An unanswered field is ``""`` in the URL. A value in a link is parsed (never
evaluated); one that does not parse is dropped with an ``st.warning``. Use them
inside an ``st.form`` so the answers are committed together by its submit button.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ui import controls
from ui.parsing import ParseError, format_number, parse_number

_SEEN = "_quiz_url_seen"


def _from_url(key: str, parse, where) -> None:
    """On the session's first draw of ``key``, start from the link's value (or empty)."""
    seen = st.session_state.setdefault(_SEEN, set())
    if key in seen:
        return
    seen.add(key)
    raw = st.query_params.get(key)
    if not raw:
        return
    try:
        st.session_state[key] = parse(raw)
    except ValueError as exc:
        where.warning(f"The link's answer for **{key}** was ignored: {exc}")


def number_answer(label: str, key: str, *, where=st) -> float | None:
    """An empty ``st.number_input`` for a numeric answer; ``None`` until answered."""
    _from_url(key, lambda raw: parse_number(raw, name=label, min_value=-1e9, max_value=1e9), where)
    value = where.number_input(label, value=None, min_value=-1e9, max_value=1e9, key=key)
    controls.mirror_in_url(key, "" if value is None else format_number(value, 10))
    return value


def choice_answer(label: str, key: str, options: Sequence[str], *, where=st) -> str | None:
    """An ``st.radio`` with nothing picked at first; ``None`` until answered."""

    def parse(raw: str) -> str:
        if raw not in options:
            raise ParseError(f"it must be one of: {', '.join(options)}.")
        return raw

    _from_url(key, parse, where)
    value = where.radio(label, options, index=None, key=key)
    controls.mirror_in_url(key, value or "")
    return value
