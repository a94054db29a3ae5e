"""Figures of the limits-of-linear-models page: decision regions in R², the lift to R³.

Arrays in, ``go.Figure`` out (no streamlit). Each builder is ``@memoize``d: the
page draws the same figures again on every rerun that does not change the data.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.memo import memoize
from figures.theme import FONT_SIZE, base_layout, class_color

MEMO_SIZE = 16  # figures kept per builder (core.memo: shared, never mutated)
REGION_COLORS = ("rgba(0, 114, 178, 0.16)", "rgba(230, 159, 0, 0.22)")  # pale class colours
BOUNDARY = "#000000"
PLANE = "rgb(150, 150, 150)"  # grey: the class colours stay true seen through it
POINT = "#000000"
HEIGHT = 380  # the two region charts fit the first 720 px screen under the controls
HEIGHT_3D = 620


def _points(X: np.ndarray, y: np.ndarray, names: tuple[str, str], z: np.ndarray | None) -> list:
    """One scatter (or scatter3d, with ``z``) trace per class, in the class colours."""
    traces = []
    for k, name in enumerate(names):
        mask = y == k
        trace = dict(
            type="scatter" if z is None else "scatter3d",
            x=X[mask, 0],
            y=X[mask, 1],
            mode="markers",
            name=name,
            marker=dict(
                color=class_color(k),
                size=9 if z is None else 5,
                symbol="circle" if k == 0 else ("diamond" if z is not None else "square"),
                line=dict(color="white", width=1) if z is None else None,
            ),
        )
        if z is not None:
            trace["z"] = z[mask]
        traces.append(trace)
    return traces


def _test_point(point: np.ndarray) -> dict:
    """The student's test point ``(2,)`` or lifted ``(3,)``: a large black star (a cross in
    3D, which has no star)."""
    trace = dict(
        type="scatter" if point.shape[0] == 2 else "scatter3d",
        x=point[:1],
        y=point[1:2],
        mode="markers",
        name="test point",
        marker=dict(color=POINT, size=20, symbol="star", line=dict(color="white", width=1.5)),
    )
    if point.shape[0] == 3:
        trace["z"] = point[2:]
        trace["marker"] = dict(color=POINT, size=10, symbol="cross")
    return trace


@memoize(MEMO_SIZE)
def regions_figure(
    xs: np.ndarray,
    ys: np.ndarray,
    decision: np.ndarray,
    X: np.ndarray,
    y: np.ndarray,
    names: tuple[str, str],
    title: str,
    point: np.ndarray,
) -> go.Figure:
    """Decision regions in R²: the grid's predicted class (``decision > 0`` is class 1) as a
    pale heatmap, the boundary ``decision = 0`` as a black line, the points by class and
    the test ``point`` ``(2,)`` as a star.

    ``decision`` is ``(Q, P)`` on ``xs`` ``(P,)`` x ``ys`` ``(Q,)``; ``X`` ``(N, 2)``,
    ``y`` ``(N,)``.
    """
    regions = dict(
        type="heatmap",
        x=xs,
        y=ys,
        z=(decision > 0).astype(np.int8),
        zmin=0,
        zmax=1,
        colorscale=[[0.0, REGION_COLORS[0]], [1.0, REGION_COLORS[1]]],
        showscale=False,
        hoverinfo="skip",
    )
    boundary = dict(
        type="contour",
        x=xs,
        y=ys,
        z=decision.astype(np.float32),
        contours=dict(start=0.0, end=0.0, size=1.0, coloring="none"),
        line=dict(color=BOUNDARY, width=4),
        name="boundary (score 0)",
        showscale=False,
        showlegend=False,  # named in the page's caption: the legend stays one row
        hoverinfo="skip",
    )
    layout = base_layout(title=title, x_title="x₁", y_title="x₂", height=HEIGHT)
    # the legend in one row at the bottom: the square plot keeps the column's width
    layout["margin"] = dict(l=60, r=10, t=50, b=95)
    layout["legend"] = dict(
        orientation="h", x=0.5, xanchor="center", y=0.0, yref="container", yanchor="bottom"
    )
    span = [float(xs[0]), float(xs[-1])]
    layout["xaxis"].update(range=span, constrain="domain")
    layout["yaxis"].update(
        range=[float(ys[0]), float(ys[-1])], scaleanchor="x", scaleratio=1, constrain="domain"
    )
    star = dict(_test_point(point), showlegend=False)
    data = [regions, boundary, *_points(X, y, names, None), star]
    return go.Figure(data=data, layout=layout)


def _axis(title: str, span: tuple[float, float]) -> dict:
    return dict(
        title=dict(text=title, font=dict(size=FONT_SIZE + 2)),
        tickfont=dict(size=FONT_SIZE - 4),
        range=list(span),
        backgroundcolor="white",
        gridcolor="#dddddd",
        showspikes=False,
    )


@memoize(MEMO_SIZE)
def lifted_figure(
    F: np.ndarray,
    y: np.ndarray,
    surface: tuple[np.ndarray, np.ndarray, np.ndarray],
    box: tuple[tuple[float, float], ...],
    names: tuple[str, str],
    feature_name: str,
    title: str,
    point: np.ndarray,
) -> go.Figure:
    """The lifted points ``F`` ``(N, 3)`` as a rotatable 3D scatter by class, the trained
    plane as a see-through surface (``surface``: its ``x1, x2, z`` grids, NaN outside
    ``box``, the three axes' ranges) and the lifted test ``point`` ``(3,)``."""
    x1, x2, z = surface
    plane = dict(
        type="surface",
        x=x1,
        y=x2,
        z=z,
        colorscale=[[0.0, PLANE], [1.0, PLANE]],
        showscale=False,
        opacity=0.4,
        name="plane (score 0)",
        showlegend=True,
        hoverinfo="skip",
    )
    layout = base_layout(title=title, height=HEIGHT_3D)
    layout["margin"] = dict(l=0, r=0, t=layout["margin"]["t"], b=0)
    layout["uirevision"] = "lift"  # a student's rotation and zoom survive a rerun
    layout["scene"] = dict(
        uirevision="lift",
        xaxis=dict(_axis("x₁", box[0]), dtick=1),  # whole ticks: none at the crowded corner
        yaxis=dict(_axis("x₂", box[1]), dtick=1),
        zaxis=dict(_axis(feature_name, box[2]), nticks=5),  # few labels: WebGL draws each
        aspectmode="cube",
        camera=dict(eye=dict(x=1.55, y=-1.55, z=0.8), center=dict(x=0, y=0, z=-0.08)),
    )
    data = [*_points(F[:, :2], y, names, F[:, 2]), plane, _test_point(point)]
    return go.Figure(data=data, layout=layout)
