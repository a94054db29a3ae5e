"""The SVM margin: one image's scores, the Δ band, the hinge, why Δ's value is arbitrary."""

import streamlit as st

from sections import svm_margin as sections

st.title("The SVM margin Δ")
st.markdown(
    "The multiclass SVM wants the correct class's score to beat every other score by at "
    "least a **margin Δ**. A wrong class whose score falls inside the band of width Δ below "
    "the correct score (or above it) adds its distance past the band's lower edge to the loss. "
    "Change the scores, the label and Δ, or load the lecture's examples."
)

scores, label, delta = sections.one_image()
sections.margin_band(scores, label, delta)
st.header("Why the value of Δ is arbitrary")
sections.scaling(scores, label, delta)
st.subheader("Δ and λ trade off: train a linear SVM for several Δ")
sections.delta_vs_lambda()
