"""views/linear_limits.py in AppTest: the defaults, every control, the presets, a bad test
point, links (good and garbage), and a display-only change that does not retrain."""

from __future__ import annotations

import numpy as np
import pytest

import core.pages.linear_limits as limits
from core.pages.linear_limits import classify_point, compare, decision_grid, lift
from sections.linear_limits import GRID_POINTS
from tests.apptest_utils import assert_clean, chart_keys, figures, open_page, share_query, texts
from ui import live_chart
from ui.latex import num

PAGE = "views/linear_limits.py"
CHARTS = ["lim_line", "lim_curve", "lim_lifted"]
DEFAULT = ("circles", 200, 0.05, 0, "auto")  # compare()'s arguments at the page's defaults


@pytest.fixture
def at():
    page = open_page(PAGE)
    assert_clean(page)
    return page


def chart(at, key: str) -> dict:
    return figures(at)[chart_keys(at).index(key)]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def accuracies(at) -> tuple[str, str]:
    before, after = (m.value for m in at.metric)
    return before, after


def assert_shows(at, dataset, points, noise, seed, feature, point=(0.25, 0.5)) -> None:
    """Every chart and number on the page is the one core computes for these inputs."""
    assert_clean(at)
    comp = compare(dataset, points, noise, seed, feature)
    assert accuracies(at) == (f"{comp.accuracy_before:.1%}", f"{comp.accuracy_after:.1%}")
    line, curve, lifted = (chart(at, key) for key in CHARTS)
    grid = np.linspace(-comp.extent, comp.extent, GRID_POINTS)
    np.testing.assert_array_equal(line["data"][0]["z"], decision_grid(comp.before, grid, grid) > 0)
    np.testing.assert_allclose(
        curve["data"][1]["z"], decision_grid(comp.after, grid, grid, comp.feature), atol=1e-4
    )
    np.testing.assert_array_equal(line["data"][2]["x"], comp.X[comp.y == 0, 0])
    np.testing.assert_array_equal(lifted["data"][1]["z"], comp.F[comp.y == 1, 2])
    np.testing.assert_allclose(lifted["data"][3]["z"], lift(np.array([point]), comp.feature)[0, 2:])
    assert line["layout"]["title"]["text"] == f"The best line: {comp.accuracy_before:.0%} correct"
    assert lifted["layout"]["title"]["text"] == (
        f"Lifted to R³ by φ = {limits.LIFTS[comp.feature].name}: a plane, "
        f"{comp.accuracy_after:.0%} correct"
    )


# ------------------------------------------------------------------ defaults and presets
def test_defaults_show_the_circles_lifted_by_the_squared_radius(at) -> None:
    assert chart_keys(at) == CHARTS
    assert_shows(at, *DEFAULT)
    assert accuracies(at) == ("52.0%", "100.0%")
    shown = texts(at)
    assert "With φ = x₁² + x₂² a plane separates what no line could: 100% against 52%." in shown
    assert "hidden layer learns such features" in shown
    assert r"\varphi = x_1^2 + x_2^2" in shown and r"\mathbb{R}^2" in shown
    lifted = chart(at, "lim_lifted")
    assert [t["type"] for t in lifted["data"]] == ["scatter3d", "scatter3d", "surface", "scatter3d"]
    assert not at.error and not at.warning
    assert share_query(at) == {}


def test_xor_preset_then_the_circles_preset(at) -> None:
    at.button(key="lim_preset_xor").click().run()
    assert at.selectbox(key="lim_data").value == "xor"
    assert at.selectbox(key="lim_feature").value == "prod"
    assert_shows(at, "xor", 200, 0.05, 0, "prod")
    assert accuracies(at)[1] == "100.0%"
    assert share_query(at) == {"lim_data": "XOR", "lim_feature": "x₁·x₂"}
    at.slider(key="lim_noise").set_value(0.2).run()
    at.button(key="lim_preset_circles").click().run()
    assert at.slider(key="lim_noise").value == 0.05
    assert_shows(at, *DEFAULT)
    assert share_query(at) == {}


# ------------------------------------------------------------------ every control
def test_dataset_selectbox_switches_to_xor_with_its_matched_lift(at) -> None:
    at.selectbox(key="lim_data").set_value("xor").run()
    assert_shows(at, "xor", 200, 0.05, 0, "auto")
    assert "φ = x₁·x₂" in texts(at)
    assert share_query(at) == {"lim_data": "XOR"}


def test_feature_selectbox_tries_a_lift_that_does_not_fit(at) -> None:
    at.selectbox(key="lim_feature").set_value("sq1").run()
    assert_shows(at, "circles", 200, 0.05, 0, "sq1")
    assert "does not fit this data" in texts(at) or "helps" in texts(at)
    assert share_query(at) == {"lim_feature": "x₁²"}
    at.selectbox(key="lim_data").set_value("xor").run()
    assert_shows(at, "xor", 200, 0.05, 0, "sq1")
    assert "φ = x₁² does not fit this data" in texts(at)


def test_noise_slider_moves_the_points_and_costs_accuracy(at) -> None:
    at.slider(key="lim_noise").set_value(0.25).run()
    assert_shows(at, "circles", 200, 0.25, 0, "auto")
    before, after = accuracies(at)
    assert float(after.rstrip("%")) < 100.0
    assert share_query(at) == {"lim_noise": "0.25"}


def test_points_slider_and_seed_draw_new_data(at) -> None:
    at.slider(key="lim_points").set_value(600).run()
    assert_shows(at, "circles", 600, 0.05, 0, "auto")
    assert "600 points" in texts(at)
    at.number_input(key="lim_seed").set_value(7).run()
    assert_shows(at, "circles", 600, 0.05, 7, "auto")
    assert share_query(at) == {"lim_points": "600", "lim_seed": "7"}


def test_test_point_is_lifted_and_classified_by_both(at) -> None:
    at.text_input(key="lim_point").set_value("0.1, -0.2").run()
    assert_shows(at, *DEFAULT, point=(0.1, -0.2))
    report = classify_point(compare(*DEFAULT), [0.1, -0.2])
    shown = texts(at)
    assert r"x = (0.1, -0.2) \;\mapsto\; (0.1, -0.2, 0.05)" in shown
    assert report.class_after == 1
    plane = rf"\text{{plane: }} && s_1 - s_0 &= {num(report.score_after, 3)} \;\to\; "
    assert plane + r"\text{inner circle}" in shown
    star = chart(at, "lim_curve")["data"][4]
    assert (star["x"][0], star["y"][0]) == (0.1, -0.2)
    assert share_query(at) == {"lim_point": "0.1, -0.2"}


@pytest.mark.parametrize(
    ("text", "message"),
    [("1, x", "not a number"), ("1", "exactly 2 numbers"),
     ("2, 0", "above the largest allowed value"), ("", "empty")],
    ids=["word", "one number", "out of range", "empty"],
)  # fmt: skip
def test_a_bad_test_point_gets_an_error_and_keeps_the_last_valid(at, text, message) -> None:
    at.text_input(key="lim_point").set_value("-0.5, 0.5").run()
    at.text_input(key="lim_point").set_value(text).run()
    assert_clean(at)
    (error,) = at.error
    assert message in error.value
    assert at.text_input(key="lim_point").value == text  # what was typed stays
    star = chart(at, "lim_line")["data"][4]
    assert (star["x"][0], star["y"][0]) == (-0.5, 0.5)
    assert share_query(at) == {"lim_point": "-0.5, 0.5"}


def test_moving_the_test_point_does_not_retrain(at, monkeypatch) -> None:
    """compare() is cached by its inputs: the test point is not one of them."""
    calls = []
    real = limits.fit_linear
    monkeypatch.setattr(limits, "fit_linear", lambda *a, **k: calls.append(1) or real(*a, **k))
    at.text_input(key="lim_point").set_value("1, 1").run()
    at.text_input(key="lim_point").set_value("-1, 0").run()
    assert_clean(at)
    assert calls == []
    limits.compare.cache_clear()  # other tests may have trained noise 0.07 already
    monkeypatch.setattr(live_chart, "_CACHE", live_chart._FigureCache())
    at.slider(key="lim_noise").set_value(0.06).run()
    # Three noise values, each new data, a line and a plane: 0.06 shown, and the frames of
    # the R² charts at 0.05 and 0.07 (ui/live_chart.py).
    assert len(calls) == 2 * 3


# ------------------------------------------------------------------ links
def test_a_link_restores_every_control() -> None:
    query = {
        "lim_data": "XOR", "lim_feature": "x₂²", "lim_noise": "0.12", "lim_points": "320",
        "lim_seed": "4", "lim_point": "-1, 0.75",
    }  # fmt: skip
    at = open_page(PAGE, query)
    assert at.selectbox(key="lim_data").value == "xor"
    assert at.selectbox(key="lim_feature").value == "sq2"
    assert at.slider(key="lim_noise").value == 0.12
    assert at.slider(key="lim_points").value == 320
    assert at.number_input(key="lim_seed").value == 4
    assert_shows(at, "xor", 320, 0.12, 4, "sq2", point=(-1.0, 0.75))
    assert share_query(at) == query
    assert not at.warning


def test_a_link_with_option_ids_opens_the_same_state() -> None:
    at = open_page(PAGE, {"lim_data": "xor", "lim_feature": "prod"})
    assert_shows(at, "xor", 200, 0.05, 0, "prod")


@pytest.mark.parametrize(
    ("query", "key"),
    [({"lim_noise": "abc"}, "lim_noise"), ({"lim_points": "5"}, "lim_points"),
     ({"lim_data": "spiral"}, "lim_data"), ({"lim_feature": "x₁³"}, "lim_feature"),
     ({"lim_seed": "-3"}, "lim_seed")],
    ids=["noise text", "too few points", "unknown data", "unknown feature", "negative seed"],
)  # fmt: skip
def test_a_garbage_link_opens_the_defaults_with_a_warning(query, key) -> None:
    at = open_page(PAGE, query)
    assert_clean(at)
    assert any(key in w.value for w in at.warning)
    assert_shows(at, *DEFAULT)
