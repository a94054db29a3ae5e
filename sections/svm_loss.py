"""Sections of the multiclass SVM loss page (views/svm_loss.py), and its score table editor.

The table lives in the URL as three texts (never evaluated, parsed by ``ui.parsing``)::

    svm_classes=Dog,Bird,Truck&svm_scores=3,0.9,1.6;6.2,5.1,2.3;-2.1,3.4,-4.5&svm_labels=0,1,2

``svm_scores`` has one row per class, one column per image, like the lecture's
slide. On the page it is an ``st.data_editor`` (rows = classes, add or delete a
row to add or remove a class) and a text field for the labels. An edit that does
not make a valid table gets an ``st.error`` and the page keeps the last valid one.
The data editor cannot bind to the URL itself, so the table is mirrored by hand.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core.losses import svm_loss, svm_loss_naive, svm_margins
from core.pages.svm_loss import (
    LECTURE_TABLE,
    MAX_CLASSES,
    MAX_IMAGES,
    MAX_NAME,
    ScoreTable,
    SvmBreakdown,
    make_table,
    svm_breakdown,
    svm_quiz,
    two_class_demo,
)
from figures.svm_loss import binary_equivalence, gradient_heatmap, loss_bars, terms_heatmap
from ui import controls, quiz
from ui.latex import batch_mean, decimals_for, hinge_sum, num, vector
from ui.parsing import ParseError, format_number, parse_matrix, parse_vector
from ui.source import source_of

EDITOR_KEY = "svm_table"
LABELS_KEY = "svm_labels"
URL_KEYS = ("svm_classes", "svm_scores", "svm_labels")
_VALID = "_svm_table_valid"
_BASE = "_svm_table_base"  # the editor's data; changes only while the editor holds no edits
_SEEN = "_svm_table_seen"
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


def _set_table(table: ScoreTable) -> None:
    """Make ``table`` the valid one and restart the editor on it (a callback)."""
    st.session_state[_VALID] = table
    st.session_state[LABELS_KEY] = labels_text(table.labels)
    st.session_state.pop(EDITOR_KEY, None)


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
    controls.mirror_in_url(to_query(table))  # the link always holds a valid table
    return table, ok


# ------------------------------------------------------------------ the page's sections
def settings() -> tuple[float, bool]:
    """The sidebar: the lecture preset, Δ and whether to show the gradient."""
    with st.sidebar:
        st.subheader("Score table")
        controls.preset_button(
            "Lecture example (Dog / Bird / Truck)",
            {"svm_delta": 1.0},
            key="svm_preset",
            help="The lecture's three images and three classes, Δ = 1",
            then=lambda: _set_table(LECTURE_TABLE),
        )
        delta = controls.slider(
            "Margin Δ", "svm_delta", min_value=0.0, max_value=30.0, default=1.0, step=0.5
        )
        show_grad = controls.toggle("Show the gradient ∂L_i/∂s", "svm_grad", default=False)
    return delta, show_grad


def table_and_losses(delta: float) -> tuple[ScoreTable, SvmBreakdown]:
    """The editable table, every L_i and L as metrics, each L_i worked out, two charts."""
    st.latex(r"L_i = \sum_{j \neq y_i} \max(0,\ s_j - s_{y_i} + \Delta)")
    edit_col, numbers_col = st.columns([3, 2], gap="large")
    with edit_col:
        table, _ = score_table_editor()
        add_col, remove_col = st.columns(2)
        add_col.button("➕ Add an image", key="svm_add_image", on_click=add_image)
        remove_col.button("➖ Remove the last image", key="svm_remove_image", on_click=remove_image)
        st.caption(
            "Add a class with the + below the table's last row; remove one by ticking its row "
            "and pressing the bin. Labels count class rows from 0."
        )
    result = svm_breakdown(table.per_image, table.labels, margin=delta)
    with numbers_col:
        cols = st.columns(min(len(result.losses), 4))
        for i, loss in enumerate(result.losses):
            cols[i % len(cols)].metric(
                f"L{i + 1} (true: {table.classes[table.labels[i]]})", num(loss)
            )
        st.metric("Batch loss L = mean of L_i", num(result.batch_loss, 4))

    digits = decimals_for(table.scores)
    for i, (scores, label) in enumerate(zip(table.per_image, table.labels, strict=True)):
        st.latex(
            rf"\text{{image {i + 1} (true class: {table.classes[label]})}}\quad "
            + hinge_sum(str(i + 1), scores, label, result.terms[i], result.losses[i], delta, digits)
        )
    st.latex(batch_mean(result.losses, result.batch_loss))

    left, right = st.columns(2)
    with left:
        st.plotly_chart(
            terms_heatmap(result.terms, table.labels, table.classes, table.image_names),
            key="svm_terms",
            theme=None,
        )
    with right:
        st.plotly_chart(
            loss_bars(
                result.losses, result.batch_loss, table.image_names, table.labels, table.classes
            ),
            key="svm_losses",
            theme=None,
        )
    return table, result


def gradient(table: ScoreTable, result: SvmBreakdown) -> None:
    """The gradient dL_i/ds: the formula, each image's vector and a heatmap."""
    st.subheader("The gradient ∂L_i/∂s")
    st.latex(
        r"\frac{\partial L_i}{\partial s_j} = \mathbb{1}[s_j - s_{y_i} + \Delta > 0]\ (j \neq y_i),"
        r"\qquad \frac{\partial L_i}{\partial s_{y_i}} = -\sum_{j \neq y_i}"
        r" \mathbb{1}[s_j - s_{y_i} + \Delta > 0]"
    )
    st.latex(
        r",\quad ".join(
            rf"\frac{{\partial L_{{{i + 1}}}}}{{\partial \mathbf{{s}}}} = {vector(g)}"
            for i, g in enumerate(result.grad)
        )
    )
    st.plotly_chart(
        gradient_heatmap(result.grad, table.labels, table.classes, table.image_names),
        key="svm_grad_chart",
        theme=None,
    )


def loops_vs_vectorized(table: ScoreTable, result: SvmBreakdown, delta: float) -> None:
    """The loop version beside the vectorized one, both run on the current table."""
    with st.expander("How is it computed? Loops as the formula reads vs one vectorized pass"):
        naive = svm_loss_naive(table.per_image, table.labels, margin=delta)
        st.markdown(
            "Both give the batch loss of the table above: "
            f"**{num(naive, 6)}** with loops, **{num(result.batch_loss, 6)}** vectorized. "
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
        st.caption(f"For question 2: the table has K = {k} classes and Δ = {num(delta)}.")
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
    solved = svm_quiz(table.per_image, table.labels, margin=delta)
    first = table.classes[table.labels[0]]
    increase = solved.all_classes_increase
    quiz.verdicts(
        [
            (
                quiz.answer_matches(q_min, float(solved.lowest.max())),
                f"1a. The minimum is {num(solved.lowest.max())}: raise image 1's {first} score "
                f"to {num(solved.raised_correct[0])} (the best other score + Δ) and L1 becomes "
                f"{num(solved.lowest[0])}.",
            ),
            (
                q_max == NO_MAXIMUM,
                f"1b. There is no maximum: lower image 1's {first} score by 100 and L1 grows "
                f"from {num(result.losses[0])} to {num(solved.lowered[0])}, by up to "
                f"K − 1 = {k - 1} per unit.",
            ),
            (
                quiz.answer_matches(q_zero, solved.zero_scores),
                f"2. L_i = (K − 1) Δ = {num(solved.zero_scores)}: each of the {k - 1} wrong "
                f"classes adds max(0, 0 − 0 + Δ) = {num(delta)}.",
            ),
            (
                quiz.answer_matches(q_all, float(increase[0]))
                and bool(np.allclose(increase, increase[0])),
                f"3. Every L_i grows by {num(increase[0])} = Δ: the extra term is "
                f"max(0, s_yi − s_yi + Δ). Here the losses would be "
                f"{', '.join(num(v) for v in result.losses + increase)}.",
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
    st.plotly_chart(
        binary_equivalence(DEMO_X, demo.multiclass, demo.binary), key="svm_binary", theme=None
    )
    st.markdown(
        "**The regularizers differ.** The multiclass SVM penalizes both rows of W, the binary "
        "SVM only their difference:"
    )
    st.latex(
        rf"\|w_0\|^2 + \|w_1\|^2 = {num(multi_pen)} \quad\text{{vs}}\quad "
        rf"\|w\|^2 = {num(binary_pen)}"
        rf"\qquad \min_{{w_1 - w_0 = w}} \|w_0\|^2 + \|w_1\|^2"
        rf" = \tfrac{{1}}{{2}}\|w\|^2 = {num(split_pen)}"
    )
    st.caption(
        "The loss sees only w = w₁ − w₀, so a trained multiclass SVM splits it as w₁ = w/2, "
        "w₀ = −w/2: its λ‖W‖² becomes (λ/2)‖w‖², the binary SVM with half the λ."
    )
