"""Seeded toy datasets for the pages: one signature, ``name(n_samples, *, seed, noise)``.

Every dataset returns ``X`` ``(n_samples, 2)`` float64 and ``y`` ``(n_samples,)``
int labels, and the same ``seed`` gives the same data, so a shared link
reproduces the same points. ``DATASETS`` maps each one's id to it. Some take
extra keywords with defaults (``blobs``, ``circles`` and ``spiral`` take
``classes``, 2 to 5), so the one signature still calls every one.

A student's own points come in as a CSV file (``points_from_csv``, checked row
by row with messages that name the row and column) and go out as one
(``points_to_csv``, exact floats, so a round trip gives the same points).
"""

from __future__ import annotations

import csv
import io

import numpy as np

from core._checks import as_finite_number


def blobs(
    n_samples: int = 90, *, seed: int = 0, noise: float = 0.8, classes: int = 3
) -> tuple[np.ndarray, np.ndarray]:
    """``classes`` Gaussian blobs in 2D: ``X`` ``(n_samples, 2)``, ``y`` in ``[0, K)``.

    ``K = classes`` (2 to 5, default 3) centres evenly spaced on the circle of
    radius 2, class ``k`` at angle ``90° + 360° k / K`` (for ``K = 3``: 90°,
    210° and 330°); point ``i`` has class ``i % K`` and lies at its class's
    centre plus isotropic noise of standard deviation ``noise``. The same
    ``seed`` gives the same data, so a shared link does too.

    >>> X, y = blobs(4, noise=0.0, classes=4)
    >>> (np.round(X, 6) + 0.0).tolist(), y.tolist()
    ([[0.0, 2.0], [-2.0, 0.0], [0.0, -2.0], [2.0, 0.0]], [0, 1, 2, 3])
    """
    y = _labels(n_samples, classes)
    rng = np.random.default_rng(seed)
    angles = np.deg2rad(90.0 + 360.0 * np.arange(classes) / classes)
    centres = 2.0 * np.column_stack([np.cos(angles), np.sin(angles)])
    X = centres[y] + as_finite_number(noise, "noise") * rng.standard_normal((y.size, 2))
    return X, y


def moons(
    n_samples: int = 200, *, seed: int = 0, noise: float = 0.3
) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles in 2D: ``X`` ``(n_samples, 2)``, ``y`` in {0, 1}.

    Class 0 lies on the upper unit half circle, class 1 on a lower one shifted
    by (1, 0.5), as scikit-learn's ``make_moons``; each point gets isotropic
    noise of standard deviation ``noise``; point ``i`` has class ``i % 2``. No
    line separates them, and with noise a flexible model can overfit them.
    """
    if n_samples < 2:
        raise ValueError(f"need at least 2 points (one per class), got {n_samples}.")
    rng = np.random.default_rng(seed)
    y = np.arange(n_samples) % 2
    t = rng.uniform(0.0, np.pi, n_samples)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    X = np.where(y[:, None] == 0, upper, lower)
    return X + as_finite_number(noise, "noise") * rng.standard_normal((n_samples, 2)), y


CIRCLES_INNER = 0.5  # the inner circle's radius for two classes (the outer one's is 1)
XOR_GAP = 0.2  # noiseless XOR points keep this distance from both axes
SPIRAL_TURNS = 1.75  # turns of each arm of the spiral
MIN_CLASSES, MAX_CLASSES = 2, 5  # the range of ``classes`` a dataset takes


def _labels(n_samples, classes: int = 2) -> np.ndarray:
    """Labels ``i % classes`` for ``n_samples`` points, after checking both numbers."""
    if (
        isinstance(classes, bool)
        or not isinstance(classes, (int, np.integer))
        or not MIN_CLASSES <= classes <= MAX_CLASSES
    ):
        raise ValueError(
            f"the number of classes must be a whole number from {MIN_CLASSES} to "
            f"{MAX_CLASSES}, got {classes!r}."
        )
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)):
        raise ValueError(f"the number of points must be a whole number, got {n_samples!r}.")
    if n_samples < classes:
        raise ValueError(f"need at least {classes} points (one per class), got {n_samples}.")
    return np.arange(int(n_samples)) % int(classes)


def _noise(noise) -> float:
    """The noise level as a float, 0 or more."""
    value = as_finite_number(noise, "noise")
    if value < 0:
        raise ValueError(f"noise is a standard deviation: it must be 0 or more, got {value}.")
    return value


def circles(
    n_samples: int = 200, *, seed: int = 0, noise: float = 0.05, classes: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """``classes`` concentric circles in 2D: ``X`` ``(n_samples, 2)``, ``y`` in ``[0, K)``.

    ``K = classes`` (2 to 5, default 2) rings, class ``k`` on the circle of
    radius ``(K - k) / K``: from 1 down to ``1 / K`` in even steps. For
    ``K = 2`` that is radius 1 and ``CIRCLES_INNER`` = 0.5 inside it
    (scikit-learn's ``make_circles`` with ``factor=0.5``). Points lie at
    seeded uniform angles; point ``i`` has class ``i % K`` and gets isotropic
    noise of standard deviation ``noise``. No line separates the rings; the
    feature ``x1^2 + x2^2`` (the squared radius) does.

    >>> X, y = circles(4, noise=0.0)
    >>> np.round(np.hypot(X[:, 0], X[:, 1]), 6).tolist(), y.tolist()
    ([1.0, 0.5, 1.0, 0.5], [0, 1, 0, 1])
    >>> X, y = circles(4, noise=0.0, classes=4)
    >>> np.round(np.hypot(X[:, 0], X[:, 1]), 6).tolist(), y.tolist()
    ([1.0, 0.75, 0.5, 0.25], [0, 1, 2, 3])
    """
    y = _labels(n_samples, classes)
    sigma = _noise(noise)
    rng = np.random.default_rng(seed)
    angle = rng.uniform(0.0, 2.0 * np.pi, y.size)
    radius = (classes - y) / classes
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + sigma * rng.standard_normal((y.size, 2)), y


def xor(
    n_samples: int = 200, *, seed: int = 0, noise: float = 0.05
) -> tuple[np.ndarray, np.ndarray]:
    """The XOR pattern in 2D: ``X`` ``(n_samples, 2)``, ``y`` in {0, 1}.

    Point ``i`` lies in quadrant ``i % 4`` (counter-clockwise from (+, +)), each
    coordinate's size uniform in ``[XOR_GAP, 1]``, so class ``i % 2`` is 0 where
    ``x1`` and ``x2`` have the same sign and 1 where they differ: the exclusive
    or of ``x1 < 0`` and ``x2 < 0``. The labels are those of the noiseless
    points; then each point gets isotropic noise of standard deviation
    ``noise``. No line separates the classes; the feature ``x1 x2`` (its sign)
    does.

    >>> X, y = xor(4, noise=0.0)
    >>> np.sign(X).astype(int).tolist(), y.tolist()
    ([[1, 1], [-1, 1], [-1, -1], [1, -1]], [0, 1, 0, 1])
    """
    y = _labels(n_samples)
    sigma = _noise(noise)
    rng = np.random.default_rng(seed)
    signs = np.array([[1.0, 1.0], [-1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]])
    X = signs[np.arange(y.size) % 4] * rng.uniform(XOR_GAP, 1.0, (y.size, 2))
    return X + sigma * rng.standard_normal((y.size, 2)), y


def spiral(
    n_samples: int = 200, *, seed: int = 0, noise: float = 0.05, classes: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """``classes`` interleaved spiral arms in 2D: ``X`` ``(n_samples, 2)``, ``y`` in ``[0, K)``.

    ``K = classes`` (2 to 5, default 2) arms. Point ``i`` has class
    ``y = i % K`` and a seeded position ``t`` uniform in ``[0, 1]`` along its
    arm: radius ``t``, angle ``2 pi SPIRAL_TURNS t + 2 pi y / K`` (each arm is
    the one before turned by ``1/K`` of a turn; for ``K = 2`` the second is
    the first turned by half a turn, ``pi y``, as TensorFlow Playground's
    spiral); then isotropic noise of standard deviation ``noise``. No line and
    no single hand-picked feature separates the arms: a network's hidden layer
    has to learn its features.

    >>> X, y = spiral(6)
    >>> X.shape, y.tolist()
    ((6, 2), [0, 1, 0, 1, 0, 1])
    >>> spiral(6, classes=3)[1].tolist()
    [0, 1, 2, 0, 1, 2]
    """
    y = _labels(n_samples, classes)
    sigma = _noise(noise)
    rng = np.random.default_rng(seed)
    t = rng.uniform(0.0, 1.0, y.size)
    angle = 2.0 * np.pi * SPIRAL_TURNS * t + 2.0 * np.pi * y / classes
    X = t[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + sigma * rng.standard_normal((y.size, 2)), y


def split(X, y, *, held_out: float, seed: int = 0) -> tuple[np.ndarray, ...]:
    """A seeded shuffle into training and held-out parts: ``X_train, y_train, X_held, y_held``.

    ``held_out`` is the fraction held out, in (0, 1); each part keeps at least
    one point.

    >>> parts = split(np.arange(20.0).reshape(10, 2), np.arange(10) % 2, held_out=0.3)
    >>> [p.shape[0] for p in parts]
    [7, 7, 3, 3]
    """
    fraction = as_finite_number(held_out, "held-out fraction")
    if not 0.0 < fraction < 1.0:
        raise ValueError(
            f"the held-out fraction must lie strictly between 0 and 1, got {fraction}."
        )
    n = len(y)
    n_held = min(max(1, round(fraction * n)), n - 1)
    order = np.random.default_rng(seed).permutation(n)
    train, held = order[n_held:], order[:n_held]
    return X[train], y[train], X[held], y[held]


# ------------------------------------------------------------------ a student's own points
MAX_CSV_ROWS = 1000  # data rows (points) a CSV file may hold
MAX_CSV_BYTES = 200_000  # size of a CSV file, in bytes
MAX_CSV_ABS = 1e6  # |x1| and |x2| at most this
MAX_CSV_LABEL = MAX_CLASSES - 1  # labels are 0 to this: up to MAX_CLASSES classes
MIN_CSV_POINTS = 4  # points a CSV file must hold at least
CSV_COLUMNS = ("x1", "x2", "label")  # the columns, in order, and the optional header
_DELIMITERS = ("\t", ";", ",")  # tried in this order: "1,5;2,5;0" splits on ";"
_ECHO = 20  # characters of a bad entry quoted back in a message


def _echo(token: str) -> str:
    """A bad entry quoted for a message: at most ``_ECHO`` characters, then an ellipsis."""
    return repr(token if len(token) <= _ECHO else token[:_ECHO] + "…")


def _where(row: int, column: int) -> str:
    """``row 3, column 2 (x2)``: the place of an entry, as a spreadsheet counts."""
    return f"row {row}, column {column + 1} ({CSV_COLUMNS[column]})"


def _csv_text(data) -> str:
    """The file's text, after checking its size and that it is UTF-8 text."""
    not_text = ValueError(
        "the file is not UTF-8 text (an image or a spreadsheet?): save your points as "
        "CSV, comma-separated values in columns x1, x2, label, and upload that."
    )
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate
            raise not_text from None
    elif not isinstance(data, (bytes, bytearray, memoryview)):
        raise ValueError(
            f"expected the CSV file's contents as bytes or text, got {type(data).__name__}."
        )
    raw = bytes(data)
    if len(raw) > MAX_CSV_BYTES:
        raise ValueError(
            f"the file is {len(raw):,} bytes; the limit is {MAX_CSV_BYTES:,} bytes: "
            f"upload a smaller file (at most {MAX_CSV_ROWS} rows of x1, x2, label)."
        )
    try:
        text = raw.decode("utf-8-sig")  # -sig: drop the mark Excel puts at the start
    except UnicodeDecodeError:
        raise not_text from None
    if "\0" in text:
        raise not_text
    return text


def _delimiter(text: str) -> str:
    """The first of tab, semicolon and comma that splits the first non-blank line in three."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    for delimiter in _DELIMITERS:
        try:
            if len(next(csv.reader([first], delimiter=delimiter), [])) == len(CSV_COLUMNS):
                return delimiter
        except csv.Error:  # an entry too long for the csv module: reported by the caller
            break
    return ","


def points_from_csv(data, *, max_rows: int = MAX_CSV_ROWS) -> tuple[np.ndarray, np.ndarray]:
    """A student's points from a CSV file: ``X`` ``(n, 2)`` float64 and ``y`` ``(n,)`` int.

    ``data`` is the file's bytes (UTF-8) or its text: three columns ``x1, x2,
    label``, separated by commas (or semicolons, or tabs), one point a row;
    an optional first row names the columns exactly ``x1, x2, label`` (any
    case, spaces ignored); blank lines are skipped. Each ``x`` must be a finite
    number with ``|x| <= MAX_CSV_ABS`` (1e6); each label a whole number from 0
    to ``MAX_CSV_LABEL`` (4). Labels need not be contiguous: the number of
    classes is ``K = y.max() + 1``, so labels 0 and 2 give three classes, one
    of them empty. The file needs at least ``MIN_CSV_POINTS`` (4) points, at
    least two distinct labels, at most ``max_rows`` data rows and at most
    ``MAX_CSV_BYTES`` bytes. Entries are read with ``float()``, never
    evaluated: a formula or code in a cell is just a bad entry.

    Anything else raises ``ValueError`` naming the row (counted from 1 as a
    spreadsheet does, header and blank lines included) and the column.

    >>> X, y = points_from_csv("x1,x2,label\\n0,0,0\\n1,0,1\\n0,1,1\\n1,1,2\\n")
    >>> X.shape, y.tolist()
    ((4, 2), [0, 1, 1, 2])
    """
    if isinstance(max_rows, bool) or not isinstance(max_rows, (int, np.integer)) or max_rows < 1:
        raise ValueError(f"max_rows must be a whole number of 1 or more, got {max_rows!r}.")
    text = _csv_text(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[tuple[int, list[str]]] = []  # (spreadsheet row, entries) of non-blank rows
    try:
        for entries in reader:
            if any(entry.strip() for entry in entries):
                rows.append((reader.line_num, entries))
    except csv.Error as exc:
        raise ValueError(
            f'row {reader.line_num} could not be read as CSV ({exc}): check for a quote (") '
            "left open on or above that row, or an entry far too long to be a number."
        ) from None
    if not rows:
        raise ValueError(
            "the file is empty: it needs one point a row, as x1, x2, label (e.g. 0.5,-1.2,0)."
        )
    has_header = ["".join(entry.split()).lower() for entry in rows[0][1]] == list(CSV_COLUMNS)
    if has_header:
        rows = rows[1:]
        if not rows:
            raise ValueError(
                "the file has a header but no data rows: add one point a row below it, "
                "as x1, x2, label (e.g. 0.5,-1.2,0)."
            )
    if len(rows) > max_rows:
        raise ValueError(
            f"the file has {len(rows)} data rows; the playground takes at most "
            f"{max_rows} rows: delete some and upload it again."
        )
    values = np.empty((len(rows), len(CSV_COLUMNS)))
    for i, (row, entries) in enumerate(rows):
        if len(entries) != len(CSV_COLUMNS):
            raise ValueError(
                f"row {row} has {len(entries)} column{'s' * (len(entries) != 1)}; every "
                "row needs exactly 3: x1, x2, label, separated by commas."
            )
        for column, entry in enumerate(entries):
            try:
                values[i, column] = float(entry)
            except ValueError:
                raise ValueError(
                    _not_a_number(row, column, entry, first=i == 0 and not has_header)
                ) from None
    bad = ~np.isfinite(values)
    if bad.any():
        i, column = np.argwhere(bad)[0]
        raise ValueError(
            f"{_where(rows[i][0], column)}: {_echo(rows[i][1][column].strip())} is not a "
            "finite number (NaN, infinity and numbers too big for a float are refused)."
        )
    bad = np.abs(values[:, :2]) > MAX_CSV_ABS
    if bad.any():
        i, column = np.argwhere(bad)[0]
        raise ValueError(
            f"{_where(rows[i][0], column)}: {_echo(rows[i][1][column].strip())} is outside "
            f"the range -{MAX_CSV_ABS:,.0f} to {MAX_CSV_ABS:,.0f}: rescale your data."
        )
    labels = values[:, 2]
    for bad, problem in (
        (labels != np.round(labels), "is not a whole number"),
        ((labels < 0) | (labels > MAX_CSV_LABEL), f"is outside 0 to {MAX_CSV_LABEL}"),
    ):
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(
                f"{_where(rows[i][0], 2)}: {_echo(rows[i][1][2].strip())} {problem}: labels "
                f"are the whole numbers 0 to {MAX_CSV_LABEL} (up to {MAX_CLASSES} classes)."
            )
    if len(rows) < MIN_CSV_POINTS:
        raise ValueError(
            f"the file has {len(rows)} data row{'s' * (len(rows) != 1)}; the playground "
            f"needs at least {MIN_CSV_POINTS} points: add more rows."
        )
    y = labels.astype(np.int64)
    if np.all(y == y[0]):
        raise ValueError(
            f"every point has label {y[0]}: the playground needs at least two classes, "
            f"so give some points another label (0 to {MAX_CSV_LABEL})."
        )
    return values[:, :2].copy(), y


def _not_a_number(row: int, column: int, entry: str, *, first: bool) -> str:
    """The message for an entry ``float()`` refuses; on a first row, the header's rule too."""
    token = entry.strip()
    if not token:
        return f"{_where(row, column)} is empty: every row needs x1, x2 and label."
    message = f"{_where(row, column)}: {_echo(token)} is not a number"
    if "," in token:
        return message + "; write decimals with a point (1.5, not 1,5)."
    if first:
        return message + "; a header row, if any, must read exactly x1, x2, label."
    if column == 2:
        return message + f"; labels are the class numbers 0 to {MAX_CSV_LABEL}."
    return message + "; write x1 and x2 as plain numbers such as -0.25 or 1.5e-3."


def points_to_csv(X, y) -> str:
    """Points as CSV text that ``points_from_csv`` reads back exactly: header ``x1,x2,label``.

    ``X`` ``(n, 2)`` finite numbers, ``y`` ``(n,)`` whole-number labels; one row
    a point, each coordinate written with ``repr`` (the shortest text that
    ``float()`` turns back into the same float64), rows ending in ``\\n``.

    >>> print(points_to_csv(np.array([[0.1, -2.0], [1e-20, 3.0]]), np.array([0, 1])), end="")
    x1,x2,label
    0.1,-2.0,0
    1e-20,3.0,1
    """
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2 or y.shape != X.shape[:1]:
        raise ValueError(
            f"need points X of shape (n, 2) and labels y of shape (n,), "
            f"got {X.shape} and {y.shape}."
        )
    if X.dtype.kind not in "iuf" or not np.all(np.isfinite(X)):
        raise ValueError("every coordinate must be a finite number.")
    if y.dtype.kind not in "iu":
        raise ValueError(f"labels must be whole numbers, got values of type {y.dtype}.")
    rows = zip(X.astype(np.float64).tolist(), y.tolist(), strict=True)
    lines = [",".join(CSV_COLUMNS)] + [f"{a!r},{b!r},{label}" for (a, b), label in rows]
    return "\n".join(lines) + "\n"


DATASETS = {
    "blobs": blobs,
    "moons": moons,
    "circles": circles,
    "xor": xor,
    "spiral": spiral,
}  # id -> dataset, each called as ``DATASETS[id](n_samples, seed=..., noise=...)``
