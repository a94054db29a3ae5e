"""Sections of the training pipeline page (views/home.py)."""

from __future__ import annotations

import math

import streamlit as st

from core.lecture import LECTURE_CLASSES, LECTURE_LABELS
from core.losses import LOSSES
from core.pages.home import PipelineRun, run_pipeline, stable_learning_rate
from figures.home import loss_curve, scores_before_after, steps_text
from figures.theme import number_text
from ui import controls
from ui.latex import num
from ui.live_chart import live_chart, slider_values

# Links shared before the losses had short ids carried their display names.
OLD_LOSS_NAMES = {entry.name: loss_id for loss_id, entry in LOSSES.items()}
MAX_STEPS = 50
STEPS = slider_values(0, MAX_STEPS, 1)  # every step count the slider can take
IMAGE_NAMES = tuple(f"{c.lower()} image" for c in LECTURE_CLASSES)


def loss_text(value: float) -> str:
    """A batch loss in a sentence: 4 decimals (``6.1749``), or ``2.248 × 10²³`` once huge."""
    return f"{value:.4f}" if abs(value) < 1e5 else number_text(value)


def settings() -> tuple[str, float, int]:
    """The sidebar: the lecture preset, the loss, η and the number of steps."""
    with controls.sidebar():
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
            "Gradient steps", "home_steps", min_value=0, max_value=MAX_STEPS, default=1, step=1
        )
    return loss, learning_rate, steps


def divergence_warning(run: PipelineRun, loss: str, learning_rate: float, steps: int) -> None:
    """If the loss grew past its start, say so, where it began, and what to do (lower η)."""
    found = run.divergence
    if found is None:
        return
    if found.started == 0:
        course = "it rose from the very first step"
    else:
        course = f"it fell until step {found.started}, then rose at every step"
    last = float(run.history[-1])
    if math.isfinite(last):
        where = (
            f"{course} and passed its starting value {loss_text(found.bound)} at step "
            f"{found.detected} ({loss_text(last)} after {steps_text(steps)})"
        )
    else:
        where = (
            f"{course} until it overflowed (too large for a float) at step "
            f"{run.steps_done + 1}; training stopped there"
        )
    safer = stable_learning_rate(loss, learning_rate, steps)
    advice = (
        f"With η = {safer:g} this run converges: set **Learning rate η** in the sidebar to "
        f"{safer:g} or less."
        if safer is not None
        else "Set **Learning rate η** in the sidebar lower."
    )
    st.warning(
        f"**Training diverged: lower the learning rate η.** With η = {learning_rate:g} each "
        f"update overshoots the minimum, so the loss grows instead of shrinking: {where}. "
        f"{advice}",
        icon=":material/trending_up:",
    )


def pipeline(loss: str, learning_rate: float, steps: int) -> PipelineRun:
    """A divergence warning if any, the scores chart and the loss curve, the batch loss."""
    run = run_pipeline(loss, learning_rate, steps)
    divergence_warning(run, loss, learning_rate, steps)
    left, right = st.columns([3, 2])
    follows_steps = dict(
        slider="home_steps", value=steps, values=STEPS, inputs=(loss, learning_rate)
    )
    live_chart(
        left, lambda n: _scores_figure(loss, learning_rate, n), key="home_scores", **follows_steps
    )
    live_chart(
        right,
        lambda n: _loss_figure(loss, learning_rate, n),
        key="home_loss_curve",
        **follows_steps,
    )
    st.markdown(
        f"**Batch loss** with {LOSSES[loss].name}: **{loss_text(run.start.total)}** at the start "
        f"→ **{loss_text(run.end.total)}** after {steps_text(run.steps_done)}. Faded bars: the "
        "scores at the start; solid bars: after training. The outlined bar is each image's "
        "correct class: training should make it the tallest."
    )
    return run


def _scores_figure(loss: str, learning_rate: float, steps: int):
    """Every image's scores at the start (faded) and after ``steps`` gradient steps."""
    run = run_pipeline(loss, learning_rate, int(steps))
    return scores_before_after(
        run.start.scores, run.end.scores, LECTURE_LABELS, LECTURE_CLASSES, IMAGE_NAMES, int(steps)
    )


def _loss_figure(loss: str, learning_rate: float, steps: int):
    """The batch loss over ``steps`` gradient steps, where it began to diverge marked."""
    run = run_pipeline(loss, learning_rate, int(steps))
    started = None if run.divergence is None else run.divergence.started
    return loss_curve(run.history, started)


def three_pieces(loss: str, learning_rate: float) -> None:
    """Model, loss and optimizer as three cards, one below the other, with their formulas.

    One card per row: a formula as wide as the SVM's needs about 300 px, more than a
    third of the page on a 1280 px screen with the sidebar open.
    """
    cards = (
        (
            "**1 · Model**: a linear score function",
            "Each image is 4 pixels; W was fitted so the start scores are the lecture's table.",
            r"s = W x + b,\quad W \in \mathbb{R}^{3 \times 4}",
        ),
        (f"**2 · Loss**: {LOSSES[loss].name}", None, LOSSES[loss].formula),
        (
            "**3 · Optimizer**: gradient descent",
            "η, the learning rate, is the size of each step.",
            r"W \leftarrow W - \eta\, \frac{\partial L}{\partial W},\quad \eta = "
            + num(learning_rate),
        ),
    )
    for title, caption, formula in cards:
        with st.container(border=True):
            words, math = st.columns([2, 3], vertical_alignment="center")
            with words:
                st.markdown(title)
                if caption:
                    st.caption(caption)
            with math:
                st.latex(formula)


def batch_loss(run: PipelineRun) -> None:
    """The batch loss as the mean of the per-image losses, at the start and after training."""
    st.markdown("**The batch loss** is the mean of the per-image losses:")
    after = rf"\text{{after {steps_text(run.steps_done)}}}"
    for label, result in ((r"\text{start}", run.start), (after, run.end)):
        per_image = " + ".join(num(v) for v in result.per_sample)
        st.latex(rf"L_{{{label}}} = \frac{{1}}{{3}}\left({per_image}\right) = {num(result.total)}")
    st.caption(
        "A learning rate that is too large overshoots and the loss grows: try the mean squared "
        "error with η = 2."
    )


def page_links() -> None:
    """Links to every concept page."""
    st.subheader("Explore each piece")
    st.page_link("views/linear_model.py", label="The linear model s = Wx + b and the bias trick")
    st.page_link(
        "views/linear_limits.py", label="The limits of linear models: circles, XOR, a lift to R³"
    )
    st.page_link("views/svm_loss.py", label="Multiclass SVM loss: the score table, term by term")
    st.page_link("views/svm_margin.py", label="The SVM margin Δ: why its value is arbitrary")
    st.page_link(
        "views/regularization.py", label="L1 vs L2 regularization: sparse weights, overfitting"
    )
    st.page_link("views/softmax_normalization.py", label="Softmax vs standard normalization")
    st.page_link(
        "views/cross_entropy.py", label="Softmax cross-entropy: stable softmax, quiz, vs SVM"
    )
    st.page_link(
        "views/mse.py", label="Mean squared error: one-hot targets, vs cross-entropy, gradients"
    )
    st.page_link(
        "views/loss_surfaces.py", label="Cross-entropy vs MSE loss surfaces in 3D (Glorot & Bengio)"
    )
    st.page_link(
        "views/playground.py",
        label="Training playground: step, run or play gradient descent on 2D points",
    )
