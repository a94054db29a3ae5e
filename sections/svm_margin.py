"""Sections of the SVM margin page (views/svm_margin.py)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.pages.svm_margin import (
    DELTAS,
    REGION_GRID,
    hinge_grid,
    margin_view,
    scale_check,
    train_for_deltas,
)
from figures.svm_margin import decision_regions, hinge_curve, number_line
from ui import controls
from ui.latex import decimals_for, fixed_vector, hinge_sum, num
from ui.text import markdown_table

LECTURE_SCORES = "15, -3, 7"
LECTURE_CASES = [(1.0, 0), (1.0, 1), (20.0, 0), (20.0, 1)]  # (Δ, y) of the slides
_VALID = "_svmm_valid"


def one_image() -> tuple[np.ndarray, int, float]:
    """The sidebar: the lecture's four cases, the scores, the label and Δ.

    Returns the last valid ``(scores, label)`` and Δ; a label outside the
    scores' classes gets an ``st.error`` and the charts keep the last valid input.
    """
    with st.sidebar:
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
            max_length=8,
            min_value=-1000,
            max_value=1000,
        )
        label_in = controls.number_input(
            "True class y_i", "svmm_label", min_value=0, max_value=7, default=0, step=1
        )
        delta = controls.slider(
            "Margin Δ", "svmm_delta", min_value=0.0, max_value=40.0, default=1.0, step=0.5
        )
    if label_in < scores_in.shape[0]:
        st.session_state[_VALID] = (scores_in, label_in)
    else:
        st.error(
            f"The true class {label_in} is not a class of these {scores_in.shape[0]} scores: "
            f"pick a label in [0, {scores_in.shape[0]}). The charts show the last valid input."
        )
    scores, label = st.session_state.get(_VALID, (np.array([15.0, -3.0, 7.0]), 0))
    return scores, label, delta


def margin_band(scores: np.ndarray, label: int, delta: float) -> None:
    """The loss worked out, the scores on a number line with the band, and the hinge."""
    view = margin_view(scores, label, margin=delta)
    digits = decimals_for(scores)
    st.latex(
        r"L_i = \sum_{j \neq y_i} \max(0,\ s_j - s_{y_i} + \Delta)"
        rf"\qquad \mathbf{{s}} = {fixed_vector(scores, digits)},\ "
        rf"y_i = {label},\ \Delta = {num(delta)}"
    )
    st.latex(hinge_sum("i", scores, label, view.terms, view.loss, delta, digits))
    grid, hinge_values = hinge_grid(view)
    left, right = st.columns(2)
    left.plotly_chart(
        number_line(scores, label, view.terms, view.band), key="svmm_line", theme=None
    )
    right.plotly_chart(
        hinge_curve(grid, hinge_values, view.diffs, view.terms, label),
        key="svmm_hinge",
        theme=None,
    )
    st.caption(
        f"{int(view.inside.sum())} wrong class(es) inside the band "
        f"[{num(view.band[0])}, {num(view.band[1])}] add to the loss; the others are already "
        "beaten by at least Δ and cost 0."
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
    titles = tuple(
        f"Δ = {d:g}: ‖W‖ = {n:.3g}, {100 * a:.1f}% same"
        for d, n, a in zip(DELTAS, norms, runs.agreement, strict=True)
    )
    st.plotly_chart(
        decision_regions(REGION_GRID, REGION_GRID, runs.regions, runs.X, runs.y, titles),
        key="svmm_regions",
        theme=None,
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
