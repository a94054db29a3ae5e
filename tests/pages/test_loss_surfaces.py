"""views/loss_surfaces.py in AppTest: the defaults show the plateau, every control changes what
it should, bad input gets a message, and a link restores the state."""

from __future__ import annotations

import numpy as np
import pytest

from core.pages.loss_surfaces import descent, network, saturation, slice_at, surfaces
from figures.loss_surfaces import CAMERAS, PATH_NAMES
from tests.apptest_utils import (
    assert_clean,
    chart_keys,
    chart_specs,
    figures,
    open_page,
    share_query,
    texts,
)

PAGE = "views/loss_surfaces.py"
CHARTS = ["surf_3d", "surf_grad", "surf_slice_chart"]
NET = dict(n_samples=100, hidden=2, seed=8)


@pytest.fixture
def at():
    page = open_page(PAGE)
    assert_clean(page)
    return page


def chart(at, key: str) -> dict:
    return figures(at)[chart_keys(at).index(key)]


def surface_z(at) -> dict[str, np.ndarray]:
    return {
        t["name"]: np.asarray(t["z"])
        for t in chart(at, "surf_3d")["data"]
        if t["type"] == "surface"
    }


def path_of(at, name: str) -> np.ndarray:
    """The 3D chart's descent path on the loss ``name`` ("cross-entropy" or "MSE")."""
    wanted = PATH_NAMES[("cross-entropy", "MSE").index(name)]
    (trace,) = [t for t in chart(at, "surf_3d")["data"] if t.get("name") == wanted]
    return np.column_stack([trace["x"], trace["y"]])


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def steps(at) -> tuple[str, str]:
    m = metrics(at)
    return m["Cross-entropy steps"], m["MSE steps"]


def test_defaults_show_both_surfaces_and_the_mse_descent_crawling(at) -> None:
    assert chart_keys(at) == CHARTS
    net = network(**NET)
    surf = surfaces(net, 6.0, 51)
    z = surface_z(at)
    np.testing.assert_allclose(z["cross-entropy"], surf.loss[0], rtol=1e-6)
    np.testing.assert_allclose(z["MSE"], surf.loss[1], rtol=1e-6)
    run = descent(net, (5.0, 5.0), 1.0, 6.0, 51)
    assert steps(at) == (f"{run.reached[0]} steps", f"{run.reached[1]} steps")
    assert run.reached[1] > 5 * run.reached[0]
    sat = saturation(net, 5.0, 5.0)
    assert f"= {sat.slope:.3g}" in texts(at)
    assert "What to see" in texts(at) and "σ′(z) = p(1 − p)" in texts(at)
    assert not at.error and not at.warning
    assert share_query(at) == {}


def test_a_rerun_at_the_same_inputs_reuses_the_cached_surfaces(at) -> None:
    before = surfaces(network(**NET), 6.0, 51)
    at.run()
    assert surfaces(network(**NET), 6.0, 51) is before
    assert_clean(at)


@pytest.mark.parametrize(
    ("key", "value", "net_change", "url"),
    [
        ("surf_seed", 3, dict(seed=3), "3"),
        ("surf_n", 60, dict(n_samples=60), "60"),
        ("surf_hidden", 4, dict(hidden=4), "4"),
    ],
    ids=["seed", "samples", "hidden"],
)
def test_network_controls_change_the_surfaces(at, key, value, net_change, url) -> None:
    widget = at.number_input(key=key) if key == "surf_seed" else at.slider(key=key)
    widget.set_value(value).run()
    assert_clean(at)
    surf = surfaces(network(**{**NET, **net_change}), 6.0, 51)
    np.testing.assert_allclose(surface_z(at)["MSE"], surf.loss[1], rtol=1e-6)
    assert share_query(at) == {key: url}


@pytest.mark.parametrize(
    ("key", "option", "kwargs", "url"),
    [
        ("surf_act", "sigmoid", dict(activation="sigmoid"), "sigmoid"),
        ("surf_act", "relu", dict(activation="relu"), "ReLU"),
        ("surf_w1", "x2h1", dict(w1_index=(1, 0)), "x₂ → h₁"),
        ("surf_w1", "x1h2", dict(w1_index=(0, 1)), "x₁ → h₂"),
        ("surf_w2", "h2", dict(w2_index=1), "h₂ → output"),
    ],
    ids=["sigmoid", "relu", "w1 x2h1", "w1 x1h2", "w2 h2"],
)
def test_choice_controls_change_the_network(at, key, option, kwargs, url) -> None:
    at.selectbox(key=key).set_value(option).run()
    assert_clean(at)
    surf = surfaces(network(**NET, **kwargs), 6.0, 51)
    np.testing.assert_allclose(surface_z(at)["cross-entropy"], surf.loss[0], rtol=1e-6)
    assert share_query(at) == {key: url}


def test_the_axis_titles_name_the_chosen_weights(at) -> None:
    at.selectbox(key="surf_w1").set_value("x2h2").run()
    at.selectbox(key="surf_w2").set_value("h2").run()
    scene = chart(at, "surf_3d")["layout"]["scene"]
    assert scene["xaxis"]["title"]["text"] == "W1 (x₂ → h₂)"
    assert scene["yaxis"]["title"]["text"] == "W2 (h₂ → output)"


def test_a_weight_of_a_missing_hidden_unit_gets_an_error_and_h1_is_shown(at) -> None:
    at.selectbox(key="surf_w2").set_value("h5").run()
    assert_clean(at)
    (error,) = at.error
    assert "no weight h₅ → output" in error.value and "add hidden units" in error.value
    surf = surfaces(network(**NET), 6.0, 51)  # the default weights, h1
    np.testing.assert_allclose(surface_z(at)["MSE"], surf.loss[1], rtol=1e-6)
    query = share_query(at)
    assert query == {"surf_w2": "h₅ → output"}  # the link reopens this screen, error and all
    again = open_page(PAGE, query)
    assert [e.value for e in again.error] == [error.value]
    np.testing.assert_allclose(surface_z(again)["MSE"], surf.loss[1], rtol=1e-6)
    at.slider(key="surf_hidden").set_value(6).run()
    assert not at.error
    surf = surfaces(network(100, 6, seed=8, w2_index=4), 6.0, 51)
    np.testing.assert_allclose(surface_z(at)["MSE"], surf.loss[1], rtol=1e-6)


def test_grid_resolution_and_weight_range_set_the_grid(at) -> None:
    at.slider(key="surf_grid").set_value(21).run()
    at.slider(key="surf_range").set_value(3.0).run()
    assert_clean(at)
    (ce,) = [t for t in chart(at, "surf_3d")["data"] if t.get("name") == "cross-entropy"]
    np.testing.assert_allclose(ce["x"], np.linspace(-3, 3, 21), rtol=1e-6)
    assert np.asarray(ce["z"]).shape == (21, 21)
    assert share_query(at) == {"surf_grid": "21", "surf_range": "3"}
    (note,) = at.info  # the start (5, 5) lies outside ±3: clipped, and said so
    assert "nearest point inside, (3, 3)" in note.value
    np.testing.assert_allclose(path_of(at, "MSE")[0], [3.0, 3.0])


def test_start_and_learning_rate_move_the_descent(at) -> None:
    at.text_input(key="surf_start").set_value("-2, 3").run()
    at.slider(key="surf_lr").set_value(0.5).run()
    assert_clean(at)
    run = descent(network(**NET), (-2.0, 3.0), 0.5, 6.0, 51)
    np.testing.assert_allclose(path_of(at, "cross-entropy"), run.path[0])
    heat_paths = [t for t in chart(at, "surf_grad")["data"] if t["type"] == "scatter"]
    np.testing.assert_allclose(heat_paths[1]["x"], run.path[1, :, 0])
    expected = tuple(f"{r} steps" if r >= 0 else "> 300" for r in run.reached)
    assert steps(at) == expected
    assert share_query(at) == {"surf_start": "-2, 3", "surf_lr": "0.5"}


@pytest.mark.parametrize(
    ("start", "lr", "state"),
    [
        ("-4, -5", "1", "held at the edge of the ±6 square"),
        ("4, 4", "0.2", "still on its way"),
    ],
    ids=["edge", "on its way"],
)
def test_a_descent_that_misses_its_target_says_where_it_ended(at, start, lr, state) -> None:
    at.text_input(key="surf_start").set_value(start).run()
    at.slider(key="surf_lr").set_value(float(lr)).run()
    a, b = (float(v) for v in start.split(","))
    run = descent(network(**NET), (a, b), float(lr), 6.0, 51)
    (missed,) = np.flatnonzero(run.reached < 0)
    name = ("Cross-entropy", "MSE")[missed]
    assert steps(at)[missed] == "> 300"
    caption = texts(at)
    assert f"{name} did not get there in 300 steps" in caption
    assert f"({state})." in caption


def test_toggles_switch_each_surface_off(at) -> None:
    at.toggle(key="surf_ce").set_value(False).run()
    assert set(surface_z(at)) == {"MSE"}
    at.toggle(key="surf_mse").set_value(False).run()
    assert surface_z(at) == {}
    assert "Both surfaces are switched off" in at.info[0].value
    assert share_query(at) == {"surf_ce": "false", "surf_mse": "false"}


def test_scaling_maps_each_surface_to_0_1_and_keeps_the_loss_in_the_hover(at) -> None:
    at.toggle(key="surf_scale").set_value(True).run()
    assert_clean(at)
    surf = surfaces(network(**NET), 6.0, 51)
    for index, z in enumerate(surface_z(at).values()):
        loss = surf.loss[index]
        np.testing.assert_allclose(z, (loss - loss.min()) / np.ptp(loss), atol=1e-6)
    scene = chart(at, "surf_3d")["layout"]["scene"]
    assert scene["zaxis"]["title"]["text"] == "loss, 0–1 each"
    assert share_query(at) == {"surf_scale": "true"}


def test_the_view_selects_a_camera(at) -> None:
    paper = chart(at, "surf_3d")["layout"]["scene"]["camera"]["eye"]
    at.selectbox(key="surf_cam").set_value("above").run()
    scene = chart(at, "surf_3d")["layout"]["scene"]
    assert scene["camera"]["eye"] != paper and scene["camera"]["eye"] == CAMERAS["above"]["eye"]
    assert scene["uirevision"] == "above"
    assert share_query(at) == {"surf_cam": "From above"}


@pytest.mark.parametrize(
    ("text", "message"),
    [("5", "2 numbers"), ("5, x", "number"), ("5, 50", "10"), ("", "empty"), ("nan, 1", "")],
    ids=["one number", "a letter", "out of range", "empty", "nan"],
)
def test_a_bad_start_point_gets_an_error_and_the_last_valid_start_is_used(
    at, text, message
) -> None:
    at.text_input(key="surf_start").set_value("-2, 3").run()
    at.text_input(key="surf_start").set_value(text).run()
    assert_clean(at)
    (error,) = at.error
    assert message in error.value
    assert at.text_input(key="surf_start").value == text  # what was typed stays in the box
    run = descent(network(**NET), (-2.0, 3.0), 1.0, 6.0, 51)
    np.testing.assert_allclose(path_of(at, "MSE"), run.path[1])
    assert share_query(at) == {"surf_start": "-2, 3"}


def test_the_slice_control_moves_the_slice_and_leaves_the_3d_chart_alone(at) -> None:
    spec_3d = chart_specs(at)[chart_keys(at).index("surf_3d")]
    at.slider(key="surf_slice").set_value(2.5).run()
    assert chart_specs(at)[chart_keys(at).index("surf_3d")] == spec_3d
    assert_clean(at)
    data = chart(at, "surf_slice_chart")
    np.testing.assert_allclose(data["data"][1]["y"], slice_at(network(**NET), 2.5, 6.0)[1])
    assert data["layout"]["title"]["text"] == "Slice at W2 = 2.5"
    shapes = chart(at, "surf_grad")["layout"]["shapes"]
    assert [s["y0"] for s in shapes] == [2.5, 2.5]
    assert share_query(at) == {"surf_slice": "2.5"}


def test_a_link_restores_the_state() -> None:
    query = {
        "surf_seed": "3", "surf_n": "60", "surf_hidden": "3", "surf_act": "sigmoid",
        "surf_w1": "x₂ → h₃", "surf_w2": "h₂ → output", "surf_grid": "31", "surf_range": "4",
        "surf_start": "-1, 2", "surf_lr": "2", "surf_cam": "Side: along W1",
        "surf_slice": "-1.5", "surf_mse": "false",
    }  # fmt: skip
    at = open_page(PAGE, query)
    assert_clean(at)
    assert not at.warning and not at.error
    net = network(60, 3, seed=3, activation="sigmoid", w1_index=(1, 2), w2_index=1)
    surf = surfaces(net, 4.0, 31)
    assert set(surface_z(at)) == {"cross-entropy"}
    np.testing.assert_allclose(surface_z(at)["cross-entropy"], surf.loss[0], rtol=1e-6)
    run = descent(net, (-1.0, 2.0), 2.0, 4.0, 31)
    np.testing.assert_allclose(path_of(at, "cross-entropy"), run.path[0])
    assert share_query(at) == query


def test_garbage_in_a_link_opens_the_defaults_with_a_warning() -> None:
    at = open_page(PAGE, {"surf_grid": "500", "surf_act": "softsign", "surf_lr": "abc"})
    assert_clean(at)
    warned = " ".join(w.value for w in at.warning)
    for key in ("surf_grid", "surf_act", "surf_lr"):
        assert key in warned
    np.testing.assert_allclose(
        surface_z(at)["MSE"], surfaces(network(**NET), 6.0, 51).loss[1], rtol=1e-6
    )
