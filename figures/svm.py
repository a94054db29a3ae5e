"""Figures of the multiclass SVM loss page: hinge terms, per-image losses, gradient, K = 2.

Arrays in, ``go.Figure`` out. Class names come from the user's table: they are
validated (letters, digits, spaces, ``. ' ( ) + -``) before they get here and
only ever appear as Plotly text.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.theme import NEUTRAL, POSITIVE, class_color, style

_TERMS_SCALE = [[0.0, "#ffffff"], [1.0, POSITIVE]]
_GRAD_SCALE = [[0.0, "#0072B2"], [0.5, "#ffffff"], [1.0, POSITIVE]]


def _cell_text(values: np.ndarray) -> np.ndarray:
    return np.vectorize(lambda v: f"{v:.4g}", otypes=[object])(values)


def _image_ticks(image_names, labels, classes) -> list[str]:
    return [f"{name}<br>(true: {classes[y]})" for name, y in zip(image_names, labels, strict=True)]


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
    fig = go.Figure(
        go.Heatmap(
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
    )
    fig.update_yaxes(autorange="reversed", title_text="class j")
    return style(
        fig,
        title="Hinge terms max(0, s_j − s_yi + Δ) per class and image",
        height=420,
    )


def loss_bars(losses: np.ndarray, batch_loss: float, image_names, labels, classes) -> go.Figure:
    """Bars of each image's ``L_i`` and a line at the batch loss ``L = mean(L_i)``."""
    ticks = _image_ticks(image_names, labels, classes)
    colors = [POSITIVE if v > 0 else NEUTRAL for v in losses]
    fig = go.Figure(
        go.Bar(
            x=ticks,
            y=np.asarray(losses, float),
            marker_color=colors,
            text=[f"L{i + 1} = {v:.4g}" for i, v in enumerate(losses)],
            textposition="outside",
            textfont=dict(size=20),
            cliponaxis=False,
            name="L_i",
            hovertemplate="%{x}: L_i = %{y:.4g}<extra></extra>",
        )
    )
    fig.add_hline(
        y=batch_loss,
        line=dict(color="#222222", dash="dash", width=3),
        annotation=dict(text=f"L = {batch_loss:.4g}", font_size=20),
        annotation_position="top left",
    )
    top = max(float(np.max(losses)), batch_loss, 1.0)
    fig.update_yaxes(range=[0, top * 1.25])
    return style(fig, title="Per-image loss L_i and batch loss L", y_title="loss", height=420)


def gradient_heatmap(grad: np.ndarray, labels: np.ndarray, classes, image_names) -> go.Figure:
    """Classes x images heatmap of ``dL_i/ds_j``; ``grad`` is ``(N, K)``."""
    z = grad.T.astype(float)
    bound = max(float(np.max(np.abs(z))), 1.0)
    fig = go.Figure(
        go.Heatmap(
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
    )
    fig.update_yaxes(autorange="reversed", title_text="class j")
    return style(fig, title="Gradient ∂L_i/∂s_j: +1 per active term, −(count) at y_i", height=420)


def binary_equivalence(x: np.ndarray, multiclass: np.ndarray, binary: np.ndarray) -> go.Figure:
    """Both losses against the input ``x``: ``multiclass`` and ``binary`` are ``(2, P)``.

    Row ``c`` is the curve for true class ``c`` (binary label ``2c - 1``): the
    multiclass loss as a thick line, the binary hinge dashed on top of it.
    """
    fig = go.Figure()
    for c in (0, 1):
        sign = "+1" if c else "−1"
        fig.add_scatter(
            x=x,
            y=multiclass[c],
            mode="lines",
            line=dict(color=class_color(c), width=10),
            opacity=0.45,
            name=f"multiclass SVM, y = {c}",
        )
        fig.add_scatter(
            x=x,
            y=binary[c],
            mode="lines",
            line=dict(color=class_color(c), width=3, dash="dash"),
            name=f"binary hinge, y = {sign}",
        )
    return style(
        fig,
        title="K = 2: multiclass SVM loss and binary hinge coincide",
        x_title="input x",
        y_title="loss L_i",
        height=440,
    )
