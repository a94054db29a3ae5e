"""One shared look for every chart: large type for a projector, colour-blind-safe colours.

Labels use Unicode (Δ, λ, ŷ, Σ), never LaTeX: Plotly's LaTeX needs MathJax,
which is not available offline. Formulas belong in ``st.latex`` on the page.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every
# common colour-vision deficiency. Class k uses CLASS_COLORS[k % 8].
CLASS_COLORS = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
POSITIVE = "#D55E00"  # a loss term that counts
NEUTRAL = "#999999"  # a term that is zero / inactive
FONT_SIZE = 18
TITLE_SIZE = 22
FONT_FAMILY = "Source Sans Pro, Arial, sans-serif"


# A small template registered once and made the default: every figure built
# anywhere gets the look without per-figure work. (Plotly deep-copies and
# validates a figure's template on creation; the stock "plotly_white" is large
# enough that copying it dominated a page's rerun time.)
_AXIS = dict(
    gridcolor="#e6e6e6",
    linecolor="#888888",
    zerolinecolor="#bbbbbb",
    title_font_size=FONT_SIZE + 2,
    tickfont_size=FONT_SIZE,
    automargin=True,
)
pio.templates["loss_explorer"] = go.layout.Template(
    layout=dict(
        font=dict(family=FONT_FAMILY, size=FONT_SIZE, color="#222222"),
        colorway=list(CLASS_COLORS),
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel=dict(font_size=FONT_SIZE),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="right", x=1.0),
        xaxis=_AXIS,
        yaxis=_AXIS,
    )
)
pio.templates.default = "loss_explorer"


def use_as_default() -> None:
    """Make the app's template Plotly's default again.

    Importing Streamlit makes its own template the default: in a process that imported
    this module first (a test session) figures would be built with Streamlit's.
    ``ui.charts.start_page`` calls this before every page run.
    """
    pio.templates.default = "loss_explorer"


def class_color(k: int) -> str:
    """The colour of class ``k`` (cycling through the 8 palette colours)."""
    return CLASS_COLORS[k % len(CLASS_COLORS)]


def base_layout(
    *,
    title: str | None = None,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int = 460,
) -> dict:
    """The layout ``style`` applies, as a dict for ``go.Figure(data=..., layout=...)``.

    Building a figure in one constructor call validates it once; that is
    several ms cheaper per figure than ``style`` on a built figure.
    """
    layout = dict(
        # Title at the very top, legend in its own row just above the plot:
        # the two never overlap, whatever the chart's width.
        title=dict(
            text=title,
            font=dict(size=TITLE_SIZE),
            x=0.0,
            xanchor="left",
            y=0.98,
            yref="container",
            yanchor="top",
        )
        if title
        else None,
        height=height,
        margin=dict(l=70, r=30, t=105 if title else 50, b=70),
    )
    if x_title is not None:
        layout["xaxis"] = dict(title=dict(text=x_title))
    if y_title is not None:
        layout["yaxis"] = dict(title=dict(text=y_title))
    return layout


def style(
    fig: go.Figure,
    *,
    title: str | None = None,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int = 460,
) -> go.Figure:
    """Apply the app's look to ``fig`` in place and return it.

    Large fonts (18 px ticks and labels, 22 px title), white background with
    light grid lines, legend above the plot so it never covers data.
    """
    fig.update_layout(base_layout(title=title, height=height))
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


# Pieces of figures shared by the page modules (plain dicts: one validation per figure).
def titled(layout: dict, x_title: str | None = None, y_title: str | None = None) -> dict:
    """``layout`` with axis titles set in place (cheaper than ``style``'s update_xaxes)."""
    for axis, text in (("xaxis", x_title), ("yaxis", y_title)):
        if text is not None:
            layout.setdefault(axis, {})["title"] = dict(text=text)
    return layout


def bar_text(values: np.ndarray) -> list[str]:
    """Bar labels with 3 significant digits."""
    return [f"{v:.3g}" for v in values]


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def number_text(value: float, digits: int = 4) -> str:
    """A number as plain Unicode text for chart labels and sentences (never ``e+23``).

    ``digits`` significant digits, trailing zeros dropped; powers of ten as superscripts.

    >>> number_text(6.17490), number_text(2.2477e23), number_text(-4e-9, 2)
    ('6.175', '2.248 × 10²³', '-4 × 10⁻⁹')
    """
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    text = f"{value:.{digits}g}"
    if "e" not in text:
        return "0" if text == "-0" else text
    mantissa, exponent = text.split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


def log_ticks(low: float, high: float) -> dict:
    """Tick marks 1-2-5 per decade between ``low`` and ``high`` for a log axis (no minor labels)."""
    decades = np.arange(np.floor(np.log10(low)), np.ceil(np.log10(high)) + 1)
    values = (10.0 ** decades[:, None] * np.array([1.0, 2.0, 5.0])).ravel()
    values = values[(values >= low * 0.999) & (values <= high * 1.001)]
    return dict(type="log", tickvals=values, ticktext=[f"{v:g}" for v in values])


def vline(x: float, label: str = "", *, log_x: bool = False, anchor: str = "left") -> tuple:
    """A dotted vertical line at ``x`` (a layout shape) and its optional label (an annotation).

    The label starts at the line (``anchor="left"``) or ends there (``"right"``, for a
    line near the right edge, so the label stays inside the chart).
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
                xanchor=anchor,
                yanchor="top",
                bgcolor="rgba(255,255,255,0.8)",
                font=dict(size=FONT_SIZE - 2),
            )
        )
    return shape, notes


def line(x, y, name: str, color: str, width: float = 4, dash: str = "solid", **extra) -> dict:
    """A line trace as a dict, for ``go.Figure(data=[...])``."""
    return dict(
        type="scatter",
        x=x,
        y=y,
        mode="lines",
        name=name,
        line=dict(color=color, width=width, dash=dash),
        **extra,
    )


# Presentation mode (ui/presenter.py): every font of a chart this much larger, for the back
# row of a lecture hall. Sizes are scaled where they are set (layout, template, traces'
# text fonts), so a builder's own sizes (titles, annotations) grow in proportion.
PRESENTER_SCALE = 1.3


def _scale_fonts(node, scale: float, in_font: bool = False) -> None:
    """Multiply in place every ``size`` of a font dict found under ``node`` (a figure's dict)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if in_font and key == "size" and isinstance(value, int | float):
                node[key] = round(value * scale, 1)
            else:
                _scale_fonts(value, scale, key.endswith("font"))
    elif isinstance(node, list | tuple):
        for item in node:
            _scale_fonts(item, scale)


def _presented(fig: go.Figure, scale: float) -> go.Figure:
    """A copy of ``fig`` with every font ``scale`` times larger (the figure is left as it is).

    The margins grow with the fonts (the title and the legend row above the plot need the
    room) and the height by half as much, so the plot area stays about the same. Fonts set
    per point (an array of sizes) are left alone.
    """
    spec = fig.to_dict()
    _scale_fonts(spec, scale)
    layout = spec.setdefault("layout", {})
    margin = layout.setdefault("margin", {})
    for side in ("l", "r", "t", "b"):
        if isinstance(margin.get(side), int | float):
            margin[side] = round(margin[side] * scale)
    if isinstance(layout.get("height"), int | float):
        layout["height"] = round(layout["height"] * (1 + (scale - 1) / 2))
    return go.Figure(spec)


_PRESENTED: OrderedDict[tuple[int, float], tuple[go.Figure, go.Figure]] = OrderedDict()
_PRESENTED_SIZE = 64
_PRESENTED_LOCK = threading.Lock()


def presented(fig: go.Figure, scale: float = PRESENTER_SCALE) -> go.Figure:
    """``fig`` with every font ``scale`` times larger (``_presented``), kept for the same
    figure object: the builders are memoized, so a rerun at the same inputs draws the same
    figure, and copying one with its animation frames costs 50-100 ms.

    The cache holds the figure itself beside its copy, so an id is never reused while
    cached; the 64 most recent are kept.
    """
    key = (id(fig), scale)
    with _PRESENTED_LOCK:
        hit = _PRESENTED.get(key)
        if hit is not None and hit[0] is fig:
            _PRESENTED.move_to_end(key)
            return hit[1]
    shown = _presented(fig, scale)
    with _PRESENTED_LOCK:
        _PRESENTED[key] = (fig, shown)
        while len(_PRESENTED) > _PRESENTED_SIZE:
            _PRESENTED.popitem(last=False)
    return shown


# The Play of a one-dimensional sweep (client-side: Plotly frames, no server round trip).
FRAME_MS = 20  # a frame is due 20 ms after the last: on the 2nd paint at 60 Hz (30 a second)
_STILL = dict(mode="immediate", transition=dict(duration=0), frame=dict(duration=0, redraw=False))


def play_controls(names: list[str], index: int, symbol: str, *, y: float, bar_y: float) -> dict:
    """Layout of a Play: ``▶ Play`` / ``❚❚ Pause`` buttons and a scrub bar over frames ``names``.

    Play runs the frames from the first to the last and back to frame ``index`` (the
    slider's value), so it ends where the page's numbers are; the scrub bar starts at
    ``index`` and shows ``symbol = <name>``. Frames only restyle scatter traces
    (``redraw`` False) and ask the server nothing. ``y`` (the buttons) and ``bar_y`` (the
    scrub bar, a row of its own, full width) are their tops, in paper units.
    """
    order = [*range(len(names)), *range(len(names) - 2, index - 1, -1)]
    play = dict(_STILL, frame=dict(duration=FRAME_MS, redraw=False), fromcurrent=False)
    buttons = [
        dict(label="▶ Play", method="animate", args=[[names[i] for i in order], play]),
        dict(label="❚❚ Pause", method="animate", args=[[None], _STILL]),
    ]
    menu = dict(
        type="buttons", direction="left", showactive=False, buttons=buttons, x=0.0,
        xanchor="left", y=y, yanchor="top", pad=dict(t=0, r=12), font=dict(size=18),
    )  # fmt: skip
    steps = [dict(method="animate", label=name, args=[[name], _STILL]) for name in names]
    slider = dict(
        active=index, steps=steps, x=0.0, len=1.0, y=bar_y, yanchor="top", pad=dict(t=0, b=0),
        currentvalue=dict(
            prefix=f"{symbol} = ", font=dict(size=20, color="#222222"), xanchor="right",
            offset=12,
        ),
        font=dict(color="rgba(0, 0, 0, 0)"), ticklen=0, minorticklen=0,
    )  # fmt: skip
    return dict(updatemenus=[menu], sliders=[slider])
