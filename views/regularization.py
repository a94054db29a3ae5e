"""The regularization comparison: L1 vs L2 (and elastic net), λ, and overfitting."""

import streamlit as st

from sections import regularization as sections
from ui import presenter

presenter.header(
    "The regularization comparison: L1 vs L2",
    "The full loss adds a penalty on the weights to the data loss: "
    "**L = (1/N) Σᵢ Lᵢ + λ R(W)**. L2 (R = Σ W²) prefers small, diffuse weights; L1 "
    "(R = Σ |W|) prefers sparse ones, with many weights exactly 0; λ sets how much the "
    "penalty counts. Below: the lecture's example, the geometry that makes L1 sparse, and "
    "how a penalty stops a flexible classifier from overfitting noisy data.",
    lesson=(
        "**λR(W)** depends on the weights, not the data: **L2** prefers small, diffuse weights,"
        " **L1** sparse ones, and the right λ stops overfitting."
    ),
)

rho = sections.settings()
st.header("1 · Same score, different penalties")
sections.penalties(rho)
st.header("2 · The geometry: why L1 gives exact zeros")
sections.geometry_section(rho)
st.header("3 · Overfitting and its cure")
sections.overfitting(rho)
