"""Figures of the loss-surfaces page: the two surfaces in 3D, their gradient norms, a slice.

Arrays in, ``go.Figure`` out; no streamlit. Builders are memoized (``core.memo``):
callers must not modify a returned figure. As in Glorot & Bengio's Fig. 5 the
cross-entropy surface is black and the MSE surface red; the descent paths take
two Okabe-Ito colours that stand out on both. Surface heights travel as float32
(base64 in the JSON: 4 bytes a point, a 51 x 51 pair about 28 KiB).
Conventions: docs/architecture.md.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.memo import memoize
from figures.theme import FONT_SIZE, base_layout, class_color, line, number_text, titled

MEMO_SIZE = 16
NAMES = ("cross-entropy", "MSE")
PATH_NAMES = ("CE descent", "MSE descent")
SURFACE_COLORS = ("#111111", "#D00000")  # black and red, as in the paper
SURFACE_SCALES = (
    [[0.0, "#000000"], [1.0, "#6e6e6e"]],  # black to grey: shading still shows the shape
    [[0.0, "#8b0000"], [1.0, "#ff7070"]],  # dark to light red
)
PATH_COLORS = (class_color(1), class_color(0))  # orange on the black surface, blue on red
# The cameras a student can pick. "paper" looks from the corner where both weights are
# low, a little above the surfaces, as Fig. 5 of Glorot & Bengio (2010) does.
CAMERAS = {
    "paper": dict(
        eye=dict(x=-1.5, y=-1.2, z=0.75), up=dict(x=0, y=0, z=1), center=dict(x=0, y=0, z=-0.15)
    ),
    "above": dict(  # a flat map, as the gradient-norm charts below: no perspective
        eye=dict(x=0.0, y=-0.01, z=2.0),
        up=dict(x=0, y=1, z=0),
        projection=dict(type="orthographic"),
    ),
    "along_w1": dict(eye=dict(x=0.0, y=-1.95, z=0.3), up=dict(x=0, y=0, z=1)),
    "along_w2": dict(eye=dict(x=1.95, y=0.0, z=0.3), up=dict(x=0, y=0, z=1)),
}


def _ticks(top: float) -> np.ndarray:
    """About five round tick values in (0, top]: none at 0, whose label would sit on the
    W2 axis's last label in the corner where the axes meet."""
    raw = top / 5
    step = 10 ** np.floor(np.log10(raw))
    step *= min((m for m in (1, 2, 2.5, 5, 10) if m * step >= raw), default=10)
    return step * np.arange(1, int(top / step + 1e-9) + 1)


@memoize(MEMO_SIZE)
def surface_figure(
    w1: np.ndarray,
    w2: np.ndarray,
    loss: np.ndarray,
    shown: tuple[bool, bool],
    paths: tuple[np.ndarray, np.ndarray],
    axis_names: tuple[str, str],
    camera: str = "paper",
    scaled: bool = False,
) -> go.Figure:
    """Both loss surfaces over the (W1, W2) grid in one rotatable 3D chart.

    ``loss`` is ``(2, G2, G1)`` (CE, MSE; rows follow ``w2``), ``shown`` which of
    the two surfaces to draw (both descent paths are always drawn), ``paths`` each
    descent's ``(S + 1, 3)`` points (W1, W2, loss),
    ``camera`` a key of ``CAMERAS`` (``uirevision`` keeps a student's own rotation
    until another camera is picked). ``scaled`` maps each loss to 0-1 by its own lowest and
    highest value on the grid (the paths too), so the shapes compare whatever the scales;
    the hover then still reads the loss itself. (The W2 slice is marked on the gradient
    maps, not here: moving it then leaves this figure, and its WebGL scene, as it is.)
    """
    low = loss.reshape(2, -1).min(axis=1) if scaled else np.zeros(2)
    span = np.ptp(loss.reshape(2, -1), axis=1) if scaled else np.ones(2)
    span = np.where(span > 0, span, 1.0)
    height = (loss - low[:, None, None]) / span[:, None, None]
    data = []
    for index in range(2):
        if not shown[index]:
            continue
        real = (
            dict(customdata=loss[index].astype(np.float32), hovertemplate=(
                f"{NAMES[index]}<br>W1 = %{{x:.2f}}<br>W2 = %{{y:.2f}}"
                "<br>loss = %{customdata:.3f}<extra></extra>"))
            if scaled
            else dict(hovertemplate=f"{NAMES[index]}<br>W1 = %{{x:.2f}}<br>W2 = %{{y:.2f}}"
                      "<br>loss = %{z:.3f}<extra></extra>")
        )  # fmt: skip
        data.append(
            dict(
                type="surface", x=w1.astype(np.float32), y=w2.astype(np.float32),
                z=height[index].astype(np.float32), name=NAMES[index], showlegend=True,
                colorscale=SURFACE_SCALES[index], showscale=False, opacity=0.92,
                lighting=dict(ambient=0.55, diffuse=0.7, specular=0.15, roughness=0.6),
                contours=dict(
                    x=dict(show=True, color="#ffffff" if index == 0 else "#5a0000", width=1,
                           start=float(w1[0]), end=float(w1[-1]),
                           size=float(w1[-1] - w1[0]) / 12),
                    y=dict(show=True, color="#ffffff" if index == 0 else "#5a0000", width=1,
                           start=float(w2[0]), end=float(w2[-1]),
                           size=float(w2[-1] - w2[0]) / 12),
                ),
                **real,
            )
        )  # fmt: skip
    for index in range(2):  # the paths stay when their surface is switched off
        path = paths[index]
        z = (path[:, 2] - low[index]) / span[index]
        data.append(
            dict(
                type="scatter3d", x=path[:, 0], y=path[:, 1], z=z,
                mode="lines", name=PATH_NAMES[index],
                line=dict(color=PATH_COLORS[index], width=9),
                customdata=path[:, 2],
                hovertemplate="W1 = %{x:.2f}, W2 = %{y:.2f}<br>loss = %{customdata:.3f}"
                "<extra></extra>",
            )
        )  # fmt: skip
        data.append(
            dict(
                type="scatter3d", x=path[[0, -1], 0], y=path[[0, -1], 1], z=z[[0, -1]],
                mode="markers", showlegend=False, hoverinfo="skip",
                marker=dict(size=[7, 5], symbol=["diamond", "circle"], color=PATH_COLORS[index],
                            line=dict(color="white", width=2)),
            )
        )  # fmt: skip
    axis = dict(
        title_font_size=FONT_SIZE, tickfont_size=FONT_SIZE - 3, backgroundcolor="#f4f4f4",
        showbackground=True, gridcolor="#cccccc",
    )  # fmt: skip
    top = max([float(height[i].max()) for i in range(2) if shown[i]] or [1.0])
    top = max(top, *(float(((p[:, 2] - low[i]) / span[i]).max()) for i, p in enumerate(paths)))
    layout = base_layout(title="Cross-entropy (black) vs MSE (red) over two weights", height=500)
    layout["margin"] = dict(l=0, r=0, t=50, b=0)
    # One row above the scene, short names: at half a 1280 px screen it still fits one row,
    # and it covers neither the surfaces nor the axis labels.
    layout["legend"] = dict(
        orientation="h", yanchor="top", y=1.0, x=0.0, xanchor="left", font_size=FONT_SIZE - 2
    )
    layout["scene"] = dict(
        xaxis=dict(title=dict(text=axis_names[0]), range=[float(w1[0]), float(w1[-1])], **axis),
        yaxis=dict(title=dict(text=axis_names[1]), range=[float(w2[0]), float(w2[-1])], **axis),
        zaxis=dict(
            title=dict(text="loss, 0–1 each" if scaled else "loss"),
            tickvals=_ticks(top),
            range=[0.0, 1.02 * top],
            **axis,
        ),
        domain=dict(x=[0.0, 1.0], y=[0.0, 0.93]),
        camera=CAMERAS[camera],
        aspectmode="manual",
        aspectratio=dict(x=1.0, y=1.0, z=0.75),
        uirevision=camera,
    )
    layout["uirevision"] = camera
    return go.Figure(data=data, layout=layout)


@memoize(MEMO_SIZE)
def gradient_maps(
    w1: np.ndarray,
    w2: np.ndarray,
    grad_norm: np.ndarray,
    paths: tuple[np.ndarray, np.ndarray],
    axis_names: tuple[str, str],
    slice_at: float | None = None,
) -> go.Figure:
    """|∇L| of each loss as a heatmap on one log colour scale, side by side, each with its
    descent path (a dot per step: dots crowd where the descent crawls).

    ``grad_norm`` is ``(2, G2, G1)``; ``paths`` each ``(S + 1, 2)`` (W1, W2).
    """
    logs = np.log10(np.maximum(grad_norm, 1e-6))
    low, high = float(np.floor(logs.min())), float(np.ceil(logs.max()))
    ticks = np.arange(low, high + 1)
    data = []
    for index in range(2):
        suffix = "" if index == 0 else "2"
        data.append(
            dict(
                type="heatmap", x=w1.astype(np.float32), y=w2.astype(np.float32),
                z=np.round(logs[index], 2).astype(np.float32), coloraxis="coloraxis",
                xaxis=f"x{suffix}", yaxis=f"y{suffix}",
                hovertemplate="W1 = %{x:.2f}, W2 = %{y:.2f}<br>log₁₀|∇L| = %{z:.2f}"
                "<extra></extra>",
            )
        )  # fmt: skip
        path = paths[index]
        data.append(
            dict(type="scatter", x=path[:, 0], y=path[:, 1], mode="lines+markers",
                 name=PATH_NAMES[index], line=dict(color=PATH_COLORS[index], width=3),
                 marker=dict(size=6, color=PATH_COLORS[index], line=dict(color="white", width=1)),
                 xaxis=f"x{suffix}", yaxis=f"y{suffix}",
                 hovertemplate="W1 = %{x:.2f}, W2 = %{y:.2f}<extra></extra>")
        )  # fmt: skip
    shapes = []
    if slice_at is not None:
        for suffix in ("", "2"):
            shapes.append(
                dict(type="line", xref=f"x{suffix}", yref=f"y{suffix}", x0=float(w1[0]),
                     x1=float(w1[-1]), y0=slice_at, y1=slice_at,
                     line=dict(color="#009E73", width=3, dash="dash"))
            )  # fmt: skip
    layout = base_layout(title="Where each loss is flat: |∇L| (dark = plateau)", height=560)
    span = [float(w1[0]), float(w1[-1])]
    spanned = dict(range=[float(w2[0]), float(w2[-1])])
    layout.update(
        xaxis=dict(domain=[0.0, 0.43], range=span, title=dict(text=axis_names[0])),
        xaxis2=dict(domain=[0.5, 0.93], range=span, title=dict(text=axis_names[0])),
        yaxis=dict(title=dict(text=axis_names[1]), **spanned),
        yaxis2=dict(anchor="x2", showticklabels=False, **spanned),
        coloraxis=dict(
            colorscale="Viridis", cmin=low, cmax=high,
            colorbar=dict(title=dict(text="|∇L|", side="top"), tickvals=ticks,
                          ticktext=[number_text(10.0**t, 2) for t in ticks], x=0.95, len=0.9),
        ),
        annotations=[
            dict(text=f"<b>{NAMES[index]}</b>", x=center, xref="paper", y=1.0, yref="paper",
                 yanchor="bottom", showarrow=False, font=dict(size=FONT_SIZE + 2,
                 color=SURFACE_COLORS[index]))
            for index, center in ((0, 0.215), (1, 0.715))
        ],
        shapes=shapes,
    )  # fmt: skip
    layout["yaxis2"]["matches"] = "y"
    layout["legend"] = dict(orientation="h", yanchor="bottom", y=1.09, xanchor="right", x=1.0)
    layout["margin"]["t"] = 130
    return go.Figure(data=data, layout=layout)


@memoize(MEMO_SIZE)
def slice_figure(w1: np.ndarray, loss: np.ndarray, at: float, axis_name: str) -> go.Figure:
    """Both losses along W1 at a fixed W2 = ``at``: ``loss`` is ``(2, P)`` on ``w1`` ``(P,)``.

    One shared loss axis, as in the 3D chart.
    """
    data = [
        line(w1, loss[index], NAMES[index], SURFACE_COLORS[index], width=4,
             hovertemplate=f"{NAMES[index]}: %{{y:.3f}} at W1 = %{{x:.2f}}<extra></extra>")
        for index in range(2)
    ]  # fmt: skip
    layout = titled(
        base_layout(title=f"Slice at W2 = {number_text(at, 3)}", height=420),
        x_title=axis_name,
        y_title="loss",
    )
    layout["yaxis"]["rangemode"] = "tozero"
    return go.Figure(data=data, layout=layout)
