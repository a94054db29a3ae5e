"""Figures of the two softmax pages: normalization bars, sweeps, overflow, softmax vs SVM.

Arrays in, ``go.Figure`` out; no streamlit. Class ``k`` is drawn in
``class_color(k)`` everywhere, so a class keeps its colour across charts.
Figures are built in one ``go.Figure(data=..., layout=...)`` call from plain
dicts (no ``make_subplots`` / ``add_*``): it validates once, which keeps a
page's rerun inside its 50 ms budget. Each builder is memoized on its
arguments (``_memoized``), so a rerun caused by another control reuses the
figure; callers must not modify a returned figure (``st.plotly_chart`` does not).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np
import plotly.graph_objects as go

from figures.theme import FONT_SIZE, NEUTRAL, POSITIVE, class_color, style

MEMO_SIZE = 16  # figures kept per builder


def _key(value) -> tuple | object:
    """A hashable stand-in for an argument: arrays by dtype, shape and bytes."""
    if isinstance(value, np.ndarray):
        return (value.dtype.str, value.shape, value.tobytes())
    return value


def _memoized(builder: Callable[..., go.Figure]) -> Callable[..., go.Figure]:
    """Keep the last ``MEMO_SIZE`` figures of ``builder`` keyed by its arguments (thread-safe).

    Cheaper than ``st.cache_resource`` on a page (which re-reads the builder's
    source on every script run) and keeps this module free of streamlit.
    """
    memo: OrderedDict = OrderedDict()
    lock = threading.Lock()

    @functools.wraps(builder)
    def wrapper(*args, **kwargs) -> go.Figure:
        key = (tuple(_key(a) for a in args), tuple((k, _key(v)) for k, v in kwargs.items()))
        with lock:
            if key in memo:
                memo.move_to_end(key)
                return memo[key]
        fig = builder(*args, **kwargs)
        with lock:
            memo[key] = fig
            while len(memo) > MEMO_SIZE:
                memo.popitem(last=False)
        return fig

    return wrapper


def _titled(layout: dict, x_title: str | None = None, y_title: str | None = None) -> dict:
    """``layout`` with axis titles set in place (cheaper than ``style``'s update_xaxes)."""
    for axis, text in (("xaxis", x_title), ("yaxis", y_title)):
        if text is not None:
            layout.setdefault(axis, {})["title"] = dict(text=text)
    return layout


def _bar_text(values: np.ndarray) -> list[str]:
    return [f"{v:.3g}" for v in values]


def _log_ticks(low: float, high: float) -> dict:
    """Tick marks 1-2-5 per decade between ``low`` and ``high`` for a log axis (no minor labels)."""
    decades = np.arange(np.floor(np.log10(low)), np.ceil(np.log10(high)) + 1)
    values = (10.0 ** decades[:, None] * np.array([1.0, 2.0, 5.0])).ravel()
    values = values[(values >= low * 0.999) & (values <= high * 1.001)]
    return dict(type="log", tickvals=values, ticktext=[f"{v:g}" for v in values])


def _vline(x: float, label: str = "", *, log_x: bool = False) -> tuple:
    """A dotted vertical line at ``x`` (a layout shape) and its optional label (an annotation).

    On a log axis Plotly places annotations in log10 units (shapes in data units).
    """
    shape = dict(
        type="line",
        x0=x,
        x1=x,
        y0=0,
        y1=1,
        yref="paper",
        line=dict(color="black", width=2, dash="dot"),
    )
    notes = []
    if label:
        notes.append(
            dict(
                x=float(np.log10(x)) if log_x else x,
                y=1.0,
                yref="paper",
                text=label,
                showarrow=False,
                xanchor="left",
                yanchor="top",
                bgcolor="rgba(255,255,255,0.8)",
                font=dict(size=FONT_SIZE - 2),
            )
        )
    return shape, notes


def _line(x, y, name: str, color: str, width: float = 4, dash: str = "solid", **extra) -> dict:
    return dict(
        type="scatter",
        x=x,
        y=y,
        mode="lines",
        name=name,
        line=dict(color=color, width=width, dash=dash),
        **extra,
    )


@_memoized
def normalization_bars(
    softmax_p: np.ndarray, std_p: np.ndarray | None, std_note: str = ""
) -> go.Figure:
    """Side-by-side bars: ``softmax(s)`` (left) and ``s / Σ s`` (right), values written on them.

    ``softmax_p`` and ``std_p`` are ``(K,)``; ``std_p`` None leaves the right
    panel empty with ``std_note`` (why it is undefined) written in it.
    """
    k = softmax_p.shape[0]
    names = [f"class {j}" for j in range(k)]
    colors = [class_color(j) for j in range(k)]
    data = [
        dict(
            type="bar",
            x=names,
            y=softmax_p,
            marker=dict(color=colors),
            text=_bar_text(softmax_p),
            textposition="outside",
            cliponaxis=False,
            name="softmax",
            hovertemplate="%{x}: %{y:.4g}<extra>softmax</extra>",
        )
    ]
    notes = [
        dict(text="<b>softmax(s)</b>", x=0.22, xref="paper", xanchor="center"),
        dict(text="<b>standard: s / Σ s</b>", x=0.78, xref="paper", xanchor="center"),
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
                text=_bar_text(std_p),
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
    return style(go.Figure(data=data, layout=layout), height=430)


@_memoized
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
        data.append(_line(scales, softmax_p[:, j], f"softmax {j}", color, hovertemplate=hover))
        if std_p is not None:
            data.append(
                _line(scales, std_p[:, j], f"s/Σs {j}", color, 3, "dash", hovertemplate=hover)
            )
    data.append(
        _line(scales, entropy, "entropy", NEUTRAL, xaxis="x2", yaxis="y2", hovertemplate=hover)
    )
    shape, _ = _vline(current)
    layout = dict(
        xaxis=dict(domain=[0, 1], anchor="y", showticklabels=False, type="log"),
        xaxis2=dict(
            matches="x",
            anchor="y2",
            title=dict(text="stimulation c (log axis)"),
            **_log_ticks(float(scales[0]), float(scales[-1])),
        ),
        yaxis=dict(domain=[0.4, 1], title=dict(text="output")),
        yaxis2=dict(domain=[0, 0.3], title=dict(text="entropy"), rangemode="tozero"),
        shapes=[shape],
        legend=dict(orientation="v", x=1.02, xanchor="left", y=1.0, yanchor="top"),
    )
    return style(
        go.Figure(data=data, layout=layout),
        title="Outputs for c·s: solid softmax, dashed s / Σ s",
        height=620,
    )


@_memoized
def temperature_figure(temperatures: np.ndarray, probs: np.ndarray, current: float) -> go.Figure:
    """``softmax(s / T)`` per class ``(n, K)`` against ``T (n,)``, log axis; line at ``current``."""
    hover = "T = %{x:.3g}: p = %{y:.4g}<extra></extra>"
    data = [
        _line(temperatures, probs[:, j], f"class {j}", class_color(j), hovertemplate=hover)
        for j in range(probs.shape[1])
    ]
    shape, notes = _vline(current, f" T = {current:g}", log_x=True)
    layout = dict(
        xaxis=_log_ticks(float(temperatures[0]), float(temperatures[-1])),
        yaxis=dict(range=[-0.02, 1.02]),
        shapes=[shape],
        annotations=notes,
    )
    return style(
        go.Figure(data=data, layout=_titled(layout, "temperature T (log axis)", "probability")),
        title="softmax(s / T): small T sharpens, large T flattens",
        height=440,
    )


@_memoized
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
        text=_bar_text(probs),
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{x}: p = %{y:.4g}<extra></extra>",
    )
    return style(
        go.Figure(
            data=[bar], layout=_titled(dict(yaxis=dict(range=[0, 1.15])), None, "probability")
        ),
        title="softmax probabilities (✓ = correct class)",
        height=420,
    )


@_memoized
def overflow_figure(
    largest: np.ndarray, v1: np.ndarray, v2: np.ndarray, limit: float, dtype: str
) -> go.Figure:
    """``p_y`` of version 1 (dashed) and version 2 (thick) against the largest score ``(n,)``.

    Version 1's NaNs leave a gap in its line; a dotted vertical line marks
    the overflow ``limit`` of ``dtype``.
    """
    hover = "max score %{x:.5g}: p = %{y:.4g}<extra></extra>"
    data = [
        _line(largest, v2, "version 2 (shift by max)", class_color(2), 9, hovertemplate=hover),
        _line(largest, v1, "version 1 (no shift)", class_color(3), 3, "dash", hovertemplate=hover),
    ]
    shape, notes = _vline(limit, f" ln(max {dtype}) = {limit:.5g}")
    layout = dict(yaxis=dict(range=[-0.05, 1.1]), shapes=[shape], annotations=notes)
    return style(
        go.Figure(
            data=data,
            layout=_titled(layout, "largest score max(s) + t", "p of the correct class"),
        ),
        title=f"Add t to every score ({dtype}): version 1 breaks past the limit",
        height=430,
    )


@_memoized
def logistic_overlay(x: np.ndarray, softmax_p1: np.ndarray, sigmoid_p1: np.ndarray) -> go.Figure:
    """``softmax([β0 x, β1 x])_1`` (thick) and ``σ((β1 − β0) x)`` (dashed, on top) against ``x``."""
    data = [
        _line(
            x,
            softmax_p1,
            "softmax, K = 2",
            class_color(0),
            10,
            hovertemplate="x = %{x:.3g}: %{y:.4g}<extra>softmax</extra>",
        ),
        _line(
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
            data=data, layout=_titled(dict(yaxis=dict(range=[-0.02, 1.02])), "x", "Pr(Y = 1)")
        ),
        title="Pr(Y = 1 | x): the two curves coincide",
        height=430,
    )


@_memoized
def losses_vs_gap_figure(
    gaps: np.ndarray, cross_entropy: np.ndarray, svm: np.ndarray, margin: float
) -> go.Figure:
    """Cross-entropy and SVM loss ``(n,)`` against the gap ``s_y − max_{j≠y} s_j`` ``(n,)``."""
    data = [
        _line(
            gaps,
            svm,
            "SVM (hinge)",
            class_color(3),
            hovertemplate="gap %{x:.3g}: %{y:.4g}<extra>SVM</extra>",
        ),
        _line(
            gaps,
            cross_entropy,
            "cross-entropy",
            class_color(0),
            hovertemplate="gap %{x:.3g}: %{y:.4g}<extra>cross-entropy</extra>",
        ),
    ]
    shape, notes = _vline(margin, f" Δ = {margin:g}: SVM satisfied")
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
            layout=_titled(layout, "gap: correct score − best other score", "loss L_i"),
        ),
        title="Correct score pulls ahead: SVM stops at Δ, cross-entropy keeps asking",
        height=440,
    )
