"""figures/live.py: a frame turns the figure shown into the neighbouring one, exactly, and
carries only what differs (the browser rebuilds each neighbour from it)."""

from __future__ import annotations

import plotly.graph_objects as go
from hypothesis import given
from hypothesis import strategies as st

from figures.live import compose, figure_json, fingerprint, frame, json_size

_values = st.one_of(
    st.integers(-5, 5), st.text(max_size=3), st.lists(st.integers(0, 3), max_size=3)
)
_traces = st.lists(st.dictionaries(st.sampled_from("xyz"), _values, max_size=3), max_size=4)
_layouts = st.dictionaries(st.sampled_from(["title", "shapes", "height", "xaxis"]), _values)
_figures = st.builds(lambda data, layout: {"data": data, "layout": layout}, _traces, _layouts)


@given(_figures, _figures)
def test_composing_a_frame_gives_the_other_figure(shown: dict, other: dict) -> None:
    assert compose(shown, frame(shown, other)) == other


@given(_figures)
def test_a_frame_between_equal_figures_is_empty(shown: dict) -> None:
    step = frame(shown, shown)
    assert step["data"] == {} and step["layout"] == {} and step["drop"] == []


def test_a_frame_carries_only_the_moved_marker_and_the_title() -> None:
    def figure(x: float) -> dict:
        return figure_json(
            go.Figure(
                [go.Scatter(x=list(range(50)), y=list(range(50))), go.Scatter(x=[x], y=[x])],
                layout={"title": {"text": f"at {x}"}, "height": 400},
            )
        )

    shown, other = figure(1.0), figure(2.0)
    step = frame(shown, other)
    assert set(step["data"]) == {"1"} and set(step["layout"]) == {"title"}
    assert len(str(step)) < len(str(other)) / 3  # the long curve is not sent again


def test_fingerprints_tell_figures_apart_and_ignore_key_order() -> None:
    assert fingerprint({"a": 1, "b": [1, 2]}) == fingerprint({"b": [1, 2], "a": 1})
    assert fingerprint({"a": 1}) != fingerprint({"a": 2})


def test_json_size_is_about_the_length_of_the_figures_json() -> None:
    import numpy as np

    fig = go.Figure(
        [go.Heatmap(z=np.arange(3600.0).reshape(60, 60)), go.Scatter(x=[1, 2], y=[3, 4])],
        layout={"title": {"text": "regions"}},
    )
    text = fig.to_json()
    assert 0.9 * len(text) <= json_size(figure_json(fig)) <= 1.1 * len(text)
