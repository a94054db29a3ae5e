"""ui/live_chart.py on the MSE page: the frames the browser draws between reruns are exactly
the figures the server draws at those slider values, a press builds one new figure, and
without the served plotly.js the chart is Streamlit's own."""

from __future__ import annotations

import json

import numpy as np
import pytest

from figures.live import compose, fingerprint
from tests.apptest_utils import (
    PLOT_CHART,
    chart_elements,
    chart_keys,
    live_chart_data,
    open_page,
)
from ui import live_chart, plot_chart

PAGE = "views/mse.py"
SLIDER, CHART = "mse_shift", "mse_curves"

# Every chart that follows a slider: (page, the slider's key, the chart's key); a chart
# that several sliders move is listed once for each
LIVE = [
    ("views/mse.py", "mse_shift", "mse_curves"),
    ("views/svm_margin.py", "svmm_delta", "svmm_line"),
    ("views/svm_margin.py", "svmm_delta", "svmm_hinge"),
    ("views/svm_loss.py", "svm_delta", "svm_losses"),
    ("views/svm_loss.py", "svm_delta", "svm_terms"),
    ("views/softmax_normalization.py", "snorm_scale", "snorm_bars"),
    ("views/cross_entropy.py", "ce_margin", "ce_gap"),
    ("views/regularization.py", "reg_loglam", "reg_geometry"),
    ("views/home.py", "home_steps", "home_scores"),
    ("views/home.py", "home_steps", "home_loss_curve"),
    *(
        ("views/linear_model.py", f"lin_{name}_{part}", chart)
        for name in ("cat", "dog", "ship")
        for part in ("w1", "w2", "b")
        for chart in ("lin_regions", "lin_planes")
    ),
    ("views/linear_limits.py", "lim_noise", "lim_line"),
    ("views/linear_limits.py", "lim_noise", "lim_curve"),
    ("views/playground.py", "pg_margin", "pg_regions"),
    ("views/loss_surfaces.py", "surf_lr", "surf_3d"),
    ("views/loss_surfaces.py", "surf_slice", "surf_slice_chart"),
    ("views/loss_surfaces.py", "surf_lr", "surf_grad"),
    ("views/loss_surfaces.py", "surf_slice", "surf_grad"),
]
PAGES = sorted({page for page, _, _ in LIVE} | {
    "views/home.py", "views/svm_loss.py", "views/softmax_normalization.py",
    "views/cross_entropy.py", "views/regularization.py", "views/linear_model.py",
    "views/linear_limits.py", "views/loss_surfaces.py", "views/playground.py",
})  # fmt: skip
# pages opened with a link: the playground trained 100 steps, so that Δ moves the regions
QUERIES = {"views/playground.py": {"pg_steps": "100"}}
_OPENED: dict[str, object] = {}


def opened(page: str):
    """The page at its defaults, opened once for all the tests that only read it."""
    if page not in _OPENED:
        _OPENED[page] = open_page(page, QUERIES.get(page))
    return _OPENED[page]


def drawn_figure(at, key: str) -> dict:
    return live_chart_data(at, key)["figure"]


@pytest.fixture(scope="module")
def mse():
    return opened(PAGE)


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_that_follows_a_slider_is_checked_here(page: str) -> None:
    at = opened(page)
    live = {
        (slider, key)
        for key, element in zip(chart_keys(at), chart_elements(at), strict=True)
        if getattr(element.proto, "component_name", None) == PLOT_CHART
        for slider in live_chart_data(at, key)["sliders"]
    }
    assert live == {(slider, chart) for p, slider, chart in LIVE if p == page}


def test_the_chart_carries_frames_for_the_values_next_to_the_slider(mse) -> None:
    sent = live_chart_data(mse, CHART)
    assert list(sent["sliders"]) == [SLIDER]
    assert sent["sliders"][SLIDER]["value"] == 0
    assert sent["sliders"][SLIDER]["tolerance"] == pytest.approx(0.05)
    assert {step["slider"] for step in sent["frames"]} == {SLIDER}
    values = [step["value"] for step in sent["frames"]]
    steps = [k for k in range(-live_chart.WINDOW, live_chart.WINDOW + 1) if k]
    np.testing.assert_allclose(values, [0.1 * k for k in steps])
    assert sent["print"] == fingerprint(sent["figure"])


@pytest.mark.parametrize("which", ["below", "above", "farthest"])
@pytest.mark.parametrize(("page", "slider", "chart"), LIVE)
def test_each_frame_is_the_figure_the_server_draws_at_that_value(
    page: str, slider: str, chart: str, which: str
) -> None:
    sent = live_chart_data(opened(page), chart)
    now = sent["sliders"][slider]["value"]
    frames = sorted((f for f in sent["frames"] if f["slider"] == slider), key=lambda f: f["value"])
    shown = {
        "below": max((f for f in frames if f["value"] < now), key=lambda f: f["value"]),
        "above": min((f for f in frames if f["value"] > now), key=lambda f: f["value"]),
        "farthest": max(frames, key=lambda f: abs(f["value"] - now)),
    }[which]
    at = open_page(page, QUERIES.get(page))
    at.slider(key=slider).set_value(shown["value"]).run()
    assert shown["data"] or shown["layout"], "a frame that changes nothing tests nothing"
    assert compose(sent["figure"], shown) == drawn_figure(at, chart)
    # and with the same fingerprint, so the browser does not draw it a second time
    assert live_chart_data(at, chart)["print"] == shown["print"]


def test_at_the_end_of_the_slider_the_frames_are_on_one_side() -> None:
    at = open_page(PAGE, {SLIDER: "-6"})
    values = [step["value"] for step in live_chart_data(at, CHART)["frames"]]
    np.testing.assert_allclose(values, [-6 + 0.1 * k for k in range(1, live_chart.WINDOW + 1)])


def test_a_press_builds_one_new_figure_the_rest_are_cached(monkeypatch) -> None:
    monkeypatch.setattr(live_chart, "_CACHE", live_chart._FigureCache())

    def cached() -> set:
        return {key for key in live_chart._CACHE.keys() if key[0] == CHART}

    at = open_page(PAGE)
    assert len(cached()) == 1 + 2 * live_chart.WINDOW  # the figure shown and its neighbours
    before = cached()
    at.slider(key=SLIDER).set_value(0.1).run()
    (new,) = cached() - before  # the value that entered the window
    assert new[-1] == (("mse_shift", round(0.1 * (live_chart.WINDOW + 1), 9)),)
    before = cached()
    open_page(PAGE)  # another student opens the page: nothing new is cached
    assert cached() == before


def test_while_another_session_builds_frames_only_cached_ones_are_sent(monkeypatch) -> None:
    monkeypatch.setattr(live_chart, "_CACHE", live_chart._FigureCache())
    with live_chart._BUILDING:  # another session is building frames
        busy = open_page(PAGE)
    assert live_chart_data(busy, CHART)["frames"] == []  # nothing cached yet: no frames
    assert drawn_figure(busy, CHART)["data"]  # the chart itself is drawn all the same
    idle = open_page(PAGE)
    assert len(live_chart_data(idle, CHART)["frames"]) == 2 * live_chart.WINDOW
    with live_chart._BUILDING:
        again = open_page(PAGE)
    assert live_chart_data(again, CHART)["frames"] == live_chart_data(idle, CHART)["frames"]


def test_the_cache_forgets_the_least_recently_used_beyond_its_size() -> None:
    cache = live_chart._FigureCache(limit=250)
    figure = {"data": [{"x": "a" * 90}]}  # about 100 characters of JSON
    for key in "abc":
        cache.put(key, figure, key)
    assert cache.keys() == ["b", "c"] and cache.total <= 250
    assert cache.get("b") == (figure, "b")  # now the most recently used
    cache.put("d", figure, "d")
    assert cache.keys() == ["b", "d"]
    cache.put("d", {"data": []}, "d")  # replaced: its old size is given back
    assert cache.total < 150


def test_a_chart_of_several_sliders_follows_the_one_moved_last() -> None:
    at = open_page("views/linear_model.py")
    first = {step["slider"] for step in live_chart_data(at, "lin_regions")["frames"]}
    assert len(first) == 9  # on the first run, every plane slider
    at.slider(key="lin_cat_b").set_value(0.6).run()
    moved = live_chart_data(at, "lin_regions")["frames"]
    assert {step["slider"] for step in moved} == {"lin_cat_b"}
    assert sorted(step["value"] for step in moved) == pytest.approx([0.5, 0.7])
    at.slider(key="lin_dog_w2").set_value(0.9).run()
    assert {step["slider"] for step in live_chart_data(at, "lin_planes")["frames"]} == {
        "lin_dog_w2"
    }


def test_the_window_of_values() -> None:
    values = live_chart.slider_values(-1.0, 1.0, 0.5)
    np.testing.assert_allclose(values, [-1.0, -0.5, 0.0, 0.5, 1.0])
    assert live_chart.window(values, 0.0, size=1) == [-0.5, 0.5]
    assert live_chart.window(values, 1.0, size=2) == [0.0, 0.5]
    assert live_chart.window(values, 0.26, size=1) == [0.0, 1.0]  # nearest grid point: 0.5


def test_without_the_served_plotly_js_the_chart_is_streamlits_own(monkeypatch) -> None:
    monkeypatch.setattr(plot_chart, "SERVING", False)
    at = open_page(PAGE)
    kinds = {key: el.type for key, el in zip(chart_keys(at), chart_elements(at), strict=True)}
    assert kinds[CHART] == "plotly_chart"
    assert json.loads(at.get("plotly_chart")[1].proto.spec)["data"]
