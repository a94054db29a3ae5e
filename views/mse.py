"""Mean squared error: the lecture's example, MSE vs cross-entropy, and why MSE trains
classifiers badly."""

import streamlit as st

from sections import mse as sections
from ui import presenter

presenter.header(
    "Mean squared error",
    "MSE compares the scores with a one-hot target: 1 for the correct class, 0 for the others. "
    "Below: the lecture's Car / Bird / Dog example with your numbers, MSE and cross-entropy on "
    "the same scores, and why squared error on a sigmoid or softmax output trains slowly.",
    lesson=(
        "MSE **punishes confident correct answers**, and on a sigmoid or softmax output its "
        "gradient **vanishes** when the output saturates on the wrong side."
    ),
)

scores, label, names = sections.settings()
st.header("1 · The loss with your numbers")
sections.loss(scores, label, names)
st.header("2 · MSE vs cross-entropy on the same scores")
sections.side_by_side(scores, label)
sections.versus(scores, label, names)
st.header("3 · Why MSE trains classifiers badly: vanishing gradients")
sections.saturation(scores, label)
st.header("4 · Quiz")
sections.quiz_section(scores, label)
