"""Mean squared error: the lecture's example, MSE vs cross-entropy, and why MSE trains
classifiers badly."""

import streamlit as st

from sections import mse as sections

st.title("Mean squared error")
st.markdown(
    "MSE compares the scores with a one-hot target, 1 for the correct class and 0 for the "
    "others: **L_i = (1/K) Σ_j (s_j − y_i,j)²**. Below: the lecture's Car / Bird / Dog "
    "example with your numbers, how MSE and cross-entropy judge the same scores, and why a "
    "squared error on a sigmoid or softmax output trains a classifier slowly."
)

scores, label, names = sections.settings()
st.header("1 · The loss with your numbers")
sections.loss(scores, label, names)
st.header("2 · MSE vs cross-entropy as the correct score moves")
sections.versus(scores, label, names)
st.header("3 · Why MSE trains classifiers badly: vanishing gradients")
sections.saturation(scores, label)
st.header("4 · Quiz")
sections.quiz_section(scores, label)
