"""Sections of the cross-entropy vs MSE loss-surfaces page (views/loss_surfaces.py)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from core.pages.loss_surfaces import (
    ACTIVATIONS,
    DESCENT_STEPS,
    INPUTS,
    MAX_GRID,
    MAX_HIDDEN,
    MAX_SAMPLES,
    MIN_GRID,
    REACH_FRACTION,
    Network,
    descent,
    network,
    saturation,
    slice_at,
    surfaces,
)
from figures.loss_surfaces import CAMERAS, gradient_maps, slice_figure, surface_figure
from figures.theme import number_text
from ui import controls
from ui.latex import num
from ui.live_chart import frozen, live_chart, live_chart_of, slider_values

SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
W1_CHOICES = tuple(f"x{i + 1}h{j + 1}" for j in range(MAX_HIDDEN) for i in range(INPUTS))
W1_LABELS = {c: f"x{c[1]} → h{c[3]}".translate(SUB) for c in W1_CHOICES}
W2_CHOICES = tuple(f"h{k + 1}" for k in range(MAX_HIDDEN))
W2_LABELS = {c: f"h{c[1]} → output".translate(SUB) for c in W2_CHOICES}
ACTIVATION_LABELS = {"tanh": "tanh", "sigmoid": "sigmoid", "relu": "ReLU"}
CAMERA_LABELS = {
    "paper": "Paper (Fig. 5)",
    "above": "From above",
    "along_w1": "Side: along W1",
    "along_w2": "Side: along W2",
}
MAX_RANGE = 10.0
RATE_STEP, SLICE_STEP = 0.05, 0.25
RATES = slider_values(0.05, 5.0, RATE_STEP)  # every η the slider can take
SLICES = slider_values(-MAX_RANGE, MAX_RANGE, SLICE_STEP)  # every W2 of the slice
DEFAULTS = dict(seed=8, samples=100, hidden=2, grid=51, weight_range=6.0, start="5, 5")


@dataclass(frozen=True)
class Settings:
    """What the sidebar chose: the network (with its two varying weights) and the grid."""

    net: Network
    grid: int
    axis_names: tuple[str, str]


def settings() -> Settings:
    """The sidebar: data, network, which two weights vary, and the grid resolution."""
    with controls.sidebar():
        st.subheader("Network and data")
        seed = controls.number_input(
            "Seed (data and weights)", "surf_seed", min_value=0, max_value=9999,
            default=DEFAULTS["seed"], step=1,
        )  # fmt: skip
        samples = controls.slider(
            "Samples N", "surf_n", min_value=10, max_value=MAX_SAMPLES,
            default=DEFAULTS["samples"], step=10,
        )  # fmt: skip
        hidden = controls.slider(
            "Hidden units", "surf_hidden", min_value=1, max_value=MAX_HIDDEN,
            default=DEFAULTS["hidden"], step=1,
        )  # fmt: skip
        activation = controls.selectbox(
            "Hidden activation", "surf_act", ACTIVATIONS, default="tanh", labels=ACTIVATION_LABELS
        )
        w1 = controls.selectbox(
            "W1: the first-layer weight that varies", "surf_w1", W1_CHOICES,
            default=W1_CHOICES[0], labels=W1_LABELS,
        )  # fmt: skip
        w2 = controls.selectbox(
            "W2: the output weight that varies", "surf_w2", W2_CHOICES,
            default=W2_CHOICES[0], labels=W2_LABELS,
        )  # fmt: skip
        grid = controls.slider(
            "Grid points per axis", "surf_grid", min_value=MIN_GRID, max_value=MAX_GRID,
            default=DEFAULTS["grid"], step=2,
            help="More points: a smoother surface, and more for the browser to draw.",
        )  # fmt: skip
        i, j, k = int(w1[1]) - 1, int(w1[3]) - 1, int(w2[1]) - 1
        if j >= hidden or k >= hidden:
            missing = ", ".join(
                label for label, bad in ((W1_LABELS[w1], j >= hidden), (W2_LABELS[w2], k >= hidden))
                if bad
            )  # fmt: skip
            st.error(
                f"With {hidden} hidden unit{'s' * (hidden > 1)} there is no weight {missing}: "
                f"pick one of h₁…h{str(hidden).translate(SUB)}, or add hidden units. "
                "Showing h₁'s weight instead."
            )
            # The link keeps the choice as made: it reopens this same screen, message included.
            j, k = (j if j < hidden else 0), (k if k < hidden else 0)
            w1, w2 = f"x{i + 1}h{j + 1}", f"h{k + 1}"
    net = network(samples, hidden, seed=seed, activation=activation, w1_index=(i, j), w2_index=k)
    names = (f"W1 ({W1_LABELS[w1]})", f"W2 ({W2_LABELS[w2]})")
    return Settings(net, grid, names)


def _steps_text(reached: int) -> str:
    """A descent's result for a metric: the step count, or more than the steps it had."""
    return f"{reached} steps" if reached >= 0 else f"> {DESCENT_STEPS}"


def _verdict(name: str, reached: int, end: np.ndarray, weight_range: float, run, i: int) -> str:
    """One sentence on a descent that did not reach its target: where it is, and why."""
    if reached >= 0:
        return ""
    final_loss, final_grad = run.loss[i, -1], run.grad_norm[i, -1]
    if np.any(np.abs(end) >= weight_range):
        state = f"held at the edge of the ±{weight_range:g} square"
    elif final_grad < 1e-4:
        state = "settled in another valley"
    elif final_grad < 0.02:
        state = "still crawling across a plateau"
    else:
        state = "still on its way"
    return (
        f"{name} did not get there in {DESCENT_STEPS} steps: it ends at loss "
        f"{number_text(final_loss, 3)} with |∇L| = {number_text(final_grad, 2)} ({state})."
    )


@controls.fragment
def explore(s: Settings) -> None:
    """The page's lesson, one fragment: the 3D surfaces with the descent, the gradient maps,
    the slice and the numbers at the start point. Its controls rerun this section only."""
    chart, side = st.columns([3, 1.15])
    weight_range = controls.slider(
        "Weight range ±", "surf_range", min_value=1.0, max_value=MAX_RANGE,
        default=DEFAULTS["weight_range"], step=0.5, where=side,
        help="Both weights run from −range to +range.",
    )  # fmt: skip
    a0, b0 = controls.vector_input(
        "Start point: W1, W2", "surf_start", default=DEFAULTS["start"], where=side,
        min_length=2, max_length=2, min_value=-MAX_RANGE, max_value=MAX_RANGE,
        help=f"Two numbers within ±{MAX_RANGE:g}, e.g. 5, 5: where both descents begin.",
    )  # fmt: skip
    a0, b0 = float(a0), float(b0)
    lr = controls.slider(
        "Learning rate η", "surf_lr", min_value=0.05, max_value=5.0, default=1.0, step=RATE_STEP,
        where=side, help="The same η for both losses.",
    )  # fmt: skip
    show_ce = controls.toggle("Cross-entropy surface", "surf_ce", default=True, where=side)
    show_mse = controls.toggle("MSE surface", "surf_mse", default=True, where=side)
    scaled = controls.toggle(
        "Scale each to 0–1", "surf_scale", default=False, where=side,
        help="Each surface from its own lowest to highest loss on the grid: compares the "
        "shapes (MSE's flat plateau) instead of the heights.",
    )  # fmt: skip
    camera = controls.selectbox(
        "View", "surf_cam", tuple(CAMERAS), default="paper", labels=CAMERA_LABELS, where=side
    )
    start = (float(np.clip(a0, -weight_range, weight_range)),
             float(np.clip(b0, -weight_range, weight_range)))  # fmt: skip
    if start != (a0, b0):
        side.info(
            f"The start ({a0:g}, {b0:g}) lies outside ±{weight_range:g}: the descent starts "
            f"at the nearest point inside, ({start[0]:g}, {start[1]:g})."
        )
    surf = surfaces(s.net, weight_range, s.grid)
    run = descent(s.net, start, lr, weight_range, s.grid)
    if not (show_ce or show_mse):
        chart.info("Both surfaces are switched off: turn one on (right) to see it.")

    def surfaces_at(rate: float):  # the 3D chart with both descents at learning rate η
        at = run if rate == lr else descent(s.net, start, rate, weight_range, s.grid)
        paths3 = tuple(np.column_stack([at.path[i], at.loss[i]]) for i in range(2))
        return surface_figure(
            surf.w1, surf.w2, surf.loss, (show_ce, show_mse), paths3, s.axis_names, camera, scaled
        )

    live_chart(
        chart,
        surfaces_at,
        key="surf_3d",
        slider="surf_lr",
        value=lr,
        values=RATES,
        inputs=frozen(s, weight_range, start, show_ce, show_mse, scaled, camera),
        size=1,  # only the paths change, but each is 13 KB: the page keeps under 300 KiB
    )
    _descent_numbers(run, start, lr, weight_range, s)
    maps = st.empty()  # drawn below, once the slice's W2 (marked on it) is known
    left, right = st.columns([3, 2])
    slice_w2_asked = controls.slider(
        "Slice at W2", "surf_slice", min_value=-MAX_RANGE, max_value=MAX_RANGE, default=5.0,
        step=SLICE_STEP, where=right, help="A cut through both surfaces at this W2 (green above).",
    )  # fmt: skip
    slice_w2 = float(np.clip(slice_w2_asked, -weight_range, weight_range))

    def maps_at(slider: str, v: float):  # the maps with η or the slice's W2 at v
        rate = v if slider == "surf_lr" else lr
        w2 = float(np.clip(v, -weight_range, weight_range)) if slider == "surf_slice" else slice_w2
        at = run if rate == lr else descent(s.net, start, rate, weight_range, s.grid)
        paths = (at.path[0], at.path[1])
        return gradient_maps(surf.w1, surf.w2, surf.grad_norm, paths, s.axis_names, w2)

    live_chart_of(  # 2D: the paths move at once on any machine (a 3D redraw is not free)
        maps,
        maps_at,
        key="surf_grad",
        sliders={"surf_lr": (lr, RATES), "surf_slice": (slice_w2_asked, SLICES)},
        inputs=frozen(s, weight_range, start),
        size=1,
    )
    w1_fine = np.linspace(-weight_range, weight_range, 201)
    along = slice_at(s.net, slice_w2, weight_range)

    def slice_chart_at(w2: float):  # the cut through both surfaces at W2 = w2
        w2 = float(np.clip(w2, -weight_range, weight_range))
        return slice_figure(w1_fine, slice_at(s.net, w2, weight_range), w2, s.axis_names[0])

    live_chart(
        left,
        slice_chart_at,
        key="surf_slice_chart",
        slider="surf_slice",
        value=slice_w2_asked,
        values=SLICES,
        inputs=frozen(s, weight_range),
        size=2,  # each frame is two curves of 201 points
    )
    steepest = np.abs(np.gradient(along, w1_fine, axis=1)).max(axis=1)
    right.markdown(
        "**The slice** cuts both surfaces at one W2 (the green dashed line above). Steepest "
        f"slope along it: cross-entropy **{number_text(steepest[0], 3)}**, MSE "
        f"**{number_text(steepest[1], 3)}** per unit of W1."
    )
    right.caption(
        "Both curves level off where |W1| is large: there the hidden unit's activation "
        "saturates and W1 stops mattering to either loss. The output unit makes the "
        "difference: where the network is confidently wrong, MSE is flat in W2 as well (the "
        "dark regions above), cross-entropy is not."
    )
    _formulas(s.net, start)


def _descent_numbers(
    run, start: tuple[float, float], lr: float, weight_range: float, s: Settings
) -> None:
    """The step count each loss needs, and what to see, under the 3D chart."""
    cols = st.columns([1, 1, 2.2])
    for index, (col, name) in enumerate(zip(cols[:2], ("Cross-entropy", "MSE"), strict=True)):
        col.metric(
            f"{name} steps",
            _steps_text(int(run.reached[index])),
        )
    cols[2].markdown(
        "**What to see.** On the MSE surface (red) whole regions are almost flat where the "
        "network is confidently wrong, and gradient descent crawls there; the cross-entropy "
        "surface (black) keeps a slope and the same descent leaves at once. The output unit "
        "is a sigmoid: MSE's gradient carries its slope σ′(z) = p(1 − p), which is ≈ 0 once "
        "the output saturates; cross-entropy's gradient p − t cancels that factor."
    )
    notes = [
        _verdict(name, int(run.reached[i]), run.path[i, -1], weight_range, run, i)
        for i, name in enumerate(("Cross-entropy", "MSE"))
    ]
    st.caption(
        f"Gradient descent on each loss from ({start[0]:g}, {start[1]:g}), η = {lr:g}, "
        f"{DESCENT_STEPS} steps at most; the target is {100 * (1 - REACH_FRACTION):.0f}% of the "
        "way down from the start's loss to the lowest loss on the grid (thresholds "
        f"{number_text(run.threshold[0], 3)} and {number_text(run.threshold[1], 3)}). "
        f"{s.net.X.shape[0]} samples, {s.net.W1.shape[1]} hidden "
        f"{s.net.activation} unit(s), targets from a teacher network. "
        + " ".join(n for n in notes if n)
    )


def _formulas(net: Network, start: tuple[float, float]) -> None:
    """Both gradients in z, with the saturation numbers at the start point."""
    sat = saturation(net, *start)
    st.latex(
        r"\frac{\partial L_{\mathrm{CE}}}{\partial z_n} = \frac{p_n - t_n}{N}"
        r"\qquad \frac{\partial L_{\mathrm{MSE}}}{\partial z_n} = "
        r"\frac{2\,(p_n - t_n)\,\underbrace{p_n (1 - p_n)}_{\sigma'(z_n)}}{N}"
    )
    st.latex(
        rf"\text{{at the start: }}\ \overline{{|p - t|}} = {num(sat.error, 3)},\quad "
        rf"\overline{{p(1-p)}} = {num(sat.slope, 3)},\quad "
        rf"\text{{confidently wrong: }} {num(100 * sat.wrong, 3)}\%"
    )
    st.caption(
        "p = σ(z) is the network's output, t the target (0 or 1). Where the output saturates "
        "on the wrong side, |p − t| ≈ 1 but p(1 − p) ≈ 0: cross-entropy's gradient stays "
        "large, MSE's all but vanishes."
    )
