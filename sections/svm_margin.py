"""Sections of the SVM margin page (views/svm_margin.py)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.pages.svm_margin import (
    DELTAS,
    REGION_GRID,
    MarginView,
    hinge_grid,
    margin_sweep,
    margin_view,
    scale_check,
    slide_mismatch,
    train_for_deltas,
)
from figures.svm_margin import decision_regions, hinge_curve, margin_play, number_line
from figures.theme import number_text
from ui import charts, controls
from ui.latex import decimals_for, fixed, fixed_vector, hinge_lines, num
from ui.live_chart import live_chart, slider_values
from ui.text import markdown_table

LECTURE_SCORES = "15, -3, 7"
LECTURE_CASES = [(1.0, 0), (1.0, 1), (20.0, 0), (20.0, 1)]  # (Δ, y) of the slides
_VALID = "_svmm_valid"


MAX_SCORES = 8
DELTA_STEP = 0.5
SLIDER_DELTAS = slider_values(0.0, 40.0, DELTA_STEP)  # every Δ the slider can take
PLAY_MARGINS = np.arange(0.0, 40.5, 1.0)  # the Play's Δ: the slider's range, 41 frames


def one_image() -> tuple[np.ndarray, int, float]:
    """The sidebar: the lecture's four cases, the scores, the label and Δ.

    Returns the last valid ``(scores, label)`` and Δ. A label that is not a class
    of the scores (typed 9, -1, or left behind when scores were removed) gets an
    ``st.error`` and the charts keep the last valid input. The label box has no
    bounds of its own: Streamlit's number box keeps a typed value beyond its
    bounds in the box, red, without sending it, so the page could not say so;
    and bounds that followed the scores would reset the label silently when a
    score is removed. The range the label must lie in is in its label instead.
    """
    with controls.sidebar():
        st.subheader("Lecture examples: s = [15, −3, 7]")
        cols = st.columns(2)
        for i, (delta, label) in enumerate(LECTURE_CASES):
            controls.preset_button(
                f"Δ = {delta:g}, y = {label}",
                {"svmm_scores": LECTURE_SCORES, "svmm_label": label, "svmm_delta": delta},
                key=f"svmm_preset_{delta:g}_{label}",
                where=cols[i % 2],
            )
        st.subheader("One image")
        scores_in = controls.vector_input(
            "Scores s (one per class)",
            "svmm_scores",
            default=LECTURE_SCORES,
            min_length=2,
            max_length=MAX_SCORES,
            min_value=-1000,
            max_value=1000,
        )
        k = scores_in.shape[0]
        label_in = controls.number_input(
            f"True class y_i (0 to {k - 1})",
            "svmm_label",
            min_value=None,
            max_value=None,
            default=0,
            step=1,
            help="The position of the correct class's score in s, counted from 0.",
        )
        delta = controls.slider(
            "Margin Δ", "svmm_delta", min_value=0.0, max_value=40.0, default=1.0, step=DELTA_STEP
        )
    if 0 <= label_in < k:
        st.session_state[_VALID] = (scores_in, label_in)
    scores, label = st.session_state.get(_VALID, (np.array([15.0, -3.0, 7.0]), 0))
    if not 0 <= label_in < k:
        st.error(
            f"The true class {label_in} is not a class of these {k} scores: pick a label "
            f"from 0 to {k - 1}. Showing the last valid input instead (y_i = {label})."
        )
    return scores, label, delta


def _listed(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def band_caption(view: MarginView) -> str:
    """What the band says about every wrong class: above the correct score, inside the band
    (both add to the loss), or beaten by at least Δ (adds 0). Each group is named, or "none".
    """
    low, high = (number_text(v) for v in view.band)
    delta = number_text(view.margin)

    def classes(mask: np.ndarray, with_terms: bool) -> str:
        hits = np.flatnonzero(mask)
        if hits.size == 0:
            return "none"
        return _listed(
            [
                f"s{j} = {number_text(view.scores[j])}"
                + (f" (+{number_text(view.terms[j])})" if with_terms else "")
                for j in hits
            ]
        )

    return (
        f"**Add to the loss** (not beaten by the margin): above the correct score s_y = {high}: "
        f"{classes(view.above, True)}; inside the band (s_y − Δ, s_y] = ({low}, {high}]: "
        f"{classes(view.inside, True)}.  \n**Add 0** (beaten by at least Δ = {delta}, at or "
        f"below s_y − Δ = {low}): {classes(view.beaten, False)}."
    )


def slide_note(scores: np.ndarray, label: int, delta: float) -> str | None:
    """Where the lecture's slide writes other numbers for this very case, what it writes and
    what is right, one sentence each; None when the slide agrees (or it is not its case)."""
    mismatch = slide_mismatch(scores, label, margin=delta)
    if mismatch is None:
        return None
    case = mismatch.slide
    others = [j for j in range(len(scores)) if j != label]
    written = " + ".join(number_text(v) for v in case.terms)
    right = " + ".join(number_text(mismatch.terms[j]) for j in others)
    fixes = [
        f"max(0, {number_text(scores[j])} − {_paren(scores[label])} + {number_text(delta)}) is "
        f"{number_text(mismatch.terms[j])}, not {number_text(case.terms[others.index(j)])}"
        for j in mismatch.wrong
    ]
    return (
        f"**The slide differs here.** For s = [{', '.join(number_text(v) for v in scores)}], "
        f"y = {label} and Δ = "
        f"{number_text(delta)} it writes L_i = {written} = {number_text(case.loss)}. "
        f"But {_listed(fixes)}, so L_i = {right} = {number_text(mismatch.loss)}, "
        "as computed above."
    )


def _paren(value: float) -> str:
    text = number_text(value)
    return f"({text})" if text.startswith("-") else text


def margin_band(scores: np.ndarray, label: int, delta: float) -> None:
    """The loss worked out, the scores on a number line with the band, and the hinge."""
    view = margin_view(scores, label, margin=delta)
    digits = decimals_for(scores)
    per_line = 3 if max(len(fixed(v, digits)) for v in scores) <= 5 else 2  # fits 760 px
    worked = hinge_lines("i", scores, label, view.terms, view.loss, delta, digits, per_line)
    inputs = (
        rf"\mathbf{{s}} = {fixed_vector(scores, digits)},\ y_i = {label},\ "
        rf"\Delta = {num(delta)}"
    )
    formula = r"L_i &= \sum_{j \neq y_i} \max(0,\ s_j - s_{y_i} + \Delta)"
    # the inputs beside the formula while they are short, on a row of their own after 4 scores
    rows = [formula + r"\qquad " + inputs] if len(scores) <= 4 else [formula, "&" + inputs]
    rows += [line.replace(r"L_{i} &=", "&=", 1) for line in worked]
    st.latex(r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}")
    left, right = st.columns([3, 2])
    follows_delta = dict(
        slider="svmm_delta",
        value=delta,
        values=SLIDER_DELTAS,
        inputs=(tuple(scores.tolist()), label),
    )
    live_chart(left, lambda d: _line_figure(scores, label, d), key="svmm_line", **follows_delta)
    live_chart(right, lambda d: _hinge_figure(scores, label, d), key="svmm_hinge", **follows_delta)
    st.caption(band_caption(view))
    play_sweep(scores, label, delta)
    note = slide_note(scores, label, delta)
    if note is not None:
        st.info(note)


def _line_figure(scores: np.ndarray, label: int, delta: float):
    """The scores on a number line with the band (s_y − Δ, s_y] for margin ``delta``."""
    view = margin_view(scores, label, margin=delta)
    return number_line(scores, label, view.terms, view.band)


def _hinge_figure(scores: np.ndarray, label: int, delta: float):
    """The hinge max(0, s_j − s_y + Δ) with every wrong class's point, for margin ``delta``."""
    view = margin_view(scores, label, margin=delta)
    grid, hinge_values = hinge_grid(view)
    return hinge_curve(grid, hinge_values, view.diffs, view.terms, label)


def play_sweep(scores: np.ndarray, label: int, delta: float) -> None:
    """A switch, and when on, a chart that plays Δ from 0 to 40 in the browser.

    Off by default: the chart's 41 frames change with Δ, so while shown every move of Δ
    sends and remounts them (about 17 KiB and 60-100 ms per press to paint); a lecturer
    switches it on to play the sweep (and a link keeps it on).
    """
    if not controls.toggle(
        "▶ Play Δ from 0 to 40 in a chart",
        "svmm_play",
        default=False,
        help="A chart that sweeps Δ in your browser (no server round trip) and comes back to "
        "your Δ.",
    ):
        return
    sweep = margin_sweep(scores, label, PLAY_MARGINS, current=delta)
    charts.plotly_chart(
        st,
        margin_play(scores, label, sweep.margins, sweep.terms, sweep.loss, sweep.low, sweep.index),
        key="svmm_play_chart",
    )
    st.caption(
        "▶ Play sweeps Δ from 0 to 40 in your browser and comes back to your Δ; drag the bar "
        "to scrub. The band widens, and every wrong score inside it adds its bar to the loss."
    )


def scaling(scores: np.ndarray, label: int, delta: float) -> None:
    """Scaling scores and Δ by c: the same prediction, c times the loss."""
    st.markdown(
        "Scores come from weights, s = Wx, and weights can be scaled. Multiply every score and "
        "Δ by c > 0: every comparison s_j − s_y + Δ is multiplied by c, so the predicted class "
        "is the same and the loss is c times as large."
    )
    factor = controls.slider(
        "Scale factor c", "svmm_scale", min_value=0.1, max_value=5.0, default=2.0, step=0.1
    )
    check = scale_check(scores, label, margin=delta, factor=factor)
    st.latex(
        rf"L_i(c\,\mathbf{{s}};\ c\Delta) = L_i({num(factor)}\,\mathbf{{s}};\ "
        rf"{num(factor * delta)}) = {num(check.scaled_loss)} = {num(factor)} \times "
        rf"{num(check.loss)}\qquad \arg\max_j\, c\,s_j = {check.scaled_prediction} = "
        r"\arg\max_j\, s_j"
    )


def delta_vs_lambda() -> None:
    """A linear SVM trained for Δ = 1, 5, 20: regions, weight norms and accuracies."""
    st.markdown(
        "With the L2 penalty λ‖W‖², the objective for margin Δ is Δ times the objective for "
        "margin 1 with penalty λΔ, at weights W/Δ. So a larger Δ only asks for larger weights; "
        "the decision regions stay (almost) the same. Each run below starts from W = 0 and takes "
        "300 gradient steps of size 0.05·Δ on a seeded 2D dataset."
    )
    c1, c2, c3 = st.columns(3)
    with c1:
        lam = controls.slider(
            "Regularization λ", "svmm_lambda", min_value=0.0, max_value=0.1, default=0.001,
            step=0.001, format="%.3f",
        )  # fmt: skip
    with c2:
        compensate = controls.toggle("Use λ/Δ for each run", "svmm_compensate", default=False)
    with c3:
        seed = controls.number_input(
            "Dataset seed", "svmm_seed", min_value=0, max_value=999, default=0, step=1
        )
    runs = train_for_deltas(lam, compensate, seed)
    norms = runs.fits.weight_norms
    titles = tuple(  # three short lines each: three panels fit side by side at 1280 px
        f"Δ = {d:g}:<br>‖W‖ = {n:.3g},<br>{100 * a:.1f}% same"
        for d, n, a in zip(DELTAS, norms, runs.agreement, strict=True)
    )
    charts.plotly_chart(
        st,
        decision_regions(REGION_GRID, REGION_GRID, runs.regions, runs.X, runs.y, titles),
        key="svmm_regions",
    )
    st.markdown(
        markdown_table(
            {
                "Δ": [f"{d:g}" for d in DELTAS],
                "λ used": [f"{v:.4g}" for v in runs.fits.lams],
                "‖W‖": [f"{n:.4g}" for n in norms],
                "‖W‖ / Δ": [f"{n / d:.4g}" for n, d in zip(norms, DELTAS, strict=True)],
                "training accuracy": [f"{a:.1%}" for a in runs.accuracy],
                "grid cells as for Δ = 1": [f"{a:.1%}" for a in runs.agreement],
            },
            right=True,
        )
    )
    st.caption(
        "The weight norm grows with Δ while the regions barely move. With λ = 0, or with λ/Δ "
        "for each run, every run is exactly Δ times the Δ = 1 run: identical regions. With a "
        "fixed λ > 0, a larger Δ acts like a stronger λ."
    )
