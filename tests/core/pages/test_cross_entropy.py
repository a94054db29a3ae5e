"""core.pages.cross_entropy: overflow limits, the slide's two versions, the loss, quiz, vs SVM."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.pages.cross_entropy import (
    cast_scores,
    compare_versions,
    cross_entropy_parts,
    grade_quiz,
    largest_safe_score,
    limit_text,
    losses_vs_gap,
    naive_works,
    overflow_sweep,
    quiz_answers,
    shift_proof,
    slide_rounding,
    slide_v2_side_effect,
    smallest_normal_score,
    smallest_visible_score,
    softmax2_as_on_slide,
    softmax_v1,
    softmax_v2,
    softmax_vs_svm,
    two_class_probabilities,
)
from core.softmax import softmax

DTYPES = [np.float32, np.float64]


# ------------------------------------------------------------------ overflow limits
@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
def test_largest_safe_score_is_the_exact_edge_of_exp_overflow(dtype) -> None:
    limit = dtype(largest_safe_score(dtype))
    with np.errstate(over="ignore"):
        assert np.isfinite(np.exp(limit))
        assert np.isinf(np.exp(np.nextafter(limit, dtype(np.inf))))
    assert float(limit) == pytest.approx(math.log(float(np.finfo(dtype).max)), rel=1e-6)


def _exp(x, dtype):
    """exp as version 1 computes it: a ``dtype`` array through np.exp."""
    with np.errstate(under="ignore"):
        return np.exp(np.array([x], dtype=dtype))[0]


@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
def test_smallest_visible_score_is_the_exact_edge_where_exp_rounds_to_zero(dtype) -> None:
    """Was ln(smallest subnormal) (-744.44, -103.279): exp is still > 0 down to -745.13, -103.97."""
    edge = dtype(smallest_visible_score(dtype))
    assert _exp(edge, dtype) > 0
    assert _exp(np.nextafter(edge, dtype(-np.inf)), dtype) == 0
    old = math.log(float(np.finfo(dtype).smallest_subnormal))
    assert edge < old - 0.69  # ln 2 lower: exp rounds to 0 only below half the smallest subnormal


@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
def test_smallest_normal_score_is_the_exact_edge_of_normal_exp(dtype) -> None:
    edge = dtype(smallest_normal_score(dtype))
    tiny = np.finfo(dtype).tiny
    assert _exp(edge, dtype) >= tiny
    assert 0 < _exp(np.nextafter(edge, dtype(-np.inf)), dtype) < tiny  # subnormal below
    assert smallest_visible_score(dtype) < edge < 0


def test_limits_are_written_the_same_way_everywhere() -> None:
    assert limit_text(largest_safe_score("float64")) == "709.78271"
    assert limit_text(smallest_normal_score("float64")) == "-708.39642"
    assert limit_text(smallest_visible_score("float64")) == "-745.13322"
    assert limit_text(smallest_visible_score("float32")) == "-103.97208"


def test_version_1_just_above_the_zero_edge_gives_a_number_and_the_reason_says_subnormal() -> None:
    """The page said 'every score below -744.44: all exp are 0' while -745 gave a number."""
    result = compare_versions([-745.0, -745.1], "float64")
    assert np.all(np.isfinite(result.v1))  # subnormal, not 0 / 0 ...
    assert not result.v1_ok and "subnormal" in result.reason  # ... but inaccurate
    below = compare_versions([-745.2, -746.0], "float64")
    assert np.all(np.isnan(below.v1))
    assert limit_text(smallest_visible_score("float64")) in below.reason


def test_cast_scores_refuses_values_beyond_the_type() -> None:
    assert cast_scores([1, 2], np.float32).dtype == np.float32
    with pytest.raises(ValueError, match="float32 cannot store"):
        cast_scores([1e39, 0.0], np.float32)
    assert cast_scores([1e300, -1e300], np.float64).dtype == np.float64


# -------------------------------------------------------- the slide's two versions
def test_both_versions_match_the_formula_where_version_1_works() -> None:
    expected = math.exp(1) / (math.exp(1) + math.exp(2))
    assert float(softmax_v1([1.0, 2.0], 0)) == pytest.approx(expected, rel=1e-15)
    assert float(softmax_v2([1.0, 2.0], 0)) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize(
    ("dtype", "score"), [(np.float32, 89.0), (np.float64, 710.0)], ids=["float32", "float64"]
)
def test_version_1_overflows_to_nan_and_version_2_does_not(dtype, score) -> None:
    s = np.array([score, score - 1.0], dtype=dtype)
    assert np.isnan(softmax_v1(s, 0))
    expected = 1 / (1 + math.exp(-1))
    assert float(softmax_v2(s, 0)) == pytest.approx(expected, rel=1e-6)
    assert softmax_v1(s, 0).dtype == dtype


def test_version_2_never_changes_the_callers_array() -> None:
    scores = np.array([10.0, 9.0, 9.0])
    softmax_v2(scores, 0)
    np.testing.assert_array_equal(scores, [10.0, 9.0, 9.0])


@pytest.mark.parametrize("dtype", [np.int64, np.uint8, np.int8], ids=["int64", "uint8", "int8"])
def test_version_2_works_on_integer_scores(dtype) -> None:
    scores = np.array([1, 2], dtype=dtype)
    assert float(softmax_v2(scores, 0)) == pytest.approx(1 / (1 + math.e), rel=1e-15)
    assert scores.tolist() == [1, 2]


def test_the_slides_version_2_mutates_and_wraps_unsigned_integers() -> None:
    """What the page warns about: the slide's code itself, run on the caller's arrays."""
    floats = np.array([10.0, 9.0, 9.0])
    softmax2_as_on_slide(floats, 0)
    assert floats.tolist() == [0.0, -1.0, -1.0]  # the caller's scores were changed
    unsigned = np.array([1, 2], dtype=np.uint8)
    with np.errstate(all="ignore"):
        p = softmax2_as_on_slide(unsigned, 0)
    assert unsigned.tolist() == [255, 0]  # 1 - 2 wrapped around
    assert not p == pytest.approx(1 / (1 + math.e))


def test_slide_v2_side_effect_works_on_a_copy() -> None:
    scores = [10.0, 9.0, 9.0]
    p, after = slide_v2_side_effect(scores, 0)
    assert scores == [10.0, 9.0, 9.0]
    assert after.tolist() == [0.0, -1.0, -1.0]
    assert p == pytest.approx(1 / (1 + 2 * math.exp(-1)), rel=1e-15)


@given(scale=st.floats(-1e300, 1e300), k=st.integers(2, 6), y=st.integers(0, 5))
def test_version_2_never_gives_nan_up_to_1e300(scale: float, k: int, y: int) -> None:
    scores = scale * np.linspace(-1.0, 1.0, k)
    p = softmax_v2(scores, min(y, k - 1))
    assert np.isfinite(p) and 0.0 <= p <= 1.0


# ------------------------------------------------------------------ compare_versions
CASES = [
    # (id, scores, dtype, v1 works, words in the reason)
    ("lecture-10-9-9", [10.0, 9.0, 9.0], "float64", True, ""),
    ("overflow-float64", [1000.0, 999.0, 998.0], "float64", False, "above 709.78271"),
    ("overflow-float32", [100.0, 99.0, 98.0], "float32", False, "above 88.722832"),
    ("fits-float64-not-float32", [100.0, 99.0, 98.0], "float64", True, ""),
    ("sum-overflows", [709.5, 709.5], "float64", False, "sum overflows"),
    ("all-underflow", [-1000.0, -1001.0, -1002.0], "float64", False, "0 / 0"),
    ("subnormal", [-740.0, -741.0], "float64", False, "subnormal"),
    ("subnormal-float32", [-100.0, -101.0], "float32", False, "below -87.33654"),
    ("just-above-the-zero-edge", [-745.0, -745.1], "float64", False, "subnormal"),
    ("all-below-the-zero-edge", [-745.2, -746.0], "float64", False, "below -745.13322"),
    ("huge-1e300", [1e300, 0.0, -1e300], "float64", False, "overflows to inf"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("scores", "dtype", "works", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_compare_versions_says_when_and_why_version_1_breaks(scores, dtype, works, words) -> None:
    result = compare_versions(scores, dtype)
    assert result.v1_ok is works
    assert words in result.reason
    assert np.all(np.isfinite(result.v2)) and result.v2.sum() == pytest.approx(1.0, rel=1e-6)
    np.testing.assert_allclose(result.v2, softmax(np.asarray(scores, dtype=dtype)))
    if works:
        assert result.reason == ""
        tolerance = 1e-15 if dtype == "float64" else 1e-6
        assert result.max_abs_diff <= tolerance
        np.testing.assert_allclose(result.v1, result.v2, atol=tolerance)


def test_naive_works_is_row_wise() -> None:
    rows = np.array([[1.0, 2.0], [710.0, 0.0], [-750.0, -751.0]])
    assert naive_works(rows).tolist() == [True, False, False]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_overflow_sweep_version_1_works_only_inside_the_limits(dtype) -> None:
    high, low = largest_safe_score(dtype), smallest_visible_score(dtype)
    largest = np.linspace(1.25 * low, 1.25 * high, 200)
    sweep = overflow_sweep([10.0, 9.0, 9.0], 0, largest, dtype)
    expected = 1 / (1 + 2 * math.exp(-1))
    # one flat line (float32 rounds s - max(s) + x to a few ulps of |x|)
    np.testing.assert_allclose(sweep.v2, expected, rtol=1e-5 if dtype == "float32" else 1e-14)
    assert not np.any(sweep.works[sweep.largest > high])
    assert np.all(np.isnan(sweep.v1[sweep.largest > high]))
    normal = math.log(float(np.finfo(dtype).tiny))  # below it, exp is subnormal: digits lost
    x = sweep.largest
    assert np.all(sweep.works[(x > normal + 1) & (x < high - 1)])
    assert not np.any(sweep.works[(x < normal - 1) | (x > high)])
    assert np.all(np.isnan(sweep.v1[x < low - 1]))  # every exp is 0: 0 / 0
    assert sweep.max_abs_diff <= (1e-15 if dtype == "float64" else 1e-6)


def test_overflow_sweep_keeps_precision_for_scores_far_apart() -> None:
    sweep = overflow_sweep([1e300, 0.0, -1e300], 0, np.array([0.0, 1.0]))
    np.testing.assert_array_equal(sweep.v2, [1.0, 1.0])
    np.testing.assert_array_equal(sweep.v1, [1.0, 1.0])


# ------------------------------------------------------------------------- the loss
def test_cross_entropy_parts_keeps_the_tiny_loss_of_the_lectures_third_row() -> None:
    parts = cross_entropy_parts([10.0, -10.0, -10.0], 0)
    rest = 2 * math.exp(-20) / (1 + 2 * math.exp(-20))
    assert parts.p_rest == pytest.approx(rest, rel=1e-12)
    assert parts.loss == pytest.approx(math.log1p(2 * math.exp(-20)), rel=1e-6)
    assert parts.loss > 0


@pytest.mark.parametrize(
    ("scores", "label"),
    [([10.0, 9.0, 9.0], 0), ([9.0, 10.0, 9.0], 0), ([40.0, 0.0], 0), ([1e300, -1e300], 1),
     ([-1e300, 1e300, 0.0], 0), ([3.0, 3.0, 1.0], 1)],
)  # fmt: skip
def test_cross_entropy_parts_log_domain_terms_give_the_loss(scores, label) -> None:
    """The page writes L = (m - s_y) + log(1 + r): those terms must give the loss shown."""
    parts = cross_entropy_parts(scores, label)
    assert parts.top == max(scores) and scores[parts.top_index] == parts.top
    assert parts.gap == parts.top - scores[label] >= 0
    np.testing.assert_array_equal(parts.shifted, np.array(scores) - parts.top)
    assert parts.loss == parts.gap + math.log1p(parts.rest_exp)


def test_cross_entropy_parts_at_margin_40_and_when_p_underflows() -> None:
    parts = cross_entropy_parts([40.0, 0.0], 0)
    assert parts.loss == pytest.approx(math.exp(-40), rel=1e-15) and parts.p_is_normal
    parts = cross_entropy_parts([1e300, -1e300], 1)  # p_y = e^{-2e300}: 0 in float64
    assert parts.p_correct == 0.0 and not parts.p_is_normal
    assert parts.loss == 2e300 and parts.rest_exp == 0.0


def test_losses_vs_gap_and_table_keep_tiny_losses_at_large_gaps() -> None:
    gaps = np.array([30.0, 37.0, 40.0, 100.0, 700.0])
    ce, _ = losses_vs_gap([0.0, 0.0, 0.0], 0, gaps)
    np.testing.assert_allclose(ce, [math.log1p(2 * math.exp(-g)) for g in gaps], rtol=1e-14)
    (row,) = softmax_vs_svm([[40.0, 0.0, 0.0]])
    assert row.cross_entropy == pytest.approx(2 * math.exp(-40), rel=1e-14)


def test_shift_proof_numbers() -> None:
    proof = shift_proof([9.0, 10.0, 9.0], 0)
    assert proof.top == 10.0 and proof.top_index == 1
    np.testing.assert_array_equal(proof.shifted, [-1.0, 0.0, -1.0])
    np.testing.assert_allclose(proof.exps, [math.exp(-1), 1.0, math.exp(-1)])
    assert proof.p == pytest.approx(math.exp(-1) / (1 + 2 * math.exp(-1)), rel=1e-15)


# ----------------------------------------------------------------------------- quiz
@pytest.mark.parametrize("k", [2, 3, 10, 1000])
def test_quiz_answers(k: int) -> None:
    answers = quiz_answers(k)
    assert answers.uniform_loss == pytest.approx(math.log(k), rel=1e-14)
    assert answers.infimum == 0.0  # the infimum, never attained:
    assert answers.loss_when_sure == pytest.approx((k - 1) * math.exp(-40), rel=1e-12)
    assert answers.loss_when_sure > 0
    # correct score 1000 below K - 1 zeros: L = log(e^-1000 + K - 1) + 1000
    assert answers.loss_when_wrong == pytest.approx(1000 + math.log(k - 1), rel=1e-12)


def test_grade_quiz() -> None:
    answers = quiz_answers(10)
    assert grade_quiz(answers, 0.0, math.inf, 2.30) == (True, True, True)
    assert grade_quiz(answers, -math.inf, math.log(10), 1.0) == (False, False, False)
    assert grade_quiz(answers, 0.0, 10.0, 2.3026) == (True, False, True)


# ----------------------------------------------------------------- logistic regression
@given(beta0=st.floats(-50, 50), beta1=st.floats(-50, 50))
def test_two_class_softmax_is_the_sigmoid(beta0: float, beta1: float) -> None:
    result = two_class_probabilities(beta0, beta1, np.linspace(-6, 6, 25))
    assert result.beta == beta1 - beta0
    # softmax sees β0·x and β1·x, the sigmoid their difference: rounding of size eps·|β|·|x|
    tolerance = 4 * np.finfo(float).eps * (abs(beta0) + abs(beta1) + 1) * 6
    np.testing.assert_allclose(result.softmax, result.sigmoid, rtol=0, atol=tolerance)
    assert result.max_abs_diff <= tolerance


# ------------------------------------------------------------------- softmax vs SVM
def test_lecture_table_rows() -> None:
    rows = softmax_vs_svm([[10, 7, 5], [10, 9, 9], [10, -10, -10]])
    expected_ce = [
        math.log(1 + math.exp(-3) + math.exp(-5)),
        math.log(1 + 2 * math.exp(-1)),
        math.log1p(2 * math.exp(-20)),
    ]
    for row, ce in zip(rows, expected_ce, strict=True):
        assert row.cross_entropy == pytest.approx(ce, rel=1e-6)
        assert row.p_correct == pytest.approx(math.exp(-ce), rel=1e-12)
        assert row.svm == 0.0  # every wrong score is at least 1 below the correct one


def test_table_margin_and_uneven_rows() -> None:
    rows = softmax_vs_svm([[10, 9, 9], [1, 2]], margin=5.0)
    assert rows[0].svm == (9 - 10 + 5) * 2
    assert rows[1].svm == 2 - 1 + 5
    assert rows[1].scores.shape == (2,)


def test_losses_vs_gap_svm_stops_at_the_margin_cross_entropy_never_does() -> None:
    gaps = np.linspace(-5, 10, 151)
    ce, svm = losses_vs_gap([3.0, 1.0, 2.0], 1, gaps, margin=2.0)
    # class 1 is correct; the best other score is 3, the other 2 sits one lower
    expected_svm = np.maximum(0, 2.0 - gaps) + np.maximum(0, 2.0 - gaps - 1.0)
    np.testing.assert_allclose(svm, expected_svm, atol=1e-12)
    assert np.all(svm[gaps >= 2.0] == 0)
    assert np.all(ce > 0) and np.all(np.diff(ce) < 0)
    expected_ce = np.log1p(np.exp(-gaps) + np.exp(-gaps - 1.0))
    np.testing.assert_allclose(ce, expected_ce, rtol=1e-10)


def test_slide_rounding_of_the_lectures_table() -> None:
    """The slide: -log(0.95) = 0.05, -log(0.58) = 0.55, -log(1.00) = 4e-9 (p rounded, L not)."""
    first, second, third = slide_rounding()
    assert [r.p_rounded for r in (first, second, third)] == [0.95, 0.58, 1.0]
    assert second.log_of_rounded == pytest.approx(-math.log(0.58)) and round(second.loss, 2) == 0.55
    assert round(second.log_of_rounded, 2) == 0.54  # the equation as written is off by 0.01
    assert third.log_of_rounded == 0.0 and f"{third.loss:.0e}" == "4e-09"
    assert third.p_rest == pytest.approx(2 * math.exp(-20) / (1 + 2 * math.exp(-20)), rel=1e-12)
    assert round(first.loss, 2) == 0.05 and first.loss == pytest.approx(0.05499, abs=1e-5)
