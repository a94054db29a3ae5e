"""sections.svm_loss: the score table's URL, editor and text codecs, and the table they give."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.pages.svm_loss import LECTURE_TABLE, ScoreTable, make_table, svm_breakdown
from sections.svm_loss import (
    batch_formula,
    from_frame,
    from_query,
    parse_score_text,
    score_text,
    to_frame,
    to_query,
    worked_losses,
)

SLIDE_ROWS = "Dog\t3.0\t0.9\t1.6\nBird\t6.2\t5.1\t2.3\nTruck\t-2.1\t3.4\t-4.5"  # pasted


def test_lecture_table_is_the_slide_layout() -> None:
    assert LECTURE_TABLE.classes == ("Dog", "Bird", "Truck")
    np.testing.assert_array_equal(LECTURE_TABLE.scores[:, 0], [3.0, 6.2, -2.1])  # dog image
    np.testing.assert_array_equal(LECTURE_TABLE.labels, [0, 1, 2])


def test_query_round_trip() -> None:
    query = to_query(LECTURE_TABLE)
    assert query == {
        "svm_classes": "Dog,Bird,Truck",
        "svm_scores": "3,0.9,1.6;6.2,5.1,2.3;-2.1,3.4,-4.5",
        "svm_labels": "0,1,2",
    }
    assert from_query(**{k.removeprefix("svm_"): v for k, v in query.items()}) == LECTURE_TABLE


def test_frame_round_trip() -> None:
    frame = to_frame(LECTURE_TABLE)
    assert list(frame.columns) == ["class", "image 1", "image 2", "image 3"]
    assert from_frame(frame, [0, 1, 2]) == LECTURE_TABLE


@pytest.mark.parametrize(
    ("classes", "scores", "labels", "message"),
    [
        ("Dog,Bird", "1,2;abc,4", "0,1", "not a number"),
        ("Dog,Bird", "1,nan;3,4", "0,1", "not a number"),
        ("Dog,Bird", "1,inf;3,4", "0,1", "not a number"),
        ("Dog,Bird", "1,1e999;3,4", "0,1", "too large"),
        ("Dog,Bird", "", "0,1", "empty"),
        ("Dog", "1,2", "0,0", "at least two classes"),
        ("Dog,Bird", "1,2;3,4", "0,2", r"\[0, 2\)"),
        ("Dog,Bird", "1,2;3,4", "0", "one label per image"),
        ("Dog,Bird", "1,2;3,4", "0,x", "not a number"),
        ("Dog,Dog", "1,2;3,4", "0,1", "same name"),
        ("Dog,<b>x</b>", "1,2;3,4", "0,1", "letters, digits"),
        ("Dog,", "1,2;3,4", "0,1", "no name"),
        ("Dog,Bird", "1,2;3,4;5,6", "0,1", "one row per class"),
    ],
    ids=[
        "letters", "nan", "inf", "overflow", "empty-scores", "one-class", "label-out-of-range",
        "label-count", "label-letters", "duplicate-names", "markup-name", "blank-name",
        "row-count",
    ],
)  # fmt: skip
def test_bad_query_says_what_to_fix(classes, scores, labels, message) -> None:
    with pytest.raises(ValueError, match=message):
        from_query(classes, scores, labels)


def test_empty_editor_cell_is_named() -> None:
    frame = to_frame(LECTURE_TABLE)
    frame.loc[1, "image 2"] = None
    with pytest.raises(ValueError, match="Class row 2, image 2 is empty"):
        from_frame(frame, [0, 1, 2])
    added = pd.concat([to_frame(LECTURE_TABLE), pd.DataFrame([{"class": None}])])
    with pytest.raises(ValueError, match="Class row 4, image 1 is empty"):
        from_frame(added.reset_index(drop=True), [0, 1, 2])


def test_long_names_are_refused() -> None:
    with pytest.raises(ValueError, match="up to 20"):
        make_table(["Dog", "B" * 21], np.zeros((2, 1)), [0])


@pytest.mark.parametrize(
    "text",
    [
        "Dog: 3.0, 0.9, 1.6\nBird: 6.2, 5.1, 2.3\nTruck: -2.1, 3.4, -4.5",  # what the page writes
        SLIDE_ROWS,
        "Dog 3.0 0.9 1.6; Bird 6.2 5.1 2.3; Truck \u22122.1 3.4 \u22124.5",  # one line, slide minus
        "3,0.9,1.6;6.2,5.1,2.3;-2.1,3.4,-4.5",  # the URL's svm_scores: names kept by row
        "  Dog: 3, .9, 1.6;\n\nBird: 6.2 5.1 2.3 ;Truck: -2.1,3.4,-4.5\n",
    ],
    ids=["written", "slide-paste", "semicolons", "url-value", "ragged-spacing"],
)
def test_score_text_reads_the_lecture_table(text: str) -> None:
    names, scores = parse_score_text(text, LECTURE_TABLE.classes)
    assert names == LECTURE_TABLE.classes
    np.testing.assert_array_equal(scores, LECTURE_TABLE.scores)


def test_score_text_round_trip_keeps_every_digit() -> None:
    text = score_text(LECTURE_TABLE.classes, LECTURE_TABLE.scores)
    assert text == "Dog: 3.0, 0.9, 1.6\nBird: 6.2, 5.1, 2.3\nTruck: -2.1, 3.4, -4.5"
    scores = np.array([[1.0 / 3, -2.5e-7], [123456.789, 1e6]])
    names, back = parse_score_text(score_text(("A b", "C"), scores), ())
    assert names == ("A b", "C")
    np.testing.assert_allclose(back, scores, rtol=1e-9)


def test_score_text_names_new_rows_and_takes_multi_word_names() -> None:
    names, scores = parse_score_text("1 2; sports car 3 4; 5 6", ("Dog", "Cat"))
    assert names == ("Dog", "sports car", "class 3")
    assert scores.shape == (3, 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Dog: 3, x, 1.6\nBird: 6.2, 5.1, 2.3", r"Row 1 \(Dog\), image 2: 'x' is not a number"),
        ("Dog: 3, 0.9\nBird: 6.2, --5.1", r"Row 2 \(Bird\), image 2: '--5.1' is not a number"),
        ("Dog: 3, 0.9\nBird: 6.2, nan", r"Row 2 \(Bird\), image 2: 'nan' is not a number"),
        ("Dog: 3, 1e999", r"image 2: '1e999' is too large"),
        ("Dog: 3, 0.9\nBird: 6.2", r"Row 2 \(Bird\) has 1 scores, row 1 has 2"),
        ("Dog:\nBird: 1", r"Row 1 \(Dog\) has no scores"),
        ("", "empty"),
        (" ; \n ", "empty"),
        (SLIDE_ROWS + "\nLoss 4.2 0 14.9", "Row 4 is the slide's Loss row"),
        (";".join(["1, 2"] * 9), "at most 8 classes"),
        ("Dog: " + ", ".join(["1"] * 9), "at most 8 images"),
        ("1" * 2001, "too long"),
    ],
    ids=[
        "letters", "double-minus", "nan", "overflow", "ragged", "no-scores", "empty",
        "separators-only", "loss-row", "too-many-rows", "too-many-images", "too-long",
    ],
)  # fmt: skip
def test_bad_score_text_names_the_row_and_image(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_score_text(text, LECTURE_TABLE.classes)


def _worked(table: ScoreTable, delta: float = 1.0) -> list[str]:
    result = svm_breakdown(table.per_image, table.labels, margin=delta)
    block = worked_losses(table, result, delta)
    assert block.startswith(r"\begin{aligned}") and block.endswith(r"\end{aligned}")
    return block.removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}").split(r" \\ ")


def test_worked_losses_are_one_row_per_image_for_the_lecture() -> None:
    assert _worked(LECTURE_TABLE) == [
        r"L_{1} &= \max(0,\ 6.2 - 3.0 + 1) + \max(0,\ -2.1 - 3.0 + 1) = 4.2 + 0 = 4.2",
        r"L_{2} &= \max(0,\ 0.9 - 5.1 + 1) + \max(0,\ 3.4 - 5.1 + 1) = 0 + 0 = 0",
        r"L_{3} &= \max(0,\ 1.6 - (-4.5) + 1) + \max(0,\ 2.3 - (-4.5) + 1) = 7.1 + 7.8 = 14.9",
    ]


def test_worked_losses_break_long_sums_so_they_fit_a_projector() -> None:
    """Two terms a row (one with long numbers), the terms added up four a row."""
    five = ScoreTable(tuple("ABCDE"), np.arange(5.0)[:, None] * np.ones((1, 2)), np.zeros(2, int))
    rows = _worked(five)
    assert len(rows) == 2 * (2 + 1)  # per image: 4 wrong classes in 2 rows, then the sum
    assert rows[1] == r"&\quad + \max(0,\ 3 - 0 + 1) + \max(0,\ 4 - 0 + 1)"
    assert rows[2] == "&= 2 + 3 + 4 + 5 = 14"
    big = ScoreTable(("A", "B", "C"), np.array([[0.0], [123456.5], [-5.25]]), np.zeros(1, int))
    assert len(_worked(big)) == 3  # one term a row, then the sum


def test_batch_formula_continues_on_further_rows_for_many_images() -> None:
    result = svm_breakdown(LECTURE_TABLE.per_image, LECTURE_TABLE.labels)
    assert batch_formula(result).endswith("= (4.2 + 0 + 14.9)/3 = 6.367")  # one row, as before
    eight = ScoreTable(("A", "B"), np.vstack([np.zeros(8), np.arange(8.0)]), np.zeros(8, int))
    rows = batch_formula(svm_breakdown(eight.per_image, eight.labels)).split(r" \\ ")
    assert len(rows) == 2 and rows[1] == r"&\quad + 5 + 6 + 7 + 8)/8 = 4.5\end{aligned}"
