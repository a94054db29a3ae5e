"""The multiclass SVM loss: editable score table, hinge terms, gradient, Quiz 1, K = 2."""

import streamlit as st

from sections import svm_loss as sections

st.title("The multiclass SVM loss")
st.markdown(
    "For one image with true class y_i, the multiclass SVM loss adds up, over every **wrong** "
    "class j, how far its score s_j comes within the margin Δ of the correct score. Edit the "
    "lecture's score table below (rows are classes, columns are images) and watch every term, "
    "each image's loss L_i and the batch loss L follow."
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
