"""The browser benchmark's floor: one slider and one Plotly line chart, nothing else.

Served by ``bench/browser.py`` with ``streamlit run bench/minimal_app.py``; not a
page of the app (not in ``views/``, not registered in ``app.py``). The line has
200 points whose values depend on the slider, about the size of a chart in the app.

``?extra=N`` (0 to 100) adds N small elements below the chart, alternately a formula
and a line of text, each showing the slider's value: the same floor at the size of an
app page (40 to 75 elements re-rendered per press), to tell the framework's cost of a
page's size apart from the cost of what the page computes. With ``&fragment=1`` the
slider and chart are an ``st.fragment`` and the N elements stay still: what a page
whose sections are fragments would cost per press. ``?bind=1`` binds the slider to
the URL (``bind="query-params"``), as every control of the app is: the framework's
floor for a control whose value lives in the link. ``?shell=1`` puts the slider and
line in the app's frame (``in_the_apps_shell``).

``?replay=<name>`` draws, instead of the line, an app page's own chart: the figures
``bench/browser.py --same-chart`` recorded (with AppTest) at successive values of that
page's slider, in ``$BENCH_REPLAY_DIR/<name>.json``; the slider's value picks one. What
that chart alone costs per press on a bare page, apart from the rest of its page.
"""

import json
import os
import re
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import streamlit as st

X = np.linspace(0.0, 4.0 * np.pi, 200)


@st.cache_resource
def replayed_figures(name: str) -> list[go.Figure]:
    """The figures recorded for ``name`` (built once, so a press costs what the app's does)."""
    path = Path(os.environ["BENCH_REPLAY_DIR"]) / f"{name}.json"
    return [go.Figure(json.loads(spec)) for spec in json.loads(path.read_text())]


def figure(phase: int) -> go.Figure:
    """The replayed chart for this phase, or the floor's line."""
    name = st.query_params.get("replay", "")
    if re.fullmatch(r"[a-z_]+", name) and "BENCH_REPLAY_DIR" in os.environ:
        figures = replayed_figures(name)
        return figures[phase % len(figures)]
    y = np.sin(X + 0.1 * phase) * np.exp(-0.05 * X)
    return go.Figure(data=[dict(type="scatter", x=X, y=y, mode="lines")], layout=dict(height=460))


def slider_and_chart() -> int:
    """The slider and the line it moves; returns the slider's value."""
    bound = {"key": "phase", "bind": "query-params"} if BIND else {}
    phase = st.slider("Phase", min_value=0, max_value=100, value=0, step=1, **bound)
    st.plotly_chart(figure(phase), key="minimal_chart", theme=None)
    return phase


def extra_elements(count: int, phase: int) -> None:
    """``count`` small elements, alternately a formula and a line of text."""
    for i in range(count):
        if i % 2:
            st.markdown(f"Line {i}: the phase is **{phase}**, times {i} is {phase * i}.")
        else:
            st.latex(rf"x_{{{i}}} = \sin({phase} \cdot {i}) = {np.sin(phase * i):.4f}")


def in_the_apps_shell() -> None:
    """The floor inside the app's frame: an ``st.navigation`` of 11 pages in the sidebar,
    the slider URL-bound, slider and chart a fragment that also rewrites a link box in the
    sidebar (as ``ui.controls.fragment`` does). What a page whose main section is only a
    slider and a chart costs per press in this app, before any content of its own."""
    box = st.sidebar.empty()

    def floor_page() -> None:
        def section() -> None:
            phase = slider_and_chart()
            box.code(f"http://127.0.0.1/?shell=1&phase={phase}", language=None)

        st.fragment(section)()

    def other_page() -> None:
        st.write("another page")

    pages = [st.Page(floor_page, title="Floor", url_path="floor", default=True)]
    pages += [st.Page(other_page, title=f"Page {i}", url_path=f"page{i}") for i in range(1, 11)]
    st.navigation({"Pages": pages}).run()


SHELL = st.query_params.get("shell") == "1"
BIND = SHELL or st.query_params.get("bind") == "1"
try:
    extra = min(max(int(st.query_params.get("extra", "0")), 0), 100)
except ValueError:
    extra = 0
if SHELL:
    in_the_apps_shell()
elif st.query_params.get("fragment") == "1":
    st.fragment(slider_and_chart)()
    extra_elements(extra, 0)
else:
    extra_elements(extra, slider_and_chart())
