"""The SVM margin: one image's scores, the Δ band, the hinge, why Δ's value is arbitrary."""

import numpy as np
import streamlit as st

from core.svm import margin_view, scale_check
from ui import controls
from ui.latex import num
from ui.svm_cached import DELTAS, margin_charts, regions_chart, train
from ui.svm_latex import decimals_for, fixed_vector, hinge_sum

LECTURE_SCORES = "15, -3, 7"

st.title("The SVM margin Δ")
st.markdown(
    "The multiclass SVM wants the correct class's score to beat every other score by at "
    "least a **margin Δ**. A wrong class whose score falls inside the band of width Δ below "
    "the correct score (or above it) adds its distance past the band's lower edge to the loss. "
    "Change the scores, the label and Δ, or load the lecture's examples."
)

with st.sidebar:
    st.subheader("Lecture examples: s = [15, −3, 7]")
    cols = st.columns(2)
    for i, (delta, label) in enumerate([(1.0, 0), (1.0, 1), (20.0, 0), (20.0, 1)]):
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
    st.session_state["_svmm_valid"] = (scores_in, label_in)
else:
    st.error(
        f"The true class {label_in} is not a class of these {scores_in.shape[0]} scores: "
        f"pick a label in [0, {scores_in.shape[0]}). The charts show the last valid input."
    )
scores, label = st.session_state.get("_svmm_valid", (np.array([15.0, -3.0, 7.0]), 0))

view = margin_view(scores, label, margin=delta)
digits = decimals_for(scores)
st.latex(
    r"L_i = \sum_{j \neq y_i} \max(0,\ s_j - s_{y_i} + \Delta)"
    rf"\qquad \mathbf{{s}} = {fixed_vector(scores, digits)},\ "
    rf"y_i = {label},\ \Delta = {num(delta)}"
)
st.latex(hinge_sum("i", scores, label, view.terms, view.loss, delta, digits))

line_chart, hinge_chart = margin_charts(scores, label, delta)
left, right = st.columns(2)
left.plotly_chart(line_chart, key="svmm_line", theme=None)
right.plotly_chart(hinge_chart, key="svmm_hinge", theme=None)
inside = int(view.inside.sum())
st.caption(
    f"{inside} wrong class(es) inside the band [{num(view.band[0])}, {num(view.band[1])}] "
    "add to the loss; the others are already beaten by at least Δ and cost 0."
)

st.header("Why the value of Δ is arbitrary")
st.markdown(
    "Scores come from weights, s = Wx, and weights can be scaled. Multiply every score and Δ "
    "by c > 0: every comparison s_j − s_y + Δ is multiplied by c, so the predicted class is "
    "the same and the loss is c times as large."
)
factor = controls.slider(
    "Scale factor c", "svmm_scale", min_value=0.1, max_value=5.0, default=2.0, step=0.1
)
check = scale_check(scores, label, margin=delta, factor=factor)
st.latex(
    rf"L_i(c\,\mathbf{{s}};\ c\Delta) = L_i({num(factor)}\,\mathbf{{s}};\ {num(factor * delta)})"
    rf" = {num(check.scaled_loss)} = {num(factor)} \times {num(check.loss)}"
    rf"\qquad \arg\max_j\, c\,s_j = {check.scaled_prediction} = \arg\max_j\, s_j"
)

st.subheader("Δ and λ trade off: train a linear SVM for several Δ")
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

_, _, fits, _, agreement, train_acc = train(lam, compensate, seed)
st.plotly_chart(regions_chart(lam, compensate, seed), key="svmm_regions", theme=None)
rows = zip(DELTAS, fits.lams, fits.weight_norms, train_acc, agreement, strict=True)
st.markdown(
    "| Δ | λ used | ‖W‖ | ‖W‖ / Δ | training accuracy | grid cells as for Δ = 1 |\n"
    "|---:|---:|---:|---:|---:|---:|\n"
    + "\n".join(
        f"| {d:g} | {lam_d:.4g} | {norm:.4g} | {norm / d:.4g} | {acc:.1%} | {same:.1%} |"
        for d, lam_d, norm, acc, same in rows
    )
)
st.caption(
    "The weight norm grows with Δ while the regions barely move. With λ = 0, or with λ/Δ "
    "for each run, every run is exactly Δ times the Δ = 1 run: identical regions. With a fixed "
    "λ > 0, a larger Δ acts like a stronger λ."
)
