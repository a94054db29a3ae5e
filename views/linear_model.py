"""The linear model s = Wx + b, the bias trick, rows of W as lines and as image templates."""

import streamlit as st

from sections import linear_model as sections
from ui import presenter

presenter.header(
    "The linear model and the bias trick",
    "A linear classifier scores an input x with **s = W x + b**: one row of W and one entry "
    "of b per class, and the class with the highest score wins. The bias trick folds b into W "
    "as one more column: **s = [W b][x; 1]**. Then: what a row of W draws when x has two "
    "entries, and rows of W seen as images.",
    lesson=(
        "Each class's score is its **row of W** times x, plus its bias: **s = Wx + b**, and the"
        " bias trick makes it one product **[W b][x; 1]**."
    ),
)

sections.settings()
st.header("1 · s = W x + b and s = [W b][x; 1]")
sections.product()
two_inputs, images = st.tabs(["2 · Two inputs: planes, lines, regions", "3 · Images: templates"])
with two_inputs:
    st.header("2 · Two inputs: a plane per class, a line per class, regions")
    sections.planes()
with images:
    st.header("3 · Images as inputs: each row of W is a template")
    sections.images()
