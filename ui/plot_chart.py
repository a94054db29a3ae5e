"""The app's charts, drawn by its own plotly.js: one copy per browser tab, updated in place.

Every chart that does not follow a slider (``ui/live_chart.py`` draws those) is drawn by
a small Streamlit component (``st.components.v2``) whose JavaScript calls
``Plotly.react`` on the same plot, for two reasons:

- **One plotly.js per tab.** ``st.plotly_chart`` loads Streamlit's own plotly.js bundle
  (4.7 MB); the live charts need plotly.py's copy (the version its figures are written
  for, 4.8 MB). A page with both kinds of chart parsed both on its first load, about
  0.5 to 1 s more in headless Chromium (docs/streamlit.md, "First load"). With every
  chart drawn here, Streamlit's bundle is never requested.
- **In place.** ``st.plotly_chart`` mounts a new chart whenever its figure changes, and
  for a 3D chart that means a new WebGL scene on every key press: about 0.4 s before a
  single surface is drawn. ``Plotly.react`` updates the traces inside the scene it has.
  The loss-surfaces figure at defaults: 0.92 s drawn fresh, 0.31 s updated in place
  (``bench/surfaces.py --browser``, headless Chromium).

A figure's Plotly frames (a sweep's Play) go to ``Plotly.react`` with it, so its Play
and scrub buttons animate as in ``st.plotly_chart``. plotly.js is served by Streamlit's
static file serving (``server.enableStaticServing``) from ``static/plotly.min.js`` beside
app.py: ``serve_plotly_js`` copies it there when the app starts. Nothing is fetched from
outside the machine. When the copy cannot be made (a read-only install), ``available()``
is False and charts fall back to ``st.plotly_chart``.
"""

from __future__ import annotations

import hashlib
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
# figures are drawn by the plotly.js they were written for.
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
// A mode-bar button that shows the chart alone on the whole screen, for a lecturer at a
// projector (st.plotly_chart's toolbar had one; a component has no toolbar). Esc leaves.
const FULL_SCREEN = {
  name: "fullscreen",
  title: "Full screen (Esc to leave)",
  icon: {width: 1000, height: 1000, path: "M0 0h400v120H120v280H0zM600 0h400v400H880V120H600z"
    + "M0 600h120v280h280v120H0zM880 600h120v400H600V880h280z"},
  click: (plot) => {
    const chart = plot.closest(".lfe-chart");
    if (document.fullscreenElement === chart) document.exitFullscreen();
    else chart.requestFullscreen();
  },
};
// plotly.js 3 shows a "Share chart..." button by default, which uploads the chart to Plotly
// Cloud: nothing leaves the machine here (showSendToCloud: false removes it).
const CONFIG = {
  responsive: true, displaylogo: false, showSendToCloud: false,
  modeBarButtonsToAdd: [FULL_SCREEN],
};
"""
).replace("__URL__", URL)

# The renderer Streamlit calls on mount and whenever the data changes, for every chart.
# ``data`` is the JSON text of {figure, print, sliders, frames}: the figure with its
# fingerprint and, for a chart that follows sliders (ui/live_chart.py), the sliders' values
# and the frames at their neighbouring values (none for any other chart). State lives on
# the element, which Streamlit keeps while the chart's key stays on the page: the figure
# shown (by fingerprint), the frames of the latest data; one observer on the page draws
# the frames when a slider moves. The first Plotly.react builds the plot, later ones update
# it in place (a 3D scene is not rebuilt, nor its surfaces when only a path moves); a
# figure's own Plotly frames (a sweep's Play) go with it. Until plotly.js has drawn, the
# element keeps the figure's height, so nothing below it jumps when it appears; a change of
# the element's width (a tab shown, the sidebar folded) resizes the plot. Unmounting
# (leaving the page) purges the plot, which frees a 3D chart's WebGL context.
_JS = (
    PLOTLY_LOADER_JS
    + r"""
// The layout a frame makes: the shown figure's, less the keys it drops, plus its own.
function frameLayout(shown, step) {
  const layout = {};
  for (const [k, v] of Object.entries(shown.layout)) {
    if (!step.drop.includes(k)) layout[k] = v;
  }
  return Object.assign(layout, step.layout);
}
// What a chart's update costs the browser, in three ranks: 0 lines and bars, 1 a 2D chart
// with an image (heatmap, contour: redrawn on every update), 2 a 3D (WebGL) scene.
const GL3D = new Set(["scatter3d", "surface", "mesh3d", "cone", "streamtube", "isosurface",
  "volume"]);
const IMAGES = new Set(["heatmap", "contour", "image", "histogram2d", "histogram2dcontour"]);
function costOf(figure) {
  if (figure.data.some((trace) => GL3D.has(trace.type))) return 2;
  return figure.data.some((trace) => IMAGES.has(trace.type)) ? 1 : 0;
}
// After the next paint: a task posted from an animation frame callback runs once that frame
// is painted. Where the browser has scheduler.postTask (Chromium), it is posted as
// user-blocking, so it runs before the tasks queued already: after an η press, Streamlit's
// re-render and timers held the 3D chart back by 10-30 ms (bench/browser.py: η to the 3D
// chart 1.42x the floor with setTimeout, 1.14x with this, in runs taken one after the other).
const soon = (resolve) => (window.scheduler?.postTask
  ? window.scheduler.postTask(resolve, {priority: "user-blocking"}) : setTimeout(resolve, 0));
const afterPaint = () => new Promise((resolve) => {
  requestAnimationFrame(() => soon(resolve));
});
// One observer for the page's sliders, whichever charts follow them. A key press can move
// several charts (the loss surfaces' η: the 3D chart and the 2D maps); each holds the main
// thread while plotly.js updates it, so they are drawn cheapest first, with a paint between:
// the slice's curve before the maps, the maps' paths before the 3D scene. Lines and bars
// (a few ms each) are drawn together; each chart with an image or a 3D scene (25-50 ms) is
// drawn alone, in page order: the limits page's left chart, then a paint, then the right
// one (drawn in one task, the left one showed only once both were drawn: at 100 ms, not
// 50). A chart
// alone on its slider is drawn at once. Streamlit's slider (React Aria) keeps a hidden
// <input type="range"> whose value attribute it sets the moment a key press or a drag moves
// the thumb (it fires no "input" event).
const followers = window.__lfeFollowers ??= new Set();  // the states of charts with sliders
function moveCharts(records) {
  const moves = new Map();  // chart state -> the frame to draw
  for (const record of records) {
    const slider = record.target;
    if (slider.type !== "range") continue;
    for (const chart of followers) {
      for (const name of Object.keys(chart.spec.sliders)) {
        if (!slider.closest(".st-key-" + name)) continue;
        const step = chart.frameFor(name, slider);
        if (step !== null) moves.set(chart, step);
      }
    }
  }
  const charts = [...moves.keys()].sort((a, b) => a.cost - b.cost || pageOrder(a, b));
  let paints = -1;
  charts.forEach((chart, i) => {
    if (i === 0 || chart.cost > 0) paints += 1;  // the lines and bars together, then one each
    chart.drawFrame(moves.get(chart), paints);
  });
}
function pageOrder(a, b) {  // -1 when chart a comes first on the page (above, or to the left)
  return a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}
if (!window.__lfeWatcher) {
  window.__lfeWatcher = new MutationObserver(moveCharts);
  window.__lfeWatcher.observe(document.body, {
    subtree: true, attributes: true, attributeFilter: ["value"],
  });
}
// plotly.js rebuilds every surface of a 3D scene on every Plotly.react, even one whose trace
// object is the one it drew last: the loss-surfaces page's two (51 x 51 points, which
// plotly.js refines to 205 x 205 meshes) cost about 90 ms of the 110 ms an update took, so
// a frame that moves only the descent paths paid for both surfaces (12-20 ms without).
// This skips a surface's rebuild while nothing it is built from has changed: the same input
// trace object (frames pass the drawn ones again, and anything new is a copy), the scene's
// data scale and contour levels. A legend click that hides a surface disposes of it, and
// the one shown again is a new object.
function keepSurfaces(plot) {
  for (const [name, scene] of Object.entries(plot._fullLayout ?? {})) {
    if (!/^scene\d*$/.test(name) || !scene?._scene) continue;
    const gl = scene._scene;
    for (const trace of Object.values(gl.traces ?? {})) {
      if (trace.__lfeKept || trace.data?.type !== "surface") continue;
      if (softwareGl(gl.glplot?.gl)) drawUnrefined(trace);
      const rebuild = trace.update;
      const source = (full) => [full._input, JSON.stringify([gl.dataScale, gl.contourLevels])];
      let built = source(trace.data);  // what the draw just made it from
      trace.update = function (full) {
        const from = source(full);
        if (built[0] === from[0] && built[1] === from[1]) {
          this.data = full;  // as update does: hover and picking read the trace's data
          return;
        }
        built = from;
        return rebuild.call(this, full);
      };
      trace.__lfeKept = true;
    }
  }
}
// A frame that only moves 2D lines and dots (the descents on the gradient maps) is drawn by
// Plotly.animate without a transition: it redraws those traces alone, where Plotly.react
// redraws the whole chart (heatmaps, colour bar, legend, axes): for the maps' two 301-step
// descents, 33 ms to painted against 55-70 ms, and the 3D scene drawn after them starts
// that much sooner (keepLayers, below, keeps the heatmaps). Only when nothing else could
// differ: the same layout (``sameLayout``) on fixed axes (animate does not autorange), and
// every trace that changes a plain scatter trace (no text, fill or error bars, which it
// draws apart) with the same legend entry. The new trace objects take their slots in the
// plot's data, and animate redraws them from there: animate's own data would be merged
// into the drawn objects, the frames' base among them.
const MOVABLE = ["type", "mode", "name", "showlegend", "legendgroup", "visible", "xaxis",
  "yaxis", "fill", "error_x", "error_y", "text", "texttemplate"];
function movable(drawn, next) {
  if (drawn === undefined || (next.type ?? "scatter") !== "scatter") return false;
  if (/text/.test(next.mode ?? "") || (next.fill ?? "none") !== "none") return false;
  if (next.error_x || next.error_y) return false;
  return MOVABLE.every((key) => JSON.stringify(drawn[key]) === JSON.stringify(next[key]));
}
async function movedInPlace(Plotly, plot, data, sameLayout) {
  const full = plot._fullLayout;
  if (!sameLayout || !Array.isArray(plot.data) || plot.data.length !== data.length || !full) {
    return false;
  }
  const axes = Object.keys(full).filter((key) => /^[xy]axis\d*$/.test(key));
  if (axes.length === 0 || axes.some((key) => full[key].autorange !== false)) return false;
  const moved = data.flatMap((trace, i) => (trace === plot.data[i] ? [] : [i]));
  if (moved.length === 0) return true;
  if (!moved.every((i) => movable(plot.data[i], data[i]))) return false;
  for (const i of moved) plot.data[i] = data[i];
  const restore = keepLayers(plot);
  try {
    await Plotly.animate(plot, {data: moved.map(() => ({})), traces: moved}, {
      mode: "immediate", transition: {duration: 0}, frame: {duration: 0, redraw: false},
    });
  } finally {
    restore();
  }
  return true;
}
// Plotly.animate draws each subplot with the moved traces alone, and removes the layers of
// the traces it was not given (the maps' heatmaps: an animated heatmap is not a thing in
// plotly.js). Each removed layer is put back where it was at once: a MutationObserver's
// callback runs before the browser paints, so no frame shows the chart without it.
// Returns the function that stops this (after it put back anything still missing).
function keepLayers(plot) {
  const holders = Object.values(plot._fullLayout._plots ?? {})
    .map((subplot) => subplot.plot?.node?.()).filter(Boolean)
    .map((holder) => [holder, [...holder.children]]);
  const putBack = () => {
    for (const [holder, layers] of holders) {
      layers.forEach((layer, i) => {
        if (layer.parentNode === holder) return;
        const next = layers.slice(i + 1).find((other) => other.parentNode === holder);
        holder.insertBefore(layer, next ?? null);
      });
    }
  };
  const watcher = new MutationObserver(putBack);
  for (const [holder] of holders) watcher.observe(holder, {childList: true});
  return () => {
    watcher.disconnect();
    putBack();
  };
}
// plotly.js refines every surface's grid to 120 points or more per axis, by a power of two,
// for smooth shading (the loss surfaces' 51 x 51 become 205 x 205 meshes). A GPU draws that
// in a few ms. A machine without one (or with its GPU blocklisted) draws WebGL in software
// (SwiftShader, llvmpipe): there a render of the loss surfaces took 250-280 ms refined and
// 115 ms not (the limits page's lifted plane 150-180 and 83), and the two screenshots
// differ in 328 pixels of 388 000 (grid lines where they cross). There, surfaces are drawn
// on the grid the server computed: the surface class's update (shared by every surface in
// the tab) turns refinement off, and a surface already built refined is rebuilt once,
// before its next render.
const SOFTWARE_GL = /SwiftShader|llvmpipe|softpipe|software/i;
function softwareGl(context) {
  if (window.__lfeSoftwareGl === undefined && context) {
    const info = context.getExtension("WEBGL_debug_renderer_info");
    const renderer = context.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : context.RENDERER);
    window.__lfeSoftwareGl = SOFTWARE_GL.test(String(renderer));
  }
  return window.__lfeSoftwareGl === true;
}
function drawUnrefined(trace) {
  const surface = Object.getPrototypeOf(trace);
  if (!surface.__lfeUnrefined) {
    const update = surface.update;
    surface.update = function (full) {
      this.refineData = false;  // as plotly.js does for a grid above 720 points an axis
      this.dataScaleX = this.dataScaleY = 1;  // hover reads the grid index through these
      return update.call(this, full);
    };
    surface.__lfeUnrefined = true;
  }
  if (trace.dataScaleX !== 1 || trace.dataScaleY !== 1) trace.update(trace.data);
}
export default function ({ parentElement, data }) {
  const spec = JSON.parse(data);
  let chart = parentElement.querySelector(".lfe-chart");
  if (chart === null) {
    chart = document.createElement("div");
    chart.className = "lfe-chart";  // the chart element, as stPlotlyChart is for st.plotly_chart
    chart.style.minHeight = `${spec.figure.layout.height ?? 450}px`;  // until it is drawn
    chart.appendChild(document.createElement("div"));
    parentElement.appendChild(chart);
  }
  const plot = chart.firstChild;
  const state = parentElement.__lfeChart ??= {
    shown: null, base: [], queue: Promise.resolve(), pending: 0,
  };
  state.spec = spec;
  state.element = parentElement;  // where it is on the page (pageOrder)
  state.cost = costOf(spec.figure);
  // Draws run one after the other, once plotly.js is loaded; while any is waiting, the
  // chart element has a data-drawing attribute (tests wait for it to go).
  const enqueue = (work) => {
    state.pending += 1;
    chart.setAttribute("data-drawing", "");
    state.queue = state.queue.then(plotlyJs).then(work).catch((error) => console.error(error))
      .finally(() => {
        state.pending -= 1;
        if (state.pending === 0) chart.removeAttribute("data-drawing");
      });
  };
  // Full screen (the mode-bar button): the plot takes the whole screen while there.
  const full = () => document.fullscreenElement === chart;
  const screen = () => ({width: chart.clientWidth, height: window.innerHeight});
  const fitted = (layout) => (full() ? {...layout, ...screen()} : layout);
  // The server's figure, unless the plot shows it already (a frame drew it). Either way,
  // the trace objects drawn for it become the base: a frame passes them again for the
  // traces it leaves alone, which tells plotly.js (and keepSurfaces, for a 3D surface)
  // that they did not change. Plotly.react keeps and annotates what it is given, so
  // anything new is drawn from a copy.
  if (state.shown !== spec.print) {
    state.shown = state.latest = spec.print;
    const copy = structuredClone(spec.figure);
    const text = JSON.stringify(copy.layout);  // before plotly.js annotates it
    enqueue((Plotly) => Plotly.react(plot, {
      ...copy, layout: fitted(copy.layout), config: CONFIG,
    }).then(() => {
      state.drawnLayout = text;  // what movedInPlace compares a frame's layout with
      chart.style.minHeight = "";  // drawn: the plot's own height from now on
      keepSurfaces(plot);
    }));
  }
  if (!state.resizer) {  // plotly.js resizes with the window only; a hidden tab has no width
    let width = 0;
    state.resizer = new ResizeObserver(([entry]) => {
      const now = Math.round(entry.contentRect.width);
      if (now > 0 && now !== width) {  // the first width too: drawn hidden, it had none
        enqueue((Plotly) => plot.data && Plotly.Plots.resize(plot));
      }
      width = now;
    });
    state.resizer.observe(chart);
  }
  if (!chart.__lfeFullScreen) {  // once per element (it outlives a purge and a remount)
    chart.__lfeFullScreen = true;
    chart.addEventListener("fullscreenchange", () => enqueue((Plotly) => plot.data
      && Plotly.relayout(plot, full() ? screen() : {  // back: the column's width, its height
        width: chart.clientWidth, height: state.spec.figure.layout.height ?? null,
      })));
  }
  enqueue(() => { state.base = plot.data.slice(); });
  // Draws a frame after ``paints`` paints (moveCharts: the cheaper charts first).
  state.drawFrame = (step, paints) => {
    if (state.shown === step.print) return;
    state.shown = state.latest = step.print;
    const figure = state.spec.figure;
    const layout = structuredClone(frameLayout(figure, step));
    enqueue(async (Plotly) => {
      for (let i = 0; i < paints; i++) await afterPaint();
      if (state.latest !== step.print) return;  // a later frame or figure is queued: skip
      const data = [];
      for (let i = 0; i < step.count; i++) {
        const changed = step.data[String(i)];
        data.push(changed !== undefined ? structuredClone(changed)
          : state.base[i] ?? structuredClone(figure.data[i]));
      }
      const text = JSON.stringify(layout);
      if (!await movedInPlace(Plotly, plot, data, text === state.drawnLayout)) {
        await Plotly.react(plot, data, fitted(layout), CONFIG);
        keepSurfaces(plot);
      }
      state.drawnLayout = text;
    });
  };
  // A frame moves one slider; it is right only while every other slider still shows the
  // value the server drew with (else the server's answer is awaited).
  const rangeOf = (name) => document.querySelector(`.st-key-${name} input[type="range"]`);
  state.frameFor = (name, slider) => {  // the frame for slider ``name`` at its value, or null
    const current = state.spec;
    for (const [other, at] of Object.entries(current.sliders)) {
      const input = other === name ? null : rangeOf(other);
      if (input !== null && Math.abs(Number(input.value) - at.value) > at.tolerance) return null;
    }
    const value = Number(slider.value);
    const tolerance = current.sliders[name].tolerance;
    let best = null;
    for (const step of current.frames) {
      const off = Math.abs(step.value - value);
      if (step.slider === name && off <= tolerance
          && (best === null || off < Math.abs(best.value - value))) {
        best = step;
      }
    }
    return best;
  };
  if (Object.keys(spec.sliders).length > 0) followers.add(state);
  else followers.delete(state);
  return () => cleanup(state, plot);
}
function cleanup(state, plot) {
  followers.delete(state);
  if (state.resizer) state.resizer.disconnect();
  state.resizer = null;
  state.shown = null;  // purged: a remount draws the figure again
  if (window.__lfePlotly) window.__lfePlotly.purge(plot);
}
"""
)

# In full screen the element's own background shows around the plot (black by default).
_CSS = ".lfe-chart:fullscreen { background: white; }"

_component = st.components.v2.component("lfe_chart", js=_JS, css=_CSS, isolate_styles=False)


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
    """Whether charts can be drawn by the component (plotly.js is in ``static/``)."""
    return SERVING


def plot_chart(where, fig, *, key: str) -> None:
    """Draw ``fig`` (with its Plotly frames, if any) in ``where`` (``st`` or a container),
    updated in place when it changes."""
    text = fig.to_json()
    print_ = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()  # tells figures apart
    data = f'{{"figure": {text}, "print": "{print_}", "sliders": {{}}, "frames": []}}'
    draw(where, data, key=key)


def draw(where, data: str, *, key: str) -> None:
    """Mount or update chart ``key`` in ``where`` with ``data``, the JSON text of
    ``{figure, print, sliders, frames}`` (``plot_chart``; ``ui/live_chart.py`` for frames)."""
    if where is st:
        _component(key=key, data=data)
        return
    with where:
        _component(key=key, data=data)
