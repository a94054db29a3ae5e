"""Math of the softmax cross-entropy page: the slide's two softmax versions, Quiz 2, K = 2, vs SVM.

Numpy only; builds on ``core.softmax`` and ``core.losses``. ``scores`` follow the
package convention: ``(K,)`` for one sample, ``(N, K)`` for a batch, classes on
the last axis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core._checks import as_finite_number, as_labels, as_scores
from core.losses import cross_entropy_loss, svm_loss
from core.softmax import sigmoid, softmax, softmax_naive

DTYPES = {"float32": np.float32, "float64": np.float64}


# --------------------------------------------------------------------------- limits
def largest_safe_score(dtype) -> float:
    """The largest score ``s`` of ``dtype`` for which ``exp(s)`` is still finite.

    About ``ln(max float)``: 88.72 for float32, 709.78 for float64. Found by
    stepping from ``log(finfo.max)`` to the neighbouring representable
    values, so ``exp(limit)`` is finite and ``exp(next float up)`` is inf.

    >>> round(largest_safe_score("float64"), 2), round(largest_safe_score("float32"), 2)
    (709.78, 88.72)
    """
    dt = np.dtype(dtype).type
    x = dt(np.log(np.finfo(dt).max))
    up, down = dt(np.inf), dt(-np.inf)
    with np.errstate(over="ignore"):
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, down)
        while np.isfinite(np.exp(np.nextafter(x, up))):
            x = np.nextafter(x, up)
    return float(x)


def _first_score(dtype, predicate, false_at: float, true_at: float) -> float:
    """The representable ``x`` of ``dtype`` nearest ``false_at`` with ``predicate(x)`` True.

    ``predicate`` must be False at ``false_at``, True at ``true_at`` and switch
    once between them; bisection over the ``dtype`` values finds the switch
    exactly (about 60 steps), like ``largest_safe_score`` steps to its edge.
    """
    dt = np.dtype(dtype).type
    lo, hi = dt(false_at), dt(true_at)
    if predicate(lo) or not predicate(hi):
        raise ValueError(f"no switch between {false_at} and {true_at} for {np.dtype(dtype)}.")
    while True:
        mid = dt(lo + (hi - lo) / dt(2))
        if mid == lo or mid == hi:  # neighbours: hi is the first value where it holds
            return float(hi)
        if predicate(mid):
            hi = mid
        else:
            lo = mid


def _exp_of(dtype):
    """``x -> exp(x)`` computed as version 1 does: a ``dtype`` array through ``np.exp``."""
    dt = np.dtype(dtype)

    def exp(x) -> float:
        with np.errstate(under="ignore"):
            return np.exp(np.array([x], dtype=dt))[0]

    return exp


def smallest_visible_score(dtype) -> float:
    """The smallest score ``s`` of ``dtype`` whose ``exp(s)`` is not 0: exactly, not ``ln(tiny)``.

    ``exp`` rounds to 0 only below half the smallest subnormal, about -745.13
    (float64) and -103.97 (float32); ``ln(smallest subnormal)`` (-744.44,
    -103.28) is not the edge. If *every* score is below it, version 1 computes
    0 / 0 = NaN; just above it, version 1 gives a (subnormal, inaccurate) number.

    >>> round(smallest_visible_score("float64"), 2), round(smallest_visible_score("float32"), 2)
    (-745.13, -103.97)
    """
    exp = _exp_of(dtype)
    edge = float(np.log(np.finfo(np.dtype(dtype)).smallest_subnormal))
    return _first_score(dtype, lambda x: exp(x) > 0, edge - 2.0, edge)


def smallest_normal_score(dtype) -> float:
    """The smallest score ``s`` of ``dtype`` whose ``exp(s)`` is a normal number (>= ``tiny``).

    Below it, down to ``smallest_visible_score``, ``exp(s)`` is subnormal: not
    0, but with fewer significant digits the lower it goes, so version 1 is
    inaccurate when the largest score is there. About -708.40 (float64),
    -87.34 (float32).

    >>> round(smallest_normal_score("float64"), 2), round(smallest_normal_score("float32"), 2)
    (-708.4, -87.34)
    """
    exp = _exp_of(dtype)
    tiny = np.finfo(np.dtype(dtype)).tiny
    edge = float(np.log(tiny))
    return _first_score(dtype, lambda x: exp(x) >= tiny, edge - 1.0, edge + 1.0)


def limit_text(score: float) -> str:
    """A limit as every message and table writes it (8 significant digits), so they agree.

    >>> limit_text(largest_safe_score("float64")), limit_text(smallest_visible_score("float32"))
    ('709.78271', '-103.97208')
    """
    return f"{score:.8g}"


def cast_scores(scores, dtype) -> np.ndarray:
    """``scores`` as a ``dtype`` array, refusing values that do not fit (they would become inf).

    >>> cast_scores([1, 2], "float32").dtype
    dtype('float32')
    """
    s = as_scores(scores)
    dt = np.dtype(dtype)
    biggest = float(np.finfo(dt).max)
    if np.max(np.abs(s)) > biggest:
        raise ValueError(
            f"{dt.name} cannot store scores beyond ±{biggest:.3g}: they would become inf "
            f"before any softmax runs. Choose float64 or smaller scores."
        )
    return s.astype(dt)


# ------------------------------------------------------- the slide's two versions
def softmax_v1(scores, label) -> np.floating:
    """The slide's version 1: ``p = exp(s[y]) / sum(exp(s))``, no shift.

    Overflows like the slide: a score above ``largest_safe_score`` makes
    ``exp`` inf and the result NaN (or 0). Never modifies ``scores``, emits no
    warning, keeps float32 as float32. Shape: ``(K,)`` -> scalar.

    >>> float(softmax_v1([1.0, 2.0], 1)), float(softmax_v1([1000.0, 0.0], 0))
    (0.7310585786300049, nan)
    """
    s = as_scores(scores, allow_nonfinite=True)
    y = as_labels(label, s)
    with np.errstate(all="ignore"):
        return np.exp(s[y]) / np.sum(np.exp(s))


def softmax_v2(scores, label) -> np.floating:
    """The slide's version 2, without its side effect: ``p = exp(s[y] - m) / sum exp(s - m)``.

    ``m = max(s)``. The slide writes ``s -= np.max(s)``, which changes the
    caller's array; here ``s - m`` is a new float array, so the caller's
    scores stay as they were and integer scores work too. No exponent is
    positive, so nothing overflows. Shape: ``(K,)`` -> scalar.

    >>> float(softmax_v2([1000.0, 0.0], 0)), float(softmax_v2([1, 2], 1))
    (1.0, 0.7310585786300049)
    """
    s = as_scores(scores)
    y = as_labels(label, s)
    with np.errstate(over="ignore"):
        shifted = s - np.max(s)
    return np.exp(shifted[y]) / np.sum(np.exp(shifted))


def softmax2_as_on_slide(s: np.ndarray, y: int):
    """The slide's version 2 verbatim, kept only to *show* its side effect.

    ``s -= np.max(s)`` shifts the caller's own array; on an unsigned integer
    array it wraps around (``[1, 2]`` becomes ``[255, 0]`` in uint8) and the
    answer is NaN. Use ``softmax_v2``.
    """
    s -= np.max(s)
    p = np.exp(s[y]) / np.sum(np.exp(s))
    return p


def slide_v2_side_effect(scores, label, dtype="float64") -> tuple[float, np.ndarray]:
    """Run the slide's version 2 on a *copy* of ``scores`` in ``dtype``; return ``(p, copy after)``.

    Shows what the slide's ``s -= np.max(s)`` does to the array it is given:
    the copy comes back shifted (and, for unsigned integers, wrapped around).

    >>> p, after = slide_v2_side_effect([10, 9, 9], 0)
    >>> round(float(p), 4), after.tolist()
    (0.5761, [0.0, -1.0, -1.0])
    >>> p, after = slide_v2_side_effect([1, 2], 0, dtype="uint8")  # true answer 0.2689
    >>> p, after.tolist()  # 255 - 0 wrapped around; exp(255) in float16 is inf
    (nan, [255, 0])
    """
    s = np.array(scores, dtype=dtype)
    with np.errstate(all="ignore"):
        p = softmax2_as_on_slide(s, int(label))
    return float(p), s


@dataclass(frozen=True)
class ShiftProof:
    """The numbers of the slide's proof that shifting by the max changes nothing (``(K,)``)."""

    top: float  # m = max_j s_j
    top_index: int
    shifted: np.ndarray  # s_j - m, all <= 0
    exps: np.ndarray  # e^{s_j - m}, all in (0, 1], one of them exactly 1
    p: float  # e^{s_y - m} / sum_j e^{s_j - m}


def shift_proof(scores, label) -> ShiftProof:
    """The terms of ``e^{s_y - m} / Σ_j e^{s_j - m}`` for the student's scores.

    >>> pr = shift_proof([10.0, 9.0, 9.0], 0)
    >>> pr.top, pr.shifted.tolist(), round(pr.p, 4)
    (10.0, [0.0, -1.0, -1.0], 0.5761)
    """
    s = as_scores(scores)
    y = as_labels(label, s)
    j = int(np.argmax(s))
    with np.errstate(over="ignore"):
        shifted = s - s[j]
    exps = np.exp(shifted)
    return ShiftProof(float(s[j]), j, shifted, exps, float(exps[y] / np.sum(exps)))


def naive_works(scores) -> np.ndarray:
    """Where version 1 gives an accurate answer: the sum of ``exp(s)`` is finite and its
    largest term is a normal (not subnormal, not 0) number.

    Row-wise along the last axis: ``(K,)`` -> bool scalar, ``(N, K)`` -> ``(N,)``.
    Failing rows overflow (NaN or 0s), underflow (0 / 0 = NaN) or lose
    precision in subnormal numbers.

    >>> naive_works([[1.0, 2.0], [1000.0, 0.0], [-1000.0, -1001.0], [-740.0, -741.0]]).tolist()
    [True, False, False, False]
    """
    s = as_scores(scores, allow_nonfinite=True)
    with np.errstate(all="ignore"):
        exps = np.exp(s)
        total = np.sum(exps, axis=-1)
    return np.isfinite(total) & (np.max(exps, axis=-1) >= np.finfo(s.dtype).tiny)


def _max_abs_diff(v1: np.ndarray, v2: np.ndarray, where: np.ndarray) -> float:
    """``max |v1 - v2|`` over the rows (or entries) in ``where``; NaN when none."""
    diff = np.abs(v1[where].astype(np.float64) - v2[where].astype(np.float64))
    return float(np.max(diff)) if diff.size else float("nan")


@dataclass(frozen=True)
class VersionComparison:
    """Both versions of softmax on one score vector (arrays shaped ``(K,)``)."""

    dtype: str
    v1: np.ndarray  # exp(s) / sum exp(s): may hold NaN or 0s
    v2: np.ndarray  # max-shifted, always finite
    v1_ok: bool  # naive_works(s)
    max_abs_diff: float  # max |v1 - v2| when v1 works, else NaN
    reason: str  # why version 1 failed, "" when it works


def _naive_failure(s: np.ndarray) -> str:
    """A sentence on why version 1 fails for ``s`` (``(K,)``), or "" if it works."""
    if naive_works(s):
        return ""
    limit = largest_safe_score(s.dtype)
    top = float(np.max(s))
    with np.errstate(all="ignore"):
        total = np.sum(np.exp(s))
    if top > limit:
        return (
            f"the largest score {top:.6g} is above {limit_text(limit)} = ln(largest "
            f"{s.dtype.name}), so exp overflows to inf and inf / inf gives NaN"
        )
    if not np.isfinite(total):
        return (
            "each exp(s) fits, but their sum overflows to inf, so every probability "
            "becomes 0 and they no longer sum to 1"
        )
    if total == 0:
        return (
            f"every score is below {limit_text(smallest_visible_score(s.dtype))}, where exp "
            f"rounds to 0 in {s.dtype.name}, so every exp(s) is 0 and 0 / 0 gives NaN"
        )
    return (
        f"the largest score {top:.6g} is below {limit_text(smallest_normal_score(s.dtype))}, "
        f"so every exp(s) is below {float(np.finfo(s.dtype).tiny):.3g}, the smallest normal "
        f"{s.dtype.name}: these tiny (subnormal) numbers have lost digits, so the result is "
        "inaccurate"
    )


def compare_versions(scores, dtype="float64") -> VersionComparison:
    """Run version 1 (``softmax_naive``) and version 2 (``softmax``) on ``scores`` in ``dtype``.

    ``reason`` explains a failure: a score above the overflow limit
    (``exp`` is inf, inf / inf is NaN), a sum of exponentials that
    overflows, every exponential rounding to 0 (0 / 0 is NaN), or only
    subnormal exponentials (digits lost).

    >>> c = compare_versions([1000.0, 0.0])
    >>> c.v1_ok, c.v2.tolist()
    (False, [1.0, 0.0])
    """
    s = cast_scores(scores, dtype)
    v1, v2 = softmax_naive(s), softmax(s)
    ok = bool(naive_works(s))
    return VersionComparison(
        dtype=s.dtype.name,
        v1=v1,
        v2=v2,
        v1_ok=ok,
        max_abs_diff=_max_abs_diff(v1, v2, np.full(v1.shape, ok)),
        reason=_naive_failure(s),
    )


@dataclass(frozen=True)
class OverflowSweep:
    """``p_y`` of both versions as the scores slide together (arrays shaped ``(n,)``)."""

    largest: np.ndarray  # max(s) after the shift, the x axis
    v1: np.ndarray  # NaN (or 0) where version 1 breaks
    v2: np.ndarray  # one constant value: shifting never changes softmax
    works: np.ndarray  # naive_works per row, bool (n,)
    max_abs_diff: float  # max |v1 - v2| where version 1 works


def overflow_sweep(scores, label, largest, dtype="float64") -> OverflowSweep:
    """Slide every score by the same amount so the largest equals each value of ``largest``.

    The batch row for ``x`` is ``(s - max s) + x``: the same softmax for every
    ``x``, so version 2 draws one flat line while version 1 is NaN once ``x``
    passes ``largest_safe_score(dtype)`` (and again below about
    ``smallest_visible_score(dtype)``, where every exp is 0).
    Shapes: ``largest (n,)`` -> arrays ``(n,)``.
    """
    s = as_scores(scores)
    y = as_labels(label, s)
    dt = np.dtype(dtype)
    with np.errstate(over="ignore"):
        gaps = (s - np.max(s)).astype(dt)
    x = np.asarray(largest, dtype=dt)
    batch = gaps[None, :] + x[:, None]
    v1 = softmax_naive(batch)[:, y]
    v2 = softmax(batch)[:, y]
    works = naive_works(batch)
    return OverflowSweep(x, v1, v2, works, _max_abs_diff(v1, v2, works))


@dataclass(frozen=True)
class CrossEntropyParts:
    """The pieces of ``L_i = -log p_y`` for one score vector, and of its log-domain form.

    ``loss = gap + log1p(rest_exp)``: ``(m - s_y) + log sum_j e^{s_j - m}``, where
    the max's own term ``e^0 = 1`` is the 1 of ``log(1 + rest_exp)``.
    """

    probs: np.ndarray  # softmax(s), (K,)
    p_correct: float  # p_y
    p_rest: float  # sum_{j != y} p_j = 1 - p_y, computed without cancellation
    loss: float  # cross_entropy_loss(s, y)
    top: float  # m = max_j s_j
    top_index: int  # k with s_k = m (the first, if tied)
    shifted: np.ndarray  # s_j - m, all <= 0, (K,)
    gap: float  # m - s_y >= 0: how far the correct score is behind the max
    rest_exp: float  # sum_{j != k} e^{s_j - m}, in [0, K - 1]
    p_is_normal: bool  # p_y is a normal float: -log(p_y) itself is accurate


def cross_entropy_parts(scores, label) -> CrossEntropyParts:
    """Softmax probabilities, ``p_y``, ``1 - p_y``, the loss and its log-domain terms.

    ``p_rest`` is summed from the other classes, so a ``p_y`` of
    ``1 - 4e-9`` still shows its ``4e-9`` (the lecture's [10, -10, -10] row).
    ``p_y`` itself can underflow to 0 ([1e300, -1e300] with y = 1): the loss is
    then only written in the log-domain form ``gap + log(1 + rest_exp)``.

    >>> parts = cross_entropy_parts([10.0, -10.0, -10.0], 0)
    >>> f"{parts.p_rest:.3g}", f"{parts.loss:.3g}", parts.gap, f"{parts.rest_exp:.3g}"
    ('4.12e-09', '4.12e-09', 0.0, '4.12e-09')
    >>> parts = cross_entropy_parts([1e300, -1e300], 1)
    >>> parts.p_correct, parts.p_is_normal, parts.gap, parts.loss
    (0.0, False, 2e+300, 2e+300)
    """
    s = as_scores(scores)
    y = as_labels(label, s)
    p = softmax(s)
    rest = float(np.sum(np.delete(p, y)))
    k = int(np.argmax(s))
    with np.errstate(over="ignore"):
        shifted = s - s[k]
    rest_exp = float(np.sum(np.exp(np.delete(shifted, k))))
    return CrossEntropyParts(
        probs=p,
        p_correct=float(p[y]),
        p_rest=rest,
        loss=float(cross_entropy_loss(s, y)),
        top=float(s[k]),
        top_index=k,
        shifted=shifted,
        gap=float(s[k] - s[y]),
        rest_exp=rest_exp,
        p_is_normal=bool(p[y] >= np.finfo(p.dtype).tiny),
    )


# ---------------------------------------------------------------- quiz and relations
@dataclass(frozen=True)
class QuizAnswers:
    """Core-computed answers to the lecture's Quiz 2 for ``K`` classes."""

    num_classes: int
    infimum: float  # 0: the greatest lower bound, never attained with finite scores
    sure_gap: float  # the lead of the correct score in loss_when_sure
    loss_when_sure: float  # correct score sure_gap above the rest: small but > 0
    loss_when_wrong: float  # correct score far below: grows without bound
    uniform_loss: float  # all K scores equal: log K
    log_k: float


def quiz_answers(num_classes: int, gap: float = 1e3, sure_gap: float = 40.0) -> QuizAnswers:
    """Evaluate ``cross_entropy_loss`` at the extremes and at equal scores.

    ``L_i = -log p_y`` and ``0 < p_y < 1`` for finite scores, so ``L_i > 0``:
    the infimum 0 is approached as the correct score pulls ahead (loss
    ~ (K-1) e^{-gap}, shown at ``sure_gap``, where float64 still holds it)
    and never attained. There is no maximum: with the correct score ``gap``
    below the rest the loss is about ``gap``. With all scores equal it is
    exactly ``log K``.

    >>> q = quiz_answers(3)
    >>> q.infimum, f"{q.loss_when_sure:.3g}", q.loss_when_wrong > 999, round(q.uniform_loss, 4)
    (0.0, '8.5e-18', True, 1.0986)
    """
    k = int(num_classes)
    if k < 2:
        raise ValueError(f"need at least two classes, got K={k}.")
    wrong = np.zeros(k)
    wrong[0] = -gap
    sure = np.zeros(k)
    sure[0] = sure_gap
    return QuizAnswers(
        num_classes=k,
        infimum=0.0,
        sure_gap=float(sure_gap),
        loss_when_sure=float(cross_entropy_loss(sure, 0)),
        loss_when_wrong=float(cross_entropy_loss(wrong, 0)),
        uniform_loss=float(cross_entropy_loss(np.ones(k), 0)),
        log_k=float(np.log(k)),
    )


def grade_quiz(
    answers: QuizAnswers, minimum: float, maximum: float, uniform: float, *, tol: float = 0.01
) -> tuple[bool, bool, bool]:
    """Check a student's Quiz 2 answers against ``answers`` (all computed by ``quiz_answers``).

    ``minimum`` is right if it is the infimum 0 (never attained, so no loss equals it);
    ``maximum`` is right only if it is at least the loss at a huge losing gap
    (so only +inf passes: the loss is unbounded); ``uniform`` is right within
    ``tol`` of ``log K``.

    >>> q = quiz_answers(3)
    >>> grade_quiz(q, 0.0, float("inf"), 1.1), grade_quiz(q, -1.0, 3.0, 0.0)
    ((True, True, True), (False, False, False))
    """
    return (
        minimum == answers.infimum,
        maximum >= answers.loss_when_wrong,
        abs(uniform - answers.uniform_loss) <= tol,
    )


@dataclass(frozen=True)
class TwoClass:
    """``Pr(Y = 1 | x)`` computed as a K = 2 softmax and as a sigmoid (arrays ``(n,)``)."""

    beta: float  # β = β1 - β0, the logistic regression weight
    softmax: np.ndarray
    sigmoid: np.ndarray
    max_abs_diff: float  # max |softmax - sigmoid|: rounding only


def two_class_probabilities(beta0: float, beta1: float, x) -> TwoClass:
    """``Pr(Y = 1 | x)`` two ways: ``softmax([β0 x, β1 x])_1`` and ``sigmoid((β1 - β0) x)``.

    They are equal for every ``x`` (the lecture's "relation to logistic
    regression" slide): divide numerator and denominator by ``e^{β1 x}``.

    >>> tc = two_class_probabilities(0.5, 2.0, [-1.0, 0.0, 1.0])
    >>> tc.beta, tc.max_abs_diff < 1e-15, tc.sigmoid.round(4).tolist()
    (1.5, True, [0.1824, 0.5, 0.8176])
    """
    b0 = as_finite_number(beta0, "β0")
    b1 = as_finite_number(beta1, "β1")
    x = np.asarray(x, dtype=np.float64)
    soft = softmax(np.stack([b0 * x, b1 * x], axis=-1))[:, 1]
    sig = sigmoid((b1 - b0) * x)
    return TwoClass(b1 - b0, soft, sig, float(np.max(np.abs(soft - sig))))


# ------------------------------------------------------------------ softmax vs SVM
@dataclass(frozen=True)
class TableRow:
    """One row of the softmax-vs-SVM table (correct class first)."""

    scores: np.ndarray
    p_correct: float
    cross_entropy: float
    svm: float


def softmax_vs_svm(rows, *, margin: float = 1.0) -> list[TableRow]:
    """Cross-entropy and SVM loss of each score row with class 0 correct.

    ``rows`` is a sequence of 1-D score arrays (lengths may differ).

    >>> [round(r.cross_entropy, 2) for r in softmax_vs_svm([[10, 7, 5], [10, 9, 9]])]
    [0.05, 0.55]
    """
    table = []
    for row in rows:
        s = as_scores(row)
        table.append(
            TableRow(
                scores=s,
                p_correct=float(softmax(s)[0]),
                cross_entropy=float(cross_entropy_loss(s, 0)),
                svm=float(svm_loss(s, 0, margin=margin)),
            )
        )
    return table


LECTURE_ROWS = ((10.0, 7.0, 5.0), (10.0, 9.0, 9.0), (10.0, -10.0, -10.0))  # the slide's table


@dataclass(frozen=True)
class SlideRow:
    """One row of the slide's softmax-vs-SVM table, as the slide rounds it and unrounded."""

    scores: np.ndarray
    p_correct: float  # p of the correct class (class 0)
    p_rest: float  # 1 - p_correct, summed from the other classes (no cancellation)
    p_rounded: float  # p as the slide writes it: 2 decimals
    log_of_rounded: float  # -log of the slide's p: what its equation literally says
    loss: float  # the loss of the unrounded p, the slide's right-hand side


def slide_rounding(rows=LECTURE_ROWS, decimals: int = 2) -> list[SlideRow]:
    """Where the slide's ``-log(p) = L`` is rounded: ``p`` to 2 decimals, ``L`` from the exact p.

    >>> [(r.p_rounded, round(r.log_of_rounded, 3), f"{r.loss:.3g}") for r in slide_rounding()]
    [(0.95, 0.051, '0.055'), (0.58, 0.545, '0.551'), (1.0, 0.0, '4.12e-09')]
    """
    result = []
    for row in rows:
        s = as_scores(row)
        probs = softmax(s)
        p = float(probs[0])
        rounded = round(p, decimals)
        result.append(
            SlideRow(
                scores=s,
                p_correct=p,
                p_rest=float(np.sum(probs[1:])),
                p_rounded=rounded,
                log_of_rounded=float(-np.log(rounded)) + 0.0,  # + 0.0: -log(1.00) is 0, not -0
                loss=float(cross_entropy_loss(s, 0)),
            )
        )
    return result


def losses_vs_gap(scores, label, gaps, *, margin: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Both losses as the correct score moves to ``max_{j != y} s_j + gap`` for each gap.

    The other scores stay fixed. The SVM loss reaches 0 once ``gap >= margin``
    and stays there; cross-entropy keeps falling towards 0 but never gets
    there. Shapes: ``gaps (n,)`` -> ``(cross_entropy (n,), svm (n,))``.
    """
    s = as_scores(scores)
    y = int(as_labels(label, s))
    others = np.delete(s, y)
    g = np.asarray(gaps, dtype=np.float64)
    batch = np.repeat(s[None, :], g.shape[0], axis=0)
    batch[:, y] = np.max(others) + g
    labels = np.full(g.shape[0], y)
    return cross_entropy_loss(batch, labels), svm_loss(batch, labels, margin=margin)
