"""Figures of the home page: the lecture's batch flowing through scores, loss and updates."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.memo import memoize
from figures.theme import base_layout, class_color

MEMO_SIZE = 16  # figures kept per builder (core.memo: shared, never mutated)


@memoize(MEMO_SIZE)
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
    images = list(image_names)
    traces = []
    for k, name in enumerate(class_names):
        outline = dict(width=np.where(labels == k, 3.0, 0.0), color="black")
        common = dict(type="bar", x=images, offsetgroup=str(k), legendgroup=name, showlegend=False)
        traces.append(dict(
            common, y=before[:, k], name=f"{name} (start)",
            marker=dict(color=class_color(k), opacity=0.35, line=outline),
            hovertemplate=f"{name} score at start: %{{y:.3f}}<extra></extra>",
        ))  # fmt: skip
        traces.append(dict(
            common, y=after[:, k], name=name, width=0.12,
            marker=dict(color=class_color(k), line=outline),
            texttemplate="%{y:.1f}", textposition="outside", textfont=dict(size=16),
            hovertemplate=f"{name} score after {steps} step(s): %{{y:.3f}}<extra></extra>",
        ))  # fmt: skip
        # The legend swatch copies a trace's first bar, whose outline marks a
        # correct class; a plain square per class keeps the legend neutral.
        traces.append(dict(
            type="scatter", x=[None], y=[None], mode="markers", name=name, legendgroup=name,
            marker=dict(symbol="square", size=16, color=class_color(k)),
        ))  # fmt: skip
    layout = base_layout(
        title=f"Class scores per image: start (faded) and after {steps} step(s)",
        x_title="image (black outline = correct class)",
        y_title="score s = Wx + b",
    )
    return go.Figure(data=traces, layout=dict(layout, barmode="group", bargap=0.25))


@memoize(MEMO_SIZE)
def loss_curve(history: np.ndarray, loss_name: str) -> go.Figure:
    """The batch loss before each gradient step and after the last; shape ``(steps + 1,)``."""
    steps = np.arange(history.shape[0])
    line = dict(
        type="scatter", x=steps, y=history, mode="lines+markers", name="loss L",
        line=dict(width=4, color=class_color(0)), marker=dict(size=9),
        hovertemplate="step %{x}: L = %{y:.4f}<extra></extra>",
    )  # fmt: skip
    label = dict(
        x=steps[-1], y=history[-1], text=f"L = {history[-1]:.3f}", showarrow=True, arrowhead=2,
        ax=-60, ay=-40, font=dict(size=18), bgcolor="rgba(255,255,255,0.85)",
    )  # fmt: skip
    layout = base_layout(
        title=f"Batch loss L: {loss_name}", x_title="gradient step", y_title="loss L"
    )
    # Whole steps only: 0, 1, 2 ... (not 0.5).
    layout["xaxis"].update(tick0=0, dtick=max(1, int(np.ceil(steps[-1] / 10))))
    return go.Figure(data=[line], layout=dict(layout, annotations=[label]))
