"""figures.theme.presented: presentation mode's charts, every font larger, nothing else changed."""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go
import pytest

from figures import theme


def decode(value) -> np.ndarray:
    """An array as ``to_dict`` gives it back (``{dtype, bdata}``, base64), decoded.

    (Not tests.apptest_utils.decode: importing Streamlit's test harness makes its own
    Plotly template the default, and this module checks the app's.)
    """
    if not isinstance(value, dict):
        return np.asarray(value)
    return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))


def _figure() -> go.Figure:
    theme.use_as_default()  # as before every page run (a module importing Streamlit resets it)
    layout = theme.base_layout(title="A title", x_title="x", y_title="y", height=400)
    layout["annotations"] = [dict(text="note", x=0, y=0, font=dict(size=14))]
    return go.Figure(
        data=[
            go.Bar(x=["a", "b"], y=[1.0, 2.0], text=["1", "2"], textfont=dict(size=16)),
            go.Scatter(x=[0, 1, 2], y=[0, 1, 0], mode="markers+text", text=["p", "q", "r"],
                       textfont=dict(size=np.array([10.0, 12.0, 14.0]))),
        ],
        layout=layout,
    )  # fmt: skip


def test_every_font_size_grows_by_the_scale_the_title_the_template_and_trace_text() -> None:
    fig = _figure()
    shown = theme.presented(fig, 1.5)
    assert shown.layout.title.font.size == pytest.approx(theme.TITLE_SIZE * 1.5)
    assert shown.layout.annotations[0].font.size == pytest.approx(21)
    assert shown.data[0].textfont.size == pytest.approx(24)
    template = shown.layout.template.layout
    assert template.font.size == pytest.approx(theme.FONT_SIZE * 1.5)
    assert template.xaxis.tickfont.size == pytest.approx(theme.FONT_SIZE * 1.5)
    assert template.xaxis.title.font.size == pytest.approx((theme.FONT_SIZE + 2) * 1.5)


def test_margins_grow_with_the_fonts_and_the_height_by_half_as_much() -> None:
    fig = _figure()
    shown = theme.presented(fig, 1.4)
    for side in "lrtb":
        assert shown.layout.margin[side] == round(fig.layout.margin[side] * 1.4)
    assert shown.layout.height == round(400 * 1.2)


def test_the_figure_shown_normally_and_its_data_are_left_as_they_were() -> None:
    fig = _figure()
    before = fig.to_json()
    shown = theme.presented(fig)
    assert fig.to_json() == before  # the chart-data download keeps the figure as built
    # per-point sizes are data, not a font setting to scale
    # (arrays come back base64-encoded, as Plotly sends them to the browser)
    np.testing.assert_array_equal(decode(shown.data[1].textfont.size), [10.0, 12.0, 14.0])
    np.testing.assert_array_equal(decode(shown.data[0].y), fig.data[0].y)
    assert shown.data[1].text == fig.data[1].text


def test_the_same_figure_is_enlarged_once_and_a_new_one_anew() -> None:
    """A rerun at the same inputs draws the same (memoized) figure: it is not copied again."""
    fig = _figure()
    first = theme.presented(fig)
    assert theme.presented(fig) is first
    other = _figure()
    assert theme.presented(other) is not first
    assert theme.presented(fig, 2.0) is not first  # another scale, another copy
