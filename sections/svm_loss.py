"""Sections of the multiclass SVM loss page (views/svm_loss.py), and its score table editor.

The table lives in the URL as three texts (never evaluated, parsed by ``ui.parsing``)::

    svm_classes=Dog,Bird,Truck&svm_scores=3,0.9,1.6;6.2,5.1,2.3;-2.1,3.4,-4.5&svm_labels=0,1,2

``svm_scores`` has one row per class, one column per image, like the lecture's
slide. On the page it is an ``st.data_editor`` (rows = classes, add or delete a
row to add or remove a class), a text field holding the same table as text (one
class a line, ``Dog: 3.0, 0.9, 1.6``; it also takes the slide's rows pasted as
they are, or the URL's ``svm_scores``), and a text field for the labels. The
grid's number editor drops keys typed quickly (its editor opens on the first
key), so the text field is the reliable way to type a table; the two follow
each other. An edit that does not make a valid table gets an ``st.error`` and
the page keeps the last valid one. The data editor cannot bind to the URL
itself, so the table is mirrored by hand.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import streamlit as st

from core.losses import svm_loss, svm_loss_naive, svm_margins
from core.pages.svm_loss import (
    LECTURE_TABLE,
    MAX_CLASSES,
    MAX_IMAGES,
    MAX_NAME,
    SLIDE_LOSSES,
    ScoreTable,
    SvmBreakdown,
    lecture_check,
    make_table,
    svm_breakdown,
    svm_quiz,
    two_class_demo,
)
from figures.svm_loss import binary_equivalence, gradient_heatmap, loss_bars, terms_heatmap
from figures.theme import number_text
from ui import charts, controls, quiz
from ui.latex import batch_mean, decimals_for, fixed, hinge_lines, num, vector
from ui.live_chart import frozen, live_chart, slider_values
from ui.parsing import MAX_TEXT, ParseError, format_number, parse_matrix, parse_number, parse_vector
from ui.source import source_of
from ui.text import inert, inert_message

DELTA_STEP = 0.5
DELTAS = slider_values(0.0, 30.0, DELTA_STEP)  # every Δ the slider can take
EDITOR_KEY = "svm_table"
LABELS_KEY = "svm_labels"
TEXT_KEY = "svm_scores_text"  # the table as text; not in the URL (svm_scores is)
URL_KEYS = ("svm_classes", "svm_scores", "svm_labels")
_VALID = "_svm_table_valid"
_BASE = "_svm_table_base"  # the editor's data; changes only while the editor holds no edits
_SEEN = "_svm_table_seen"
_TEXT_SEEN = "_svm_text_seen"  # the text field's value as the page last read or wrote it
_TEXT_ERROR = "_svm_text_error"  # why the text field's table was not applied, or None
_GRID_SEEN = "_svm_grid_seen"  # the editor's edits as of the last run (to see a new edit)
CARDS_PER_ROW = 4
NO_MAXIMUM = "No maximum: L_i can grow without bound"
MAX_OPTIONS = ["(K − 1) · Δ", "K · Δ", "1", NO_MAXIMUM]
DEMO_X = np.linspace(-4.0, 4.0, 161)  # inputs of the K = 2 demo


# ------------------------------------------------------------------ the score table editor
def parse_labels(text: str) -> np.ndarray:
    """Labels typed as ``0, 1, 2``: whole numbers >= 0 (the class count is checked later)."""
    return parse_vector(
        text, name="Labels", min_value=0, max_value=MAX_CLASSES - 1, integer=True,
        max_length=MAX_IMAGES,
    )  # fmt: skip


def to_query(table: ScoreTable) -> dict[str, str]:
    """The table as the three URL values."""
    rows = ";".join(",".join(format_number(v, 10) for v in row) for row in table.scores)
    return {
        "svm_classes": ",".join(table.classes),
        "svm_scores": rows,
        "svm_labels": ",".join(str(int(v)) for v in table.labels),
    }


def labels_text(labels) -> str:
    """``[0, 1, 2]`` -> ``"0, 1, 2"`` (the labels field's text)."""
    return ", ".join(str(int(v)) for v in labels)


def from_query(classes: str, scores: str, labels: str) -> ScoreTable:
    """Parse the three URL values (raises ``ValueError`` that says what is wrong)."""
    names = [n.strip() for n in classes.split(",")]
    matrix = parse_matrix(scores, name="svm_scores", max_rows=MAX_CLASSES, max_cols=MAX_IMAGES)
    return make_table(names, matrix, parse_labels(labels))


def to_frame(table: ScoreTable) -> pd.DataFrame:
    """The editor's data: a ``class`` column, then one column per image."""
    frame = pd.DataFrame(table.scores, columns=list(table.image_names))
    frame.insert(0, "class", list(table.classes))
    return frame


def from_frame(frame: pd.DataFrame, labels) -> ScoreTable:
    """Read the edited frame back; empty cells get an error naming the cell."""
    names = ["" if pd.isna(n) else str(n).strip() for n in frame["class"]]
    values = frame.drop(columns="class").to_numpy(dtype=float, na_value=np.nan)
    empty = np.argwhere(np.isnan(values))
    if empty.size:
        row, col = empty[0]
        raise ParseError(
            f"Class row {row + 1}, {frame.columns[col + 1]} is empty: type a number there."
        )
    return make_table(names, values, labels)


_ROWS = re.compile(r"\s*(?:;|\n)\s*")
_CELLS = re.compile(r"[,\s]+")
_NUMBER_START = re.compile(r"[+\-\u2212]?(?:\d|\.\d)")
_WORDS = re.compile(r"[^\W_]+(?: [^\W_]+)*")


def _row_cells(row: str) -> tuple[str | None, list[str]]:
    """``"Dog: 3, 0.9"`` or ``"Dog 3 0.9"`` -> ``("Dog", ["3", "0.9"])``; no name -> None.

    A name is the text before a ``:``, or else the words before the first one
    that starts like a number.
    """
    head, colon, tail = row.partition(":")
    if colon:
        return head.strip(), [c for c in _CELLS.split(tail.strip()) if c]
    cells = [c for c in _CELLS.split(row.strip()) if c]
    first = next((i for i, c in enumerate(cells) if _NUMBER_START.match(c)), len(cells))
    return (" ".join(cells[:first]) or None), cells[first:]


def parse_score_text(text: str, classes) -> tuple[tuple[str, ...], np.ndarray]:
    """The score text field: one class a row, rows split by new lines or ``;``.

    Each row is an optional class name (``Dog:`` or ``Dog``, as the slide's rows
    paste) and one score per image. A row without a name keeps the name of that
    row in ``classes`` (a new row is called ``class k``). Returns the names and
    the ``(K, N)`` scores; raises ``ParseError`` naming the row and image.

    >>> names, scores = parse_score_text("Dog 3.0 0.9; Bird: 6.2, 5.1", ("A", "B"))
    >>> names, scores.tolist()
    (('Dog', 'Bird'), [[3.0, 0.9], [6.2, 5.1]])
    """
    if len(text) > MAX_TEXT:
        raise ParseError(
            f"The score text is too long ({len(text)} characters; at most {MAX_TEXT})."
        )
    rows = [r for r in _ROWS.split(text.strip()) if r.strip()]
    if not rows:
        raise ParseError("The score text is empty: type one row of scores per class.")
    if len(rows) > MAX_CLASSES:
        raise ParseError(f"The score text has {len(rows)} rows: at most {MAX_CLASSES} classes fit.")
    names, matrix = [], []
    for r, row in enumerate(rows, start=1):
        name, cells = _row_cells(row)
        if name is not None and name.casefold() == "loss":
            raise ParseError(
                f"Row {r} is the slide's Loss row: leave it out, the page computes the losses."
            )
        name = name or (classes[r - 1] if r <= len(classes) else f"class {r}")
        # a message names the row's class only when the name is plain words: a typed name
        # never reaches markdown, where a dot or a bracket could make it a link
        where = f"Row {r} ({name})" if _WORDS.fullmatch(name) else f"Row {r}"
        if not cells:
            raise ParseError(f"{where} has no scores: type one number per image.")
        if len(cells) > MAX_IMAGES:
            raise ParseError(f"{where} has {len(cells)} scores: at most {MAX_IMAGES} images fit.")
        matrix.append(
            [parse_number(c, name=f"{where}, image {i}") for i, c in enumerate(cells, start=1)]
        )
        names.append(name)
    widths = [len(row) for row in matrix]
    if len(set(widths)) > 1:
        r = next(i for i, w in enumerate(widths) if w != widths[0])
        label = f" ({names[r]})" if _WORDS.fullmatch(names[r]) else ""
        raise ParseError(
            f"Row {r + 1}{label} has {widths[r]} scores, row 1 has {widths[0]}: "
            "every class needs one score per image."
        )
    return tuple(names), np.array(matrix, dtype=float)


def score_text(classes, scores: np.ndarray) -> str:
    """The text field's text for a table: one ``name: s, s, s`` line per class.

    Scores are written with the decimals the table needs (``3.0, 0.9`` as on the
    slide) when that is exact, else with up to 10 significant digits.

    >>> print(score_text(("Dog", "Bird"), np.array([[3.0, 0.9], [6.2, 5.1]])))
    Dog: 3.0, 0.9
    Bird: 6.2, 5.1
    """
    digits = decimals_for(scores)
    exact = np.array_equal(np.round(scores, digits), scores)

    def cell(v: float) -> str:
        return fixed(v, digits) if exact else format_number(v, 10)

    return "\n".join(
        f"{name}: " + ", ".join(cell(v) for v in row)
        for name, row in zip(classes, scores, strict=True)
    )


def _frame_text(frame: pd.DataFrame) -> str | None:
    """The grid's table as score text, or None while a cell is empty."""
    values = frame.drop(columns="class").to_numpy(dtype=float, na_value=np.nan)
    if np.isnan(values).any():
        return None
    names = ["" if pd.isna(n) else str(n).strip() for n in frame["class"]]
    return score_text(names, values)


def _write_text(text: str) -> None:
    """Put ``text`` in the score text field (before it is drawn, or in a callback)."""
    st.session_state[TEXT_KEY] = text
    st.session_state[_TEXT_SEEN] = text
    st.session_state[_TEXT_ERROR] = None


def _set_table(table: ScoreTable) -> None:
    """Make ``table`` the valid one and restart the editor on it (a callback)."""
    st.session_state[_VALID] = table
    st.session_state[LABELS_KEY] = labels_text(table.labels)
    st.session_state.pop(EDITOR_KEY, None)
    _write_text(score_text(table.classes, table.scores))


def add_image() -> None:
    """Callback: append an image whose scores are all 0 and whose label is class 0."""
    t = st.session_state[_VALID]
    if t.scores.shape[1] < MAX_IMAGES:
        scores = np.hstack([t.scores, np.zeros((t.scores.shape[0], 1))])
        _set_table(ScoreTable(t.classes, scores, np.append(t.labels, 0)))


def remove_image() -> None:
    """Callback: drop the last image (one always stays)."""
    t = st.session_state[_VALID]
    if t.scores.shape[1] > 1:
        _set_table(ScoreTable(t.classes, t.scores[:, :-1], t.labels[:-1]))


def _restore(where) -> None:
    """On a session's first run, start from the URL's table (or the lecture's, with a warning)."""
    if st.session_state.get(_SEEN):
        valid = st.session_state[_VALID]
        if LABELS_KEY not in st.session_state:  # back on the page: widgets were forgotten
            st.session_state[LABELS_KEY] = labels_text(valid.labels)
        if TEXT_KEY not in st.session_state:
            _write_text(score_text(valid.classes, valid.scores))
        return
    st.session_state[_SEEN] = True
    table = LECTURE_TABLE
    raw = [st.query_params.get(k) for k in URL_KEYS]
    missing = [k for k, v in zip(URL_KEYS, raw, strict=True) if v is None]
    if missing and len(missing) < len(URL_KEYS):
        where.warning(
            f"The link's score table was ignored: it needs all three of "
            f"{', '.join(URL_KEYS)} and lacks {', '.join(missing)}. "
            "The lecture's table is shown instead."
        )
    elif not missing:
        try:
            table = from_query(*raw)
        except ValueError as exc:
            where.warning(
                f"The link's score table (svm_classes, svm_scores, svm_labels) was ignored: "
                f"{inert_message(str(exc))} The lecture's table is shown instead."
            )
    st.session_state[_VALID] = table
    st.session_state[LABELS_KEY] = labels_text(table.labels)
    _write_text(score_text(table.classes, table.scores))


def _apply_text(valid: ScoreTable) -> bool:
    """If the student committed new score text, restart the grid on its table.

    Returns True when the grid was restarted. Text that does not parse leaves
    the grid as it is and keeps its error (``_TEXT_ERROR``) until the text or
    the grid changes. When the text changes the number of images, the labels
    field follows (new images get label 0).
    """
    text = st.session_state.get(TEXT_KEY, "")
    if text == st.session_state.get(_TEXT_SEEN):
        return False
    st.session_state[_TEXT_SEEN] = text
    try:
        names, scores = parse_score_text(text, valid.classes)
    except ValueError as exc:
        st.session_state[_TEXT_ERROR] = str(exc)
        return False
    st.session_state[_TEXT_ERROR] = None
    images = scores.shape[1]
    if images != valid.scores.shape[1]:
        labels = np.zeros(images, dtype=np.int64)
        labels[: min(images, valid.labels.size)] = valid.labels[:images]
        st.session_state[LABELS_KEY] = labels_text(labels)
    st.session_state[_BASE] = ScoreTable(names, scores, valid.labels)  # shown, checked below
    st.session_state.pop(EDITOR_KEY, None)
    return True


def score_table_editor(where=st) -> tuple[ScoreTable, bool]:
    """Draw the editor, the score text field and the labels field; return ``(table, ok)``.

    ``ok`` is False when the current edit is invalid: an ``st.error`` says what to
    fix and the returned table is the last valid one. The URL always holds the
    returned (valid) table. The grid and the text field follow each other: a
    committed text restarts the grid on its table, a grid edit rewrites the text.
    """
    _restore(where)
    valid: ScoreTable = st.session_state[_VALID]
    if EDITOR_KEY not in st.session_state:  # first draw, a preset, or back on the page
        st.session_state[_BASE] = valid
    restarted = _apply_text(valid)
    base: ScoreTable = st.session_state[_BASE]
    edited = where.data_editor(
        to_frame(base),
        key=EDITOR_KEY,
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "class": st.column_config.TextColumn("class", max_chars=MAX_NAME, width="small"),
            **{
                # 90 px: "image 1" and its edit icon, three images beside the loss chart
                name: st.column_config.NumberColumn(name, format="%.2f", step=0.01, width=90)
                for name in base.image_names
            },
        },
    )
    edits = json.dumps(st.session_state.get(EDITOR_KEY), sort_keys=True, default=str)
    if edits != st.session_state.get(_GRID_SEEN) and not restarted:
        grid_text = _frame_text(edited)  # a grid edit: the text follows the grid
        if grid_text is not None:
            _write_text(grid_text)
    st.session_state[_GRID_SEEN] = edits
    k = len(base.classes)
    where.text_area(
        "The same scores as text: one class a line (paste the slide's rows)",
        key=TEXT_KEY,
        height=max(100, 34 * k + 30),
        help="One line per class: a name, then one score per image, e.g. Dog: 3.0, 0.9, 1.6. "
        "Lines may also be separated by ';'. Press Ctrl+Enter or click outside to apply.",
    )
    if st.session_state.get(_TEXT_ERROR):
        where.error(
            f"{inert_message(st.session_state[_TEXT_ERROR])} The text was not applied: the "
            "table and the charts keep the last valid scores."
        )
    where.caption(
        "Add a class with the + under the last row; remove one by ticking it and pressing "
        "the bin. The grid can drop keys typed quickly: to type many numbers, use the text."
    )
    labels = where.text_input(
        "True class of each image (class rows counted from 0)",
        key=LABELS_KEY,
        help="One whole number per image, separated by commas: 0 is the first class row.",
    )
    add_col, remove_col = where.columns(2)
    add_col.button("Add image", key="svm_add_image", on_click=add_image, icon=":material/add:")
    remove_col.button(
        "Remove image", key="svm_remove_image", on_click=remove_image, icon=":material/remove:"
    )
    try:
        table, ok = from_frame(edited, parse_labels(labels)), True
    except ValueError as exc:
        where.error(f"{inert_message(str(exc))} The charts show the last valid table.")
        table, ok = valid, False
    st.session_state[_VALID] = table
    controls.mirror_in_url(to_query(table))  # the link always holds a valid table
    return table, ok


# ------------------------------------------------------------------ the page's sections
def settings() -> tuple[float, bool]:
    """The sidebar: the lecture preset, Δ and whether to show the gradient."""
    with controls.sidebar():
        st.subheader("Score table")
        controls.preset_button(
            "Lecture example (Dog / Bird / Truck)",
            {"svm_delta": 1.0},
            key="svm_preset",
            help="The lecture's three images and three classes, Δ = 1",
            then=lambda: _set_table(LECTURE_TABLE),
        )
        delta = controls.slider(
            "Margin Δ", "svm_delta", min_value=0.0, max_value=30.0, default=1.0, step=DELTA_STEP
        )
        show_grad = controls.toggle("Show the gradient ∂L_i/∂s", "svm_grad", default=False)
    return delta, show_grad


def loss_cards(table: ScoreTable, result: SvmBreakdown) -> None:
    """One card per image's ``L_i`` and one for the batch loss, ``CARDS_PER_ROW`` a row
    (one fewer when a number is written as a power of ten).

    Plain numbers (``2 × 10⁶``, never LaTeX source); the card's label is short
    so it is never cut, and the image's true class is a caption under it, as
    inert text (a class name is the student's).
    """
    cards = len(result.losses) + 1
    values = [number_text(v) for v in result.losses] + [number_text(result.batch_loss)]
    # a power of ten (4.457 × 10⁶) needs a third of the row at 1280 px beside the sidebar
    per_row = CARDS_PER_ROW if max(len(v) for v in values) <= 7 else CARDS_PER_ROW - 1
    for first in range(0, cards, per_row):
        cols = st.columns(per_row)
        for col, i in zip(cols, range(first, min(first + per_row, cards)), strict=False):
            if i == len(result.losses):
                col.metric("Batch loss L = mean of L_i", values[i])
                col.caption(f"{len(result.losses)} images")
            else:
                col.metric(f"L{i + 1}", values[i])
                col.caption(f"image {i + 1}, true class {inert(table.classes[table.labels[i]])}")


def lecture_note(table: ScoreTable, result: SvmBreakdown, delta: float) -> str | None:
    """The lecture's table at Δ = 1 against its slide, once, in words; None otherwise."""
    check = lecture_check(table, margin=delta)
    if check is None:
        return None
    slide = ", ".join(f"L{i + 1} = {number_text(v)}" for i, v in enumerate(SLIDE_LOSSES))
    agree = (
        "exactly (the slide rounds nothing)"
        if check.matches
        else f"but computes {', '.join(number_text(v) for v in check.losses)}"
    )
    return (
        f"The slide writes {slide}; the page computes the same numbers, {agree}. The slide "
        f"stops at L = (4.2 + 0 + 14.9)/3: that is {number_text(check.total)}/3 = "
        f"{number_text(check.batch_loss, 7)}, shown above rounded to "
        f"{number_text(result.batch_loss)}."
    )


def worked_losses(table: ScoreTable, result: SvmBreakdown, delta: float) -> str:
    """Every image's ``L_i`` worked out with its numbers, one aligned block (``st.latex``).

    At most two max terms a row (one for long numbers), so the block fits a 1280 px
    screen beside the sidebar.
    """
    digits = decimals_for(table.scores)
    longest = max(len(fixed(v, digits)) for v in table.scores.ravel())
    per_line = 2 if longest <= 6 else 1  # two terms of long numbers overflow 760 px
    rows = [
        line
        for i, (scores, label) in enumerate(zip(table.per_image, table.labels, strict=True))
        for line in hinge_lines(
            str(i + 1), scores, label, result.terms[i], result.losses[i], delta, digits, per_line
        )
    ]
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def batch_formula(result: SvmBreakdown, per_line: int = 4) -> str:
    """``L = (1/N) sum L_i = (4.2 + 0 + 14.9)/3 = 6.367``; more than ``per_line`` images
    (or long numbers) continue on further rows of an aligned block, so it fits 1280 px."""
    terms = [num(v) for v in result.losses]
    if len(terms) <= per_line and max(len(t) for t in terms) <= 8:
        return batch_mean(result.losses, result.batch_loss)
    size = per_line if max(len(t) for t in terms) <= 8 else 2
    chunks = [" + ".join(terms[k : k + size]) for k in range(0, len(terms), size)]
    rows = [rf"L = \frac{{1}}{{N}} \sum_{{i=1}}^{{N}} L_i &= ({chunks[0]}"]
    rows += [rf"&\quad + {chunk}" for chunk in chunks[1:]]
    rows[-1] += f")/{len(terms)} = {num(result.batch_loss)}"
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def table_and_losses(delta: float) -> tuple[ScoreTable, SvmBreakdown]:
    """The editable table beside the per-image losses, every L_i and L as cards, each L_i
    worked out, the hinge terms.

    The table and the loss chart share the first screen (a 1280 x 720 projector, sidebar
    collapsed): what a student changes beside what it does.
    """
    st.latex(r"L_i = \sum_{j \neq y_i} \max(0,\ s_j - s_{y_i} + \Delta)")
    edit_col, chart_col = st.columns([5, 4], gap="medium")
    table, _ = score_table_editor(edit_col)
    result = svm_breakdown(table.per_image, table.labels, margin=delta)
    follows_delta = dict(slider="svm_delta", value=delta, values=DELTAS, inputs=frozen(table))
    live_chart(chart_col, lambda d: _losses_figure(table, d), key="svm_losses", **follows_delta)
    loss_cards(table, result)

    st.latex(worked_losses(table, result, delta))
    st.latex(batch_formula(result))
    note = lecture_note(table, result, delta)
    if note is not None:
        st.caption(note)
    live_chart(st, lambda d: _terms_figure(table, d), key="svm_terms", **follows_delta)
    return table, result


def _losses_figure(table: ScoreTable, delta: float):
    """Every image's L_i and the batch loss L, for margin ``delta``."""
    result = svm_breakdown(table.per_image, table.labels, margin=delta)
    return loss_bars(
        result.losses, result.batch_loss, table.image_names, table.labels, table.classes
    )


def _terms_figure(table: ScoreTable, delta: float):
    """Every hinge term max(0, s_j − s_y + Δ) of every image, for margin ``delta``."""
    result = svm_breakdown(table.per_image, table.labels, margin=delta)
    return terms_heatmap(result.terms, table.labels, table.classes, table.image_names)


def gradient(table: ScoreTable, result: SvmBreakdown) -> None:
    """The gradient dL_i/ds: the formula, each image's vector and a heatmap."""
    st.subheader("The gradient ∂L_i/∂s")
    st.latex(
        r"\frac{\partial L_i}{\partial s_j} = \mathbb{1}[s_j - s_{y_i} + \Delta > 0]\ (j \neq y_i),"
        r"\qquad \frac{\partial L_i}{\partial s_{y_i}} = -\sum_{j \neq y_i}"
        r" \mathbb{1}[s_j - s_{y_i} + \Delta > 0]"
    )
    vectors = [
        rf"\frac{{\partial L_{{{i + 1}}}}}{{\partial \mathbf{{s}}}} = {vector(g)}"
        for i, g in enumerate(result.grad)
    ]
    pairs = ["&" + r",\quad ".join(vectors[k : k + 2]) for k in range(0, len(vectors), 2)]
    st.latex(r"\begin{aligned}" + r" \\ ".join(pairs) + r"\end{aligned}")  # 2 a row: fits
    charts.plotly_chart(
        st,
        gradient_heatmap(result.grad, table.labels, table.classes, table.image_names),
        key="svm_grad_chart",
    )


def loops_vs_vectorized(table: ScoreTable, result: SvmBreakdown, delta: float) -> None:
    """The loop version beside the vectorized one, both run on the current table."""
    with st.expander("How is it computed? Loops as the formula reads vs one vectorized pass"):
        naive = svm_loss_naive(table.per_image, table.labels, margin=delta)
        st.markdown(
            "Both give the batch loss of the table above: "
            f"**{number_text(naive, 6)}** with loops, **{number_text(result.batch_loss, 6)}** "
            "vectorized. "
            "The vectorized one is what the app uses: no Python loop over images or classes."
        )
        loops_col, vector_col = st.columns(2)
        loops_col.code(source_of(svm_loss_naive), language="python")
        vector_col.code(source_of(svm_margins) + "\n" + source_of(svm_loss), language="python")


def quiz_1(table: ScoreTable, result: SvmBreakdown, delta: float) -> None:
    """The lecture's Quiz 1, graded against the current table and Δ."""
    k = len(table.classes)
    st.markdown(
        "Answer, press **Check my answers**, then change the table or Δ: "
        "the check follows the current values."
    )
    with st.form("svm_quiz_form"):
        q_min = quiz.number_answer("1a. What is the smallest possible value of L_i?", "svm_q_min")
        q_max = quiz.choice_answer("1b. And the largest?", "svm_q_max", MAX_OPTIONS)
        st.caption(f"For question 2: the table has K = {k} classes and Δ = {number_text(delta)}.")
        q_zero = quiz.number_answer(
            "2. Every score starts at 0. What is L_i for your K and Δ?", "svm_q_zero"
        )
        q_all = quiz.number_answer(
            "3. If the sum also ran over j = y_i, by how much would each L_i change?", "svm_q_all"
        )
        checked = quiz.check_button("svm_quiz")
    if not checked:
        quiz.hidden_until_checked()
        return
    n = number_text  # numbers in a sentence: plain text, never LaTeX
    solved = svm_quiz(table.per_image, table.labels, margin=delta)
    first = inert(table.classes[table.labels[0]])
    increase = solved.all_classes_increase
    quiz.verdicts(
        [
            (
                quiz.answer_matches(q_min, float(solved.lowest.max())),
                f"1a. The minimum is {n(solved.lowest.max())}: raise image 1's {first} score "
                f"to {n(solved.raised_correct[0])} (the best other score + Δ) and L1 becomes "
                f"{n(solved.lowest[0])}.",
            ),
            (
                q_max == NO_MAXIMUM,
                f"1b. There is no maximum: lower image 1's {first} score by 100 and L1 grows "
                f"from {n(result.losses[0])} to {n(solved.lowered[0])}, by up to "
                f"K − 1 = {k - 1} per unit.",
            ),
            (
                quiz.answer_matches(q_zero, solved.zero_scores),
                f"2. L_i = (K − 1) Δ = {n(solved.zero_scores)}: each of the {k - 1} wrong "
                f"classes adds max(0, 0 − 0 + Δ) = {n(delta)}.",
            ),
            (
                quiz.answer_matches(q_all, float(increase[0]))
                and bool(np.allclose(increase, increase[0])),
                f"3. Every L_i grows by {n(increase[0])} = Δ: the extra term is "
                f"max(0, s_yi − s_yi + Δ). Here the losses would be "
                f"{', '.join(n(v) for v in result.losses + increase)}.",
            ),
        ]
    )


def two_classes() -> None:
    """K = 2: the multiclass SVM is the binary SVM with w = w1 - w0, and the regularizers."""
    st.markdown(
        "With two classes and scores s_k = w_kᵀx (bias folded in), the only wrong class gives "
        "max(0, s_other − s_y + 1) = max(0, 1 − y wᵀx) with **w = w₁ − w₀** and labels y = ±1. "
        "Pick the two classes' weights for a one-dimensional input x and compare the two losses."
    )
    w_cols = st.columns(4)
    weights = [
        controls.slider(
            label, key, min_value=-3.0, max_value=3.0, default=default, step=0.1, where=col
        )
        for col, (label, key, default) in zip(
            w_cols,
            (
                ("w₀ slope", "svm_w0", -0.5),
                ("w₀ bias", "svm_b0", 0.5),
                ("w₁ slope", "svm_w1", 1.0),
                ("w₁ bias", "svm_b1", -0.5),
            ),
            strict=True,
        )
    ]
    demo = two_class_demo(np.array(weights).reshape(2, 2), DEMO_X)
    multi_pen, binary_pen, split_pen = demo.penalties
    gap = num(demo.largest_gap) if demo.largest_gap > 1e-9 else r"0\ (\text{up to rounding})"
    st.latex(
        rf"w = w_1 - w_0 = {vector(demo.w)},\qquad "
        rf"\max_x |L^{{\text{{multi}}}}_i - L^{{\text{{binary}}}}_i| = {gap}"
    )
    charts.plotly_chart(
        st, binary_equivalence(DEMO_X, demo.multiclass, demo.binary), key="svm_binary"
    )
    st.markdown(
        "**The regularizers differ.** The multiclass SVM penalizes both rows of W, the binary "
        "SVM only their difference:"
    )
    st.latex(  # two rows: one row overflowed a 1280 px screen beside the sidebar
        rf"\begin{{aligned}}\|w_0\|^2 + \|w_1\|^2 &= {num(multi_pen)} \quad\text{{vs}}\quad "
        rf"\|w\|^2 = {num(binary_pen)} \\"
        rf"\min_{{w_1 - w_0 = w}} \|w_0\|^2 + \|w_1\|^2"
        rf" &= \tfrac{{1}}{{2}}\|w\|^2 = {num(split_pen)}\end{{aligned}}"
    )
    st.caption(
        "The loss sees only w = w₁ − w₀, so a trained multiclass SVM splits it as w₁ = w/2, "
        "w₀ = −w/2: its λ‖W‖² becomes (λ/2)‖w‖², the binary SVM with half the λ."
    )
