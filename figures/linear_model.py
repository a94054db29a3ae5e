"""Figures of the linear model page: ``W x + b`` as matrices, score planes, regions, templates.

Arrays in, ``go.Figure`` out; no streamlit. Builders are memoized (``core.memo``):
callers must not modify a returned figure. Conventions: docs/architecture.md.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.memo import memoize
from figures.theme import FONT_SIZE, base_layout, class_color, line, number_text, titled

MEMO_SIZE = 16  # figures kept per builder
# A pale diverging scale: black numbers stay readable on every cell.
DIVERGING = [[0.0, "#6baed6"], [0.5, "#ffffff"], [1.0, "#fd8d3c"]]
GREYS = [[0.0, "#ffffff"], [1.0, "#111111"]]
STRONG = [[0.0, "#2166ac"], [0.5, "#ffffff"], [1.0, "#e66101"]]  # for the templates (no text)
OPERATOR_WIDTH = 0.8  # the gap for "·", "+", "=" between two matrices, in cell widths


def _cells(matrix: np.ndarray) -> dict:
    """A heatmap of ``matrix`` (rows top to bottom) with each cell's number written in it."""
    limit = float(np.max(np.abs(matrix))) or 1.0
    return dict(
        type="heatmap",
        z=matrix,
        text=np.vectorize(lambda v: number_text(v, 4))(matrix),
        texttemplate="%{text}",
        textfont=dict(size=FONT_SIZE - 2, color="#111111"),
        colorscale=DIVERGING,
        zmin=-limit,
        zmax=limit,
        showscale=False,
        xgap=2,
        ygap=2,
        hoverinfo="skip",
    )


def _matrix_row(
    panels: tuple[tuple[str, np.ndarray], ...],
    operators: tuple[str, ...],
    highlights: tuple[tuple[str, tuple[int, int, int, int]], ...],
    row_names: tuple[str, ...],
    title: str,
) -> go.Figure:
    """Matrices side by side on one row, cells of one size, joined by operator signs.

    ``panels``: ``((label, 2-D array), ...)``; ``operators[i]`` stands between panel i
    and i + 1; ``highlights``: ``((colour, (panel, row, first column, last column)), ...)``
    outlined cells. The first panel's rows are named by ``row_names``.
    """
    widths = [m.shape[1] for _, m in panels]
    units = sum(widths) + OPERATOR_WIDTH * len(operators)
    tallest = max(m.shape[0] for _, m in panels)
    data, layout_axes, notes, shapes = [], {}, [], []
    left = 0.0
    for i, (label, matrix) in enumerate(panels):
        suffix = "" if i == 0 else str(i + 1)
        rows, cols = matrix.shape
        x0, x1 = max(left / units, 0.0), min((left + cols) / units, 1.0)
        pad = (tallest - rows) / tallest / 2
        y0, y1 = pad, 1.0 - pad
        data.append(dict(_cells(matrix), xaxis=f"x{suffix}", yaxis=f"y{suffix}"))
        layout_axes[f"xaxis{suffix}"] = dict(
            domain=[x0, x1], visible=False, range=[-0.5, cols - 0.5], fixedrange=True
        )
        layout_axes[f"yaxis{suffix}"] = dict(
            domain=[y0, y1], range=[rows - 0.5, -0.5], fixedrange=True, showgrid=False,
            zeroline=False, showline=False, anchor=f"x{suffix}",
            **(
                dict(tickvals=np.arange(rows), ticktext=list(row_names[:rows]), ticks="")
                if i == 0
                else dict(visible=False)
            ),
        )  # fmt: skip
        notes.append(
            dict(x=(x0 + x1) / 2, y=y1, xref="paper", yref="paper", text=label, showarrow=False,
                 yanchor="bottom", font=dict(size=FONT_SIZE)),
        )  # fmt: skip
        if i < len(operators):
            middle = (left + cols + OPERATOR_WIDTH / 2) / units
            notes.append(
                dict(x=middle, y=0.5, xref="paper", yref="paper", text=operators[i],
                     showarrow=False, font=dict(size=FONT_SIZE + 10)),
            )  # fmt: skip
        left += cols + OPERATOR_WIDTH
    for color, (panel, row, first, last) in highlights:
        suffix = "" if panel == 0 else str(panel + 1)
        shapes.append(
            dict(type="rect", xref=f"x{suffix}", yref=f"y{suffix}", x0=first - 0.5,
                 x1=last + 0.5, y0=row - 0.5, y1=row + 0.5, line=dict(color=color, width=4)),
        )  # fmt: skip
    layout = base_layout(title=title, height=90 + 52 * tallest)
    layout["margin"] = dict(l=80, r=10, t=72, b=10)
    layout.update(layout_axes, annotations=notes, shapes=shapes)
    return go.Figure(data=data, layout=layout)


@memoize(MEMO_SIZE)
def product_picture(
    W: np.ndarray, x: np.ndarray, b: np.ndarray, scores: np.ndarray, k: int, names: tuple
) -> go.Figure:
    """``W x + b = s`` drawn as the lecture draws it: ``W`` ``(K, D)``, ``x`` ``(D,)``, ``b`` and
    ``s`` ``(K,)`` as columns; row ``k`` of W, all of x, ``b_k`` and ``s_k`` outlined."""
    K, D = W.shape
    color = class_color(k)
    return _matrix_row(
        (("W", W), ("x", x[:, None]), ("b", b[:, None]), ("s", scores[:, None])),
        ("·", "+", "="),
        ((color, (0, k, 0, D - 1)), ("#555555", (1, 0, 0, 0)), (color, (2, k, 0, 0)),
         (color, (3, k, 0, 0))) + tuple(("#555555", (1, d, 0, 0)) for d in range(1, D)),
        names,
        f"W x + b: s of {names[k]} = {number_text(scores[k])}",
    )  # fmt: skip


@memoize(MEMO_SIZE)
def augmented_picture(
    W_aug: np.ndarray, x_aug: np.ndarray, scores: np.ndarray, k: int, names: tuple
) -> go.Figure:
    """The same scores as one product ``[W b] [x; 1] = s``: ``W_aug`` ``(K, D + 1)`` (its last
    column is b), ``x_aug`` ``(D + 1,)`` (its last entry is 1), ``s`` ``(K,)``."""
    K, D1 = W_aug.shape
    color = class_color(k)
    fig = _matrix_row(
        (("[W b]", W_aug), ("[x; 1]", x_aug[:, None]), ("s", scores[:, None])),
        ("·", "="),
        ((color, (0, k, 0, D1 - 1)), ("#555555", (0, k, D1 - 1, D1 - 1)),
         ("#555555", (1, D1 - 1, 0, 0)), (color, (2, k, 0, 0))),
        names,
        f"[W b][x; 1]: s of {names[k]} = {number_text(scores[k])}",
    )  # fmt: skip
    return fig


@memoize(MEMO_SIZE)
def score_planes_3d(grid: np.ndarray, corners: np.ndarray, lines: tuple) -> go.Figure:
    """Each class's score ``s_k(x1, x2)`` as a plane over the input plane (rotatable), with its
    zero line drawn on the floor ``s = 0``.

    ``grid`` is ``(lo, hi)``; ``corners`` ``(K, 2, 2)`` the planes' scores at the square's
    corners, ``corners[k, i, j]`` at ``x1 = grid[j]``, ``x2 = grid[i]`` (a plane is flat:
    four corners draw it); ``lines[k]`` the zero line's end points ``(2, 2)`` or None. All
    planes are one mesh and all lines one trace: a WebGL chart is rebuilt on every rerun, and
    each object costs shader work there.
    """
    K = corners.shape[0]
    x1 = np.tile([grid[0], grid[1], grid[0], grid[1]], K)
    x2 = np.tile([grid[0], grid[0], grid[1], grid[1]], K)
    base = 4 * np.arange(K)
    faces = np.concatenate([np.column_stack([base, base + 1, base + 3]),
                            np.column_stack([base, base + 3, base + 2])])  # fmt: skip
    data = [
        dict(type="mesh3d", x=x1, y=x2, z=corners.reshape(-1).astype(np.float32),
             i=faces[:, 0], j=faces[:, 1], k=faces[:, 2],
             facecolor=[class_color(k % K) for k in range(2 * K)], opacity=0.7,
             flatshading=True, hovertemplate="s = %{z:.2f}<extra></extra>", name="planes"),
    ]  # fmt: skip
    drawn = [k for k, ends in enumerate(lines) if ends is not None]
    if drawn:  # one trace for every zero line (one WebGL object to update, not three)
        floor = np.full((3 * len(drawn), 3), np.nan)
        ends = np.array([lines[k] for k in drawn])  # (lines, 2 ends, 2)
        floor[0::3, :2], floor[1::3, :2] = ends[:, 0], ends[:, 1]
        floor[0::3, 2] = floor[1::3, 2] = 0.0
        colors = [class_color(k) for k in drawn for _ in range(3)]
        data.append(
            dict(type="scatter3d", x=floor[:, 0], y=floor[:, 1], z=floor[:, 2], mode="lines",
                 line=dict(color=colors, width=8), showlegend=False, hoverinfo="skip",
                 connectgaps=False),
        )  # fmt: skip
    axis = dict(title=dict(font=dict(size=FONT_SIZE)), tickfont=dict(size=FONT_SIZE - 4))
    layout = base_layout(title="Score planes s(x₁, x₂)", height=560)
    layout["margin"] = dict(l=0, r=0, t=110, b=0)
    layout["scene"] = dict(
        xaxis=dict(axis, title=dict(axis["title"], text="x₁")),
        yaxis=dict(axis, title=dict(axis["title"], text="x₂")),
        zaxis=dict(axis, title=dict(axis["title"], text="score s")),
        camera=dict(eye=dict(x=1.6, y=-1.6, z=0.9)),
        aspectmode="manual",
        aspectratio=dict(x=1, y=1, z=0.8),
    )
    layout["uirevision"] = "planes"  # a rotated view stays rotated when a slider moves
    return go.Figure(data=data, layout=layout)


@memoize(MEMO_SIZE)
def regions_2d(
    grid: np.ndarray,
    regions: np.ndarray,
    names: tuple,
    lines: tuple,
    unbiased: tuple,
) -> go.Figure:
    """The input plane coloured by the predicted class, each class's zero line ``s_k = 0``
    (solid) and the same line with ``b_k = 0`` (dotted): the bias moves a line, parallel.

    ``regions`` ``(G, G)`` int (rows x2); ``lines[k]`` / ``unbiased[k]``: end points ``(2, 2)``
    or None.
    """
    K = len(names)
    scale = [
        [edge, class_color(k)] for k in range(K) for edge in (k / K, (k + 1) / K)
    ]  # one flat band of colour per class
    data = [
        dict(type="heatmap", x=grid, y=grid, z=regions.astype(np.int8), zmin=-0.5,
             zmax=K - 0.5, colorscale=scale, opacity=0.25, showscale=False, hoverinfo="skip"),
    ]  # fmt: skip
    for k in range(K):
        if unbiased[k] is not None:
            data.append(
                line(unbiased[k][:, 0], unbiased[k][:, 1], "same w, b = 0", class_color(k),
                     width=2.5, dash="dot", showlegend=False, hoverinfo="skip"),
            )  # fmt: skip
    for k in range(K):
        if lines[k] is not None:
            data.append(
                line(lines[k][:, 0], lines[k][:, 1], f"s({names[k]}) = 0", class_color(k),
                     width=5, hoverinfo="skip"),
            )  # fmt: skip
    layout = titled(
        base_layout(title="Zero lines and regions", height=560),
        x_title="x₁",
        y_title="x₂",
    )
    limit = float(grid[-1])
    layout["xaxis"].update(range=[-limit, limit], constrain="domain", zeroline=False)
    layout["yaxis"].update(range=[-limit, limit], scaleanchor="x", zeroline=False)
    return go.Figure(data=data, layout=layout)


def _image_grid(
    images: np.ndarray,
    labels: tuple[str, ...],
    columns: int,
    colorscale: list,
    symmetric: bool,
    title: str,
    height: int,
) -> go.Figure:
    """Small square heatmaps in a grid, each titled by ``labels[i]`` (row 0 at the top)."""
    n = images.shape[0]
    rows = -(-n // columns)
    gap_x, gap_y = 0.04, 0.12 / rows + 0.04
    cell_w = (1.0 - gap_x * (columns - 1)) / columns
    cell_h = (1.0 - gap_y * (rows - 1)) / rows
    limit = float(np.max(np.abs(images))) or 1.0
    data, axes, notes = [], {}, []
    for i, image in enumerate(images):
        suffix = "" if i == 0 else str(i + 1)
        r, c = divmod(i, columns)
        x0 = c * (cell_w + gap_x)
        y1 = 1.0 - r * (cell_h + gap_y)
        data.append(
            dict(type="heatmap", z=image, xaxis=f"x{suffix}", yaxis=f"y{suffix}",
                 colorscale=colorscale, zmin=-limit if symmetric else 0.0, zmax=limit,
                 showscale=False, hovertemplate="row %{y}, col %{x}: %{z:.2f}<extra></extra>"),
        )  # fmt: skip
        axes[f"xaxis{suffix}"] = dict(
            domain=[max(x0, 0.0), min(x0 + cell_w, 1.0)], visible=False, fixedrange=True
        )
        axes[f"yaxis{suffix}"] = dict(
            domain=[max(y1 - cell_h, 0.0), min(y1, 1.0)], visible=False, autorange="reversed",
            fixedrange=True, scaleanchor=f"x{suffix}", anchor=f"x{suffix}",
        )  # fmt: skip
        notes.append(
            dict(x=x0 + cell_w / 2, y=y1, xref="paper", yref="paper", text=labels[i],
                 showarrow=False, yanchor="bottom", font=dict(size=FONT_SIZE - 2)),
        )  # fmt: skip
    layout = base_layout(title=title, height=height)
    layout["margin"] = dict(l=10, r=10, t=90, b=10)
    layout.update(axes, annotations=notes)
    return go.Figure(data=data, layout=layout)


@memoize(MEMO_SIZE)
def glyph_samples(
    images: np.ndarray, labels: tuple[str, ...], columns: int, first: int
) -> go.Figure:
    """Training images ``(M, 8, 8)`` number ``first`` on, in grey (white 0, black 1), each
    titled by its class (``labels``)."""
    last = first + images.shape[0] - 1
    return _image_grid(
        images, labels, columns, GREYS, False,
        f"Images #{first}–#{last}, flattened to x", 430,
    )  # fmt: skip


@memoize(MEMO_SIZE)
def template_images(templates: np.ndarray, names: tuple[str, ...]) -> go.Figure:
    """Each class's row of W ``(K, 64)`` shown back as an 8 × 8 image ``(K, 8, 8)``: orange
    pixels add to the class's score, blue ones subtract."""
    return _image_grid(
        templates, names, templates.shape[0], STRONG, True,
        "Rows of W as images: the templates", 330,
    )  # fmt: skip
