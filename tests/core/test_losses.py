"""core.losses: the lecture's worked examples, gradient checks and properties.

Expected values are written as the hand computation (``max(0, 6.2 - 3.0 + 1)``),
never as a number copied from a slide: the slides round (MSE case 2 shows 4.1)
and one is wrong (the margin slide's Δ = 20, y = 1 case is 38 + 30 = 68, not 48).
"""

from __future__ import annotations

import math
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
