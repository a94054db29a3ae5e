"""Figures of the regularization page: penalties, the geometry of L1 vs L2, overfitting.

Arrays in, ``go.Figure`` out; no streamlit. Builders are memoized (``core.memo``):
callers must not modify a returned figure. Conventions: docs/architecture.md.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.memo import memoize
from figures.theme import NEUTRAL, base_layout, class_color, line, play_controls, titled, vline

MEMO_SIZE = 16  # figures kept per builder


def _decade_ticks(low: float, high: float) -> dict:
    """A log axis with a tick per power of ten (1-2-5 ticks crowd a half-width chart)."""
    powers = np.arange(np.ceil(np.log10(low) - 1e-9), np.floor(np.log10(high) + 1e-9) + 1)
    values = 10.0**powers
    text = [
        f"{v:g}" if -1 <= p <= 1 else f"10{_superscript(int(p))}"
        for p, v in zip(powers, values, strict=True)
    ]
    return dict(type="log", tickvals=values, ticktext=text, tickangle=0)


def _superscript(power: int) -> str:
    """``-4`` -> ``⁻⁴``: short tick labels that fit a half-width chart unrotated."""
    return str(power).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


PENALTY_COLORS = {"l1": class_color(3), "l2": class_color(0), "elastic": class_color(2)}
PENALTY_NAMES = {"l1": "L1", "l2": "L2", "elastic": "elastic net"}


@memoize(MEMO_SIZE)
def penalty_bars(vector_names: tuple[str, ...], penalties: tuple[tuple[str, np.ndarray], ...]):
    """Grouped bars: each penalty (a colour) of each weight vector (a group).

    ``penalties`` is ``((regularizer id, values (M,)), ...)`` for ``M`` vectors.
    """
    data = [
        dict(
            type="bar", x=list(vector_names), y=values, name=PENALTY_NAMES[reg],
            marker_color=PENALTY_COLORS[reg], text=[f"{v:.3g}" for v in values],
            textposition="outside", textfont_size=18, cliponaxis=False, constraintext="none",
        )
        for reg, values in penalties
    ]  # fmt: skip
    top = max(float(np.max(values)) for _, values in penalties)
    layout = titled(
        base_layout(title="Penalties R(w)", height=380),
        y_title="R(w)",
    )
    layout["yaxis"]["range"] = [0, 1.25 * top if top > 0 else 1]
    layout["barmode"] = "group"
    return go.Figure(data=data, layout=layout)


@memoize(MEMO_SIZE)
def geometry_figure(
    grid: np.ndarray,
    loss_grid: np.ndarray,
    paths: tuple[tuple[str, np.ndarray], ...],
    play: tuple[np.ndarray, tuple[tuple[str, np.ndarray, np.ndarray], ...]],
    index: int,
    w_star: np.ndarray,
    animate: bool = True,
):
    """The weight plane: data-loss contours, unit balls, each penalty's path of optima, and at
    λ = ``play[0][index]`` (the slider's) each optimum with the penalty's level set through it.

    ``paths``: ``((reg, (M, 2)), ...)``; ``loss_grid`` is ``(Q, P)`` on ``grid`` × ``grid``;
    ``play``: ``(λ (n,), ((reg, optima (n, 2), level sets (n, P, 2)), ...))`` from
    ``core.pages.regularization.geometry_play``. ▶ Play moves each optimum along its path
    and its level set with it, one frame per λ of ``play``, and back to the slider's λ.
    Without ``animate``: the optima at the slider's λ only (its value in the title), no
    frames and no Play (a smaller chart, quicker to redraw on each press).
    """
    t = np.linspace(0.0, 2.0 * np.pi, 121)
    circle = np.column_stack([np.cos(t), np.sin(t)])
    diamond = circle / (np.abs(circle).sum(axis=1, keepdims=True))
    data = [
        dict(
            type="contour", x=grid, y=grid, z=loss_grid.astype(np.float32),
            contours=dict(coloring="lines", start=0.0, end=float(loss_grid.max()), size=0.5),
            line=dict(width=1), colorscale=[[0, "#bbbbbb"], [1, "#bbbbbb"]],
            showscale=False, hoverinfo="skip", name="data loss", showlegend=False,
        ),
        line(circle[:, 0], circle[:, 1], "unit balls", NEUTRAL, width=2, dash="dot",
             hoverinfo="skip"),
        line(diamond[:, 0], diamond[:, 1], "unit balls", NEUTRAL, width=2, dash="dot",
             hoverinfo="skip", showlegend=False),
        dict(type="scatter", x=[w_star[0]], y=[w_star[1]], mode="markers+text",
             marker=dict(symbol="x", size=14, color="black"), text=["w* (λ = 0)"],
             textposition="top center", textfont_size=16, name="no penalty", showlegend=False),
    ]  # fmt: skip
    for reg, path in paths:
        data.append(
            line(path[:, 0], path[:, 1], f"{PENALTY_NAMES[reg]} path", PENALTY_COLORS[reg],
                 width=4, hovertemplate="(%{x:.3f}, %{y:.3f})<extra></extra>")
        )  # fmt: skip
    lams, moving = play

    def at(i: int) -> list[dict]:
        """Each penalty's level set (rounded lists: a frame's numbers encode many times faster
        than small numpy arrays) and its optimum (a dot), two traces a penalty."""
        return [
            part
            for _, opt, level in moving
            for part in (
                dict(
                    x=np.round(level[i, :, 0], 3).tolist(), y=np.round(level[i, :, 1], 3).tolist()
                ),
                dict(x=[float(opt[i, 0])], y=[float(opt[i, 1])]),
            )
        ]

    first = len(data)
    now = at(index)
    for k, (reg, _, _) in enumerate(moving):
        name, color = PENALTY_NAMES[reg], PENALTY_COLORS[reg]
        data.append(
            line(now[2 * k]["x"], now[2 * k]["y"], f"{name} level set", color, width=2,
                 dash="dash", hoverinfo="skip", showlegend=False)
        )  # fmt: skip
        data.append(
            dict(type="scatter", mode="markers", marker=dict(size=16, color=color,
                 line=dict(width=2, color="white")), showlegend=False,
                 hovertemplate=f"{name}: (%{{x:.3f}}, %{{y:.3f}})<extra></extra>",
                 **now[2 * k + 1])
        )  # fmt: skip
    names = [f"{v:.3g}" for v in lams]
    traces = list(range(first, first + 2 * len(moving)))
    height, bottom = (720, 240) if animate else (600, 110)
    title = "Optima (dots) at the bar's λ" if animate else f"Optima (dots: λ = {lams[index]:.3g})"
    layout = titled(
        base_layout(title=title, height=height), x_title="weight w₁", y_title="weight w₂"
    )
    layout["xaxis"].update(range=[grid[0], grid[-1]], zeroline=True, zerolinewidth=2)
    layout["yaxis"].update(
        range=[grid[0], grid[-1]], scaleanchor="x", zeroline=True, zerolinewidth=2
    )
    layout["xaxis"]["constrain"] = "domain"  # a square plot, no blank band beside it
    # Four legend entries: below the plot, clear of the title at half a projector's width;
    # the Play's buttons and scrub bar below them.
    plot = height - 105 - bottom  # px of the plot area: the offsets below are fractions of it
    layout["legend"] = dict(orientation="h", yanchor="top", y=-65 / plot, xanchor="left", x=0.0)
    layout["margin"]["b"] = bottom
    if not animate:
        return go.Figure(data=data, layout=layout)
    layout.update(play_controls(names, index, "λ", y=-125 / plot, bar_y=-165 / plot))
    frames = [dict(name=name, traces=traces, data=at(i)) for i, name in enumerate(names)]
    return go.Figure(data=data, layout=layout, frames=frames)


@memoize(MEMO_SIZE)
def coefficient_paths(lams: np.ndarray, paths: tuple[tuple[str, np.ndarray], ...]):
    """Each weight against λ (log axis) for every penalty: L1 reaches exactly 0, L2 never does.

    No mark of the current λ: the chart stays still while λ moves (the dots of the weight
    plane show it), so a press on the λ slider redraws one chart, not two.
    """
    data = []
    for reg, path in paths:
        for j, dash in ((0, "solid"), (1, "dash")):
            data.append(
                line(lams, path[:, j], PENALTY_NAMES[reg], PENALTY_COLORS[reg], width=3,
                     dash=dash, legendgroup=reg, showlegend=j == 0,
                     hovertemplate=f"w{'₁₂'[j]} = %{{y:.3f}} at λ = %{{x:.3g}}<extra></extra>")
            )  # fmt: skip
    layout = titled(
        base_layout(title="Weights vs λ (solid w₁, dashed w₂)", height=600),
        x_title="λ",
        y_title="weight",
    )
    layout["xaxis"].update(_decade_ticks(float(lams[0]), float(lams[-1])))
    return go.Figure(data=data, layout=layout)


@memoize(MEMO_SIZE)
def fit_regions(
    xs: np.ndarray,
    ys: np.ndarray,
    regions: np.ndarray,
    train: tuple[np.ndarray, np.ndarray],
    held: tuple[np.ndarray, np.ndarray],
    title: str,
):
    """Decision regions ``(Q, P)`` with training points (filled) and held-out points (hollow)."""
    scale = [
        [0.0, class_color(0)],
        [0.5, class_color(0)],
        [0.5, class_color(1)],
        [1, class_color(1)],
    ]
    data = [
        dict(type="heatmap", x=xs, y=ys, z=regions.astype(np.int8), zmin=-0.5, zmax=1.5,
             colorscale=scale, opacity=0.28, showscale=False, hoverinfo="skip"),
    ]  # fmt: skip
    for (X, y), name, filled in (
        (train, "training (filled)", True),
        (held, "held-out (ring)", False),
    ):
        colors = np.array([class_color(0), class_color(1)])[y]
        # An open symbol is drawn in marker.color; a filled one gets a white rim.
        marker = (
            dict(size=12, color=colors, symbol="circle", line=dict(width=1.5, color="white"))
            if filled
            else dict(size=10, color=colors, symbol="circle-open", line=dict(width=2.5))
        )
        data.append(
            dict(type="scatter", x=X[:, 0], y=X[:, 1], mode="markers", name=name,
                 marker=marker, showlegend=False,
                 hovertemplate="(%{x:.2f}, %{y:.2f})<extra></extra>")
        )  # fmt: skip
        # The legend shows a grey proxy: the real markers take each class's colour.
        proxy = {**marker, "color": "#555555"}
        if filled:
            proxy["line"] = dict(width=1.5, color="white")
        data.append(
            dict(type="scatter", x=[None], y=[None], mode="markers", name=name, marker=proxy)
        )
    layout = titled(base_layout(title=title, height=520), x_title="x₁", y_title="x₂")
    layout["xaxis"].update(range=[xs[0], xs[-1]], constrain="domain")
    layout["yaxis"].update(range=[ys[0], ys[-1]], scaleanchor="x")
    return go.Figure(data=data, layout=layout)


@memoize(MEMO_SIZE)
def loss_history(steps: np.ndarray, data_loss: np.ndarray, reg_loss: np.ndarray, lam: float):
    """Data loss, λR(W) and their sum over the training steps (log axis: the early steps,
    where most of the change happens, get room; step 0 is drawn at 1)."""
    steps = np.maximum(steps, 1)
    data = [
        line(steps, data_loss, "data loss", class_color(0)),
        line(steps, reg_loss, "λ R(W)", class_color(3)),
        line(steps, data_loss + reg_loss, "total", "#222222", width=2, dash="dash"),
    ]
    layout = titled(
        base_layout(title=f"Training, λ = {lam:.3g}", height=420),
        x_title="gradient step (log scale)",
        y_title="loss",
    )
    layout["xaxis"].update(_decade_ticks(1.0, float(steps[-1])))
    return go.Figure(data=data, layout=layout)


@memoize(MEMO_SIZE)
def weight_histogram(weights: np.ndarray, penalty_name: str):
    """How many learned weights lie in each bin; the exact zeros get a bar of their own."""
    w = np.ravel(weights)
    zeros = int(np.count_nonzero(w == 0.0))
    nonzero = w[w != 0.0]
    span = float(np.max(np.abs(w))) if w.size and np.any(w) else 1.0
    edges = np.linspace(-span, span, 26)
    counts, _ = np.histogram(nonzero, bins=edges)
    centres = 0.5 * (edges[:-1] + edges[1:])
    data = [
        dict(type="bar", x=centres, y=counts, width=np.diff(edges) * 0.9, name="nonzero weights",
             marker_color=class_color(0),
             hovertemplate="%{y} weights near %{x:.3g}<extra></extra>"),
        dict(type="bar", x=[0.0], y=[zeros], width=[float(edges[1] - edges[0]) * 0.6],
             name=f"exactly 0: {zeros}", marker_color=class_color(3), text=[str(zeros)],
             textposition="outside", textfont_size=18, cliponaxis=False, constraintext="none"),
    ]  # fmt: skip
    layout = titled(
        base_layout(title=f"The {w.size} learned weights ({penalty_name})", height=420),
        x_title="weight value",
        y_title="how many",
    )
    layout["barmode"] = "overlay"
    return go.Figure(data=data, layout=layout)


@memoize(MEMO_SIZE)
def lambda_sweep(
    lams: np.ndarray, train_accuracy: np.ndarray, held_accuracy: np.ndarray, lam: float
):
    """Training and held-out accuracy against λ > 0 (log axis); λ = 0 as dotted reference lines.

    ``lams[0]`` must be 0 (no penalty): its accuracies are drawn across the chart.
    """
    x = lams[1:]
    data = [
        {**line(x, 100 * train_accuracy[1:], "training", class_color(0)), "mode": "lines+markers"},
        {**line(x, 100 * held_accuracy[1:], "held-out", class_color(3)), "mode": "lines+markers"},
        line([x[0], x[-1]], [100 * train_accuracy[0]] * 2, "training, λ = 0", class_color(0),
             width=2, dash="dot"),
        line([x[0], x[-1]], [100 * held_accuracy[0]] * 2, "held-out, λ = 0", class_color(3),
             width=2, dash="dot"),
    ]  # fmt: skip
    best = int(np.argmax(held_accuracy[1:]))
    data.append(
        dict(type="scatter", x=[x[best]], y=[100 * held_accuracy[1 + best]], mode="markers+text",
             marker=dict(size=16, symbol="star", color=class_color(3)), showlegend=False,
             text=[f"best: λ = {x[best]:.3g}"], textposition="top center",
             textfont_size=16)
    )  # fmt: skip
    shapes, notes = [], []
    if lam > 0:
        shape, notes = vline(lam, f" λ = {lam:.3g}", log_x=True)
        shapes = [shape]
    layout = titled(
        base_layout(title="Accuracy against λ", height=500),
        x_title="λ",
        y_title="accuracy (%)",
    )
    layout["xaxis"].update(_decade_ticks(float(x[0]), float(x[-1])))
    layout["legend"] = dict(orientation="h", yanchor="top", y=-0.3, xanchor="left", x=0.0)
    layout["margin"]["b"] = 170
    layout.update(shapes=shapes, annotations=notes)
    return go.Figure(data=data, layout=layout)


# ------------------------------------------------------------------ the Play (client-side sweep)
