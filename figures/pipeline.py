"""Figures of the home page: the lecture's batch flowing through scores, loss and updates."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.theme import class_color, style


def scores_before_after(
    before: np.ndarray,
    after: np.ndarray,
    labels: np.ndarray,
    class_names: tuple[str, ...],
    image_names: tuple[str, ...],
    steps: int,
) -> go.Figure:
    """Grouped bars of each image's class scores at the start (faded) and after ``steps`` updates.

    ``before`` and ``after`` are ``(N, K)``; the correct class of each image is
    outlined in black, so a student sees its bar grow relative to the others.
    """
    fig = go.Figure()
    for k, name in enumerate(class_names):
        outline = np.where(labels == k, 3.0, 0.0)
        fig.add_bar(
            x=list(image_names),
            y=before[:, k],
            name=f"{name} (start)",
            marker=dict(
                color=class_color(k), opacity=0.35, line=dict(width=outline, color="black")
            ),
            offsetgroup=f"{k}",
            legendgroup=name,
            showlegend=False,
            hovertemplate=f"{name} score at start: %{{y:.3f}}<extra></extra>",
        )
        fig.add_bar(
            x=list(image_names),
            y=after[:, k],
            name=name,
            marker=dict(color=class_color(k), line=dict(width=outline, color="black")),
            offsetgroup=f"{k}",
            legendgroup=name,
            showlegend=False,
            width=0.12,
            texttemplate="%{y:.1f}",
            textposition="outside",
            textfont_size=16,
            hovertemplate=f"{name} score after {steps} step(s): %{{y:.3f}}<extra></extra>",
        )
        # The legend swatch copies a trace's first bar, whose outline marks a
        # correct class; a plain square per class keeps the legend neutral.
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=name,
            legendgroup=name,
            marker=dict(symbol="square", size=16, color=class_color(k)),
        )
    fig.update_layout(barmode="group", bargap=0.25)
    return style(
        fig,
        title=f"Class scores per image: start (faded) and after {steps} step(s)",
        x_title="image (black outline = correct class)",
        y_title="score s = Wx + b",
    )


def loss_curve(history: np.ndarray, loss_name: str) -> go.Figure:
    """The batch loss before each gradient step and after the last; shape ``(steps + 1,)``."""
    steps = np.arange(history.shape[0])
    fig = go.Figure(
        go.Scatter(
            x=steps,
            y=history,
            mode="lines+markers",
            name="loss L",
            line=dict(width=4, color=class_color(0)),
            marker=dict(size=9),
            hovertemplate="step %{x}: L = %{y:.4f}<extra></extra>",
        )
    )
    fig.add_annotation(
        x=steps[-1],
        y=history[-1],
        text=f"L = {history[-1]:.3f}",
        showarrow=True,
        arrowhead=2,
        ax=-60,
        ay=-40,
        font_size=18,
        bgcolor="rgba(255,255,255,0.85)",
    )
    # Whole steps only: 0, 1, 2 ... (not 0.5).
    fig.update_xaxes(tick0=0, dtick=max(1, int(np.ceil(steps[-1] / 10))))
    return style(
        fig,
        title=f"Batch loss L: {loss_name}",
        x_title="gradient step",
        y_title="loss L",
    )
