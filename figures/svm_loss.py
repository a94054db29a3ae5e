"""Figures of the multiclass SVM loss page: hinge terms, per-image losses, gradient, K = 2.

Arrays in, ``go.Figure`` out. Class names come from the user's table: they are
validated (letters, digits, spaces, ``. ' ( ) + -``) before they get here and
only ever appear as Plotly text.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.memo import memoize
from figures.theme import NEUTRAL, POSITIVE, base_layout, class_color, number_text, style

MEMO_SIZE = 16  # figures kept per builder (core.memo: shared, never mutated)

_TERMS_SCALE = [[0.0, "#ffffff"], [1.0, POSITIVE]]
# rows = classes top to bottom as in the table; no grid lines across the cells
_HEATMAP_AXES = dict(
    yaxis=dict(autorange="reversed", showgrid=False, zeroline=False),
    xaxis=dict(showgrid=False, zeroline=False),
)
_GRAD_SCALE = [[0.0, "#0072B2"], [0.5, "#ffffff"], [1.0, POSITIVE]]


CELL_FONT = 16  # cell numbers: 3 significant digits fit a cell of 8 images at 1280 px
CORRECT_CELL = "y_i"  # the correct class's cell: not part of the sum
SHORT_NAME = 8  # class names this short go into the loss bars' row labels


def _cell_text(values: np.ndarray) -> np.ndarray:
    """3 significant digits; a power of ten goes on a second line (``2.65<br>× 10⁵``), so a
    cell of 8 images at 1280 px holds it."""
    return np.vectorize(lambda v: number_text(v, 3).replace(" × ", "<br>× "), otypes=[object])(
        values
    )


def _heatmap_figure(heatmap: dict, title: str) -> go.Figure:
    """A classes x images heatmap trace in the app's look, built in one constructor call
    (validated once: cheaper than ``style`` on a built figure).

    No colour bar: every cell writes its number, and the bar took a sixth of a
    projector-width chart from the cells.
    """
    rows = len(heatmap["y"])
    layout = base_layout(title=title, height=max(380, 200 + 50 * rows))  # two text lines a row
    layout.update({axis: dict(axis_style) for axis, axis_style in _HEATMAP_AXES.items()})
    return go.Figure(data=[heatmap], layout=layout)


def _heatmap(z: np.ndarray, text: np.ndarray, classes, image_names, **extra) -> dict:
    """A heatmap trace: rows = ``classes``, columns = ``image_names``, ``text`` in each cell.

    Image names are the column ticks; which class is each image's true class is
    the cell marked ``CORRECT_CELL`` (terms) or the negative one (gradient), so
    the ticks stay short and never collide.
    """
    return dict(
        type="heatmap",
        z=z,
        x=list(image_names),
        y=list(classes),
        text=text,
        texttemplate="%{text}",
        textfont=dict(size=CELL_FONT),
        xgap=3,
        ygap=3,
        showscale=False,
        **extra,
    )


@memoize(MEMO_SIZE)
def terms_heatmap(terms: np.ndarray, labels: np.ndarray, classes, image_names) -> go.Figure:
    """Classes x images heatmap of ``max(0, s_j - s_{y_i} + Δ)``; ``terms`` is ``(N, K)``.

    The correct class's cell (not part of the sum) is left blank and marked
    ``y_i``; every other cell shows its value, orange when it adds to the loss.
    """
    z = terms.T.astype(float)  # (K, N), rows = classes as in the table
    correct = np.arange(z.shape[0])[:, None] == labels[None, :]
    text = _cell_text(z)
    text[correct] = CORRECT_CELL
    z[correct] = np.nan
    top = float(np.nanmax(z)) if np.any(~np.isnan(z)) else 0.0
    heatmap = _heatmap(
        z, text, classes, image_names,
        colorscale=_TERMS_SCALE, zmin=0.0, zmax=max(top, 1e-9),
        hovertemplate="class %{y}, %{x}: term %{text}<extra></extra>",
    )  # fmt: skip
    return _heatmap_figure(heatmap, "Hinge terms max(0, s_j − s_yi + Δ)")


@memoize(MEMO_SIZE)
def loss_bars(losses: np.ndarray, batch_loss: float, image_names, labels, classes) -> go.Figure:
    """Horizontal bars of each image's ``L_i`` and a dashed line at ``L = mean(L_i)``.

    One row per image (first on top), ticked ``image i (true class)`` (``image i``
    when a true class's name is long): rows never crowd their labels, however many
    images. Each bar writes its value inside
    its end when it fits, else just past it, at full size (never shrunk); the
    axis leaves room for that past the longest bar.
    """
    values = np.asarray(losses, float)
    true = [classes[y] for y in labels]
    # the true class in the row label while every name is short: the chart sits in half a
    # 1280 px screen, and long row labels leave its bars no room for their numbers
    short = all(len(name) <= SHORT_NAME for name in true)
    ticks = [f"{n} ({c})" if short else n for n, c in zip(image_names, true, strict=True)]
    bars = dict(
        type="bar",
        orientation="h",
        x=values,
        y=ticks,
        marker_color=[POSITIVE if v > 0 else NEUTRAL for v in values],
        text=[number_text(v) for v in values],
        # inside the bar's end when it fits, else past it; a zero bar has no inside
        textposition=["outside" if v == 0 else "auto" for v in values],
        insidetextanchor="end",
        constraintext="none",
        textfont=dict(size=18),
        cliponaxis=False,
        name="L_i",
        hovertemplate="%{y}: L_i = %{x:.4g}<extra></extra>",
    )
    top = max(float(np.max(values)), batch_loss, 1.0)
    right = top * 1.3
    # beside the score table in the first screen: 320 px, taller only past four images
    height = 320 + 30 * max(0, len(values) - 4)
    layout = base_layout(title="L_i per image and mean L", height=height)  # fits 330 px
    layout.update(
        shapes=[
            dict(
                type="line",
                yref="paper",
                y0=0,
                y1=1,
                x0=batch_loss,
                x1=batch_loss,
                line=dict(color="#222222", dash="dash", width=3),
            ),
        ],  # fmt: skip
        annotations=[
            dict(
                yref="paper",
                y=1.0,
                x=batch_loss,
                text=f"L = {number_text(batch_loss)}",
                showarrow=False,
                yanchor="bottom",
                font_size=18,
                xanchor="left" if batch_loss < right / 2 else "right",
            ),
        ],  # fmt: skip
        xaxis=dict(range=[0, right], title=dict(text="loss")),
        yaxis=dict(autorange="reversed"),
    )
    return go.Figure(data=[bars], layout=layout)


@memoize(MEMO_SIZE)
def gradient_heatmap(grad: np.ndarray, labels: np.ndarray, classes, image_names) -> go.Figure:
    """Classes x images heatmap of ``dL_i/ds_j``; ``grad`` is ``(N, K)``."""
    z = grad.T.astype(float)
    bound = max(float(np.max(np.abs(z))), 1.0)
    heatmap = _heatmap(
        z, _cell_text(z), classes, image_names,
        colorscale=_GRAD_SCALE, zmin=-bound, zmax=bound,
        hovertemplate="class %{y}, %{x}: ∂L_i/∂s_j = %{z}<extra></extra>",
    )  # fmt: skip
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
