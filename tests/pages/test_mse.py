"""views/mse.py in AppTest: the lecture's two cases, every control, bad input, links, the quiz."""

from __future__ import annotations

import numpy as np
import pytest

from core.pages.mse import correct_score_grid, gradient_curves, gradients, losses_vs_correct_score
from figures.mse import GRADIENT_FLOOR
from tests.apptest_utils import assert_clean, chart_keys, figures, open_page, share_query, texts

PAGE = "views/mse.py"
CHARTS = ["mse_terms", "mse_curves", "mse_grads"]
LECTURE = np.array([1.5, -2.0, 1.0])
CASE_1 = r"&= \frac{1}{3}\big(0.25 + 4 + 1\big) = \frac{5.25}{3} = 1.75"
CASE_2 = r"&= \frac{1}{3}\big(2.25 + 9 + 1\big) = \frac{12.25}{3} \approx 4.08333"
ROUNDING = "**The slide rounds here.**"


@pytest.fixture
def at():
    page = open_page(PAGE)
    assert_clean(page)
    return page


def chart(at, key: str) -> dict:
    return figures(at)[chart_keys(at).index(key)]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def errors(at) -> str:
    return " ".join(e.value for e in at.error)


def infos(at) -> str:
    return " ".join(e.value for e in at.info)


def bar_terms(at) -> dict[str, float]:
    """Tick -> squared difference, over both bar traces."""
    return {
        x: float(y)
        for trace in chart(at, "mse_terms")["data"]
        if trace["type"] == "bar"
        for x, y in zip(trace["x"], trace["y"], strict=True)
    }


def dots(at, key: str) -> list[tuple[float, float]]:
    return [
        (float(t["x"][0]), float(t["y"][0]))
        for t in chart(at, key)["data"]
        if t.get("mode") == "markers"
    ]


# ------------------------------------------------------------------ the lecture's cases
def test_defaults_are_the_lectures_case_1(at) -> None:
    shown = texts(at)
    slide_sum = r"\frac{1}{3}\Big((1.5 - 1)^2 + (-2 - 0)^2 + (1 - 0)^2\Big)"
    assert slide_sum in shown
    assert CASE_1 in shown
    assert "One-hot target y_i = [1, 0, 0]" in shown
    assert bar_terms(at) == {"Car ✓": 0.25, "Bird": 4.0, "Dog": 1.0}
    assert metrics(at)["MSE L_i"] == "1.75"
    assert metrics(at)["Correct class y_i = 0"] == "Car"
    assert ROUNDING not in infos(at), "Case 1's 1.75 is exact: no note"
    assert chart_keys(at) == CHARTS
    assert not at.error and not at.warning
    assert share_query(at) == {}


def test_case_2_preset_shows_the_exact_value_and_says_the_slide_rounds_once(at) -> None:
    at.button(key="mse_case2").click().run()
    assert_clean(at)
    assert at.number_input(key="mse_label").value == 1
    shown = texts(at)
    assert r"\frac{1}{3}\Big((1.5 - 0)^2 + (-2 - 1)^2 + (1 - 0)^2\Big)" in shown
    assert CASE_2 in shown
    assert bar_terms(at) == {"Car": 2.25, "Bird ✓": 9.0, "Dog": 1.0}
    assert metrics(at)["MSE L_i"] == "4.08333"
    (note,) = [e.value for e in at.info if ROUNDING in e.value]
    assert "It writes L_i = 4.1; exactly, L_i = 12.25 / 3 = 4.08333…" in note
    assert "rounded to one decimal" in note
    assert share_query(at) == {"mse_label": "1"}
    at.button(key="mse_case1").click().run()
    assert CASE_1 in texts(at) and ROUNDING not in infos(at)
    assert share_query(at) == {}


def test_case_1_marks_the_terms_charged_for_being_right(at) -> None:
    names = [t["name"] for t in chart(at, "mse_terms")["data"]]
    assert names == [
        "error term",
        "past its target, still charged",
        "mean: L_i = 1.75",
    ]
    assert "**Charged for being right:** `Car` (1.5) and `Bird` (-2) are" in texts(at)


# ------------------------------------------------------------------ the sidebar's fields
def test_scores_names_and_label_recompute_everything(at) -> None:
    at.text_input(key="mse_classes").set_value("cat, dog, ship, frog").run()
    at.text_input(key="mse_scores").set_value("0.5, 2, -1, 0").run()
    at.number_input(key="mse_label").set_value(1).run()
    assert_clean(at)
    assert not at.error
    # targets [0, 1, 0, 0]: (0.25 + 1 + 1 + 0) / 4 = 0.5625
    assert r"\frac{1}{4}\big(0.25 + 1 + 1 + 0\big) = \frac{2.25}{4} = 0.5625" in texts(at)
    assert bar_terms(at) == {"cat": 0.25, "dog ✓": 1.0, "ship": 1.0, "frog": 0.0}
    assert metrics(at)["Correct class y_i = 1"] == "dog"
    assert share_query(at) == {
        "mse_classes": "cat, dog, ship, frog",
        "mse_scores": "0.5, 2, -1, 0",
        "mse_label": "1",
    }


@pytest.mark.parametrize(
    ("key", "text", "says"),
    [
        ("mse_scores", "1.5, abc, 1", "`abc` is not a number"),
        ("mse_scores", "1.5", "between 2 and 10 numbers"),
        ("mse_scores", "1e5, 0, 0", "10000"),
        ("mse_classes", "Car", "2 to 10 names"),
        ("mse_classes", "Car, , Dog", "none empty"),
        ("mse_classes", "1, 2, 3", "are numbers\\; write names"),
        ("mse_classes", "Car, 7, Dog", "`7` has no letter"),
        ("mse_classes", "Car, " + "x" * 30 + ", Dog", "longer than 20 characters"),
    ],
    ids=[
        "not-a-number",
        "one-score",
        "too-large",
        "one-name",
        "empty-name",
        "numbers",
        "digit",
        "long",
    ],  # fmt: skip
)
def test_bad_text_gets_an_error_keeps_the_text_and_the_last_valid_numbers(
    at, key, text, says
) -> None:
    at.text_input(key=key).set_value(text).run()
    assert_clean(at)
    assert says in errors(at)
    assert at.text_input(key=key).value == text
    assert CASE_1 in texts(at), "the page keeps computing with the last valid input"
    assert share_query(at) == {}, "the link carries the last valid text"


def test_a_label_outside_the_classes_gets_an_error(at) -> None:
    at.number_input(key="mse_label").set_value(3).run()
    assert_clean(at)
    assert "The correct class 3 is not a class of these 3 scores" in errors(at)
    assert CASE_1 in texts(at)
    at.number_input(key="mse_label").set_value(-1).run()
    assert "pick a label from 0 to 2" in errors(at)


def test_fewer_names_than_scores_gets_an_error_and_default_names(at) -> None:
    at.text_input(key="mse_scores").set_value("1.5, -2, 1, 0.5").run()
    assert "3 class names for 4 scores" in errors(at)
    assert "class 3" in bar_terms(at)


# ------------------------------------------------------------------ MSE vs cross-entropy
def test_same_scores_side_by_side(at) -> None:
    shown = texts(at)
    assert r"L_i^{\text{MSE}} = \tfrac{1}{3}\big(0.25 + 4 + 1\big) = 1.75" in shown
    assert r"-\log\frac{e^{1.5}}{e^{1.5} + e^{-2} + e^{1}} = 0.4927" in shown
    assert metrics(at)["MSE"] == "1.75" and metrics(at)["Cross-entropy"] == "0.4927"


def test_the_shift_slider_moves_the_dots_along_both_curves(at) -> None:
    curves = chart(at, "mse_curves")["data"]
    values = correct_score_grid(1.5, 6.0)
    mse, ce = losses_vs_correct_score(LECTURE, 0, values)
    np.testing.assert_allclose(curves[0]["x"], values)
    np.testing.assert_allclose(curves[0]["y"], mse)
    np.testing.assert_allclose(curves[1]["y"], ce)
    at.slider(key="mse_shift").set_value(2.0).run()
    assert_clean(at)
    # s_y = 3.5: MSE (6.25 + 4 + 1) / 3 = 3.75 (up from 1.75); CE falls
    (m, c) = dots(at, "mse_curves")
    assert m == pytest.approx((3.5, 3.75))
    assert c[0] == 3.5 and c[1] < 0.4927
    title = chart(at, "mse_curves")["layout"]["title"]["text"]
    assert title.startswith("Car: s_y = 1.5 + 2 = 3.5: MSE 3.75, cross-entropy "), title
    assert float(title.rsplit(" ", 1)[1]) == pytest.approx(c[1], rel=1e-3)
    assert metrics(at)["MSE"] == "1.75", "the side-by-side keeps the typed scores"
    assert share_query(at) == {"mse_shift": "2"}
    at.slider(key="mse_shift").set_value(-0.5).run()  # s_y = 1: MSE's least value
    assert dots(at, "mse_curves")[0] == pytest.approx((1.0, 5 / 3))
    assert chart(at, "mse_curves")["layout"]["title"]["text"].startswith(
        "Car: s_y = 1.5 − 0.5 = 1: MSE 1.667,"
    )


def test_the_presets_put_the_shift_back(at) -> None:
    at.slider(key="mse_shift").set_value(3.0).run()
    at.button(key="mse_case1").click().run()
    assert at.slider(key="mse_shift").value == 0.0
    assert dots(at, "mse_curves")[0] == pytest.approx((1.5, 1.75))


# ------------------------------------------------------------------ vanishing gradients
def test_sigmoid_gradients_at_the_default_z(at) -> None:
    now = gradients("sigmoid", np.array([-4.0]))
    assert metrics(at)["|∂L/∂z| MSE"] == "0.0347"
    assert metrics(at)["|∂L/∂z| CE"] == "0.982"
    assert dots(at, "mse_grads") == pytest.approx([(-4.0, now.mse[0]), (-4.0, now.ce[0])])
    assert "Cross-entropy's gradient is 28.3 times MSE's here." in texts(at)
    assert r"p &= \sigma(-4) = 0.01799" in texts(at)


def test_z_slider_and_output_radio_drive_the_gradient_chart(at) -> None:
    at.slider(key="mse_z").set_value(-8.0).run()
    assert_clean(at)
    now = gradients("sigmoid", np.array([-8.0]))
    assert dots(at, "mse_grads")[0] == pytest.approx((-8.0, now.mse[0]))
    at.radio(key="mse_output").set_value("softmax").run()
    assert_clean(at)
    curves = gradient_curves("softmax", np.linspace(-10, 10, 201), LECTURE, 0)
    data = chart(at, "mse_grads")["data"]
    np.testing.assert_allclose(data[1]["y"], np.maximum(curves.ce, GRADIENT_FLOOR))
    now = gradients("softmax", np.array([-8.0]), LECTURE, 0)
    assert dots(at, "mse_grads")[1] == pytest.approx((-8.0, now.ce[0]))
    assert "softmax" in chart(at, "mse_grads")["layout"]["title"]["text"]
    assert share_query(at) == {"mse_z": "-8", "mse_output": "softmax over your scores"}


# ------------------------------------------------------------------ links
def test_a_link_restores_every_control() -> None:
    query = {
        "mse_classes": "cat, dog, ship",
        "mse_scores": "0.5, 2, -1",
        "mse_label": "2",
        "mse_shift": "1.5",
        "mse_output": "softmax over your scores",
        "mse_z": "-6.5",
    }
    at = open_page(PAGE, query)
    assert_clean(at)
    assert not at.warning and not at.error
    assert at.text_input(key="mse_classes").value == "cat, dog, ship"
    assert at.number_input(key="mse_label").value == 2
    assert at.slider(key="mse_shift").value == 1.5
    assert at.slider(key="mse_z").value == -6.5
    assert at.radio(key="mse_output").value == "softmax"
    assert bar_terms(at) == {"cat": 0.25, "dog": 4.0, "ship ✓": 4.0}
    assert dots(at, "mse_curves")[0][0] == pytest.approx(0.5)  # -1 + 1.5
    assert share_query(at) == query


def test_a_bad_link_value_warns_and_opens_on_defaults() -> None:
    at = open_page(PAGE, {"mse_shift": "99", "mse_output": "tanh"})
    assert_clean(at)
    warned = " ".join(w.value for w in at.warning)
    assert "mse_shift" in warned and "mse_output" in warned
    assert at.slider(key="mse_shift").value == 0.0
    assert CASE_1 in texts(at)


# ------------------------------------------------------------------ the quiz
def test_quiz_grades_against_the_current_scores(at) -> None:
    at.number_input(key="mse_q_loss").set_value(1.75)
    at.number_input(key="mse_q_best").set_value(1.5)
    at.radio(key="mse_q_grad").set_value("cross-entropy")
    at.button(key="mse_quiz_check").click().run()
    assert_clean(at)
    right = [s.value for s in at.success]
    wrong = [e.value for e in at.error]
    assert len(right) == 2 and len(wrong) == 1
    assert "1. L_i = (0.25 + 4 + 1) / 3 = 1.75." in right[0]
    assert "2. s_y = 1, the one-hot target" in wrong[0]
    at.button(key="mse_case2").click().run()  # the grading follows the scores
    assert "1. L_i = (2.25 + 9 + 1) / 3 = 4.08333." in " ".join(e.value for e in at.error)
    assert not {"mse_q_loss", "mse_q_best", "mse_q_grad"} & set(share_query(at))
