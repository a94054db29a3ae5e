"""The multiclass SVM loss: editable score table, hinge terms, gradient, Quiz 1, K = 2."""

import streamlit as st

from sections import svm_loss as sections
from ui import presenter

presenter.header(
    "The multiclass SVM loss",
    "For one image with true class y_i, the loss adds up, over every **wrong** class j, how far "
    "its score s_j comes within the margin Δ of the correct score. Edit the lecture's scores "
    "below (rows are classes, columns are images) in the grid or as text, and watch every term "
    "and loss follow.",
    lesson=(
        "The SVM loss is **zero** once the correct class beats every other class by the margin "
        "**Δ**; each class inside the margin adds its shortfall."
    ),
)

delta, show_grad = sections.settings()
table, result = sections.table_and_losses(delta)
if show_grad:
    sections.gradient(table, result)
sections.loops_vs_vectorized(table, result, delta)
st.header("Quiz 1 (from the lecture)")
sections.quiz_1(table, result, delta)
st.header("K = 2: the multiclass SVM is the binary SVM")
sections.two_classes()
