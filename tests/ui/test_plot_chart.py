"""ui/plot_chart.py: every chart is drawn by the app's plotly.js, the copy Streamlit serves."""

from __future__ import annotations

import re

import pytest

from tests.apptest_utils import (
    PLOT_CHART,
    ROOT,
    chart_elements,
    chart_keys,
    figures,
    live_chart_data,
    open_page,
)
from ui import plot_chart


def test_the_app_serves_plotly_pys_own_plotly_js() -> None:
    assert plot_chart.available()
    assert plot_chart.SERVED.read_bytes() == plot_chart.PLOTLY_JS.read_bytes()


def test_the_copy_is_made_once_and_replaced_whole(tmp_path, monkeypatch) -> None:
    static = tmp_path / "static"
    monkeypatch.setattr(plot_chart, "STATIC", static)
    monkeypatch.setattr(plot_chart, "SERVED", static / "plotly.min.js")
    assert plot_chart.serve_plotly_js()
    served = static / "plotly.min.js"
    assert served.read_bytes() == plot_chart.PLOTLY_JS.read_bytes()
    made = served.stat().st_mtime_ns
    assert plot_chart.serve_plotly_js() and served.stat().st_mtime_ns == made  # kept
    served.write_bytes(b"half a file")  # e.g. plotly upgraded: a different size
    assert plot_chart.serve_plotly_js()
    assert served.read_bytes() == plot_chart.PLOTLY_JS.read_bytes()
    assert sorted(p.name for p in static.iterdir()) == ["plotly.min.js"]  # no temporary left


def test_a_read_only_install_falls_back_to_streamlits_chart(tmp_path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(plot_chart, "STATIC", tmp_path / "static")
    monkeypatch.setattr(plot_chart, "SERVED", tmp_path / "static" / "plotly.min.js")
    monkeypatch.setattr(plot_chart.tempfile, "NamedTemporaryFile", refuse)
    assert plot_chart.serve_plotly_js() is False


PAGES = [None] + [  # home, then every page app.py lists
    f"views/{name}.py"
    for name in re.findall(r"st\.Page\(\s*\"views/([^\"]+)\.py\"", (ROOT / "app.py").read_text())
]


def chart_kinds(at) -> dict[str, str]:
    """Each chart's key -> what draws it: a component's name, or "plotly_chart"."""
    return {
        key: getattr(element.proto, "component_name", element.type)
        for key, element in zip(chart_keys(at), chart_elements(at), strict=True)
    }


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_is_drawn_by_the_apps_plotly_js(page) -> None:
    """No st.plotly_chart anywhere: its first use on a page would load Streamlit's own
    plotly.js bundle beside the app's copy, which the live charts need (a slower first load)."""
    kinds = chart_kinds(open_page(page))
    assert kinds, page
    assert set(kinds.values()) == {PLOT_CHART}, kinds


def test_a_sweeps_play_frames_reach_the_browser_with_its_figure() -> None:
    at = open_page("views/svm_margin.py")
    at.toggle(key="svmm_play").set_value(True).run()
    assert chart_kinds(at)["svmm_play_chart"] == PLOT_CHART
    assert live_chart_data(at, "svmm_play_chart")["sliders"] == {}  # Play's frames, not ours
    play = figures(at)[chart_keys(at).index("svmm_play_chart")]
    assert len(play["frames"]) > 10 and play["layout"]["updatemenus"]  # frames, Play button


def test_without_the_copy_charts_are_streamlits_own(monkeypatch) -> None:
    monkeypatch.setattr(plot_chart, "SERVING", False)
    at = open_page("views/loss_surfaces.py")
    assert {element.type for element in chart_elements(at)} == {"plotly_chart"}
    assert "surf_3d" in chart_keys(at)
