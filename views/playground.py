"""The training playground: the lecture's pipeline (model, loss, optimizer), live on 2D points."""

import streamlit as st

from sections import playground as sections

st.title("Training playground")
st.markdown(
    "Pick data, a model and a loss, then **Step**, **Run** or **Play** gradient descent and "
    "watch the decision regions move and the loss fall. Every setting and the step count are "
    "in the sidebar's link."
)

setup = sections.settings()
sections.trainer(setup)
