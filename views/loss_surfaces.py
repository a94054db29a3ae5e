"""Cross-entropy vs MSE: the two loss surfaces of a small network (Glorot & Bengio 2010, Fig. 5)."""

import streamlit as st

from sections import loss_surfaces as sections

st.title("Cross-entropy vs MSE surfaces")
st.markdown(
    "The loss of a one-hidden-layer network with a sigmoid output over one first-layer weight "
    "**W1** and one output weight **W2**: cross-entropy black, MSE red, as in Glorot & Bengio "
    "(2010, Fig. 5). Drag to rotate; gradient descent runs on both from one start."
)

settings = sections.settings()
sections.explore(settings)
