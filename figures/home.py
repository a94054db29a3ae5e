"""Figures of the home page: the lecture's batch flowing through scores, loss and updates.

Both charts sit side by side in columns as narrow as 290 px (1280 px screen, sidebar open):
titles are short, and every label keeps at least 14 px.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.memo import memoize
from figures.theme import POSITIVE, base_layout, class_color, number_text, vline

MEMO_SIZE = 16  # figures kept per builder (core.memo: shared, never mutated)
HEIGHT = 400  # px: with the title and intro, both charts fit a 720 px high screen
BAR_TEXT_SIZE = 15
MAX_LABELLED = 1e4  # larger scores (a diverged run) are read off the axis, not bar labels


def steps_text(steps: int) -> str:
    """``1 step``, ``3 steps``."""
    return f"{steps} step" if steps == 1 else f"{steps} steps"


def step_ticks(last: int) -> dict:
    """Whole-step ticks (never 0.5), at most about 6 of them: 1, 2, 5 or 10 apart."""
    dtick = next((d for d in (1, 2, 5) if last <= 5 * d), 10 * int(np.ceil(last / 50)))
    return dict(tick0=0, dtick=dtick)


@memoize(MEMO_SIZE)
def scores_before_after(
    before: np.ndarray,
    after: np.ndarray,
    labels: np.ndarray,
    class_names: tuple[str, ...],
    image_names: tuple[str, ...],
    steps: int,
) -> go.Figure:
    """Grouped bars of each image's class scores at the start (faded) and after ``steps`` updates.

    ``before`` and ``after`` are ``(N, K)``; the correct class of each image is
    outlined in black, so a student sees its bar grow relative to the others.
    The bars after training carry their value (1 decimal) unless a score reaches
    ``MAX_LABELLED`` (a diverged run); the axis then writes powers of ten.
    """
    images = list(image_names)
    labelled = bool(np.all(np.abs(after) < MAX_LABELLED))
    traces = []
    for k, name in enumerate(class_names):
        outline = dict(width=np.where(labels == k, 3.0, 0.0), color="black")
        common = dict(type="bar", x=images, offsetgroup=str(k), legendgroup=name, showlegend=False)
        traces.append(dict(
            common, y=before[:, k], name=f"{name} (start)",
            marker=dict(color=class_color(k), opacity=0.35, line=outline),
            hovertemplate=f"{name} score at start: %{{y:.3f}}<extra></extra>",
        ))  # fmt: skip
        label = (
            dict(text=[f"{v:.1f}" for v in after[:, k]], textposition="outside",
                 constraintext="none", cliponaxis=False, textfont=dict(size=BAR_TEXT_SIZE))
            if labelled else {}
        )  # fmt: skip
        traces.append(dict(
            common, y=after[:, k], name=name, width=0.12,
            marker=dict(color=class_color(k), line=outline), **label,
            hovertemplate=f"{name} score after {steps_text(steps)}: %{{y:.4g}}<extra></extra>",
        ))  # fmt: skip
        # The legend swatch copies a trace's first bar, whose outline marks a
        # correct class; a plain square per class keeps the legend neutral.
        traces.append(dict(
            type="scatter", x=[None], y=[None], mode="markers", name=name, legendgroup=name,
            marker=dict(symbol="square", size=16, color=class_color(k)),
        ))  # fmt: skip
    layout = base_layout(
        title=f"Scores: start → after {steps_text(steps)}",
        x_title="image (outline: correct class)",
        y_title="score s = Wx + b",
        height=HEIGHT,
    )
    layout["yaxis"].update(exponentformat="power")
    layout["margin"].update(t=95, b=60)
    return go.Figure(data=traces, layout=dict(layout, barmode="group", bargap=0.25))


@memoize(MEMO_SIZE)
def loss_curve(history: np.ndarray, diverged_from: int | None = None) -> go.Figure:
    """The batch loss before each gradient step and after the last; shape ``(steps + 1,)``.

    ``diverged_from`` (``core.pages.home.Divergence.started``): the step from which
    the loss kept rising. The curve is drawn in the "bad" colour from there, the
    step is marked, and a loss that spans more than two decades gets a log axis.
    A loss that overflowed (``inf`` / ``NaN``) ends the curve at its last finite value.
    """
    finite = np.isfinite(history)
    shown = int(np.argmin(finite)) if not finite.all() else history.shape[0]
    steps = np.arange(history.shape[0])
    x, y = steps[:shown], history[:shown]
    hover = "step %{x}: L = %{y:.4g}<extra></extra>"

    def part(lo: int, hi: int, name: str, color: str) -> dict:
        return dict(
            type="scatter", x=x[lo:hi], y=y[lo:hi], mode="lines+markers", name=name,
            line=dict(width=4, color=color), marker=dict(size=9), hovertemplate=hover,
        )  # fmt: skip

    shapes, notes = [], []
    if diverged_from is None:
        data = [part(0, shown, "loss L", class_color(0))]
    else:
        start = min(diverged_from, shown - 1)
        data = [part(0, start + 1, "loss L", class_color(0))] if start > 0 else []
        data.append(part(start, shown, "diverging", POSITIVE))
        right_half = start > steps[-1] / 2
        label = f" rising from step {start} " if start else " rising from the start "
        shape, notes = vline(start, label, anchor="right" if right_half else "left")
        shapes = [shape]
    last = float(y[-1])
    positive = y[y > 0]
    log_axis = (
        diverged_from is not None
        and positive.size == y.size
        and positive.max() > 100 * positive.min()
    )
    drawn = np.log10(y) if log_axis else y  # the curve as plotted
    end_text = f"L = {number_text(last)}"
    if shown < history.shape[0]:
        end_text = f"L = ∞ from step {shown}"
    # The label sits left of the last point, level with it: a falling curve passes above
    # it, a rising one below. Where the curve ends flat (a loss of 0), it goes above.
    back = drawn[max(0, drawn.size - 1 - max(1, drawn.size // 5))]
    flat = abs(back - drawn[-1]) <= 0.1 * (np.ptp(drawn) or 1.0)
    notes = [*notes, dict(
        x=x[-1], y=float(drawn[-1]), text=end_text, showarrow=True, arrowhead=2,
        xanchor="right", ax=-25, ay=-40 if flat else 0, font=dict(size=18),
        bgcolor="rgba(255,255,255,0.85)",
    )]  # fmt: skip
    layout = base_layout(
        title="Batch loss L", x_title="gradient step", y_title="loss L", height=HEIGHT
    )
    layout["margin"].update(t=60, b=60)
    layout["xaxis"].update(step_ticks(int(steps[-1])))
    layout["xaxis"].update(range=[-0.04 * max(1, steps[-1]), steps[-1] * 1.04 + 0.04])
    if log_axis:  # annotations on a log axis are in log10 units, as drawn[-1] is
        layout["yaxis"].update(type="log", exponentformat="power", nticks=6)
    return go.Figure(
        data=data, layout=dict(layout, annotations=notes, shapes=shapes, showlegend=False)
    )
