"""core.pages.softmax_normalization: softmax vs standard normalization, scale, entropy, T."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core.pages.softmax_normalization import (
    normalize_both,
    scale_sweep,
    sign_pattern,
    slide_examples,
    softmax_entropy,
    temperature_sweep,
)
from core.softmax import softmax


def test_lecture_normalization_examples() -> None:
    low = normalize_both([1.0, 2.0])
    high = normalize_both([1.0, 2.0], scale=10.0)
    e = math.e
    np.testing.assert_allclose(low.softmax, [e / (e + e**2), e**2 / (e + e**2)], rtol=1e-14)
    np.testing.assert_allclose(high.scores, [10.0, 20.0])
    np.testing.assert_allclose(high.softmax, [1 / (1 + math.exp(10)), 1 / (1 + math.exp(-10))])
    np.testing.assert_allclose(low.std, [1 / 3, 2 / 3], rtol=1e-15)
    np.testing.assert_allclose(high.std, [1 / 3, 2 / 3], rtol=1e-15)
    assert high.total == 30.0 and high.max_entropy == pytest.approx(math.log(2))


def test_adding_a_constant_changes_standard_normalization_not_softmax() -> None:
    base = normalize_both([1.0, 2.0])
    shifted = normalize_both([1.0, 2.0], shift=3.0)
    np.testing.assert_allclose(shifted.softmax, base.softmax, rtol=1e-14)
    np.testing.assert_allclose(shifted.std, [4 / 9, 5 / 9], rtol=1e-15)


def test_zero_sum_leaves_standard_normalization_undefined_not_crashing() -> None:
    result = normalize_both([-2.0, 2.0])
    assert result.std is None and "sum to 0" in result.std_note
    np.testing.assert_allclose(result.softmax, [1 / (1 + math.exp(4)), 1 / (1 + math.exp(-4))])


@pytest.mark.parametrize(
    ("scores", "pattern"),
    [([1.0, 2.0], "positive"), ([-1.0, -2.0], "negative"), ([-1.0, 3.0], "mixed"),
     ([-2.0, 2.0], "zero sum"), ([0.0, -1.0], "negative")],
    ids=["positive", "negative", "mixed", "zero-sum", "zero-and-negative"],
)  # fmt: skip
def test_sign_pattern(scores, pattern) -> None:
    assert sign_pattern(scores) == pattern


def test_mixed_signs_give_negative_standard_outputs() -> None:
    std = normalize_both([-1.0, 3.0]).std
    np.testing.assert_allclose(std, [-1 / 2, 3 / 2])


def test_scale_sweep_goes_from_uniform_to_one_hot() -> None:
    sweep = scale_sweep([1.0, 2.0], np.geomspace(0.01, 100, 50))
    np.testing.assert_allclose(sweep.std, np.tile([1 / 3, 2 / 3], (50, 1)), rtol=1e-14)
    assert sweep.entropy[0] == pytest.approx(math.log(2), abs=1e-4)
    assert sweep.entropy[-1] < 1e-40
    assert np.all(np.diff(sweep.entropy) <= 0)
    np.testing.assert_allclose(sweep.softmax[-1], [0.0, 1.0], atol=1e-40)


def test_scale_sweep_of_zero_sum_scores_has_no_standard_curve() -> None:
    assert scale_sweep([-1.0, 1.0], [0.5, 2.0]).std is None


@pytest.mark.parametrize("scores", [[1.0, 2.0, 3.0], [1e300, -1e300], [0.0, 0.0, 0.0, 0.0]])
def test_entropy_between_zero_and_log_k(scores) -> None:
    h = softmax_entropy(scores)
    assert 0.0 <= h <= math.log(len(scores)) + 1e-12


def test_entropy_of_equal_scores_is_log_k() -> None:
    assert float(softmax_entropy(np.zeros(7))) == pytest.approx(math.log(7), rel=1e-14)


def test_temperature_sweep_is_softmax_of_scores_over_t() -> None:
    temps = np.array([0.05, 1.0, 20.0])
    got = temperature_sweep([1.0, 2.0], temps)
    for row, t in zip(got, temps, strict=True):
        np.testing.assert_allclose(row, softmax(np.array([1.0, 2.0]) / t), rtol=1e-14)
    with pytest.raises(ValueError, match="positive"):
        temperature_sweep([1.0, 2.0], [0.0])


def test_slide_examples_are_the_slides_numbers_before_rounding() -> None:
    ex = slide_examples()
    np.testing.assert_allclose(ex.softmax_1_2, [1 / (1 + math.e), math.e / (1 + math.e)])
    assert ex.softmax_1_2.round(2).tolist() == [0.27, 0.73]
    assert ex.softmax_10_20.round(2).tolist() == [0.0, 1.0]  # the slide's [0, 1], rounded
    assert ex.softmax_10_20[0] == pytest.approx(1 / (1 + math.exp(10)), rel=1e-12)
    assert 0 < ex.softmax_10_20[0] and ex.softmax_10_20[1] < 1
    np.testing.assert_allclose([ex.std_1_2, ex.std_10_20], [[1 / 3, 2 / 3]] * 2)
