"""core.datasets: seeded toy data, the same seed gives the same points."""

from __future__ import annotations

import numpy as np
import pytest

from core.datasets import (
    CIRCLES_INNER,
    DATASETS,
    SPIRAL_TURNS,
    XOR_GAP,
    blobs,
    circles,
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
