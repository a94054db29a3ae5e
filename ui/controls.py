"""Streamlit controls whose values live in the URL query string.

Every control here is keyed by its URL name (keys are unique across the app):

* on the first run of a session that draws the control, a value in the URL
  (``?margin=20``) is parsed and validated; a missing value gives the
  default, a garbage or out-of-range one gives the default and an
  ``st.warning`` naming the parameter;
* after the widget is drawn its value is written back to ``st.query_params``,
  so the address bar is always a link to the current view;
* the value is also kept in a shadow key, so leaving a page and coming back
  (which makes Streamlit forget widget state) does not reset it.

Presets set several controls at once through ``preset_button``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import streamlit as st

from ui.parsing import ParseError, format_number, parse_number, parse_vector

_SEEN = "_url_seen"
_DRAWN = "_url_drawn"


def _keep(key: str) -> str:
    return f"_keep_{key}"


def _safe_preview(raw: str) -> str:
    """A short, markdown-inert echo of a URL value for a warning message."""
    shown = re.sub(r"[^0-9A-Za-z .,+\-]", "?", raw[:40])
    return shown + ("..." if len(raw) > 40 else "")


def _escape_markdown(text: str) -> str:
    """Backslash-escape every ASCII punctuation mark: no emphasis, link or formula."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def _markdown_inert(message: str) -> str:
    """A parser message made safe to show as markdown.

    Its quoted echo of the URL value (``'...'``) becomes a code span, where
    nothing renders (escaping alone does not stop ``www.x.org`` becoming a
    link); the rest is escaped.
    """
    head, quote, rest = message.partition("'")
    echo, closing, tail = rest.rpartition("'")
    if not (quote and closing):
        return _escape_markdown(message)
    code = echo.replace("`", "?")
    return f"{_escape_markdown(head)}`{code}`{_escape_markdown(tail)}"


def _restore(key: str, default: Any, from_url: Callable[[str], Any], where) -> None:
    """Put the control's starting value in ``st.session_state[key]`` before it is drawn."""
    seen = st.session_state.setdefault(_SEEN, set())
    if key not in seen:
        seen.add(key)
        raw = st.query_params.get(key)
        if raw is not None:
            try:
                st.session_state[key] = from_url(raw)
                return
            except ValueError as exc:
                where.warning(
                    f"The link's value for **{key}** (`{_safe_preview(raw)}`) was ignored: "
                    f"{_markdown_inert(str(exc))} The default is used instead."
                )
                st.session_state[key] = default
                return
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get(_keep(key), default)


def start_page() -> None:
    """Forget which controls were drawn; call before running a page (app.py does)."""
    st.session_state[_DRAWN] = set()


def drop_stale_url_keys() -> None:
    """Remove query values of controls this run did not draw (another page's state).

    Call after the page ran, so a shared link holds exactly the current view.
    """
    drawn = st.session_state.get(_DRAWN, set())
    for key in [k for k in st.query_params if k not in drawn]:
        del st.query_params[key]


def mirror_in_url(key: str, text: str) -> None:
    """Write a custom control's value into the URL (for widgets not built here).

    Also marks ``key`` as drawn, so ``drop_stale_url_keys`` keeps it.
    """
    st.session_state.setdefault(_DRAWN, set()).add(key)
    if st.query_params.get(key) != text:
        st.query_params[key] = text


def _publish(key: str, text: str) -> None:
    """Remember the drawn value and mirror it into the URL (only when it changed)."""
    st.session_state[_keep(key)] = st.session_state[key]
    mirror_in_url(key, text)


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
    """Draw a bounded numeric widget (slider or number input) mirrored in the URL.

    Ints stay ints when every bound, the default and the step are ints.
    """
    integer = all(isinstance(v, int) for v in (min_value, max_value, default, step))

    def from_url(raw: str) -> float:
        value = parse_number(
            raw, name=label, min_value=min_value, max_value=max_value, integer=integer
        )
        return int(value) if integer else value

    _restore(key, default, from_url, where)
    value = widget(label, min_value=min_value, max_value=max_value, step=step, key=key, **kwargs)
    _publish(key, format_number(value))
    return value


def slider(
    label: str,
    key: str,
    *,
    min_value: float,
    max_value: float,
    default: float,
    step: float,
    where=st,
    **kwargs,
) -> float:
    """A numeric ``st.slider`` mirrored in the URL."""
    return _numeric(
        where.slider,
        label,
        key,
        min_value=min_value,
        max_value=max_value,
        default=default,
        step=step,
        where=where,
        **kwargs,
    )


def number_input(
    label: str,
    key: str,
    *,
    min_value: float,
    max_value: float,
    default: float,
    step: float,
    where=st,
    **kwargs,
) -> float:
    """A bounded ``st.number_input`` mirrored in the URL."""
    return _numeric(
        where.number_input,
        label,
        key,
        min_value=min_value,
        max_value=max_value,
        default=default,
        step=step,
        where=where,
        **kwargs,
    )


def _choice_from_url(
    label: str, options: Sequence[str], aliases: dict[str, str] | None = None
) -> Callable[[str], str]:
    def from_url(raw: str) -> str:
        raw = (aliases or {}).get(raw, raw)
        if raw not in options:
            raise ParseError(f"{label} must be one of: {', '.join(options)}.")
        return raw

    return from_url


def selectbox(
    label: str,
    key: str,
    options: Sequence[str],
    *,
    default: str,
    labels: dict[str, str] | None = None,
    aliases: dict[str, str] | None = None,
    where=st,
    **kwargs,
) -> str:
    """An ``st.selectbox`` over short ids, mirrored in the URL by id.

    ``labels`` maps an id to the text shown; ``aliases`` maps older URL values
    (links shared before) to ids.
    """
    _restore(key, default, _choice_from_url(label, options, aliases), where)
    if labels:
        kwargs["format_func"] = labels.__getitem__
    value = where.selectbox(label, options, key=key, **kwargs)
    _publish(key, value)
    return value


def radio(label: str, key: str, options: Sequence[str], *, default: str, where=st, **kwargs) -> str:
    """An ``st.radio`` over string options, mirrored in the URL by option text."""
    _restore(key, default, _choice_from_url(label, options), where)
    value = where.radio(label, options, key=key, **kwargs)
    _publish(key, value)
    return value


def toggle(label: str, key: str, *, default: bool, where=st, **kwargs) -> bool:
    """An ``st.toggle`` mirrored in the URL as ``1`` / ``0``."""

    def from_url(raw: str) -> bool:
        if raw.lower() in ("1", "true", "on", "yes"):
            return True
        if raw.lower() in ("0", "false", "off", "no"):
            return False
        raise ParseError(f"{label} must be 1 (on) or 0 (off).")

    _restore(key, default, from_url, where)
    value = where.toggle(label, key=key, **kwargs)
    _publish(key, "1" if value else "0")
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
    """A text field mirrored in the URL, parsed by ``parse`` (which raises ``ValueError``).

    Returns ``(text, value)``. Text that does not parse is kept in the field
    (nothing the user typed is lost) and gets an ``st.error`` saying what to
    fix; ``value`` is then the last valid one, so the page keeps working.
    A URL value that does not parse falls back to ``default`` with a warning.
    """

    def from_url(raw: str) -> str:
        parse(raw)
        return raw

    _restore(key, default, from_url, where)
    text = where.text_input(label, key=key, **kwargs)
    _publish(key, text)
    last_valid = f"_valid_{key}"
    try:
        value = parse(text)
    except ValueError as exc:
        where.error(f"{exc} Showing the last valid value instead.")
        value = st.session_state.get(last_valid)
        if value is None:
            value = parse(default)
    st.session_state[last_valid] = value
    return text, value


def vector_input(
    label: str, key: str, *, default: str, where=st, help: str | None = None, **parse_kwargs
) -> np.ndarray:
    """A text field for a list of numbers (see ``ui.parsing.parse_vector``), URL-synced."""

    def parse(text: str) -> np.ndarray:
        return parse_vector(text, name=label, **parse_kwargs)

    return text_input(label, key, default=default, parse=parse, where=where, help=help)[1]


def preset_button(
    label: str, values: dict[str, Any], *, key: str, where=st, help: str | None = None
) -> bool:
    """A button that sets several controls at once (before they are drawn, via a callback)."""

    def apply() -> None:
        for name, value in values.items():
            st.session_state[name] = value

    return where.button(label, key=key, on_click=apply, help=help)
