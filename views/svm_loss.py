"""The multiclass SVM loss: editable score table, hinge terms, gradient, Quiz 1, K = 2."""

import numpy as np
import streamlit as st

from core.losses import svm_loss, svm_loss_naive, svm_margins
from core.svm import answer_matches, svm_breakdown, svm_quiz
from ui import controls, quiz, svm_table
from ui.latex import num, vector
from ui.source import source_of
from ui.svm_cached import gradient_chart, losses_chart, terms_chart, two_class_view
from ui.svm_latex import batch_mean, decimals_for, hinge_sum

NO_MAXIMUM = "No maximum: L_i can grow without bound"
MAX_OPTIONS = ["(K − 1) · Δ", "K · Δ", "1", NO_MAXIMUM]


st.title("The multiclass SVM loss")
st.markdown(
    "For one image with true class y_i, the multiclass SVM loss adds up, over every **wrong** "
    "class j, how far its score s_j comes within the margin Δ of the correct score. Edit the "
    "lecture's score table below (rows are classes, columns are images) and watch every term, "
    "each image's loss L_i and the batch loss L follow."
)

with st.sidebar:
    st.subheader("Score table")
    st.button(
        "Lecture example (Dog / Bird / Truck)",
        key="svm_preset",
        on_click=svm_table.load,
        args=(svm_table.LECTURE_TABLE, {"svm_delta": 1.0}),
        help="The lecture's three images and three classes, Δ = 1",
    )
    delta = controls.slider(
        "Margin Δ", "svm_delta", min_value=0.0, max_value=30.0, default=1.0, step=0.5
    )
    show_grad = controls.toggle("Show the gradient ∂L_i/∂s", "svm_grad", default=False)

st.latex(r"L_i = \sum_{j \neq y_i} \max(0,\ s_j - s_{y_i} + \Delta)")
edit_col, numbers_col = st.columns([3, 2], gap="large")
with edit_col:
    table, _ = svm_table.score_table_editor()
    add_col, remove_col = st.columns(2)
    add_col.button("➕ Add an image", key="svm_add_image", on_click=svm_table.add_image)
    remove_col.button(
        "➖ Remove the last image", key="svm_remove_image", on_click=svm_table.remove_image
    )
    st.caption(
        "Add a class with the + below the table's last row; remove one by ticking its row "
        "and pressing the bin. Labels count class rows from 0."
    )

result = svm_breakdown(table.per_image, table.labels, margin=delta)
with numbers_col:
    cols = st.columns(min(len(result.losses), 4))
    for i, loss in enumerate(result.losses):
        cols[i % len(cols)].metric(f"L{i + 1} (true: {table.classes[table.labels[i]]})", num(loss))
    st.metric("Batch loss L = mean of L_i", num(result.batch_loss, 4))

digits = decimals_for(table.scores)
for i, (scores, label) in enumerate(zip(table.per_image, table.labels, strict=True)):
    st.latex(
        rf"\text{{image {i + 1} (true class: {table.classes[label]})}}\quad "
        + hinge_sum(str(i + 1), scores, label, result.terms[i], result.losses[i], delta, digits)
    )
st.latex(batch_mean(result.losses, result.batch_loss))

left, right = st.columns(2)
with left:
    st.plotly_chart(
        terms_chart(result.terms, table.labels, table.classes, table.image_names),
        key="svm_terms",
        theme=None,
    )
with right:
    st.plotly_chart(
        losses_chart(
            result.losses, result.batch_loss, table.image_names, table.labels, table.classes
        ),
        key="svm_losses",
        theme=None,
    )

if show_grad:
    st.subheader("The gradient ∂L_i/∂s")
    st.latex(
        r"\frac{\partial L_i}{\partial s_j} = \mathbb{1}[s_j - s_{y_i} + \Delta > 0]\ (j \neq y_i),"
        r"\qquad \frac{\partial L_i}{\partial s_{y_i}} = -\sum_{j \neq y_i}"
        r" \mathbb{1}[s_j - s_{y_i} + \Delta > 0]"
    )
    st.latex(
        r",\quad ".join(
            rf"\frac{{\partial L_{{{i + 1}}}}}{{\partial \mathbf{{s}}}} = {vector(g)}"
            for i, g in enumerate(result.grad)
        )
    )
    st.plotly_chart(
        gradient_chart(result.grad, table.labels, table.classes, table.image_names),
        key="svm_grad_chart",
        theme=None,
    )

with st.expander("How is it computed? Loops as the formula reads vs one vectorized pass"):
    naive = svm_loss_naive(table.per_image, table.labels, margin=delta)
    st.markdown(
        "Both give the batch loss of the table above: "
        f"**{num(naive, 6)}** with loops, **{num(result.batch_loss, 6)}** vectorized. "
        "The vectorized one is what the app uses: no Python loop over images or classes."
    )
    loops_col, vector_col = st.columns(2)
    loops_col.code(source_of(svm_loss_naive), language="python")
    vector_col.code(source_of(svm_margins) + "\n" + source_of(svm_loss), language="python")

st.header("Quiz 1 (from the lecture)")
k = len(table.classes)
st.markdown(
    "Answer, press **Check**, then change the table or Δ: the check follows the current values."
)
with st.form("svm_quiz_form"):
    q_min = quiz.number_answer("1a. What is the smallest possible value of L_i?", "svm_q_min")
    q_max = quiz.choice_answer("1b. And the largest?", "svm_q_max", MAX_OPTIONS)
    st.caption(f"For question 2: the table has K = {k} classes and Δ = {num(delta)}.")
    q_zero = quiz.number_answer(
        "2. Every score starts at 0. What is L_i for your K and Δ?", "svm_q_zero"
    )
    q_all = quiz.number_answer(
        "3. If the sum also ran over j = y_i, by how much would each L_i change?", "svm_q_all"
    )
    if st.form_submit_button("Check my answers", key="svm_quiz_check"):
        st.session_state["_svm_quiz_checked"] = True

if st.session_state.get("_svm_quiz_checked"):
    solved = svm_quiz(table.per_image, table.labels, margin=delta)
    first = table.classes[table.labels[0]]
    verdicts = [
        (
            answer_matches(q_min, float(solved.lowest.max())),
            f"1a. The minimum is {num(solved.lowest.max())}: raise image 1's {first} score to "
            f"{num(solved.raised_correct[0])} (the best other score + Δ) and L1 becomes "
            f"{num(solved.lowest[0])}.",
        ),
        (
            q_max == NO_MAXIMUM,
            f"1b. There is no maximum: lower image 1's {first} score by 100 and L1 grows from "
            f"{num(result.losses[0])} to {num(solved.lowered[0])}, by up to "
            f"K − 1 = {k - 1} per unit.",
        ),
        (
            answer_matches(q_zero, solved.zero_scores),
            f"2. L_i = (K − 1) Δ = {num(solved.zero_scores)}: each of the {k - 1} wrong classes "
            f"adds max(0, 0 − 0 + Δ) = {num(delta)}.",
        ),
        (
            answer_matches(q_all, float(solved.all_classes_increase[0]))
            and bool(np.allclose(solved.all_classes_increase, solved.all_classes_increase[0])),
            f"3. Every L_i grows by {num(solved.all_classes_increase[0])} = Δ: the extra term is "
            f"max(0, s_yi − s_yi + Δ). Here the losses would be "
            f"{', '.join(num(v) for v in result.losses + solved.all_classes_increase)}.",
        ),
    ]
    for correct, explanation in verdicts:
        if correct:
            st.success(f"Correct. {explanation}", icon="✅")
        else:
            st.error(f"Not quite. {explanation}", icon="❌")

st.header("K = 2: the multiclass SVM is the binary SVM")
st.markdown(
    "With two classes and scores s_k = w_kᵀx (bias folded in), the only wrong class gives "
    "max(0, s_other − s_y + 1) = max(0, 1 − y wᵀx) with **w = w₁ − w₀** and labels y = ±1. "
    "Pick the two classes' weights for a one-dimensional input x and compare the two losses."
)
w_cols = st.columns(4)
w0 = controls.slider(
    "w₀ slope", "svm_w0", min_value=-3.0, max_value=3.0, default=-0.5, step=0.1, where=w_cols[0]
)
b0 = controls.slider(
    "w₀ bias", "svm_b0", min_value=-3.0, max_value=3.0, default=0.5, step=0.1, where=w_cols[1]
)
w1 = controls.slider(
    "w₁ slope", "svm_w1", min_value=-3.0, max_value=3.0, default=1.0, step=0.1, where=w_cols[2]
)
b1 = controls.slider(
    "w₁ bias", "svm_b1", min_value=-3.0, max_value=3.0, default=-0.5, step=0.1, where=w_cols[3]
)
demo, demo_chart = two_class_view(w0, b0, w1, b1)
multi_pen, binary_pen, split_pen = demo.penalties
gap = num(demo.largest_gap) if demo.largest_gap > 1e-9 else r"0\ (\text{up to rounding})"
st.latex(
    rf"w = w_1 - w_0 = {vector(demo.w)},\qquad "
    rf"\max_x |L^{{\text{{multi}}}}_i - L^{{\text{{binary}}}}_i| = {gap}"
)
st.plotly_chart(demo_chart, key="svm_binary", theme=None)
st.markdown(
    "**The regularizers differ.** The multiclass SVM penalizes both rows of W, the binary "
    "SVM only their difference:"
)
st.latex(
    rf"\|w_0\|^2 + \|w_1\|^2 = {num(multi_pen)} \quad\text{{vs}}\quad \|w\|^2 = {num(binary_pen)}"
    rf"\qquad \min_{{w_1 - w_0 = w}} \|w_0\|^2 + \|w_1\|^2"
    rf" = \tfrac{{1}}{{2}}\|w\|^2 = {num(split_pen)}"
)
st.caption(
    "The loss sees only w = w₁ − w₀, so a trained multiclass SVM splits it as w₁ = w/2, w₀ = −w/2: "
    "its λ‖W‖² becomes (λ/2)‖w‖², the binary SVM with half the λ."
)
