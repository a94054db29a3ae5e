"""Sections of the training pipeline page (views/home.py)."""

from __future__ import annotations

import streamlit as st

from core.lecture import LECTURE_CLASSES, LECTURE_LABELS
from core.losses import LOSSES
from core.pages.home import PipelineRun, run_pipeline
from figures.home import loss_curve, scores_before_after
from ui import controls
from ui.latex import num

# Links shared before the losses had short ids carried their display names.
OLD_LOSS_NAMES = {entry.name: loss_id for loss_id, entry in LOSSES.items()}
IMAGE_NAMES = tuple(f"{c.lower()} image" for c in LECTURE_CLASSES)


def settings() -> tuple[str, float, int]:
    """The sidebar: the lecture preset, the loss, η and the number of steps."""
    with st.sidebar:
        st.subheader("Pipeline settings")
        controls.preset_button(
            "Lecture example",
            {"home_loss": "svm", "home_lr": 0.1, "home_steps": 1},
            key="home_preset",
            help="Multiclass SVM loss, one gradient step, learning rate 0.1",
        )
        loss = controls.selectbox(
            "Loss function",
            "home_loss",
            list(LOSSES),
            default="svm",
            labels={loss_id: entry.name for loss_id, entry in LOSSES.items()},
            aliases=OLD_LOSS_NAMES,
        )
        learning_rate = controls.slider(
            "Learning rate η", "home_lr", min_value=0.01, max_value=2.0, default=0.1, step=0.01
        )
        steps = controls.slider(
            "Gradient steps", "home_steps", min_value=0, max_value=50, default=1, step=1
        )
    return loss, learning_rate, steps


def pipeline(loss: str, learning_rate: float, steps: int) -> PipelineRun:
    """The batch loss before and after, the scores chart and the loss curve."""
    run = run_pipeline(loss, learning_rate, steps)
    name = LOSSES[loss].name
    st.markdown(
        f"**Batch loss** with {name}: "
        f"**{run.start.total:.4f}** at the start → **{run.end.total:.4f}** after {steps} step(s)."
    )
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(
            scores_before_after(
                run.start.scores,
                run.end.scores,
                LECTURE_LABELS,
                LECTURE_CLASSES,
                IMAGE_NAMES,
                steps,
            ),
            key="home_scores",
            theme=None,
        )
    with right:
        st.plotly_chart(loss_curve(run.history, name), key="home_loss_curve", theme=None)
    return run


def three_pieces(loss: str, learning_rate: float) -> None:
    """Model, loss and optimizer as three cards with their formulas."""
    model_col, loss_col, optimizer_col = st.columns(3, border=True)
    with model_col:
        st.markdown("**1 · Model**: a linear score function")
        st.latex(r"s = W x + b,\quad W \in \mathbb{R}^{3 \times 4}")
        st.caption(
            "Each image is 4 pixels; W was fitted so the start scores are the lecture's table."
        )
    with loss_col:
        st.markdown(f"**2 · Loss**: {LOSSES[loss].name}")
        st.latex(LOSSES[loss].formula)
    with optimizer_col:
        st.markdown("**3 · Optimizer**: gradient descent")
        st.latex(
            r"W \leftarrow W - \eta\, \frac{\partial L}{\partial W},\quad \eta = "
            + num(learning_rate)
        )


def batch_loss(run: PipelineRun, steps: int) -> None:
    """The batch loss as the mean of the per-image losses, at the start and after training."""
    st.markdown("**The batch loss** is the mean of the per-image losses:")
    for label, result in (
        (r"\text{start}", run.start),
        (rf"\text{{after {steps} step(s)}}", run.end),
    ):
        per_image = " + ".join(num(v) for v in result.per_sample)
        st.latex(rf"L_{{{label}}} = \frac{{1}}{{3}}\left({per_image}\right) = {num(result.total)}")
    st.caption(
        "A large learning rate can overshoot and make the loss go up: try η = 2 with 10 steps."
    )


def page_links() -> None:
    """Links to every concept page."""
    st.subheader("Explore each piece")
    st.page_link("views/svm_loss.py", label="Multiclass SVM loss: the score table, term by term")
    st.page_link("views/svm_margin.py", label="The SVM margin Δ: why its value is arbitrary")
    st.page_link("views/softmax_normalization.py", label="Softmax vs standard normalization")
    st.page_link(
        "views/cross_entropy.py", label="Softmax cross-entropy: stable softmax, quiz, vs SVM"
    )
