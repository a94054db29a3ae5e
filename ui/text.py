"""Text shown through markdown: user text made inert, and markdown tables.

Markdown in ``st.error`` / ``st.warning`` / ``st.markdown`` / ``st.caption`` and in
widget labels renders ``[x](http://..)`` as a link, ``![](http://..)`` as an image
the browser fetches, bare ``www.`` / ``http://`` text as autolinks and ``$..$``
as a formula. Whatever a user typed or a link carried goes through ``inert``
before it is shown there. Pure string work, no streamlit.
"""

from __future__ import annotations

import re

MAX_ECHO = 40  # characters of user text echoed back in a message


def escape_markdown(text: str) -> str:
    r"""Backslash-escape every ASCII punctuation mark: no emphasis, link or formula.

    >>> escape_markdown("[x](y) $z$")
    '\\[x\\]\\(y\\) \\$z\\$'
    """
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def inert(text: str) -> str:
    """User text as a markdown code span, where nothing renders (not even ``www.x.org``).

    Long text is cut to ``MAX_ECHO`` characters; backticks and line breaks,
    which could close the span, become ``?`` and spaces.

    >>> inert("![](http://e.co/a)")
    '`![](http://e.co/a)`'
    >>> inert("a`b")
    '`a?b`'
    """
    shown = text[:MAX_ECHO] + ("..." if len(text) > MAX_ECHO else "")
    shown = shown.replace("`", "?").replace("\n", " ").replace("\r", " ")
    return f"`{shown}`" if shown.strip() else "` `"


def inert_message(message: str) -> str:
    """A parser message (``ui.parsing``) made safe for markdown.

    Its quoted echo of the user's text (``'...'``) becomes a code span; the
    rest is escaped.

    >>> inert_message("Scores: '[x](http://a.b)' is not a number.")
    'Scores\\\\: `[x](http://a.b)` is not a number\\\\.'
    """
    head, quote, rest = message.partition("'")
    echo, closing, tail = rest.rpartition("'")
    if not (quote and closing):
        return escape_markdown(message)
    return f"{escape_markdown(head)}{inert(echo)}{escape_markdown(tail)}"


def markdown_table(columns: dict[str, list[str]], *, right: bool = False) -> str:
    """A markdown table from column name -> cell texts; ``right`` aligns every column right.

    Cells are the app's own text (numbers, fixed words); pass user text through
    ``inert`` first. Lighter than ``st.table``, which goes through pandas and Arrow.

    >>> print(markdown_table({"Δ": ["1", "5"], "‖W‖": ["1.78", "8.51"]}, right=True))
    | Δ | ‖W‖ |
    |---:|---:|
    | 1 | 1.78 |
    | 5 | 8.51 |
    """
    rows = zip(*columns.values(), strict=True)
    lines = ["| " + " | ".join(columns) + " |", "|" + ("---:|" if right else "---|") * len(columns)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
