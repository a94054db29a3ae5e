"""figures.svm_loss: what a student reads off the hinge-term, loss and gradient charts, K = 2."""

from __future__ import annotations

import numpy as np
import pytest

from core.pages.svm_loss import LECTURE_TABLE, svm_breakdown, two_class_demo
from figures.svm_loss import binary_equivalence, gradient_heatmap, loss_bars, terms_heatmap
from figures.theme import NEUTRAL, POSITIVE, number_text

# Three classes, two images (N != K, so a transposed heatmap cannot pass): image 1 is a
# "Cat" with one active term, image 2 a "Dog" beaten by every other class.
CLASSES = ("Cat", "Dog", "Frog")
IMAGES = ("image 1", "image 2")
SCORES = np.array([[5.0, 4.5, 1.0], [2.0, 0.5, 3.0]])  # (N, K): one row per image
LABELS = np.array([0, 1])
ROWS = ["image 1 (Cat)", "image 2 (Dog)"]  # the loss bars' rows: image and true class


@pytest.fixture(scope="module")
def breakdown():
    return svm_breakdown(SCORES, LABELS, margin=1.0)


def test_terms_heatmap_cells_are_the_terms_with_the_correct_class_skipped(breakdown) -> None:
    fig = terms_heatmap(breakdown.terms, LABELS, CLASSES, IMAGES)
    (heatmap,) = fig.data
    assert heatmap.type == "heatmap"
    # short column ticks (the true class is the cell marked y_i): they never collide
    assert list(heatmap.y) == list(CLASSES) and list(heatmap.x) == list(IMAGES)
    z = np.asarray(heatmap.z, dtype=float)
    assert z.shape == (3, 2)  # rows = classes, columns = images, as in the table
    correct = np.array([[True, False], [False, True], [False, False]])
    assert np.all(np.isnan(z[correct]))
    np.testing.assert_array_equal(z[~correct], breakdown.terms.T[~correct])
    # the numbers written in the cells: max(0, 4.5 - 5 + 1) = 0.5 for the cat image's dog term
    text = np.asarray(heatmap.text)
    assert text[1, 0] == "0.5" and text[2, 0] == "0" and text[0, 1] == "2.5"
    assert list(text[correct]) == ["y_i"] * 2
    assert heatmap.zmin == 0.0 and heatmap.zmax == pytest.approx(np.max(breakdown.terms))
    assert "Hinge terms" in fig.layout.title.text
    assert fig.layout.yaxis.autorange == "reversed"  # the first class on top, as in the table
    assert heatmap.showscale is False and heatmap.textfont.size >= 12


def test_heatmap_cells_write_large_numbers_on_two_short_lines() -> None:
    """A power of ten is plain text on two lines (a cell of 8 images at 1280 px holds it)."""
    terms = np.array([[0.0, 2.0e6, 123456.0], [0.0, 0.5, 0.0]])
    text = np.asarray(terms_heatmap(terms, LABELS, CLASSES, IMAGES).data[0].text)
    assert text[1, 0] == "2<br>× 10⁶" and text[2, 0] == "1.23<br>× 10⁵"
    eight = terms_heatmap(np.zeros((2, 8)), LABELS, tuple("ABCDEFGH"), IMAGES)
    assert eight.layout.height > terms_heatmap(terms, LABELS, CLASSES, IMAGES).layout.height


def test_terms_heatmap_of_all_zero_terms_keeps_a_positive_colour_range() -> None:
    fig = terms_heatmap(np.zeros((2, 3)), LABELS, CLASSES, IMAGES)
    assert fig.data[0].zmax > 0


def test_loss_bars_show_each_image_loss_and_a_dashed_batch_line(breakdown) -> None:
    fig = loss_bars(breakdown.losses, breakdown.batch_loss, IMAGES, LABELS, CLASSES)
    (bars,) = fig.data
    # one row per image: row labels never crowd, however many images
    assert bars.type == "bar" and bars.orientation == "h" and list(bars.y) == ROWS
    np.testing.assert_array_equal(bars.x, breakdown.losses)
    np.testing.assert_allclose(breakdown.losses, [0.5, 2.5 + 3.5])
    assert list(bars.text) == ["0.5", "6"]
    assert bars.constraintext == "none" and bars.textfont.size >= 12  # never shrunk (was 8 px)
    assert list(bars.marker.color) == [POSITIVE, POSITIVE]
    (line,) = fig.layout.shapes
    assert line.x0 == line.x1 == breakdown.batch_loss == pytest.approx(3.25)
    assert line.line.dash == "dash"
    assert fig.layout.annotations[0].text == "L = 3.25"
    assert fig.layout.xaxis.title.text == "loss"
    assert fig.layout.xaxis.range[1] >= 1.25 * max(breakdown.losses)  # room for the numbers
    assert fig.layout.yaxis.autorange == "reversed"  # image 1 on top


def test_loss_bars_write_large_losses_as_plain_text() -> None:
    fig = loss_bars(np.array([0.0, 2.0e6]), 1.0e6, IMAGES, LABELS, CLASSES)
    assert list(fig.data[0].text) == ["0", "2 × 10⁶"]
    assert list(fig.data[0].textposition) == ["outside", "auto"]  # a zero bar has no inside
    assert fig.layout.annotations[0].text == "L = 1 × 10⁶"


def test_loss_bars_grey_out_a_zero_loss() -> None:
    fig = loss_bars(np.array([0.0, 2.0]), 1.0, IMAGES, LABELS, CLASSES)
    assert list(fig.data[0].marker.color) == [NEUTRAL, POSITIVE]


def test_lecture_table_loss_bars_read_the_slide_numbers() -> None:
    result = svm_breakdown(LECTURE_TABLE.per_image, LECTURE_TABLE.labels)
    fig = loss_bars(
        result.losses, result.batch_loss, LECTURE_TABLE.image_names, LECTURE_TABLE.labels,
        LECTURE_TABLE.classes,
    )  # fmt: skip
    assert list(fig.data[0].text) == ["4.2", "0", "14.9"]
    assert fig.layout.annotations[0].text == "L = 6.367"


def test_gradient_heatmap_cells_are_the_gradient_on_a_symmetric_scale(breakdown) -> None:
    fig = gradient_heatmap(breakdown.grad, LABELS, CLASSES, IMAGES)
    (heatmap,) = fig.data
    assert heatmap.type == "heatmap"
    z = np.asarray(heatmap.z, dtype=float)
    np.testing.assert_array_equal(z, breakdown.grad.T)
    # image 2 (a dog) loses to cat and frog: +1 on each, -2 on its own class
    np.testing.assert_array_equal(z[:, 1], [1, -2, 1])
    assert heatmap.zmin == -heatmap.zmax == -2.0
    assert heatmap.showscale is False  # every cell writes its number
    assert "Gradient" in fig.layout.title.text


def test_binary_equivalence_draws_both_losses_per_true_class() -> None:
    x = np.linspace(-4, 4, 9)
    demo = two_class_demo(np.array([[-0.5, 0.5], [1.0, -0.5]]), x)
    fig = binary_equivalence(x, demo.multiclass, demo.binary)
    assert [t.type for t in fig.data] == ["scatter"] * 4
    for c in (0, 1):
        multi, binary = fig.data[2 * c], fig.data[2 * c + 1]
        np.testing.assert_array_equal(multi.y, demo.multiclass[c])
        np.testing.assert_array_equal(binary.y, demo.binary[c])
        assert binary.line.dash == "dash" and multi.line.width > binary.line.width
    assert [t.name for t in fig.data] == [
        "multiclass SVM, y = 0", "binary hinge, y = −1",
        "multiclass SVM, y = 1", "binary hinge, y = +1",
    ]  # fmt: skip
    assert fig.layout.xaxis.title.text == "input x"
    assert fig.layout.yaxis.title.text == "loss L_i"
    assert fig.layout.title.text.startswith("K = 2")


def test_builders_reuse_a_figure_for_equal_inputs_only(breakdown) -> None:
    first = terms_heatmap(breakdown.terms, LABELS, CLASSES, IMAGES)
    assert terms_heatmap(breakdown.terms.copy(), LABELS.copy(), CLASSES, IMAGES) is first
    assert terms_heatmap(breakdown.terms + 1.0, LABELS, CLASSES, IMAGES) is not first
    assert terms_heatmap(breakdown.terms, LABELS, ("Cat", "Dog", "Toad"), IMAGES) is not first
    grad = gradient_heatmap(breakdown.grad, LABELS, CLASSES, IMAGES)
    assert gradient_heatmap(breakdown.grad.copy(), LABELS, CLASSES, IMAGES) is grad


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [
        (4.2, 4, "4.2"), (6.3666667, 4, "6.367"), (0.0, 4, "0"), (-0.0, 4, "0"),
        (2e6, 4, "2 × 10⁶"), (1234567.0, 4, "1.235 × 10⁶"), (4.1e-9, 2, "4.1 × 10⁻⁹"),
        (-2.5e-5, 3, "-2.5 × 10⁻⁵"), (float("nan"), 4, "NaN"), (float("inf"), 4, "∞"),
    ],
)  # fmt: skip
def test_number_text_is_readable_text_never_latex(value, digits, text) -> None:
    """Cards, captions and chart text write numbers as the formulas do, in plain Unicode."""
    assert number_text(value, digits) == text


def test_loss_bars_leave_long_class_names_out_of_the_row_labels() -> None:
    """Long row labels left the bars of a half-screen chart no room for their numbers."""
    fig = loss_bars(np.array([1.0, 2.0]), 1.5, IMAGES, LABELS, ("Automobile and Cat", "Dog"))
    assert list(fig.data[0].y) == list(IMAGES)
