"""ui/scene_chart.py: which figures it draws, and the plotly.js copy Streamlit serves."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from tests.apptest_utils import LIVE_CHART, SCENE_CHART, chart_elements, chart_keys, open_page
from ui import scene_chart


@pytest.mark.parametrize(
    ("trace", "three_d"),
    [
        (dict(type="surface", z=[[0, 1], [1, 0]]), True),
        (dict(type="mesh3d", x=[0, 1, 0], y=[0, 0, 1], z=[0, 0, 0]), True),
        (dict(type="scatter3d", x=[0], y=[0], z=[0]), True),
        (dict(type="scatter", x=[0], y=[0]), False),
        (dict(type="heatmap", z=[[0, 1]]), False),
    ],
)
def test_only_figures_with_a_3d_trace_go_to_the_scene_chart(trace, three_d) -> None:
    assert scene_chart.is_3d(go.Figure(data=[trace])) is three_d


def test_the_app_serves_plotly_pys_own_plotly_js() -> None:
    assert scene_chart.available()
    assert scene_chart.SERVED.read_bytes() == scene_chart.PLOTLY_JS.read_bytes()


def test_the_copy_is_made_once_and_replaced_whole(tmp_path, monkeypatch) -> None:
    static = tmp_path / "static"
    monkeypatch.setattr(scene_chart, "STATIC", static)
    monkeypatch.setattr(scene_chart, "SERVED", static / "plotly.min.js")
    assert scene_chart.serve_plotly_js()
    served = static / "plotly.min.js"
    assert served.read_bytes() == scene_chart.PLOTLY_JS.read_bytes()
    made = served.stat().st_mtime_ns
    assert scene_chart.serve_plotly_js() and served.stat().st_mtime_ns == made  # kept
    served.write_bytes(b"half a file")  # e.g. plotly upgraded: a different size
    assert scene_chart.serve_plotly_js()
    assert served.read_bytes() == scene_chart.PLOTLY_JS.read_bytes()
    assert sorted(p.name for p in static.iterdir()) == ["plotly.min.js"]  # no temporary left


def test_a_read_only_install_falls_back_to_streamlits_chart(tmp_path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(scene_chart, "STATIC", tmp_path / "static")
    monkeypatch.setattr(scene_chart, "SERVED", tmp_path / "static" / "plotly.min.js")
    monkeypatch.setattr(scene_chart.tempfile, "NamedTemporaryFile", refuse)
    assert scene_chart.serve_plotly_js() is False


@pytest.mark.parametrize(
    ("page", "scene_keys"),
    [
        ("views/loss_surfaces.py", {"surf_3d"}),
        ("views/linear_model.py", {"lin_planes"}),
        ("views/linear_limits.py", {"lim_lifted"}),
    ],
)
def test_3d_charts_are_drawn_in_place_and_only_they_by_the_scene_chart(page, scene_keys):
    at = open_page(page)
    kinds = {
        key: getattr(element.proto, "component_name", element.type)
        for key, element in zip(chart_keys(at), chart_elements(at), strict=True)
    }
    # a 3D chart that follows its sliders (ui/live_chart.py) updates its scene in place too
    assert {key for key in scene_keys if kinds[key] in (SCENE_CHART, LIVE_CHART)} == scene_keys
    assert {key for key, kind in kinds.items() if kind == SCENE_CHART} <= scene_keys
    assert len(kinds) > len(scene_keys)  # the page's 2D charts are drawn too, otherwise


def test_without_the_copy_3d_charts_are_streamlits_own(monkeypatch) -> None:
    monkeypatch.setattr(scene_chart, "SERVING", False)
    at = open_page("views/loss_surfaces.py")
    assert {element.type for element in chart_elements(at)} == {"plotly_chart"}
    assert "surf_3d" in chart_keys(at)
