"""Sections of the linear model page (views/linear_model.py)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.pages.linear_model import (
    CLASS_NAMES,
    FIGURE_SCORES,
    GLYPH_CLASSES,
    GLYPH_SIZE,
    MAX_CLASSES,
    MAX_INPUTS,
    PIXEL_B,
    PIXEL_W,
    PIXEL_X,
    PLANE_B,
    PLANE_LIMIT,
    PLANE_W,
    check_shapes,
    line_offset,
    product_check,
    regions,
    score_planes,
    train_templates,
    zero_line,
)
from figures.linear_model import (
    augmented_picture,
    glyph_samples,
    product_picture,
    regions_2d,
    score_planes_3d,
    template_images,
)
from ui import charts, controls
from ui.latex import num, paren
from ui.live_chart import live_chart_of, slider_values
from ui.parsing import ParseError, format_number, format_vector, parse_matrix

LIMIT = 1e6  # largest magnitude typed into W, b or x
W_TEXT = "; ".join(format_vector(row) for row in PIXEL_W)
B_TEXT = format_vector(PIXEL_B)
X_TEXT = format_vector(PIXEL_X)
LECTURE = {"lin_W": W_TEXT, "lin_b": B_TEXT, "lin_x": X_TEXT, "lin_class": "0"}
CLASS_IDS = tuple(str(k) for k in range(MAX_CLASSES))
CLASS_LABELS = dict(zip(CLASS_IDS, CLASS_NAMES, strict=True))
_VALID = "_lin_product_valid"
PLANE_GRID = np.linspace(-PLANE_LIMIT, PLANE_LIMIT, 61)  # the 2D regions' grid
CORNERS = np.array([-PLANE_LIMIT, PLANE_LIMIT])  # a plane is drawn from its four corners
PLANE_NAMES = CLASS_NAMES[: PLANE_W.shape[0]]
WEIGHT_LIMIT, BIAS_LIMIT, PLANE_STEP = 2.0, 3.0, 0.1  # the plane sliders' ranges and step
WEIGHT_VALUES = slider_values(-WEIGHT_LIMIT, WEIGHT_LIMIT, PLANE_STEP)
BIAS_VALUES = slider_values(-BIAS_LIMIT, BIAS_LIMIT, PLANE_STEP)
# each plane slider's key -> (its class k, its weight j; None for the bias)
PLANE_SLIDERS = {
    f"lin_{name}_{part}": (k, j)
    for k, name in enumerate(PLANE_NAMES)
    for part, j in (("w1", 0), ("w2", 1), ("b", None))
}
SAMPLES = 8  # training images shown from the chosen one on


def settings() -> None:
    """The sidebar: the lecture example preset."""
    with controls.sidebar():
        st.subheader("Linear model")
        controls.preset_button(
            "Lecture example: the cat image",
            LECTURE,
            key="lin_preset",
            help="W, b and x of the 4-pixel cat image (CS231n's figure)",
        )


def _parse_W(text: str) -> np.ndarray:
    W = parse_matrix(
        text, name="W", max_rows=MAX_CLASSES, max_cols=MAX_INPUTS, min_value=-LIMIT,
        max_value=LIMIT,
    )  # fmt: skip
    if W.shape[0] < 2:
        raise ParseError("W needs at least 2 rows (one per class), separated by ';'.")
    return W


def _inputs() -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """W, b and x as typed (the last valid three when their shapes do not fit), and the
    highlighted class."""
    cols = st.columns([4, 2, 2, 2])
    common = dict(min_value=-LIMIT, max_value=LIMIT)
    _, W = controls.text_input(
        "Weights W (one row per class, rows split by ;)", "lin_W", default=W_TEXT,
        parse=_parse_W, where=cols[0],
        help=f"K rows of D numbers: at most {MAX_CLASSES} classes and {MAX_INPUTS} inputs.",
    )  # fmt: skip
    b = controls.vector_input(
        "Bias b (K numbers)", "lin_b", help="One number per row of W.", default=B_TEXT,
        where=cols[1], min_length=2, max_length=MAX_CLASSES, **common,
    )  # fmt: skip
    x = controls.vector_input(
        "Input x (D numbers)", "lin_x", help="One number per column of W.", default=X_TEXT,
        where=cols[2], min_length=1, max_length=MAX_INPUTS, **common,
    )  # fmt: skip
    chosen = int(
        controls.selectbox(
            "Highlighted class", "lin_class", CLASS_IDS, default="0", labels=CLASS_LABELS,
            where=cols[3],
        )
    )  # fmt: skip
    try:
        W, b, x = check_shapes(W, b, x)
        st.session_state[_VALID] = (W, b, x)
    except ValueError as exc:
        st.error(f"{exc} The picture shows the last W, b and x that fit together.")
        W, b, x = st.session_state.get(_VALID, (PIXEL_W, PIXEL_B, PIXEL_X))
        for key, text in (
            ("lin_W", "; ".join(format_vector(r) for r in W)),
            ("lin_b", format_vector(b)),
            ("lin_x", format_vector(x)),
        ):
            controls.share_instead(key, text)  # fmt: skip
    if chosen >= W.shape[0]:
        st.warning(
            f"W has {W.shape[0]} rows, so there is no {CLASS_NAMES[chosen]}: "
            f"highlighting {CLASS_NAMES[W.shape[0] - 1]}, the last row."
        )
        chosen = W.shape[0] - 1
    return W, b, x, chosen


def _sum_of_terms(row: np.ndarray, x: np.ndarray, bias: float | None) -> str:
    """``0.2 \\cdot 56 + (-0.5) \\cdot 231 + ... + 1.1``: a score written out."""
    terms = [rf"{paren(w)} \cdot {paren(v)}" for w, v in zip(row, x, strict=True)]
    if bias is not None:
        terms.append(paren(bias))
    return " + ".join(terms)


@controls.fragment
def product() -> None:
    """``W x + b`` as matrices above ``[W b][x; 1]``, the highlighted score written out.

    A fragment: typing into W, b or x or picking a class reruns this section only.
    """
    W, b, x, k = _inputs()
    check = product_check(W, b, x)
    names = CLASS_NAMES[: W.shape[0]]
    name = rf"\text{{{names[k]}}}"
    # One above the other, full width: side by side, a cell is too narrow for "-96.8" at 1280 px.
    charts.plotly_chart(st, product_picture(W, x, b, check.scores, k, names), key="lin_product")
    st.latex(rf"s_{{{name}}} = {_sum_of_terms(W[k], x, b[k])} = {num(check.scores[k], 6)}")
    charts.plotly_chart(
        st,
        augmented_picture(check.W_aug, check.x_aug, check.scores_aug, k, names),
        key="lin_augmented",
    )
    st.latex(
        rf"s_{{{name}}} = {_sum_of_terms(check.W_aug[k], check.x_aug, None)} "
        rf"= {num(check.scores_aug[k], 6)}"
    )
    if check.equal:
        st.success(
            f"Wx + b = [W b][x; 1] for every class: the largest difference between the two "
            f"score vectors is {check.difference:.3g} (rounding only). The bias became the last "
            "column of W, and x got a 1 at its end to multiply it."
        )
    else:
        st.error(f"The two products differ by {check.difference:.3g}.")
    if W.shape == PIXEL_W.shape and np.allclose(W, PIXEL_W) and np.allclose(b, PIXEL_B):
        if np.allclose(x, PIXEL_X):
            st.caption(
                f"CS231n's version of this figure prints {FIGURE_SCORES[2]:g} for ship: that is "
                f"its row of W times x without the bias {PIXEL_B[2]:g}; with the bias the "
                f"score is {check.scores[2]:g}, as computed here."
            )


def _plane_sliders() -> tuple[np.ndarray, np.ndarray]:
    """Each class's w₁, w₂ and b, one column of sliders per class."""
    W, b = PLANE_W.copy(), PLANE_B.copy()
    for k, column in enumerate(st.columns(len(PLANE_NAMES))):
        name = PLANE_NAMES[k]
        for j, symbol in enumerate(("w₁", "w₂")):
            W[k, j] = controls.slider(
                f"{name}: {symbol}", f"lin_{name}_w{j + 1}", min_value=-WEIGHT_LIMIT,
                max_value=WEIGHT_LIMIT, default=float(PLANE_W[k, j]), step=PLANE_STEP, where=column,
            )  # fmt: skip
        b[k] = controls.slider(
            f"{name}: bias b", f"lin_{name}_b", min_value=-BIAS_LIMIT, max_value=BIAS_LIMIT,
            default=float(PLANE_B[k]), step=PLANE_STEP, where=column,
        )  # fmt: skip
    return W, b


def planes() -> None:
    """D = 2: each class's score plane, its zero line, the regions; sliders move them."""
    st.markdown(
        "**What the bias does.** Class k's score is s_k = w_k · x + b_k; its zero line is "
        "where **w_k · x = −b_k**. The line's direction is set by the weights alone (it is "
        "perpendicular to w_k); the bias slides it along w_k, to a distance −b_k / ‖w_k‖ from "
        "the origin (the shift), **without turning it**. Dotted: the same line with b_k = 0, "
        "through the origin. Move a bias, then a weight, and compare."
    )
    _planes()
    st.caption(
        "The coloured regions are where each class has the highest score: their borders are "
        "where two scores tie (s_j = s_k), not the zero lines. A plane's tilt is its w, its "
        "height at the origin its b."
    )


@controls.fragment
def _planes() -> None:
    """The sliders, the two charts and each zero line's equation.

    A fragment: a slider reruns this part only (two charts), not the page. The equations
    are plain text, not st.latex: KaTeX was a large part of a key press's time in the browser.
    """
    W, b = _plane_sliders()
    sliders = {
        key: (
            float(W[k, j] if j is not None else b[k]),
            BIAS_VALUES if j is None else WEIGHT_VALUES,
        )
        for key, (k, j) in PLANE_SLIDERS.items()
    }
    left, right = st.columns(2)
    for where, figure, key in (
        (left, _regions_figure, "lin_regions"),
        (right, _planes_figure, "lin_planes"),
    ):
        live_chart_of(
            where,
            lambda name, v, figure=figure: figure(*_moved(W, b, name, v)),
            key=key,
            sliders=sliders,
            inputs=(),  # the sliders are all the charts depend on
            size=1,  # 9 sliders: a frame each way of each
        )
    st.markdown(_zero_lines_text(W, b))


def _moved(W: np.ndarray, b: np.ndarray, name: str, value: float) -> tuple[np.ndarray, np.ndarray]:
    """Copies of W and b with slider ``name`` (a weight or a bias) at ``value``."""
    W, b = W.copy(), b.copy()
    k, j = PLANE_SLIDERS[name]
    if j is None:
        b[k] = value
    else:
        W[k, j] = value
    return W, b


def _regions_figure(W: np.ndarray, b: np.ndarray):
    """The class regions over the input plane, each class's zero line and its b = 0 line."""
    lines = tuple(zero_line(W[k], b[k]) for k in range(len(PLANE_NAMES)))
    unbiased = tuple(zero_line(W[k], 0.0) for k in range(len(PLANE_NAMES)))
    return regions_2d(PLANE_GRID, regions(W, b, PLANE_GRID), PLANE_NAMES, lines, unbiased)


def _planes_figure(W: np.ndarray, b: np.ndarray):
    """Each class's score plane over the input plane (3D), with its zero line."""
    lines = tuple(zero_line(W[k], b[k]) for k in range(len(PLANE_NAMES)))
    return score_planes_3d(CORNERS, score_planes(W, b, CORNERS), lines)


def _signed(value: float) -> str:
    """`` + 0.2`` or `` − 0.6``: a term after the first, with its sign spelled out."""
    return f" {'−' if value < 0 else '+'} {format_number(abs(value))}"


def _zero_lines_text(W: np.ndarray, b: np.ndarray) -> str:
    """Each class's zero line as an equation with its shift ``-b/|w|``, in one line of text."""
    parts = []
    for k, name in enumerate(PLANE_NAMES):
        offset = line_offset(W[k], b[k])
        equation = f"{format_number(W[k, 0])}x₁{_signed(W[k, 1])}x₂{_signed(b[k])} = 0"
        where = (
            f"w = 0: s ≡ {format_number(b[k])}, no line"
            if offset is None
            else f"shift −b/‖w‖ = {format_number(offset, 3)}"
        )
        parts.append(f"**{name}**: {equation} ({where})")
    return "Zero lines: " + " · ".join(parts)


def _image_controls() -> tuple[float, int, float, int, int]:
    c1, c2, c3, c4, c5 = st.columns(5)
    noise = controls.slider(
        "Pixel noise", "lin_noise", min_value=0.0, max_value=1.0, default=0.5, step=0.05,
        where=c1,
    )  # fmt: skip
    steps = controls.slider(
        "Gradient steps", "lin_steps", min_value=0, max_value=300, default=150, step=10,
        where=c2,
    )  # fmt: skip
    lam = controls.slider(
        "L2 strength λ", "lin_lam", min_value=0.0, max_value=0.05, default=0.01, step=0.005,
        where=c3,
    )  # fmt: skip
    seed = controls.number_input(
        "Data seed", "lin_seed", min_value=0, max_value=999, default=0, step=1, where=c4
    )
    image = controls.slider(
        "Image to classify", "lin_image", min_value=1, max_value=160, default=1, step=1,
        where=c5,
    )  # fmt: skip
    return noise, steps, lam, seed, image


@controls.fragment
def images() -> None:
    """Tiny images flattened to x, a linear classifier trained on them, its rows as images."""
    noise, steps, lam, seed, image = _image_controls()
    run = train_templates(noise=noise, seed=seed, steps=steps, lam=lam)
    n = run.X.shape[0]
    first = min(image - 1, n - SAMPLES)
    shown = np.arange(first, first + SAMPLES)
    labels = tuple(
        GLYPH_CLASSES[run.y[i]] + ("" if run.predicted[i] == run.y[i] else " ✗") for i in shown
    )
    left, right = st.columns(2)
    charts.plotly_chart(
        left,
        glyph_samples(
            run.X[shown].reshape(-1, GLYPH_SIZE, GLYPH_SIZE), labels, 4, int(shown[0]) + 1
        ),
        key="lin_samples",
    )
    charts.plotly_chart(right, template_images(run.templates(), GLYPH_CLASSES), key="lin_templates")
    m1, m2 = right.columns(2)
    m1.metric("Training accuracy", f"{run.accuracy:.1%}")
    m2.metric("Training loss", f"{run.history[-1]:.3f}")
    i = image - 1
    scores = run.X[i] @ run.W.T + run.b
    st.latex(
        rf"s = W x_{{{image}}} + b = ["
        + r",\ ".join(
            rf"{num(v, 3)}_{{\text{{{c}}}}}" for v, c in zip(scores, GLYPH_CLASSES, strict=True)
        )
        + "]"
    )
    truth, guess = GLYPH_CLASSES[run.y[i]], GLYPH_CLASSES[run.predicted[i]]
    st.caption(
        f"Image #{image} is a {truth}; the highest score is {guess}'s"
        + (" (right)." if truth == guess else " (wrong).")
        + f" {n} images of {GLYPH_SIZE} × {GLYPH_SIZE} pixels, each flattened to x with "
        f"D = {GLYPH_SIZE**2} entries, so W is {len(GLYPH_CLASSES)} × {GLYPH_SIZE**2}; trained "
        f"from W = 0 by {steps} steps of gradient descent on the softmax cross-entropy plus "
        f"λ·ΣW². A score is a template's match with the image: orange pixels add, blue subtract."
    )
