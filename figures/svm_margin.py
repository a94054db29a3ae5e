"""Figures of the SVM margin page: the margin band on a number line, the hinge, Δ's scale.

Arrays in, ``go.Figure`` out (no streamlit).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.memo import memoize
from figures.theme import NEUTRAL, POSITIVE, base_layout, class_color, number_text, play_controls

MEMO_SIZE = 16  # figures kept per builder (core.memo: shared, never mutated)

BAND = "rgba(230, 159, 0, 0.22)"


TOP = 75  # px above the plot: the title, then one row of legend


def _height(classes: int) -> int:
    """305 px up to 4 classes (the number line fits the first 720 px screen), 30 px more for
    each further row, so row labels never crowd."""
    return 305 + 30 * max(0, classes - 4)


def _fmt(v: float) -> str:
    return number_text(v)


def row_labels(scores: np.ndarray, label: int, terms: np.ndarray) -> list[str]:
    """The number line's row of each class: its score, and its term or ``(correct)``.

    >>> row_labels(np.array([15.0, -3.0, 7.0]), 1, np.array([38.0, 0.0, 30.0]))
    ['s0 = 15 → +38', 's1 = -3 (correct)', 's2 = 7 → +30']
    """
    return [
        f"s{j} = {_fmt(v)} " + ("(correct)" if j == label else f"→ +{_fmt(terms[j])}")
        if j == label or terms[j] > 0
        else f"s{j} = {_fmt(v)} → 0"
        for j, v in enumerate(scores)
    ]


@memoize(MEMO_SIZE)
def number_line(
    scores: np.ndarray, label: int, terms: np.ndarray, band: tuple[float, float]
) -> go.Figure:
    """One image's scores ``(K,)`` on a number line, one row per class in class order.

    The margin band ``(s_y - Δ, s_y]`` is shaded; a wrong class whose score lies
    above its lower edge is drawn with a bar from the edge to its score: the
    bar's length is its term ``s_j - s_y + Δ`` in the loss. Every number is in
    the row's tick label and the band's two edges are named in the legend (two
    short entries: one line at 300 px), so no text sits on the plot where it
    could cover another (at Δ = 1 the edges are 1 apart).
    """
    k = np.arange(scores.shape[0])
    rows = row_labels(scores, label, terms)
    lo, hi = band
    active = (terms > 0) & (k != label)
    hits = np.flatnonzero(active)
    # one trace for every bar: segments [s_y - Δ, s_j] separated by gaps (None)
    bars = dict(
        type="scatter",
        x=np.array([v for j in hits for v in (lo, scores[j], None)], dtype=object),
        y=[v for j in hits for v in (rows[j], rows[j], None)],
        mode="lines",
        line=dict(color=POSITIVE, width=14),
        showlegend=False,
        hoverinfo="skip",
    )
    points = dict(
        type="scatter",
        x=scores,
        y=rows,
        mode="markers",
        marker=dict(
            size=np.where(k == label, 26, 20),
            color=[class_color(j) for j in k],
            symbol=np.where(k == label, "star", "circle"),
            line=dict(width=np.where(active, 3, 1), color=np.where(active, POSITIVE, "#333333")),
        ),
        cliponaxis=False,
        showlegend=False,
        hovertemplate="%{y}<extra></extra>",
    )
    low = min(float(np.min(scores)), lo)
    high = max(float(np.max(scores)), hi)
    pad = 0.08 * max(high - low, 1.0)
    edge = dict(type="line", xref="x", yref="paper", y0=0, y1=1, showlegend=True)
    # One constructor call from dicts validates the figure once (cheaper than ``style``).
    layout = base_layout(
        title=f"Scores and the margin band: L_i = {_fmt(terms.sum())}", height=_height(len(k))
    )
    layout["margin"] = dict(layout["margin"], t=TOP)
    layout.update(
        shapes=[
            dict(
                type="rect",
                xref="x",
                yref="paper",
                x0=lo,
                x1=hi,
                y0=0,
                y1=1,
                fillcolor=BAND,
                line_width=0,
                layer="below",
            ),
            dict(edge, x0=hi, x1=hi, line=dict(color="#222222", width=3), name=f"s_y = {_fmt(hi)}"),
            dict(
                edge,
                x0=lo,
                x1=lo,
                line=dict(color="#222222", width=2, dash="dash"),
                name=f"s_y − Δ = {_fmt(lo)}",
            ),
        ],  # fmt: skip
        xaxis=dict(range=[low - pad, high + pad], title=dict(text="score")),
        yaxis=dict(autorange="reversed", categoryorder="array", categoryarray=rows),
        legend=dict(font_size=16),
    )
    return go.Figure(data=[bars, points], layout=layout)


@memoize(MEMO_SIZE)
def hinge_curve(
    diff_grid: np.ndarray, hinge: np.ndarray, diffs: np.ndarray, terms: np.ndarray, label: int
) -> go.Figure:
    """The hinge ``max(0, d + Δ)`` against ``d = s_j - s_y`` with each wrong class marked.

    The marks take their class's colour from the number line and carry no text
    (two classes with close scores would write over each other); hovering one
    names it.
    """
    others = np.flatnonzero(np.arange(diffs.shape[0]) != label)
    curve = dict(
        type="scatter", x=diff_grid, y=hinge, mode="lines", line=dict(color="#222222", width=4),
        name="max(0, d + Δ)",
    )  # fmt: skip
    marks = dict(
        type="scatter",
        x=diffs[others],
        y=terms[others],
        mode="markers",
        marker=dict(
            size=18,
            color=[class_color(j) for j in others],
            line=dict(width=3, color=[POSITIVE if terms[j] > 0 else NEUTRAL for j in others]),
        ),
        text=[f"s{j}" for j in others],
        hovertemplate="%{text}: d = %{x}, term %{y}<extra></extra>",
        cliponaxis=False,
        name="wrong classes s_j",
    )
    layout = base_layout(
        title="The hinge max(0, d + Δ)",
        x_title="d = s_j − s_y",
        y_title="term max(0, d + Δ)",
        height=_height(diffs.shape[0]),
    )
    layout["margin"] = dict(layout["margin"], t=TOP)
    layout["showlegend"] = False  # the title names the curve; the marks are the classes
    return go.Figure(data=[curve, marks], layout=layout)


@memoize(MEMO_SIZE)
def decision_regions(
    xs: np.ndarray,
    ys: np.ndarray,
    regions: np.ndarray,
    X: np.ndarray,
    y: np.ndarray,
    titles: list[str],
) -> go.Figure:
    """Side-by-side decision regions ``(M, Q, P)`` of ``M`` runs, with the training points.

    One panel per run, each a heatmap of the predicted class (faint class colours)
    under the training points coloured by their true class.
    """
    m = regions.shape[0]
    k = int(max(regions.max(), y.max())) + 1
    scale = [[edge, class_color(c)] for c in range(k) for edge in (c / k, (c + 1) / k)]
    colors = np.array([class_color(c) for c in range(k)])[y]
    gap = 0.04
    width = (1.0 - gap * (m - 1)) / m
    data, layout = [], dict(annotations=[])
    for i in range(m):
        suffix = "" if i == 0 else str(i + 1)
        x0 = i * (width + gap)
        data.append(
            go.Heatmap(
                x=xs, y=ys, z=regions[i], zmin=-0.5, zmax=k - 0.5, colorscale=scale,
                opacity=0.3, showscale=False, hoverinfo="skip", xaxis=f"x{suffix}",
                yaxis=f"y{suffix}",
            )
        )  # fmt: skip
        data.append(
            go.Scatter(
                x=X[:, 0], y=X[:, 1], mode="markers", showlegend=False, xaxis=f"x{suffix}",
                yaxis=f"y{suffix}", marker=dict(color=colors, size=9, line_width=1,
                line_color="white"), hovertemplate="(%{x:.2f}, %{y:.2f})<extra></extra>",
            )
        )  # fmt: skip
        layout[f"xaxis{suffix}"] = dict(
            domain=[x0, x0 + width], range=[xs[0], xs[-1]], anchor=f"y{suffix}"
        )
        layout[f"yaxis{suffix}"] = dict(
            range=[ys[0], ys[-1]], anchor=f"x{suffix}", scaleanchor=f"x{suffix}",
            showticklabels=i == 0,
        )  # fmt: skip
        layout["annotations"].append(
            dict(text=titles[i],
                 x=x0 + width / 2, y=1.0, xref="paper", yref="paper", xanchor="center",
                 yanchor="bottom", showarrow=False, font_size=18)
        )  # fmt: skip
    # room for titles of up to three lines (``<br>``): three panels side by side at
    # 1280 px are too narrow for one-line titles, which ran into each other
    full = base_layout(height=500)
    full["margin"] = dict(full["margin"], t=100)
    full.update(layout)
    return go.Figure(data=data, layout=full)


# ------------------------------------------------------------------ the Play (client-side sweep)


@memoize(MEMO_SIZE)
def margin_play(
    scores: np.ndarray,
    label: int,
    margins: np.ndarray,
    terms: np.ndarray,
    loss: np.ndarray,
    low: np.ndarray,
    index: int,
) -> go.Figure:
    """The number line as Δ sweeps ``margins`` ``(n,)``: one frame per Δ, shown at ``index``.

    ``terms`` ``(n, K)``, ``loss`` and ``low`` (``s_y − Δ``) ``(n,)`` come from
    ``core.pages.svm_margin.margin_sweep``. The scores stay; a frame moves two traces: the
    band with its dashed lower edge, and the bars (from the edge to each wrong score that
    is not beaten by Δ: its term in the loss) with their terms written at their ends and
    the total ``L_i``. Frames hold plain lists: their few numbers each encode and validate
    many times faster than numpy arrays, and the figure is rebuilt on every Δ.
    """
    k = scores.shape[0]
    wrong = np.flatnonzero(np.arange(k) != label)
    top = float(scores[label])
    rows = [
        f"s{j} = {_fmt(v)}" + (" (correct)" if j == label else "") for j, v in enumerate(scores)
    ]
    x_low = min(float(scores.min()), float(low.min()))
    x_high = float(scores.max())
    pad = 0.12 * max(x_high - x_low, 1.0)
    span = [-0.5, k - 0.5]

    def moving(i: int) -> list[dict]:
        """What a frame changes: the band's x, the bars' x and their labels' text."""
        lo = round(float(low[i]), 3)
        bars, text = [], []
        for j in wrong:
            on = terms[i, j] > 0
            bars += [lo, float(scores[j]), None] if on else [None, None, None]
            text += ["", f"+{_fmt(terms[i, j])}" if on else "", ""]
        return [
            dict(x=[lo, top, top, lo, lo]),
            dict(x=[*bars, x_high + pad], text=[*text, f"L_i = {_fmt(loss[i])}"]),
        ]

    now = moving(index)
    data = [
        dict(
            type="scatter", y=[span[0], span[0], span[1], span[1], span[0]], mode="lines",
            fill="toself", fillcolor=BAND, line=dict(color="#222222", width=2, dash="dash"),
            hoverinfo="skip", showlegend=False, **now[0],
        ),
        dict(
            type="scatter", x=[top, top], y=span, mode="lines", hoverinfo="skip",
            showlegend=False, line=dict(color="#222222", width=3),
        ),
        dict(
            type="scatter", y=[*(v for j in wrong for v in (int(j), int(j), None)), span[1]],
            mode="lines+text", line=dict(color=POSITIVE, width=12), textposition="top left",
            textfont=dict(size=18, color="#222222"), hoverinfo="skip", showlegend=False, **now[1],
        ),
        dict(
            type="scatter", x=scores, y=np.arange(k), mode="markers", showlegend=False,
            marker=dict(size=np.where(np.arange(k) == label, 24, 18),
                        color=[class_color(j) for j in range(k)],
                        symbol=np.where(np.arange(k) == label, "star", "circle"),
                        line=dict(width=1, color="#333333")),
            hovertemplate="%{text}<extra></extra>", text=rows, cliponaxis=False,
        ),
    ]  # fmt: skip
    names = [f"{v:.2f}" for v in margins]
    frames = [dict(name=name, traces=[0, 2], data=moving(i)) for i, name in enumerate(names)]
    height = 380 + 30 * max(0, k - 4)
    plot = height - 60 - 180  # px of the plot area: the controls' offsets are fractions of it
    layout = base_layout(
        title=f"Play Δ from {names[0]} to {names[-1]} and back to your Δ = {names[index]}",
        height=height,
    )
    layout["margin"] = dict(layout["margin"], t=60, b=180)
    layout.update(
        xaxis=dict(range=[x_low - pad, x_high + 1.1 * pad], title=dict(text="score")),
        yaxis=dict(
            range=[span[1], span[0]], tickvals=np.arange(k), ticktext=rows, zeroline=False,
            showgrid=False,
        ),
        **play_controls(names, index, "Δ", y=-60 / plot, bar_y=-100 / plot),
    )  # fmt: skip
    return go.Figure(data=data, layout=layout, frames=frames)
