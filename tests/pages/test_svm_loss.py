"""views/svm_loss.py in AppTest: the lecture table, every control, bad input, the quiz, K = 2."""

from __future__ import annotations

import re

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

PAGE = "views/svm_loss.py"
TEXT = "svm_scores_text"
LECTURE_QUERY = {
    "svm_classes": "Dog,Bird,Truck",
    "svm_scores": "3,0.9,1.6;6.2,5.1,2.3;-2.1,3.4,-4.5",
    "svm_labels": "0,1,2",
}
# the lecture's per-image losses, by hand
DOG = max(0, 6.2 - 3.0 + 1) + max(0, -2.1 - 3.0 + 1)
BIRD = max(0, 0.9 - 5.1 + 1) + max(0, 3.4 - 5.1 + 1)
TRUCK = max(0, 1.6 - (-4.5) + 1) + max(0, 2.3 - (-4.5) + 1)


def metrics(at) -> list[float]:
    return [float(m.value) for m in at.metric]


def edit(at, edited_rows=None, added_rows=None, deleted_rows=None):
    """Seed a data-editor edit as the browser would send it, then rerun."""
    at.session_state["svm_table"] = {
        "edited_rows": edited_rows or {},
        "added_rows": added_rows or [],
        "deleted_rows": deleted_rows or [],
    }
    return at.run()


def chart(at, key: str) -> dict:
    """The figure of the chart with ``key`` (positions change with the layout, keys do not)."""
    return figures(at)[chart_keys(at).index(key)]


def terms_chart(at) -> dict:
    return chart(at, "svm_terms")["data"][0]


def shown(markdown: str) -> str:
    """Markdown as it reads on the page: backslash escapes (``inert_message``) removed."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def errors(at) -> str:
    return " ".join(shown(e.value) for e in at.error)


def type_text(at, text: str):
    """Commit ``text`` in the score text field (as Ctrl+Enter or a click outside does)."""
    return at.text_area(key=TEXT).set_value(text).run()


def bar_values(at) -> np.ndarray:
    return np.asarray(chart(at, "svm_losses")["data"][0]["x"], dtype=float)  # horizontal


@pytest.fixture
def at():
    page = open_page(PAGE)
    assert_clean(page)
    return page


def test_lecture_numbers_formulas_and_charts(at) -> None:
    assert metrics(at) == pytest.approx([DOG, BIRD, TRUCK, (DOG + BIRD + TRUCK) / 3], abs=1e-3)
    page_text = texts(at)
    dog = r"L_{1} &= \max(0,\ 6.2 - 3.0 + 1) + \max(0,\ -2.1 - 3.0 + 1) = 4.2 + 0 = 4.2"
    truck = r"\max(0,\ 1.6 - (-4.5) + 1) + \max(0,\ 2.3 - (-4.5) + 1) = 7.1 + 7.8 = 14.9"
    assert dog in page_text and truck in page_text
    assert "= (4.2 + 0 + 14.9)/3 = 6.367" in page_text
    z = terms_chart(at)["z"]  # classes x images; the correct class's cell is blank
    assert z[1][0] == pytest.approx(6.2 - 3.0 + 1)
    assert np.isnan(z[0][0]) and np.isnan(z[1][1]) and np.isnan(z[2][2])
    np.testing.assert_allclose(bar_values(at), [DOG, BIRD, TRUCK])
    assert share_query(at).items() >= LECTURE_QUERY.items()


def test_delta_slider_changes_every_number(at) -> None:
    at.slider(key="svm_delta").set_value(2.0).run()
    dog = max(0, 6.2 - 3.0 + 2) + max(0, -2.1 - 3.0 + 2)
    bird = max(0, 0.9 - 5.1 + 2) + max(0, 3.4 - 5.1 + 2)
    assert metrics(at)[:2] == pytest.approx([dog, bird], abs=1e-3)
    assert r"\max(0,\ 6.2 - 3.0 + 2)" in texts(at)
    assert share_query(at)["svm_delta"] == "2"


def test_gradient_is_shown_on_request(at) -> None:
    assert len(figures(at)) == 3  # terms, losses, K = 2 demo
    at.toggle(key="svm_grad").set_value(True).run()
    charts = figures(at)
    assert len(charts) == 4
    grad = np.array(chart(at, "svm_grad_chart")["data"][0]["z"])  # classes x images
    # truck image: dog and bird terms active -> +1, +1 and -2 on the truck score
    np.testing.assert_array_equal(grad[:, 2], [1, 1, -2])
    assert r"\frac{\partial L_{1}}{\partial \mathbf{s}} = [-1,\ 1,\ 0]" in texts(at)
    assert share_query(at)["svm_grad"] == "true"


def test_editing_a_score_updates_numbers_and_url(at) -> None:
    edit(at, edited_rows={0: {"image 1": 7.0}})
    assert_clean(at)
    assert metrics(at)[0] == pytest.approx(max(0, 6.2 - 7 + 1) + max(0, -2.1 - 7 + 1), abs=1e-3)
    assert share_query(at)["svm_scores"].startswith("7,0.9,1.6;")


def test_adding_and_removing_classes(at) -> None:
    edit(at, added_rows=[{"class": "Cat", "image 1": 5.0, "image 2": 0.0, "image 3": 0.0}])
    assert not at.error
    # dog image gains the cat term max(0, 5 - 3 + 1)
    assert metrics(at)[0] == pytest.approx(DOG + max(0, 5 - 3.0 + 1), abs=1e-3)
    assert share_query(at)["svm_classes"] == "Dog,Bird,Truck,Cat"
    edit(at, deleted_rows=[2])  # remove Truck: image 3's label 2 no longer exists
    assert "[0, 2)" in errors(at)


def test_bad_table_input_keeps_the_last_valid_state(at) -> None:
    before = chart_specs(at)
    edit(at, added_rows=[{"class": "Cat"}])
    assert "Class row 4, image 1 is empty" in errors(at)
    assert chart_specs(at) == before
    edit(at, deleted_rows=[1, 2])
    assert "at least two classes" in errors(at)
    edit(at, edited_rows={1: {"class": "<b>Bird</b>"}})
    assert "letters, digits" in errors(at)
    assert chart_specs(at) == before
    assert share_query(at)["svm_scores"] == LECTURE_QUERY["svm_scores"]


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ("0, 1, 3", "[0, 3)"),
        ("0, one, 2", "not a number"),
        ("0, nan, 2", "not a number"),
        ("0, inf, 2", "not a number"),
        ("", "empty"),
        ("0, 1", "one label per image"),
        ("0, 1.5, 2", "whole number"),
    ],
    ids=["out-of-range", "letters", "nan", "inf", "empty", "count", "fraction"],
)
def test_bad_labels_get_an_error(at, labels: str, message: str) -> None:
    before = metrics(at)
    at.text_input(key="svm_labels").set_value(labels).run()
    assert_clean(at)
    assert message in errors(at)
    assert metrics(at) == before


def test_labels_change_the_loss(at) -> None:
    at.text_input(key="svm_labels").set_value("1, 1, 2").run()
    # dog image now labelled Bird: max(0, 3.0 - 6.2 + 1) + max(0, -2.1 - 6.2 + 1)
    assert metrics(at)[0] == pytest.approx(0.0)
    assert share_query(at)["svm_labels"] == "1,1,2"


def test_image_buttons_and_lecture_preset(at) -> None:
    at.button(key="svm_add_image").click().run()
    assert len(at.metric) == 5  # four images + the batch loss
    # the new image has all scores 0 and label 0: (K - 1) Δ = 2 * 1
    assert metrics(at)[3] == pytest.approx(2.0)
    assert share_query(at)["svm_labels"] == "0,1,2,0"
    assert at.text_area(key=TEXT).value.startswith("Dog: 3.0, 0.9, 1.6, 0.0\n")  # it follows
    at.button(key="svm_remove_image").click().run()
    at.button(key="svm_remove_image").click().run()
    assert len(at.metric) == 3
    at.slider(key="svm_delta").set_value(5.0).run()
    at.button(key="svm_preset").click().run()
    assert metrics(at) == pytest.approx([DOG, BIRD, TRUCK, (DOG + BIRD + TRUCK) / 3], abs=1e-3)
    assert at.slider(key="svm_delta").value == 1.0
    assert share_query(at).items() >= LECTURE_QUERY.items()


def test_url_restores_a_table() -> None:
    at = open_page(
        PAGE,
        {"svm_classes": "Cat,Dog", "svm_scores": "1,2;3,0", "svm_labels": "1,0", "svm_delta": "2"},
    )
    assert_clean(at)
    # image 1: label Dog (score 3), cat term max(0, 1 - 3 + 2)
    # image 2: label Cat (score 2), dog term max(0, 0 - 2 + 2)
    assert metrics(at)[:2] == pytest.approx([max(0, 1 - 3 + 2), max(0, 0 - 2 + 2)])
    assert "Cat" in terms_chart(at)["y"]


@pytest.mark.parametrize(
    "query",
    [
        {"svm_scores": "1,abc;3,4", "svm_classes": "A,B", "svm_labels": "0,1"},
        {"svm_scores": "1,2;3,4", "svm_classes": "A,B", "svm_labels": "0,7"},
        {"svm_scores": "1,2", "svm_classes": "A", "svm_labels": "0,0"},
        {"svm_delta": "banana"},
    ],
    ids=["letters", "label", "one-class", "delta"],
)
def test_garbage_url_opens_on_defaults_with_a_warning(query) -> None:
    at = open_page(PAGE, query)
    assert_clean(at)
    assert at.warning
    assert metrics(at) == pytest.approx([DOG, BIRD, TRUCK, (DOG + BIRD + TRUCK) / 3], abs=1e-3)


def test_a_link_with_part_of_the_table_names_what_it_lacks() -> None:
    at = open_page(PAGE, {"svm_labels": "1,1,2"})
    assert_clean(at)
    (warning,) = at.warning
    assert "lacks svm_classes, svm_scores" in warning.value
    assert metrics(at) == pytest.approx([DOG, BIRD, TRUCK, (DOG + BIRD + TRUCK) / 3], abs=1e-3)


def answer(at, q_min, q_max, q_zero, q_all):
    at.number_input(key="svm_q_min").set_value(q_min)
    at.radio(key="svm_q_max").set_value(q_max)
    at.number_input(key="svm_q_zero").set_value(q_zero)
    at.number_input(key="svm_q_all").set_value(q_all)
    return at.button(key="svm_quiz_check").click().run()


def quiz_feedback(at) -> tuple[int, int]:
    right = sum(s.value.startswith("Correct.") for s in at.success)
    wrong = sum(e.value.startswith("Not quite.") for e in at.error)
    return right, wrong


def test_quiz_is_hidden_until_checked_then_checked_live(at) -> None:
    assert quiz_feedback(at) == (0, 0)
    no_max = "No maximum: L_i can grow without bound"
    k, delta = 3, 1.0
    answer(at, 0.0, no_max, (k - 1) * delta, delta)
    assert_clean(at)
    assert quiz_feedback(at) == (4, 0)
    # four classes and Δ = 3: answers 2 and 1 to questions 2 and 3 are now wrong, (4 - 1) * 3 and 3
    edit(at, added_rows=[{"class": "Cat", "image 1": 0.0, "image 2": 0.0, "image 3": 0.0}])
    at.slider(key="svm_delta").set_value(3.0).run()
    right, wrong = quiz_feedback(at)
    assert (right, wrong) == (2, 2)
    answer(at, 0.0, no_max, (4 - 1) * 3.0, 3.0)
    assert quiz_feedback(at) == (4, 0)


def test_quiz_wrong_answers(at) -> None:
    answer(at, 1.0, "K · Δ", 3.0, 0.0)
    assert quiz_feedback(at) == (0, 4)
    assert "(K − 1) Δ = 2" in errors(at)


def test_two_classes_equal_the_binary_hinge(at) -> None:
    for key, value in {"svm_w0": 1.2, "svm_b0": -0.7, "svm_w1": -2.0, "svm_b1": 0.4}.items():
        at.slider(key=key).set_value(value).run()
    assert_clean(at)
    demo = figures(at)[-1]["data"]
    assert [t["name"] for t in demo] == [
        "multiclass SVM, y = 0", "binary hinge, y = −1",
        "multiclass SVM, y = 1", "binary hinge, y = +1",
    ]  # fmt: skip
    x = np.asarray(demo[0]["x"])
    np.testing.assert_allclose(demo[0]["y"], demo[1]["y"], atol=1e-12)
    np.testing.assert_allclose(demo[2]["y"], demo[3]["y"], atol=1e-12)
    w = np.array([-2.0 - 1.2, 0.4 + 0.7])  # w = w1 - w0 (slope, bias)
    expected_y1 = np.maximum(0, 1 - (w[0] * x + w[1]))
    np.testing.assert_allclose(demo[2]["y"], expected_y1, atol=1e-12)
    assert r"w = w_1 - w_0 = [-3.2,\ 1.1]" in texts(at)
    assert share_query(at)["svm_w1"] == "-2"


def test_fuzz_every_control_keeps_the_page_whole(at) -> None:
    """Random values of every control: no exception, no NaN shown, no empty chart."""
    rng = np.random.default_rng(0)
    for _ in range(12):
        at.slider(key="svm_delta").set_value(float(rng.choice(np.arange(0, 30.5, 0.5)))).run()
        at.toggle(key="svm_grad").set_value(bool(rng.integers(2))).run()
        row, col = int(rng.integers(3)), f"image {rng.integers(1, 4)}"
        edit(at, edited_rows={row: {col: float(rng.uniform(-1e6, 1e6))}})
        labels = ", ".join(str(v) for v in rng.integers(0, 4, size=int(rng.integers(2, 5))))
        at.text_input(key="svm_labels").set_value(labels).run()
        for key in ("svm_w0", "svm_b0", "svm_w1", "svm_b1"):
            at.slider(key=key).set_value(float(np.round(rng.uniform(-3, 3), 1))).run()
        assert_clean(at)
        assert "nan" not in texts(at).lower()
        assert all(fig["data"] for fig in figures(at))


def test_edits_survive_leaving_the_page_and_coming_back(at) -> None:
    edit(at, edited_rows={0: {"image 1": 7.0}})
    at.text_input(key="svm_labels").set_value("1, 1, 2").run()
    edited = metrics(at)
    at.switch_page("views/svm_margin.py").run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    assert metrics(at) == edited
    assert at.text_input(key="svm_labels").value == "1, 1, 2"
    assert share_query(at)["svm_scores"].startswith("7,0.9,1.6;")
    assert at.text_area(key=TEXT).value.startswith("Dog: 7.0, 0.9, 1.6\n")


def test_quiz_answers_in_a_link_are_ignored_and_stay_empty() -> None:
    """Answers never travel in a link (a lecturer's link must not give them away)."""
    at = open_page(PAGE, {"svm_q_zero": "2", "svm_q_max": "K · Δ"})
    assert_clean(at)
    assert at.number_input(key="svm_q_zero").value is None
    assert at.radio(key="svm_q_max").value is None
    at.number_input(key="svm_q_zero").set_value(2)
    at.button(key="svm_quiz_check").click().run()
    assert quiz_feedback(at) == (1, 3)  # only question 2: (3 - 1) * 1 = 2
    assert "svm_q_zero" not in share_query(at)


def test_naive_loops_and_vectorized_code_agree_on_the_edited_table() -> None:
    at = open_page(PAGE, LECTURE_QUERY)
    at = edit(at, edited_rows={1: {"image 1": 9.0}})  # the bird score on the dog image
    dog = max(0, 9.0 - 3.0 + 1) + max(0, -2.1 - 3.0 + 1)
    batch = round((dog + BIRD + TRUCK) / 3, 5)
    (note,) = [m.value for m in at.markdown if "with loops" in m.value]
    assert note.count(f"**{batch:g}**") == 2  # loops and vectorized show the same number
    sources = [c.value for c in at.code]
    assert any("def svm_loss_naive" in s and "for i in range" in s for s in sources)
    assert any("def svm_loss(" in s for s in sources)


@pytest.mark.parametrize("old", ["1", "true"])
def test_a_toggle_in_an_older_link_opens_the_same_state(old: str) -> None:
    """Links made before the URL binding wrote a toggle as 1; both spellings open it."""
    at = open_page(PAGE, {"svm_grad": old})
    assert_clean(at)
    assert not at.warning
    assert at.toggle(key="svm_grad").value is True
    assert share_query(at)["svm_grad"] == "true"


# ------------------------------------------------------------------ the score text field
def test_the_text_field_holds_the_table_and_typing_it_updates_everything(at) -> None:
    lecture = "Dog: 3.0, 0.9, 1.6\nBird: 6.2, 5.1, 2.3\nTruck: -2.1, 3.4, -4.5"
    assert at.text_area(key=TEXT).value == lecture
    type_text(at, "Dog: -2.5, 0.9, 1.6\nBird: 6.2, 5.1, 2.3\nTruck: -2.1, 3.4, -4.5")
    assert_clean(at)
    assert not at.error
    dog = max(0, 6.2 + 2.5 + 1) + max(0, -2.1 + 2.5 + 1)  # the sign is kept: -2.5, not 2.5
    assert metrics(at)[0] == pytest.approx(dog)
    np.testing.assert_allclose(bar_values(at), [dog, BIRD, TRUCK])
    assert share_query(at)["svm_scores"] == "-2.5,0.9,1.6;6.2,5.1,2.3;-2.1,3.4,-4.5"
    assert at.session_state["svm_table"]["edited_rows"] == {}  # the grid restarted on the text
    assert r"\max(0,\ 6.2 - (-2.5) + 1)" in texts(at)


@pytest.mark.parametrize(
    "text",
    [
        "Dog\t3.0\t0.9\t1.6\nBird\t6.2\t5.1\t2.3\nTruck\t-2.1\t3.4\t-4.5",
        "3,0.9,1.6;6.2,5.1,2.3;-2.1,3.4,-4.5",
    ],
    ids=["slide-rows", "url-value"],
)
def test_the_slide_pastes_into_the_text_field(at, text: str) -> None:
    type_text(at.slider(key="svm_delta").set_value(2.0).run(), text)
    assert not at.error
    assert share_query(at).items() >= LECTURE_QUERY.items()


def test_a_grid_edit_rewrites_the_text(at) -> None:
    edit(at, edited_rows={0: {"image 1": 7.0}})
    assert at.text_area(key=TEXT).value.startswith("Dog: 7.0, 0.9, 1.6\n")
    edit(at, added_rows=[{"class": "Cat", "image 1": 1.0, "image 2": 2.0, "image 3": 3.5}])
    assert at.text_area(key=TEXT).value.endswith("\nCat: 1.0, 2.0, 3.5")
    type_text(at, at.text_area(key=TEXT).value.replace("Cat: 1.0", "Cat: 9.0"))
    assert not at.error
    assert share_query(at)["svm_scores"].endswith(";9,2,3.5")
    assert share_query(at)["svm_classes"] == "Dog,Bird,Truck,Cat"


def test_the_text_adds_classes_and_images_and_the_labels_follow(at) -> None:
    rows = ["Dog: 3, 0.9, 1.6, 0", "Bird: 6.2, 5.1, 2.3, 0", "Truck: -2.1, 3.4, -4.5, 0"]
    type_text(at, "\n".join([*rows, "Cat: 0, 0, 0, 5"]))
    assert_clean(at)
    assert not at.error
    assert at.text_input(key="svm_labels").value == "0, 1, 2, 0"  # a new image gets label 0
    assert len(at.metric) == 5
    assert metrics(at)[3] == pytest.approx(1 + 1 + max(0, 5 - 0 + 1))  # image 4, a dog
    assert share_query(at)["svm_classes"] == "Dog,Bird,Truck,Cat"
    assert share_query(at)["svm_labels"] == "0,1,2,0"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Dog: 3, 0.9, 1.6\nBird: 6.2, 5..1, 2.3\nTruck: -2.1, 3.4, -4.5",
         "Row 2 (Bird), image 2: `5..1` is not a number"),  # the echo is a code span
        ("Dog: 3, 0.9, 1.6\nBird: 6.2, 5.1\nTruck: -2.1, 3.4, -4.5", "Row 2 (Bird) has 2 scores"),
        ("Dog: 3, 0.9, 1.6\nBird: 6.2, 5.1, 2.3\nTruck: -2.1, 3.4, -4.5\nLoss: 4.2, 0, 14.9",
         "Row 4 is the slide's Loss row"),
        ("", "empty"),
        ("__import__('os')", "Row 1 has no scores"),  # never evaluated; no name echoed
    ],
    ids=["typo", "short-row", "loss-row", "empty", "code"],
)  # fmt: skip
def test_bad_text_is_kept_with_an_error_and_the_last_valid_table(at, text, message) -> None:
    before = chart_specs(at)
    type_text(at, text)
    assert_clean(at)
    assert message in errors(at)
    assert at.text_area(key=TEXT).value == text  # nothing the student typed is lost
    assert chart_specs(at) == before
    assert share_query(at)["svm_scores"] == LECTURE_QUERY["svm_scores"]
    edit(at, edited_rows={0: {"image 1": 7.0}})  # the grid leads again: the text follows it
    assert not at.error
    assert at.text_area(key=TEXT).value.startswith("Dog: 7.0, 0.9, 1.6")


def test_text_that_removes_a_labelled_class_says_which_labels_to_fix(at) -> None:
    type_text(at, "Dog: 3, 0.9, 1.6\nBird: 6.2, 5.1, 2.3")
    assert "[0, 2)" in errors(at)
    at.text_input(key="svm_labels").set_value("0, 1, 1").run()
    assert not at.error  # the text's table now applies
    assert share_query(at)["svm_classes"] == "Dog,Bird"


# ------------------------------------------------------------------ what the cards show
def test_cards_show_large_and_small_losses_as_plain_numbers() -> None:
    at = open_page(PAGE, {"svm_classes": "A,B", "svm_scores": "0,0;1e6,1e-9", "svm_labels": "0,0"})
    assert_clean(at)
    values = [m.value for m in at.metric]
    assert values[0] == "1 × 10⁶" and values[1] == "1"  # max(0, 1e6 - 0 + 1), max(0, 1e-9 + 1)
    assert all("\\" not in v and "{" not in v for v in values)  # no LaTeX source
    assert [m.label for m in at.metric] == ["L1", "L2", "Batch loss L = mean of L_i"]


def test_the_lecture_table_is_compared_with_its_slide_once(at) -> None:
    notes = [c.value for c in at.caption if "The slide" in c.value]
    assert len(notes) == 1
    (note,) = notes
    assert "L1 = 4.2, L2 = 0, L3 = 14.9" in note and "rounds nothing" in note
    assert "19.1/3 = 6.366667" in note and "rounded to 6.367" in note
    at.slider(key="svm_delta").set_value(2.0).run()
    assert not [c.value for c in at.caption if "The slide" in c.value]


# ------------------------------------------------------------------ user text stays inert
HOSTILE_NAMES = ["www.evil.example", "e.co", "Dog (http)"]
MARKUP = re.compile(r"\]\(|!\[|https?://|www\.|\$|<[a-z]")


def markdown_outside_code(at) -> list[str]:
    """Every text the page shows through markdown, with its code spans (inert text) cut out."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for kind in ("error", "warning", "info", "success") for e in at.get(kind)]
    parts += [m.label for m in at.metric]
    return [re.sub(r"`[^`]*`", "", part) for part in parts]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_class_name_never_renders_as_a_link(name: str) -> None:
    at = open_page(
        PAGE,
        {
            "svm_classes": f"Dog,{name},Truck",
            **{k: v for k, v in LECTURE_QUERY.items() if k != "svm_classes"},
        },
    )
    assert_clean(at)
    assert not at.warning
    at.text_input(key="svm_labels").set_value("1, 1, 1").run()
    answer(at, 0.0, "K · Δ", 2.0, 1.0)  # the quiz's feedback names image 1's class
    for part in markdown_outside_code(at):
        assert name not in part and not MARKUP.search(part), part
    assert any(f"`{name}`" in c.value for c in at.caption)  # shown, as inert text


@pytest.mark.parametrize(
    "text",
    [
        "[x](http://e.co): 1, 2, 3\nBird: 1, 2, 3",
        "Dog: 1, ![a](http://e.co/i.png), 3",
        "Dog: 1, $x$, 3",
        "Dog: 1, www.evil.example, 3",
    ],
    ids=["link-name", "image-score", "formula-score", "autolink-score"],
)
def test_hostile_table_text_is_refused_and_shown_inert(at, text: str) -> None:
    type_text(at, text)
    assert_clean(at)
    assert at.error
    for part in markdown_outside_code(at):
        assert not MARKUP.search(part), part


def test_hostile_labels_are_echoed_inert(at) -> None:
    at.text_input(key="svm_labels").set_value("0, ![a](http://e.co/i.png), 1").run()
    assert at.error
    for part in markdown_outside_code(at):
        assert not MARKUP.search(part), part


def test_a_link_echo_in_the_tables_warning_is_inert() -> None:
    query = {**LECTURE_QUERY, "svm_scores": "3,0.9,[x](http://e.co);6.2,5.1,2.3;-2.1,3.4,-4.5"}
    at = open_page(PAGE, query)
    assert_clean(at)
    assert at.warning
    for part in markdown_outside_code(at):
        assert not MARKUP.search(part), part
