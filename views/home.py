"""Home: the training pipeline (model -> scores -> loss -> optimizer) on the lecture batch."""

import streamlit as st

from sections import home as sections

st.title("The training pipeline")
st.markdown(
    "Training a classifier means choosing three things: a **model** that turns an image "
    "into class scores, a **loss** that says how bad those scores are, and an **optimizer** "
    "that nudges the weights to lower the loss. Below, the lecture's three images "
    "(dog, bird, truck) go through all three: change the loss or the learning rate and "
    "step the optimizer."
)

loss, learning_rate, steps = sections.settings()
run = sections.pipeline(loss, learning_rate, steps)
sections.three_pieces(loss, learning_rate)
sections.batch_loss(run, steps)
sections.page_links()
