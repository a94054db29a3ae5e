"""Cross-entropy vs MSE: the two loss surfaces of a small network (Glorot & Bengio 2010, Fig. 5)."""

import streamlit as st

from sections import loss_surfaces as sections

st.title("Cross-entropy vs MSE: the loss surfaces")
st.markdown(
    "A network with one hidden layer and a sigmoid output, trained on seeded data: its loss "
    "as a function of one first-layer weight **W1** and one output weight **W2**, with the "
    "cross-entropy (black) and the mean squared error (red), as in Glorot & Bengio (2010, "
    "Fig. 5). Drag to rotate; gradient descent runs on both from the same start."
)

settings = sections.settings()
sections.explore(settings)
