"""views/regularization.py in AppTest: the lecture's example, every control, bad input,
links, extreme λ, and the λ slider reusing the cached training sweep."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from core.pages.regularization import (
    FIT_EXPONENTS,
    GEOMETRY_EXPONENTS,
    geometry,
    penalty_table,
    train_sweep,
)
from tests.apptest_utils import (
    assert_clean,
    chart_keys,
    chart_specs,
    figures,
    open_page,
    share_query,
    texts,
)
from ui.latex import vector

PAGE = "views/regularization.py"
DATA = dict(degree=8, noise=0.3, n_points=200, held_out=0.8, seed=0)  # the page's defaults
CHARTS = [
    "reg_bars", "reg_geometry", "reg_paths", "reg_regions", "reg_sweep", "reg_history",
    "reg_weights",
]  # fmt: skip
LECTURE_ROWS = ["| w1 | 1 | 1 | 1 | 1 | 0.1 |", "| w2 | 1 | 1 | 0.25 | 0.625 | 0.025 |"]
VERDICTS = [
    "- **L2** prefers **w2** (1 vs 0.25): squaring punishes one large weight more than "
    "several small ones.",
    "- **L1** ties (1 = 1): it adds up absolute values, so it does not care how the weight "
    "is spread.",
    "- **elastic net** prefers **w2** (1 vs 0.625): it mixes the two.",
]


@pytest.fixture
def at():
    page = open_page(PAGE)
    assert_clean(page)
    return page


def chart(at, key: str) -> dict:
    """The decoded figure of the chart with ``st.plotly_chart`` key ``key``."""
    return figures(at)[chart_keys(at).index(key)]


def spec(at, key: str) -> str:
    """The chart's JSON as sent to the browser (compares whole figures exactly)."""
    return chart_specs(at)[chart_keys(at).index(key)]


def specs(at) -> list[str]:
    return chart_specs(at)


def table(at) -> str:
    (md,) = [m.value for m in at.markdown if "score wᵀx" in m.value]
    return md


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def errors(at) -> str:
    return " ".join(e.value for e in at.error)


def has_nan(text: str) -> bool:
    return re.search(r"(?<![A-Za-z])nan(?![A-Za-z])", text, flags=re.IGNORECASE) is not None


def fit_index(exponent: float) -> int:
    """The sweep's run for the fit slider's log₁₀ λ (run 0 is λ = 0)."""
    return 1 + int(np.argmin(np.abs(FIT_EXPONENTS - exponent)))


def expected_metrics(runs, index: int) -> dict[str, str]:
    return {
        "Training accuracy": f"{runs.train_accuracy[index]:.1%}",
        "Held-out accuracy": f"{runs.held_accuracy[index]:.1%}",
        "Training loss": f"{runs.train_loss[index]:.3f}",
        "Held-out loss": f"{runs.held_loss[index]:.3f}",
    }


def geometry_rows(rho: float, exponent: float) -> dict[str, np.ndarray]:
    index = int(np.argmin(np.abs(GEOMETRY_EXPONENTS - exponent)))
    return {reg: path[index] for reg, path in geometry(rho).paths.items()}


def optimum_markers(at) -> list[tuple[float, float]]:
    """The geometry chart's three optimum dots (L1, L2, elastic net), in that order."""
    data = chart(at, "reg_geometry")["data"]
    dots = [t for t in data if t.get("mode") == "markers"]
    return [(float(t["x"][0]), float(t["y"][0])) for t in dots]


# ------------------------------------------------------------------ defaults and preset
def test_defaults_show_the_lecture_example(at) -> None:
    shown = texts(at)
    assert r"w_1^\top x = 1,\qquad w_2^\top x = 1\qquad\text{(the same score)}" in shown
    assert r"R_{L2}(w_1) &= 1^2 + 0^2 + 0^2 + 0^2 = 1" in shown
    assert r"R_{L2}(w_2) &= 0.25^2 + 0.25^2 + 0.25^2 + 0.25^2 = 0.25" in shown
    assert r"R_{L1}(w_2) &= |0.25| + |0.25| + |0.25| + |0.25| = 1" in shown
    for row in LECTURE_ROWS:
        assert row in table(at)
    for line in VERDICTS:
        assert line in shown
    bars = {t["name"]: list(t["y"]) for t in chart(at, "reg_bars")["data"]}
    assert bars == {"L1": [1, 1], "L2": [1, 0.25], "elastic net": [1, 0.625]}
    assert chart_keys(at) == CHARTS
    assert not at.error and not at.warning
    assert share_query(at) == {}


def test_preset_restores_the_lecture_example_after_edits(at) -> None:
    before = texts(at)
    at.text_input(key="reg_x").set_value("2, 1, 0").run()
    at.text_input(key="reg_w1").set_value("1, 0, 0").run()
    at.text_input(key="reg_w2").set_value("0.5, 1, 5").run()
    at.number_input(key="reg_lam").set_value(3.0).run()
    assert texts(at) != before
    at.button(key="reg_preset").click().run()
    assert_clean(at)
    assert at.text_input(key="reg_x").value == "1, 1, 1, 1"
    assert at.text_input(key="reg_w1").value == "1, 0, 0, 0"
    assert at.text_input(key="reg_w2").value == "0.25, 0.25, 0.25, 0.25"
    assert at.number_input(key="reg_lam").value == 0.1
    assert texts(at) == before
    assert share_query(at) == {}


# ------------------------------------------------------------------ the penalties section
def test_vector_fields_recompute_the_table_and_the_verdicts(at) -> None:
    at.text_input(key="reg_x").set_value("2, 1, 0").run()
    at.text_input(key="reg_w1").set_value("1, 0, 0").run()
    at.text_input(key="reg_w2").set_value("0.5, 1, 5").run()
    assert_clean(at)
    assert not at.error
    shown = texts(at)
    # both score 2; L1: 1 vs 6.5, L2: 1 vs 26.25, elastic (ρ = 0.5): 1 vs 16.375
    assert r"w_1^\top x = 2,\qquad w_2^\top x = 2\qquad\text{(the same score)}" in shown
    assert r"R_{L1}(w_2) &= |0.5| + |1| + |5| = 6.5" in shown
    assert "| w1 | 2 | 1 | 1 | 1 | 0.1 |" in table(at)
    assert "| w2 | 2 | 6.5 | 26.25 | 16.38 | 2.625 |" in table(at)
    assert "- **L1** prefers **w1** (1 vs 6.5)" in shown
    assert "- **L2** prefers **w1** (1 vs 26.25)" in shown
    bars = {t["name"]: list(t["y"]) for t in chart(at, "reg_bars")["data"]}
    np.testing.assert_allclose(bars["L2"], [1, 26.25])
    assert share_query(at) == {"reg_x": "2, 1, 0", "reg_w1": "1, 0, 0", "reg_w2": "0.5, 1, 5"}


def test_different_scores_are_not_called_the_same(at) -> None:
    at.text_input(key="reg_x").set_value("1, 2, 3, 4").run()
    assert r"w_1^\top x = 1,\qquad w_2^\top x = 2.5" + "\n" in texts(at)
    assert "the same score" not in texts(at)


def test_long_vectors_are_written_with_an_ellipsis(at) -> None:
    ones = ", ".join(["1"] * 8)
    for key in ("reg_x", "reg_w1", "reg_w2"):
        at.text_input(key=key).set_value(ones).run()
    assert_clean(at)
    assert r"R_{L1}(w_1) &= |1| + |1| + |1| + |1| + |1| + |1| + \cdots = 8" in texts(at)


def test_lambda_changes_only_the_lambda_l2_column(at) -> None:
    at.number_input(key="reg_lam").set_value(2.0).run()
    assert_clean(at)
    md = table(at)
    assert "λ·L2 (λ = 2)" in md
    assert "| w1 | 1 | 1 | 1 | 1 | 2 |" in md and "| w2 | 1 | 1 | 0.25 | 0.625 | 0.5 |" in md
    assert share_query(at) == {"reg_lam": "2"}
    at.number_input(key="reg_lam").set_value(0.0).run()
    assert "| w1 | 1 | 1 | 1 | 1 | 0 |" in table(at)


@pytest.mark.parametrize(
    ("rho", "w2_elastic", "verdict"),
    [(1.0, "1", "- **elastic net** ties (1 = 1)"), (0.0, "0.25", "prefers **w2** (1 vs 0.25)")],
    ids=["rho1-is-l1", "rho0-is-l2"],
)
def test_rho_changes_the_elastic_column_and_the_geometry(at, rho, w2_elastic, verdict) -> None:
    markers_before = optimum_markers(at)
    at.slider(key="reg_rho").set_value(rho).run()
    assert_clean(at)
    md = table(at)
    assert f"elastic (ρ = {rho:g})" in md
    assert f"| w2 | 1 | 1 | 0.25 | {w2_elastic} |" in md
    assert verdict in texts(at)
    # the elastic net's path and dot follow ρ; L1's and L2's do not
    markers = optimum_markers(at)
    assert markers[:2] == markers_before[:2]
    assert markers[2] != markers_before[2]
    expected = geometry_rows(rho, -0.5)["elastic"]
    np.testing.assert_allclose(markers[2], expected)
    (path,) = [t for t in chart(at, "reg_geometry")["data"] if t.get("name") == "elastic net path"]
    np.testing.assert_allclose(path["x"], geometry(rho).paths["elastic"][:, 0])
    same_as = geometry(rho).paths["l1" if rho == 1.0 else "l2"]
    np.testing.assert_allclose(geometry(rho).paths["elastic"], same_as, atol=1e-6)


# ------------------------------------------------------------------ the geometry section
@pytest.mark.parametrize("exponent", [-3.0, -1.0, 0.5, 1.0])
def test_geometry_slider_moves_the_optima_in_the_formula_and_the_chart(at, exponent) -> None:
    paths_before = spec(at, "reg_paths")
    at.slider(key="reg_loglam").set_value(exponent).run()
    assert_clean(at)
    rows = geometry_rows(0.5, exponent)
    shown = texts(at)
    for name, reg in (("L1", "l1"), ("L2", "l2"), ("elastic net", "elastic")):
        assert rf"w_{{\text{{{name}}}}} &= {vector(rows[reg])}" in shown
    np.testing.assert_allclose(optimum_markers(at), [rows["l1"], rows["l2"], rows["elastic"]])
    lam = 10.0**exponent
    plane = chart(at, "reg_geometry")
    assert f"λ = {lam:.3g}" in plane["layout"]["title"]["text"]  # no Play: the title says λ
    assert not plane.get("frames")
    at.toggle(key="reg_play").set_value(True).run()
    (bar,) = chart(at, "reg_geometry")["layout"]["sliders"]  # with the Play: its scrub bar
    assert bar["steps"][bar["active"]]["label"] == f"{lam:.3g}"
    np.testing.assert_allclose(optimum_markers(at), [rows["l1"], rows["l2"], rows["elastic"]])
    # The weights-vs-λ chart shows the whole sweep: it stays still, so a press redraws one chart.
    assert spec(at, "reg_paths") == paths_before
    assert not has_nan(shown)


def test_geometry_l1_reaches_the_axis_and_l2_does_not(at) -> None:
    at.slider(key="reg_loglam").set_value(0.5).run()
    l1, l2, _ = optimum_markers(at)
    assert l1[1] == 0.0 and l2[1] != 0.0
    assert "the L1 optimum has w₂ = 0 exactly" in texts(at)


# ------------------------------------------------------------------ the overfitting section
def test_default_metrics_are_the_l2_run_at_lambda_0_1(at) -> None:
    runs = train_sweep("l2", l1_ratio=0.5, **DATA)
    index = fit_index(-1.0)
    assert metrics(at) == expected_metrics(runs, index)
    assert "40 training and 160 held-out points" in texts(at)
    regions = chart(at, "reg_regions")
    assert regions["layout"]["title"]["text"] == "Degree 8, L2, λ = 0.1"
    grid = np.linspace(-2.0, 3.0, 81)
    np.testing.assert_array_equal(regions["data"][0]["z"], runs.regions(index, grid, grid))


def test_fit_lambda_slider_moves_the_metrics_and_the_marker_without_retraining(at) -> None:
    train_sweep.cache_clear()
    at.run()
    assert train_sweep.cache_len() == 1
    runs = train_sweep("l2", l1_ratio=0.5, **DATA)
    for exponent in (-4.0, 0.0, 1.0):
        at.slider(key="reg_fitlam").set_value(exponent).run()
        assert_clean(at)
        assert train_sweep.cache_len() == 1, "moving λ retrained the sweep"
        index = fit_index(exponent)
        assert metrics(at) == expected_metrics(runs, index)
        (shape,) = chart(at, "reg_sweep")["layout"]["shapes"]
        assert shape["x0"] == pytest.approx(10.0**exponent)
        assert chart(at, "reg_regions")["layout"]["title"]["text"].endswith(
            f"λ = {10.0**exponent:.3g}"
        )
    assert share_query(at) == {"reg_fitlam": "1"}


def test_a_data_control_retrains_once(at) -> None:
    train_sweep.cache_clear()
    at.run()
    at.slider(key="reg_degree").set_value(3).run()
    assert train_sweep.cache_len() == 2
    at.slider(key="reg_fitlam").set_value(-2.0).run()
    assert train_sweep.cache_len() == 2


def test_rho_does_not_retrain_an_l2_sweep(at) -> None:
    train_sweep.cache_clear()
    at.run()
    at.slider(key="reg_rho").set_value(0.3).run()
    assert train_sweep.cache_len() == 1


@pytest.mark.parametrize("penalty", ["l1", "elastic"])
def test_penalty_select_trains_that_penalty(at, penalty) -> None:
    at.selectbox(key="reg_pen").set_value(penalty).run()
    assert_clean(at)
    runs = train_sweep(penalty, l1_ratio=0.5, **DATA)
    index = fit_index(-1.0)
    assert metrics(at) == expected_metrics(runs, index)
    name = {"l1": "L1", "elastic": "Elastic net"}[penalty]
    assert chart(at, "reg_regions")["layout"]["title"]["text"] == f"Degree 8, {name}, λ = 0.1"
    zeros = int(np.count_nonzero(runs.W[index] == 0.0))
    assert list(chart(at, "reg_weights")["data"][1]["y"]) == [zeros]
    assert share_query(at) == {"reg_pen": name}


def test_l1_gives_exact_zeros_and_l2_none(at) -> None:
    assert list(chart(at, "reg_weights")["data"][1]["y"]) == [0]
    at.selectbox(key="reg_pen").set_value("l1").run()
    assert chart(at, "reg_weights")["data"][1]["y"][0] > 0


def test_none_shows_the_unregularized_run(at) -> None:
    at.selectbox(key="reg_pen").set_value("none").run()
    assert_clean(at)
    runs = train_sweep("l2", l1_ratio=0.5, **DATA)
    assert metrics(at) == expected_metrics(runs, 0)
    assert chart(at, "reg_regions")["layout"]["title"]["text"] == "Degree 8, none (λ = 0), λ = 0"
    assert not chart(at, "reg_sweep")["layout"].get("shapes")  # no λ marker for λ = 0
    history = chart(at, "reg_history")["data"]
    assert not np.any(history[1]["y"])  # λ R(W) is 0 all along
    assert list(chart(at, "reg_weights")["data"][1]["y"]) == [0]
    # the fit λ slider has nothing to move for λ = 0
    at.slider(key="reg_fitlam").set_value(0.0).run()
    assert metrics(at) == expected_metrics(runs, 0)


@pytest.mark.parametrize(
    ("key", "value", "data"),
    [
        ("reg_degree", 3, dict(DATA, degree=3)),
        ("reg_noise", 0.1, dict(DATA, noise=0.1)),
        ("reg_points", 100, dict(DATA, n_points=100)),
        ("reg_held", 0.5, dict(DATA, held_out=0.5)),
    ],
    ids=["degree", "noise", "points", "held-out"],
)
def test_data_sliders_retrain_on_their_data(at, key, value, data) -> None:
    points_before = chart(at, "reg_regions")["data"][1]["x"]
    at.slider(key=key).set_value(value).run()
    assert_clean(at)
    runs = train_sweep("l2", l1_ratio=0.5, **data)
    assert metrics(at) == expected_metrics(runs, fit_index(-1.0))
    train_points = chart(at, "reg_regions")["data"][1]
    np.testing.assert_array_equal(train_points["x"], runs.X_train[:, 0])
    shown = texts(at)
    assert f"{runs.X_train.shape[0]} training and {runs.X_held.shape[0]} held-out points" in shown
    weights = chart(at, "reg_weights")["layout"]["title"]["text"]
    assert weights == f"The {runs.W[0].size} learned weights (L2)"
    if key != "reg_degree":
        assert not np.array_equal(train_points["x"], points_before)
    assert share_query(at) == {key: f"{value:g}"}


def test_degree_sets_the_number_of_weights(at) -> None:
    at.slider(key="reg_degree").set_value(3).run()
    # 9 monomials of degree 1 to 3, two classes
    assert chart(at, "reg_weights")["layout"]["title"]["text"] == "The 18 learned weights (L2)"
    assert chart(at, "reg_regions")["layout"]["title"]["text"].startswith("Degree 3,")


def test_seed_draws_new_data(at) -> None:
    at.number_input(key="reg_seed").set_value(7).run()
    assert_clean(at)
    runs = train_sweep("l2", l1_ratio=0.5, **dict(DATA, seed=7))
    np.testing.assert_array_equal(chart(at, "reg_regions")["data"][3]["x"], runs.X_held[:, 0])
    assert metrics(at) == expected_metrics(runs, fit_index(-1.0))
    assert r"\text{new data (seed 8): }" in texts(at)
    assert share_query(at) == {"reg_seed": "7"}


def test_the_penalty_does_not_depend_on_the_data(at) -> None:
    formula = " ".join(lt.value for lt in at.latex if "data" in lt.value and "R(W)" in lt.value)
    penalties = re.findall(r"R\(W\) = ([0-9.]+)", formula)
    assert len(penalties) == 2 and penalties[0] == penalties[1]
    losses = re.findall(r"L_i = ([0-9.]+)", formula)
    assert losses[0] != losses[1]


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize("key", ["reg_x", "reg_w1", "reg_w2"])
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1, abc, 1, 1", "not a number"),
        ("1, nan, 1, 1", "not a number"),
        ("1, 1e999, 1, 1", "too large"),
        ("", "empty"),
        ("1, 2e6, 1, 1", "above"),
    ],
    ids=["letters", "nan", "overflow", "empty", "out-of-range"],
)
def test_bad_vector_text_keeps_the_last_valid_numbers(at, key, text, message) -> None:
    at.text_input(key="reg_x").set_value("1, 2, 3, 4").run()
    before_table, before_bars = table(at), spec(at, "reg_bars")
    at.text_input(key=key).set_value(text).run()
    assert_clean(at)
    assert message in errors(at)
    assert at.text_input(key=key).value == text  # what the student typed stays in the field
    assert table(at) == before_table
    assert spec(at, "reg_bars") == before_bars
    assert not has_nan(texts(at))


@pytest.mark.parametrize("key", ["reg_x", "reg_w1", "reg_w2"])
def test_mismatched_lengths_give_an_error_and_keep_the_last_valid_three(at, key) -> None:
    at.text_input(key="reg_x").set_value("1, 2, 3, 4").run()
    before_table, before_bars = table(at), spec(at, "reg_bars")
    at.text_input(key=key).set_value("1, 2").run()
    assert_clean(at)
    assert "need the same number of entries" in errors(at)
    assert "(they have " in errors(at)
    assert table(at) == before_table
    assert spec(at, "reg_bars") == before_bars
    at.text_input(key=key).set_value("1, 2, 3, 4" if key == "reg_x" else "1, 0, 0, 0").run()
    assert not at.error


def test_link_taken_while_lengths_mismatch_reproduces_the_screen(at) -> None:
    at.text_input(key="reg_x").set_value("1, 2, 3, 4").run()
    at.text_input(key="reg_x").set_value("1, 2").run()
    reopened = open_page(PAGE, share_query(at))
    assert table(reopened) == table(at)


# ------------------------------------------------------------------ links
EVERY_CONTROL = {
    "reg_x": "2, 1, 0",
    "reg_w1": "1, 0, 0",
    "reg_w2": "0.5, 1, 5",
    "reg_lam": "0.5",
    "reg_rho": "0.25",
    "reg_loglam": "0.25",
    "reg_pen": "L1",
    "reg_fitlam": "-2.5",
    "reg_degree": "5",
    "reg_noise": "0.2",
    "reg_points": "120",
    "reg_held": "0.6",
    "reg_seed": "3",
}


def test_a_link_with_every_control_restores_the_view() -> None:
    at = open_page(PAGE, EVERY_CONTROL)
    assert_clean(at)
    assert not at.warning and not at.error
    assert share_query(at) == EVERY_CONTROL
    assert at.selectbox(key="reg_pen").value == "l1"
    assert at.slider(key="reg_degree").value == 5
    assert at.number_input(key="reg_seed").value == 3
    data = dict(degree=5, noise=0.2, n_points=120, held_out=0.6, seed=3)
    runs = train_sweep("l1", l1_ratio=0.25, **data)
    assert metrics(at) == expected_metrics(runs, fit_index(-2.5))
    table_now = table(at)
    expected = penalty_table([2, 1, 0], [[1, 0, 0], [0.5, 1, 5]], l1_ratio=0.25)
    assert "elastic (ρ = 0.25)" in table_now and "λ·L2 (λ = 0.5)" in table_now
    assert f"| {expected.penalties['elastic'][1]:.4g} |" in table_now
    rows = geometry_rows(0.25, 0.25)
    np.testing.assert_allclose(optimum_markers(at), [rows["l1"], rows["l2"], rows["elastic"]])
    # and the link of the reopened view opens the same page again
    again = open_page(PAGE, share_query(at))
    assert texts(again) == texts(at)
    assert specs(again) == specs(at)


def test_moved_controls_round_trip_through_the_share_link(at) -> None:
    at.text_input(key="reg_w2").set_value("0.5, 0.5, 0, 0").run()
    at.number_input(key="reg_lam").set_value(1.5).run()
    at.slider(key="reg_rho").set_value(0.75).run()
    at.slider(key="reg_loglam").set_value(-2.0).run()
    at.selectbox(key="reg_pen").set_value("none").run()
    at.slider(key="reg_noise").set_value(0.45).run()
    at.number_input(key="reg_seed").set_value(11).run()
    assert_clean(at)
    query = share_query(at)
    assert query["reg_pen"] == "none (λ = 0)"
    reopened = open_page(PAGE, query)
    assert_clean(reopened)
    assert not reopened.warning
    assert texts(reopened) == texts(at)
    assert specs(reopened) == specs(at)


@pytest.mark.parametrize(
    "query",
    [
        {"reg_lam": "abc"},
        {"reg_lam": "1e999"},
        {"reg_lam": "-1"},
        {"reg_rho": "nan"},
        {"reg_loglam": "5"},
        {"reg_fitlam": "x"},
        {"reg_pen": "ridge"},
        {"reg_degree": "99"},
        {"reg_points": ""},
        {"reg_seed": "-3"},
        {"reg_x": "1,nan"},
        {"reg_w1": "<b>1</b>"},
    ],
    ids=lambda q: "-".join(f"{k}={v}" for k, v in q.items()),
)
def test_garbage_link_values_warn_and_open_on_defaults(query) -> None:
    defaults = open_page(PAGE)
    at = open_page(PAGE, query)
    assert_clean(at)
    (key,) = query
    assert any(f"**{key}**" in w.value for w in at.warning), [w.value for w in at.warning]
    if key not in ("reg_x", "reg_w1"):
        assert texts(at) == texts(defaults)
    for row in LECTURE_ROWS:
        assert row in table(at)
    assert share_query(at) == {}


# ------------------------------------------------------------------ extremes
@pytest.mark.parametrize(
    ("controls", "penalty"),
    [
        ({"reg_loglam": -3.0, "reg_fitlam": -4.0}, "l1"),
        ({"reg_loglam": 1.0, "reg_fitlam": 1.0}, "l1"),
        ({"reg_loglam": 1.0, "reg_fitlam": 1.0}, "l2"),
        ({"reg_loglam": 1.0, "reg_fitlam": 1.0}, "elastic"),
        ({"reg_loglam": -3.0}, "none"),
    ],
    ids=["smallest-l1", "largest-l1", "largest-l2", "largest-elastic", "lambda-zero"],
)
def test_extreme_lambdas_show_no_nan(at, controls, penalty) -> None:
    at.selectbox(key="reg_pen").set_value(penalty)
    at.number_input(key="reg_lam").set_value(100.0)
    for key, value in controls.items():
        at.slider(key=key).set_value(value)
    at.run()
    assert_clean(at)
    assert not at.error
    assert not has_nan(texts(at))
    for fig in figures(at):
        assert fig["data"]
        assert not has_nan(json.dumps(fig, default=lambda a: np.asarray(a, float).tolist()))


def test_largest_l1_lambda_zeroes_every_weight(at) -> None:
    at.selectbox(key="reg_pen").set_value("l1")
    at.slider(key="reg_fitlam").set_value(1.0)
    at.run()
    runs = train_sweep("l1", l1_ratio=0.5, **DATA)
    zeros = int(np.count_nonzero(runs.W[-1] == 0.0))
    assert list(chart(at, "reg_weights")["data"][1]["y"]) == [zeros]
