"""3D charts that keep their WebGL scene when the figure changes.

``st.plotly_chart`` mounts a new chart whenever its figure changes (docs/streamlit.md,
"Speed"), and for a 3D chart that means a new WebGL scene on every key press: about
0.4 s before a single surface is drawn. This module draws 3D figures with a small
Streamlit component (``st.components.v2``) whose JavaScript calls ``Plotly.react`` on
the same plot, so plotly.js updates the traces inside the scene it already has. The
loss-surfaces figure at defaults: 0.92 s drawn fresh, 0.31 s updated in place
(``bench/surfaces.py --browser``, headless Chromium).

plotly.js is the copy plotly.py ships (the version its figures are written for),
served by Streamlit's static file serving (``server.enableStaticServing``) from
``static/plotly.min.js`` beside app.py: ``serve_plotly_js`` copies it there when the
app starts. Nothing is fetched from outside the machine. When the copy cannot be
made (a read-only install), ``available()`` is False and 3D charts fall back to
``st.plotly_chart``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import plotly
import streamlit as st

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "static"  # Streamlit serves this folder (next to app.py) at /app/static/
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
SERVED = STATIC / "plotly.min.js"
URL = "/app/static/plotly.min.js"

# Loads plotly.js once per browser tab with a <script> tag and keeps it as
# window.__lfePlotly: plotly.py's bundle is a UMD script, which names its global
# ``moduleName`` when no module system is present. Streamlit's own charts put another
# plotly.js (its bundled version) at window.Plotly, so that name is never used here: the
# figures are drawn by the plotly.js they were written for. Shared with ui/live_chart.py.
PLOTLY_LOADER_JS = (
    r"""
const PLOTLY_URL = "__URL__";
function plotlyJs() {
  if (window.__lfePlotly) return Promise.resolve(window.__lfePlotly);
  if (!window.__lfePlotlyLoading) {
    window.__lfePlotlyLoading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = PLOTLY_URL;
      script.onload = () => {
        window.__lfePlotly = window.moduleName;
        resolve(window.__lfePlotly);
      };
      script.onerror = () => reject(new Error("plotly.js is not served at " + PLOTLY_URL));
      document.head.appendChild(script);
    });
  }
  return window.__lfePlotlyLoading;
}
const CONFIG = {responsive: true, displaylogo: false};
"""
).replace("__URL__", URL)

# The renderer Streamlit calls on mount and on every new figure for the same key: the
# first Plotly.react builds the plot, later ones update it in place. Unmounting (leaving
# the page) purges the plot, which frees its WebGL context.
_JS = (
    PLOTLY_LOADER_JS
    + r"""
export default function ({ parentElement, data }) {
  let plot = parentElement.querySelector(".lfe-scene > div");
  if (plot === null) {
    const chart = document.createElement("div");
    chart.className = "lfe-scene";  // the chart element, as stPlotlyChart is for a 2D chart
    plot = document.createElement("div");
    chart.appendChild(plot);
    parentElement.appendChild(chart);
  }
  const figure = JSON.parse(data);
  plotlyJs().then((Plotly) => Plotly.react(plot, figure.data, figure.layout, CONFIG));
  return () => {
    if (window.__lfePlotly) window.__lfePlotly.purge(plot);
  };
}
"""
)

_component = st.components.v2.component("lfe_scene_chart", js=_JS, isolate_styles=False)


def serve_plotly_js() -> bool:
    """Put plotly.py's plotly.min.js in ``static/`` unless an identical copy is there.

    Atomic (written beside it, then renamed), so app processes starting together behind
    HAProxy never serve half a file. Returns whether the file is there to serve.
    """
    try:
        if SERVED.exists() and SERVED.stat().st_size == PLOTLY_JS.stat().st_size:
            return True
        STATIC.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=STATIC, delete=False, suffix=".tmp") as part:
            with open(PLOTLY_JS, "rb") as source:
                shutil.copyfileobj(source, part)
        os.replace(part.name, SERVED)
        return True
    except OSError:
        return False


SERVING = serve_plotly_js()  # once per process, when a page first draws a chart


def available() -> bool:
    """Whether 3D charts can be drawn by the component (plotly.js is in ``static/``)."""
    return SERVING


def is_3d(fig) -> bool:
    """Whether the figure draws in a WebGL scene (any trace of a 3D type)."""
    return any(trace.type in {"surface", "mesh3d", "scatter3d"} for trace in fig.data)


def scene_chart(where, fig, *, key: str) -> None:
    """Draw the 3D ``fig`` in ``where`` (``st`` or a container), updated in place."""
    if where is st:
        _component(key=key, data=fig.to_json())
        return
    with where:
        _component(key=key, data=fig.to_json())
