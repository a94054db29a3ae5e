"""Sections of the regularization comparison page (views/regularization.py)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.datasets import moons
from core.pages.regularization import (
    FIT_EXPONENTS,
    FIT_LAMBDAS,
    FIT_STEPS,
    GEOMETRY_EXPONENTS,
    GEOMETRY_GRID,
    HISTORY_EVERY,
    MAX_DEGREE,
    PENALTIES,
    W_STAR,
    FitRuns,
    data_loss_on,
    geometry,
    geometry_play,
    penalty_of_run,
    penalty_table,
    quadratic_loss,
    train_sweep,
)
from core.regularization import REGULARIZERS
from figures.regularization import (
    PENALTY_NAMES,
    coefficient_paths,
    fit_regions,
    geometry_figure,
    lambda_sweep,
    loss_history,
    penalty_bars,
    weight_histogram,
)
from ui import charts, controls
from ui.latex import num, vector
from ui.live_chart import frozen, live_chart
from ui.parsing import format_vector
from ui.text import markdown_table

LECTURE = {"reg_x": "1, 1, 1, 1", "reg_w1": "1, 0, 0, 0", "reg_w2": "0.25, 0.25, 0.25, 0.25"}
PENALTY_CHOICES = ("none", *PENALTIES)
CHOICE_NAMES = {"none": "none (λ = 0)", **{reg: REGULARIZERS[reg].name for reg in PENALTIES}}
REGION_GRID = np.linspace(-2.0, 3.0, 81)
_VALID = "_reg_vectors_valid"
MAX_TERMS = 6  # terms written out in a penalty's sum before "+ ⋯"


def settings() -> float:
    """The sidebar: the lecture preset and the elastic net's L1 ratio ρ."""
    with controls.sidebar():
        st.subheader("Regularization")
        controls.preset_button(
            "Lecture example: w1 vs w2",
            {**LECTURE, "reg_lam": 0.1, "reg_rho": 0.5},
            key="reg_preset",
            help="x = [1, 1, 1, 1], w1 = [1, 0, 0, 0], w2 = [0.25, 0.25, 0.25, 0.25]",
        )
        rho = controls.slider(
            "Elastic net: L1 share ρ",
            "reg_rho",
            min_value=0.0,
            max_value=1.0,
            default=0.5,
            step=0.05,
            help="R = ρ·Σ|w| + (1 − ρ)·Σw²: ρ = 1 is L1, ρ = 0 is L2",
        )
    return rho


def _vectors(cols) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x, w1 and w2 typed by the student (in ``cols``); the last valid triple when their
    lengths differ."""
    common = dict(min_length=1, max_length=20, min_value=-1e6, max_value=1e6)
    x = controls.vector_input("Input x", "reg_x", default=LECTURE["reg_x"], where=cols[0], **common)
    w1 = controls.vector_input(
        "Weights w1", "reg_w1", default=LECTURE["reg_w1"], where=cols[1], **common
    )
    w2 = controls.vector_input(
        "Weights w2", "reg_w2", default=LECTURE["reg_w2"], where=cols[2], **common
    )
    if x.size == w1.size == w2.size:
        st.session_state[_VALID] = (x, w1, w2)
        return x, w1, w2
    st.error(
        f"x, w1 and w2 need the same number of entries (they have {x.size}, {w1.size} and "
        f"{w2.size}). The numbers below are for the last valid three."
    )
    default = tuple(np.array([float(v) for v in LECTURE[k].split(",")]) for k in LECTURE)
    valid = st.session_state.get(_VALID, default)
    for key, values in zip(LECTURE, valid, strict=True):  # the link shows what the page shows
        controls.share_instead(key, format_vector(values))
    return valid


def _penalty_sum(reg: str, w: np.ndarray) -> str:
    """``|1| + |0| + ... = 1`` or ``1^2 + 0^2 + ... = 1``: the penalty written out."""
    term = (lambda v: rf"|{num(v)}|") if reg == "l1" else (lambda v: rf"{num(v)}^2")
    terms = " + ".join(term(v) for v in w[:MAX_TERMS]) + (
        r" + \cdots" if w.size > MAX_TERMS else ""
    )
    value = np.abs(w).sum() if reg == "l1" else np.square(w).sum()
    return rf"{terms} = {num(value)}"


def penalties(rho: float) -> None:
    """Two weight vectors with the same score: their L1, L2 and elastic-net penalties.

    The bars come first, beside the inputs and the verdicts, so the lesson is on a
    1280 x 720 projector's first screen; the table and the sums follow at full width.
    """
    chart_col, input_col = st.columns([2, 3], gap="medium")
    c1, c2 = input_col.columns(2)
    c3, c4 = input_col.columns(2)
    x, w1, w2 = _vectors([c1, c2, c3])
    lam = controls.number_input(
        "Strength λ", "reg_lam", min_value=0.0, max_value=100.0, default=0.1, step=0.05,
        where=c4,
    )  # fmt: skip
    table = penalty_table(x, np.vstack([w1, w2]), l1_ratio=rho)
    s1, s2 = table.scores
    input_col.latex(
        rf"w_1^\top x = {num(s1)},\qquad w_2^\top x = {num(s2)}"
        + (r"\qquad\text{(the same score)}" if np.isclose(s1, s2) else "")
    )
    for reg, reason in (
        ("l2", "squaring punishes one large weight more than several small ones"),
        ("l1", "it adds up absolute values, so it does not care how the weight is spread"),
        ("elastic", "it mixes the two"),
    ):
        v1, v2 = table.penalties[reg]
        choice = table.preferred(reg)
        verdict = (
            f"ties ({v1:.4g} = {v2:.4g})"
            if choice is None
            else f"prefers **w{choice + 1}** ({v1:.4g} vs {v2:.4g})"
        )
        input_col.markdown(f"- **{PENALTY_NAMES[reg]}** {verdict}: {reason}.")
    charts.plotly_chart(
        chart_col,
        penalty_bars(("w1", "w2"), tuple((reg, table.penalties[reg]) for reg in PENALTIES)),
        key="reg_bars",
    )
    st.markdown(
        markdown_table(
            {
                "": ["w1", "w2"],
                "score wᵀx": [f"{v:.4g}" for v in table.scores],
                "L1: Σ\\|w\\|": [f"{v:.4g}" for v in table.penalties["l1"]],
                "L2: Σw²": [f"{v:.4g}" for v in table.penalties["l2"]],
                f"elastic (ρ = {rho:g})": [f"{v:.4g}" for v in table.penalties["elastic"]],
                f"λ·L2 (λ = {lam:g})": [f"{lam * v:.4g}" for v in table.penalties["l2"]],
            },
            right=True,
        )
    )
    rows = [  # one penalty of one vector per row
        rf"R_{{{label}}}({name}) &= {_penalty_sum(reg, w)}"
        for reg, label in (("l2", "L2"), ("l1", "L1"))
        for name, w in (("w_1", w1), ("w_2", w2))
    ]
    st.latex(r"\begin{aligned}" + r"\\".join(rows) + r"\end{aligned}")
    st.caption(
        "L2 prefers smaller and more diffuse weights: the classifier uses every input a little "
        "rather than one input a lot. L1 ties on this example; in general it prefers sparse "
        "weights, with many exactly 0 (the geometry below shows why)."
    )


def geometry_section(rho: float) -> None:
    """The two-weight problem: contours, unit balls, and each penalty's path of optima.

    The λ slider drives a fragment (slider, weight plane, formula), so a key press redraws
    one chart. The weights-vs-λ chart below holds the whole sweep and does not depend
    on λ, so it stays still.
    """
    _optima_at_lambda(rho)
    geo = geometry(rho)
    left, right = st.columns(2)
    charts.plotly_chart(
        left,
        coefficient_paths(geo.lams, tuple((reg, geo.paths[reg]) for reg in PENALTIES)),
        key="reg_paths",
    )
    l1_zero = np.flatnonzero(geo.paths["l1"][:, 1] == 0.0)
    l2_min = float(np.abs(geo.paths["l2"]).min())
    right.caption(
        "Left: every λ at once; the dots of the weight plane above are these curves at the "
        "slider's λ. "
        "The optimum sits where a data-loss contour touches the penalty's level set (dashed). "
        "The L1 diamond has corners on the axes, so the contour tends to touch it there: "
        + (
            f"from λ = {geo.lams[l1_zero[0]]:.3g} on, the L1 optimum has w₂ = 0 exactly and "
            "keeps it. "
            if l1_zero.size
            else ""
        )
        + f"The L2 circle has no corners: its optimum shrinks toward 0 but no weight is ever "
        f"exactly 0 (the smallest on this path is {l2_min:.3g})."
    )


@controls.fragment
def _optima_at_lambda(rho: float) -> None:
    """The λ slider, each penalty's optimum at that λ as a formula, and the weight plane."""
    exponent = controls.slider(
        "log₁₀ λ (strength of the penalty)",
        "reg_loglam",
        min_value=float(GEOMETRY_EXPONENTS[0]),
        max_value=float(GEOMETRY_EXPONENTS[-1]),
        default=-0.5,
        step=0.05,
    )
    # Off by default: while the weight plane carries its 41 frames, every λ press sends and
    # remounts them (about 46 KiB, 60-100 ms to paint); a lecturer switches it on to play λ.
    animate = controls.toggle(
        "▶ Play λ in the chart",
        "reg_play",
        default=False,
        help="Play and a scrub bar inside the weight plane: λ sweeps in your browser (no "
        "server round trip) and comes back to the slider's λ.",
    )
    play = geometry_play(rho, exponent)
    lam = float(play.lams[play.index])
    rows = []
    for reg in PENALTIES:
        w = play.optima[reg][play.index]
        penalty = float(play.penalties[reg][play.index])
        data = float(quadratic_loss(w))
        rows.append(  # three lines per penalty: fits half a projector's width
            rf"w_{{\text{{{PENALTY_NAMES[reg]}}}}} &= {vector(w)} \\ "
            rf"L &= {num(data)} + {num(lam)} \cdot {num(penalty)} \\ &= {num(data + lam * penalty)}"
        )
    chart, formula = st.columns(2)
    formula.latex(
        r"\begin{aligned} L(w) &= D(w) + \lambda R(w) \\"
        r" D(w) &= \tfrac12 (w - w^*)^\top H (w - w^*) \end{aligned}"
    )
    formula.latex(r"\begin{aligned}" + r"\\[0.6em]".join(rows) + r"\end{aligned}")
    live_chart(
        chart,
        lambda e: _geometry_figure(rho, e, animate),
        key="reg_geometry",
        slider="reg_loglam",
        value=exponent,
        values=GEOMETRY_EXPONENTS,
        inputs=frozen(rho, animate),
    )


def _geometry_figure(rho: float, exponent: float, animate: bool):
    """The weight plane: data-loss contours, each penalty's path and its optimum and touching
    level set at λ = 10^exponent (with the Play's frames when ``animate``)."""
    geo, play = geometry(rho), geometry_play(rho, exponent)
    return geometry_figure(
        GEOMETRY_GRID,
        geo.loss_grid,
        tuple((reg, geo.paths[reg]) for reg in PENALTIES),
        (play.lams, tuple((reg, play.optima[reg], play.levels[reg]) for reg in PENALTIES)),
        play.index,
        W_STAR,
        animate,
    )


def _fit_controls() -> tuple[str, float, dict]:
    """The overfitting section's controls: penalty, λ, degree and the data."""
    c1, c2, c3, c4 = st.columns(4)
    penalty = controls.selectbox(
        "Penalty", "reg_pen", PENALTY_CHOICES, default="l2", labels=CHOICE_NAMES, where=c1
    )
    exponent = controls.slider(
        "log₁₀ λ", "reg_fitlam", min_value=float(FIT_EXPONENTS[0]),
        max_value=float(FIT_EXPONENTS[-1]), default=-1.0, step=0.25, where=c2,
    )  # fmt: skip
    degree = controls.slider(
        "Polynomial degree", "reg_degree", min_value=1, max_value=MAX_DEGREE, default=8,
        step=1, where=c3,
    )  # fmt: skip
    noise = controls.slider(
        "Noise", "reg_noise", min_value=0.0, max_value=0.6, default=0.3, step=0.05, where=c4
    )
    c5, c6, c7 = st.columns(3)
    points = controls.slider(
        "Points", "reg_points", min_value=40, max_value=400, default=200, step=20, where=c5
    )
    held = controls.slider(
        "Held-out share", "reg_held", min_value=0.1, max_value=0.9, default=0.8, step=0.05,
        where=c6,
    )  # fmt: skip
    seed = controls.number_input(
        "Data seed", "reg_seed", min_value=0, max_value=999, default=0, step=1, where=c7
    )
    data = dict(degree=degree, noise=noise, n_points=points, held_out=held, seed=seed)
    return penalty, exponent, data


@controls.fragment
def overfitting(rho: float) -> None:
    """A flexible classifier on noisy data, trained for every λ at once: the sweet spot.

    A fragment, like ``geometry_section``: its controls rerun this section only.
    """
    penalty, exponent, data = _fit_controls()
    with st.spinner(f"Training {FIT_LAMBDAS.size} classifiers, one per λ…"):
        # ρ only matters to the elastic net: moving it must not retrain L1 or L2.
        ratio = rho if penalty == "elastic" else 0.5
        runs = train_sweep("l2" if penalty == "none" else penalty, l1_ratio=ratio, **data)
    index = 0 if penalty == "none" else 1 + int(np.argmin(np.abs(FIT_EXPONENTS - exponent)))
    lam = float(runs.lams[index])
    _fit_numbers(runs, index)
    left, right = st.columns(2)
    name = CHOICE_NAMES[penalty]
    charts.plotly_chart(
        left,
        fit_regions(
            REGION_GRID,
            REGION_GRID,
            runs.regions(index, REGION_GRID, REGION_GRID),
            (runs.X_train, runs.y_train),
            (runs.X_held, runs.y_held),
            f"Degree {runs.degree}, {name}, λ = {lam:.3g}",
        ),
        key="reg_regions",
    )
    charts.plotly_chart(
        right,
        lambda_sweep(runs.lams, runs.train_accuracy, runs.held_accuracy, lam),
        key="reg_sweep",
    )
    left, right = st.columns(2)
    steps = np.arange(runs.data_history.shape[1]) * HISTORY_EVERY
    charts.plotly_chart(
        left,
        loss_history(steps, runs.data_history[index], runs.reg_history[index], lam),
        key="reg_history",
    )
    charts.plotly_chart(right, weight_histogram(runs.W[index], name), key="reg_weights")
    _independent_of_data(runs, index, rho, data)


def _fit_numbers(runs: FitRuns, index: int) -> None:
    """Training vs held-out accuracy and loss of the chosen run, as metrics."""
    cols = st.columns(4)
    cols[0].metric("Training accuracy", f"{runs.train_accuracy[index]:.1%}")
    cols[1].metric("Held-out accuracy", f"{runs.held_accuracy[index]:.1%}")
    cols[2].metric("Training loss", f"{runs.train_loss[index]:.3f}")
    cols[3].metric("Held-out loss", f"{runs.held_loss[index]:.3f}")
    best = 1 + int(np.argmax(runs.held_accuracy[1:]))  # as the sweep chart's star
    st.caption(
        f"{runs.X_train.shape[0]} training and {runs.X_held.shape[0]} held-out points; "
        f"{FIT_STEPS} proximal gradient steps with momentum for each of the {runs.lams.size} "
        f"values of λ at once. Best held-out accuracy with a penalty: "
        f"{runs.held_accuracy[best]:.1%} at λ = {runs.lams[best]:.3g}; without one (λ = 0): "
        f"{runs.held_accuracy[0]:.1%}."
    )


def _independent_of_data(runs: FitRuns, index: int, rho: float, data: dict) -> None:
    """R(W) looks at the weights only: new data changes the data loss, not R(W)."""
    X_new, y_new = moons(data["n_points"], seed=data["seed"] + 1, noise=data["noise"])
    penalty = penalty_of_run(runs, index, rho)
    before = data_loss_on(runs, index, runs.X_train, runs.y_train)
    after = data_loss_on(runs, index, X_new, y_new)
    st.markdown("**The regularization loss does not depend on the data.** Same weights W:")
    st.latex(
        rf"\text{{training data: }} \tfrac1N \textstyle\sum_i L_i = {num(before)},\quad "
        rf"R(W) = {num(penalty)}"
    )
    st.latex(
        rf"\text{{new data (seed {data['seed'] + 1}): }} \tfrac1N \textstyle\sum_i L_i = "
        rf"{num(after)},\quad R(W) = {num(penalty)}"
    )
