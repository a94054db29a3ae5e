"""views/linear_model.py in AppTest: the lecture's product, every control, bad input (a non-number,
a wrong shape), links, the plane sliders, and the image section's cached training."""

from __future__ import annotations

import numpy as np
import pytest

from core.pages.linear_model import (
    PLANE_B,
    PLANE_W,
    line_offset,
    regions,
    train_templates,
    zero_line,
)
from tests.apptest_utils import assert_clean, chart_keys, figures, open_page, share_query, texts

PAGE = "views/linear_model.py"
CHARTS = [
    "lin_product", "lin_augmented", "lin_regions", "lin_planes", "lin_samples", "lin_templates",
]  # fmt: skip
CAT = r"s_{\text{cat}} = 0.2 \cdot 56 + (-0.5) \cdot 231 + 0.1 \cdot 24 + 2 \cdot 2 + 1.1 = -96.8"
CAT_AUG = (
    r"s_{\text{cat}} = 0.2 \cdot 56 + (-0.5) \cdot 231 + 0.1 \cdot 24 + 2 \cdot 2 + 1.1 \cdot 1 "
    r"= -96.8"
)
DOG = r"s_{\text{dog}} = 1.5 \cdot 56 + 1.3 \cdot 231 + 2.1 \cdot 24 + 0 \cdot 2 + 3.2 = 437.9"
GRID = np.linspace(-3.0, 3.0, 61)
DATA = dict(noise=0.5, seed=0, steps=150, lam=0.01)  # the image section's defaults


@pytest.fixture
def at():
    page = open_page(PAGE)
    assert_clean(page)
    return page


def chart(at, key: str) -> dict:
    return figures(at)[chart_keys(at).index(key)]


def errors(at) -> str:
    """The error messages as read (markdown escapes and code spans taken out)."""
    return " ".join(e.value for e in at.error).replace("\\", "").replace("`", "")


def scores_shown(at, key: str = "lin_product") -> list[float]:
    return [float(v) for v in np.ravel(chart(at, key)["data"][-1]["z"])]


def solid_lines(at) -> dict[str, np.ndarray]:
    data = chart(at, "lin_regions")["data"]
    return {
        t["name"]: np.column_stack([t["x"], t["y"]])
        for t in data
        if t.get("mode") == "lines" and t["line"]["dash"] == "solid"
    }


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# ------------------------------------------------------------------ section 1: the product
def test_defaults_show_the_lecture_example_both_ways(at) -> None:
    shown = texts(at)
    assert CAT in shown and CAT_AUG in shown
    assert scores_shown(at) == pytest.approx([-96.8, 437.9, 60.75])
    assert scores_shown(at, "lin_augmented") == pytest.approx([-96.8, 437.9, 60.75])
    (success,) = at.success
    assert "Wx + b = [W b][x; 1] for every class" in success.value
    assert "prints 61.95 for ship" in shown and "the score is 60.75" in shown
    assert chart_keys(at) == CHARTS
    assert not at.error and not at.warning
    assert share_query(at) == {}


@pytest.mark.parametrize(("label", "k"), [("dog", 1), ("ship", 2)])
def test_class_select_moves_the_highlight_and_the_formula(at, label, k) -> None:
    at.selectbox(key="lin_class").set_value(str(k)).run()
    assert_clean(at)
    product = chart(at, "lin_product")
    row = [s for s in product["layout"]["shapes"] if s["yref"] == "y"]
    assert [(s["y0"], s["y1"]) for s in row] == [(k - 0.5, k + 0.5)]
    assert product["layout"]["title"]["text"].startswith(f"W x + b: s of {label} = ")
    if label == "dog":
        assert DOG in texts(at)
    assert share_query(at) == {"lin_class": label}


def test_typed_matrices_recompute_both_products(at) -> None:
    at.text_input(key="lin_W").set_value("1, 2; 3, -1").run()
    at.text_input(key="lin_b").set_value("0.5, -1").run()
    at.text_input(key="lin_x").set_value("2, 4").run()
    assert_clean(at)
    assert not at.error
    # [1*2 + 2*4 + 0.5, 3*2 - 1*4 - 1] = [10.5, 1]
    assert scores_shown(at) == pytest.approx([10.5, 1.0])
    assert scores_shown(at, "lin_augmented") == pytest.approx([10.5, 1.0])
    aug = chart(at, "lin_augmented")["data"]
    np.testing.assert_array_equal(aug[0]["z"], [[1, 2, 0.5], [3, -1, -1]])
    np.testing.assert_array_equal(np.ravel(aug[1]["z"]), [2, 4, 1])
    assert r"s_{\text{cat}} = 1 \cdot 2 + 2 \cdot 4 + 0.5 = 10.5" in texts(at)
    assert "prints 61.95" not in texts(at)
    assert share_query(at) == {"lin_W": "1, 2; 3, -1", "lin_b": "0.5, -1", "lin_x": "2, 4"}


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("lin_W", "0.2, -0.5; 1.5, abc", "W row 2: abc is not a number"),
        ("lin_W", "1, 2, 3", "W needs at least 2 rows"),
        ("lin_W", "1, 2; 3", "every row needs the same number of values"),
        ("lin_b", "1, nan, 2", "Bias b (K numbers): nan is not a number"),
        ("lin_x", "56, 231, 24, 1e999", "too large"),
        ("lin_x", "__import__('os')", "is not a number"),
    ],
    ids=["W-word", "W-one-row", "W-ragged", "b-nan", "x-huge", "x-code"],
)
def test_a_non_number_gets_an_error_and_the_text_is_kept(at, key, text, message) -> None:
    at.text_input(key=key).set_value(text).run()
    assert_clean(at)
    assert message in errors(at)
    assert at.text_input(key=key).value == text
    assert scores_shown(at) == pytest.approx(
        [-96.8, 437.9, 60.75]
    )  # nothing evaluated: last valid values
    assert share_query(at) == {}


def test_a_wrong_shape_says_which_field_to_fix_and_keeps_the_last_fit(at) -> None:
    at.text_input(key="lin_x").set_value("1, 2, 3").run()
    assert_clean(at)
    assert "W has 4 columns, so x needs 4 numbers (one per column); it has 3." in errors(at)
    assert at.text_input(key="lin_x").value == "1, 2, 3"
    assert scores_shown(at) == pytest.approx([-96.8, 437.9, 60.75])
    assert share_query(at) == {}  # the link carries what the picture shows
    at.text_input(key="lin_W").set_value("1, 0, 0; 0, 1, 0; 0, 0, 1").run()
    assert not at.error
    assert scores_shown(at) == pytest.approx([2.1, 5.2, 1.8])
    at.text_input(key="lin_b").set_value("1, 2").run()
    assert "W has 3 rows, so b needs 3 numbers (one per class); it has 2." in errors(at)
    assert scores_shown(at) == pytest.approx([2.1, 5.2, 1.8])
    assert share_query(at) == {"lin_W": "1, 0, 0; 0, 1, 0; 0, 0, 1", "lin_x": "1, 2, 3"}


def test_a_class_beyond_w_highlights_the_last_row(at) -> None:
    at.text_input(key="lin_W").set_value("1, 2, 3, 4; 5, 6, 7, 8").run()
    at.text_input(key="lin_b").set_value("0, 0").run()
    at.selectbox(key="lin_class").set_value("2").run()
    assert_clean(at)
    (warning,) = at.warning
    assert "W has 2 rows, so there is no ship: highlighting dog" in warning.value
    assert chart(at, "lin_product")["layout"]["title"]["text"] == "W x + b: s of dog = 1850"


def test_preset_restores_the_lecture_example(at) -> None:
    before = texts(at)
    at.text_input(key="lin_W").set_value("1, 2; 3, -1").run()
    at.text_input(key="lin_b").set_value("0, 0").run()
    at.text_input(key="lin_x").set_value("1, 1").run()
    at.selectbox(key="lin_class").set_value("1").run()
    assert texts(at) != before
    at.button(key="lin_preset").click().run()
    assert_clean(at)
    assert (
        at.text_input(key="lin_W").value
        == "0.2, -0.5, 0.1, 2; 1.5, 1.3, 2.1, 0; 0, 0.25, 0.2, -0.3"
    )
    assert at.selectbox(key="lin_class").value == "0"
    assert texts(at) == before
    assert share_query(at) == {}


def test_a_link_restores_the_product_and_the_class() -> None:
    query = {"lin_W": "1, 2; 3, -1", "lin_b": "0.5, -1", "lin_x": "2, 4", "lin_class": "dog"}
    at = open_page(PAGE, query)
    assert_clean(at)
    assert not at.warning and not at.error
    assert scores_shown(at) == pytest.approx([10.5, 1.0])
    assert chart(at, "lin_product")["layout"]["title"]["text"] == "W x + b: s of dog = 1"
    assert share_query(at) == query


# ------------------------------------------------------------------ section 2: the planes
def test_default_planes_lines_and_regions(at) -> None:
    np.testing.assert_array_equal(
        chart(at, "lin_regions")["data"][0]["z"], regions(PLANE_W, PLANE_B, GRID)
    )
    lines = solid_lines(at)
    np.testing.assert_allclose(lines["s(cat) = 0"], zero_line(PLANE_W[0], PLANE_B[0]))
    (mesh, floor) = chart(at, "lin_planes")["data"]
    assert mesh["type"] == "mesh3d" and floor["type"] == "scatter3d"
    offset = line_offset(PLANE_W[0], PLANE_B[0])
    assert (
        "Zero lines: **cat**: 1x₁ + 0.2x₂ + 0.5 = 0 (shift −b/‖w‖ = "
        f"{offset:.3g}) · **dog**: -0.6x₁ + 1x₂ + 0 = 0 (shift −b/‖w‖ = 0) · **ship**: "
        "-0.4x₁ − 1x₂ − 0.5 = 0"
    ) in texts(at)


@pytest.mark.parametrize("name", ["cat", "dog", "ship"])
def test_a_bias_slider_slides_its_line_without_turning_it(at, name) -> None:
    k = ["cat", "dog", "ship"].index(name)
    before = solid_lines(at)[f"s({name}) = 0"]
    at.slider(key=f"lin_{name}_b").set_value(1.5).run()
    assert_clean(at)
    after = solid_lines(at)[f"s({name}) = 0"]
    np.testing.assert_allclose(after, zero_line(PLANE_W[k], 1.5))
    assert not np.allclose(after, before)
    d1, d2 = np.diff(before, axis=0)[0], np.diff(after, axis=0)[0]
    assert d1[0] * d2[1] - d1[1] * d2[0] == pytest.approx(0.0, abs=1e-9)  # parallel
    b = PLANE_B.copy()
    b[k] = 1.5
    np.testing.assert_array_equal(
        chart(at, "lin_regions")["data"][0]["z"], regions(PLANE_W, b, GRID)
    )
    assert share_query(at) == {f"lin_{name}_b": "1.5"}


@pytest.mark.parametrize("name", ["cat", "dog", "ship"])
@pytest.mark.parametrize("j", [1, 2])
def test_a_weight_slider_turns_its_line_and_tilts_its_plane(at, name, j) -> None:
    k = ["cat", "dog", "ship"].index(name)
    W = PLANE_W.copy()
    W[k, j - 1] = 1.7
    at.slider(key=f"lin_{name}_w{j}").set_value(1.7).run()
    assert_clean(at)
    np.testing.assert_allclose(solid_lines(at)[f"s({name}) = 0"], zero_line(W[k], PLANE_B[k]))
    mesh = chart(at, "lin_planes")["data"][0]
    corners = np.column_stack([mesh["x"], mesh["y"]])[4 * k : 4 * k + 4]
    np.testing.assert_allclose(
        np.asarray(mesh["z"])[4 * k : 4 * k + 4], corners @ W[k] + PLANE_B[k], rtol=1e-6
    )
    assert share_query(at) == {f"lin_{name}_w{j}": "1.7"}


def test_zero_weights_mean_no_line(at) -> None:
    at.slider(key="lin_cat_w1").set_value(0.0).run()
    at.slider(key="lin_cat_w2").set_value(0.0).run()
    assert_clean(at)
    assert "s(cat) = 0" not in solid_lines(at)
    assert "**cat**: 0x₁ + 0x₂ + 0.5 = 0 (w = 0: s ≡ 0.5, no line)" in texts(at)


# ------------------------------------------------------------------ section 3: images
def test_default_images_section_shows_the_run(at) -> None:
    run = train_templates(**DATA)
    assert metrics(at) == {
        "Training accuracy": f"{run.accuracy:.1%}",
        "Training loss": f"{run.history[-1]:.3f}",
    }
    templates = chart(at, "lin_templates")["data"]
    np.testing.assert_allclose(templates[0]["z"], run.W[0].reshape(8, 8))
    samples = chart(at, "lin_samples")["data"]
    np.testing.assert_allclose(samples[0]["z"], run.X[0].reshape(8, 8))
    assert "Image #1 is a vertical" in texts(at)


@pytest.mark.parametrize(
    ("key", "value", "changed"),
    [
        ("lin_noise", 0.9, dict(noise=0.9)),
        ("lin_steps", 40, dict(steps=40)),
        ("lin_lam", 0.05, dict(lam=0.05)),
    ],
    ids=["noise", "steps", "lambda"],
)
def test_training_controls_retrain(at, key, value, changed) -> None:
    at.slider(key=key).set_value(value).run()
    assert_clean(at)
    run = train_templates(**{**DATA, **changed})
    np.testing.assert_allclose(chart(at, "lin_templates")["data"][1]["z"], run.W[1].reshape(8, 8))
    assert metrics(at)["Training loss"] == f"{run.history[-1]:.3f}"
    assert key in share_query(at)


def test_seed_draws_other_images(at) -> None:
    at.number_input(key="lin_seed").set_value(5).run()
    assert_clean(at)
    run = train_templates(**{**DATA, "seed": 5})
    np.testing.assert_allclose(chart(at, "lin_samples")["data"][0]["z"], run.X[0].reshape(8, 8))
    assert share_query(at) == {"lin_seed": "5"}


def test_image_slider_classifies_another_image_without_retraining(at) -> None:
    train_templates.cache_clear()
    at.run()
    assert train_templates.cache_len() == 1
    run = train_templates(**DATA)
    for image in (7, 160):
        at.slider(key="lin_image").set_value(image).run()
        assert_clean(at)
        assert train_templates.cache_len() == 1, "picking an image retrained the model"
        scores = run.X[image - 1] @ run.W.T + run.b
        assert rf"s = W x_{{{image}}} + b = [" in texts(at)
        assert f"{scores[0]:.3g}" in texts(at)
        assert f"Image #{image} is a" in texts(at)
    samples = chart(at, "lin_samples")  # the last 8 images: the chosen one among them
    assert samples["layout"]["title"]["text"].startswith("Images #153–#160")
    np.testing.assert_allclose(samples["data"][-1]["z"], run.X[159].reshape(8, 8))
