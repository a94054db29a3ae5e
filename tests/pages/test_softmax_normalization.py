"""The softmax vs standard normalization page (AppTest): every control, the lecture's numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tests.apptest_utils import assert_clean, figures, open_page, share_query, texts
from ui.latex import num, vector

PAGE = "views/softmax_normalization.py"
BARS, SWEEP, TEMPERATURE = 0, 1, 2


@pytest.fixture
def at():
    return open_page(PAGE)


def bars(at) -> tuple[np.ndarray, np.ndarray | None]:
    """(softmax bars, standard bars or None) of the side-by-side chart."""
    data = figures(at)[BARS]["data"]
    soft = np.asarray(data[0]["y"], dtype=float)
    std = data[1]
    return soft, (None if std.get("name") != "standard" else np.asarray(std["y"], dtype=float))


def softmax_by_hand(values) -> np.ndarray:
    e = [math.exp(v - max(values)) for v in values]
    return np.array([x / sum(e) for x in e])


def no_nan_anywhere(at) -> None:
    for fig in figures(at):
        assert fig["data"], "empty chart"
        for trace in fig["data"]:
            for axis in ("x", "y"):
                if axis in trace and not isinstance(trace[axis][0], str):
                    values = [v for v in trace[axis] if v is not None]  # None: a gap
                    assert np.all(np.isfinite(np.asarray(values, dtype=float)))


def test_defaults_show_the_lectures_1_2_example(at) -> None:
    assert_clean(at)
    soft, std = bars(at)
    e = math.e
    np.testing.assert_allclose(soft, [e / (e + e**2), e**2 / (e + e**2)], rtol=1e-12)
    np.testing.assert_allclose(std, [1 / 3, 2 / 3], rtol=1e-12)
    shown = texts(at)
    assert vector([e / (e + e**2), e**2 / (e + e**2)]) in shown  # [0.2689, 0.7311]
    assert vector([1 / 3, 2 / 3]) in shown
    assert len(figures(at)) == 3
    assert "snorm_scores" not in share_query(at)  # the default, left out of links


def test_stimulation_10_turns_1_2_into_10_20(at) -> None:
    at.slider(key="snorm_scale").set_value(10.0).run()
    assert_clean(at)
    soft, std = bars(at)
    expected = [1 / (1 + math.exp(10)), 1 / (1 + math.exp(-10))]
    np.testing.assert_allclose(soft, expected, rtol=1e-12)
    np.testing.assert_allclose(std, [1 / 3, 2 / 3], rtol=1e-12)  # unchanged by scale
    shown = texts(at)
    assert r"[10,\ 20]" in shown
    assert num(expected[0]) in shown and r"\times 10^{-5}" in num(expected[0])
    assert share_query(at)["snorm_scale"] == "10"
    sweep = figures(at)[SWEEP]
    assert sweep["data"][-2]["x"][0] == 10.0  # the marker follows the slider
    assert not sweep.get("frames") and "sliders" not in sweep["layout"]  # no Play until asked
    at.toggle(key="snorm_play_c").set_value(True).run()
    sweep = figures(at)[SWEEP]
    assert len(sweep["frames"]) >= 41  # the grid, with the slider's value put in
    assert (
        sweep["layout"]["sliders"][0]["steps"][sweep["layout"]["sliders"][0]["active"]]["label"]
        == "10"
    )  # the Play's scrub bar starts at the slider's value
    assert share_query(at)["snorm_play_c"] == "true"


def chart_titles(fig: dict) -> str:
    """The chart's title and its annotations (panel titles), as one string."""
    layout = fig["layout"]
    notes = [note.get("text", "") for note in layout.get("annotations", [])]
    return " | ".join([layout.get("title", {}).get("text") or "", *notes])


def test_chart_titles_say_what_each_chart_plots(at) -> None:
    """The bars were titled softmax(s) while they showed softmax(c·s)."""
    at.slider(key="snorm_scale").set_value(2.5).run()
    bars_title, sweep_title, temperature_title = (chart_titles(f) for f in figures(at))
    assert "softmax(c·s)" in bars_title and "c·s / Σ c·s" in bars_title
    assert "c = 2.5" in bars_title and "softmax(s)" not in bars_title
    np.testing.assert_allclose(bars(at)[0], softmax_by_hand([2.5, 5.0]), rtol=1e-12)
    assert "softmax(c·s)" in sweep_title and "for every c" in sweep_title
    assert "softmax(s / T)" in temperature_title


def test_slide_rounding_of_softmax_10_20_is_explained_once(at) -> None:
    notes = [i.value for i in at.info if "Comparing with the slide" in i.value]
    assert len(notes) == 1
    low = 1 / (1 + math.exp(10))
    assert f"[{low:.5g}, {1 - low:.5g}], which it writes as [0, 1]" in notes[0]
    assert "[0.2689, 0.7311]" in notes[0]


def test_lecture_presets(at) -> None:
    at.button(key="snorm_p_1020").click().run()
    assert at.slider(key="snorm_scale").value == 10.0
    assert bars(at)[0][1] == pytest.approx(1 / (1 + math.exp(-10)))
    at.button(key="snorm_p_12").click().run()
    assert at.slider(key="snorm_scale").value == 1.0
    assert bars(at)[0][1] == pytest.approx(math.e**2 / (math.e + math.e**2))


def test_sweep_shows_flat_standard_lines_and_falling_entropy(at) -> None:
    data = figures(at)[SWEEP]["data"]
    by_name = {t.get("name"): t for t in data}
    std1 = np.asarray(by_name["s/Σs 1"]["y"], dtype=float)
    np.testing.assert_allclose(std1, 2 / 3, rtol=1e-12)
    entropy = np.asarray(by_name["entropy"]["y"], dtype=float)
    assert entropy[0] == pytest.approx(math.log(2), abs=1e-4)  # scale 0.01: nearly uniform
    assert entropy[-1] < 1e-12  # scale 100: nearly one-hot
    assert len(entropy) == 200


@pytest.mark.parametrize(
    ("scores", "words"),
    [("-1, -2", "backwards"), ("-1, 3", "negative or above 1"), ("-2, 2", "undefined")],
    ids=["all-negative", "mixed-signs", "sum-zero"],
)
def test_negative_mixed_and_zero_sum_scores_are_explained(at, scores, words) -> None:
    at.text_input(key="snorm_scores").input(scores).run()
    assert_clean(at)
    assert not at.error
    assert any(words in w.value for w in at.warning)
    values = [float(v) for v in scores.split(",")]
    soft, std = bars(at)
    np.testing.assert_allclose(soft, softmax_by_hand(values), rtol=1e-12)
    if words == "undefined":
        assert std is None
        assert "undefined" in figures(at)[BARS]["layout"]["annotations"][-1]["text"]
    else:
        np.testing.assert_allclose(std, np.array(values) / sum(values), rtol=1e-12)


def test_adding_a_constant_keeps_softmax_changes_standard(at) -> None:
    at.slider(key="snorm_shift").set_value(3.0).run()
    assert_clean(at)
    shown = texts(at)
    e = math.e
    same = vector([e / (e + e**2), e**2 / (e + e**2)])
    assert shown.count(same) >= 3  # softmax(cs), softmax(cs + b), and more: unchanged
    assert vector([4 / 9, 5 / 9]) in shown  # (1 + 3) / 9, (2 + 3) / 9
    assert share_query(at)["snorm_shift"] == "3"


def test_constant_that_makes_the_sum_zero_is_explained(at) -> None:
    at.text_input(key="snorm_scores").input("1, 3").run()
    at.slider(key="snorm_shift").set_value(-2.0).run()  # [-1, 1] sums to 0
    assert_clean(at)
    assert any("undefined" in w.value for w in at.warning)


def test_temperature(at) -> None:
    at.slider(key="snorm_temp").set_value(0.5).run()
    assert_clean(at)
    expected = softmax_by_hand([2.0, 4.0])  # [1, 2] / 0.5
    assert vector(expected) in texts(at)
    chart = figures(at)[TEMPERATURE]
    temps = np.asarray(chart["data"][0]["x"], dtype=float)
    assert temps[0] == pytest.approx(0.05) and temps[-1] == pytest.approx(20.0)
    p1 = np.asarray(chart["data"][1]["y"], dtype=float)
    i = int(np.argmin(np.abs(temps - 1.0)))
    assert p1[i] == pytest.approx(softmax_by_hand([1 / temps[i], 2 / temps[i]])[1], rel=1e-12)
    assert chart["data"][-1]["x"][0] == 0.5  # the marker line at T
    at.slider(key="snorm_scale").set_value(5.0).run()  # temperature acts on s, not on c·s
    again = figures(at)[TEMPERATURE]
    np.testing.assert_array_equal(np.asarray(again["data"][1]["y"], dtype=float), p1)
    assert vector(expected) in texts(at)


@pytest.mark.parametrize(
    ("bad", "words"),
    [("1, abc", "not a number"), ("5", "between 2 and 10"), ("1, 1e301", "above the largest"),
     ("", "empty"), ("1, nan", "not a number")],
    ids=["word", "one-number", "too-large", "empty", "nan"],
)  # fmt: skip
def test_bad_scores_get_an_error_and_the_charts_keep_their_last_state(at, bad, words) -> None:
    at.text_input(key="snorm_scores").input("3, 1, 2").run()
    before = figures(at)
    at.text_input(key="snorm_scores").input(bad).run()
    assert_clean(at)
    assert any(words in e.value for e in at.error)
    assert _same_figures(figures(at), before)
    np.testing.assert_allclose(bars(at)[0], softmax_by_hand([3.0, 1.0, 2.0]), rtol=1e-12)


def _same_figures(a: list[dict], b: list[dict]) -> bool:
    """Same number of charts and traces, and the same numbers in every trace."""
    if [len(f["data"]) for f in a] != [len(f["data"]) for f in b]:
        return False
    pairs = [
        (x, y)
        for fa, fb in zip(a, b, strict=True)
        for x, y in zip(fa["data"], fb["data"], strict=True)
    ]
    return all(
        np.array_equal(
            np.asarray(x["y"], dtype=float), np.asarray(y["y"], dtype=float), equal_nan=True
        )  # NaN: a None gap in a marker trace
        for x, y in pairs
    )


def test_extreme_scores_never_give_nan(at) -> None:
    at.text_input(key="snorm_scores").input("1e300, -1e300, 5").run()
    at.slider(key="snorm_scale").set_value(20.0).run()
    assert_clean(at)
    no_nan_anywhere(at)
    soft, _ = bars(at)
    np.testing.assert_allclose(soft, [1.0, 0.0, 0.0])
    assert r"\text{NaN}" not in texts(at)


def test_url_restores_every_control() -> None:
    at = open_page(
        PAGE,
        {"snorm_scores": "3, 1", "snorm_scale": "2", "snorm_shift": "1", "snorm_temp": "4"},
    )
    assert_clean(at)
    assert at.text_input(key="snorm_scores").value == "3, 1"
    assert at.slider(key="snorm_scale").value == 2.0
    assert at.slider(key="snorm_shift").value == 1.0
    assert at.slider(key="snorm_temp").value == 4.0
    np.testing.assert_allclose(bars(at)[0], softmax_by_hand([6.0, 2.0]), rtol=1e-12)


def test_garbage_url_opens_on_defaults_with_warnings() -> None:
    at = open_page(PAGE, {"snorm_scores": "1, x", "snorm_scale": "1e999", "snorm_temp": "-3"})
    assert_clean(at)
    names = " ".join(w.value for w in at.warning)
    for key in ("snorm_scores", "snorm_scale", "snorm_temp"):
        assert key in names
    # The field keeps the link's text to be fixed; the page computes with the default.
    assert at.text_input(key="snorm_scores").value == "1, x"
    assert any("not a number" in e.value for e in at.error)
    assert texts(at) == texts(open_page(PAGE))
    assert at.slider(key="snorm_scale").value == 1.0


def test_fuzz_every_control() -> None:
    rng = np.random.default_rng(4)
    at = open_page(PAGE)
    for _ in range(12):
        k = int(rng.integers(2, 11))
        magnitude = 10.0 ** rng.integers(-3, 301)
        scores = rng.uniform(-1, 1, size=k) * magnitude
        at.text_input(key="snorm_scores").input(", ".join(f"{v:.6g}" for v in scores))
        at.slider(key="snorm_scale").set_value(round(float(rng.uniform(0.1, 20)), 1))
        at.slider(key="snorm_shift").set_value(float(rng.integers(-40, 41)) / 2)
        at.slider(key="snorm_temp").set_value(round(float(rng.uniform(0.05, 20)) / 0.05) * 0.05)
        at.run()
        assert_clean(at)
        no_nan_anywhere(at)
        assert r"\text{NaN}" not in texts(at)


@pytest.mark.parametrize(
    ("preset", "scores", "words"),
    [
        ("snorm_p_mix", [-1.0, 3.0], "negative or above 1"),
        ("snorm_p_zero", [-2.0, 2.0], "undefined"),
    ],
    ids=["mixed-signs", "sum-zero"],
)
def test_sign_presets(at, preset, scores, words) -> None:
    at.slider(key="snorm_scale").set_value(5.0).run()
    at.button(key=preset).click().run()
    assert_clean(at)
    assert at.slider(key="snorm_scale").value == 1.0
    assert at.text_input(key="snorm_scores").value == ", ".join(f"{v:g}" for v in scores)
    assert any(words in w.value for w in at.warning)
    np.testing.assert_allclose(bars(at)[0], softmax_by_hand(scores), rtol=1e-12)
