"""Figures of the mean squared error page: the squared differences, MSE vs cross-entropy as
the correct score moves, and both losses' gradients through a squashed output.

Arrays in, ``go.Figure`` out; no streamlit. Builders are memoized (``core.memo``):
callers must not modify a returned figure. Class names are the user's text: they are
HTML-escaped here, since Plotly renders a few tags (``<a>``, ``<b>``) in labels.
"""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from core.memo import memoize
from figures.theme import (
    CLASS_COLORS,
    FONT_SIZE,
    NEUTRAL,
    POSITIVE,
    base_layout,
    line,
    number_text,
    titled,
    vline,
)

MEMO_SIZE = 16
MSE_COLOR = CLASS_COLORS[3]  # vermillion: MSE on every chart of the page
CE_COLOR = CLASS_COLORS[0]  # blue: cross-entropy
TOO_RIGHT = CLASS_COLORS[5]  # sky blue: a term past its target on the right side
MAX_NAME = 14  # characters of a class name on an axis
GRADIENT_FLOOR = 1e-12  # a log axis cannot show 0: smaller gradients are drawn here


def _tick(name: str, correct: bool) -> str:
    shown = name if len(name) <= MAX_NAME else name[: MAX_NAME - 1] + "…"
    return html.escape(shown) + (" ✓" if correct else "")


@memoize(MEMO_SIZE)
def squared_bars(
    classes: tuple[str, ...],
    scores: np.ndarray,
    targets: np.ndarray,
    squared: np.ndarray,
    too_right: np.ndarray,
    loss: float,
) -> go.Figure:
    """The terms ``(s_j − y_j)²`` ``(K,)`` as bars, one per class, and their mean ``loss``
    as a dashed line. Terms of scores already past their target on the right side
    (``too_right``) are a second, lighter trace: MSE charges them all the same.
    """
    ticks = [_tick(name, targets[j] == 1.0) for j, name in enumerate(classes)]
    # Bars sit on categories: a repeated name would stack two classes on one tick.
    ticks = [t if ticks.index(t) == j else f"{t} ({j})" for j, t in enumerate(ticks)]
    custom = np.stack([scores, targets], axis=-1)
    hover = "%{x}: (%{customdata[0]:.4g} − %{customdata[1]:.0f})² = %{y:.4g}<extra></extra>"
    data = []
    for mask, name, color in (
        (~too_right, "error term", POSITIVE),
        (too_right, "past its target, still charged", TOO_RIGHT),
    ):
        if not mask.any():
            continue
        data.append(
            dict(
                type="bar",
                x=[t for t, m in zip(ticks, mask, strict=True) if m],
                y=squared[mask],
                customdata=custom[mask],
                name=name,
                marker=dict(color=color),
                showlegend=bool(too_right.any()),  # one kind of bar needs no legend entry
                text=[number_text(v) for v in squared[mask]],
                textposition="outside",
                cliponaxis=False,
                hovertemplate=hover,
            )
        )
    # The mean as a dashed line across the whole plot (a shape) with a legend entry (a trace
    # without points): a label on the line would sit on the bars.
    data.append(
        line([None], [None], f"mean: L_i = {number_text(loss)}", "black", 3,
             "dash", hoverinfo="skip")
    )  # fmt: skip
    top = float(max(squared.max(), loss))
    layout = base_layout(
        title="(s_j − y_j)², mean = L_i",
        y_title="(s_j − y_j)²",
        height=380,
    )
    layout.update(
        xaxis=dict(categoryorder="array", categoryarray=ticks),
        yaxis=dict(layout["yaxis"], range=[0, 1.25 * top if top > 0 else 1]),
        barmode="overlay",
        shapes=[
            dict(
                type="line",
                x0=0,
                x1=1,
                xref="paper",
                y0=loss,
                y1=loss,
                line=dict(color="black", width=3, dash="dash"),
            )
        ],
    )
    return go.Figure(data=data, layout=layout)


def _dot(x: float, y: float, color: str, name: str) -> dict:
    return dict(
        type="scatter",
        x=[x],
        y=[y],
        mode="markers",
        name=name,
        marker=dict(color=color, size=16, line=dict(color="black", width=2)),
        hovertemplate="%{x:.4g}: %{y:.4g}<extra>" + name + "</extra>",
        showlegend=False,
    )


def _numbers_at_dots(
    moved_from: tuple[str, float] | None, current: float, at: tuple[float, float]
) -> str:
    if moved_from is None:
        return "MSE is least at 1, cross-entropy keeps falling"
    name, typed = moved_from
    shift = current - typed
    sign = "−" if shift < 0 else "+"
    return (
        f"{_tick(name, False)}: s_y = {number_text(typed)} {sign} {number_text(abs(shift))} = "
        f"{number_text(current)}: MSE {number_text(at[0], 4)}, "
        f"cross-entropy {number_text(at[1], 4)}"
    )


@memoize(MEMO_SIZE)
def losses_vs_score_figure(
    values: np.ndarray,
    mse: np.ndarray,
    ce: np.ndarray,
    current: float,
    at: tuple[float, float],
    moved_from: tuple[str, float] | None = None,
) -> go.Figure:
    """MSE and cross-entropy ``(n,)`` against the correct score ``values`` ``(n,)``.

    ``current`` is the correct score now, ``at`` both losses there (dots); the
    target ``s_y = 1`` is a dotted line, the region above it shaded: there MSE
    rises again while cross-entropy keeps falling. With ``moved_from`` (the correct
    class's name and its typed score) the title reads the numbers at the dots,
    "Car: s_y = 1.5 + 2 = 3.5: MSE 3.75, cross-entropy 0.1269"; without, it states
    the lesson.
    """
    hover = "s_y = %{x:.3g}: %{y:.4g}<extra>%{fullData.name}</extra>"
    data = [
        line(values, mse, "MSE", MSE_COLOR, hovertemplate=hover),
        line(values, ce, "cross-entropy", CE_COLOR, hovertemplate=hover),
        _dot(current, at[0], MSE_COLOR, "MSE now"),
        _dot(current, at[1], CE_COLOR, "cross-entropy now"),
    ]
    target, notes = vline(1.0, " target y = 1")
    high = float(values[-1])
    shade = dict(
        type="rect",
        x0=1.0,
        x1=high,
        y0=0,
        y1=1,
        yref="paper",
        fillcolor=NEUTRAL,
        opacity=0.15,
        line=dict(width=0),
        layer="below",
    )
    notes.append(
        dict(
            x=high,
            y=0.86,
            yref="paper",
            xanchor="right",
            text="above the target: MSE charges<br>a confident correct answer",
            showarrow=False,
            align="right",
            bgcolor="rgba(255,255,255,0.85)",
            font=dict(size=FONT_SIZE - 2, color=MSE_COLOR),
        )
    )
    layout = base_layout(title=_numbers_at_dots(moved_from, current, at), height=450)
    layout.update(
        shapes=[shade, target],
        annotations=notes,
        yaxis=dict(rangemode="tozero"),
        xaxis=dict(range=[float(values[0]), high]),
    )
    return go.Figure(
        data=data,
        layout=titled(layout, "s_y, the correct class's score (others fixed)", "loss L_i"),
    )


@memoize(MEMO_SIZE)
def gradients_figure(
    z: np.ndarray,
    mse: np.ndarray,
    ce: np.ndarray,
    current: float,
    at: tuple[float, float],
    output: str,
) -> go.Figure:
    """``|∂L/∂z|`` of MSE and cross-entropy ``(n,)`` on a log axis against ``z`` ``(n,)``;
    the current ``z`` and both gradients ``at`` it as dots; ``z < 0`` (wrong) shaded."""
    x_title = "z, the pre-activation" if output == "sigmoid" else "z = s_y − max other score"
    hover = "z = %{x:.3g}: |∂L/∂z| = %{y:.3g}<extra>%{fullData.name}</extra>"
    floor = GRADIENT_FLOOR
    data = [
        line(z, np.maximum(mse, floor), "MSE on p", MSE_COLOR, hovertemplate=hover),
        line(z, np.maximum(ce, floor), "cross-entropy", CE_COLOR, hovertemplate=hover),
        _dot(current, max(at[0], floor), MSE_COLOR, "MSE now"),
        _dot(current, max(at[1], floor), CE_COLOR, "cross-entropy now"),
    ]
    shade = dict(
        type="rect",
        x0=float(z[0]),
        x1=0.0,
        y0=0,
        y1=1,
        yref="paper",
        fillcolor=NEUTRAL,
        opacity=0.15,
        line=dict(width=0),
        layer="below",
    )
    note = dict(
        x=float(z[0]),
        y=0.04,
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        text="classified wrong (z < 0)",
        showarrow=False,
        font=dict(size=FONT_SIZE - 2),
    )
    what = "sigmoid" if output == "sigmoid" else "softmax"
    layout = base_layout(
        title=f"Wrong and sure ({what}): MSE's gradient vanishes",
        height=450,
    )
    low = float(np.log10(max(min(float(np.min(mse)), float(np.min(ce))), floor)))
    layout.update(
        shapes=[shade],
        annotations=[note],
        yaxis=dict(type="log", range=[np.floor(low), 0.3], exponentformat="power"),
        xaxis=dict(range=[float(z[0]), float(z[-1])]),
    )
    return go.Figure(data=data, layout=titled(layout, x_title, "|∂L/∂z| (log scale)"))
