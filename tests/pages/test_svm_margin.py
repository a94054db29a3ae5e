"""views/svm_margin.py in AppTest: presets, every control, bad input, and Δ's scale."""

from __future__ import annotations

import numpy as np
import pytest

from tests.apptest_utils import (
    assert_clean,
    chart_keys,
    chart_specs,
    figures,
    open_page,
    share_query,
    texts,
)

PAGE = "views/svm_margin.py"
S = [15.0, -3.0, 7.0]


@pytest.fixture
def at():
    page = open_page(PAGE)
    assert_clean(page)
    return page


def line_chart(at) -> list[dict]:
    return figures(at)[0]["data"]


def hinge_chart(at) -> list[dict]:
    return figures(at)[1]["data"]


@pytest.mark.parametrize(
    ("delta", "label", "terms"),
    [
        (1, 0, [max(0, S[1] - S[0] + 1), max(0, S[2] - S[0] + 1)]),
        (1, 1, [max(0, S[0] - S[1] + 1), max(0, S[2] - S[1] + 1)]),
        (20, 0, [max(0, S[1] - S[0] + 20), max(0, S[2] - S[0] + 20)]),
        (20, 1, [max(0, S[0] - S[1] + 20), max(0, S[2] - S[1] + 20)]),
    ],
    ids=["delta1-y0", "delta1-y1", "delta20-y0", "delta20-y1"],
)
def test_lecture_presets_set_controls_url_and_numbers(at, delta, label, terms) -> None:
    at.slider(key="svmm_delta").set_value(7.5).run()
    at.button(key=f"svmm_preset_{delta}_{label}").click().run()
    assert_clean(at)
    assert at.slider(key="svmm_delta").value == delta
    assert at.number_input(key="svmm_label").value == label
    assert share_query(at).get("svmm_delta", "1") == f"{delta:g}"
    assert share_query(at).get("svmm_label", "0") == str(label)
    total = sum(terms)
    shown = f"= {terms[0]:g} + {terms[1]:g} = {total:g}"
    assert shown in texts(at)
    # the hinge chart marks each wrong class at its term
    assert sorted(hinge_chart(at)[1]["y"]) == sorted(terms)


def test_the_slide_typo_case_is_computed_right(at) -> None:
    at.button(key="svmm_preset_20_1").click().run()
    # max(0, 15 - (-3) + 20) + max(0, 7 - (-3) + 20): the slide says 48
    assert r"\max(0,\ 15 - (-3) + 20) + \max(0,\ 7 - (-3) + 20) = 38 + 30 = 68" in texts(at)


def test_number_line_shows_the_band_and_the_classes_inside(at) -> None:
    at.button(key="svmm_preset_20_0").click().run()
    fig = figures(at)[0]
    band = fig["layout"]["shapes"][0]
    assert (band["x0"], band["x1"]) == (15 - 20, 15)
    (bars,) = [t for t in fig["data"] if t["mode"] == "lines"]
    segments = [tuple(bars["x"][i : i + 2]) for i in range(0, len(bars["x"]), 3)]
    # both wrong classes (-3 and 7) lie above 15 - 20 = -5: a bar from -5 to each score
    assert sorted(segments) == [(-5, -3), (-5, 7)]
    points = fig["data"][-1]
    assert list(points["x"]) == S


def test_delta_slider_moves_the_hinge(at) -> None:
    for delta in (0.0, 12.5, 40.0):
        at.slider(key="svmm_delta").set_value(delta).run()
        curve = hinge_chart(at)[0]
        x, y = np.asarray(curve["x"]), np.asarray(curve["y"])
        np.testing.assert_allclose(y, np.maximum(0, x + delta))
        assert x.min() <= -delta  # the kink at d = -Δ is on the chart
    assert share_query(at)["svmm_delta"] == "40"


def test_scores_and_label_controls(at) -> None:
    at.text_input(key="svmm_scores").set_value("1, 2.5, -1, 0").run()
    at.number_input(key="svmm_label").set_value(3).run()
    assert_clean(at)
    # label 3 (score 0), Δ = 1: max(0, 1 - 0 + 1) + max(0, 2.5 - 0 + 1) + max(0, -1 - 0 + 1)
    assert "= 2 + 3.5 + 0 = 5.5" in texts(at)
    assert share_query(at)["svmm_scores"] == "1, 2.5, -1, 0"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("15, abc, 7", "not a number"),
        ("15, nan, 7", "not a number"),
        ("15, inf, 7", "not a number"),
        ("", "empty"),
        ("15", "between 2 and 8"),
        ("15, 1e9, 7", "above"),
    ],
    ids=["letters", "nan", "inf", "empty", "one-class", "out-of-range"],
)
def test_bad_scores_keep_the_last_valid_chart(at, text: str, message: str) -> None:
    before = chart_specs(at)
    at.text_input(key="svmm_scores").set_value(text).run()
    assert_clean(at)
    assert message in " ".join(e.value for e in at.error)
    assert chart_specs(at) == before


def test_label_outside_the_classes_is_an_error(at) -> None:
    at.number_input(key="svmm_label").set_value(1).run()
    before = chart_specs(at)[:2]
    at.number_input(key="svmm_label").set_value(5).run()
    assert "from 0 to 2" in at.error[0].value
    assert chart_specs(at)[:2] == before


@pytest.mark.parametrize("typed", [9, -1, 3])
def test_a_label_typed_out_of_range_is_said_not_kept_silently(at, typed: int) -> None:
    """The box has no bounds of its own: a typed 9 or -1 reaches the page, which says that
    the formula keeps the last valid label (a bounded box kept it, red, and sent nothing)."""
    at.number_input(key="svmm_label").set_value(2).run()
    worked = r"\max(0,\ 15 - 7 + 1) + \max(0,\ -3 - 7 + 1) = 9 + 0 = 9"
    assert worked in texts(at)
    at.number_input(key="svmm_label").set_value(typed).run()
    assert_clean(at)
    (error,) = at.error
    assert f"The true class {typed} is not a class of these 3 scores" in error.value
    assert "from 0 to 2" in error.value and "(y_i = 2)" in error.value
    assert worked in texts(at)  # computed with the last valid label, and said so


def test_the_label_range_follows_the_number_of_scores(at) -> None:
    assert at.number_input(key="svmm_label").label == "True class y_i (0 to 2)"
    at.text_input(key="svmm_scores").set_value("1, 2, 3, 4, 5").run()
    assert at.number_input(key="svmm_label").label == "True class y_i (0 to 4)"
    at.number_input(key="svmm_label").set_value(4).run()
    assert not at.error
    at.text_input(key="svmm_scores").set_value("1, 2").run()  # label 4 left behind: said
    assert "The true class 4 is not a class of these 2 scores" in at.error[0].value
    assert at.number_input(key="svmm_label").value == 4  # not reset silently


@pytest.mark.parametrize(
    ("preset", "says"),
    [
        ("svmm_preset_20_1", ["above the correct score s_y = -3: s0 = 15 (+38) and s2 = 7 (+30)",
                              "inside the band (s_y − Δ, s_y] = (-23, -3]: none",
                              "at or below s_y − Δ = -23): none"]),
        ("svmm_preset_20_0", ["above the correct score s_y = 15: none",
                              "(-5, 15]: s1 = -3 (+2) and s2 = 7 (+12)",
                              "at or below s_y − Δ = -5): none"]),
        ("svmm_preset_1_0", ["above the correct score s_y = 15: none", "(14, 15]: none",
                             "at or below s_y − Δ = 14): s1 = -3 and s2 = 7"]),
        ("svmm_preset_1_1", ["above the correct score s_y = -3: s0 = 15 (+19) and s2 = 7 (+11)",
                             "(-4, -3]: none", "-4): none"]),
    ],
    ids=["delta20-y1", "delta20-y0", "delta1-y0", "delta1-y1"],
)  # fmt: skip
def test_the_caption_says_which_wrong_classes_add_to_the_loss(at, preset, says) -> None:
    """Scores 15 and 7 above s_y = -3 were once called "inside the band [-23, -3]"."""
    at.button(key=preset).click().run()
    (caption,) = [c.value for c in at.caption if "Add to the loss" in c.value]
    for part in says:
        assert part in caption
    assert "inside the band [-23" not in caption


def test_the_slide_typo_is_said_once_only_for_its_case(at) -> None:
    at.button(key="svmm_preset_20_1").click().run()
    (note,) = [i.value for i in at.info]
    assert "it writes L_i = 38 + 10 = 48" in note
    assert "max(0, 7 − (-3) + 20) is 30, not 10, so L_i = 38 + 30 = 68" in note
    for preset in ("svmm_preset_20_0", "svmm_preset_1_0", "svmm_preset_1_1"):
        at.button(key=preset).click().run()
        assert not at.info  # the slide is right there
    at.button(key="svmm_preset_20_1").click().run()
    at.slider(key="svmm_delta").set_value(19.5).run()
    assert not at.info


def test_scale_factor(at) -> None:
    at.button(key="svmm_preset_20_1").click().run()
    at.slider(key="svmm_scale").set_value(0.5).run()
    # L(0.5 s; 0.5 * 20) = 0.5 * (38 + 30)
    assert r"L_i(0.5\,\mathbf{s};\ 10) = 34 = 0.5 \times 68" in texts(at)
    assert share_query(at)["svmm_scale"] == "0.5"


def region_titles(at) -> list[str]:
    regions = figures(at)[chart_keys(at).index("svmm_regions")]
    return [a["text"] for a in regions["layout"]["annotations"]]


def test_training_panels_follow_lambda_compensation_and_seed(at) -> None:
    titles = region_titles(at)
    assert [t.split(":")[0] for t in titles] == ["Δ = 1", "Δ = 5", "Δ = 20"]
    at.toggle(key="svmm_compensate").set_value(True).run()
    assert all(t.endswith("100.0% same") for t in region_titles(at))
    norms = [float(t.split("‖W‖ = ")[1].split(",")[0]) for t in region_titles(at)]
    # with λ/Δ every run is Δ times the Δ = 1 run
    np.testing.assert_allclose(norms, [norms[0], 5 * norms[0], 20 * norms[0]], rtol=5e-3)
    at.slider(key="svmm_lambda").set_value(0.05).run()
    at.number_input(key="svmm_seed").set_value(7).run()
    assert_clean(at)
    points = figures(at)[chart_keys(at).index("svmm_regions")]["data"][1]
    assert len(points["x"]) == 90
    assert share_query(at)["svmm_seed"] == "7"
    assert share_query(at)["svmm_lambda"] == "0.05"
    assert share_query(at)["svmm_compensate"] == "true"


def test_url_restores_the_view() -> None:
    at = open_page(PAGE, {"svmm_scores": "15, -3, 7", "svmm_label": "1", "svmm_delta": "20"})
    assert_clean(at)
    assert "= 38 + 30 = 68" in texts(at)


@pytest.mark.parametrize(
    "query",
    [{"svmm_delta": "abc"}, {"svmm_delta": "1e999"}, {"svmm_scores": "1,nan"}, {"svmm_label": "x"}],
    ids=["delta-letters", "delta-overflow", "scores-nan", "label-letters"],
)
def test_garbage_url_opens_on_defaults_with_a_warning(query) -> None:
    at = open_page(PAGE, query)
    assert_clean(at)
    assert at.warning
    assert r"\max(0,\ -3 - 15 + 1) + \max(0,\ 7 - 15 + 1) = 0 + 0 = 0" in texts(at)


def test_fuzz_every_control_keeps_the_page_whole(at) -> None:
    """Random values of every control: no exception, no NaN shown, no empty chart."""
    rng = np.random.default_rng(1)
    for _ in range(10):
        k = int(rng.integers(2, 9))
        scores = ", ".join(f"{v:.3g}" for v in rng.uniform(-1000, 1000, size=k))
        at.text_input(key="svmm_scores").set_value(scores).run()
        at.number_input(key="svmm_label").set_value(int(rng.integers(0, 8))).run()
        at.slider(key="svmm_delta").set_value(float(rng.choice(np.arange(0, 40.5, 0.5)))).run()
        at.slider(key="svmm_scale").set_value(float(np.round(rng.uniform(0.1, 5), 1))).run()
        at.slider(key="svmm_lambda").set_value(float(np.round(rng.uniform(0, 0.1), 3))).run()
        at.toggle(key="svmm_compensate").set_value(bool(rng.integers(2))).run()
        at.number_input(key="svmm_seed").set_value(int(rng.integers(0, 1000))).run()
        assert_clean(at)
        assert "nan" not in texts(at).lower()
        assert all(fig["data"] for fig in figures(at))


def test_the_play_chart_comes_with_its_switch_and_starts_on_the_sliders_delta(at) -> None:
    """Off by default (a Δ press then sends no frames); on, a chart whose scrub bar starts
    at the slider's Δ and whose frames sweep 0 to 40; the link keeps the switch."""
    assert "svmm_play_chart" not in chart_keys(at)
    at.slider(key="svmm_delta").set_value(7.5).run()
    at.toggle(key="svmm_play").set_value(True).run()
    assert_clean(at)
    play = figures(at)[chart_keys(at).index("svmm_play_chart")]
    (bar,) = play["layout"]["sliders"]
    assert bar["steps"][bar["active"]]["label"] == "7.50"
    names = [float(frame["name"]) for frame in play["frames"]]
    assert names[0] == 0.0 and names[-1] == 40.0 and 7.5 in names
    assert share_query(at)["svmm_play"] == "true"
