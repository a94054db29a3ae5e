"""Softmax cross-entropy: the loss with numbers first, then safe vs naive softmax, quiz,
logistic regression and the SVM in tabs a lecturer can open directly."""

import streamlit as st

from sections import cross_entropy as sections
from ui import presenter

presenter.header(
    "Softmax cross-entropy",
    "The softmax classifier turns scores into probabilities with softmax and charges "
    "`−log` of the correct class's probability. First the loss with your numbers; the tabs "
    "below it hold why the lecture's first softmax implementation breaks on large scores, "
    "the quiz, the link to logistic regression, and how the loss differs from the SVM's.",
    lesson=(
        "Cross-entropy charges **−log** of the correct class's probability: it is never exactly"
        " zero, so softmax always wants a bit more."
    ),
)

scores, label, dtype = sections.settings()
st.header("1 · The loss with your numbers")
sections.loss(scores, label)
versions, quiz_2, logistic, versus_svm = st.tabs(sections.TABS)
with versions:
    sections.versions(scores, label, dtype)
with quiz_2:
    sections.quiz_2()
with logistic:
    sections.logistic()
with versus_svm:
    sections.versus_svm(scores, label)
