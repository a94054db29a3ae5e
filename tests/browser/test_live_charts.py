"""Charts that follow their slider in the browser (ui/live_chart.py), in Chromium: a key press
redraws the chart while the server has not heard of it yet, with the figure the server
then draws, so the server's answer does not draw it a second time."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, WebSocketRoute

from tests.browser import helpers

# page -> (path, the slider's label, the chart's key, the page's charts to wait for[, tab])
CASES = {
    "mse": (
        "/mse",
        "Move the correct score s_y by d (the other scores stay)",
        "mse_curves",
        ("mse_terms", "mse_curves", "mse_grads"),
    ),
    "svm_margin": ("/svm_margin", "Margin Δ", "svmm_hinge", ("svmm_line", "svmm_hinge")),
    "svm_loss": ("/svm_loss", "Margin Δ", "svm_terms", ("svm_losses", "svm_terms")),
    "softmax_normalization": (
        "/softmax_normalization",
        "Stimulation c (multiplies every score)",
        "snorm_bars",
        ("snorm_bars", "snorm_sweep"),
    ),
    "cross_entropy": (
        "/cross_entropy",
        "SVM margin Δ",
        "ce_gap",
        ("ce_gap",),
        "5 · Softmax vs SVM",
    ),
    "regularization": (
        "/regularization",
        "log₁₀ λ (strength of the penalty)",
        "reg_geometry",
        ("reg_bars", "reg_geometry"),
    ),
    "home": ("/", "Gradient steps", "home_loss_curve", ("home_scores", "home_loss_curve")),
    "linear_model": (
        "/linear_model",
        "cat: bias b",
        "lin_regions",
        ("lin_regions", "lin_planes"),
        "2 · Two inputs: planes, lines, regions",
    ),
    "linear_model, 3D": (
        "/linear_model",
        "dog: w₂",
        "lin_planes",
        ("lin_regions", "lin_planes"),
        "2 · Two inputs: planes, lines, regions",
    ),
    "playground": (
        "/playground?pg_steps=100",
        "Margin Δ",
        "pg_regions",
        ("pg_regions", "pg_curves"),
    ),
    "linear_limits": (
        "/linear_limits",
        "Noise",
        "lim_line",
        ("lim_line", "lim_curve", "lim_lifted"),
    ),
    "loss_surfaces": (
        "/loss_surfaces",
        "Learning rate η",
        "surf_3d",
        ("surf_3d", "surf_grad", "surf_slice_chart"),
    ),
    "loss_surfaces, maps": (  # the descents on the 2D maps move by Plotly.animate
        "/loss_surfaces",
        "Learning rate η",
        "surf_grad",
        ("surf_3d", "surf_grad", "surf_slice_chart"),
    ),
    "loss_surfaces, slice": (
        "/loss_surfaces",
        "Slice at W2",
        "surf_slice_chart",
        ("surf_3d", "surf_grad", "surf_slice_chart"),
    ),
}

# Counts the draws of one chart's plot (found by the chart's key, so a plot built anew would
# count too): its Plotly.react and Plotly.animate calls (ui/plot_chart.py animates a frame
# that only moves 2D lines). The live chart's plotly.js is plotly.py's (its bundle, kept as
# window.__lfePlotly by ui/plot_chart.py's loader), looked up at every call.
_COUNT_DRAWS_JS = """(key) => {
  const Plotly = window.__lfePlotly;
  window.__draws = 0;
  for (const name of ['react', 'animate']) {
    const draw = Plotly[name];
    Plotly[name] = function (gd, ...rest) {
      if (gd.closest && gd.closest(`.st-key-${key}`)) window.__draws += 1;
      return draw.call(this, gd, ...rest);
    };
  }
}"""


def hold_messages_to_server(page: Page) -> Callable[[bool], None]:
    """Route the app's websocket through the test; the returned function turns holding the
    page's messages to the server on (they wait) and off (they go, in order)."""
    held: list = []
    holding = [False]
    sockets: list = []

    def route(ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        sockets.append(server)

        def from_page(message) -> None:
            if holding[0]:
                held.append(message)
            else:
                server.send(message)

        ws.on_message(from_page)

    page.route_web_socket("**/_stcore/stream", route)

    def hold(on: bool) -> None:
        holding[0] = on
        if not on:
            while held:
                sockets[-1].send(held.pop(0))

    return hold


def open_case(page: Page, app_server: str, case: str) -> tuple[str, str]:
    """Open the case's page (and its tab) until its charts are drawn: its slider and chart."""
    path, label, chart, charts, *tab = CASES[case]
    helpers.goto(page, app_server + path)
    if tab:  # a chart in a closed tab is not drawn
        page.get_by_role("tab", name=tab[0]).click()
    helpers.wait_for_charts(page, *charts)
    return label, chart


def drawn(page: Page, key: str) -> str:
    """The chart's data and title as drawn now, as one text."""
    return page.evaluate(_DRAWN_JS, key)


_DRAWN_JS = """(key) => {
  const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  return JSON.stringify([plot.data, plot.layout.title], (k, v) =>
    ArrayBuffer.isView(v) ? Array.from(v) : v);
}"""


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_key_press_redraws_the_chart_before_the_server_answers(
    app_server: str, page: Page, case: str
) -> None:
    hold = hold_messages_to_server(page)
    label, chart = open_case(page, app_server, case)
    before, runs = drawn(page, chart), helpers.run_count(page)
    hold(True)
    page.get_by_role("slider", name=label).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        f"([key, old]) => ({_DRAWN_JS})(key) !== old", arg=[chart, before], timeout=5_000
    )
    moved = drawn(page, chart)
    assert helpers.run_count(page) == runs, "the server heard nothing, yet the chart moved"
    # now the server hears of the press and answers with the same figure
    helpers.rerun_after(page, lambda: hold(False))
    assert drawn(page, chart) == moved
    assert helpers.exception_count(page) == 0


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_servers_answer_does_not_draw_the_chart_again(
    app_server: str, page: Page, case: str
) -> None:
    label, chart = open_case(page, app_server, case)
    page.evaluate(_COUNT_DRAWS_JS, chart)
    for presses in (1, 2, 3):
        page.get_by_role("slider", name=label).focus()
        helpers.rerun_after(page, lambda: page.keyboard.press("ArrowRight"))
        assert page.evaluate("() => window.__draws") == presses
    assert helpers.exception_count(page) == 0


# Logs, in order, the key of each chart drawn by Plotly.react or Plotly.animate (plotly.py's
# plotly.js, as above), and in __drawFrames how many animation frames had begun by then.
_LOG_DRAWS_JS = """() => {
  const Plotly = window.__lfePlotly;
  window.__drawOrder = [];
  window.__drawFrames = [];
  let frames = 0;
  const tick = () => { frames += 1; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  for (const name of ['react', 'animate']) {
    const draw = Plotly[name];
    Plotly[name] = function (gd, ...rest) {
      const chart = gd.closest && gd.closest('[class*="st-key-"]');
      const key = chart && [...chart.classList].find((c) => c.startsWith('st-key-'));
      if (key) {
        window.__drawOrder.push(key.slice('st-key-'.length));
        window.__drawFrames.push(frames);
      }
      return draw.call(this, gd, ...rest);
    };
  }
}"""


SURFACES = ("loss_surfaces", ("surf_3d", "surf_grad", "surf_slice_chart"))


@pytest.mark.parametrize(
    ("where", "label", "order"),
    [
        # the slice's curves, then the green line on the maps (images, redrawn whole)
        (SURFACES, "Slice at W2", ["surf_slice_chart", "surf_grad"]),
        # the descents on the 2D maps, then the 3D scene (a WebGL update)
        (SURFACES, "Learning rate η", ["surf_grad", "surf_3d"]),
        # two charts with images: the one on the left (the best line) first
        (("linear_limits", ("lim_line", "lim_curve")), "Noise", ["lim_line", "lim_curve"]),
    ],
)
def test_one_key_press_draws_the_cheaper_charts_first(
    app_server: str, page: Page, where: tuple, label: str, order: list[str]
) -> None:
    """A key press that moves several charts draws the cheap ones first, so they show at
    once instead of after a 3D scene's or an image's update, and charts that cost alike
    in page order; each is painted before the next is drawn (ui/plot_chart.py)."""
    path, charts = where
    hold = hold_messages_to_server(page)
    helpers.goto(page, f"{app_server}/{path}")
    helpers.wait_for_charts(page, *charts)
    page.evaluate(_LOG_DRAWS_JS)
    hold(True)  # only the frames draw: the server has not heard of the press
    page.get_by_role("slider", name=label).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => window.__drawOrder.length >= {len(order)}", timeout=5_000)
    page.wait_for_timeout(300)  # nothing else is drawn
    assert page.evaluate("() => window.__drawOrder") == order
    frames = page.evaluate("() => window.__drawFrames")
    assert frames == sorted(set(frames)), f"no frame between two draws: {frames}"
    hold(False)
