"""Figures of the softmax vs standard normalization page: bars, stimulation, temperature.

Arrays in, ``go.Figure`` out; no streamlit. Builders are memoized (``core.memo``):
callers must not modify a returned figure. Conventions: docs/architecture.md.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.memo import memoize
from figures.theme import (
    FONT_SIZE,
    NEUTRAL,
    POSITIVE,
    bar_text,
    class_color,
    line,
    log_ticks,
    style,
    titled,
    vline,
)

MEMO_SIZE = 16  # figures kept per builder


@memoize(MEMO_SIZE)
def normalization_bars(
    softmax_p: np.ndarray,
    std_p: np.ndarray | None,
    std_note: str = "",
    scale: float | None = None,
) -> go.Figure:
    """Side-by-side bars: ``softmax(z)`` (left) and ``z / Σ z`` (right), values written on them.

    ``softmax_p`` and ``std_p`` are ``(K,)``; ``std_p`` None leaves the right
    panel empty with ``std_note`` (why it is undefined) written in it. With
    ``scale`` c the bars are of ``z = c·s``, and the panel titles and the
    figure title say so (with c's value); without it, ``z = s``.
    """
    z = "s" if scale is None else "c·s"
    k = softmax_p.shape[0]
    names = [f"class {j}" for j in range(k)]
    colors = [class_color(j) for j in range(k)]
    data = [
        dict(
            type="bar",
            x=names,
            y=softmax_p,
            marker=dict(color=colors),
            text=bar_text(softmax_p),
            textposition="outside",
            cliponaxis=False,
            name="softmax",
            hovertemplate="%{x}: %{y:.4g}<extra>softmax</extra>",
        )
    ]
    notes = [
        dict(text=f"<b>softmax({z})</b>", x=0.22, xref="paper", xanchor="center"),
        dict(text=f"<b>standard: {z} / Σ {z}</b>", x=0.78, xref="paper", xanchor="center"),
    ]
    for note in notes:
        note.update(y=1.0, yref="paper", yanchor="bottom", showarrow=False)
        note["font"] = dict(size=FONT_SIZE + 2)
    if std_p is not None:
        data.append(
            dict(
                type="bar",
                x=names,
                y=std_p,
                xaxis="x2",
                yaxis="y2",
                marker=dict(color=colors, pattern=dict(shape="/")),
                text=bar_text(std_p),
                textposition="outside",
                cliponaxis=False,
                name="standard",
                hovertemplate="%{x}: %{y:.4g}<extra>s / Σ s</extra>",
            )
        )
        low = min(0.0, float(np.min(std_p)))
        high = max(1.0, float(np.max(std_p)))
        pad = 0.18 * (high - low)
        std_range = [low - (pad if low < 0 else 0), high + pad]
    else:
        data.append(dict(type="bar", x=names, y=np.zeros(k), xaxis="x2", yaxis="y2"))
        notes.append(
            dict(
                text=std_note or "undefined",
                x=0.78,
                y=0.5,
                xref="paper",
                yref="paper",
                showarrow=False,
                font=dict(size=FONT_SIZE + 2, color=POSITIVE),
            )
        )
        std_range = [0, 1.15]
    layout = dict(
        xaxis=dict(domain=[0, 0.44]),
        xaxis2=dict(domain=[0.56, 1], anchor="y2"),
        yaxis=dict(range=[0, 1.15], title=dict(text="output")),
        yaxis2=dict(range=std_range, anchor="x2"),
        annotations=notes,
        showlegend=False,
        bargap=0.3,
    )
    title = None if scale is None else f"Both normalizations of c·s at c = {scale:g}"
    fig = style(go.Figure(data=data, layout=layout), title=title, height=370 if title else 400)
    if title:  # no legend row, only the two panel titles: the chart fits a 720 px screen
        fig.layout.margin.t = 90
    return fig


@memoize(MEMO_SIZE)
def scale_sweep_figure(
    scales: np.ndarray,
    softmax_p: np.ndarray,
    std_p: np.ndarray | None,
    entropy: np.ndarray,
    current: float,
) -> go.Figure:
    """Each output of softmax (solid) and standard normalization (dashed) against the scale.

    Top panel: outputs ``(n, K)`` against ``scales (n,)`` on a log axis;
    bottom panel: the softmax entropy ``(n,)`` (uniform = log K, one-hot = 0).
    A dotted vertical line marks the ``current`` scale.
    """
    hover = "c = %{x:.3g}: %{y:.4g}<extra></extra>"
    data = []
    for j in range(softmax_p.shape[1]):
        color = class_color(j)
        data.append(line(scales, softmax_p[:, j], f"softmax {j}", color, hovertemplate=hover))
        if std_p is not None:
            data.append(
                line(scales, std_p[:, j], f"s/Σs {j}", color, 3, "dash", hovertemplate=hover)
            )
    data.append(
        line(scales, entropy, "entropy", NEUTRAL, xaxis="x2", yaxis="y2", hovertemplate=hover)
    )
    shape, _ = vline(current)
    layout = dict(
        xaxis=dict(domain=[0, 1], anchor="y", showticklabels=False, type="log"),
        xaxis2=dict(
            matches="x",
            anchor="y2",
            title=dict(text="stimulation c (log axis)"),
            **log_ticks(float(scales[0]), float(scales[-1])),
        ),
        yaxis=dict(domain=[0.4, 1], title=dict(text="output")),
        yaxis2=dict(domain=[0, 0.3], title=dict(text="entropy (nats)"), rangemode="tozero"),
        shapes=[shape],
        legend=dict(orientation="v", x=1.02, xanchor="left", y=1.0, yanchor="top"),
    )
    return style(
        go.Figure(data=data, layout=layout),
        title=(
            "softmax(c·s) (solid) and c·s / Σ c·s = s / Σ s (dashed) for every c"
            if std_p is not None
            else "softmax(c·s) for every c (s / Σ s is undefined: Σ s = 0)"
        ),
        height=620,
    )


@memoize(MEMO_SIZE)
def temperature_figure(temperatures: np.ndarray, probs: np.ndarray, current: float) -> go.Figure:
    """``softmax(s / T)`` per class ``(n, K)`` against ``T (n,)``, log axis; line at ``current``."""
    hover = "T = %{x:.3g}: p = %{y:.4g}<extra></extra>"
    data = [
        line(temperatures, probs[:, j], f"class {j}", class_color(j), hovertemplate=hover)
        for j in range(probs.shape[1])
    ]
    shape, notes = vline(current, f" T = {current:g}", log_x=True)
    layout = dict(
        xaxis=log_ticks(float(temperatures[0]), float(temperatures[-1])),
        yaxis=dict(range=[-0.02, 1.02]),
        shapes=[shape],
        annotations=notes,
    )
    return style(
        go.Figure(data=data, layout=titled(layout, "temperature T (log axis)", "probability")),
        title="softmax(s / T): small T sharpens, large T flattens",
        height=440,
    )
