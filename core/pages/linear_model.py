"""Math of the linear model page: ``s = W x + b``, the bias trick, rows of W as lines and images.

Three parts, as on the page:

* ``product_check``: the lecture's picture, a ``(K, D)`` matrix ``W`` times an
  input ``x`` ``(D,)`` plus a bias ``b`` ``(K,)``, next to the same scores as one
  product ``[W b] [x; 1]`` (``core.linear.bias_trick``), with the largest
  difference between the two.
* For ``D = 2``: each class's score ``s_k(x) = w_k . x + b_k`` is a plane over the
  input plane (``score_planes``); where it is 0 is a line (``zero_line``), and the
  classes' argmax carves the plane into regions (``regions``). The bias moves the
  line along ``w_k`` (``line_offset``: its signed distance from the origin is
  ``-b_k / |w_k|``) without turning it: the line's direction depends on ``w_k`` only.
* Tiny images (``glyph_images``: seeded 8 x 8 glyphs of four shapes with noise),
  flattened to ``x`` ``(64,)``, and a linear classifier trained on them with
  ``core.training`` (``train_templates``): each row of ``W`` reshaped to 8 x 8 is
  the class's "template".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core._checks import as_finite_number, as_float_array
from core.linear import bias_trick, linear_scores, predict
from core.memo import memoize
from core.training import gradient_descent

# ------------------------------------------------------------------ the lecture's picture
CLASS_NAMES = ("cat", "dog", "ship", "class 4", "class 5", "class 6")
MAX_CLASSES = len(CLASS_NAMES)
MAX_INPUTS = 8
# CS231n's image example (the lecture's numbers are garbled in its text): 4 pixels, 3 classes.
PIXEL_W = np.array([[0.2, -0.5, 0.1, 2.0], [1.5, 1.3, 2.1, 0.0], [0.0, 0.25, 0.2, -0.3]])
PIXEL_X = np.array([56.0, 231.0, 24.0, 2.0])
PIXEL_B = np.array([1.1, 3.2, -1.2])
# The scores CS231n's figure prints; its ship score leaves out the bias -1.2 (60.75 with it).
FIGURE_SCORES = np.array([-96.8, 437.9, 61.95])


def check_shapes(W, b, x) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``W`` ``(K, D)``, ``b`` ``(K,)`` and ``x`` ``(D,)`` as float arrays, or a ValueError
    that says which of them to fix.

    >>> check_shapes([[1, 2], [3, 4]], [0, 0], [1, 1, 1])
    Traceback (most recent call last):
    ...
    ValueError: W has 2 columns, so x needs 2 numbers (one per column); it has 3.
    """
    w = as_float_array(W, "W")
    bias = as_float_array(b, "b")
    v = as_float_array(x, "x")
    if w.ndim != 2 or w.shape[0] < 2:
        raise ValueError(f"W needs at least 2 rows (one per class); it has shape {w.shape}.")
    if v.ndim != 1 or v.size != w.shape[1]:
        raise ValueError(
            f"W has {w.shape[1]} columns, so x needs {w.shape[1]} numbers (one per column); "
            f"it has {v.size}."
        )
    if bias.ndim != 1 or bias.size != w.shape[0]:
        raise ValueError(
            f"W has {w.shape[0]} rows, so b needs {w.shape[0]} numbers (one per class); "
            f"it has {bias.size}."
        )
    return w, bias, v


@dataclass(frozen=True)
class ProductCheck:
    """``s = W x + b`` computed both ways.

    ``terms`` ``(K, D)`` holds ``W[k, d] * x[d]``, so ``s_k = terms[k].sum() + b[k]``;
    ``scores`` is ``W x + b`` and ``scores_aug`` is ``[W b] [x; 1]``, both ``(K,)``;
    ``W_aug`` ``(K, D + 1)``, ``x_aug`` ``(D + 1,)``; ``difference`` is
    ``max_k |scores_k - scores_aug_k|`` and ``equal`` whether that is rounding only.
    """

    terms: np.ndarray
    scores: np.ndarray
    W_aug: np.ndarray
    x_aug: np.ndarray
    scores_aug: np.ndarray
    difference: float
    equal: bool


def product_check(W, b, x) -> ProductCheck:
    """Scores of one input as ``W x + b`` and as ``[W b] [x; 1]`` (the bias trick).

    >>> c = product_check(PIXEL_W, PIXEL_B, PIXEL_X)
    >>> [round(v, 6) for v in c.scores.tolist()], c.equal
    ([-96.8, 437.9, 60.75], True)
    """
    w, bias, v = check_shapes(W, b, x)
    scores = linear_scores(w, v, bias)
    w_aug, x_aug = bias_trick(w, bias, v)
    scores_aug = linear_scores(w_aug, x_aug)
    difference = float(np.max(np.abs(scores - scores_aug)))
    # Summed in another order, the two may differ in the last bits: a few ulps of the terms.
    scale = float(np.max(np.abs(w_aug) @ np.abs(x_aug)))
    equal = difference <= 64 * np.finfo(np.float64).eps * max(scale, 1.0)
    return ProductCheck(w * v, scores, w_aug, x_aug, scores_aug, difference, bool(equal))


# ------------------------------------------------------------------ two inputs: planes and lines
PLANE_W = np.array([[1.0, 0.2], [-0.6, 1.0], [-0.4, -1.0]])  # defaults of the 2D section
PLANE_B = np.array([0.5, 0.0, -0.5])
PLANE_LIMIT = 3.0  # the input plane shown is [-3, 3]^2


@memoize(maxsize=32)
def score_planes(W, b, grid) -> np.ndarray:
    """Each class's score over the input plane: ``s[k, i, j] = W[k, 0] grid[j] + W[k, 1] grid[i]
    + b[k]`` (rows follow x2, columns x1, as a heatmap draws them), shape ``(K, G, G)``.

    >>> score_planes(np.array([[1.0, 0.0], [0.0, 1.0]]), np.zeros(2), np.array([0.0, 1.0]))[1]
    array([[0., 0.],
           [1., 1.]])
    """
    w = as_float_array(W, "W")
    g = as_float_array(grid, "grid")
    if w.ndim != 2 or w.shape[1] != 2:
        raise ValueError(f"the plane view needs W with 2 columns, got shape {w.shape}.")
    x1, x2 = np.meshgrid(g, g)
    points = np.column_stack([x1.ravel(), x2.ravel()])
    scores = linear_scores(w, points, b)  # (G * G, K)
    return scores.T.reshape(w.shape[0], g.size, g.size)


@memoize(maxsize=32)
def regions(W, b, grid) -> np.ndarray:
    """The predicted class ``argmax_k s_k`` at every grid point, ``(G, G)`` int8 (rows x2)."""
    return np.argmax(score_planes(W, b, grid), axis=0).astype(np.int8)


def zero_line(w, b: float, limit: float = PLANE_LIMIT) -> np.ndarray | None:
    """The segment of the line ``w . x + b = 0`` inside the square ``[-limit, limit]^2``.

    Returns its two end points ``(2, 2)``, or None when ``w = 0`` (the score is the
    constant ``b``: no line) or the line misses the square.

    >>> zero_line([1.0, 0.0], -1.0).tolist()
    [[1.0, -3.0], [1.0, 3.0]]
    """
    w = as_float_array(w, "w")
    b = as_finite_number(b, "b")
    norm2 = float(w @ w)
    if norm2 == 0.0:
        return None
    start = -b * w / norm2  # the line's point nearest the origin
    direction = np.array([-w[1], w[0]]) / np.sqrt(norm2)
    low, high = -np.inf, np.inf
    for axis in range(2):  # clip t in start + t * direction to the square (Liang-Barsky)
        if direction[axis] == 0.0:
            if abs(start[axis]) > limit:
                return None
            continue
        # A direction component of ~1e-308 gives t = ±inf: the line runs along this axis's
        # slab for ever, which the min / max below read correctly; not worth a warning.
        with np.errstate(over="ignore"):
            t1 = (-limit - start[axis]) / direction[axis]
            t2 = (limit - start[axis]) / direction[axis]
        low, high = max(low, min(t1, t2)), min(high, max(t1, t2))
    if low >= high:
        return None
    ends = start + np.array([low, high])[:, None] * direction
    return ends[np.lexsort((ends[:, 1], ends[:, 0]))]


def line_offset(w, b: float) -> float | None:
    """The signed distance ``-b / |w|`` from the origin to the line ``w . x + b = 0``, measured
    along ``w`` (None when ``w = 0``). The bias sets it; the direction of ``w`` alone sets how
    the line is turned.

    >>> line_offset([3.0, 4.0], -10.0)
    2.0
    """
    w = as_float_array(w, "w")
    norm = float(np.sqrt(w @ w))
    return None if norm == 0.0 else 0.0 - as_finite_number(b, "b") / norm  # never -0.0


# ------------------------------------------------------------------ images as inputs
GLYPH_CLASSES = ("vertical", "horizontal", "diagonal", "ring")
GLYPH_SIZE = 8
GLYPHS_PER_CLASS = 40
TRAIN_RATE = 0.5  # gradient descent's learning rate on the glyphs (pixels in [0, 1])


def glyph_images(
    n_per_class: int = GLYPHS_PER_CLASS, *, seed: int = 0, noise: float = 0.3
) -> tuple[np.ndarray, np.ndarray]:
    """Seeded 8 x 8 images of four shapes, flattened: ``X`` ``(N, 64)``, ``y`` ``(N,)``.

    ``N = 4 n_per_class``; image ``i`` is of class ``i % 4`` (``GLYPH_CLASSES``): a
    vertical or horizontal bar two pixels thick near the middle, a diagonal (
    ``\\``, shifted at random), or a square ring of random size and place. Each pixel is
    then ``clip(ink + noise * N(0, 1), 0, 1)``. Row-major flattening: pixel
    ``(r, c)`` is ``x[8 r + c]``.
    """
    if isinstance(n_per_class, bool) or not isinstance(n_per_class, (int, np.integer)):
        raise ValueError(f"images per class must be a whole number, got {n_per_class!r}.")
    if n_per_class < 1:
        raise ValueError(f"need at least one image per class, got {n_per_class}.")
    noise = as_finite_number(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise must be 0 or more, got {noise:g}.")
    rng = np.random.default_rng(seed)
    n, size = 4 * int(n_per_class), GLYPH_SIZE
    y = np.arange(n) % 4
    rows, cols = np.mgrid[0:size, 0:size]
    pos = rng.integers(2, 5, n)[:, None, None]  # a bar covers pos and pos + 1: 2..5
    shift = rng.integers(-1, 2, n)[:, None, None]  # the diagonal's shift
    low = rng.integers(1, 3, n)[:, None, None]  # the ring's corners: low..high, 4 to 6 wide
    high = np.minimum(low + rng.integers(3, 6, n)[:, None, None], size - 1)
    vertical = (cols == pos) | (cols == pos + 1)
    horizontal = (rows == pos) | (rows == pos + 1)
    diagonal = rows - cols == shift
    inside = (rows >= low) & (rows <= high) & (cols >= low) & (cols <= high)
    border = (rows == low) | (rows == high) | (cols == low) | (cols == high)
    ring = inside & border
    ink = np.choose(y[:, None, None], [vertical, horizontal, diagonal, ring]).astype(np.float64)
    images = np.clip(ink + noise * rng.standard_normal(ink.shape), 0.0, 1.0)
    return images.reshape(n, size * size), y


@dataclass(frozen=True)
class TemplateRun:
    """A linear classifier trained on the glyphs.

    ``X`` ``(N, 64)``, ``y`` ``(N,)``; ``W`` ``(4, 64)`` (row ``k`` reshaped to 8 x 8
    is class ``k``'s template), ``b`` ``(4,)``; ``history`` ``(steps + 1,)`` the loss
    before each step and after the last; ``predicted`` ``(N,)``; ``accuracy`` the
    share of training images classified right.
    """

    X: np.ndarray
    y: np.ndarray
    W: np.ndarray
    b: np.ndarray
    history: np.ndarray
    predicted: np.ndarray
    accuracy: float

    def templates(self) -> np.ndarray:
        """Each class's row of ``W`` as an image, ``(4, 8, 8)``."""
        return self.W.reshape(-1, GLYPH_SIZE, GLYPH_SIZE)


@memoize(maxsize=16)
def train_templates(*, noise: float, seed: int, steps: int, lam: float) -> TemplateRun:
    """Train ``s = W x + b`` on ``glyph_images(seed=seed, noise=noise)`` from ``W = 0``.

    Full-batch gradient descent (``core.training.gradient_descent``) on the mean
    softmax cross-entropy plus ``lam * sum W^2``, ``steps`` steps at learning rate
    ``TRAIN_RATE``. Cached by its arguments.
    """
    X, y = glyph_images(seed=seed, noise=noise)
    W0 = np.zeros((len(GLYPH_CLASSES), X.shape[1]))
    b0 = np.zeros(len(GLYPH_CLASSES))
    W, b, history = gradient_descent(
        W0, b0, X, y, steps=steps, learning_rate=TRAIN_RATE, loss="ce", regularizer="l2", lam=lam
    )
    predicted = predict(W, X, b)
    return TemplateRun(X, y, W, b, history, predicted, float(np.mean(predicted == y)))
