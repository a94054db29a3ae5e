"""sections.svm_loss: the score table's URL and editor codec, and the table it decodes to."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.pages.svm_loss import LECTURE_TABLE, make_table
from sections.svm_loss import from_frame, from_query, to_frame, to_query


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
