"""Math of the softmax vs standard normalization page: stimulation, sign, shift, temperature.

Numpy only; builds on ``core.softmax``. ``scores`` are ``(K,)`` for one sample or
``(N, K)`` for a batch, classes on the last axis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core._checks import as_finite_number, as_scores
from core.softmax import log_softmax, softmax, std_normalize


def softmax_entropy(scores, axis: int = -1) -> np.ndarray:
    """Entropy ``H(p) = -sum_j p_j log p_j`` (nats) of ``p = softmax(scores)``.

    Computed as ``-sum_j p_j * log_softmax(s)_j`` so it stays finite at any
    finite scores (``0 log 0 = 0``). Between 0 (one-hot) and ``log K``
    (uniform). Shapes: ``(K,)`` -> scalar, ``(N, K)`` -> ``(N,)``.

    >>> round(float(softmax_entropy([0.0, 0.0])), 4)  # log 2
    0.6931
    """
    p = softmax(scores, axis=axis)
    h = -np.sum(p * log_softmax(scores, axis=axis), axis=axis)
    return np.maximum(h, 0.0)


def try_std_normalize(scores, axis: int = -1) -> tuple[np.ndarray | None, str]:
    """``std_normalize(scores)`` and ``""``, or ``None`` and why it is undefined (sum is 0)."""
    try:
        return std_normalize(scores, axis=axis), ""
    except ValueError as exc:
        return None, str(exc)


@dataclass(frozen=True)
class Normalized:
    """Both normalizations of ``z = scale * s + shift`` (arrays shaped ``(K,)``).

    ``std`` is None when ``z`` sums to 0 (undefined), and ``std_note`` then
    says why. ``entropy`` is the softmax entropy in nats, at most ``log K``.
    """

    scores: np.ndarray
    total: float  # sum_j z_j, the denominator of standard normalization
    softmax: np.ndarray
    std: np.ndarray | None
    std_note: str
    entropy: float
    max_entropy: float  # log K, the entropy of the uniform distribution


def normalize_both(scores, *, scale: float = 1.0, shift: float = 0.0) -> Normalized:
    """Softmax and standard normalization of ``z = scale * s + shift``.

    >>> n = normalize_both([1.0, 2.0], scale=10.0)
    >>> n.scores.tolist(), n.softmax.round(5).tolist(), n.std.round(4).tolist()
    ([10.0, 20.0], [5e-05, 0.99995], [0.3333, 0.6667])
    """
    s = as_scores(scores)
    c = as_finite_number(scale, "scale")
    b = as_finite_number(shift, "shift")
    with np.errstate(over="ignore"):
        z = c * s + b
    z = as_scores(z)  # refuses a product that overflowed
    std, note = try_std_normalize(z)
    return Normalized(
        z, float(np.sum(z)), softmax(z), std, note, float(softmax_entropy(z)), float(np.log(z.size))
    )


def sign_pattern(scores) -> str:
    """How the scores' signs affect ``s / Σ s``: "positive", "negative", "mixed" or "zero sum".

    "positive": every score > 0, the outputs are proper probabilities.
    "negative": all <= 0, the outputs are still in [0, 1] but the largest
    score gets the smallest share. "mixed": some outputs are negative or
    above 1. "zero sum": undefined.

    >>> [sign_pattern(s) for s in ([1, 2], [-1, -2], [-1, 2], [-1, 1])]
    ['positive', 'negative', 'mixed', 'zero sum']
    """
    s = as_scores(scores)
    if try_std_normalize(s)[0] is None:
        return "zero sum"
    if np.all(s > 0):
        return "positive"
    if np.all(s <= 0):
        return "negative"
    return "mixed"


@dataclass(frozen=True)
class ScaleSweep:
    """Softmax and standard normalization of ``c * s`` for a grid of scales ``c``.

    ``softmax`` and ``std`` are ``(n, K)``, ``entropy`` is ``(n,)``; ``std`` is
    None where the scores sum to 0 (then it is undefined at every scale).
    """

    scales: np.ndarray
    softmax: np.ndarray
    std: np.ndarray | None
    entropy: np.ndarray


def scale_sweep(scores, scales) -> ScaleSweep:
    """Multiply ``scores`` by each scale (the lecture's "stimulation") and normalize both ways.

    Standard normalization gives the same row at every positive scale;
    softmax goes from near-uniform (small scale) to near one-hot (large).

    >>> sw = scale_sweep([1.0, 2.0], [1.0, 10.0])
    >>> sw.softmax.round(2).tolist(), sw.std.round(4).tolist()
    ([[0.27, 0.73], [0.0, 1.0]], [[0.3333, 0.6667], [0.3333, 0.6667]])
    """
    s = as_scores(scores)
    c = np.asarray(scales, dtype=np.float64)
    batch = c[:, None] * s[None, :]
    std, _ = try_std_normalize(batch)
    return ScaleSweep(c, softmax(batch), std, softmax_entropy(batch))


def temperature_sweep(scores, temperatures) -> np.ndarray:
    """``softmax(s / T)`` for each temperature ``T > 0``; ``(K,)``, ``(n,)`` -> ``(n, K)``.

    Small ``T`` sharpens towards one-hot, large ``T`` flattens towards
    uniform: temperature is the reciprocal of the lecture's stimulation.

    >>> temperature_sweep([1.0, 2.0], [1.0]).round(2).tolist()
    [[0.27, 0.73]]
    """
    s = as_scores(scores)
    t = np.asarray(temperatures, dtype=np.float64)
    if np.any(t <= 0) or not np.all(np.isfinite(t)):
        raise ValueError("temperatures must be positive finite numbers.")
    return softmax(s[None, :] / t[:, None])


@dataclass(frozen=True)
class SlideExamples:
    """The slide's four examples, unrounded (arrays ``(2,)``)."""

    softmax_1_2: np.ndarray  # the slide: [0.27, 0.73]
    softmax_10_20: np.ndarray  # the slide: [0, 1], rounded: neither is exactly 0 or 1
    std_1_2: np.ndarray  # [1/3, 2/3]
    std_10_20: np.ndarray  # [1/3, 2/3]


def slide_examples() -> SlideExamples:
    """softmax and standard normalization of the slide's [1, 2] and [10, 20].

    >>> ex = slide_examples()
    >>> ex.softmax_1_2.round(2).tolist(), f"{ex.softmax_10_20[0]:.3g}"
    ([0.27, 0.73], '4.54e-05')
    """
    low, high = normalize_both([1.0, 2.0]), normalize_both([10.0, 20.0])
    return SlideExamples(low.softmax, high.softmax, low.std, high.std)
