"""Home: the training pipeline (model -> scores -> loss -> optimizer) on the lecture batch."""

import streamlit as st

from core.losses import LOSSES
from core.training import (
    LECTURE_CLASSES,
    LECTURE_LABELS,
    LECTURE_PIXELS,
    SVM,
    gradient_descent,
    lecture_model,
    objective,
)
from figures.pipeline import loss_curve, scores_before_after
from ui import controls
from ui.latex import num

st.title("The training pipeline")
st.markdown(
    "Training a classifier means choosing three things: a **model** that turns an image "
    "into class scores, a **loss** that says how bad those scores are, and an **optimizer** "
    "that nudges the weights to lower the loss. Below, the lecture's three images "
    "(dog, bird, truck) go through all three: change the loss or the learning rate and "
    "step the optimizer."
)

LOSS_NAMES = list(LOSSES)
with st.sidebar:
    st.subheader("Pipeline settings")
    controls.preset_button(
        "Lecture example",
        {"home_loss": SVM, "home_lr": 0.1, "home_steps": 1},
        key="home_preset",
        help="Multiclass SVM loss, one gradient step, learning rate 0.1",
    )
    loss_name = controls.selectbox("Loss function", "home_loss", LOSS_NAMES, default=SVM)
    learning_rate = controls.slider(
        "Learning rate η", "home_lr", min_value=0.01, max_value=2.0, default=0.1, step=0.01
    )
    steps = controls.slider(
        "Gradient steps", "home_steps", min_value=0, max_value=50, default=1, step=1
    )

W, b = lecture_model()
start = objective(W, b, LECTURE_PIXELS, LECTURE_LABELS, loss=loss_name)
W_new, b_new, history = gradient_descent(
    W, b, LECTURE_PIXELS, LECTURE_LABELS, steps=steps, learning_rate=learning_rate, loss=loss_name
)
end = objective(W_new, b_new, LECTURE_PIXELS, LECTURE_LABELS, loss=loss_name)

st.markdown(
    f"**Batch loss** with {loss_name}: "
    f"**{start.total:.4f}** at the start → **{end.total:.4f}** after {steps} step(s)."
)
left, right = st.columns([3, 2])
with left:
    st.plotly_chart(
        scores_before_after(
            start.scores,
            end.scores,
            LECTURE_LABELS,
            LECTURE_CLASSES,
            tuple(f"{c.lower()} image" for c in LECTURE_CLASSES),
            steps,
        ),
        key="home_scores",
        theme=None,
    )
with right:
    st.plotly_chart(loss_curve(history, loss_name), key="home_loss_curve", theme=None)

model_col, loss_col, optimizer_col = st.columns(3, border=True)
with model_col:
    st.markdown("**1 · Model**: a linear score function")
    st.latex(r"s = W x + b,\quad W \in \mathbb{R}^{3 \times 4}")
    st.caption("Each image is 4 pixels; W was fitted so the start scores are the lecture's table.")
with loss_col:
    st.markdown(f"**2 · Loss**: {loss_name}")
    st.latex(LOSSES[loss_name].formula)
with optimizer_col:
    st.markdown("**3 · Optimizer**: gradient descent")
    st.latex(
        r"W \leftarrow W - \eta\, \frac{\partial L}{\partial W},\quad \eta = "
        + num(learning_rate)
        + ""
    )

st.markdown("**The batch loss** is the mean of the per-image losses:")
for label, result in ((r"\text{start}", start), (rf"\text{{after {steps} step(s)}}", end)):
    per_image = " + ".join(num(v) for v in result.per_sample)
    st.latex(rf"L_{{{label}}} = \frac{{1}}{{3}}\left({per_image}\right) = {num(result.total)}")
st.caption("A large learning rate can overshoot and make the loss go up: try η = 2 with 10 steps.")

st.subheader("Explore each piece")
st.page_link("views/svm_loss.py", label="Multiclass SVM loss: the score table, term by term")
st.page_link("views/svm_margin.py", label="The SVM margin Δ: why its value is arbitrary")
st.page_link("views/softmax_normalization.py", label="Softmax vs standard normalization")
st.page_link("views/cross_entropy.py", label="Softmax cross-entropy: stable softmax, quiz, vs SVM")
