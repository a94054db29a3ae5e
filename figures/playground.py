"""Figures of the training playground: decision regions with the points, training curves.

Arrays in, ``go.Figure`` out (no streamlit). Each builder is ``@memoize``d: a rerun
that changes nothing the chart shows reuses the figure.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.memo import memoize
from figures.theme import CLASS_COLORS, FONT_SIZE, base_layout, class_color, line

MEMO_SIZE = 16  # figures kept per builder (core.memo: shared, never mutated)
HEIGHT = 460  # the regions chart: whole on a 1280 x 720 screen under the title
CURVES_HEIGHT = 460
COMPARE_HEIGHT = 400
MAX_CURVE_POINTS = 400  # longer histories are thinned to this many points (the shape stays)
HIGHLIGHT = "#000000"
HELD_SYMBOL = "circle-open"


def _pale(color: str, alpha: float = 0.22) -> str:
    """``#RRGGBB`` -> ``rgba(r, g, b, alpha)``: the class colour as a region's wash."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"


def _region_colorscale(classes: int) -> list:
    """A stepped colour scale: integer ``k`` in ``[0, K-1]`` gets class ``k``'s pale colour."""
    scale = []
    for k in range(classes):
        color = _pale(CLASS_COLORS[k % len(CLASS_COLORS)])
        scale += [[k / classes, color], [(k + 1) / classes, color]]
    return scale


@memoize(MEMO_SIZE)
def regions_figure(
    xs: np.ndarray,
    ys: np.ndarray,
    predicted: np.ndarray,
    X: np.ndarray,
    y: np.ndarray,
    held: np.ndarray,
    names: tuple[str, ...],
    title: str,
    highlight: int | None = None,
    height: int = HEIGHT,
    live: bool = False,
) -> go.Figure:
    """Decision regions: the class predicted at each grid spot as a pale wash, the points in
    their class colours (held-out points as rings), and point ``highlight`` circled.

    ``predicted`` is ``(Q, P)`` ints on ``xs`` ``(P,)`` x ``ys`` ``(Q,)``; ``X`` ``(N, 2)``,
    ``y`` ``(N,)``, ``held`` ``(N,)`` bools. Hovering a point shows its row number in the
    page's table, its coordinates and its class.

    ``live`` (while training plays): the same picture, cheaper for the browser to
    update many times a second: all points in one trace, no legend, no hover.
    """
    classes = len(names)
    regions = dict(
        type="heatmap",
        x=xs,
        y=ys,
        z=predicted.astype(np.float32) + 0.5,  # class k sits mid-way in its colour step
        zmin=0,
        zmax=classes,
        colorscale=_region_colorscale(classes),
        showscale=False,
        hoverinfo="skip",
    )
    if live:
        return go.Figure(
            data=[regions, _all_points(X, y, held)], layout=_regions_layout(title, xs, ys, height)
        )
    rows = np.arange(y.size)
    traces = [regions]
    for k, name in enumerate(names):
        for is_held in (False, True):
            mask = (y == k) & (held == is_held)
            if not mask.any() and is_held:
                continue
            traces.append(
                dict(
                    type="scatter",
                    x=X[mask, 0],
                    y=X[mask, 1],
                    mode="markers",
                    name=f"{name} (held out)" if is_held else name,
                    legendgroup=name,
                    showlegend=not is_held,
                    customdata=rows[mask],
                    hovertemplate=f"point %{{customdata}}: (%{{x:.2f}}, %{{y:.2f}}), {name}"
                    + (" (held out)" if is_held else "")
                    + "<extra></extra>",
                    marker=dict(
                        color=class_color(k),
                        size=11 if is_held else 10,
                        symbol=HELD_SYMBOL if is_held else "circle",
                        line=dict(color=class_color(k) if is_held else "white", width=2.5),
                    ),
                )
            )
    if held.any():  # one legend entry explains the rings
        traces.append(
            dict(
                type="scatter", x=[None], y=[None], mode="markers", name="held out",
                marker=dict(color="#555555", size=11, symbol=HELD_SYMBOL, line=dict(width=2.5)),
            )
        )  # fmt: skip
    if highlight is not None and 0 <= highlight < y.size:
        traces.append(
            dict(
                type="scatter",
                x=X[highlight : highlight + 1, 0],
                y=X[highlight : highlight + 1, 1],
                mode="markers",
                name=f"point {highlight}",
                marker=dict(color="rgba(0,0,0,0)", size=26, line=dict(color=HIGHLIGHT, width=4)),
                hoverinfo="skip",
            )
        )
    return go.Figure(data=traces, layout=_regions_layout(title, xs, ys, height))


def _regions_layout(title: str, xs: np.ndarray, ys: np.ndarray, height: int) -> dict:
    """Square axes over the grid, the legend in one row under the plot (its room kept when
    there is none, so the plot does not move when the legend comes and goes)."""
    layout = base_layout(title=title, x_title="x₁", y_title="x₂", height=height)
    layout["margin"] = dict(l=60, r=10, t=50, b=95)
    # Legend entries side by side under the plot, two or more to a row even in a narrow
    # column (without a set entry width plotly stacks them one to a row there).
    layout["legend"] = dict(
        orientation="h", x=0.5, xanchor="center", xref="container", y=0.0, yref="container",
        yanchor="bottom", entrywidth=75, font=dict(size=FONT_SIZE - 2),
    )  # fmt: skip
    layout["xaxis"].update(range=[float(xs[0]), float(xs[-1])], constrain="domain")
    layout["yaxis"].update(
        range=[float(ys[0]), float(ys[-1])], scaleanchor="x", scaleratio=1, constrain="domain"
    )
    layout["uirevision"] = "regions"  # a zoom the student made survives the next step
    return layout


def _all_points(X: np.ndarray, y: np.ndarray, held: np.ndarray) -> dict:
    """Every point in one scatter trace: class colours, rings for the held-out points."""
    colors = np.array([class_color(k) for k in range(int(y.max()) + 1)])[y]
    return dict(
        type="scatter", x=X[:, 0], y=X[:, 1], mode="markers", showlegend=False,
        hoverinfo="skip",
        marker=dict(
            color=colors, size=10, symbol=np.where(held, HELD_SYMBOL, "circle"),
            line=dict(color=np.where(held, colors, "white"), width=2),
        ),
    )  # fmt: skip


def _thin(steps: np.ndarray, *series: np.ndarray) -> tuple[np.ndarray, ...]:
    """Every k-th point (and the last) so a curve has at most ``MAX_CURVE_POINTS`` points."""
    stride = max(1, int(np.ceil(steps.size / MAX_CURVE_POINTS)))
    index = np.unique(np.append(np.arange(0, steps.size, stride), steps.size - 1))
    return (steps[index], *(s[index] for s in series))


def _corner_legend(y: float, anchor: str) -> dict:
    return dict(
        orientation="v", x=0.99, xanchor="right", y=y, yanchor=anchor,
        bgcolor="rgba(255, 255, 255, 0.85)", font=dict(size=FONT_SIZE - 2),
    )  # fmt: skip


def _two_panels(title: str, top_title: str, bottom_title: str, height: int) -> dict:
    """A layout with two stacked panels sharing the step axis (cheaper than make_subplots)."""
    layout = base_layout(title=title, height=height)
    layout.update(
        xaxis=dict(anchor="y", matches="x2", showticklabels=False),
        xaxis2=dict(anchor="y2", title=dict(text="step"), rangemode="tozero"),
        yaxis=dict(domain=[0.56, 1.0], title=dict(text=top_title), rangemode="tozero"),
        yaxis2=dict(domain=[0.0, 0.44], title=dict(text=bottom_title)),
    )
    layout["margin"] = dict(l=80, r=20, t=60, b=60)
    layout["uirevision"] = "curves"
    return layout


@memoize(MEMO_SIZE)
def curves_figure(
    data_loss: np.ndarray,
    reg_loss: np.ndarray,
    train_accuracy: np.ndarray,
    held_accuracy: np.ndarray,
    title: str,
) -> go.Figure:
    """Training curves over the steps ``0..T``: data loss, λR(W) and their sum (top); training
    and held-out accuracy (bottom; no held-out line without held-out points). Inputs
    ``(T + 1,)``."""
    steps = np.arange(data_loss.size)
    steps, data_loss, reg_loss, train_accuracy, held_accuracy = _thin(
        steps, data_loss, reg_loss, train_accuracy, held_accuracy
    )
    traces = [
        line(steps, data_loss + reg_loss, "total", "#222222", width=3),
        line(steps, data_loss, "data loss", CLASS_COLORS[0], width=3, dash="dot"),
        line(steps, reg_loss, "λR(W)", CLASS_COLORS[3], width=3, dash="dash"),
        line(steps, train_accuracy, "training acc.", CLASS_COLORS[2], width=3,
             xaxis="x2", yaxis="y2"),
    ]  # fmt: skip
    if np.isfinite(held_accuracy).any():
        traces.append(
            line(steps, held_accuracy, "held-out acc.", CLASS_COLORS[4], width=3, dash="dash",
                 xaxis="x2", yaxis="y2")
        )  # fmt: skip
    for trace in traces[3:]:
        trace["legend"] = "legend2"
    layout = _two_panels(title, "loss", "accuracy", CURVES_HEIGHT)
    layout["yaxis2"].update(range=[0, 1.05], tickformat=".0%")
    # Each panel's legend in its own top-right / bottom-right corner, inside the plot: a
    # falling loss leaves the first empty, a rising accuracy the second.
    layout["legend"] = _corner_legend(1.0, "top")
    layout["legend2"] = _corner_legend(0.0, "bottom")
    return go.Figure(data=traces, layout=layout)


@memoize(MEMO_SIZE)
def compare_figure(
    names: tuple[str, str],
    data_losses: tuple[np.ndarray, np.ndarray],
    zero_fractions: tuple[np.ndarray, np.ndarray],
    weight_norms: tuple[np.ndarray, np.ndarray],
) -> go.Figure:
    """Two runs side by side over the steps: the data loss (top) and ``||W||`` (bottom), with
    the share of training points whose loss is exactly 0 in the hover text.

    The lesson: the SVM's loss reaches 0 and its weights stop growing once every
    margin is met; softmax's loss never reaches 0, so ``||W||`` keeps growing.
    """
    traces = []
    for (name, loss, zeros, norm), color, dash in zip(
        zip(names, data_losses, zero_fractions, weight_norms, strict=True),
        (CLASS_COLORS[0], CLASS_COLORS[3]),
        ("solid", "dash"),
        strict=True,
    ):
        steps, loss, zeros, norm = _thin(np.arange(loss.size), loss, zeros, norm)
        traces.append(
            line(steps, loss, name, color, width=3, dash=dash, legendgroup=name, customdata=zeros,
                 hovertemplate="step %{x}: data loss %{y:.4g}, %{customdata:.0%} of points at "
                 "L_i = 0<extra>" + name + "</extra>")
        )  # fmt: skip
        traces.append(
            line(steps, norm, name, color, width=3, dash=dash, legendgroup=name,
                 showlegend=False, xaxis="x2", yaxis="y2")
        )  # fmt: skip
    layout = _two_panels(
        "Data loss and weight size, step by step", "data loss", "‖W‖", COMPARE_HEIGHT
    )
    layout["yaxis2"]["rangemode"] = "tozero"
    layout["legend"] = _corner_legend(1.0, "top")
    return go.Figure(data=traces, layout=layout)
