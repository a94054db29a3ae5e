"""core.datasets: seeded toy data, the same seed gives the same points."""

from __future__ import annotations

import builtins

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from core.datasets import (
    CIRCLES_INNER,
    DATASETS,
    MAX_CSV_BYTES,
    MAX_CSV_ROWS,
    SPIRAL_TURNS,
    XOR_GAP,
    blobs,
    circles,
    points_from_csv,
    points_to_csv,
    spiral,
    xor,
)


def test_blobs_are_seeded() -> None:
    X, y = blobs(30, seed=3)
    X2, y2 = blobs(30, seed=3)
    X3, _ = blobs(30, seed=4)
    assert X.shape == (30, 2) and y.shape == (30,)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.allclose(X, X3)
    assert set(y.tolist()) == {0, 1, 2}
    with pytest.raises(ValueError, match="at least 3"):
        blobs(2, seed=0)


# ------------------------------------------------------------------ circles, xor, spiral
TWO_CLASS = ["circles", "xor", "spiral"]


@pytest.mark.parametrize("name", sorted(DATASETS), ids=sorted(DATASETS))
def test_every_dataset_takes_one_signature_and_a_seed(name: str) -> None:
    make = DATASETS[name]
    X, y = make(40, seed=5, noise=0.1)
    X2, y2 = make(40, seed=5, noise=0.1)
    X3, _ = make(40, seed=6, noise=0.1)
    assert X.shape == (40, 2) and X.dtype == np.float64 and y.shape == (40,)
    assert y.dtype.kind == "i"
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.allclose(X, X3)


@pytest.mark.parametrize("name", TWO_CLASS)
def test_two_class_datasets_alternate_labels(name: str) -> None:
    _, y = DATASETS[name](7, seed=0, noise=0.0)
    assert y.tolist() == [0, 1, 0, 1, 0, 1, 0]


@pytest.mark.parametrize("name", TWO_CLASS)
def test_noise_moves_the_same_points_by_gaussian_offsets(name: str) -> None:
    """One seed: the noiseless points plus noise times the same offsets, so the noise
    slider moves points smoothly instead of drawing new ones."""
    make = DATASETS[name]
    clean, _ = make(50, seed=2, noise=0.0)
    a, _ = make(50, seed=2, noise=0.1)
    b, _ = make(50, seed=2, noise=0.2)
    np.testing.assert_allclose(b - clean, 2.0 * (a - clean))
    assert 0.05 < np.std(a - clean) < 0.15


def test_circles_lie_on_radius_1_and_the_inner_radius() -> None:
    X, y = circles(300, seed=4, noise=0.0)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], CIRCLES_INNER)
    angles = np.arctan2(X[:, 1], X[:, 0])
    assert np.ptp(angles) > 5.5  # all the way round


def test_xor_class_is_the_sign_of_the_product_and_keeps_off_the_axes() -> None:
    X, y = xor(400, seed=1, noise=0.0)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))
    assert np.abs(X).min() >= XOR_GAP and np.abs(X).max() <= 1.0
    quadrants = {(bool(a > 0), bool(b > 0)) for a, b in X}
    assert len(quadrants) == 4


def test_spiral_arms_are_half_a_turn_apart() -> None:
    X, y = spiral(400, seed=3, noise=0.0)
    radius = np.hypot(X[:, 0], X[:, 1])
    assert radius.max() <= 1.0
    # radius t, angle 2π·turns·t + π·y: turning a class-1 point back by half a turn puts
    # it on the class-0 arm (angle 2π·turns·radius).
    angle = np.arctan2(X[:, 1], X[:, 0]) - np.pi * y
    arm = 2.0 * np.pi * SPIRAL_TURNS * radius
    np.testing.assert_allclose(np.cos(angle - arm), 1.0, atol=1e-9)


@pytest.mark.parametrize("name", TWO_CLASS)
@pytest.mark.parametrize(
    ("n_samples", "noise", "message"),
    [
        (1, 0.1, "at least 2 points"),
        (2.5, 0.1, "whole number"),
        (True, 0.1, "whole number"),
        (10, -0.1, "0 or more"),
        (10, float("nan"), "finite"),
        (10, "x", "must be a number"),
    ],
    ids=["one point", "fraction", "bool", "negative noise", "nan noise", "text noise"],
)
def test_bad_arguments_raise_a_sentence(name, n_samples, noise, message) -> None:
    with pytest.raises(ValueError, match=message):
        DATASETS[name](n_samples, seed=0, noise=noise)


# ------------------------------------------------------------------ classes: 2 to 5
# The formulas as they were before ``classes`` existed, frozen here: the defaults must keep
# giving these arrays bit for bit, so every shared link still shows the same points.
def _blobs_before(n_samples, *, seed, noise):
    rng = np.random.default_rng(seed)
    angles = np.deg2rad([90.0, 210.0, 330.0])
    centres = 2.0 * np.column_stack([np.cos(angles), np.sin(angles)])
    y = np.arange(n_samples) % 3
    return centres[y] + noise * rng.standard_normal((n_samples, 2)), y


def _circles_before(n_samples, *, seed, noise):
    y = np.arange(n_samples) % 2
    rng = np.random.default_rng(seed)
    angle = rng.uniform(0.0, 2.0 * np.pi, y.size)
    radius = np.where(y == 0, 1.0, 0.5)
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + noise * rng.standard_normal((y.size, 2)), y


def _spiral_before(n_samples, *, seed, noise):
    y = np.arange(n_samples) % 2
    rng = np.random.default_rng(seed)
    t = rng.uniform(0.0, 1.0, y.size)
    angle = 2.0 * np.pi * 1.75 * t + np.pi * y
    X = t[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + noise * rng.standard_normal((y.size, 2)), y


BEFORE = {"blobs": _blobs_before, "circles": _circles_before, "spiral": _spiral_before}
DEFAULT_CLASSES = {"blobs": 3, "circles": 2, "spiral": 2}


@pytest.mark.parametrize("name", sorted(BEFORE))
@pytest.mark.parametrize("seed", [0, 1, 7, 2024, 2**40 + 3])
@pytest.mark.parametrize(("n_samples", "noise"), [(3, 0.0), (7, 0.05), (90, 0.8), (200, 0.3)])
def test_defaults_give_the_same_arrays_bit_for_bit(name, seed, n_samples, noise) -> None:
    want_X, want_y = BEFORE[name](n_samples, seed=seed, noise=noise)
    for X, y in (
        DATASETS[name](n_samples, seed=seed, noise=noise),
        DATASETS[name](n_samples, seed=seed, noise=noise, classes=DEFAULT_CLASSES[name]),
    ):
        assert X.tobytes() == want_X.tobytes()  # bit for bit, the sign of zero included
        assert X.dtype == np.float64
        np.testing.assert_array_equal(y, want_y)
        assert y.dtype == want_y.dtype


# Computed with the code before ``classes`` existed (repr of X[:3].ravel(), seed 7, noise 0.1).
FROZEN = {
    "blobs": (
        [0.0001230153357483799, 2.029874553750847, -1.759464593105099]
        + [-1.0890591838757278, 1.6865837290517045, -1.099164655499647],
        [0, 1, 2, 0, 1, 2],
    ),
    "circles": (
        [-0.700668146794245, -0.5735092763457433, 0.3500811809037479]
        + [-0.362976129953996, 0.20967248137828723, -0.9513165057764045],
        [0, 1, 0, 1, 0, 1],
    ),
    "spiral": (
        [0.525397411250595, 0.48185135178874455, 0.762304422372641]
        + [0.3206007277714395, -0.4358172102528669, 0.6412098629581915],
        [0, 1, 0, 1, 0, 1],
    ),
}


@pytest.mark.parametrize("name", sorted(FROZEN))
def test_defaults_match_values_recorded_before_the_change(name: str) -> None:
    X, y = DATASETS[name](6, seed=7, noise=0.1)
    assert X[:3].ravel().tolist() == FROZEN[name][0]
    assert y.tolist() == FROZEN[name][1]


MULTI = ["blobs", "circles", "spiral"]


@pytest.mark.parametrize("name", MULTI)
@pytest.mark.parametrize("classes", [2, 3, 4, 5])
@pytest.mark.parametrize("n_samples", [5, 23, 200])
def test_k_classes_with_counts_within_one(name, classes, n_samples) -> None:
    X, y = DATASETS[name](n_samples, seed=3, noise=0.1, classes=classes)
    assert X.shape == (n_samples, 2) and y.shape == (n_samples,) and y.dtype.kind == "i"
    np.testing.assert_array_equal(y, np.arange(n_samples) % classes)
    counts = np.bincount(y, minlength=classes)
    assert counts.size == classes and counts.min() >= 1
    assert counts.max() - counts.min() <= 1


@pytest.mark.parametrize("name", MULTI)
@pytest.mark.parametrize("classes", [2, 4, 5])
def test_k_classes_are_seeded(name, classes) -> None:
    X, y = DATASETS[name](60, seed=11, noise=0.2, classes=classes)
    X2, y2 = DATASETS[name](60, seed=11, noise=0.2, classes=classes)
    X3, _ = DATASETS[name](60, seed=12, noise=0.2, classes=classes)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.allclose(X, X3)


@pytest.mark.parametrize("classes", [2, 3, 4, 5])
def test_blob_centres_are_evenly_spaced_on_radius_2(classes: int) -> None:
    X, y = blobs(3 * classes, seed=0, noise=0.0, classes=classes)
    angle = np.deg2rad(90.0 + 360.0 * y / classes)
    np.testing.assert_allclose(X, 2.0 * np.column_stack([np.cos(angle), np.sin(angle)]))
    if classes == 4:  # by hand: up, left, down, right
        np.testing.assert_allclose(X[:4], [[0, 2], [-2, 0], [0, -2], [2, 0]], atol=1e-12)


@pytest.mark.parametrize("classes", [2, 3, 4, 5])
def test_circle_radii_step_evenly_from_1_to_1_over_k(classes: int) -> None:
    X, y = circles(50 * classes, seed=1, noise=0.0, classes=classes)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius, (classes - y) / classes)
    assert radius.max() == pytest.approx(1.0) and radius.min() == pytest.approx(1 / classes)
    if classes == 2:
        np.testing.assert_allclose(radius[y == 1], CIRCLES_INNER)


@pytest.mark.parametrize("classes", [2, 3, 4, 5])
def test_spiral_arms_are_a_kth_of_a_turn_apart(classes: int) -> None:
    X, y = spiral(300, seed=5, noise=0.0, classes=classes)
    radius = np.hypot(X[:, 0], X[:, 1])
    angle = np.arctan2(X[:, 1], X[:, 0]) - 2.0 * np.pi * y / classes
    np.testing.assert_allclose(np.cos(angle - 2.0 * np.pi * SPIRAL_TURNS * radius), 1.0, atol=1e-9)


@pytest.mark.parametrize("name", MULTI)
@pytest.mark.parametrize(
    "classes", [1, 6, 0, -2, 3.0, True, "3", None], ids=lambda c: f"classes={c!r}"
)
def test_classes_outside_2_to_5_raise_a_sentence(name, classes) -> None:
    with pytest.raises(ValueError, match="number of classes must be a whole number from 2 to 5"):
        DATASETS[name](20, seed=0, noise=0.1, classes=classes)


@pytest.mark.parametrize("name", MULTI)
def test_fewer_points_than_classes_raise(name: str) -> None:
    DATASETS[name](4, seed=0, noise=0.1, classes=4)  # one point a class is enough
    with pytest.raises(ValueError, match=r"need at least 4 points \(one per class\), got 3"):
        DATASETS[name](3, seed=0, noise=0.1, classes=4)


def test_xor_stays_two_classes_and_takes_no_classes_keyword() -> None:
    with pytest.raises(TypeError):
        xor(20, seed=0, noise=0.1, classes=3)  # type: ignore[call-arg]
    assert sorted(DATASETS) == ["blobs", "circles", "moons", "spiral", "xor"]


# ------------------------------------------------------------------ CSV in and out
GOOD = "x1,x2,label\n0.5,-1.25,0\n2,3e-2,1\n-4,0,2\n1e3,-1e6,1\n"
GOOD_X = [[0.5, -1.25], [2.0, 0.03], [-4.0, 0.0], [1000.0, -1e6]]
GOOD_Y = [0, 1, 2, 1]


@pytest.mark.parametrize(
    "data",
    [
        GOOD,
        GOOD.encode(),
        GOOD.replace("\n", "\r\n"),
        "\ufeff" + GOOD,
        b"\xef\xbb\xbf" + GOOD.encode(),  # Excel's UTF-8 mark
        GOOD.replace("x1,x2,label", " X1 , x2,LABEL "),
        GOOD.replace("x1,x2,label\n", ""),  # no header
        GOOD.replace(",", ";"),
        GOOD.replace(",", "\t"),
        GOOD.replace("\n", "\n\n  \n"),  # blank lines
        GOOD.replace("0.5,-1.25,0", '"0.5", -1.25 ,0 '),  # quotes and spaces
        GOOD.replace(",0\n", ",0.0\n", 1),  # a label written 0.0 is whole
    ],
    ids=[
        "text",
        "bytes",
        "crlf",
        "bom-text",
        "bom-bytes",
        "header-case-spaces",
        "no-header",
        "semicolons",
        "tabs",
        "blank-lines",
        "quotes-spaces",
        "label-0.0",
    ],
)
def test_csv_reads_points_and_labels(data) -> None:
    X, y = points_from_csv(data)
    assert X.dtype == np.float64 and X.shape == (4, 2) and X.flags.c_contiguous
    assert y.dtype.kind == "i" and y.shape == (4,)
    assert X.tolist() == GOOD_X and y.tolist() == GOOD_Y


def test_csv_labels_need_not_be_contiguous() -> None:
    X, y = points_from_csv("0,0,0\n1,1,2\n2,2,0\n3,3,2\n")
    assert y.tolist() == [0, 2, 0, 2] and y.max() + 1 == 3


def test_csv_decimal_commas_with_semicolons_point_to_the_decimal_mark() -> None:
    with pytest.raises(ValueError, match=r"row 1, column 1 \(x1\): '1,5' .*with a point"):
        points_from_csv("1,5;2,5;0\n1;2;1\n")


def _rows(n: int) -> str:
    return "".join(f"{i},{-i},{i % 2}\n" for i in range(n))


ERRORS = [
    # (id, data, fragments the message must contain)
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["not UTF-8 text", "CSV"]),
    ("zip-xlsx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\xa4\xd2", ["not UTF-8 text"]),
    ("nul", "0,0,0\n1\x00,1,1\n", ["not UTF-8 text"]),
    ("lone-surrogate", "0,0,0\n1,1,\ud800\n", ["not UTF-8 text"]),
    ("empty", b"", ["file is empty"]),
    ("only-blank", "\n  \n,,\n", ["file is empty"]),
    ("header-only", "x1,x2,label\n\n", ["header but no data rows"]),
    ("two-columns", "x1,x2,label\n0,0,0\n1,1\n", ["row 3 has 2 columns", "exactly 3"]),
    ("four-columns", "0,0,0,9\n", ["row 1 has 4 columns"]),
    ("one-column", "0 0 0\n", ["row 1 has 1 column;"]),
    ("word", "x1,x2,label\n0,0,0\n\n1,abc,1\n", ["row 4, column 2 (x2)", "'abc'", "not a number"]),
    ("bad-header", "x,y,class\n0,0,0\n", ["row 1, column 1 (x1)", "'x'", "x1, x2, label"]),
    ("empty-cell", "0,0,0\n1,,1\n", ["row 2, column 2 (x2) is empty"]),
    ("label-word", "0,0,0\n1,1,cat\n", ["row 2, column 3 (label)", "'cat'", "0 to 4"]),
    ("nan", "0,0,0\nNaN,1,1\n", ["row 2, column 1 (x1)", "'NaN'", "not a finite number"]),
    ("inf", "0,0,0\n1,-inf,1\n", ["row 2, column 2 (x2)", "'-inf'", "not a finite number"]),
    ("overflow", "0,0,0\n1e400,1,1\n", ["row 2, column 1 (x1)", "'1e400'", "not a finite"]),
    ("nan-label", "0,0,0\n1,1,nan\n", ["row 2, column 3 (label)", "not a finite number"]),
    (
        "too-big",
        "0,0,0\n1,1,1\n5,-1000000.5,0\n",
        ["row 3, column 2 (x2)", "'-1000000.5'", "-1,000,000 to 1,000,000"],
    ),
    (
        "fraction-label",
        "0,0,0\n1,1,1.5\n",
        ["row 2, column 3 (label)", "'1.5'", "not a whole number", "0 to 4", "5 classes"],
    ),
    (
        "label-5",
        "0,0,0\n1,1,1\n2,2,5\n",
        ["row 3, column 3 (label)", "'5'", "outside 0 to 4", "up to 5 classes"],
    ),
    ("label-negative", "0,0,0\n1,1,-1\n", ["row 2, column 3 (label)", "outside 0 to 4"]),
    ("three-points", "0,0,0\n1,1,1\n2,2,0\n", ["3 data rows", "at least 4 points"]),
    ("one-class", "0,0,1\n1,1,1\n2,2,1\n3,3,1\n", ["every point has label 1", "two classes"]),
    ("too-many-rows", _rows(MAX_CSV_ROWS + 1), ["1001 data rows", "at most 1000 rows"]),
    (
        "too-many-bytes",
        b"0,0,0\n" * (MAX_CSV_BYTES // 6 + 1),
        ["200,004 bytes", "the limit is 200,000 bytes"],
    ),
    (
        "open-quote",
        '0,0,0\n1,1,1\n"2,2,0\n3,3,1\n' + "4" * 150_000,
        ["row 5 could not be read as CSV", 'quote (") left open on or above that row'],
    ),
    (
        "huge-entry",
        "0,0,0\n" + " " * 150_000 + "\n",
        ["row 2 could not be read as CSV", "far too long"],
    ),
]


@pytest.mark.parametrize(
    ("data", "fragments"), [case[1:] for case in ERRORS], ids=[case[0] for case in ERRORS]
)
def test_csv_refuses_bad_files_with_a_message_naming_where(data, fragments) -> None:
    with pytest.raises(ValueError) as info:
        points_from_csv(data)
    for fragment in fragments:
        assert fragment in str(info.value)


def test_csv_row_limit_is_a_keyword_and_the_limit_itself_is_allowed() -> None:
    X, _ = points_from_csv(_rows(MAX_CSV_ROWS))
    assert X.shape == (MAX_CSV_ROWS, 2)
    with pytest.raises(ValueError, match="6 data rows; the playground takes at most 5 rows"):
        points_from_csv("x1,x2,label\n" + _rows(6), max_rows=5)
    for bad in (0, 2.5, True):
        with pytest.raises(ValueError, match="max_rows must be a whole number"):
            points_from_csv(GOOD, max_rows=bad)


def test_csv_byte_limit_allows_a_file_of_exactly_the_limit() -> None:
    data = GOOD.encode() + b"\n" * (MAX_CSV_BYTES - len(GOOD))  # blank lines at the end
    assert len(data) == MAX_CSV_BYTES
    assert points_from_csv(data)[1].tolist() == GOOD_Y
    with pytest.raises(ValueError, match="the limit is 200,000 bytes"):
        points_from_csv(data + b" ")


def test_csv_echoes_at_most_20_characters_of_a_bad_entry() -> None:
    token = "y" * 19 + "z" * 500
    with pytest.raises(ValueError) as info:
        points_from_csv(f"0,0,0\n{token},1,1\n")
    message = str(info.value)
    assert "'" + "y" * 19 + "z…'" in message and "zz" not in message and len(message) < 200


@pytest.mark.parametrize(
    "cell",
    [
        "=cmd|' /C calc'!A0",
        "=1+1",
        "+2",
        "__import__('os')",
        "1e400",
        "0x10",
        "2**3",
        "1/2",
        "[1]",
    ],
)
def test_csv_hostile_entries_are_refused_not_evaluated(cell, monkeypatch, tmp_path) -> None:
    def forbidden(*args, **kwargs):
        raise AssertionError("eval/exec must never run on uploaded text")

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    marker = tmp_path / "evaluated"
    probe = f"__import__('os').mkdir('{marker}')"
    for data in (f"0,0,0\n{cell},1,1\n1,1,0\n2,2,1\n", f"0,0,0\n{probe},1,1\n1,1,0\n2,2,1\n"):
        try:
            X, _ = points_from_csv(data)
        except ValueError as exc:
            assert "row 2, column 1 (x1)" in str(exc)
        else:  # "+2" is a number to float(), and so to a spreadsheet
            assert cell == "+2" and X[1, 0] == 2.0
    assert not marker.exists()


POINTS = st.integers(4, 40).flatmap(
    lambda n: st.tuples(
        hnp.arrays(
            np.float64,
            (n, 2),
            elements=st.floats(-1e6, 1e6, allow_nan=False, allow_subnormal=True),
        ),
        hnp.arrays(np.int64, n, elements=st.integers(0, 4)).filter(
            lambda y: np.unique(y).size >= 2
        ),
    )
)


@given(POINTS)
def test_csv_round_trip_is_exact(points) -> None:
    X, y = points
    text = points_to_csv(X, y)
    assert text.startswith("x1,x2,label\n") and text.count("\n") == len(y) + 1
    for data in (text, text.encode("utf-8")):
        X2, y2 = points_from_csv(data)
        assert X2.tobytes() == X.tobytes()  # every bit, the sign of zero too
        np.testing.assert_array_equal(y2, y)


def test_to_csv_writes_the_shortest_exact_text() -> None:
    text = points_to_csv(np.array([[0.1, -0.0], [1e-300, 123456789.125]]), np.array([4, 0]))
    assert text == "x1,x2,label\n0.1,-0.0,4\n1e-300,123456789.125,0\n"


def test_a_full_dataset_fits_the_csv_limits() -> None:
    X, y = spiral(MAX_CSV_ROWS, seed=1, noise=0.5, classes=5)
    text = points_to_csv(X, y)
    assert len(text.encode()) < MAX_CSV_BYTES
    X2, y2 = points_from_csv(text)
    np.testing.assert_array_equal(X2, X)
    np.testing.assert_array_equal(y2, y)


@pytest.mark.parametrize(
    ("X", "y", "message"),
    [
        (np.zeros((3, 3)), np.zeros(3, int), "shape"),
        (np.zeros((3, 2)), np.zeros(4, int), "shape"),
        (np.array([[0.0, np.nan]]), np.zeros(1, int), "finite"),
        (np.array([["a", "b"]]), np.zeros(1, int), "finite"),
        (np.zeros((1, 2)), np.array([0.5]), "whole numbers"),
    ],
    ids=["three-columns", "length-mismatch", "nan", "text", "float-labels"],
)
def test_to_csv_refuses_what_it_cannot_write(X, y, message) -> None:
    with pytest.raises(ValueError, match=message):
        points_to_csv(X, y)
