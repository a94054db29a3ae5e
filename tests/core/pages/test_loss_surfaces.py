"""core.pages.loss_surfaces: the two losses of a one-hidden-layer net over two of its weights."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.losses import mse_loss
from core.pages.loss_surfaces import (
    ACTIVATIONS,
    DESCENT_STEPS,
    descent,
    losses_and_grads,
    network,
    saturation,
    slice_at,
    surfaces,
)
from tests.numgrad import centred_difference

DEFAULT = dict(n_samples=100, hidden=2, seed=8)  # the page's defaults
WEIGHTS = [((0, 0), 0), ((1, 0), 0), ((0, 1), 0), ((1, 2), 2)]  # j == k and j != k


def _by_hand(net, a: float, b: float) -> tuple[float, float]:
    """Both losses at one point, sample by sample in plain Python (no broadcasting)."""
    W1, w2 = net.W1.copy(), net.w2.copy()
    (i, j), k = net.w1_index, net.w2_index
    W1[i, j], w2[k] = a, b
    act = {"tanh": np.tanh, "sigmoid": lambda v: 1 / (1 + np.exp(-v)), "relu": None}
    act["relu"] = lambda v: np.maximum(v, 0.0)
    ce = mse = 0.0
    for x, t in zip(net.X, net.t, strict=True):
        z = float(act[net.activation](x @ W1) @ w2)
        p = 1 / (1 + np.exp(-z))
        ce += -(t * np.log(p) + (1 - t) * np.log(1 - p))
        mse += (p - t) ** 2
    n = net.X.shape[0]
    return ce / n, mse / n


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize(("w1_index", "w2_index"), WEIGHTS, ids=str)
def test_gradients_match_centred_differences(activation, w1_index, w2_index) -> None:
    net = network(40, 3, seed=3, activation=activation, w1_index=w1_index, w2_index=w2_index)
    for point in ((0.7, -1.3), (2.5, 3.0), (-1.9, 0.4)):
        _, da, db = losses_and_grads(net, *point)
        for loss in range(2):

            def f(w, loss=loss):
                return losses_and_grads(net, w[0], w[1])[0][loss]

            numeric = centred_difference(f, np.array(point))
            np.testing.assert_allclose([da[loss], db[loss]], numeric, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize(("w1_index", "w2_index"), WEIGHTS, ids=str)
def test_the_broadcast_grid_equals_the_losses_computed_point_by_point(
    activation, w1_index, w2_index
) -> None:
    net = network(30, 3, seed=5, activation=activation, w1_index=w1_index, w2_index=w2_index)
    surf = surfaces(net, 2.0, 11)  # small weights: the plain formula of p does not round to 1
    for r, c in ((0, 0), (3, 7), (10, 10), (5, 2)):
        ce, mse = _by_hand(net, surf.w1[c], surf.w2[r])
        np.testing.assert_allclose(surf.loss[:, r, c], [ce, mse], rtol=1e-10)


def test_the_mse_is_the_contract_mse_of_the_output_probability() -> None:
    net = network(**DEFAULT)
    (ce, mse), _, _ = losses_and_grads(net, 1.5, -2.0)
    p = 1 / (1 + np.exp(-_logits(net, 1.5, -2.0)))
    # (p - t)^2 is the contract MSE of the two-class output [1 - p, p] against one-hot t
    two_class = np.column_stack([1 - p, p])
    assert mse == pytest.approx(float(np.mean(mse_loss(two_class, net.t.astype(int)))))
    assert ce == pytest.approx(float(np.mean(-np.log(np.where(net.t == 1, p, 1 - p)))))


def _logits(net, a, b) -> np.ndarray:
    W1, w2 = net.W1.copy(), net.w2.copy()
    W1[net.w1_index], w2[net.w2_index] = a, b
    return np.tanh(net.X @ W1) @ w2


def test_surfaces_shapes_and_axes() -> None:
    surf = surfaces(network(**DEFAULT), 6.0, 51)
    assert surf.loss.shape == surf.grad_norm.shape == (2, 51, 51)
    np.testing.assert_array_equal(surf.w1, np.linspace(-6, 6, 51))
    assert np.all(np.isfinite(surf.loss)) and np.all(surf.grad_norm >= 0)


def test_surfaces_are_cached_by_their_inputs() -> None:
    net = network(**DEFAULT)
    assert surfaces(net, 6.0, 51) is surfaces(network(**DEFAULT), 6.0, 51)
    assert surfaces(net, 6.0, 51) is not surfaces(net, 5.0, 51)


def test_the_teacher_weights_classify_every_sample_right() -> None:
    net = network(**DEFAULT)
    a, b = net.teacher
    np.testing.assert_array_equal(_logits(net, a, b) > 0, net.t == 1)
    assert saturation(net, a, b).wrong == 0.0
    loss, _, _ = losses_and_grads(net, a, b)
    surf = surfaces(net, 6.0, 61)
    assert np.all(loss < np.median(surf.loss.reshape(2, -1), axis=1))


def test_at_the_defaults_mse_has_a_plateau_that_cross_entropy_lacks() -> None:
    """The page's lesson: where the output is confidently wrong, MSE is flat and CE is not."""
    net = network(**DEFAULT)
    surf = surfaces(net, 6.0, 51)
    ce_grad, mse_grad = surf.grad_norm
    flat = (mse_grad < 0.03) & (ce_grad > 0.3)
    assert flat.mean() > 0.1  # a tenth of the square at least
    corner = saturation(net, 6.0, 6.0)
    assert corner.slope < 0.05 and corner.wrong > 0.8


def test_the_default_descent_crawls_on_mse_and_not_on_cross_entropy() -> None:
    run = descent(network(**DEFAULT), (5.0, 5.0), 1.0, 6.0, 51)
    ce_steps, mse_steps = run.reached
    assert 0 < ce_steps < 20 and mse_steps > 5 * ce_steps
    assert run.grad_norm[1, 0] < run.grad_norm[0, 0] / 10


def test_descent_steps_follow_the_gradient_and_stay_in_the_square() -> None:
    net = network(**DEFAULT)
    run = descent(net, (5.0, 5.0), 0.5, 6.0, 51, steps=40)
    assert run.path.shape == (2, 41, 2) and run.loss.shape == (2, 41)
    _, da, db = losses_and_grads(net, 5.0, 5.0)
    np.testing.assert_allclose(run.path[:, 1], [[5 - 0.5 * da[i], 5 - 0.5 * db[i]] for i in (0, 1)])
    assert np.all(np.abs(run.path) <= 6.0)
    for i in range(2):  # reached: the first step at or below the threshold, or -1
        below = np.flatnonzero(run.loss[i] <= run.threshold[i])
        assert run.reached[i] == (below[0] if below.size else -1)


@pytest.mark.parametrize(("w1_index", "w2_index"), WEIGHTS, ids=str)
def test_the_descent_loop_agrees_with_losses_and_grads_at_every_point(w1_index, w2_index) -> None:
    net = network(40, 3, seed=3, activation="sigmoid", w1_index=w1_index, w2_index=w2_index)
    run = descent(net, (1.5, -2.0), 0.7, 5.0, 21, steps=25)
    for i in range(2):
        loss, da, db = losses_and_grads(net, run.path[i, :, 0], run.path[i, :, 1])
        np.testing.assert_allclose(run.loss[i], loss[i], rtol=1e-12)
        np.testing.assert_allclose(run.grad_norm[i], np.hypot(da[i], db[i]), rtol=1e-9)
        step = run.path[i, :-1] - 0.7 * np.column_stack([da[i], db[i]])[:-1]
        np.testing.assert_allclose(run.path[i, 1:], np.clip(step, -5, 5), rtol=1e-12)


def test_a_start_outside_the_square_is_clipped_into_it() -> None:
    run = descent(network(**DEFAULT), (9.0, -9.0), 1.0, 4.0, 21, steps=5)
    np.testing.assert_array_equal(run.path[:, 0], [[4.0, -4.0], [4.0, -4.0]])


def test_the_target_is_nine_tenths_of_the_way_down_to_the_lowest_loss_seen() -> None:
    net = network(**DEFAULT)
    run = descent(net, (-2.0, 3.0), 0.5, 6.0, 51, steps=DESCENT_STEPS)
    low = np.minimum(surfaces(net, 6.0, 51).loss.reshape(2, -1).min(axis=1), run.loss.min(axis=1))
    np.testing.assert_allclose(run.threshold, low + 0.1 * (run.loss[:, 0] - low))


def test_slice_is_the_surface_row() -> None:
    net = network(**DEFAULT)
    surf = surfaces(net, 6.0, 51)
    np.testing.assert_allclose(slice_at(net, surf.w2[30], 6.0, 51), surf.loss[:, 30])


def test_the_same_seed_gives_the_same_network_and_another_seed_another() -> None:
    a, b = network(50, 3, seed=1), network(50, 3, seed=1)
    np.testing.assert_array_equal(a.X, b.X)
    assert not np.array_equal(a.X, network(50, 3, seed=2).X)
    assert set(np.unique(a.t)) <= {0.0, 1.0}


@settings(max_examples=40, deadline=None)
@given(a=st.floats(-1e4, 1e4), b=st.floats(-1e4, 1e4), activation=st.sampled_from(ACTIVATIONS))
def test_losses_stay_finite_and_in_range_for_huge_weights(a, b, activation) -> None:
    net = network(20, 2, seed=0, activation=activation)
    loss, da, db = losses_and_grads(net, a, b)
    assert np.all(np.isfinite(loss)) and np.all(np.isfinite(da)) and np.all(np.isfinite(db))
    assert loss[0] >= 0 and 0 <= loss[1] <= 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(activation="softsign"), "unknown activation"),
        (dict(hidden=0), "hidden width"),
        (dict(n_samples=1), "number of samples"),
        (dict(w1_index=(2, 0)), "must exist"),
        (dict(w2_index=5), "must exist"),
        (dict(seed=-1), "seed"),
    ],
    ids=["activation", "width", "samples", "w1 input", "w2 unit", "seed"],
)
def test_bad_network_settings_say_what_to_fix(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        network(**{**DEFAULT, **kwargs})


def test_bad_grid_and_descent_settings_say_what_to_fix() -> None:
    net = network(**DEFAULT)
    with pytest.raises(ValueError, match="grid resolution"):
        surfaces(net, 6.0, 500)
    with pytest.raises(ValueError, match="weight range"):
        surfaces(net, 0.0, 51)
    with pytest.raises(ValueError, match="learning rate"):
        descent(net, (1.0, 1.0), -1.0, 6.0, 51)
