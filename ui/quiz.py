"""The one quiz shape every page uses: empty answer fields in a form, checked on request.

A quiz is an ``st.form`` whose answers start empty (``number_answer``,
``choice_answer``) and are committed together by its **Check my answers**
button (``check_button``). Once checked, the page grades the answers against
numbers computed for the current controls and shows ``verdicts``: so the check
follows the table or slider the student changes afterwards.

Answers stay out of the URL: a lecturer's shared link must not give them away.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import streamlit as st

CHECK_LABEL = "Check my answers"
ANSWER_LIMIT = 1e9


def number_answer(label: str, key: str) -> float | None:
    """An empty ``st.number_input`` for a numeric answer; ``None`` until answered."""
    return st.number_input(
        label, value=None, min_value=-ANSWER_LIMIT, max_value=ANSWER_LIMIT, format="%g", key=key
    )


def choice_answer(label: str, key: str, options: Sequence[str], **kwargs) -> str | None:
    """An ``st.radio`` with nothing picked at first; ``None`` until answered."""
    return st.radio(label, options, index=None, key=key, **kwargs)


def check_button(quiz: str) -> bool:
    """The form's submit button; True on every run after the first check of ``quiz``."""
    flag = f"_quiz_checked_{quiz}"
    if st.form_submit_button(CHECK_LABEL, key=f"{quiz}_check"):
        st.session_state[flag] = True
    return bool(st.session_state.get(flag))


def answer_matches(answer: float | None, value: float, *, tol: float = 1e-3) -> bool:
    """A numeric answer counts within ``tol`` of ``value`` (absolute, or relative for large values).

    >>> answer_matches(6.367, 6.36667), answer_matches(None, 0.0), answer_matches(2.1, 2.0)
    (True, False, False)
    """
    return answer is not None and bool(np.isclose(answer, value, rtol=tol, atol=tol))


def verdicts(results: Iterable[tuple[bool, str]]) -> None:
    """One line per question: "Correct." or "Not quite.", then the explanation."""
    for correct, explanation in results:
        if correct:
            st.success(f"Correct. {explanation}", icon="✅")
        else:
            st.error(f"Not quite. {explanation}", icon="❌")


def hidden_until_checked() -> None:
    """The note a quiz shows before its first check."""
    st.caption(f"Answers stay hidden until you press **{CHECK_LABEL}**.")
