"""Figures of the multiclass SVM loss page: hinge terms, per-image losses, gradient, K = 2.

Arrays in, ``go.Figure`` out. Class names come from the user's table: they are
validated (letters, digits, spaces, ``. ' ( ) + -``) before they get here and
only ever appear as Plotly text.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.memo import memoize
from figures.theme import NEUTRAL, POSITIVE, base_layout, class_color, style

MEMO_SIZE = 16  # figures kept per builder (core.memo: shared, never mutated)

_TERMS_SCALE = [[0.0, "#ffffff"], [1.0, POSITIVE]]
# rows = classes top to bottom as in the table; no grid lines across the cells
_HEATMAP_AXES = dict(
    yaxis=dict(autorange="reversed", showgrid=False, zeroline=False),
    xaxis=dict(showgrid=False, zeroline=False),
)
_GRAD_SCALE = [[0.0, "#0072B2"], [0.5, "#ffffff"], [1.0, POSITIVE]]


def _cell_text(values: np.ndarray) -> np.ndarray:
    return np.vectorize(lambda v: f"{v:.4g}", otypes=[object])(values)


def _heatmap_figure(heatmap: dict, title: str) -> go.Figure:
    """A classes x images heatmap trace in the app's look, built in one constructor call
    (validated once: cheaper than ``style`` on a built figure)."""
    layout = base_layout(title=title, height=420)
    layout.update({axis: dict(axis_style) for axis, axis_style in _HEATMAP_AXES.items()})
    return go.Figure(data=[heatmap], layout=layout)


def _image_ticks(image_names, labels, classes) -> list[str]:
    return [f"{name}<br>(true: {classes[y]})" for name, y in zip(image_names, labels, strict=True)]


@memoize(MEMO_SIZE)
def terms_heatmap(terms: np.ndarray, labels: np.ndarray, classes, image_names) -> go.Figure:
    """Classes x images heatmap of ``max(0, s_j - s_{y_i} + Δ)``; ``terms`` is ``(N, K)``.

    The correct class's cell (not part of the sum) is left blank and marked
    "y_i"; every other cell shows its value, orange when it adds to the loss.
    """
    z = terms.T.astype(float)  # (K, N), rows = classes as in the table
    correct = np.arange(z.shape[0])[:, None] == labels[None, :]
    text = _cell_text(z)
    text[correct] = "y_i (skipped)"
    z[correct] = np.nan
    top = float(np.nanmax(z)) if np.any(~np.isnan(z)) else 0.0
    heatmap = dict(
        type="heatmap",
        z=z,
        x=_image_ticks(image_names, labels, classes),
        y=list(classes),
        text=text,
        texttemplate="%{text}",
        textfont=dict(size=20),
        colorscale=_TERMS_SCALE,
        zmin=0.0,
        zmax=max(top, 1e-9),
        xgap=3,
        ygap=3,
        colorbar=dict(title=dict(text="term"), thickness=16),
        hovertemplate="class %{y}, %{x}: term %{text}<extra></extra>",
    )
    return _heatmap_figure(heatmap, "Hinge terms max(0, s_j − s_yi + Δ)")


@memoize(MEMO_SIZE)
def loss_bars(losses: np.ndarray, batch_loss: float, image_names, labels, classes) -> go.Figure:
    """Bars of each image's ``L_i`` and a dashed line at the batch loss ``L = mean(L_i)``."""
    bars = dict(
        type="bar",
        x=_image_ticks(image_names, labels, classes),
        y=np.asarray(losses, float),
        marker_color=[POSITIVE if v > 0 else NEUTRAL for v in losses],
        text=[f"L{i + 1} = {v:.4g}" for i, v in enumerate(losses)],
        textposition="outside",
        textfont=dict(size=20),
        cliponaxis=False,
        name="L_i",
        hovertemplate="%{x}: L_i = %{y:.4g}<extra></extra>",
    )
    top = max(float(np.max(losses)), batch_loss, 1.0)
    layout = base_layout(title="Per-image loss L_i and batch loss L", height=420)
    layout.update(
        shapes=[
            dict(
                type="line",
                xref="paper",
                x0=0,
                x1=1,
                y0=batch_loss,
                y1=batch_loss,
                line=dict(color="#222222", dash="dash", width=3),
            ),
        ],  # fmt: skip
        annotations=[
            dict(
                xref="paper",
                x=0,
                y=batch_loss,
                text=f"L = {batch_loss:.4g}",
                showarrow=False,
                xanchor="left",
                yanchor="bottom",
                font_size=20,
            ),
        ],  # fmt: skip
        yaxis=dict(range=[0, top * 1.25], title=dict(text="loss")),
    )
    return go.Figure(data=[bars], layout=layout)


@memoize(MEMO_SIZE)
def gradient_heatmap(grad: np.ndarray, labels: np.ndarray, classes, image_names) -> go.Figure:
    """Classes x images heatmap of ``dL_i/ds_j``; ``grad`` is ``(N, K)``."""
    z = grad.T.astype(float)
    bound = max(float(np.max(np.abs(z))), 1.0)
    heatmap = dict(
        type="heatmap",
        z=z,
        x=_image_ticks(image_names, labels, classes),
        y=list(classes),
        text=_cell_text(z),
        texttemplate="%{text}",
        textfont=dict(size=20),
        colorscale=_GRAD_SCALE,
        zmin=-bound,
        zmax=bound,
        xgap=3,
        ygap=3,
        colorbar=dict(title=dict(text="∂L_i/∂s_j"), thickness=16),
        hovertemplate="class %{y}, %{x}: ∂L_i/∂s_j = %{z}<extra></extra>",
    )
    return _heatmap_figure(heatmap, "Gradient ∂L_i/∂s_j (+1 per active term, −count at y_i)")


@memoize(MEMO_SIZE)
def binary_equivalence(x: np.ndarray, multiclass: np.ndarray, binary: np.ndarray) -> go.Figure:
    """Both losses against the input ``x``: ``multiclass`` and ``binary`` are ``(2, P)``.

    Row ``c`` is the curve for true class ``c`` (binary label ``2c - 1``): the
    multiclass loss as a thick faint line, the binary hinge dashed on top of it.
    """
    traces = []
    for c in (0, 1):
        traces.append(
            go.Scatter(
                x=x, y=multiclass[c], mode="lines", opacity=0.45,
                line=dict(color=class_color(c), width=10), name=f"multiclass SVM, y = {c}",
            )
        )  # fmt: skip
        traces.append(
            go.Scatter(
                x=x, y=binary[c], mode="lines", name=f"binary hinge, y = {'+1' if c else '−1'}",
                line=dict(color=class_color(c), width=3, dash="dash"),
            )
        )  # fmt: skip
    layout = dict(xaxis=dict(title_text="input x"), yaxis=dict(title_text="loss L_i"))
    return style(
        go.Figure(traces, layout=layout),
        title="K = 2: the multiclass SVM loss is the binary hinge",
        height=440,
    )
