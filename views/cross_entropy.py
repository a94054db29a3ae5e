"""Softmax cross-entropy: the loss with numbers, safe vs naive softmax, quiz, logistic, vs SVM."""

import streamlit as st

from ui import controls
from ui import cross_entropy_sections as sections

st.title("Softmax cross-entropy")
st.markdown(
    "The softmax classifier turns scores into probabilities with softmax and charges "
    "`−log` of the correct class's probability. Below: the loss with your numbers, why the "
    "lecture's first softmax implementation breaks on large scores, the quiz, the link to "
    "logistic regression, and how the loss differs from the SVM's."
)

with st.sidebar:
    st.subheader("Scores")
    controls.preset_button(
        "Lecture: [10, 9, 9]",
        {"ce_scores": "10, 9, 9", "ce_label": 0, "ce_dtype": "float64"},
        key="ce_p_lecture",
    )
    controls.preset_button(
        "Overflow: [1000, 999, 998]",
        {"ce_scores": "1000, 999, 998", "ce_label": 0, "ce_dtype": "float64"},
        key="ce_p_overflow",
    )
    controls.preset_button(
        "float32 overflow: [100, 99, 98]",
        {"ce_scores": "100, 99, 98", "ce_label": 0, "ce_dtype": "float32"},
        key="ce_p_float32",
    )
    controls.preset_button(
        "Underflow: [-1000, -1001, -1002]",
        {"ce_scores": "-1000, -1001, -1002", "ce_label": 0, "ce_dtype": "float64"},
        key="ce_p_underflow",
    )
    scores = controls.vector_input(
        "Scores s (2 to 10 numbers)",
        "ce_scores",
        default="10, 9, 9",
        min_length=2,
        max_length=10,
        min_value=-1e300,
        max_value=1e300,
        help="Numbers separated by commas, each within ±1e300, e.g. 10, 9, 9 or 1000, 999, 998",
    )
    k = scores.shape[0]
    if st.session_state.get("ce_label", 0) > k - 1:
        st.session_state["ce_label"] = k - 1  # fewer classes than before: keep the label valid
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
    dtype = controls.radio(
        "Floating-point type", "ce_dtype", ("float64", "float32"), default="float64"
    )

st.header("1 · The loss with your numbers")
sections.loss(scores, label)
st.header("2 · Two implementations: which would you use?")
sections.versions(scores, label, dtype)
st.header("3 · Quiz 2")
sections.quiz()
st.header("4 · Two classes: softmax is logistic regression")
sections.logistic()
st.header("5 · Softmax classifier vs SVM")
sections.versus_svm(scores, label)
