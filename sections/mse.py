"""Sections of the mean squared error page (views/mse.py), one function each."""

from __future__ import annotations

import re

import numpy as np
import streamlit as st

from core.pages.mse import (
    LECTURE_CLASSES,
    LECTURE_SCORES,
    OUTPUTS,
    MseParts,
    correct_score_grid,
    gradient_curves,
    gradients,
    losses_vs_correct_score,
    mse_parts,
    slide_rounding,
)
from figures.mse import gradients_figure, losses_vs_score_figure, squared_bars
from figures.theme import number_text
from ui import charts, controls, quiz
from ui.latex import num, paren
from ui.live_chart import live_chart, slider_values
from ui.parsing import MAX_TEXT, ParseError, parse_vector
from ui.text import inert

SCORES_TEXT = "1.5, -2, 1.0"  # as the slide writes them
CLASSES_TEXT = ", ".join(LECTURE_CLASSES)
CASES = (("Case 1: label Car (correct)", 0), ("Case 2: label Bird (wrong)", 1))
MAX_CLASSES = 10
MAX_NAME = 20  # characters of one class name
MAX_TERMS = 6  # terms written out in a sum before "+ ⋯"
SCORE_LIMIT = 1e4  # |score|: squares and exponentials stay well inside float64
SHIFT_LIMIT = 6.0  # the correct score moves by at most this much either way
SHIFT_STEP = 0.1
Z_GRID = np.linspace(-10.0, 10.0, 201)
OUTPUT_NAMES = {"sigmoid": "sigmoid p = σ(z)", "softmax": "softmax over your scores"}
_VALID = "_mse_valid"
_LETTER = re.compile(r"[^\W\d_]")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")  # as ui.parsing reads


def parse_classes(text: str) -> tuple[str, ...]:
    """``"Car, Bird, Dog"`` -> ``("Car", "Bird", "Dog")``: 2 to 10 names, each with a letter.

    A name needs a letter so that scores typed into the names box are caught
    (``"1, 2, 3"``); a digit class is written ``digit 7``.

    >>> parse_classes(" Car,Bird , Dog ")
    ('Car', 'Bird', 'Dog')
    """
    if len(text) > 400:
        raise ParseError(f"Class names are too long ({len(text)} characters; at most 400).")
    names = tuple(n.strip() for n in text.split(","))
    if all(_NUMBER.fullmatch(n.replace("\u2212", "-")) for n in names):
        # Scores typed into the names box: the number checks first ("1e999" is too large).
        parse_vector(text, name="Class names", max_length=MAX_TEXT)
        raise ParseError(
            f"Class names: '{text.strip()[:40]}' are numbers; write names (e.g. Car, Bird, "
            "Dog), the scores go in the box below."
        )
    if not 2 <= len(names) <= MAX_CLASSES or not all(names):
        raise ParseError(
            f"Class names: type 2 to {MAX_CLASSES} names separated by commas, none empty "
            "(e.g. Car, Bird, Dog)."
        )
    for name in names:
        if len(name) > MAX_NAME:
            raise ParseError(f"Class names: '{name}' is longer than {MAX_NAME} characters.")
        if not _LETTER.search(name):
            raise ParseError(
                f"Class names: '{name}' has no letter; write a name (e.g. digit 7), "
                "the scores go in the box below."
            )
    return names


def settings() -> tuple[np.ndarray, int, tuple[str, ...]]:
    """The sidebar: the lecture's two cases, the class names, the scores and the label.

    Returns the last valid ``(scores, label)`` and one name per score. A label
    that is not a class of the scores gets an ``st.error`` (the page keeps the
    last valid input); names that do not match the scores in number get one too,
    and the missing ones are called ``class j``.
    """
    with controls.sidebar():
        st.subheader("Lecture example: s = [1.5, −2, 1.0]")
        cols = st.columns(2)
        for i, (text, label) in enumerate(CASES):
            controls.preset_button(
                text.split(":")[0],
                {
                    "mse_scores": SCORES_TEXT,
                    "mse_classes": CLASSES_TEXT,
                    "mse_label": label,
                    "mse_shift": 0.0,
                },
                key=f"mse_case{i + 1}",
                where=cols[i],
                help=text,
            )
        st.subheader("Your sample")
        _, names_in = controls.text_input(
            "Class names (one per score)", "mse_classes", default=CLASSES_TEXT,
            parse=parse_classes,
        )  # fmt: skip
        scores_in = controls.vector_input(
            f"Scores s (2 to {MAX_CLASSES} numbers)",
            "mse_scores",
            default=SCORES_TEXT,
            min_length=2,
            max_length=MAX_CLASSES,
            min_value=-SCORE_LIMIT,
            max_value=SCORE_LIMIT,
            help=f"Numbers separated by commas, each within ±{SCORE_LIMIT:g}, e.g. 1.5, -2, 1.0",
        )
        k = scores_in.shape[0]
        label_in = controls.number_input(
            f"Correct class y_i (0 to {k - 1})",
            "mse_label",
            min_value=None,
            max_value=None,
            default=0,
            step=1,
            help="The position of the correct class's score in s, counted from 0: the one-hot "
            "target y_i has its 1 there.",
        )
    if 0 <= label_in < k:
        st.session_state[_VALID] = (scores_in, int(label_in))
    scores, label = st.session_state.get(_VALID, (np.array(LECTURE_SCORES), 0))
    if not 0 <= label_in < k:
        st.error(
            f"The correct class {label_in} is not a class of these {k} scores: pick a label "
            f"from 0 to {k - 1}. Showing the last valid input instead (y_i = {label})."
        )
    names = tuple(names_in[: scores.shape[0]]) + tuple(
        f"class {j}" for j in range(len(names_in), scores.shape[0])
    )
    if len(names_in) != scores.shape[0]:
        st.error(
            f"{len(names_in)} class names for {scores.shape[0]} scores: give one name per "
            "score, in the same order. The charts call the unnamed ones 'class j' and leave "
            "out the extra names."
        )
    return scores, label, names


def _sum_of(terms: list[str]) -> str:
    """``a + b + c`` in LaTeX, cut to ``MAX_TERMS`` terms and ``+ ⋯``."""
    shown = " + ".join(terms[:MAX_TERMS])
    return shown + (r" + \cdots" if len(terms) > MAX_TERMS else "")


def _equals(value: float) -> str:
    """``= 1.75`` when 6 significant digits write the value exactly, else ``≈ 4.08333``."""
    exact = float(f"{value:.6g}") == value
    return ("= " if exact else r"\approx ") + num(value, 6)


def mse_formula(parts: MseParts) -> str:
    """The lecture's MSE with the numbers substituted, as exact as 6 digits allow.

    Three rows, so it fits half a projector's width beside the bars.
    """
    k = parts.num_classes
    diffs = [
        rf"({num(s, 6)} - {t:.0f})^2" for s, t in zip(parts.scores, parts.targets, strict=True)
    ]
    squares = [num(v, 6) for v in parts.squared]
    return (
        r"\begin{aligned}"
        r"L_i &= \frac{1}{K}\sum_j \big(s_j - y_{i,j}\big)^2\\[4pt]"
        rf"&= \frac{{1}}{{{k}}}\Big({_sum_of(diffs)}\Big)\\[4pt]"
        rf"&= \frac{{1}}{{{k}}}\big({_sum_of(squares)}\big)"
        rf" = \frac{{{num(parts.total, 6)}}}{{{k}}} {_equals(parts.loss)}"
        r"\end{aligned}"
    )


def _listed(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def loss(scores: np.ndarray, label: int, names: tuple[str, ...]) -> None:
    """The loss with the student's numbers substituted, the terms as bars, the slide's rounding.

    The formula and the bars side by side, so the whole chart is on the first screen at
    1280 x 720; the numbers, the target and the slide's rounding sit under the formula.
    """
    parts = mse_parts(scores, label)
    left, right = st.columns([5, 4])
    charts.plotly_chart(
        right,
        squared_bars(
            names, parts.scores, parts.targets, parts.squared, parts.too_right, parts.loss
        ),
        key="mse_terms",
    )
    with left:
        st.latex(mse_formula(parts))
        a, b = st.columns(2)
        a.metric("MSE L_i", number_text(parts.loss, 6))
        b.metric(f"Correct class y_i = {label}", names[label][:MAX_NAME])
        target = ", ".join(f"{t:.0f}" for t in parts.targets)
        st.caption(
            f"One-hot target y_i = [{target}]: 1 for the correct class, 0 for every other. "
            "MSE charges the squared distance of every score from its target, whichever side "
            "it is on."
        )
        note = slide_rounding(parts.scores, label)
        if note is not None:
            st.info(
                f"**The slide rounds here.** It writes L_i = {number_text(note.written)}; "
                f"exactly, L_i = {number_text(note.total)} / {note.k} = "
                f"{number_text(note.exact, 6)}…, which is {number_text(note.written)} only "
                "when rounded to one decimal."
            )
    past = [
        f"{inert(names[j])} ({number_text(parts.scores[j])})"
        for j in np.flatnonzero(parts.too_right)
    ]
    if past:
        st.caption(
            f"**Charged for being right:** {_listed(past)} "
            f"{'is' if len(past) == 1 else 'are'} already past the target on the right "
            "side (the correct class above 1, a wrong class below 0), and MSE still adds "
            "the squared distance (light bars)."
        )


def _cross_entropy_formula(scores: np.ndarray, label: int, value: float) -> str:
    exps = [rf"e^{{{num(v)}}}" for v in scores]
    return (
        rf"L_i^{{\text{{CE}}}} = -\log\frac{{{exps[label]}}}{{{_sum_of(exps)}}}"
        rf" = {num(value, 4)}"
    )


def _mse_short_formula(parts: MseParts) -> str:
    squares = [num(v, 4) for v in parts.squared]
    return (
        rf"L_i^{{\text{{MSE}}}} = \tfrac{{1}}{{{parts.num_classes}}}\big({_sum_of(squares)}\big)"
        rf" = {num(parts.loss, 4)}"
    )


def side_by_side(scores: np.ndarray, label: int) -> None:
    """MSE and cross-entropy on the same (typed) scores, each with its numbers substituted."""
    parts = mse_parts(scores, label)
    left, right = st.columns(2)
    with left:
        st.markdown("**Mean squared error**")
        st.latex(_mse_short_formula(parts))
        st.metric("MSE", number_text(parts.loss, 4))
    with right:
        st.markdown("**Softmax cross-entropy**")
        st.latex(_cross_entropy_formula(parts.scores, label, parts.cross_entropy))
        st.metric("Cross-entropy", number_text(parts.cross_entropy, 4))


def versus(scores: np.ndarray, label: int, names: tuple[str, ...]) -> None:
    """Both losses as the correct score moves (the others fixed), the current value marked,
    and what the curves teach in a caption below (it does not depend on the slider)."""
    _versus_chart(scores, label, names)
    lowest = float(mse_losses_at_target(scores, label))
    st.caption(
        f"MSE is least at the target s_y = 1, where it is {number_text(lowest)} (the other "
        "scores' squares over K), and grows again above it: a more confident correct answer "
        "costs more. Cross-entropy only falls as s_y grows: a confident correct answer is what "
        "it asks for."
    )


@controls.fragment
def _versus_chart(scores: np.ndarray, label: int, names: tuple[str, ...]) -> None:
    """The page's main control and its chart, alone in a fragment.

    A key press on the slider reruns only these two elements: the numbers at the dots
    (s_y and both losses) are the chart's title, not metrics or captions beside it, as
    each further element a press redraws costs the browser time (``bench/browser.py
    --same-chart``: the chart alone costs what the bare floor page does).
    """
    shift = controls.slider(
        "Move the correct score s_y by d (the other scores stay)",
        "mse_shift",
        min_value=-SHIFT_LIMIT,
        max_value=SHIFT_LIMIT,
        default=0.0,
        step=SHIFT_STEP,
    )
    live_chart(
        st,
        lambda d: _versus_figure(scores, label, names, d),
        key="mse_curves",
        slider="mse_shift",
        value=shift,
        values=slider_values(-SHIFT_LIMIT, SHIFT_LIMIT, SHIFT_STEP),
        inputs=(tuple(scores.tolist()), label, names),
    )


def _versus_figure(scores: np.ndarray, label: int, names: tuple[str, ...], shift: float):
    """Both losses against the correct score, marked where it is moved by ``shift``."""
    original = float(scores[label])
    moved = scores.copy()
    moved[label] = original + shift
    parts = mse_parts(moved, label)
    values = correct_score_grid(original, SHIFT_LIMIT)
    mse_curve, ce_curve = losses_vs_correct_score(scores, label, values)
    return losses_vs_score_figure(
        values,
        mse_curve,
        ce_curve,
        float(moved[label]),
        (parts.loss, parts.cross_entropy),
        moved_from=(names[label], original),
    )


def mse_losses_at_target(scores: np.ndarray, label: int) -> float:
    """MSE with the correct score at its target 1 (the least MSE as s_y moves)."""
    return losses_vs_correct_score(scores, label, np.array([1.0]))[0][0]


def _gradient_formulas(output: str, z: float, scores: np.ndarray, label: int) -> str:
    """Both gradients with the numbers substituted at ``z``."""
    now = gradients(output, np.array([z]), scores, label)
    p, mse, ce = float(now.p[0]), float(now.mse[0]), float(now.ce[0])
    if output == "sigmoid":
        return (
            r"\begin{aligned}"
            rf"p &= \sigma({num(z)}) = {num(p)}\\[4pt]"
            r"\tfrac{\partial}{\partial z}(p - 1)^2 &= 2(p - 1)\,p\,(1 - p) = "
            rf"2\,({num(p)} - 1)\cdot {num(p)}\cdot {paren(1 - p)} = {num(-mse)}\\[4pt]"
            r"\tfrac{\partial}{\partial z}\big(-\log p\big) &= p - 1 = "
            rf"{num(p)} - 1 = {num(-ce)}"
            r"\end{aligned}"
        )
    k = scores.shape[0]
    return (
        r"\begin{aligned}"
        rf"p_y &= \mathrm{{softmax}}(s)_y = {num(p)},\quad K = {k}\\[4pt]"
        r"\tfrac{\partial}{\partial s_y}\tfrac1K\textstyle\sum_j (p_j - y_j)^2 &= "
        r"p_y\big(g_y - \textstyle\sum_j p_j g_j\big),\ g = \tfrac2K(p - y)"
        rf"\ \Rightarrow\ |{num(mse)}|\\[4pt]"
        r"\tfrac{\partial}{\partial s_y}\big(-\log p_y\big) &= p_y - 1 = "
        rf"{num(p)} - 1 = {num(-ce)}"
        r"\end{aligned}"
    )


@controls.fragment
def saturation(scores: np.ndarray, label: int) -> None:
    """|∂L/∂z| of a wrongly classified example under MSE (on the output) and cross-entropy.

    A fragment: its two controls rerun this section only.
    """
    cols = st.columns([2, 3])
    output = controls.radio(
        "Output", "mse_output", OUTPUTS, default="sigmoid", labels=OUTPUT_NAMES,
        horizontal=True, where=cols[0],
    )  # fmt: skip
    z = controls.slider(
        "Pre-activation z (negative: classified wrong)"
        if output == "sigmoid"
        else "z = s_y − max other score (negative: classified wrong)",
        "mse_z",
        min_value=float(Z_GRID[0]),
        max_value=float(Z_GRID[-1]),
        default=-4.0,
        step=0.5,
        where=cols[1],
    )
    curves = gradient_curves(output, Z_GRID, scores if output == "softmax" else None, label)
    now = gradients(output, np.array([z]), scores, label)
    mse, ce = float(now.mse[0]), float(now.ce[0])
    st.latex(_gradient_formulas(output, z, scores, label))
    left, right = st.columns([3, 1])
    charts.plotly_chart(
        left,
        gradients_figure(curves.z, curves.mse, curves.ce, z, (mse, ce), output),
        key="mse_grads",
    )
    with right:
        st.metric("|∂L/∂z| MSE", number_text(mse, 3))
        st.metric("|∂L/∂z| CE", number_text(ce, 3))
        if mse > 0:
            st.caption(f"Cross-entropy's gradient is {number_text(ce / mse, 3)} times MSE's here.")
    worst = gradients(output, Z_GRID[:1], scores, label)
    st.caption(
        "Here MSE is taken on the output p (a network with a sigmoid or softmax output trained "
        "with squared error), not on the raw scores as above. Its gradient carries the factor "
        f"p(1 − p): at z = {Z_GRID[0]:g}, confidently wrong, it is "
        f"{number_text(float(worst.mse[0]), 2)}, so gradient descent barely moves the example, "
        f"while cross-entropy's is {number_text(float(worst.ce[0]), 3)}: the more wrong, the "
        "harder it pushes (Glorot & Bengio 2010: cross-entropy's surface has fewer plateaus)."
    )


def quiz_section(scores: np.ndarray, label: int) -> None:
    """Two questions on the current scores, graded live once checked."""
    parts = mse_parts(scores, label)
    k = parts.num_classes
    others = [j for j in range(k) if j != label]
    s_text = ", ".join(number_text(v) for v in parts.scores)
    with st.form("mse_quiz"):
        st.markdown(
            f"For s = [{s_text}] with correct class {label}:\n"
            "1. What is the MSE loss L_i?\n"
            "2. To which value should the correct score move to make MSE as small as possible "
            "(the others fixed)?\n"
            "3. The example is classified wrong and a sigmoid output is saturated (z = −8). "
            "Which loss still gives a gradient of about 1?"
        )
        q_loss = quiz.number_answer("1. L_i", "mse_q_loss")
        q_best = quiz.number_answer("2. Best correct score s_y", "mse_q_best")
        q_grad = quiz.choice_answer(
            "3. Large gradient", "mse_q_grad", ("MSE", "cross-entropy", "both"), horizontal=True
        )
        checked = quiz.check_button("mse_quiz")
    if not checked:
        quiz.hidden_until_checked()
        return
    rest = mse_losses_at_target(scores, label)
    grads = gradients("sigmoid", np.array([-8.0]))
    quiz.verdicts(
        [
            (
                quiz.answer_matches(q_loss, parts.loss),
                f"1. L_i = ({' + '.join(number_text(v) for v in parts.squared)}) / {k} = "
                f"{number_text(parts.loss, 6)}.",
            ),
            (
                quiz.answer_matches(q_best, 1.0),
                "2. s_y = 1, the one-hot target: above it MSE grows again. There L_i = "
                f"{number_text(rest)}, from the other {len(others)} scores alone.",
            ),
            (
                q_grad == "cross-entropy",
                f"3. Cross-entropy: |p − 1| = {number_text(float(grads.ce[0]), 3)}. MSE's "
                f"2|p − 1| p (1 − p) = {number_text(float(grads.mse[0]), 2)} has vanished.",
            ),
        ]
    )
