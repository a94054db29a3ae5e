"""The editable score table of the SVM loss page (classes x images, plus each image's label).

The table lives in the URL as three texts (never evaluated, parsed by ``ui.parsing``)::

    svm_classes=Dog,Bird,Truck&svm_scores=3,0.9,1.6;6.2,5.1,2.3;-2.1,3.4,-4.5&svm_labels=0,1,2

``svm_scores`` has one row per class, one column per image, like the lecture's
slide. On the page it is an ``st.data_editor`` (rows = classes, add or delete a
row to add or remove a class) and a text field for the labels. An edit that does
not make a valid table gets an ``st.error`` and the page keeps the last valid one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from core.training import LECTURE_CLASSES, LECTURE_LABELS, LECTURE_SCORES
from ui import controls
from ui.parsing import ParseError, format_number, parse_matrix, parse_vector

EDITOR_KEY = "svm_table"
LABELS_KEY = "svm_labels"
URL_KEYS = ("svm_classes", "svm_scores", "svm_labels")
MAX_CLASSES = 8
MAX_IMAGES = 8
MAX_NAME = 20
SCORE_LIMIT = 1e6
# Letters (any script), digits, spaces and . ' ( ) + -: safe in LaTeX \text{}, Plotly text
# and a URL list; no comma (the URL separator), no markup characters.
_NAME = re.compile(r"[^\W_](?:[^\W_]|[ .'()+-])*")
_VALID = "_svm_table_valid"
_BASE = "_svm_table_base"  # the editor's data; changes only while the editor holds no edits
_SEEN = "_svm_table_seen"


@dataclass(frozen=True)
class ScoreTable:
    """Class names ``(K,)``, scores ``(K, N)`` (rows = classes, as on the slide), labels (N,)."""

    classes: tuple[str, ...]
    scores: np.ndarray
    labels: np.ndarray

    @property
    def per_image(self) -> np.ndarray:
        """Scores with one row per image, ``(N, K)``: the layout ``core`` takes."""
        return self.scores.T

    @property
    def image_names(self) -> tuple[str, ...]:
        return tuple(f"image {i + 1}" for i in range(self.scores.shape[1]))

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ScoreTable)
            and self.classes == other.classes
            and np.array_equal(self.scores, other.scores)
            and np.array_equal(self.labels, other.labels)
        )

    __hash__ = None  # mutable arrays inside


LECTURE_TABLE = ScoreTable(LECTURE_CLASSES, LECTURE_SCORES.T.copy(), LECTURE_LABELS.copy())


def make_table(classes, scores, labels) -> ScoreTable:
    """Validate the three parts; raise ``ValueError`` with a sentence saying what to fix."""
    names = tuple(classes)
    if len(names) < 2:
        raise ParseError("The SVM loss needs at least two classes: add a class row.")
    if len(names) > MAX_CLASSES:
        raise ParseError(f"At most {MAX_CLASSES} classes fit the charts; remove a class row.")
    for k, name in enumerate(names):
        if not name:
            raise ParseError(f"Class row {k + 1} has no name: type one.")
        if len(name) > MAX_NAME or not _NAME.fullmatch(name):
            raise ParseError(
                f"Class row {k + 1}: use up to {MAX_NAME} letters, digits, spaces or . ' ( ) + - "
                "in a class name."
            )
    if len({n.casefold() for n in names}) < len(names):
        raise ParseError("Two classes have the same name: give every class its own.")
    s = np.asarray(scores, dtype=float)
    if s.ndim != 2 or s.shape[0] != len(names) or s.shape[1] < 1:
        raise ParseError(f"Scores need one row per class ({len(names)}) and at least one image.")
    if s.shape[1] > MAX_IMAGES:
        raise ParseError(f"At most {MAX_IMAGES} images fit the charts; remove an image.")
    if not np.all(np.abs(s) <= SCORE_LIMIT):
        raise ParseError(
            f"Scores must be finite numbers between -{SCORE_LIMIT:g} and {SCORE_LIMIT:g}."
        )
    y = np.asarray(labels)
    if y.shape != (s.shape[1],):
        raise ParseError(f"Type one label per image: {s.shape[1]} labels, got {y.size}.")
    if np.any((y < 0) | (y >= len(names))):
        raise ParseError(
            f"Labels are class rows numbered from 0: each must lie in [0, {len(names)}) "
            f"for {len(names)} classes."
        )
    return ScoreTable(names, s, y.astype(np.int64))


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


def _set_table(table: ScoreTable) -> None:
    """Make ``table`` the valid one and restart the editor on it (a callback)."""
    st.session_state[_VALID] = table
    st.session_state[LABELS_KEY] = labels_text(table.labels)
    st.session_state.pop(EDITOR_KEY, None)


def load(table: ScoreTable, values: dict | None = None) -> None:
    """Callback for a preset: show ``table`` and set other controls (``{key: value}``)."""
    _set_table(table)
    for key, value in (values or {}).items():
        st.session_state[key] = value


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
        if LABELS_KEY not in st.session_state:  # back on the page: widgets were forgotten
            st.session_state[LABELS_KEY] = labels_text(st.session_state[_VALID].labels)
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
                f"{exc} The lecture's table is shown instead."
            )
    st.session_state[_VALID] = table
    st.session_state[LABELS_KEY] = labels_text(table.labels)


def score_table_editor(where=st) -> tuple[ScoreTable, bool]:
    """Draw the editor and the labels field; return ``(table, ok)``.

    ``ok`` is False when the current edit is invalid: an ``st.error`` says what to
    fix and the returned table is the last valid one. The URL always holds the
    returned (valid) table.
    """
    _restore(where)
    valid: ScoreTable = st.session_state[_VALID]
    if EDITOR_KEY not in st.session_state:  # first draw, a preset, or back on the page
        st.session_state[_BASE] = valid
    base: ScoreTable = st.session_state[_BASE]
    edited = where.data_editor(
        to_frame(base),
        key=EDITOR_KEY,
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "class": st.column_config.TextColumn("class", max_chars=MAX_NAME, width="small"),
            **{
                name: st.column_config.NumberColumn(name, format="%.2f", step=0.01)
                for name in base.image_names
            },
        },
    )
    labels = where.text_input(
        "True class of each image (class rows counted from 0)",
        key=LABELS_KEY,
        help="One whole number per image, separated by commas: 0 is the first class row.",
    )
    try:
        table, ok = from_frame(edited, parse_labels(labels)), True
    except ValueError as exc:
        where.error(f"{exc} The charts show the last valid table.")
        table, ok = valid, False
    st.session_state[_VALID] = table
    for key, value in to_query(table).items():  # the link always holds a valid table
        controls.mirror_in_url(key, value)
    return table, ok
