"""ui.quiz: how a typed numeric answer is graded."""

from __future__ import annotations

import pytest

from ui.quiz import answer_matches


@pytest.mark.parametrize(
    ("answer", "value", "ok"),
    [(2.0, 2.0, True), (2.0005, 2.0, True), (2.1, 2.0, False), (None, 0.0, False)],
)
def test_answer_matches(answer, value, ok) -> None:
    assert answer_matches(answer, value) is ok
