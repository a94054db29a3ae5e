"""views/playground.py in AppTest: Step, Run N, Reset, Re-seed and Play / Pause as a student
clicks them, every sidebar and run control, the presets, a diverging run, the step count and
the start weights in links (good and hostile), the table of points, the comparison and an
uploaded CSV file.

Every number on screen is checked against ``core.pages.playground.train`` with the same
settings: the page shows a pure function of its settings and the step count.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from core.lecture import LECTURE_LABELS, LECTURE_SCORES
from core.losses import LOSSES, svm_loss
from core.pages.playground import (
    MAX_STEPS,
    Settings,
    dataset,
    extent,
    flatten,
    gradients,
    lecture_start,
    make_data,
    point_table,
    regions,
    train,
)
from sections.playground import DATASET_NAMES, GRID_POINTS, PLAY_STEPS
from tests.apptest_utils import (
    assert_clean,
    chart_keys,
    chart_specs,
    figures,
    open_page,
    share_query,
    texts,
)

PAGE = "views/playground.py"
CHARTS = ["pg_regions", "pg_curves"]
DATA = dict(classes=3, n_samples=300, noise=0.6, held_out=0.2, seed=0)  # the page's defaults
PLAYING = "Playing: the formula, the weights and the table follow when you stop."
CODE_SPAN = re.compile(r"`[^`]*`")


@pytest.fixture
def at():
    page = open_page(PAGE)
    assert_clean(page)
    return page


def expected(steps: int = 0, name: str = "blobs", data: dict | None = None, start=None, **kw):
    """The run and data core computes for the page's defaults changed by ``data`` / ``kw``."""
    lecture = {"held_out": 0.0} if name == "lecture" else {}  # the page never splits its 3 points
    points = dataset(name, **(DATA | (data or {}) | lecture))
    return train(Settings(**kw), points, steps, start), points


def status_text(run) -> str:
    held = run.held_accuracy[-1]
    held_text = "" if np.isnan(held) else f" · held-out accuracy **{held:.0%}**"
    return (
        f"Step **{run.steps}** · loss **{run.data_loss[-1] + run.reg_loss[-1]:.4g}** "
        f"(data {run.data_loss[-1]:.4g} + λR {run.reg_loss[-1]:.4g}) · training "
        f"accuracy **{run.train_accuracy[-1]:.0%}**{held_text}"
    )


def status(at) -> str:
    (line,) = [m.value for m in at.markdown if m.value.startswith("Step **")]
    return line


def accuracy(at) -> int:
    return int(re.search(r"training accuracy \*\*(\d+)%\*\*", status(at)).group(1))


def chart(at, key: str) -> dict:
    return figures(at)[chart_keys(at).index(key)]


def spec(at, key: str) -> str:
    return chart_specs(at)[chart_keys(at).index(key)]


def table(at):
    (frame,) = [d.value for d in at.dataframe if d.key == "pg_table"]
    return frame


def weights_table(at):
    (frame,) = [d.value for d in at.dataframe if d.key and d.key.startswith("_pg_weights")]
    return frame


def buttons(at) -> dict[str, tuple[str, bool]]:
    return {b.key: (b.label, b.disabled) for b in at.button}


def assert_shows(at, run, data, names=None, source: str = "") -> None:
    """The status line, the regions, the points, the curves and the table are ``run``'s."""
    assert_clean(at)
    assert status(at) == status_text(run) + source
    regions_chart, curves = chart(at, "pg_regions"), chart(at, "pg_curves")
    assert regions_chart["layout"]["title"]["text"] == f"Decision regions at step {run.steps}"
    lo, hi, _, _ = extent(data)
    grid = np.linspace(lo, hi, GRID_POINTS)
    np.testing.assert_array_equal(regions_chart["data"][0]["x"], grid)
    np.testing.assert_array_equal(
        regions_chart["data"][0]["z"], regions(run, grid, grid).astype(np.float32) + 0.5
    )
    names = names or tuple(f"class {k}" for k in range(data.classes))
    playing = any(c.value == PLAYING for c in at.caption)
    if playing:  # all points in one trace, cheaper for the browser to redraw
        (points,) = regions_chart["data"][1:]
        np.testing.assert_array_equal(points["x"], np.concatenate([data.X, data.X_held])[:, 0])
    else:
        shown = {t["name"]: t for t in regions_chart["data"][1:]}
        for k, name in enumerate(names):
            np.testing.assert_array_equal(shown[name]["x"], data.X[data.y == k, 0])
    total = curves["data"][0]
    assert total["name"] == "total"
    assert total["x"][-1] == run.steps
    assert total["y"][-1] == run.data_loss[-1] + run.reg_loss[-1]
    if playing:
        return
    frame, points = table(at), point_table(run, data)
    assert len(frame) == points.y.size
    np.testing.assert_allclose(frame["L_i"], points.loss, rtol=1e-12)
    for k, name in enumerate(names):
        np.testing.assert_allclose(frame[f"s ({name})"], points.scores[:, k], rtol=1e-12)


def click(at, key: str):
    return at.button(key=key).click().run()


# ------------------------------------------------------------------ defaults and buttons
def test_defaults_show_step_0_of_the_seeded_linear_svm(at) -> None:
    assert chart_keys(at) == CHARTS
    assert_shows(at, *expected())
    assert not at.warning and not at.error
    assert share_query(at) == {}
    assert buttons(at)["pg_run"] == ("Run 100", False)
    assert LOSSES["svm"].formula in texts(at)


def test_step_takes_one_update(at) -> None:
    click(at, "pg_step")
    assert_shows(at, *expected(1))
    assert chart(at, "pg_regions")["layout"]["title"]["text"] == "Decision regions at step 1"
    assert share_query(at) == {"pg_steps": "1"}
    click(at, "pg_step")
    assert_shows(at, *expected(2))
    assert share_query(at) == {"pg_steps": "2"}


@pytest.mark.parametrize("n", ["10", "100", "1000"])
def test_run_n_takes_n_updates(at, n) -> None:
    at.selectbox(key="pg_n").set_value(n).run()
    assert buttons(at)["pg_run"] == (f"Run {n}", False)
    click(at, "pg_run")
    assert_shows(at, *expected(int(n)))
    assert share_query(at) == {"pg_steps": n} | ({} if n == "100" else {"pg_n": n})


def test_reset_goes_back_to_step_0_from_the_same_start(at) -> None:
    before = (status(at), spec(at, "pg_regions"))
    click(at, "pg_run")
    assert status(at) != before[0]
    click(at, "pg_reset")
    assert (status(at), spec(at, "pg_regions")) == before
    assert_shows(at, *expected(0))
    assert share_query(at) == {}


def test_reseed_draws_new_start_weights_at_step_0(at) -> None:
    click(at, "pg_run")
    click(at, "pg_reseed")
    assert at.number_input(key="pg_seed").value == 1
    assert_shows(at, *expected(0, seed=1))
    assert share_query(at) == {"pg_seed": "1"}
    click(at, "pg_step")
    click(at, "pg_reseed")
    assert_shows(at, *expected(0, seed=2))
    assert share_query(at) == {"pg_seed": "2"}


def play(at, on: bool = True) -> None:
    """Flip the Play switch (a switch, not a button: see sections.playground._buttons)."""
    at.toggle(key="pg_play").set_value(on).run()


def test_play_disables_the_buttons_and_stopping_gives_them_back(at) -> None:
    play(at)
    assert at.toggle(key="pg_play").value is True
    for key in ("pg_step", "pg_run", "pg_reset", "pg_reseed"):
        assert buttons(at)[key][1] is True, key
    assert PLAYING in [c.value for c in at.caption]
    assert not at.dataframe  # the table follows on pause
    # AppTest runs no timer: each run of the page is one tick of PLAY_STEPS steps
    assert_shows(at, *expected(PLAY_STEPS))
    at.run()
    assert_shows(at, *expected(2 * PLAY_STEPS))
    play(at, False)
    assert at.toggle(key="pg_play").value is False
    assert not any(disabled for _, disabled in buttons(at).values())
    assert PLAYING not in [c.value for c in at.caption]
    assert_shows(at, *expected(2 * PLAY_STEPS))
    assert share_query(at) == {"pg_steps": str(2 * PLAY_STEPS)}


def test_play_stops_by_itself_at_the_last_step() -> None:
    at = open_page(PAGE, {"pg_data": "lecture", "pg_steps": str(MAX_STEPS - 2)})
    play(at)
    assert_clean(at)
    assert at.toggle(key="pg_play").value is False  # switched off by the run itself
    run, data = expected(MAX_STEPS, "lecture")
    assert_shows(at, run, data, ("Dog", "Bird", "Truck"))
    assert share_query(at)["pg_steps"] == str(MAX_STEPS)


def test_play_stops_by_itself_when_the_run_diverges() -> None:
    at = open_page(PAGE, {"pg_loss": "mse", "pg_lr": "100"})
    play(at)
    assert_clean(at)
    assert at.toggle(key="pg_play").value is False  # switched off by the run itself
    assert PLAYING not in [c.value for c in at.caption]
    (error,) = at.error
    assert "diverged" in error.value and "η = 100" in error.value


# ------------------------------------------------------------------ the step count in links
def test_a_link_with_the_step_count_reopens_the_same_run(at) -> None:
    for _ in range(2):
        click(at, "pg_run")
    at.selectbox(key="pg_n").set_value("10").run()
    for _ in range(5):
        click(at, "pg_run")
    assert_shows(at, *expected(250))
    query = share_query(at)
    assert query == {"pg_steps": "250", "pg_n": "10"}
    clicked = (status(at), spec(at, "pg_regions"), spec(at, "pg_curves"))
    linked = open_page(PAGE, query)
    assert_clean(linked)
    assert (status(linked), spec(linked, "pg_regions"), spec(linked, "pg_curves")) == clicked
    assert not linked.warning


@pytest.mark.parametrize("raw", ["abc", "-3", "99999", "2.5", "1e3x"])
def test_a_bad_step_count_in_a_link_opens_step_0_with_a_warning(raw) -> None:
    at = open_page(PAGE, {"pg_steps": raw})
    assert_clean(at)
    assert any("pg_steps" in w.value for w in at.warning)
    assert_shows(at, *expected(0))
    assert "pg_steps" not in share_query(at)


# ------------------------------------------------------------------ the sidebar's data
@pytest.mark.parametrize("name", ["circles", "spiral", "xor"])
def test_each_data_set_is_drawn_and_trained(at, name) -> None:
    at.selectbox(key="pg_data").set_value(name).run()
    assert_shows(at, *expected(0, name))
    click(at, "pg_run")
    assert_shows(at, *expected(100, name))
    assert share_query(at)["pg_data"] == DATASET_NAMES[name]
    assert at.slider(key="pg_classes").disabled is (name == "xor")


def test_the_lecture_data_is_three_points_with_the_lecture_names(at) -> None:
    at.selectbox(key="pg_data").set_value("lecture").run()
    assert_shows(at, *expected(0, "lecture"), ("Dog", "Bird", "Truck"))
    assert list(table(at)["label"]) == ["Dog", "Bird", "Truck"]
    assert "held-out" not in status(at)
    for key in ("pg_classes", "pg_points", "pg_noise", "pg_held"):
        assert at.slider(key=key).disabled, key
    assert at.number_input(key="pg_dseed").disabled


@pytest.mark.parametrize("classes", [2, 3, 4, 5])
def test_the_class_count_sets_the_classes_shown(at, classes) -> None:
    at.slider(key="pg_classes").set_value(classes).run()
    run, data = expected(0, data={"classes": classes})
    assert_shows(at, run, data)
    assert table(at)["label"].nunique() == classes
    legend = [t["name"] for t in chart(at, "pg_regions")["data"][1:] if t.get("showlegend")]
    assert legend == [f"class {k}" for k in range(classes)]
    assert weights_table(at)["class"].tolist() == legend


def test_points_noise_and_data_seed_draw_new_points(at) -> None:
    at.slider(key="pg_points").set_value(100).run()
    assert_shows(at, *expected(0, data={"n_samples": 100}))
    assert len(table(at)) == 100
    at.slider(key="pg_noise").set_value(0.2).run()
    assert_shows(at, *expected(0, data={"n_samples": 100, "noise": 0.2}))
    at.number_input(key="pg_dseed").set_value(5).run()
    assert_shows(at, *expected(0, data={"n_samples": 100, "noise": 0.2, "seed": 5}))
    assert share_query(at) == {"pg_points": "100", "pg_noise": "0.2", "pg_dseed": "5"}


def test_held_out_points_are_rings_and_a_curve_and_none_without_them(at) -> None:
    names = [t["name"] for t in chart(at, "pg_regions")["data"][1:]]
    assert "class 0 (held out)" in names and "held out" in names
    assert "held-out acc." in [t["name"] for t in chart(at, "pg_curves")["data"]]
    assert (table(at)["set"] == "held out").sum() == 60
    at.slider(key="pg_held").set_value(0.0).run()
    run, data = expected(0, data={"held_out": 0.0})
    assert_shows(at, run, data)
    assert "held-out" not in status(at)
    assert not any("held out" in t["name"] for t in chart(at, "pg_regions")["data"][1:])
    assert "held-out acc." not in [t["name"] for t in chart(at, "pg_curves")["data"]]
    assert set(table(at)["set"]) == {"training"}
    at.slider(key="pg_held").set_value(0.5).run()
    assert_shows(at, *expected(0, data={"held_out": 0.5}))
    assert (table(at)["set"] == "held out").sum() == 150


# ------------------------------------------------------------------ model and optimizer
def test_the_two_layer_network_with_its_width_and_activation(at) -> None:
    assert at.slider(key="pg_hidden").disabled and at.selectbox(key="pg_act").disabled
    at.radio(key="pg_model").set_value("mlp").run()
    assert not at.slider(key="pg_hidden").disabled
    assert_shows(at, *expected(0, model="mlp"))
    at.slider(key="pg_hidden").set_value(16).run()
    at.selectbox(key="pg_act").set_value("tanh").run()
    click(at, "pg_run")
    run, data = expected(100, model="mlp", hidden=16, activation="tanh")
    assert_shows(at, run, data)
    grads = gradients(run, data)
    assert (
        f"Two-layer network: W₁ is 16 × 2, W₂ is 3 × 16; ‖∇W₁‖ = {np.linalg.norm(grads[0]):.3g}"
        in texts(at)
    )
    assert not [d for d in at.dataframe if d.key != "pg_table"]  # no weights editor
    assert share_query(at) == {
        "pg_model": "Two-layer network", "pg_hidden": "16", "pg_act": "tanh", "pg_steps": "100",
    }  # fmt: skip


@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_each_activation_trains_its_own_network(at, activation) -> None:
    at.radio(key="pg_model").set_value("mlp").run()
    at.selectbox(key="pg_act").set_value(activation).run()
    click(at, "pg_step")
    assert_shows(at, *expected(1, model="mlp", activation=activation))


def test_sgd_with_a_batch_size_and_momentum(at) -> None:
    assert at.slider(key="pg_batch").disabled
    at.radio(key="pg_opt").set_value("sgd").run()
    at.slider(key="pg_batch").set_value(8).run()
    at.selectbox(key="pg_mom").set_value("0.9").run()
    click(at, "pg_run")
    assert_shows(at, *expected(100, optimizer="sgd", batch_size=8, momentum=0.9))
    assert r"\text{momentum }\mu = 0.9" in texts(at)
    assert share_query(at) == {
        "pg_opt": "SGD (mini-batches)", "pg_batch": "8", "pg_mom": "0.9", "pg_steps": "100",
    }  # fmt: skip


def test_momentum_alone_changes_gradient_descent(at) -> None:
    at.selectbox(key="pg_mom").set_value("0.5").run()
    click(at, "pg_run")
    assert_shows(at, *expected(100, momentum=0.5))


def test_the_start_seed_draws_other_start_weights(at) -> None:
    at.number_input(key="pg_seed").set_value(7).run()
    run, data = expected(0, seed=7)
    assert_shows(at, run, data)
    np.testing.assert_allclose(weights_table(at)["w₁"], run.params[0][:, 0], rtol=1e-12)
    np.testing.assert_allclose(
        weights_table(at)["∂L/∂w₂"], gradients(run, data)[0][:, 1], rtol=1e-12
    )


# ------------------------------------------------------------------ the run's controls
@pytest.mark.parametrize("loss", list(LOSSES))
def test_each_loss_trains_and_shows_its_formula(at, loss) -> None:
    at.selectbox(key="pg_loss").set_value(loss).run()
    assert at.slider(key="pg_margin").disabled is ("margin" not in LOSSES[loss].params)
    click(at, "pg_run")
    assert_shows(at, *expected(100, loss=loss))
    assert LOSSES[loss].formula in texts(at)


def test_the_margin_changes_the_svm_loss(at) -> None:
    at.slider(key="pg_margin").set_value(2.5).run()
    assert_shows(at, *expected(0, margin=2.5))
    click(at, "pg_run")
    assert_shows(at, *expected(100, margin=2.5))
    assert share_query(at)["pg_margin"] == "2.5"


def test_the_penalty_and_its_strength(at) -> None:
    at.selectbox(key="pg_reg").set_value("none").run()
    assert at.selectbox(key="pg_lam").disabled
    assert_shows(at, *expected(0, regularizer="none"))
    assert "+ λR 0)" in status(at)
    assert r"\lambda R(W)" not in texts(at)
    at.selectbox(key="pg_reg").set_value("l1").run()
    at.selectbox(key="pg_lam").set_value("0.1").run()
    click(at, "pg_run")
    assert_shows(at, *expected(100, regularizer="l1", lam=0.1))
    assert r"\lambda R(W)" in texts(at)
    at.selectbox(key="pg_reg").set_value("l2").run()
    assert_shows(at, *expected(100, regularizer="l2", lam=0.1))


def test_the_learning_rate(at) -> None:
    at.selectbox(key="pg_lr").set_value("0.01").run()
    click(at, "pg_run")
    run, data = expected(100, learning_rate=0.01)
    assert_shows(at, run, data)
    assert status(at) != status_text(expected(100)[0])
    assert r"\eta = 0.01" in texts(at)


def test_a_diverging_run_says_so_with_its_learning_rate(at) -> None:
    at.selectbox(key="pg_loss").set_value("mse").run()
    at.selectbox(key="pg_lr").set_value("100").run()
    click(at, "pg_run")
    run, data = expected(100, loss="mse", learning_rate=100.0)
    assert run.diverged_at is not None
    assert_shows(at, run, data)
    (error,) = at.error
    assert f"diverged at step {run.diverged_at}" in error.value and "η = 100" in error.value
    assert "nan" not in texts(at).lower() and "inf" not in status(at)
    assert share_query(at)["pg_steps"] == "100"
    click(at, "pg_step")  # nothing left to train: the same last finite step
    assert_shows(at, run, data)


# ------------------------------------------------------------------ presets
def test_the_lecture_preset_starts_at_the_lecture_scores(at) -> None:
    click(at, "pg_run")
    click(at, "pg_preset_lecture")
    assert_clean(at)
    names = ("Dog", "Bird", "Truck")
    frame = table(at)
    scores = frame[[f"s ({name})" for name in names]].to_numpy()
    np.testing.assert_allclose(scores, LECTURE_SCORES, atol=1e-12)
    per_point = svm_loss(LECTURE_SCORES, LECTURE_LABELS)
    np.testing.assert_allclose(frame["L_i"], per_point, atol=1e-12)
    assert f"(data {per_point.mean():.4g} + λR 0)" in status(at)
    assert status(at).startswith("Step **0**")
    query = share_query(at)
    assert query["pg_data"] == "Lecture: dog, bird, truck" and "pg_steps" not in query
    start = np.array([float(v) for v in query["pg_start"].split(",")])
    np.testing.assert_array_equal(start, flatten(lecture_start()))
    run, data = expected(0, "lecture", start=lecture_start(), regularizer="none")
    assert_shows(at, run, data, names)


def test_the_circles_preset_learns_the_rings() -> None:
    at = open_page(PAGE)
    click(at, "pg_preset_circles")
    assert_clean(at)
    assert status(at).startswith("Step **300**")
    assert accuracy(at) >= 90
    assert at.radio(key="pg_model").value == "mlp"
    assert share_query(at)["pg_steps"] == "300"


def test_the_spiral_preset_learns_the_arms() -> None:
    at = open_page(PAGE)
    click(at, "pg_preset_spiral")
    assert_clean(at)
    assert status(at).startswith("Step **1500**")
    assert chart_keys(at) == CHARTS
    assert chart(at, "pg_regions")["layout"]["title"]["text"] == "Decision regions at step 1500"
    assert accuracy(at) >= 90  # sixteen tanh units learn the two arms
    assert not at.error and not at.warning


# ------------------------------------------------------------------ start weights in links
def test_a_link_with_the_lecture_start_reproduces_its_scores() -> None:
    text = ", ".join(repr(float(v)) for v in flatten(lecture_start()))
    at = open_page(PAGE, {"pg_data": "lecture", "pg_start": text})
    assert_clean(at)
    assert not at.warning and not at.info
    scores = table(at)[["s (Dog)", "s (Bird)", "s (Truck)"]].to_numpy()
    np.testing.assert_allclose(scores, LECTURE_SCORES, atol=1e-12)
    assert share_query(at)["pg_start"] == text


def test_a_start_that_does_not_fit_the_model_uses_the_seeded_start() -> None:
    text = ", ".join(repr(float(v)) for v in flatten(lecture_start()))
    at = open_page(PAGE, {"pg_model": "mlp", "pg_start": text})
    assert_clean(at)
    (info,) = at.info
    assert "do not fit this model" in info.value and "got 9" in info.value
    assert_shows(at, *expected(0, model="mlp"))
    assert "pg_start" not in share_query(at)


@pytest.mark.parametrize(
    "raw", ["[x](http://e.co)", "1e999", "__import__('os')", "1, 2, nan"],
    ids=["link", "overflow", "code", "nan"],
)  # fmt: skip
def test_hostile_start_text_in_a_link_gives_a_warning_and_the_seeded_start(raw) -> None:
    at = open_page(PAGE, {"pg_start": raw})
    assert_clean(at)
    (warning,) = [w.value for w in at.warning if "pg_start" in w.value]
    assert "e.co" not in CODE_SPAN.sub("", warning) and "](" not in CODE_SPAN.sub("", warning)
    assert_shows(at, *expected(0))
    assert "pg_start" not in share_query(at)


# ------------------------------------------------------------------ the table of points
def test_selecting_a_row_circles_the_point_and_describes_it(at) -> None:
    """AppTest cannot click a row; the selection state is set as the browser would set it."""
    run, data = expected(0)
    points = point_table(run, data)
    at.session_state["pg_table"] = {"selection": {"rows": [3], "columns": [], "cells": []}}
    at.run()
    assert_clean(at)
    ring = chart(at, "pg_regions")["data"][-1]
    assert ring["name"] == "point 3"
    np.testing.assert_array_equal([ring["x"][0], ring["y"][0]], points.X[3])
    (caption,) = [c.value for c in at.caption if c.value.startswith("Point 3")]
    assert f"L_i = {points.loss[3]:.4f}" in caption
    assert table(at)["point"].tolist() == list(range(points.y.size))


# ------------------------------------------------------------------ comparison
def test_compare_a_second_loss_and_a_second_lambda(at) -> None:
    assert "pg_compare" not in chart_keys(at)
    click(at, "pg_run")
    at.toggle(key="pg_cmp").set_value(True).run()
    assert_clean(at)
    assert chart_keys(at) == [*CHARTS, "pg_cmp_a", "pg_cmp_b", "pg_compare"]
    first = expected(100)[0]
    second = expected(100, loss="ce")[0]
    assert chart(at, "pg_cmp_a")["layout"]["title"]["text"] == (
        f"{LOSSES['svm'].name}: {first.train_accuracy[-1]:.0%}"
    )
    assert chart(at, "pg_cmp_b")["layout"]["title"]["text"] == (
        f"{LOSSES['ce'].name}: {second.train_accuracy[-1]:.0%}"
    )
    assert f"data loss {second.data_loss[-1]:.4g}" in texts(at)
    at.selectbox(key="pg_cmp_loss").set_value("svm").run()
    (info,) = at.info
    assert "same settings" in info.value
    assert "pg_compare" not in chart_keys(at)
    at.radio(key="pg_cmp_what").set_value("lam").run()
    at.selectbox(key="pg_cmp_lam").set_value("1").run()
    assert_clean(at)
    other = expected(100, lam=1.0)[0]
    assert chart(at, "pg_cmp_b")["layout"]["title"]["text"] == (
        f"L2, λ = 1: {other.train_accuracy[-1]:.0%}"
    )
    assert chart_keys(at)[-1] == "pg_compare"
    at.selectbox(key="pg_cmp_lam").set_value("0.001").run()
    assert "same settings" in at.info[0].value


# ------------------------------------------------------------------ uploaded points
CSV = b"x1,x2,label\n0,0,0\n0.5,0.2,0\n2,2,1\n2.5,1.5,1\n-2,2,2\n-1.5,2.5,2\n"


def test_an_uploaded_csv_file_is_trained_on() -> None:
    at = open_page(PAGE)
    at.file_uploader(key="pg_csv").upload("mine.csv", CSV, "text/csv").run()
    assert_clean(at)
    rows = np.array([[float(v) for v in line.split(",")] for line in CSV.decode().split()[1:]])
    data = make_data(rows[:, :2], rows[:, 2])
    run = train(Settings(), data, 0)
    assert status(at) == status_text(run) + " · your points: `mine.csv`"
    click(at, "pg_run")
    assert_shows(at, train(Settings(), data, 100), data, source=" · your points: `mine.csv`")
    assert "pg_csv" not in share_query(at)  # a link cannot carry a file


def test_a_bad_csv_file_says_why_and_keeps_the_data_set() -> None:
    at = open_page(PAGE)
    at.file_uploader(key="pg_csv").upload("[x](http://e.co).csv", b"hello", "text/csv").run()
    assert_clean(at)
    (error,) = at.error
    assert "was not used" in error.value and "e.co" not in CODE_SPAN.sub("", error.value)
    assert_shows(at, *expected(0))
