"""Softmax cross-entropy: the loss with numbers, safe vs naive softmax, quiz, logistic, vs SVM."""

import streamlit as st

from sections import cross_entropy as sections

st.title("Softmax cross-entropy")
st.markdown(
    "The softmax classifier turns scores into probabilities with softmax and charges "
    "`−log` of the correct class's probability. Below: the loss with your numbers, why the "
    "lecture's first softmax implementation breaks on large scores, the quiz, the link to "
    "logistic regression, and how the loss differs from the SVM's."
)

scores, label, dtype = sections.settings()
st.header("1 · The loss with your numbers")
sections.loss(scores, label)
st.header("2 · Two implementations: which would you use?")
sections.versions(scores, label, dtype)
st.header("3 · Quiz 2")
sections.quiz_2()
st.header("4 · Two classes: softmax is logistic regression")
sections.logistic()
st.header("5 · Softmax classifier vs SVM")
sections.versus_svm(scores, label)
