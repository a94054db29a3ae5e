"""ui.text: user text shown through markdown renders nothing; the app's markdown tables."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui.text import MAX_ECHO, escape_markdown, inert, inert_message, markdown_table

ONE_CODE_SPAN = re.compile(r"`[^`\r\n]*`")
PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


def is_one_code_span(text: str) -> bool:
    return ONE_CODE_SPAN.fullmatch(text) is not None


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("[click](http://evil.example/x)", "`[click](http://evil.example/x)`"),
        ("![](http://e.co/a.png)", "`![](http://e.co/a.png)`"),
        ("www.example.org", "`www.example.org`"),
        ("<http://e.co>", "`<http://e.co>`"),
        ("http://e.co/?a=1", "`http://e.co/?a=1`"),
        ("$x^2$ and $$y$$", "`$x^2$ and $$y$$`"),
        ("a`b``c", "`a?b??c`"),
        ("```", "`???`"),
        ("one\ntwo\r\nthree", "`one two  three`"),
        ("**bold** _it_ <b>x</b>", "`**bold** _it_ <b>x</b>`"),
        ("", "` `"),
        ("  \n ", "` `"),
    ],
    ids=[
        "link", "image", "www-autolink", "angle-autolink", "bare-url", "formula", "backticks",
        "only-backticks", "newlines", "emphasis-html", "empty", "blank",
    ],
)  # fmt: skip
def test_inert_shows_user_text_as_one_code_span(text: str, shown: str) -> None:
    assert inert(text) == shown
    assert is_one_code_span(inert(text))


def test_inert_cuts_long_text() -> None:
    long = "[x](http://e.co)" + "a" * 100
    shown = inert(long)
    assert shown == "`" + long[:MAX_ECHO] + "...`"
    assert inert("a" * MAX_ECHO) == "`" + "a" * MAX_ECHO + "`"  # exactly the limit: no "..."


@given(text=st.text())
def test_inert_of_any_text_is_a_single_code_span(text: str) -> None:
    shown = inert(text)
    assert is_one_code_span(shown)
    assert len(shown) <= MAX_ECHO + len("...") + 2


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        (
            "Scores: '[x](http://a.b)' is not a number.",
            r"Scores\: `[x](http://a.b)` is not a number\.",
        ),
        ("Label: '$1$' is out of [0, 3).", r"Label\: `$1$` is out of \[0\, 3\)\."),
        ("Name: 'it's' has a quote.", r"Name\: `it's` has a quote\."),  # first to last quote
        ("Labels: 'a\nb' is not a number.", r"Labels\: `a b` is not a number\."),
        ("No quote [x](http://a.b) here.", r"No quote \[x\]\(http\:\/\/a\.b\) here\."),
        ("One quote ' only [x](y).", r"One quote \' only \[x\]\(y\)\."),
    ],
    ids=["link-echo", "formula-echo", "quote-inside", "newline-echo", "no-echo", "one-quote"],
)
def test_inert_message_code_spans_the_echo_and_escapes_the_rest(message: str, shown: str) -> None:
    assert inert_message(message) == shown


@given(head=st.text(), echo=st.text(), tail=st.text())
def test_inert_message_leaves_no_active_markdown_outside_the_echo(head, echo, tail) -> None:
    head, tail = head.replace("'", ""), tail.replace("'", "")
    shown = inert_message(f"{head}'{echo}'{tail}")
    start, span = len(escape_markdown(head)), inert(echo)
    assert shown[start : start + len(span)] == span
    outside = shown[:start] + shown[start + len(span) :]
    assert PUNCTUATION.search(re.sub(r"\\[!-/:-@\[-`{-~]", "", outside)) is None


@given(text=st.text())
def test_escape_markdown_escapes_every_ascii_punctuation_mark(text: str) -> None:
    escaped = escape_markdown(text)
    assert PUNCTUATION.search(re.sub(r"\\[!-/:-@\[-`{-~]", "", escaped)) is None
    assert re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escaped) == text  # nothing else changes


@pytest.mark.parametrize(("right", "rule"), [(False, "---"), (True, "---:")], ids=["left", "right"])
def test_markdown_table_shape_and_alignment(right: bool, rule: str) -> None:
    table = markdown_table({"Δ": ["1", "5", "20"], "‖W‖": ["1.78", "8.51", "34"]}, right=right)
    lines = table.split("\n")
    assert len(lines) == 2 + 3  # header, rule, one line per row
    assert lines[0] == "| Δ | ‖W‖ |"
    assert lines[1] == f"|{rule}|{rule}|"
    assert lines[2:] == ["| 1 | 1.78 |", "| 5 | 8.51 |", "| 20 | 34 |"]
    assert {line.count("|") for line in lines} == {3}


def test_markdown_table_refuses_columns_of_different_lengths() -> None:
    with pytest.raises(ValueError):
        markdown_table({"a": ["1", "2"], "b": ["1"]})
