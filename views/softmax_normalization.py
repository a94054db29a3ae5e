"""Softmax vs standard normalization: scale, sign, shift and temperature, side by side."""

import streamlit as st

from sections import softmax_normalization as sections
from ui import presenter

presenter.header(
    "Softmax vs standard normalization",
    "Both turn scores into numbers that sum to 1. **Standard normalization** `s / Σ s` only "
    "looks at proportions, so `[1, 2]` and `[10, 20]` give the same answer. **Softmax** "
    "`e^s / Σ e^s` reacts to how *strong* the scores are: weak stimulation (a blurry image) "
    "gives a nearly uniform distribution, strong stimulation (a crisp image) a nearly one-hot one.",
    lesson=(
        "**Softmax** reacts to how *strong* the scores are; **standard normalization** only to "
        "their proportions."
    ),
)

scores, scale, shift, temperature = sections.settings()
st.header("1 · Turn up the stimulation")
scaled = sections.stimulation(scores, scale)
st.header("2 · Every stimulation at once")
sections.every_stimulation(scores, scale)
st.header("3 · Negative scores and adding a constant")
sections.signs_and_shift(scores, scale, shift, scaled)
st.header("4 · Temperature")
sections.temperature(scores, temperature)
