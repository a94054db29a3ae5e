"""core.pages.mse: the lecture's two cases, MSE vs cross-entropy as the correct score moves,
and the analytic gradients through a sigmoid or softmax output (centred differences)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.losses import LOSSES, cross_entropy_grad
from core.pages.mse import (
    correct_score_grid,
    gradient_curves,
    gradients,
    losses_vs_correct_score,
    mse_parts,
    sigmoid_ce_grad,
    sigmoid_ce_loss,
    sigmoid_mse_grad,
    sigmoid_mse_loss,
    slide_rounding,
    softmax_ce_grad,
    softmax_mse_grad,
    softmax_mse_loss,
    with_correct_score,
)
from core.softmax import sigmoid
from tests.numgrad import centred_difference

LECTURE = [1.5, -2.0, 1.0]


@pytest.mark.parametrize(
    ("label", "squared", "total", "loss"),
    [
        (0, [0.25, 4.0, 1.0], 5.25, 1.75),  # Case 1: (0.25 + 4 + 1) / 3
        (1, [2.25, 9.0, 1.0], 12.25, 12.25 / 3),  # Case 2: (2.25 + 9 + 1) / 3
        (2, [2.25, 4.0, 0.0], 6.25, 6.25 / 3),
    ],
    ids=["case1-car", "case2-bird", "dog"],
)
def test_the_lectures_cases_term_by_term(label, squared, total, loss) -> None:
    parts = mse_parts(LECTURE, label)
    np.testing.assert_array_equal(parts.targets, np.eye(3)[label])
    np.testing.assert_allclose(parts.squared, squared)
    assert parts.total == pytest.approx(total)
    assert parts.loss == pytest.approx(loss)
    assert parts.loss == pytest.approx(float(LOSSES["mse"].loss(LECTURE, label)))
    assert parts.cross_entropy == pytest.approx(float(LOSSES["ce"].loss(LECTURE, label)))


def test_case_2_is_4_0833_which_the_slide_rounds_to_4_1() -> None:
    note = slide_rounding(LECTURE, 1)
    assert note is not None
    assert note.written == 4.1 and note.total == 12.25 and note.k == 3
    assert note.exact == pytest.approx(4.083333333333333)
    assert round(note.exact, 1) == note.written != note.exact


@pytest.mark.parametrize(
    ("scores", "label"),
    [(LECTURE, 0), (LECTURE, 2), ([1.5, -2.0, 1.1], 1), ([1.5, -2.0], 1)],
    ids=["case1-exact", "not-a-slide-case", "other-scores", "two-classes"],
)
def test_no_rounding_note_where_the_slide_is_exact_or_silent(scores, label) -> None:
    assert slide_rounding(scores, label) is None


def test_too_right_marks_scores_past_their_target_on_the_right_side() -> None:
    # Car (correct) 1.5 > 1 and Bird (wrong) -2 < 0 are "too right"; Dog 1.0 > 0 is wrong.
    np.testing.assert_array_equal(mse_parts(LECTURE, 0).too_right, [True, True, False])
    np.testing.assert_array_equal(mse_parts(LECTURE, 1).too_right, [False, False, False])


@pytest.mark.parametrize(
    ("scores", "label", "message"),
    [
        ([1.0, 2.0], 2, r"labels must lie in \[0, 2\)"),
        ([1.0], 0, "at least two classes"),
        ([1.0, np.nan], 0, "NaN or infinity"),
        ([[1.0, 2.0], [3.0, 4.0]], 0, "one sample"),
    ],
    ids=["label-out-of-range", "one-class", "nan", "batch"],
)
def test_bad_input_raises_a_readable_error(scores, label, message) -> None:
    with pytest.raises(ValueError, match=message):
        mse_parts(scores, label)


def test_mse_is_least_at_the_target_and_cross_entropy_keeps_falling() -> None:
    values = correct_score_grid(1.5, 6.0)
    mse, ce = losses_vs_correct_score(np.array(LECTURE), 0, values)
    assert values[np.argmin(mse)] == pytest.approx(1.0, abs=values[1] - values[0])
    assert np.min(mse) == pytest.approx(5.0 / 3, abs=1e-3)  # (4 + 1) / 3 at s_y = 1
    assert np.all(np.diff(ce) < 0), "cross-entropy falls as the correct score grows"
    above = values > 1.0
    assert np.all(np.diff(mse[above]) > 0), "MSE grows above the target"
    batch = with_correct_score(LECTURE, 0, values)
    np.testing.assert_allclose(mse, LOSSES["mse"].loss(batch, np.zeros(values.size, int)))


def test_the_grid_holds_the_marker_range_and_the_target() -> None:
    for correct in (-500.0, 1.5, 800.0):
        grid = correct_score_grid(correct, 6.0)
        assert grid[0] <= min(correct - 6.0, -3.0) and grid[-1] >= max(correct + 6.0, 5.0)


# ------------------------------------------------------------------ gradients
Z_POINTS = [-9.0, -4.0, -0.7, 0.0, 0.3, 2.5, 7.0]


@pytest.mark.parametrize("target", [1.0, 0.0, 0.3])
@pytest.mark.parametrize(
    ("loss", "grad"),
    [(sigmoid_mse_loss, sigmoid_mse_grad), (sigmoid_ce_loss, sigmoid_ce_grad)],
    ids=["mse", "ce"],
)
def test_sigmoid_gradients_match_centred_differences(loss, grad, target) -> None:
    for z in Z_POINTS:
        numeric = centred_difference(lambda v: loss(v, target), np.array(z), h=1e-5)
        np.testing.assert_allclose(grad(z, target), numeric, rtol=1e-6, atol=1e-10)


@pytest.mark.parametrize(
    ("scores", "label"),
    [([1.5, -2.0, 1.0], 0), ([1.5, -2.0, 1.0], 1), ([-6.0, 3.0, 0.5, 2.0], 0), ([0.2, -0.1], 1)],
    ids=["case1", "case2", "wrong-and-sure", "two-classes"],
)
def test_softmax_mse_gradient_matches_centred_differences(scores, label) -> None:
    numeric = centred_difference(lambda s: softmax_mse_loss(s, label), scores)
    np.testing.assert_allclose(softmax_mse_grad(scores, label), numeric, rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(softmax_ce_grad(scores, label), cross_entropy_grad(scores, label))


def test_softmax_mse_gradient_of_a_batch_is_row_by_row() -> None:
    batch = np.array([[1.5, -2.0, 1.0], [0.0, 4.0, -1.0]])
    rows = [softmax_mse_grad(row, y) for row, y in zip(batch, [0, 2], strict=True)]
    np.testing.assert_allclose(softmax_mse_grad(batch, np.array([0, 2])), rows)


def test_two_class_softmax_is_the_sigmoid_case() -> None:
    # softmax([0, z])_1 = sigmoid(z): its MSE over K = 2 classes is (p - 1)^2, so the
    # gradient with respect to z equals the sigmoid's.
    z = np.linspace(-8, 8, 17)
    grad = softmax_mse_grad(np.stack([np.zeros_like(z), z], axis=-1), np.ones(z.size, int))
    np.testing.assert_allclose(grad[:, 1], sigmoid_mse_grad(z), atol=1e-15)


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_mse_gradient_vanishes_on_the_wrong_side_cross_entropy_does_not(output) -> None:
    z = np.linspace(-10, 0, 101)
    curves = gradient_curves(output, z, np.array(LECTURE), 0)
    assert curves.mse[0] < 1e-3 < 0.99 < curves.ce[0]
    assert np.all(np.diff(curves.ce) < 0), "cross-entropy pushes harder the more wrong"
    wrong = z < -2.0
    assert np.all(np.diff(curves.mse[wrong]) > 0), "MSE pushes less the more wrong"
    np.testing.assert_allclose(curves.ce, 1.0 - curves.p)


def test_sigmoid_curves_are_the_analytic_gradients() -> None:
    curves = gradients("sigmoid", np.array([-4.0]))
    p = sigmoid(-4.0)
    assert curves.mse[0] == pytest.approx(2 * (1 - p) * p * (1 - p))
    assert curves.ce[0] == pytest.approx(1 - p)
    assert curves.ce[0] / curves.mse[0] == pytest.approx(1 / (2 * p * (1 - p)))


def test_gradients_refuse_an_unknown_output_or_missing_scores() -> None:
    with pytest.raises(ValueError, match="output must be one of"):
        gradients("tanh", [0.0])
    with pytest.raises(ValueError, match="needs the other classes"):
        gradients("softmax", [0.0])
    with pytest.raises(ValueError, match="between 0 and 1"):
        sigmoid_mse_grad(0.0, 2.0)


@settings(max_examples=60, deadline=None)
@given(
    scores=st.lists(st.floats(-50, 50, allow_nan=False), min_size=2, max_size=6),
    data=st.data(),
)
def test_properties_of_the_parts(scores, data) -> None:
    label = data.draw(st.integers(0, len(scores) - 1))
    parts = mse_parts(scores, label)
    assert parts.loss >= 0 and parts.cross_entropy >= 0
    assert parts.loss == pytest.approx(parts.squared.mean())
    # Through softmax the gradients stay finite; cross-entropy's correct entry is p_y - 1.
    assert np.all(np.isfinite(softmax_mse_grad(scores, label)))
    assert abs(softmax_ce_grad(scores, label)[label]) <= 1.0


@settings(max_examples=60, deadline=None)
@given(z=st.floats(-30, 30, allow_nan=False))
def test_mse_gradient_through_a_sigmoid_is_never_larger_than_cross_entropys(z) -> None:
    # |2 (p - 1) p (1 - p)| = |p - 1| * 2 p (1 - p) <= |p - 1| / 2: MSE's is at most half CE's.
    assert abs(sigmoid_mse_grad(z)) <= 0.5 * abs(sigmoid_ce_grad(z)) + 1e-300
