"""core.losses: the lecture's worked examples, gradient checks and properties.

Expected values are written as the hand computation (``max(0, 6.2 - 3.0 + 1)``),
never as a number copied from a slide: the slides round (MSE case 2 shows 4.1)
and one is wrong (the margin slide's Δ = 20, y = 1 case is 38 + 30 = 68, not 48).
"""

from __future__ import annotations

import math
import re
import warnings
from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from core.lecture import LECTURE_LABELS, LECTURE_SCORES
from core.losses import (
    LOSSES,
    cross_entropy_grad,
    cross_entropy_loss,
    mse_grad,
    mse_loss,
    one_hot,
    ova_svm_loss,
    ova_svm_loss_grad,
    structured_svm_loss,
    structured_svm_loss_grad,
    svm_loss,
    svm_loss_grad,
    svm_loss_naive,
    svm_margins,
)
from tests.numgrad import centred_difference

# The slide's table, one column per image (dog, bird, truck), one row per class.
SLIDE_TABLE = [
    [3.0, 0.9, 1.6],  # Dog score
    [6.2, 5.1, 2.3],  # Bird score
    [-2.1, 3.4, -4.5],  # Truck score
]
DOG_IMAGE = [3.0, 6.2, -2.1]
BIRD_IMAGE = [0.9, 5.1, 3.4]
TRUCK_IMAGE = [1.6, 2.3, -4.5]
DOG_LOSS = max(0, 6.2 - 3.0 + 1) + max(0, -2.1 - 3.0 + 1)
BIRD_LOSS = max(0, 0.9 - 5.1 + 1) + max(0, 3.4 - 5.1 + 1)
TRUCK_LOSS = max(0, 1.6 - (-4.5) + 1) + max(0, 2.3 - (-4.5) + 1)
MARGIN_SCORES = [15.0, -3.0, 7.0]
OVA_DOG_LOSS = max(0, 1 - 3.0) + max(0, 1 + 6.2) + max(0, 1 + (-2.1))
OVA_BIRD_LOSS = max(0, 1 + 0.9) + max(0, 1 - 5.1) + max(0, 1 + 3.4)
OVA_TRUCK_LOSS = max(0, 1 + 1.6) + max(0, 1 + 2.3) + max(0, 1 - (-4.5))
CS_DOG_LOSS = max(0, max(6.2, -2.1) - 3.0 + 1)
CS_BIRD_LOSS = max(0, max(0.9, 3.4) - 5.1 + 1)
CS_TRUCK_LOSS = max(0, max(1.6, 2.3) - (-4.5) + 1)
MSE_SCORES = [1.5, -2.0, 1.0]  # car, bird, dog

REFERENCE = [
    # (id, function, scores, label, kwargs, expected)
    ("svm-dog-image", svm_loss, DOG_IMAGE, 0, {}, DOG_LOSS),
    ("svm-bird-image", svm_loss, BIRD_IMAGE, 1, {}, BIRD_LOSS),
    ("svm-truck-image", svm_loss, TRUCK_IMAGE, 2, {}, TRUCK_LOSS),
    ("svm-margin1-y0", svm_loss, MARGIN_SCORES, 0, {"margin": 1.0},
     max(0, -3 - 15 + 1) + max(0, 7 - 15 + 1)),
    ("svm-margin1-y1", svm_loss, MARGIN_SCORES, 1, {"margin": 1.0},
     max(0, 15 - (-3) + 1) + max(0, 7 - (-3) + 1)),
    ("svm-margin1-y2", svm_loss, MARGIN_SCORES, 2, {"margin": 1.0},
     max(0, 15 - 7 + 1) + max(0, -3 - 7 + 1)),
    ("svm-margin20-y0", svm_loss, MARGIN_SCORES, 0, {"margin": 20.0},
     max(0, -3 - 15 + 20) + max(0, 7 - 15 + 20)),
    ("svm-margin20-y1-slide-says-48", svm_loss, MARGIN_SCORES, 1, {"margin": 20.0},
     max(0, 15 - (-3) + 20) + max(0, 7 - (-3) + 20)),
    ("ce-row-10-7-5", cross_entropy_loss, [10.0, 7.0, 5.0], 0, {},
     math.log(1 + math.exp(7 - 10) + math.exp(5 - 10))),
    ("ce-row-10-9-9", cross_entropy_loss, [10.0, 9.0, 9.0], 0, {},
     math.log(1 + 2 * math.exp(9 - 10))),
    ("ce-row-10-m10-m10", cross_entropy_loss, [10.0, -10.0, -10.0], 0, {},
     math.log1p(2 * math.exp(-10 - 10))),
    ("svm-row-10-7-5", svm_loss, [10.0, 7.0, 5.0], 0, {}, max(0, 7 - 10 + 1) + max(0, 5 - 10 + 1)),
    ("svm-row-10-9-9", svm_loss, [10.0, 9.0, 9.0], 0, {}, 2 * max(0, 9 - 10 + 1)),
    ("svm-row-10-m10-m10", svm_loss, [10.0, -10.0, -10.0], 0, {}, 2 * max(0, -10 - 10 + 1)),
    ("ce-two-classes-is-logistic", cross_entropy_loss, [0.5, 2.0], 0, {},
     -math.log(1 / (1 + math.exp(-(0.5 - 2.0))))),
    ("mse-case1-correct", mse_loss, MSE_SCORES, 0, {},
     ((1.5 - 1) ** 2 + (-2 - 0) ** 2 + (1.0 - 0) ** 2) / 3),
    ("mse-case2-incorrect-slide-rounds", mse_loss, MSE_SCORES, 1, {},
     ((1.5 - 0) ** 2 + (-2 - 1) ** 2 + (1.0 - 0) ** 2) / 3),
    # One-vs-all: max(0, margin - s_y) at the label, max(0, margin + s_j) elsewhere.
    ("ova-dog-image", ova_svm_loss, DOG_IMAGE, 0, {}, OVA_DOG_LOSS),
    ("ova-bird-image", ova_svm_loss, BIRD_IMAGE, 1, {}, OVA_BIRD_LOSS),
    ("ova-truck-image", ova_svm_loss, TRUCK_IMAGE, 2, {}, OVA_TRUCK_LOSS),
    ("ova-margin20-y1", ova_svm_loss, MARGIN_SCORES, 1, {"margin": 20.0},
     max(0, 20 + 15) + max(0, 20 - (-3)) + max(0, 20 + 7)),
    ("ova-all-satisfied", ova_svm_loss, [2.0, -1.5, -3.0], 0, {},
     max(0, 1 - 2.0) + max(0, 1 + (-1.5)) + max(0, 1 + (-3.0))),
    # Structured (Crammer-Singer): only the highest wrong score counts.
    ("cs-dog-image", structured_svm_loss, DOG_IMAGE, 0, {}, CS_DOG_LOSS),
    ("cs-bird-image", structured_svm_loss, BIRD_IMAGE, 1, {}, CS_BIRD_LOSS),
    ("cs-truck-image", structured_svm_loss, TRUCK_IMAGE, 2, {}, CS_TRUCK_LOSS),
    ("cs-margin20-y1", structured_svm_loss, MARGIN_SCORES, 1, {"margin": 20.0},
     max(0, max(15, 7) - (-3) + 20)),
    ("cs-margin20-y2", structured_svm_loss, MARGIN_SCORES, 2, {"margin": 20.0},
     max(0, max(15, -3) - 7 + 20)),
    ("cs-row-10-9-9", structured_svm_loss, [10.0, 9.0, 9.0], 0, {}, max(0, 9 - 10 + 1)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("function", "scores", "label", "kwargs", "expected"),
    [case[1:] for case in REFERENCE],
    ids=[case[0] for case in REFERENCE],
)
def test_lecture_example(function, scores, label, kwargs, expected) -> None:
    assert float(function(scores, label, **kwargs)) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_margin_slide_delta_20_y_1_is_68_not_48() -> None:
    terms = svm_margins(MARGIN_SCORES, 1, margin=20.0)
    assert terms.tolist() == [15 - (-3) + 20, 0.0, 7 - (-3) + 20]
    assert float(svm_loss(MARGIN_SCORES, 1, margin=20.0)) != 38 + 10


def test_lecture_scores_are_the_slide_table() -> None:
    np.testing.assert_array_equal(LECTURE_SCORES, np.array(SLIDE_TABLE).T)
    np.testing.assert_array_equal(LECTURE_LABELS, [0, 1, 2])


def test_lecture_batch_loss_is_mean_of_the_three_images() -> None:
    per_image = svm_loss(LECTURE_SCORES, LECTURE_LABELS)
    np.testing.assert_allclose(per_image, [DOG_LOSS, BIRD_LOSS, TRUCK_LOSS], rtol=1e-12)
    expected = (DOG_LOSS + BIRD_LOSS + TRUCK_LOSS) / 3
    assert float(per_image.mean()) == pytest.approx(expected, rel=1e-12)
    assert svm_loss_naive(LECTURE_SCORES, LECTURE_LABELS) == pytest.approx(expected, rel=1e-12)


def test_lecture_per_term_breakdown_of_the_dog_image() -> None:
    expected = [0.0, max(0, 6.2 - 3.0 + 1), max(0, -2.1 - 3.0 + 1)]
    np.testing.assert_allclose(svm_margins(DOG_IMAGE, 0), expected, rtol=1e-12)


@pytest.mark.parametrize("margin", [1.0, 20.0], ids=["delta-1", "delta-20"])
@pytest.mark.parametrize("num_classes", [2, 3, 10], ids=["K2", "K3", "K10"])
def test_quiz1_all_zero_scores_give_k_minus_1_times_delta(num_classes: int, margin: float) -> None:
    scores = np.zeros(num_classes)
    expected = (num_classes - 1) * max(0, 0 - 0 + margin)
    assert float(svm_loss(scores, 0, margin=margin)) == expected


@pytest.mark.parametrize("value", [0.0, 1.0, -5.0, 1e300], ids=["0", "1", "-5", "1e300"])
@pytest.mark.parametrize("num_classes", [2, 3, 10], ids=["K2", "K3", "K10"])
def test_quiz2_all_equal_scores_give_log_k(num_classes: int, value: float) -> None:
    loss = cross_entropy_loss(np.full(num_classes, value), num_classes - 1)
    assert float(loss) == pytest.approx(math.log(num_classes), rel=1e-12)


def ce_exact(scores, label: int) -> float:
    """The cross-entropy of the float ``scores`` in 50-digit decimal arithmetic, then rounded.

    ``L = (m - s_y) + ln(1 + r)`` with ``r = sum_{j != k} e^{s_j - m}``, ``m = s_k`` the
    max: every float converts to Decimal exactly, and ``ln(1 + r)`` of a tiny ``r``
    is its series (``1 + r`` would round to 1 at 50 digits once r < 1e-50).
    """
    with localcontext() as ctx:
        ctx.prec = 50
        s = [Decimal(float(v)) for v in scores]
        k = max(range(len(s)), key=lambda j: s[j])
        r = sum(((s[j] - s[k]).exp() for j in range(len(s)) if j != k), Decimal(0))
        log1p = r - r * r / 2 + r**3 / 3 - r**4 / 4 if r < Decimal("1e-12") else (1 + r).ln()
        return float((s[k] - s[label]) + log1p)


# Correct class 0 leads by ``margin``; the others sit 0, 0.25, 0.5, ... below the best
# other score, so every difference s_j - s_y is an exact float (quarter steps).
EXACT_MARGINS = [*np.arange(0.0, 800.25, 6.25), 1.0, 10.0, 36.0, 37.0, 40.0, 708.0, 745.25]


@pytest.mark.parametrize("num_classes", [2, 3, 10, 100], ids=["K2", "K3", "K10", "K100"])
def test_cross_entropy_matches_a_50_digit_reference_at_every_margin(num_classes: int) -> None:
    """Relative error <= 1e-14 from margin 0 to where the loss leaves the normal floats.

    The loss was log(sum), and the sum rounds to 1 once the correct class leads by
    about 37: the loss read 0, not the representable (K - 1) e^{-37} = 1e-17.
    Below the smallest normal float (margin > ~708) the loss is subnormal or 0:
    there it must be within a few subnormal steps.
    """
    margins = np.array(EXACT_MARGINS)
    others = -0.25 * np.arange(num_classes - 1)
    batch = np.column_stack([margins, np.broadcast_to(others, (margins.size, num_classes - 1))])
    labels = np.zeros(margins.size, dtype=int)
    losses = cross_entropy_loss(batch, labels)  # one vectorized call for the whole batch
    tiny = float(np.finfo(np.float64).tiny)
    for margin, row, loss in zip(margins, batch, losses, strict=True):
        exact = ce_exact(row, 0)
        if exact >= tiny:
            assert abs(loss - exact) <= 1e-14 * exact, (margin, loss, exact)
        else:
            assert abs(loss - exact) <= num_classes * 5e-324, (margin, loss, exact)
    assert np.all(losses[margins <= 700] > 0)  # "never fully satisfied", in float64 too


@pytest.mark.parametrize("num_classes", [2, 3, 10], ids=["K2", "K3", "K10"])
def test_cross_entropy_matches_a_50_digit_reference_when_the_correct_class_trails(
    num_classes: int,
) -> None:
    margins = -np.array(EXACT_MARGINS)  # the correct class is behind by the margin
    others = -0.25 * np.arange(num_classes - 1)
    batch = np.column_stack([margins, np.broadcast_to(others, (margins.size, num_classes - 1))])
    losses = cross_entropy_loss(batch, np.zeros(margins.size, dtype=int))
    exact = np.array([ce_exact(row, 0) for row in batch])
    np.testing.assert_allclose(losses, exact, rtol=1e-14, atol=0)


def test_cross_entropy_at_margin_40_is_e_to_the_minus_40_not_0() -> None:
    loss = float(cross_entropy_loss([40.0, 0.0], 0))
    assert loss == pytest.approx(math.log1p(math.exp(-40)), rel=1e-15)
    assert loss > 4e-18


def test_mse_with_one_hot_targets_equals_mse_with_labels() -> None:
    scores = np.array([MSE_SCORES, MSE_SCORES])
    labels = np.array([0, 1])
    targets = one_hot(labels, 3)
    np.testing.assert_array_equal(targets, [[1, 0, 0], [0, 1, 0]])
    np.testing.assert_allclose(mse_loss(scores, targets), mse_loss(scores, labels), rtol=1e-15)
    np.testing.assert_allclose(mse_grad(scores, targets), mse_grad(scores, labels), rtol=1e-15)


def test_mse_accepts_soft_targets() -> None:
    targets = [0.5, 0.25, 0.25]
    expected = ((1.5 - 0.5) ** 2 + (-2 - 0.25) ** 2 + (1.0 - 0.25) ** 2) / 3
    assert float(mse_loss(MSE_SCORES, targets)) == pytest.approx(expected, rel=1e-12)


def test_hand_computed_gradients() -> None:
    # Dog image: only the bird term is active, so bird +1 and the correct class (dog) -1.
    np.testing.assert_array_equal(svm_loss_grad(DOG_IMAGE, 0), [-1.0, 1.0, 0.0])
    # Margin slide with y = 1: both other terms active.
    np.testing.assert_array_equal(svm_loss_grad(MARGIN_SCORES, 1), [1.0, -2.0, 1.0])
    e = math.e
    np.testing.assert_allclose(cross_entropy_grad([1.0, 2.0], 1), [1 / (1 + e), e / (1 + e) - 1])
    np.testing.assert_allclose(mse_grad(MSE_SCORES, 1), [2 / 3 * 1.5, 2 / 3 * -3, 2 / 3 * 1.0])


# --- centred-difference gradient checks (float64) ---------------------------------------


def _scores_away_from_kinks(seed: int, shape: tuple[int, ...], margin: float) -> np.ndarray:
    """Random scores whose hinge terms ``s_j - s_y + margin`` all stay 1e-3 away from 0."""
    rng = np.random.default_rng(seed)
    while True:
        scores = rng.normal(scale=3.0, size=shape)
        labels = _labels(seed, shape)
        correct = np.take_along_axis(np.atleast_2d(scores), np.atleast_1d(labels)[:, None], -1)
        if np.all(np.abs(np.atleast_2d(scores) - correct + margin) > 1e-3):
            return scores


def _labels(seed: int, shape: tuple[int, ...]):
    labels = np.random.default_rng(seed + 1000).integers(0, shape[-1], size=shape[:-1])
    return labels if labels.ndim else int(labels)


SHAPES = [(2,), (3,), (5, 4), (8, 10)]
SHAPE_IDS = ["K2", "K3", "N5-K4", "N8-K10"]
LOSS_KWARGS = [
    ("svm-delta1", svm_loss, svm_loss_grad, {"margin": 1.0}),
    ("svm-delta20", svm_loss, svm_loss_grad, {"margin": 20.0}),
    ("svm-delta0.3", svm_loss, svm_loss_grad, {"margin": 0.3}),
    ("cross-entropy", cross_entropy_loss, cross_entropy_grad, {}),
    ("mse", mse_loss, mse_grad, {}),
]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("shape", SHAPES, ids=SHAPE_IDS)
@pytest.mark.parametrize(
    ("loss", "grad", "kwargs"), [c[1:] for c in LOSS_KWARGS], ids=[c[0] for c in LOSS_KWARGS]
)
def test_gradient_matches_centred_difference(loss, grad, kwargs, shape, seed) -> None:
    scores = _scores_away_from_kinks(seed, shape, kwargs.get("margin", 1.0))
    labels = _labels(seed, shape)
    # Each L_i depends on its own row only, so d(sum_i L_i)/ds is the per-sample gradient.
    numeric = centred_difference(lambda s: np.sum(loss(s, labels, **kwargs)), scores)
    np.testing.assert_allclose(grad(scores, labels, **kwargs), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("entry", LOSSES.values(), ids=list(LOSSES))
def test_registry_entry_gradient_matches_its_loss(entry) -> None:
    scores = _scores_away_from_kinks(7, (6, 4), 1.0)
    labels = _labels(7, (6, 4))
    numeric = centred_difference(lambda s: np.sum(entry.loss(s, labels)), scores)
    np.testing.assert_allclose(entry.grad(scores, labels), numeric, rtol=1e-6, atol=1e-8)
    assert entry.formula.startswith("L_i")


def test_svm_gradient_at_a_kink_is_the_zero_subgradient() -> None:
    # s_1 - s_0 + 1 = 0 exactly: the term is at its kink and counts as inactive.
    np.testing.assert_array_equal(svm_loss_grad([2.0, 1.0, -5.0], 0), [0.0, 0.0, 0.0])


# --- hypothesis properties ---------------------------------------------------------------


@st.composite
def scored_batches(draw, low: float = -1e300, high: float = 1e300):
    """A float64 batch ``(N, K)`` of scores in ``[low, high]`` and valid labels ``(N,)``."""
    n = draw(st.integers(1, 6))
    k = draw(st.integers(2, 6))
    elements = st.floats(low, high, allow_nan=False, allow_infinity=False)
    scores = draw(hnp.arrays(np.float64, (n, k), elements=elements))
    labels = draw(hnp.arrays(np.int64, (n,), elements=st.integers(0, k - 1)))
    return scores, labels


@given(batch=scored_batches())
@pytest.mark.parametrize("entry", LOSSES.values(), ids=list(LOSSES))
def test_losses_are_nonnegative_and_never_nan(entry, batch) -> None:
    scores, labels = batch
    loss = entry.loss(scores, labels)
    assert loss.shape == labels.shape
    assert not np.any(np.isnan(loss))
    assert np.all(loss >= 0)


@given(batch=scored_batches())
@pytest.mark.parametrize("margin", [1.0, 20.0])
def test_svm_and_cross_entropy_are_finite_up_to_1e300(batch, margin: float) -> None:
    scores, labels = batch
    for values in (
        svm_loss(scores, labels, margin=margin),
        svm_loss_grad(scores, labels, margin=margin),
        cross_entropy_loss(scores, labels),
        cross_entropy_grad(scores, labels),
    ):
        assert np.all(np.isfinite(values))


@given(batch=scored_batches())
def test_score_gradients_of_svm_and_cross_entropy_sum_to_zero(batch) -> None:
    scores, labels = batch
    np.testing.assert_array_equal(svm_loss_grad(scores, labels).sum(axis=-1), 0)
    np.testing.assert_allclose(cross_entropy_grad(scores, labels).sum(axis=-1), 0, atol=1e-12)


@given(batch=scored_batches(-1e6, 1e6))
@pytest.mark.parametrize("entry", LOSSES.values(), ids=list(LOSSES))
def test_batch_results_equal_per_row_results(entry, batch) -> None:
    scores, labels = batch
    batch_loss = entry.loss(scores, labels)
    batch_grad = entry.grad(scores, labels)
    for i, (row, label) in enumerate(zip(scores, labels, strict=True)):
        single = entry.loss(row, int(label))
        assert np.ndim(single) == 0
        assert float(single) == float(batch_loss[i])
        np.testing.assert_array_equal(entry.grad(row, int(label)), batch_grad[i])


@given(batch=scored_batches(-1e6, 1e6), margin=st.floats(0, 100))
def test_svm_naive_loops_equal_vectorized_mean(batch, margin: float) -> None:
    scores, labels = batch
    expected = svm_loss(scores, labels, margin=margin).mean()
    assert svm_loss_naive(scores, labels, margin=margin) == pytest.approx(expected, rel=1e-12)


@given(batch=scored_batches(-1e6, 1e6))
def test_svm_margins_sum_to_the_loss_and_vanish_at_the_label(batch) -> None:
    scores, labels = batch
    terms = svm_margins(scores, labels)
    np.testing.assert_array_equal(terms[np.arange(len(labels)), labels], 0)
    assert np.all(terms >= 0)
    np.testing.assert_array_equal(terms.sum(axis=-1), svm_loss(scores, labels))


@given(batch=scored_batches(-1e3, 1e3))
def test_losses_never_modify_their_input(batch) -> None:
    scores, labels = batch
    before, labels_before = scores.copy(), labels.copy()
    for entry in LOSSES.values():
        entry.loss(scores, labels)
        entry.grad(scores, labels)
    svm_margins(scores, labels)
    svm_loss_naive(scores, labels)
    np.testing.assert_array_equal(scores, before)
    np.testing.assert_array_equal(labels, labels_before)


def test_one_hot_encodes_each_label_once() -> None:
    np.testing.assert_array_equal(one_hot(2, 3), [0.0, 0.0, 1.0])
    encoded = one_hot(np.array([1, 0, 1]), 2)
    np.testing.assert_array_equal(encoded, [[0, 1], [1, 0], [0, 1]])
    assert encoded.dtype == np.float64


# --- one-vs-all and structured (Crammer-Singer) SVM ---------------------------------------


def test_new_svms_on_the_lecture_batch_are_the_hand_computed_per_image_losses() -> None:
    np.testing.assert_allclose(
        ova_svm_loss(LECTURE_SCORES, LECTURE_LABELS),
        [OVA_DOG_LOSS, OVA_BIRD_LOSS, OVA_TRUCK_LOSS],
        rtol=1e-12,
    )
    np.testing.assert_allclose(
        structured_svm_loss(LECTURE_SCORES, LECTURE_LABELS),
        [CS_DOG_LOSS, CS_BIRD_LOSS, CS_TRUCK_LOSS],
        rtol=1e-12,
    )
    # The truck image: Weston-Watkins sums both wrong classes, Crammer-Singer keeps the worst.
    assert float(svm_loss(TRUCK_IMAGE, 2)) > float(structured_svm_loss(TRUCK_IMAGE, 2))


def test_new_svm_hand_computed_gradients() -> None:
    # One-vs-all, dog image: only the bird term (1 + 6.2) is positive: +1 at bird.
    np.testing.assert_array_equal(ova_svm_loss_grad(DOG_IMAGE, 0), [0.0, 1.0, 0.0])
    # Margin slide, y = 1: 1 + 15 > 0 and 1 + 7 > 0 push down; 1 - (-3) > 0 pushes bird up.
    np.testing.assert_array_equal(ova_svm_loss_grad(MARGIN_SCORES, 1), [1.0, -1.0, 1.0])
    # Structured, dog image: worst wrong class is bird (6.2 > -2.1), term 4.2 > 0.
    np.testing.assert_array_equal(structured_svm_loss_grad(DOG_IMAGE, 0), [-1.0, 1.0, 0.0])
    # Truck image: worst wrong class is bird (2.3 > 1.6); dog gets nothing.
    np.testing.assert_array_equal(structured_svm_loss_grad(TRUCK_IMAGE, 2), [0.0, 1.0, -1.0])
    # Bird image: 3.4 - 5.1 + 1 < 0, nothing to push.
    np.testing.assert_array_equal(structured_svm_loss_grad(BIRD_IMAGE, 1), [0.0, 0.0, 0.0])


def test_structured_svm_gradient_picks_the_first_of_tied_wrong_classes() -> None:
    np.testing.assert_array_equal(structured_svm_loss_grad([0.0, 5.0, 5.0], 0), [-1, 1, 0])
    np.testing.assert_array_equal(structured_svm_loss_grad([5.0, 0.0, 5.0], 1), [1, -1, 0])
    # The correct class's own score never counts as a wrong class, even when it is the max.
    np.testing.assert_array_equal(structured_svm_loss_grad([5.0, 5.0, 0.0], 1), [1, -1, 0])
    batch = np.array([[0.0, 5.0, 5.0], [7.0, 7.0, 7.0]])
    np.testing.assert_array_equal(structured_svm_loss_grad(batch, [0, 2]), [[-1, 1, 0], [1, 0, -1]])


def test_new_svm_gradients_at_a_kink_are_the_zero_subgradient() -> None:
    # Crammer-Singer: max(1, -5) - 2 + 1 = 0 exactly.
    np.testing.assert_array_equal(structured_svm_loss_grad([2.0, 1.0, -5.0], 0), [0, 0, 0])
    # One-vs-all: 1 - s_0 = 0 and 1 + s_1 = 0 exactly; the truck term 1 + (-3) < 0.
    np.testing.assert_array_equal(ova_svm_loss_grad([1.0, -1.0, -3.0], 0), [0, 0, 0])
    assert float(ova_svm_loss([1.0, -1.0, -3.0], 0)) == 0.0


def test_new_svm_gradients_have_no_negative_zero() -> None:
    assert not np.any(np.signbit(ova_svm_loss_grad(DOG_IMAGE, 0)))
    assert not np.any(np.signbit(structured_svm_loss_grad(BIRD_IMAGE, 1)))


def _scores_away_from_svm_kinks(seed: int, shape: tuple[int, ...], margin: float) -> np.ndarray:
    """Random scores 1e-3 away from every kink of the three SVMs.

    Kinks: ``s_j - s_y + margin = 0`` (Weston-Watkins, Crammer-Singer),
    ``margin -+ s_j = 0`` (one-vs-all) and a tie for the highest wrong score
    (Crammer-Singer switches its class there).
    """
    rng = np.random.default_rng(seed)
    labels = np.atleast_1d(_labels(seed, shape))
    while True:
        scores = rng.normal(scale=3.0, size=shape)
        rows = np.atleast_2d(scores)
        correct = np.take_along_axis(rows, labels[:, None], -1)
        wrong = rows.copy()
        np.put_along_axis(wrong, labels[:, None], -np.inf, -1)
        top_two = np.sort(wrong, axis=-1)[:, -2:] if rows.shape[-1] > 2 else None
        if (
            np.all(np.abs(rows - correct + margin) > 1e-3)
            and np.all(np.abs(np.abs(rows) - margin) > 1e-3)
            and (top_two is None or np.all(np.diff(top_two, axis=-1) > 1e-3))
        ):
            return scores


NEW_SVMS = [
    ("ova-delta1", ova_svm_loss, ova_svm_loss_grad, 1.0),
    ("ova-delta20", ova_svm_loss, ova_svm_loss_grad, 20.0),
    ("ova-delta0.3", ova_svm_loss, ova_svm_loss_grad, 0.3),
    ("cs-delta1", structured_svm_loss, structured_svm_loss_grad, 1.0),
    ("cs-delta20", structured_svm_loss, structured_svm_loss_grad, 20.0),
    ("cs-delta0.3", structured_svm_loss, structured_svm_loss_grad, 0.3),
]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("shape", SHAPES, ids=SHAPE_IDS)
@pytest.mark.parametrize(
    ("loss", "grad", "margin"), [c[1:] for c in NEW_SVMS], ids=[c[0] for c in NEW_SVMS]
)
def test_new_svm_gradients_match_centred_difference(loss, grad, margin, shape, seed) -> None:
    scores = _scores_away_from_svm_kinks(seed, shape, margin)
    labels = _labels(seed, shape)
    numeric = centred_difference(lambda s: np.sum(loss(s, labels, margin=margin)), scores)
    analytic = grad(scores, labels, margin=margin)
    assert analytic.shape == scores.shape
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)


def test_new_svm_gradient_checks_are_not_all_zero() -> None:
    """The random points above do exercise active terms (a zero gradient would pass trivially)."""
    for _, _, grad, margin in NEW_SVMS:
        scores = _scores_away_from_svm_kinks(0, (8, 10), margin)
        assert np.any(grad(scores, _labels(0, (8, 10)), margin=margin) != 0)


MARGINS = st.floats(-5, 100, allow_nan=False)


@given(batch=scored_batches(), margin=MARGINS)
def test_structured_svm_is_at_most_weston_watkins_and_equal_for_two_classes(
    batch, margin: float
) -> None:
    scores, labels = batch
    structured = structured_svm_loss(scores, labels, margin=margin)
    summed = svm_loss(scores, labels, margin=margin)
    assert np.all(structured >= 0)
    assert np.all(structured <= summed)
    if scores.shape[-1] == 2:
        np.testing.assert_array_equal(structured, summed)
        np.testing.assert_array_equal(
            structured_svm_loss_grad(scores, labels, margin=margin),
            svm_loss_grad(scores, labels, margin=margin),
        )


@given(batch=scored_batches(), margin=MARGINS)
def test_one_vs_all_is_nonnegative_and_bounds_each_of_its_terms(batch, margin: float) -> None:
    scores, labels = batch
    loss = ova_svm_loss(scores, labels, margin=margin)
    assert np.all(loss >= 0)
    # The label's own binary hinge alone: max(0, margin - s_y) <= L_i.
    correct = scores[np.arange(len(labels)), labels]
    assert np.all(np.maximum(0, margin - correct) <= loss)


# Integer-valued scores and shifts keep every sum exact, so invariance is tested with ==.
INTEGER_SCORES = st.integers(-(10**6), 10**6).map(float)


@given(
    scores=hnp.arrays(
        np.float64, st.tuples(st.integers(1, 5), st.integers(2, 6)), elements=INTEGER_SCORES
    ),
    shift=INTEGER_SCORES,
    margin=st.integers(0, 50).map(float),
    data=st.data(),
)
def test_structured_svm_is_shift_invariant(scores, shift: float, margin: float, data) -> None:
    labels = data.draw(
        hnp.arrays(np.int64, scores.shape[:1], elements=st.integers(0, scores.shape[1] - 1))
    )
    shifted = scores + shift
    np.testing.assert_array_equal(
        structured_svm_loss(shifted, labels, margin=margin),
        structured_svm_loss(scores, labels, margin=margin),
    )
    np.testing.assert_array_equal(
        structured_svm_loss_grad(shifted, labels, margin=margin),
        structured_svm_loss_grad(scores, labels, margin=margin),
    )


@given(batch=scored_batches(), margin=MARGINS)
def test_new_svm_gradients_are_signed_unit_entries(batch, margin: float) -> None:
    scores, labels = batch
    rows = np.arange(len(labels))
    ova = ova_svm_loss_grad(scores, labels, margin=margin)
    assert set(np.unique(ova)) <= {-1.0, 0.0, 1.0}
    assert np.all(ova[rows, labels] <= 0)  # the correct score is only ever pushed up
    ova[rows, labels] = 0
    assert np.all(ova >= 0)  # every other score only ever pushed down
    cs = structured_svm_loss_grad(scores, labels, margin=margin)
    np.testing.assert_array_equal(cs.sum(axis=-1), 0)
    active = structured_svm_loss(scores, labels, margin=margin) > 0
    np.testing.assert_array_equal(cs[rows, labels], np.where(active, -1.0, 0.0))
    np.testing.assert_array_equal(np.abs(cs).sum(axis=-1), np.where(active, 2.0, 0.0))


@given(batch=scored_batches(), margin=st.sampled_from([0.0, 1.0, 20.0]))
def test_new_svms_are_finite_and_silent_up_to_1e300(batch, margin: float) -> None:
    scores, labels = batch
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        for values in (
            ova_svm_loss(scores, labels, margin=margin),
            ova_svm_loss_grad(scores, labels, margin=margin),
            structured_svm_loss(scores, labels, margin=margin),
            structured_svm_loss_grad(scores, labels, margin=margin),
        ):
            assert np.all(np.isfinite(values))


def test_new_svms_at_1e300_are_the_exact_values() -> None:
    scores = [1e300, -1e300, 1e300]
    assert float(structured_svm_loss(scores, 1)) == 2e300 + 1
    assert float(ova_svm_loss(scores, 1)) == 3e300
    np.testing.assert_array_equal(structured_svm_loss_grad(scores, 1), [1, -1, 0])
    np.testing.assert_array_equal(ova_svm_loss_grad(scores, 1), [1, -1, 1])


def test_new_svms_overflow_to_inf_only_where_the_true_value_does() -> None:
    big = float(np.finfo(np.float64).max)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert float(structured_svm_loss([big, -big], 1)) == math.inf  # true value 2 * max
        assert float(ova_svm_loss([big, big, big], 0)) == math.inf  # true value 2 * max + 2
        np.testing.assert_array_equal(structured_svm_loss_grad([big, -big], 1), [1, -1])
        # A margin of max too: margin + s_j = 2 * max for the wrong class.
        assert float(ova_svm_loss([-big, big], 0, margin=big)) == math.inf
        np.testing.assert_array_equal(ova_svm_loss_grad([-big, big], 0, margin=big), [-1, 1])
        assert float(structured_svm_loss([0.0, big], 0, margin=big)) == math.inf


@given(batch=scored_batches(-1e6, 1e6), margin=MARGINS)
@pytest.mark.parametrize(
    ("loss", "grad"),
    [(ova_svm_loss, ova_svm_loss_grad), (structured_svm_loss, structured_svm_loss_grad)],
    ids=["ova", "cs"],
)
def test_new_svm_batch_equals_per_row_at_any_margin(loss, grad, batch, margin: float) -> None:
    scores, labels = batch
    batch_loss = loss(scores, labels, margin=margin)
    batch_grad = grad(scores, labels, margin=margin)
    assert batch_loss.shape == labels.shape
    assert batch_grad.shape == scores.shape
    for i, (row, label) in enumerate(zip(scores, labels, strict=True)):
        single = loss(row, int(label), margin=margin)
        assert np.ndim(single) == 0
        assert float(single) == float(batch_loss[i])
        np.testing.assert_array_equal(grad(row, int(label), margin=margin), batch_grad[i])


def test_registry_lists_the_svm_variants_with_a_margin() -> None:
    assert LOSSES["ova"].loss is ova_svm_loss and LOSSES["ova"].grad is ova_svm_loss_grad
    assert LOSSES["cs"].loss is structured_svm_loss
    assert LOSSES["cs"].grad is structured_svm_loss_grad
    for loss_id in ("svm", "ova", "cs"):
        assert LOSSES[loss_id].params == ("margin",)
    assert len({entry.name for entry in LOSSES.values()}) == len(LOSSES)


NEW_FUNCTIONS = [ova_svm_loss, ova_svm_loss_grad, structured_svm_loss, structured_svm_loss_grad]
BAD_INPUT = [
    # (id, scores, labels, kwargs, words the message must contain)
    ("label-too-big", DOG_IMAGE, 3, {}, "labels must lie in [0, 3)"),
    ("label-negative", [DOG_IMAGE, BIRD_IMAGE], [0, -1], {}, "labels must lie in [0, 3)"),
    ("label-not-integer", DOG_IMAGE, 0.5, {}, "integer class indices"),
    ("labels-wrong-count", [DOG_IMAGE, BIRD_IMAGE], [0], {}, "2 labels, one per row"),
    ("nan-score", [3.0, math.nan, -2.1], 0, {}, "NaN or infinity"),
    ("inf-score", [3.0, math.inf, -2.1], 0, {}, "NaN or infinity"),
    ("one-class", [3.0], 0, {}, "at least two classes"),
    ("3d-scores", np.zeros((2, 2, 3)), np.zeros((2, 2), int), {}, "shaped (K,) or (N, K)"),
    ("nan-margin", DOG_IMAGE, 0, {"margin": math.nan}, "margin must be finite"),
    ("inf-margin", DOG_IMAGE, 0, {"margin": math.inf}, "margin must be finite"),
    ("text-margin", DOG_IMAGE, 0, {"margin": "wide"}, "margin must be a number"),
    ("none-margin", DOG_IMAGE, 0, {"margin": None}, "margin must be a number"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("scores", "labels", "kwargs", "message"),
    [case[1:] for case in BAD_INPUT],
    ids=[case[0] for case in BAD_INPUT],
)
@pytest.mark.parametrize("function", NEW_FUNCTIONS, ids=lambda f: f.__name__)
def test_new_svms_refuse_bad_input(function, scores, labels, kwargs, message) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        function(scores, labels, **kwargs)
