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
    play_controls,
    style,
    titled,
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
        # right-aligned with the panel's edge: centred, it passed the chart's edge by a
        # pixel on a 1280 px screen with the sidebar open
        dict(text=f"<b>standard: {z} / Σ {z}</b>", x=1.0, xref="paper", xanchor="right"),
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


def _at(x: float, points: list[float], ends: tuple[float, float]) -> dict:
    """One trace marking ``x``: a vertical line over ``ends`` and a dot at each of ``points``
    (None between them, so nothing joins them); plain lists of rounded numbers (a Play
    frame holds one such trace per panel: its few numbers encode and validate many times
    faster than numpy arrays, and the figure is rebuilt on every move of the slider)."""
    x = round(float(x), 4)
    points = [round(float(p), 4) for p in points]
    return dict(
        x=[x, x] + [v for _ in points for v in (None, x)],
        y=[*ends] + [v for p in points for v in (None, p)],
    )


def _marker_style(colors: list[str], symbols: list[str], **extra) -> dict:
    """The static part of an ``_at`` trace: no dots at the line's ends, one per point after."""
    pad = lambda values, end: [end, end] + [v for c in values for v in (end, c)]  # noqa: E731
    return dict(
        type="scatter", mode="lines+markers", hoverinfo="skip", showlegend=False,
        line=dict(color="black", width=2, dash="dot"), cliponaxis=False,
        marker=dict(size=pad([14] * len(colors), 0), color=pad(colors, "black"),
                    symbol=pad(symbols, "circle"), line=dict(width=3, color=pad(colors, "black"))),
        **extra,
    )  # fmt: skip


@memoize(MEMO_SIZE)
def scale_sweep_figure(
    scales: np.ndarray,
    softmax_p: np.ndarray,
    std_p: np.ndarray | None,
    entropy: np.ndarray,
    play: tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray],
    index: int,
    animate: bool = True,
) -> go.Figure:
    """Each output of softmax (solid) and standard normalization (dashed) against the scale.

    Top panel: outputs ``(n, K)`` against ``scales (n,)`` on a log axis;
    bottom panel: the softmax entropy ``(n,)`` (uniform = log K, one-hot = 0).
    ``play`` is ``(c (m,), softmax (m, K), std (m, K) or None, entropy (m,))`` from
    ``core.pages.softmax_normalization.scale_sweep`` over the Play's scales: a dotted
    line with a dot on each curve marks ``c = play[0][index]`` (the slider's), and
    ▶ Play moves it over every ``c`` of ``play`` (one frame each) and back. Without
    ``animate``: the mark only, no frames and no Play (a smaller, quicker chart).
    """
    hover = "c = %{x:.3g}: %{y:.4g}<extra></extra>"
    k = softmax_p.shape[1]
    data = []
    for j in range(k):
        color = class_color(j)
        data.append(line(scales, softmax_p[:, j], f"softmax {j}", color, hovertemplate=hover))
        if std_p is not None:
            data.append(
                line(scales, std_p[:, j], f"s/Σs {j}", color, 3, "dash", hovertemplate=hover)
            )
    data.append(
        line(scales, entropy, "entropy", NEUTRAL, xaxis="x2", yaxis="y2", hovertemplate=hover)
    )
    values, soft, std, ent = play
    low = min(0.0, float(np.min(std_p))) if std_p is not None else 0.0
    high = max(1.0, float(np.max(std_p))) if std_p is not None else 1.0
    top = (low - 0.04 * (high - low), high + 0.04 * (high - low))
    bottom = (0.0, 1.05 * float(np.log(k)))
    colors = [class_color(j) for j in range(k)]

    def moving(i: int) -> list[dict]:
        points = [*soft[i], *(std[i] if std is not None else [])]
        return [_at(values[i], points, top), _at(values[i], [ent[i]], bottom)]

    now = moving(index)
    symbols = ["circle"] * k + ["circle-open"] * (k if std is not None else 0)
    first = len(data)
    data += [
        {**_marker_style(colors * (2 if std is not None else 1), symbols), **now[0]},
        {**_marker_style([NEUTRAL], ["circle"], xaxis="x2", yaxis="y2"), **now[1]},
    ]
    names = [f"{v:.3g}" for v in values]
    frames = [
        dict(name=name, traces=[first, first + 1], data=moving(i)) for i, name in enumerate(names)
    ] if animate else []  # fmt: skip
    layout = dict(
        xaxis=dict(domain=[0, 1], anchor="y", showticklabels=False, type="log"),
        xaxis2=dict(
            matches="x",
            anchor="y2",
            title=dict(text="stimulation c (log axis)"),
            **log_ticks(float(scales[0]), float(scales[-1])),
        ),
        yaxis=dict(domain=[0.4, 1], title=dict(text="output"), range=list(top)),
        yaxis2=dict(domain=[0, 0.3], title=dict(text="entropy (nats)"), range=list(bottom)),
        legend=dict(orientation="v", x=1.02, xanchor="left", y=1.0, yanchor="top"),
        **(play_controls(names, index, "c", y=-75 / 425, bar_y=-115 / 425) if animate else {}),
    )  # (425 px plot)
    fig = style(
        go.Figure(data=data, layout=layout, frames=frames),
        title=(
            "softmax(c·s) (solid) and c·s / Σ c·s = s / Σ s (dashed) for every c"
            if std_p is not None
            else "softmax(c·s) for every c (s / Σ s is undefined: Σ s = 0)"
        ),
        height=720 if animate else 620,
    )
    if animate:
        fig.layout.margin.b = 190  # the Play's buttons and scrub bar under the c axis
    return fig


@memoize(MEMO_SIZE)
def temperature_figure(
    temperatures: np.ndarray,
    probs: np.ndarray,
    play: tuple[np.ndarray, np.ndarray],
    index: int,
    animate: bool = True,
) -> go.Figure:
    """``softmax(s / T)`` per class ``(n, K)`` against ``T (n,)``, log axis.

    ``play`` is ``(T (m,), softmax(s / T) (m, K))`` over the Play's temperatures: a dotted
    line with a dot on each curve marks ``T = play[0][index]`` (the slider's; the scrub bar
    shows ``T = …``), and ▶ Play moves it over every ``T`` of ``play`` (one frame each) and
    back. Without ``animate``: the mark only, no frames and no Play.
    """
    hover = "T = %{x:.3g}: p = %{y:.4g}<extra></extra>"
    k = probs.shape[1]
    data = [
        line(temperatures, probs[:, j], f"class {j}", class_color(j), hovertemplate=hover)
        for j in range(k)
    ]
    values, soft = play
    ends = (-0.02, 1.02)
    names = [f"{v:.3g}" for v in values]

    def moving(i: int) -> list[dict]:
        return [_at(values[i], soft[i], ends)]

    colors = [class_color(j) for j in range(k)]
    data.append({**_marker_style(colors, ["circle"] * k), **moving(index)[0]})
    frames = [dict(name=n, traces=[k], data=moving(i)) for i, n in enumerate(names) if animate]
    layout = dict(
        xaxis=log_ticks(float(temperatures[0]), float(temperatures[-1])),
        yaxis=dict(range=list(ends)),
        **(play_controls(names, index, "T", y=-75 / 245, bar_y=-115 / 245) if animate else {}),
    )  # (245 px plot)
    fig = style(
        go.Figure(
            data=data,
            layout=titled(layout, "temperature T (log axis)", "probability"),
            frames=frames,
        ),
        title="softmax(s / T): small T sharpens, large T flattens",
        height=540 if animate else 440,
    )
    if animate:
        fig.layout.margin.b = 190
    return fig


# ------------------------------------------------------------------ the Play (client-side sweep)
