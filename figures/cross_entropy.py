"""Figures of the softmax cross-entropy page: probabilities, overflow, K = 2, vs SVM.

Arrays in, ``go.Figure`` out; no streamlit. Builders are memoized (``core.memo``):
callers must not modify a returned figure. Conventions: docs/architecture.md.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.memo import memoize
from figures.theme import FONT_SIZE, NEUTRAL, bar_text, class_color, line, style, titled, vline

MEMO_SIZE = 16  # figures kept per builder


@memoize(MEMO_SIZE)
def probability_bars(probs: np.ndarray, label: int) -> go.Figure:
    """Softmax probabilities ``(K,)`` as bars; the correct class ``label`` outlined in black."""
    k = probs.shape[0]
    bar = dict(
        type="bar",
        x=[f"class {j}" + (" ✓" if j == label else "") for j in range(k)],
        y=probs,
        marker=dict(
            color=[class_color(j) for j in range(k)],
            line=dict(width=np.where(np.arange(k) == label, 4.0, 0.0), color="black"),
        ),
        text=bar_text(probs),
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{x}: p = %{y:.4g}<extra></extra>",
    )
    fig = style(
        go.Figure(
            data=[bar], layout=titled(dict(yaxis=dict(range=[0, 1.15])), None, "probability")
        ),
        title="Probabilities (✓ = correct class)",
        height=360,
    )
    fig.layout.margin.t = 60  # no legend row to leave room for: the chart fits a 720 px screen
    return fig


@memoize(MEMO_SIZE)
def overflow_figure(
    largest: np.ndarray,
    v1: np.ndarray,
    v2: np.ndarray,
    limit: float,
    dtype: str,
    zero_limit: float | None = None,
    normal_limit: float | None = None,
) -> go.Figure:
    """``p_y`` of version 1 (dashed) and version 2 (thick) against the largest score ``(n,)``.

    Version 1's NaNs leave a gap in its line. Dotted vertical lines mark the
    overflow ``limit`` of ``dtype`` and, when given, the ``zero_limit`` below
    which every ``exp`` is 0; a grey band from ``zero_limit`` to
    ``normal_limit`` marks where ``exp`` is subnormal (version 1 inaccurate).
    """
    hover = "max score %{x:.5g}: p = %{y:.4g}<extra></extra>"
    data = [
        line(largest, v2, "version 2 (shift by max)", class_color(2), 9, hovertemplate=hover),
        line(largest, v1, "version 1 (no shift)", class_color(3), 3, "dash", hovertemplate=hover),
    ]
    shape, notes = vline(limit, f" ln(max {dtype}) = {limit:.5g}")
    shapes = [shape]
    if zero_limit is not None:
        low, low_notes = vline(zero_limit, f"exp = 0 below {zero_limit:.5g} ")
        low_notes[0].update(xanchor="right", y=0.12, yanchor="bottom")
        shapes.append(low)
        notes += low_notes
    if zero_limit is not None and normal_limit is not None:
        shapes.append(
            dict(
                type="rect",
                x0=zero_limit,
                x1=normal_limit,
                y0=0,
                y1=1,
                yref="paper",
                fillcolor=NEUTRAL,
                opacity=0.25,
                line=dict(width=0),
                layer="below",
            )
        )
        notes.append(
            dict(
                x=normal_limit,
                y=0.12,
                yref="paper",
                text=" subnormal exp",
                showarrow=False,
                xanchor="left",
                yanchor="bottom",
                font=dict(size=FONT_SIZE - 2, color="#555555"),
            )
        )
    layout = dict(yaxis=dict(range=[-0.05, 1.1]), shapes=shapes, annotations=notes)
    return style(
        go.Figure(
            data=data,
            layout=titled(layout, "largest score max(s) + t", "p of the correct class"),
        ),
        title=f"Add t to every score ({dtype}): version 1 breaks past either limit",
        height=430,
    )


@memoize(MEMO_SIZE)
def logistic_overlay(x: np.ndarray, softmax_p1: np.ndarray, sigmoid_p1: np.ndarray) -> go.Figure:
    """``softmax([β0 x, β1 x])_1`` (thick) and ``σ((β1 − β0) x)`` (dashed, on top) against ``x``."""
    data = [
        line(
            x,
            softmax_p1,
            "softmax, K = 2",
            class_color(0),
            10,
            hovertemplate="x = %{x:.3g}: %{y:.4g}<extra>softmax</extra>",
        ),
        line(
            x,
            sigmoid_p1,
            "sigmoid((β1 − β0)·x)",
            class_color(1),
            3,
            "dash",
            hovertemplate="x = %{x:.3g}: %{y:.4g}<extra>sigmoid</extra>",
        ),
    ]
    return style(
        go.Figure(
            data=data, layout=titled(dict(yaxis=dict(range=[-0.02, 1.02])), "x", "Pr(Y = 1)")
        ),
        title="Pr(Y = 1 | x): the two curves coincide",
        height=430,
    )


@memoize(MEMO_SIZE)
def losses_vs_gap_figure(
    gaps: np.ndarray, cross_entropy: np.ndarray, svm: np.ndarray, margin: float
) -> go.Figure:
    """Cross-entropy and SVM loss ``(n,)`` against the gap ``s_y − max_{j≠y} s_j`` ``(n,)``."""
    data = [
        line(
            gaps,
            svm,
            "SVM (hinge)",
            class_color(3),
            hovertemplate="gap %{x:.3g}: %{y:.4g}<extra>SVM</extra>",
        ),
        line(
            gaps,
            cross_entropy,
            "cross-entropy",
            class_color(0),
            hovertemplate="gap %{x:.3g}: %{y:.4g}<extra>cross-entropy</extra>",
        ),
    ]
    shape, notes = vline(margin, f" Δ = {margin:g}: SVM satisfied")
    notes.append(
        dict(
            x=float(gaps[-1]),
            y=float(cross_entropy[-1]),
            text=f"cross-entropy still {cross_entropy[-1]:.2g} > 0",
            showarrow=True,
            arrowhead=2,
            ax=-20,
            ay=-60,
            xanchor="right",
            font=dict(size=FONT_SIZE - 2, color=class_color(0)),
        )
    )
    layout = dict(yaxis=dict(rangemode="tozero"), shapes=[shape], annotations=notes)
    return style(
        go.Figure(
            data=data,
            layout=titled(layout, "gap: correct score − best other score", "loss L_i"),
        ),
        title="Correct score pulls ahead: SVM stops at Δ, cross-entropy keeps asking",
        height=440,
    )
