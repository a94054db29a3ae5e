"""Sections of the softmax cross-entropy page (views/cross_entropy.py), one function each."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.pages.cross_entropy import (
    LECTURE_ROWS,
    CrossEntropyParts,
    compare_versions,
    cross_entropy_parts,
    grade_quiz,
    largest_safe_score,
    limit_text,
    losses_vs_gap,
    overflow_sweep,
    quiz_answers,
    shift_proof,
    slide_rounding,
    slide_v2_side_effect,
    smallest_normal_score,
    smallest_visible_score,
    softmax_v2,
    softmax_vs_svm,
    two_class_probabilities,
)
from figures.cross_entropy import (
    logistic_overlay,
    losses_vs_gap_figure,
    overflow_figure,
    probability_bars,
)
from ui import charts, controls, quiz
from ui.latex import num, paren, vector
from ui.live_chart import frozen, live_chart, slider_values
from ui.parsing import ParseError, format_number, format_vector, parse_matrix
from ui.source import source_of
from ui.text import markdown_table

SLIDE_V1 = """def softmax1(s, y):
    p = np.exp(s[y]) / np.sum(np.exp(s))
    return p"""
SLIDE_V2 = """def softmax2(s, y):
    s -= np.max(s)
    p = np.exp(s[y]) / np.sum(np.exp(s))
    return p"""
MARGIN_STEP = 0.5
MARGINS = slider_values(0.5, 10.0, MARGIN_STEP)  # every Δ the slider can take
MIN_OPTIONS = ("−∞", "−1", "0", "1")
MIN_VALUES = {"−∞": -np.inf, "−1": -1.0, "0": 0.0, "1": 1.0}
MAX_OPTIONS = ("1", "log K", "K", "no maximum (+∞)")
X_GRID = np.linspace(-6.0, 6.0, 200)
DTYPES = ("float32", "float64")
MAX_TERMS = 4  # terms written out in a sum before "+ ⋯"
TABS = (  # the page's parts after the loss, one tab each (views/cross_entropy.py)
    "2 · Two implementations",  # short: all four fit side by side at 1280 px
    "3 · Quiz 2",
    "4 · K = 2: logistic regression",
    "5 · Softmax vs SVM",
)


PRESETS = (  # (button, key, scores, dtype)
    ("Lecture: [10, 9, 9]", "ce_p_lecture", "10, 9, 9", "float64"),
    ("Overflow: [1000, 999, 998]", "ce_p_overflow", "1000, 999, 998", "float64"),
    ("float32 overflow: [100, 99, 98]", "ce_p_float32", "100, 99, 98", "float32"),
    ("Underflow: [-1000, -1001, -1002]", "ce_p_underflow", "-1000, -1001, -1002", "float64"),
)


def settings() -> tuple[np.ndarray, int, str]:
    """The sidebar: presets, the scores, the correct class and the float type."""
    with controls.sidebar():
        st.subheader("Scores")
        for label, key, scores, dtype in PRESETS:
            controls.preset_button(
                label, {"ce_scores": scores, "ce_label": 0, "ce_dtype": dtype}, key=key
            )
        scores = controls.scores_input(
            "ce_scores", default="10, 9, 9", example="10, 9, 9 or 1000, 999, 998"
        )
        k = scores.shape[0]
        if st.session_state.get("ce_label", 0) > k - 1:
            st.session_state["ce_label"] = k - 1  # fewer classes than before: keep it valid
        label = int(
            controls.number_input(
                f"Correct class y (0 to {k - 1})",
                "ce_label",
                min_value=0,
                max_value=k - 1,
                default=0,
                step=1,
            )
        )
        dtype = controls.radio("Floating-point type", "ce_dtype", DTYPES[::-1], default="float64")
    return scores, label, dtype


def _sum_of(terms: list[str]) -> str:
    """``a + b + c`` in LaTeX, cut to ``MAX_TERMS`` terms and ``+ ⋯``."""
    shown = " + ".join(terms[:MAX_TERMS])
    return shown + (r" + \cdots" if len(terms) > MAX_TERMS else "")


def _parse_rows(text: str) -> np.ndarray:
    """The student's extra table rows: ``"10, 7, 5; 10, 9, 9"``; an empty field means none."""
    if not text.strip():
        return np.empty((0, 0))
    rows = parse_matrix(
        text, name="Your rows", max_rows=10, max_cols=10, min_value=-1e300, max_value=1e300
    )
    if rows.shape[1] < 2:
        raise ParseError("Your rows: each row needs at least two scores (correct class first).")
    return rows


def loss_formula(scores: np.ndarray, label: int, parts: CrossEntropyParts) -> str:
    """The loss as defined, then in the log domain the app computes it in, with the numbers.

    ``-log(p)`` is written only when ``p_y`` is a normal float: for [1e300, -1e300]
    with y = 1 it underflows to 0 and ``-log(0)`` would read as infinite.
    """
    exps = [rf"e^{{{num(v)}}}" for v in scores]
    # One step a line: the block sits in half a projector's width beside the chart.
    lines = [
        r"L_i &= -\log\left(\frac{e^{s_{y_i}}}{\sum_j e^{s_j}}\right)",
        rf"&= -\log\left(\frac{{{exps[label]}}}{{{_sum_of(exps)}}}\right)",
    ]
    if not parts.p_is_normal:
        lines.append(r"&\qquad \text{(}p_{y_i}\text{ is too small for float64)}")
    elif parts.p_correct > 0.9999:
        lines.append(rf"&= -\log\left(1 - {num(parts.p_rest, 3)}\right)")
    else:
        lines.append(rf"&= -\log\left({num(parts.p_correct)}\right)")
    shifted = [rf"e^{{{num(v)}}}" for v in parts.shifted]
    lines += [
        r"[6pt] &= (m - s_{y_i}) + \log \sum_j e^{s_j - m}",
        rf"&\qquad m = \max_j s_j = s_{{{parts.top_index}}} = {num(parts.top)}",
        rf"[6pt] &= ({num(parts.top)} - {paren(scores[label])})"
        rf" + \log\left({_sum_of(shifted)}\right)",
        rf"&= {num(parts.gap)} + \log\left(1 + {num(parts.rest_exp)}\right)"
        rf" = {num(parts.loss, 4)}",
    ]
    return r"\begin{aligned}" + r"\\".join(lines) + r"\end{aligned}"


def loss(scores: np.ndarray, label: int) -> None:
    """The loss with the student's numbers substituted, the probabilities and the loss.

    Chart and formula side by side, so the chart is on a 1280 x 720 projector's first screen.
    """
    parts = cross_entropy_parts(scores, label)
    left, right = st.columns(2, gap="medium")
    charts.plotly_chart(left, probability_bars(parts.probs, label), key="ce_probs")
    right.latex(loss_formula(scores, label, parts))
    loss_card, p_card = right.columns(2)
    loss_card.metric("Loss L_i", f"{parts.loss:.4g}")
    p_card.metric(f"p of class {label}", f"{parts.p_correct:.4g}")
    right.caption(
        "The last lines are how the app computes it: no exponent is positive, so nothing "
        "overflows (scores within ±1e300 work), and log(1 + r) keeps a tiny r, so the loss "
        "is never rounded to 0 while float64 can hold it."
    )


def versions(scores: np.ndarray, label: int, dtype: str) -> None:
    """The slide's version 1 and 2 side by side in ``dtype``, where 1 breaks, the proof."""
    st.markdown("The lecture's two implementations of softmax: **which would you use?**")
    try:
        versions = compare_versions(scores, dtype)
    except ValueError as exc:
        st.warning(f"{exc} Comparing in float64 instead.")
        dtype = "float64"
        versions = compare_versions(scores, dtype)
    col1, col2 = st.columns(2)
    with col1:
        st.markdown("**Version 1** (the lecture's first slide)")
        st.code(SLIDE_V1, language="python", wrap_lines=True)
        st.latex(rf"p_{{\text{{v1}}}} = {vector(versions.v1)}")
    with col2:
        st.markdown("**Version 2** (subtract the max first)")
        st.code(SLIDE_V2, language="python", wrap_lines=True)
        st.latex(rf"p_{{\text{{v2}}}} = {vector(versions.v2)}")
    if versions.v1_ok:
        st.success(
            f"In {dtype}, version 1 works for these scores and the two agree: "
            f"the largest difference is {versions.max_abs_diff:.3g}."
        )
    else:
        st.warning(
            f"**Version 1 breaks here** ({dtype}): {versions.reason}. "
            "That is the lesson, not a bug in the app: version 2 gives proper probabilities."
        )
    st.markdown(
        "**Where version 1 breaks**: each edge found by stepping through the representable "
        "numbers of the type; a warning above uses the same values."
    )
    st.markdown(
        markdown_table(
            {
                "type": list(DTYPES),
                "exp overflows to inf above": [limit_text(largest_safe_score(d)) for d in DTYPES],
                "exp is subnormal below": [limit_text(smallest_normal_score(d)) for d in DTYPES],
                "exp is 0 below (all scores there: 0 / 0)": [
                    limit_text(smallest_visible_score(d)) for d in DTYPES
                ],
            }
        )
    )
    st.caption(
        "Where subnormals matter: between the last two columns exp(s) is not 0 but a subnormal "
        "number, with fewer significant digits the lower it is. If your largest score lies "
        "there, version 1 still returns numbers, but inaccurate ones (the grey band below)."
    )
    high, low = largest_safe_score(dtype), smallest_visible_score(dtype)
    sweep = overflow_sweep(scores, label, np.linspace(1.25 * low, 1.25 * high, 200), dtype)
    charts.plotly_chart(
        st,
        overflow_figure(
            sweep.largest, sweep.v1, sweep.v2, high, dtype, low, smallest_normal_score(dtype)
        ),
        key="ce_overflow",
    )
    st.caption(
        "Adding the same t to every score never changes softmax (version 2: one flat line). "
        f"Where version 1 gives a number, it matches version 2 to within {sweep.max_abs_diff:.2g}."
    )

    st.subheader("Why version 2 is correct, with your numbers")
    proof = shift_proof(scores, label)
    m = num(proof.top)
    shifted_terms = [rf"e^{{{num(v)} - {paren(proof.top)}}}" for v in scores]
    st.latex(
        r"\begin{aligned}"
        rf"m &= \max_j s_j = s_{{{proof.top_index}}} = {m}\\[6pt]"
        rf"\frac{{e^{{s_{{y}} - m}}}}{{\sum_j e^{{s_j - m}}}} &= "
        rf"\frac{{{shifted_terms[label]}}}{{{_sum_of(shifted_terms)}}} = "
        rf"\frac{{{num(proof.exps[label])}}}{{{_sum_of([num(v) for v in proof.exps])}}} = "
        rf"{num(proof.p)}\\[6pt]"
        r"&= \frac{e^{s_y} / e^{m}}{\sum_j e^{s_j} / e^{m}} = \frac{e^{s_y}}{\sum_j e^{s_j}}"
        r"\end{aligned}"
    )
    st.markdown(
        "Every shifted score is ≤ 0, so every `exp` lies in (0, 1] and one of them is exactly 1: "
        "the sum is between 1 and K, never inf, never 0."
    )
    p_after, after = slide_v2_side_effect(scores, label)
    uint_p, uint_after = slide_v2_side_effect([1, 2], 0, dtype="uint8")
    st.info(
        "**The slide's version 2 has a side effect.** `s -= np.max(s)` subtracts *in place*: the "
        f"caller's own array changes. Called on your scores, it returns "
        f"{format_number(p_after, 4)} and leaves the array as [{format_vector(after)}]. On an "
        "unsigned integer array it wraps around: "
        f"uint8 [1, 2] becomes [{format_vector(uint_after)}] and the answer is "
        f"{format_number(uint_p, 4)} "
        f"instead of {float(softmax_v2([1, 2], 0)):.4g}. The app's version computes `s - max(s)` "
        "into a new float array, so neither happens:"
    )
    with st.expander("The app's version 2 (core/pages/cross_entropy.py)"):
        st.code(source_of(softmax_v2), language="python")


def quiz_2() -> None:
    """Quiz 2 with K as a control: answers committed with a button, then graded live."""
    st.latex(r"L_i = -\log\left(\frac{e^{s_{y_i}}}{\sum_j e^{s_j}}\right)")
    num_classes = controls.slider(
        "K, the number of classes", "ce_k", min_value=2, max_value=100, default=10, step=1
    )
    with st.form("ce_quiz"):
        st.markdown(
            f"1. What is the minimum and the maximum possible value of L_i?\n"
            f"2. All K = {num_classes} scores start equal, s = [1, 1, …, 1]. What is the loss?"
        )
        q_min = quiz.choice_answer("1a. Minimum of L_i", "ce_q_min", MIN_OPTIONS, horizontal=True)
        q_max = quiz.choice_answer("1b. Maximum of L_i", "ce_q_max", MAX_OPTIONS, horizontal=True)
        # A label that changed with K reset the answer: the label stays fixed.
        q_uniform = quiz.number_answer("2. Loss when all K scores are equal", "ce_q_uniform")
        checked = quiz.check_button("ce_quiz")
    if not checked:
        quiz.hidden_until_checked()
        return
    answers = quiz_answers(num_classes)
    max_values = {
        "1": 1.0,
        "log K": answers.log_k,
        "K": float(num_classes),
        MAX_OPTIONS[-1]: np.inf,
    }
    min_ok, max_ok, uniform_ok = grade_quiz(
        answers,
        MIN_VALUES.get(q_min, np.nan),
        max_values.get(q_max, -np.inf),
        np.nan if q_uniform is None else q_uniform,
    )
    answered = "nothing" if q_uniform is None else f"{q_uniform:.4f}"
    quiz.verdicts(
        [
            (
                min_ok,
                "1a. No minimum, but the infimum is 0, and it is never attained with finite "
                "scores: p of the correct class is below 1, so L_i = −log p > 0. When the "
                f"correct score beats the rest by {answers.sure_gap:g}, "
                f"L_i = {answers.loss_when_sure:.3g}; the larger the lead, the closer to 0.",
            ),
            (
                max_ok,
                f"1b. No maximum: when the correct score is 1000 below the rest, "
                f"L_i = {answers.loss_when_wrong:.6g}; it grows without bound.",
            ),
            (
                uniform_ok,
                f"2. Equal scores give p = 1/K for every class, so L_i = log K = "
                f"log {num_classes} = {answers.uniform_loss:.4f} (you answered {answered}). "
                "A good sanity check for the first iteration of training.",
            ),
        ]
    )


def logistic() -> None:
    """K = 2: softmax([β0 x, β1 x])_1 and sigmoid((β1 - β0) x) overlaid for the student's β."""
    beta_cols = st.columns(2)
    with beta_cols[0]:
        beta0 = controls.slider(
            "β0 (weight of class 0)",
            "ce_beta0",
            min_value=-3.0,
            max_value=3.0,
            default=0.5,
            step=0.1,
        )
    with beta_cols[1]:
        beta1 = controls.slider(
            "β1 (weight of class 1)",
            "ce_beta1",
            min_value=-3.0,
            max_value=3.0,
            default=2.0,
            step=0.1,
        )
    two = two_class_probabilities(beta0, beta1, X_GRID)
    st.latex(
        rf"\Pr(Y=1) = \frac{{e^{{{num(beta1)}\,x}}}}"
        rf"{{e^{{{num(beta0)}\,x}} + e^{{{num(beta1)}\,x}}}}"
        rf" = \frac{{1}}{{1 + e^{{-({num(beta1)} - {paren(beta0)})\,x}}}}"
        rf" = \sigma({num(two.beta)}\,x)"
    )
    charts.plotly_chart(st, logistic_overlay(X_GRID, two.softmax, two.sigmoid), key="ce_logistic")
    st.caption(
        f"Largest gap between the two curves over {X_GRID.size} points: "
        f"{two.max_abs_diff:.2g} (rounding only)."
    )


def slide_note() -> str:
    """Where the slide's table rounds, with the unrounded numbers core computes."""
    first, second, third = slide_rounding()
    return (
        "**Comparing with the slide:** its table writes p rounded to two decimals beside the "
        "loss of the *unrounded* p, so two of its equations are not literal. "
        f"−log({second.p_rounded:.2f}) is {format_number(second.log_of_rounded, 3)}: the "
        f"slide's 0.55 is {format_number(second.loss, 4)}, the loss of "
        f"p = {format_number(second.p_correct, 4)}. −log({third.p_rounded:.2f}) is "
        f"{format_number(third.log_of_rounded, 3)}: the slide's 4e−9 is "
        f"{format_number(third.loss, 3)}, the loss of p = 1 − {format_number(third.p_rest, 3)}. "
        f"Its 0.05 for [10, 7, 5] is {format_number(first.loss, 4)} rounded "
        f"(p = {format_number(first.p_correct, 4)}). The table above shows unrounded values."
    )


def _gap_figure(scores: np.ndarray, label: int, margin: float):
    """Softmax and SVM loss against the correct score's lead over the others, for margin Δ."""
    gaps = np.linspace(-5.0, max(10.0, 3.0 * margin), 200)
    ce_curve, svm_curve = losses_vs_gap(scores, label, gaps, margin=margin)
    return losses_vs_gap_figure(gaps, ce_curve, svm_curve, margin)


def versus_svm(scores: np.ndarray, label: int) -> None:
    """The lecture's softmax-vs-SVM table plus the student's rows, and both losses vs the gap."""
    margin = controls.slider(
        "SVM margin Δ", "ce_margin", min_value=0.5, max_value=10.0, default=1.0, step=MARGIN_STEP
    )
    _, extra = controls.text_input(
        "Add your own rows (correct class first; rows separated by ';')",
        "ce_rows",
        default="10, -5, -5",
        parse=_parse_rows,
        placeholder="e.g. 10, -5, -5; 10, 9.9, 9.9",
    )
    rows = list(LECTURE_ROWS) + list(extra)
    table = softmax_vs_svm(rows, margin=margin)
    st.markdown(
        markdown_table(
            {
                "from": ["lecture"] * len(LECTURE_ROWS) + ["yours"] * len(extra),
                "scores (correct first)": [f"[{format_vector(r.scores)}]" for r in table],
                "p(correct)": [f"{r.p_correct:.4g}" for r in table],
                "softmax loss −log p": [f"{r.cross_entropy:.3g}" for r in table],
                f"SVM loss (Δ = {margin:g})": [f"{r.svm:.4g}" for r in table],
            }
        )
    )
    st.info(slide_note())
    st.markdown(
        "**How should a car classifier score a truck image?** The SVM only asks that the correct "
        "score beat every other by Δ; after that it does not care whether the others are "
        "[10, −5, −5] or [10, 9, 9]. Cross-entropy is never fully satisfied: it keeps pushing the "
        "correct class further ahead."
    )
    live_chart(
        st,
        lambda m: _gap_figure(scores, label, m),
        key="ce_gap",
        slider="ce_margin",
        value=margin,
        values=MARGINS,
        inputs=frozen(scores, label),
    )
    st.caption(
        f"Your scores with the correct score (class {label}) moved; the other scores stay fixed."
    )
