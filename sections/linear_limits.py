"""Sections of the limits-of-linear-models page (views/linear_limits.py)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.pages.linear_limits import (
    DATASET_IDS,
    LIFTS,
    STEPS,
    Comparison,
    PointReport,
    classify_point,
    compare,
    decision_grid,
    plane_surface,
)
from figures.linear_limits import lifted_figure, regions_figure
from ui import charts, controls
from ui.latex import num
from ui.live_chart import live_chart, slider_values
from ui.text import inert_message

DATASET_NAMES = {"circles": "Circles", "xor": "XOR"}
CLASS_NAMES = {"circles": ("outer circle", "inner circle"), "xor": ("same signs", "opposite signs")}
FEATURES = ("auto", *LIFTS)
FEATURE_NAMES = {"auto": "matched", **{key: lift.name for key, lift in LIFTS.items()}}
DEFAULTS = dict(lim_data="circles", lim_feature="auto", lim_noise=0.05, lim_points=200, lim_seed=0)
NOISE_STEP, POINT_STEP = 0.01, 20
NOISES = slider_values(0.0, 0.3, NOISE_STEP)  # every value the noise slider can take
POINT_COUNTS = slider_values(40, 600, POINT_STEP)
GRID_POINTS = 61  # grid of the R² charts, per axis
POINT_LIMIT = 1.5  # a test point's coordinates lie in [-1.5, 1.5], inside every chart


def settings() -> None:
    """The sidebar: presets for the two datasets, each with the feature that separates it."""
    with controls.sidebar():
        st.subheader("Limits of linear models")
        controls.preset_button(
            "Lecture example: circles lifted to R³",
            {**DEFAULTS},
            key="lim_preset_circles",
            help="Concentric circles, third feature x₁² + x₂²: a plane splits them",
        )
        controls.preset_button(
            "XOR lifted by x₁·x₂",
            {**DEFAULTS, "lim_data": "xor", "lim_feature": "prod"},
            key="lim_preset_xor",
            help="XOR, third feature x₁·x₂: its sign is the class",
        )


def _controls() -> tuple[str, str, float, int, int]:
    """The data and the lift, in one row above the charts."""
    c1, c2, c3, c4, c5 = st.columns([1.0, 1.1, 1.2, 1.2, 0.8])
    dataset = controls.selectbox(
        "Data", "lim_data", DATASET_IDS, default="circles", labels=DATASET_NAMES, where=c1
    )
    feature = controls.selectbox(
        "Added feature φ(x)", "lim_feature", FEATURES, default="auto", labels=FEATURE_NAMES,
        where=c2, help="matched: x₁² + x₂² for the circles, x₁·x₂ for XOR (they separate them)",
    )  # fmt: skip
    noise = controls.slider(
        "Noise", "lim_noise", min_value=0.0, max_value=0.3, default=0.05, step=NOISE_STEP, where=c3,
        help="standard deviation of the Gaussian noise added to every point",
    )  # fmt: skip
    points = controls.slider(
        "Points", "lim_points", min_value=40, max_value=600, default=200, step=POINT_STEP, where=c4
    )
    seed = controls.number_input(
        "Data seed", "lim_seed", min_value=0, max_value=999, default=0, step=1, where=c5
    )
    return dataset, feature, noise, points, seed


def _affine(coefficients, terms: list[str], offset: float) -> str:
    """``a_1 t_1 + a_2 t_2 + ... + c`` in LaTeX with the signs written once:
    ``_affine([1, -2], ["x_1", "x_2"], 0.5)`` is ``1\\,x_1 - 2\\,x_2 + 0.5``."""
    text = ""
    for a, term in zip(coefficients, terms, strict=True):
        sign = "-" if a < 0 else ("+" if text else "")
        text += rf" {sign} {num(abs(a), 3)}\,{term}" if text else rf"{sign}{num(abs(a), 3)}\,{term}"
    sign = "-" if offset < 0 else "+"
    return rf"{text} {sign} {num(abs(offset), 3)}".strip()


def _box(comp: Comparison) -> tuple[tuple[float, float], ...]:
    """The 3D chart's axis ranges: the square of the R² charts, and the feature's span
    rounded out to steps of 0.25, so a small change of the data keeps the axes still."""
    low = np.floor(float(comp.F[:, 2].min()) * 4.0 - 0.2) / 4.0
    high = np.ceil(float(comp.F[:, 2].max()) * 4.0 + 0.2) / 4.0
    return (-comp.extent, comp.extent), (-comp.extent, comp.extent), (float(low), float(high))


@controls.fragment
def explorer() -> None:
    """The data, the best line, the lift to R³ and its plane read back as a curve in R².

    A fragment: every control here reruns this section only (its three charts), not
    the page, so the charts follow a key press sooner.
    """
    dataset, feature, noise, points, seed = _controls()
    try:
        comp = compare(dataset, points, noise, seed, feature)
    except ValueError as exc:
        st.error(f"{inert_message(str(exc))} Change the data controls above.")
        return
    lift = LIFTS[comp.feature]
    names = CLASS_NAMES[dataset]
    before, after = comp.accuracy_before, comp.accuracy_after
    left, right = st.columns(2)
    line_chart, curve_chart = left.container(), right.container()  # filled below
    left.metric("Accuracy of a line in R² (x₁, x₂)", f"{before:.1%}", help="training accuracy")
    right.metric(
        f"Accuracy of a plane in R³ (x₁, x₂, {lift.name})",
        f"{after:.1%}",
        delta=f"{(after - before) * 100:+.1f} points",
        help="training accuracy, same training",
    )
    st.caption(
        "Shaded: the class the classifier gives each spot. Black: its boundary, where the two "
        f"scores are equal (s₁ = s₀). ★: the test point below. {comp.X.shape[0]} points; both "
        f"classifiers: softmax cross-entropy, {STEPS} steps of gradient descent "
        "(core.training), only the features differ."
    )
    point_cols = st.columns([1, 3], vertical_alignment="center")
    point = controls.vector_input(
        "Test point x = (x₁, x₂)", "lim_point", default="0.25, 0.5", where=point_cols[0],
        length=2, min_value=-POINT_LIMIT, max_value=POINT_LIMIT,
        help=f"two numbers between -{POINT_LIMIT} and {POINT_LIMIT}, e.g. 0.25, 0.5",
    )  # fmt: skip
    report = classify_point(comp, point)
    # The two R² charts follow the noise slider (a frame each way: each frame is a whole
    # 60 x 60 chart, about 33 KB); the 3D chart, as big again, waits for the server.
    follows = dict(
        slider="lim_noise",
        value=noise,
        values=NOISES,
        inputs=(dataset, feature, points, seed, tuple(point.tolist())),
        size=1,
    )

    def drawn(figure):  # the chart at noise v, all else as now
        return lambda v: figure(compare(dataset, points, float(v), seed, feature), point)

    live_chart(line_chart, drawn(_line_figure), key="lim_line", **follows)
    live_chart(curve_chart, drawn(_curve_figure), key="lim_curve", **follows)
    _point_scores(point_cols[1], comp, report, names)
    _formulas(comp)
    chart, notes = st.columns([2, 1], vertical_alignment="center")
    charts.plotly_chart(chart, _lifted_figure(comp, point), key="lim_lifted")
    with notes:
        _verdict(comp)
        st.caption(
            f"Each point is lifted straight up (or down) to the height φ = {lift.name}; the "
            "grey plane is where the lifted classifier's two scores are equal. Seen from "
            "above, where it cuts the lifted points is the black curve of the chart on the "
            "right above. Drag to turn the chart, scroll to zoom."
        )


def _line_figure(comp: Comparison, point: np.ndarray):
    """The data over the best line's regions in R²."""
    grid = np.linspace(-comp.extent, comp.extent, GRID_POINTS)
    return regions_figure(
        grid, grid, decision_grid(comp.before, grid, grid), comp.X, comp.y,
        CLASS_NAMES[comp.dataset], f"The best line: {comp.accuracy_before:.0%} correct", point,
    )  # fmt: skip


def _curve_figure(comp: Comparison, point: np.ndarray):
    """The data over the lifted plane's regions, read back in R²."""
    grid = np.linspace(-comp.extent, comp.extent, GRID_POINTS)
    return regions_figure(
        grid, grid, decision_grid(comp.after, grid, grid, comp.feature), comp.X, comp.y,
        CLASS_NAMES[comp.dataset], f"The plane, read back in R²: {comp.accuracy_after:.0%}",
        point,
    )  # fmt: skip


def _lifted_figure(comp: Comparison, point: np.ndarray):
    """The points lifted to R³ by the feature, and the plane that splits them."""
    box = _box(comp)
    return lifted_figure(
        comp.F,
        comp.y,
        plane_surface(comp.after.normal, comp.after.offset, box),
        box,
        CLASS_NAMES[comp.dataset],
        "φ",  # a long axis title would be cut off in the 3D scene; the title says what φ is
        f"Lifted to R³ by φ = {LIFTS[comp.feature].name}: a plane, "
        f"{comp.accuracy_after:.0%} correct",
        classify_point(comp, point).lifted,
    )


def _point_scores(where, comp: Comparison, report: PointReport, names: tuple[str, str]) -> None:
    """The test point's lift and its score under the line and under the plane."""
    lift = LIFTS[comp.feature]
    x1, x2, phi = report.lifted
    where.latex(
        rf"x = ({num(x1, 3)}, {num(x2, 3)}) \;\mapsto\; ({num(x1, 3)}, {num(x2, 3)}, "
        rf"{num(phi, 3)}),\qquad \varphi = {lift.latex}"
    )
    rows = [
        rf"\text{{{label}: }} && s_1 - s_0 &= {num(score, 3)} \;\to\; \text{{{names[k]}}}"
        for label, score, k in (
            ("line", report.score_before, report.class_before),
            ("plane", report.score_after, report.class_after),
        )
    ]
    where.latex(r"\begin{aligned}" + r"\\".join(rows) + r"\end{aligned}")


def _formulas(comp: Comparison) -> None:
    """The two trained decision scores with their numbers, and the curve the plane gives."""
    lift = LIFTS[comp.feature]
    line = _affine(comp.before.normal, ["x_1", "x_2"], comp.before.offset)
    plane = _affine(comp.after.normal, ["x_1", "x_2", r"\varphi"], comp.after.offset)
    curve = _affine(comp.after.normal, ["x_1", "x_2", rf"({lift.latex})"], comp.after.offset)
    rows = [
        rf"\text{{line:}} && s_1 - s_0 &= {line}",
        rf"\text{{plane, }}\varphi = {lift.latex}\text{{:}} && s_1 - s_0 &= {plane}",
        rf"\text{{the plane in }}\mathbb{{R}}^2\text{{:}} && 0 &= {curve}",
    ]
    st.latex(r"\begin{aligned}" + r"\\".join(rows) + r"\end{aligned}")


def _verdict(comp: Comparison) -> None:
    """One sentence on what the lift did for this data."""
    lift = LIFTS[comp.feature]
    if comp.accuracy_after >= 0.99:
        text = (
            f"With φ = {lift.name} a plane separates what no line could: "
            f"{comp.accuracy_after:.0%} against {comp.accuracy_before:.0%}."
        )
    elif comp.accuracy_after - comp.accuracy_before >= 0.1:
        text = (
            f"φ = {lift.name} helps ({comp.accuracy_before:.0%} to {comp.accuracy_after:.0%}); "
            "the points it still misses are the ones the noise pushed across."
        )
    else:
        text = (
            f"φ = {lift.name} does not fit this data: the plane does no better than the line "
            f"({comp.accuracy_after:.0%} against {comp.accuracy_before:.0%}). The feature has "
            "to be picked for the data."
        )
    st.markdown(f"**{text}**")


def next_lecture() -> None:
    """What the lift means for neural networks."""
    st.markdown(
        "Here **we** picked the feature (x₁² + x₂² for the circles, x₁·x₂ for XOR) by "
        "looking at the data. A neural network's **hidden layer learns such features** "
        "instead: each hidden unit computes a feature of the input, and the last layer is "
        "the same linear classifier as here, on those learned features. That is the next "
        "lecture."
    )
