"""The loss-surfaces page in Chromium: the 3D chart renders through WebGL offline, the weight
range slider redraws the surfaces by key press, and a link restores the state."""

from __future__ import annotations

import re

import numpy as np
import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from core.pages.loss_surfaces import descent, network, surfaces
from tests.browser import helpers

SURFACE, GRADIENTS, SLICE = "surf_3d", "surf_grad", "surf_slice_chart"
CHARTS = (SURFACE, GRADIENTS, SLICE)
RANGE_SLIDER = "Weight range ±"
NET = dict(n_samples=100, hidden=2, seed=8)

# The WebGL scene plotly.js built for the 3D chart: None when WebGL failed (plotly.js
# then shows "WebGL is not supported by your browser" instead of the surfaces).
_GL_SCENE_JS = """(key) => {
  const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  const scene = plot && plot._fullLayout && plot._fullLayout.scene && plot._fullLayout.scene._scene;
  return scene ? {gl: Boolean(scene.glplot), canvas: plot.querySelectorAll('canvas').length} : null;
}"""


def surfaces_shown(page: Page) -> dict[str, np.ndarray]:
    return {
        t["name"]: np.asarray(t["z"], dtype=float)
        for t in helpers.chart_data(page, SURFACE)
        if t["type"] == "surface"
    }


def surface_x(page: Page) -> np.ndarray:
    first = next(t for t in helpers.chart_data(page, SURFACE) if t["type"] == "surface")
    return np.asarray(first["x"], dtype=float)


def metric_values(page: Page) -> list[str]:
    return page.locator('[data-testid="stMetricValue"]').all_inner_texts()


def test_page_renders_the_3d_surfaces_offline(
    app_server: str, page: Page, outside_requests: list[str]
) -> None:
    helpers.goto(page, f"{app_server}/loss_surfaces")
    helpers.wait_for_charts(page, *CHARTS)
    page.wait_for_function(f"({_GL_SCENE_JS})('{SURFACE}') !== null")
    scene = page.evaluate(_GL_SCENE_JS, SURFACE)
    assert scene["gl"] and scene["canvas"] >= 1
    assert page.get_by_text("WebGL is not supported").count() == 0
    surf = surfaces(network(**NET), 6.0, 51)
    shown = surfaces_shown(page)
    np.testing.assert_allclose(shown["cross-entropy"], surf.loss[0], rtol=1e-6)
    np.testing.assert_allclose(shown["MSE"], surf.loss[1], rtol=1e-6)
    run = descent(network(**NET), (5.0, 5.0), 1.0, 6.0, 51)
    assert metric_values(page) == [f"{run.reached[0]} steps", f"{run.reached[1]} steps"]
    heat = [t for t in helpers.chart_data(page, GRADIENTS) if t["type"] == "heatmap"]
    assert len(heat) == 2
    assert helpers.exception_count(page) == 0
    assert outside_requests == []


def test_the_range_slider_redraws_the_surfaces_by_key_press(app_server: str, page: Page) -> None:
    helpers.goto(page, f"{app_server}/loss_surfaces")
    helpers.wait_for_charts(page, *CHARTS)
    before = surfaces_shown(page)["MSE"]
    helpers.set_slider_by_keys(page, RANGE_SLIDER, presses=2, key="ArrowLeft")  # 6 -> 5
    assert helpers.slider_value(page, RANGE_SLIDER) == "5"
    surf = surfaces(network(**NET), 5.0, 51)
    np.testing.assert_allclose(surface_x(page), surf.w1, rtol=1e-6)
    after = surfaces_shown(page)["MSE"]
    assert not np.allclose(after, before)
    np.testing.assert_allclose(after, surf.loss[1], rtol=1e-6)
    run = descent(network(**NET), (5.0, 5.0), 1.0, 5.0, 51)
    path = next(t for t in helpers.chart_data(page, SURFACE) if t.get("name") == "MSE descent")
    np.testing.assert_allclose(path["x"], run.path[1, :, 0])
    assert helpers.query_params(page)["surf_range"] == "5"
    assert helpers.exception_count(page) == 0


def test_a_link_restores_the_state(app_server: str, page: Page) -> None:
    query = (
        "surf_seed=3&surf_n=60&surf_hidden=3&surf_act=sigmoid&surf_grid=31&surf_range=4"
        "&surf_start=-1,%202&surf_lr=2&surf_mse=false&surf_slice=-1.5"
    )
    helpers.goto(page, f"{app_server}/loss_surfaces?{query}")
    helpers.wait_for_charts(page, *CHARTS)
    assert helpers.slider_value(page, RANGE_SLIDER) == "4"
    assert helpers.selectbox_value(page, "Hidden activation") == "sigmoid"
    assert page.locator(".st-key-surf_start input").input_value() == "-1, 2"
    net = network(60, 3, seed=3, activation="sigmoid")
    surf = surfaces(net, 4.0, 31)
    shown = surfaces_shown(page)
    assert set(shown) == {"cross-entropy"}
    np.testing.assert_allclose(shown["cross-entropy"], surf.loss[0], rtol=1e-6)
    run = descent(net, (-1.0, 2.0), 2.0, 4.0, 31)
    path = next(t for t in helpers.chart_data(page, SURFACE) if t.get("name") == "CE descent")
    np.testing.assert_allclose(path["x"], run.path[0, :, 0])
    title = helpers.chart_layout(page, SLICE)["title"]["text"]
    assert title == "Slice at W2 = -1.5"
    assert helpers.exception_count(page) == 0


def test_the_slice_slider_redraws_the_slice_and_keeps_the_3d_scene(
    app_server: str, page: Page
) -> None:
    """Moving the slice leaves the 3D figure unchanged, so its WebGL scene is not rebuilt."""
    helpers.goto(page, f"{app_server}/loss_surfaces")
    helpers.wait_for_charts(page, *CHARTS)
    page.evaluate(
        f"() => {{ window.__scene = document.querySelector('.st-key-{SURFACE} .js-plotly-plot'); }}"
    )
    helpers.set_slider_by_keys(page, "Slice at W2", presses=2, key="ArrowLeft")  # 5 -> 4.5
    assert helpers.chart_layout(page, SLICE)["title"]["text"] == "Slice at W2 = 4.5"
    shapes = helpers.chart_layout(page, GRADIENTS)["shapes"]
    assert [s["y0"] for s in shapes] == [4.5, 4.5]
    same = page.evaluate(
        f"() => document.querySelector('.st-key-{SURFACE} .js-plotly-plot') === window.__scene"
    )
    assert same
    assert helpers.query_params(page)["surf_slice"] == "4.5"


def test_a_control_change_updates_the_3d_scene_in_place(app_server: str, page: Page) -> None:
    """The 3D chart keeps its WebGL scene across a key press (ui/plot_chart.py): the same
    plot and canvas get the new surfaces, instead of a new scene built in about 0.4 s."""
    helpers.goto(page, f"{app_server}/loss_surfaces")
    helpers.wait_for_charts(page, *CHARTS)
    page.wait_for_function(f"({_GL_SCENE_JS})('{SURFACE}') !== null")
    page.evaluate(
        """(key) => {
          const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
          window.__sceneBefore = {plot, canvas: plot.querySelector('canvas'),
                                  scene: plot._fullLayout.scene._scene};
        }""",
        SURFACE,
    )
    before = surfaces_shown(page)["MSE"]
    helpers.set_slider_by_keys(page, RANGE_SLIDER, presses=1, key="ArrowLeft")
    surf = surfaces(network(**NET), 5.5, 51)
    for _ in range(100):  # the plot updates after the rerun, when plotly.js has drawn it
        if np.isclose(surface_x(page)[0], surf.w1[0]):
            break
        page.wait_for_timeout(100)
    np.testing.assert_allclose(surface_x(page), surf.w1, rtol=1e-6)
    np.testing.assert_allclose(surfaces_shown(page)["MSE"], surf.loss[1], rtol=1e-6)
    assert not np.allclose(surfaces_shown(page)["MSE"], before)
    kept = page.evaluate(
        """(key) => {
          const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
          const was = window.__sceneBefore;
          return {plot: plot === was.plot, canvas: plot.querySelector('canvas') === was.canvas,
                  scene: plot._fullLayout.scene._scene === was.scene};
        }""",
        SURFACE,
    )
    assert kept == {"plot": True, "canvas": True, "scene": True}, f"rebuilt: {kept}"
    assert helpers.exception_count(page) == 0


# Counts the rebuilds of each surface's WebGL mesh (gl-surface3d's update with new
# coordinates, as plotly.js makes it on a Plotly.react), by trace name.
_COUNT_MESH_UPDATES_JS = """(key) => {
  const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  window.__meshUpdates = {};
  for (const trace of Object.values(plot._fullLayout.scene._scene.traces)) {
    if (trace.data.type !== 'surface') continue;
    const name = trace.data.name, update = trace.surface.update;
    window.__meshUpdates[name] = 0;
    trace.surface.update = function (params) {
      if (params && ('field' in params || 'coords' in params)) window.__meshUpdates[name] += 1;
      return update.call(this, params);  // (a render updates the contour levels only)
    };
  }
}"""


def test_eta_moves_the_paths_without_rebuilding_the_surfaces(app_server: str, page: Page) -> None:
    """η moves only the descent paths: the 3D chart draws them without rebuilding either
    surface's mesh (tens of ms each, ui/plot_chart.py), and a change of the weight range,
    which changes the surfaces, rebuilds both."""
    helpers.goto(page, f"{app_server}/loss_surfaces")
    helpers.wait_for_charts(page, *CHARTS)
    page.wait_for_function(f"({_GL_SCENE_JS})('{SURFACE}') !== null")
    page.evaluate(_COUNT_MESH_UPDATES_JS, SURFACE)
    paths_before = [t["x"] for t in helpers.chart_data(page, SURFACE) if t["type"] == "scatter3d"]
    helpers.set_slider_by_keys(page, "Learning rate η", presses=3, key="ArrowLeft")
    paths_after = [t["x"] for t in helpers.chart_data(page, SURFACE) if t["type"] == "scatter3d"]
    assert paths_after != paths_before, "η did not move the descent paths"
    assert page.evaluate("() => window.__meshUpdates") == {"cross-entropy": 0, "MSE": 0}

    helpers.set_slider_by_keys(page, RANGE_SLIDER, presses=1, key="ArrowLeft")
    page.wait_for_function(
        "() => Object.values(window.__meshUpdates).every((n) => n > 0)", timeout=10_000
    )
    assert helpers.exception_count(page) == 0


# Watches the gradient maps' heatmaps: each is an <image> whose href plotly.js sets on every
# full draw of the chart. window.__heatmaps() says how many images the chart shows, whether
# they are still the ones watched, and how many times their attributes were set since.
_WATCH_HEATMAPS_JS = """(key) => {
  const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  const watched = [...plot.querySelectorAll('image')];
  let drawn = 0;
  new MutationObserver((records) => {
    drawn += records.filter((r) => r.target.nodeName === 'image').length;
  }).observe(plot, {subtree: true, attributes: true});
  window.__heatmaps = () => ({
    shown: plot.querySelectorAll('image').length,
    same: watched.every((image) => plot.contains(image)),
    drawn,
  });
}"""


def descents_on_maps(page: Page) -> list[tuple[list, list]]:
    return [(t["x"], t["y"]) for t in helpers.chart_data(page, GRADIENTS) if t["type"] == "scatter"]


def test_eta_moves_the_descents_on_the_maps_without_redrawing_the_heatmaps(
    app_server: str, page: Page
) -> None:
    """η moves only the descents: the gradient maps redraw those two paths alone
    (Plotly.animate, ui/plot_chart.py), not their heatmaps. After a Plotly.react (the slice
    moves its line on the maps), the maps are those of the page opened fresh from its link."""
    helpers.goto(page, f"{app_server}/loss_surfaces")
    helpers.wait_for_charts(page, *CHARTS)
    before = descents_on_maps(page)
    page.evaluate(_WATCH_HEATMAPS_JS, GRADIENTS)
    helpers.set_slider_by_keys(page, "Learning rate η", presses=2, key="ArrowLeft")
    assert descents_on_maps(page) != before, "η did not move the descents on the maps"
    assert page.evaluate("() => window.__heatmaps()") == {"shown": 2, "same": True, "drawn": 0}

    helpers.set_slider_by_keys(page, "Slice at W2", presses=1, key="ArrowLeft")
    fresh = page.context.new_page()
    helpers.goto(fresh, page.url)
    helpers.wait_for_charts(fresh, *CHARTS)
    assert helpers.chart_data(page, GRADIENTS) == helpers.chart_data(fresh, GRADIENTS)
    assert helpers.exception_count(page) == 0


# The 3D chart's surfaces as plotly.js built them: the grid's refinement factors and the
# size of the z grid; and whether ui/plot_chart.py found WebGL drawn in software.
_SURFACE_MESHES_JS = """(key) => {
  const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  const traces = Object.values(plot._fullLayout.scene._scene.traces);
  return {
    software: window.__lfeSoftwareGl,
    meshes: traces.filter((t) => t.data.type === 'surface')
      .map((t) => [t.dataScaleX, t.dataScaleY, t.data.z.length, t.data.z[0].length]),
  };
}"""


def hover_label(page: Page, key: str) -> str:
    """The hover label's text once the pointer is on the chart's middle, or ''.

    A 3D chart picks the point under the pointer in its next render, which in software
    WebGL on a loaded machine may take a second or more."""
    box = helpers.settled_box(page.locator(f".st-key-{key} .js-plotly-plot"))
    label = f".st-key-{key} .hovertext"  # a 3D scene draws it in its own svg
    for fx, fy in ((0.45, 0.75), (0.55, 0.6), (0.4, 0.5)):
        x, y = box["x"] + box["width"] * fx, box["y"] + box["height"] * fy
        page.mouse.move(x, y, steps=8)
        page.mouse.move(x + 2, y + 1, steps=3)  # gl3d picks on the moves after the first
        try:
            page.wait_for_function(
                f"() => document.querySelector('{label}')?.textContent", timeout=5_000
            )
        except PlaywrightTimeoutError:
            continue
        return page.locator(label).text_content() or ""
    return ""


def test_without_a_gpu_the_surfaces_are_drawn_on_the_computed_grid(
    app_server: str, page: Page
) -> None:
    """This Chromium draws WebGL in software (SwiftShader), where plotly.js's refined meshes
    (51 x 51 points drawn as 205 x 205) cost 2.4x the render: the surfaces are drawn on the
    grid the server computed (ui/plot_chart.py), and hovering one still names the grid
    point picked and the loss there."""
    helpers.goto(page, f"{app_server}/loss_surfaces")
    helpers.wait_for_charts(page, *CHARTS)
    page.wait_for_function(f"({_GL_SCENE_JS})('{SURFACE}') !== null")
    built = page.evaluate(_SURFACE_MESHES_JS, SURFACE)
    assert built == {"software": True, "meshes": [[1, 1, 51, 51], [1, 1, 51, 51]]}

    page.locator(f".st-key-{SURFACE}").scroll_into_view_if_needed()
    label = hover_label(page, SURFACE)
    match = re.fullmatch(r"(cross-entropy|MSE)W1 = (\S+)W2 = (\S+)loss = (\S+)", label)
    assert match, f"no hover label on the surfaces: {label!r}"
    name, w1, w2, loss = match.groups()
    surf = surfaces(network(**NET), 6.0, 51)
    i = int(np.argmin(np.abs(surf.w1 - float(w1))))
    j = int(np.argmin(np.abs(surf.w2 - float(w2))))
    assert abs(surf.w1[i] - float(w1)) < 0.006 and abs(surf.w2[j] - float(w2)) < 0.006
    assert float(loss) == pytest.approx(
        surf.loss[("cross-entropy", "MSE").index(name)][j, i], abs=6e-4
    )
    assert helpers.exception_count(page) == 0
