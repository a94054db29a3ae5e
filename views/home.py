"""Home: the training pipeline (model -> scores -> loss -> optimizer) on the lecture batch."""

import streamlit as st

from sections import home as sections

st.title("The training pipeline")
st.markdown(
    "Training a classifier takes three choices: a **model** that turns an image into class "
    "scores, a **loss** that says how bad they are, and an **optimizer** that nudges the "
    "weights to lower the loss. Below, the lecture's dog, bird and truck images go through "
    "all three."
)

loss, learning_rate, steps = sections.settings()
run = sections.pipeline(loss, learning_rate, steps)
sections.three_pieces(loss, learning_rate)
sections.batch_loss(run)
sections.page_links()
