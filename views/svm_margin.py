"""The SVM margin: one image's scores, the Δ band, the hinge, why Δ's value is arbitrary."""

import streamlit as st

from sections import svm_margin as sections
from ui import presenter

presenter.header(
    "The SVM margin Δ",
    "The multiclass SVM wants the correct score s_y to beat every other score by at least a "
    "**margin Δ**. A wrong class scoring above s_y − Δ adds its distance past that edge to the "
    "loss; one at or below it adds nothing.",
    lesson=(
        "Only wrong classes **inside the margin** count, and Δ's value is **arbitrary**: "
        "scaling the weights rescales every margin."
    ),
)

scores, label, delta = sections.one_image()
sections.margin_band(scores, label, delta)
st.header("Why the value of Δ is arbitrary")
sections.scaling(scores, label, delta)
st.subheader("Δ and λ trade off: train a linear SVM for several Δ")
sections.delta_vs_lambda()
