"""core.pages.playground: the models, backprop, GD / SGD with momentum, the history, divergence."""

from __future__ import annotations

import warnings
from dataclasses import fields

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from core.datasets import blobs, circles
from core.lecture import LECTURE_LABELS, LECTURE_SCORES
from core.linear import linear_scores
from core.losses import LOSSES
from core.pages.playground import (
    ACTIVATIONS,
    BLOW_UP,
    HISTORY,
    LECTURE_POINTS,
    MAX_HIDDEN,
    MAX_STEPS,
    PENALTIES,
    Settings,
    advance,
    evaluate,
    extent,
    gradients,
    init_params,
    lecture_start,
    make_data,
    point_table,
    regions,
    scores,
    start_run,
    train,
)
from core.regularization import REGULARIZERS
from tests.numgrad import centred_difference

# The model variants: the linear classifier, and the network with each activation.
VARIANTS = [("linear", "relu")] + [("mlp", act) for act in ACTIVATIONS]
VARIANT_IDS = [model if model == "linear" else f"mlp-{act}" for model, act in VARIANTS]
MARGIN_LOSSES = [loss for loss, chosen in LOSSES.items() if "margin" in chosen.params]
KINK = 1e-3  # gradient checks keep every hinge term and pre-activation this far from 0


def _blobs(seed: int = 1, n: int = 150, noise: float = 0.3, held: int = 0):
    X, y = blobs(n + held, seed=seed, noise=noise)
    return make_data(X[:n], y[:n], X[n:], y[n:]) if held else make_data(X, y)


@pytest.fixture(scope="module")
def data():
    return _blobs()


def _same_run(a, b) -> None:
    """Two runs are identical: every weight, velocity and history entry, bit for bit."""
    assert a.steps == b.steps and a.diverged_at == b.diverged_at and a.settings == b.settings
    for p, q in zip(a.params + a.velocity, b.params + b.velocity, strict=True):
        np.testing.assert_array_equal(p, q)
    for name in HISTORY:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))


# ------------------------------------------------------------------ gradient checks
def _kinks_near(s: np.ndarray, margin: float) -> bool:
    """Whether any score combination where a hinge loss has a kink is within KINK of 0.

    A superset of the kinks of every margin loss: ``s_j - s_k + margin`` (multiclass
    SVM), ``s_j - s_k`` (which wrong class is worst, Crammer–Singer) and
    ``s_j +- margin`` (one-vs-all).
    """
    diff = s[:, :, None] - s[:, None, :]
    off = ~np.eye(s.shape[1], dtype=bool)
    candidates = [diff + margin, diff[:, off], s + margin, s - margin]
    return any(np.abs(c).min() < KINK for c in candidates)


def _random_point(setting: Settings, rng: np.random.Generator, n: int = 12, k: int = 3):
    """Points, labels and weights (scale 1) with no kink within KINK: redrawn until so."""
    y = np.arange(n) % k
    for _ in range(200):
        X = rng.standard_normal((n, 2))
        params = tuple(rng.standard_normal(p.shape) for p in init_params(setting, k))
        s = scores(setting, params, X)
        if _kinks_near(s, setting.margin):
            continue
        if setting.model == "mlp" and np.abs(X @ params[0].T + params[1]).min() < KINK:
            continue  # a ReLU's kink
        if setting.regularizer == "l1" and min(np.abs(params[i]).min() for i in (0, -2)) < KINK:
            continue  # |w|'s kink (index -2 is W for the linear model, W2 for the network)
        return X, y, params
    raise AssertionError("no point away from the kinks in 200 draws")


def _flat_objective(setting: Settings, params, X, y):
    shapes = [p.shape for p in params]
    cuts = np.cumsum([p.size for p in params])[:-1]

    def f(flat: np.ndarray) -> float:
        pieces = zip(np.split(flat, cuts), shapes, strict=True)
        parts = tuple(c.reshape(shape) for c, shape in pieces)
        return evaluate(setting, parts, X, y).total

    return f, np.concatenate([p.ravel() for p in params])


@pytest.mark.parametrize("penalty", PENALTIES)
@pytest.mark.parametrize(("model", "activation"), VARIANTS, ids=VARIANT_IDS)
@pytest.mark.parametrize("loss", list(LOSSES))
def test_backprop_gradients_match_centred_differences(loss, model, activation, penalty) -> None:
    setting = Settings(
        model=model, hidden=4, activation=activation, loss=loss, margin=0.7,
        regularizer=penalty, lam=0.3,
    )  # fmt: skip
    rng = np.random.default_rng([7, len(loss), len(activation), len(penalty)])
    for _ in range(2):  # two random points each
        X, y, params = _random_point(setting, rng)
        ev = evaluate(setting, params, X, y)
        assert np.any(ev.per_sample > 0), "a check where every L_i is 0 would test nothing"
        f, flat = _flat_objective(setting, params, X, y)
        numeric = centred_difference(f, flat)
        analytic = np.concatenate([g.ravel() for g in ev.grads])
        assert [g.shape for g in ev.grads] == [p.shape for p in params]
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize(("model", "activation"), VARIANTS, ids=VARIANT_IDS)
def test_evaluate_packs_the_loss_the_penalty_and_the_scores(model, activation) -> None:
    setting = Settings(model=model, activation=activation, loss="svm", regularizer="l2", lam=0.5)
    X, y, params = _random_point(setting, np.random.default_rng(3))
    ev = evaluate(setting, params, X, y)
    np.testing.assert_array_equal(ev.scores, scores(setting, params, X))
    np.testing.assert_array_equal(ev.per_sample, LOSSES["svm"].loss(ev.scores, y, margin=1.0))
    assert ev.data_loss == pytest.approx(ev.per_sample.mean(), rel=1e-15)
    # lambda R(W) on the weights only, never the biases: (W,) or (W1, W2)
    weights = [params[0]] if model == "linear" else [params[0], params[2]]
    assert ev.reg_loss == pytest.approx(0.5 * sum(float(np.sum(W * W)) for W in weights))
    assert ev.total == ev.data_loss + ev.reg_loss


@pytest.mark.parametrize(("model", "activation"), VARIANTS, ids=VARIANT_IDS)
def test_the_network_by_hand_one_point_at_a_time(model, activation) -> None:
    setting = Settings(model=model, hidden=5, activation=activation)
    rng = np.random.default_rng(11)
    params = tuple(rng.standard_normal(p.shape) for p in init_params(setting, 4))
    X = rng.standard_normal((6, 2))
    act = {
        "relu": lambda v: max(v, 0.0),
        "tanh": np.tanh,
        "sigmoid": lambda v: 1 / (1 + np.exp(-v)),
    }
    for i, x in enumerate(X):
        if model == "linear":
            W, b = params
            expected = [W[k, 0] * x[0] + W[k, 1] * x[1] + b[k] for k in range(4)]
        else:
            W1, b1, W2, b2 = params
            h = [act[activation](W1[j, 0] * x[0] + W1[j, 1] * x[1] + b1[j]) for j in range(5)]
            expected = [sum(W2[k, j] * h[j] for j in range(5)) + b2[k] for k in range(4)]
        np.testing.assert_allclose(scores(setting, params, X)[i], expected, rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    W=arrays(np.float64, (3, 2), elements=st.floats(-10, 10)),
    b=arrays(np.float64, 3, elements=st.floats(-10, 10)),
    X=arrays(np.float64, (5, 2), elements=st.floats(-10, 10)),
)
def test_linear_scores_are_core_linear_scores(W, b, X) -> None:
    np.testing.assert_allclose(
        scores(Settings(), (W, b), X), linear_scores(W, X, b), rtol=1e-12, atol=1e-12
    )


# ------------------------------------------------------------------ training works
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("loss", list(LOSSES))
def test_each_loss_separates_blobs_with_the_linear_model(loss, seed) -> None:
    setting = Settings(loss=loss, regularizer="none", learning_rate=0.1, seed=seed)
    run = train(setting, _blobs(seed=seed), 300)
    assert run.diverged_at is None
    assert run.train_accuracy[-1] >= 0.95
    assert run.data_loss[-1] < run.data_loss[0]


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("loss", list(LOSSES))
def test_the_network_separates_the_circles_no_line_can(loss, activation, seed) -> None:
    X, y = circles(200, seed=seed, noise=0.05)
    data = make_data(X, y)
    setting = Settings(
        model="mlp", hidden=8, activation=activation, loss=loss, regularizer="none",
        learning_rate=0.2, momentum=0.9, seed=seed,
    )  # fmt: skip
    run = train(setting, data, 400)
    assert run.diverged_at is None
    assert run.train_accuracy[-1] >= 0.9
    # the same budget on the linear model stays near chance: it is the hidden layer that helps
    line = train(Settings(loss=loss, regularizer="none", learning_rate=0.2, seed=seed), data, 400)
    assert line.train_accuracy.max() < 0.75


def test_one_gd_step_and_one_momentum_step_by_hand(data) -> None:
    setting = Settings(loss="ce", learning_rate=0.3, momentum=0.8, regularizer="l2", lam=0.01)
    run0 = start_run(setting, data)
    g0 = evaluate(setting, run0.params, data.X, data.y).grads
    v1 = tuple(-0.3 * g for g in g0)
    p1 = tuple(p + v for p, v in zip(run0.params, v1, strict=True))
    g1 = evaluate(setting, p1, data.X, data.y).grads
    v2 = tuple(0.8 * v - 0.3 * g for v, g in zip(v1, g1, strict=True))
    p2 = tuple(p + v for p, v in zip(p1, v2, strict=True))
    run2 = advance(run0, data, 2)
    for got, want in zip(run2.params + run2.velocity, p2 + v2, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-14, atol=1e-15)
    assert run2.data_loss[2] == pytest.approx(evaluate(setting, p2, data.X, data.y).data_loss)


def test_sgd_steps_on_the_batch_seeded_by_seed_and_step(data) -> None:
    """The documented contract: step t's batch comes from default_rng([seed, t])."""
    setting = Settings(optimizer="sgd", batch_size=16, seed=5, learning_rate=0.5, loss="svm")
    run0 = start_run(setting, data)
    batch = np.random.default_rng([5, 0]).choice(data.y.size, size=16, replace=False)
    g = evaluate(setting, run0.params, data.X[batch], data.y[batch]).grads
    run1 = advance(run0, data, 1)
    for got, p, gi in zip(run1.params, run0.params, g, strict=True):
        np.testing.assert_allclose(got, p - 0.5 * gi, rtol=1e-14, atol=1e-15)
    full = advance(start_run(Settings(**{**_kw(setting), "optimizer": "gd"}), data), data, 1)
    assert not np.array_equal(full.params[0], run1.params[0])  # not the full-batch step


def _kw(setting: Settings) -> dict:
    return {f.name: getattr(setting, f.name) for f in fields(setting)}


@settings(max_examples=15, deadline=None)
@given(
    batch=st.integers(150, 400),
    loss=st.sampled_from(list(LOSSES)),
    momentum=st.sampled_from([0.0, 0.9]),
    seed=st.integers(0, 2**16),
)
def test_sgd_with_a_batch_of_at_least_n_is_gd(batch, loss, momentum, seed) -> None:
    data = _blobs(n=150)
    gd = Settings(loss=loss, momentum=momentum, seed=seed)
    sgd = Settings(**{**_kw(gd), "optimizer": "sgd", "batch_size": batch})
    a, b = train(gd, data, 20), train(sgd, data, 20)
    for p, q in zip(a.params, b.params, strict=True):
        np.testing.assert_array_equal(p, q)
    np.testing.assert_array_equal(a.data_loss, b.data_loss)


# ------------------------------------------------------------------ reproducibility
@pytest.mark.parametrize(
    "overrides",
    [
        dict(optimizer="gd"),
        dict(optimizer="gd", momentum=0.9),
        dict(optimizer="sgd", batch_size=16, momentum=0.9),
        dict(optimizer="sgd", batch_size=16, model="mlp", activation="tanh", momentum=0.5),
    ],
    ids=["gd", "gd-momentum", "sgd-momentum", "sgd-mlp"],
)
def test_a_run_in_two_pieces_equals_the_run_in_one(data, overrides) -> None:
    setting = Settings(loss="ce", learning_rate=0.05, **overrides)
    whole = train(setting, data, 150)
    pieces = advance(train(setting, data, 100), data, 50)
    _same_run(whole, pieces)
    _same_run(whole, advance(advance(start_run(setting, data), data, 1), data, 149))


@pytest.mark.parametrize("optimizer", ["gd", "sgd"])
def test_same_seed_same_run_other_seed_other_start(data, optimizer) -> None:
    a = Settings(optimizer=optimizer, batch_size=8, momentum=0.9, seed=3)
    b = Settings(**{**_kw(a), "seed": 4})
    # fresh runs, not the cache: advance is not memoized
    _same_run(advance(start_run(a, data), data, 60), advance(start_run(a, data), data, 60))
    assert train(a, data, 60) is train(a, data, 60)  # the memo gives the same object
    assert not np.array_equal(train(a, data, 0).start[0], train(b, data, 0).start[0])
    assert not np.array_equal(train(a, data, 60).params[0], train(b, data, 60).params[0])


def test_start_run_uses_a_given_start_and_keeps_it(data) -> None:
    setting = Settings()
    start = (np.ones((3, 2)), np.array([0.5, -0.5, 0.0]))
    run = train(setting, data, 10, start)
    np.testing.assert_array_equal(run.start[0], np.ones((3, 2)))
    np.testing.assert_array_equal(run.start[1], [0.5, -0.5, 0.0])
    assert not np.array_equal(run.params[0], run.start[0])
    assert start[0].flags.writeable and start[0].sum() == 6  # the caller's arrays untouched


@pytest.mark.parametrize("model", ["linear", "mlp"])
def test_init_params_shapes_and_seeding(model) -> None:
    setting = Settings(model=model, hidden=6, seed=9)
    params = init_params(setting, 4)
    expected = [(4, 2), (4,)] if model == "linear" else [(6, 2), (6,), (4, 6), (4,)]
    assert [p.shape for p in params] == expected
    np.testing.assert_array_equal(params[-1], np.zeros(4))  # output bias starts at 0
    for p, q in zip(params, init_params(setting, 4), strict=True):
        np.testing.assert_array_equal(p, q)
    other = init_params(Settings(model=model, hidden=6, seed=10), 4)
    assert not np.array_equal(params[0], other[0])


# ------------------------------------------------------------------ the history
@pytest.mark.parametrize("steps", [0, 1, 37])
@pytest.mark.parametrize(("model", "activation"), VARIANTS[:2], ids=VARIANT_IDS[:2])
def test_history_has_one_entry_per_step_plus_the_start(data, steps, model, activation) -> None:
    setting = Settings(model=model, activation=activation, optimizer="sgd", batch_size=10)
    run = train(setting, data, steps)
    assert run.steps == steps
    for name in HISTORY:
        assert getattr(run, name).shape == (steps + 1,), name
    for name in ("train_accuracy", "zero_fraction"):
        values = getattr(run, name)
        assert np.all((values >= 0) & (values <= 1)), name
    assert np.all(np.isnan(run.held_accuracy))  # no held-out points
    start = init_params(setting, data.classes)
    weights = [start[0]] if model == "linear" else [start[0], start[2]]
    assert run.weight_norm[0] == pytest.approx(np.sqrt(sum(np.sum(W * W) for W in weights)))
    assert run.data_loss[0] == pytest.approx(evaluate(setting, start, data.X, data.y).data_loss)
    final = evaluate(setting, run.params, data.X, data.y)
    assert run.data_loss[-1] == pytest.approx(final.data_loss)  # measured on all the points
    assert run.train_accuracy[-1] == np.mean(final.scores.argmax(axis=1) == data.y)


def test_held_out_accuracy_is_measured_on_the_held_out_points() -> None:
    data = _blobs(seed=2, n=120, held=60)
    run = train(Settings(loss="ce"), data, 100)
    assert np.all((run.held_accuracy >= 0) & (run.held_accuracy <= 1))
    predicted = scores(run.settings, run.params, data.X_held).argmax(axis=1)
    assert run.held_accuracy[-1] == np.mean(predicted == data.y_held)
    assert run.held_accuracy[-1] >= 0.95


@pytest.mark.parametrize("loss", MARGIN_LOSSES)
def test_a_margin_loss_stops_caring_once_every_margin_is_met(data, loss) -> None:
    setting = Settings(loss=loss, regularizer="none", learning_rate=0.1)
    run = train(setting, data, 300)
    assert run.zero_fraction[-1] > 0.9
    assert run.zero_fraction[0] < 0.5  # it was learned, not there from the start
    table = point_table(run, data)
    assert run.zero_fraction[-1] == np.mean(table.loss == 0)


@pytest.mark.parametrize("loss", [loss for loss in LOSSES if loss not in MARGIN_LOSSES])
def test_cross_entropy_and_mse_never_reach_zero(data, loss) -> None:
    run = train(Settings(loss=loss, regularizer="none", learning_rate=0.1), data, 300)
    assert run.train_accuracy[-1] == 1.0
    np.testing.assert_array_equal(run.zero_fraction, 0.0)
    assert np.all(run.data_loss > 0)


def test_without_penalty_softmax_weights_keep_growing_while_the_svms_stop(data) -> None:
    svm = train(Settings(loss="svm", regularizer="none", learning_rate=0.1), data, 300)
    ce = train(Settings(loss="ce", regularizer="none", learning_rate=0.1), data, 300)
    assert svm.weight_norm[-1] == svm.weight_norm[-50]  # every margin met: no gradient at all
    assert ce.weight_norm[-1] > ce.weight_norm[-50]


@pytest.mark.parametrize("regularizer", ["l1", "l2"])
def test_lambda_zero_or_no_penalty_gives_zero_reg_loss(data, regularizer) -> None:
    zero = train(Settings(regularizer=regularizer, lam=0.0), data, 30)
    none = train(Settings(regularizer="none", lam=5.0), data, 30)
    np.testing.assert_array_equal(zero.reg_loss, 0.0)
    np.testing.assert_array_equal(none.reg_loss, 0.0)
    for p, q in zip(zero.params, none.params, strict=True):
        np.testing.assert_array_equal(p, q)  # both are the unpenalized descent


@pytest.mark.parametrize("regularizer", ["l1", "l2"])
def test_reg_loss_history_is_lambda_r_of_the_weights(data, regularizer) -> None:
    run = train(Settings(regularizer=regularizer, lam=0.02), data, 20)
    expected = 0.02 * float(REGULARIZERS[regularizer].penalty(run.params[0]))
    assert run.reg_loss[-1] == pytest.approx(expected, rel=1e-12)
    assert run.reg_loss[0] > 0


@pytest.mark.parametrize("model", ["linear", "mlp"])
@pytest.mark.parametrize("regularizer", ["l1", "l2"])
def test_a_huge_lambda_with_a_small_rate_stays_finite(data, regularizer, model) -> None:
    setting = Settings(model=model, regularizer=regularizer, lam=1e3, learning_rate=1e-4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = train(setting, data, 200)
    assert run.diverged_at is None
    for name in HISTORY:
        if name != "held_accuracy":
            assert np.all(np.isfinite(getattr(run, name))), name
    assert run.reg_loss[-1] < run.reg_loss[0]  # the penalty pulls the weights in


# ------------------------------------------------------------------ divergence
@pytest.mark.parametrize(
    ("loss", "model", "lr", "momentum"),
    [
        ("mse", "linear", 1e6, 0.0),
        ("ce", "linear", 1e6, 0.9),
        ("mse", "mlp", 1e6, 0.0),
        ("ce", "mlp", 1e6, 0.9),
        ("svm", "linear", 1e6, 0.0),
        ("mse", "linear", 2.0, 0.0),  # blows up over several steps
        ("ce", "mlp", 20.0, 0.9),
    ],
)
def test_a_huge_learning_rate_diverges_cleanly(loss, model, lr, momentum) -> None:
    data = _blobs(n=100, held=50)
    setting = Settings(model=model, loss=loss, learning_rate=lr, momentum=momentum)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow or invalid-value RuntimeWarning
        run = advance(start_run(setting, data), data, 300)
        again = advance(run, data, 50)
        grads = gradients(run, data)
        grid = regions(run, np.linspace(-3, 3, 7), np.linspace(-3, 3, 5))
        table = point_table(run, data)
    assert run.diverged_at is not None and run.steps == run.diverged_at - 1
    assert 1 <= run.diverged_at <= 300
    assert again is run  # a diverged run stays where it stopped
    assert all(np.isfinite(p).all() for p in run.params + run.velocity + grads)
    for name in HISTORY:
        values = getattr(run, name)
        assert values.shape == (run.steps + 1,) and np.all(np.isfinite(values)), name
    assert np.all(run.data_loss + run.reg_loss <= BLOW_UP)
    assert grid.shape == (5, 7) and np.all((grid >= 0) & (grid < 3))
    assert np.all(np.isfinite(table.scores))


def test_a_start_too_large_to_score_is_refused(data) -> None:
    with pytest.raises(ValueError, match="too large"):
        start_run(Settings(loss="mse"), data, (np.full((3, 2), 1e200), np.zeros(3)))


def test_a_run_may_not_pass_max_steps(data) -> None:
    run = train(Settings(), data, 10)
    with pytest.raises(ValueError, match=f"at most {MAX_STEPS} steps"):
        advance(run, data, MAX_STEPS)
    assert advance(run, data, 0) is run


# ------------------------------------------------------------------ the lecture's example
def test_lecture_start_gives_the_lectures_scores() -> None:
    W, b = lecture_start()
    assert W.shape == (3, 2) and b.shape == (3,)
    s = scores(Settings(), (W, b), LECTURE_POINTS)
    np.testing.assert_allclose(s, LECTURE_SCORES, rtol=0, atol=1e-12)


def test_lecture_svm_loss_at_step_zero_is_the_slides_by_hand() -> None:
    data = make_data(LECTURE_POINTS, LECTURE_LABELS)
    run = start_run(Settings(loss="svm", regularizer="none"), data, lecture_start())
    # rows are images (dog, bird, truck), columns the dog / bird / truck scores; margin 1
    dog = max(0, 6.2 - 3.0 + 1) + max(0, -2.1 - 3.0 + 1)  # 4.2 + 0
    bird = max(0, 0.9 - 5.1 + 1) + max(0, 3.4 - 5.1 + 1)  # 0 + 0
    truck = max(0, 1.6 - (-4.5) + 1) + max(0, 2.3 - (-4.5) + 1)  # 7.1 + 7.8
    assert run.data_loss[0] == pytest.approx((dog + bird + truck) / 3, abs=1e-12)
    assert run.reg_loss[0] == 0.0
    np.testing.assert_allclose(point_table(run, data).loss, [dog, bird, truck], atol=1e-12)


# ------------------------------------------------------------------ the per-point views
@pytest.mark.parametrize("loss", list(LOSSES))
def test_point_table_lists_training_then_held_out_points(loss) -> None:
    data = _blobs(seed=3, n=40, held=20)
    run = train(Settings(loss=loss, margin=2.0), data, 25)
    table = point_table(run, data)
    assert table.X.shape == (60, 2) and table.scores.shape == (60, 3)
    assert table.y.shape == table.held.shape == table.loss.shape == table.predicted.shape == (60,)
    np.testing.assert_array_equal(table.held, np.arange(60) >= 40)
    np.testing.assert_array_equal(table.X, np.concatenate([data.X, data.X_held]))
    np.testing.assert_array_equal(table.scores, scores(run.settings, run.params, table.X))
    kwargs = {"margin": 2.0} if "margin" in LOSSES[loss].params else {}
    np.testing.assert_array_equal(table.loss, LOSSES[loss].loss(table.scores, table.y, **kwargs))
    np.testing.assert_array_equal(table.predicted, table.scores.argmax(axis=1))
    assert table.loss[:40].mean() == pytest.approx(run.data_loss[-1], rel=1e-12)


def test_gradients_are_the_full_batch_gradient_at_the_runs_weights(data) -> None:
    run = train(Settings(optimizer="sgd", batch_size=8, regularizer="l2", lam=0.1), data, 5)
    expected = evaluate(run.settings, run.params, data.X, data.y).grads
    for got, want in zip(gradients(run, data), expected, strict=True):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize(("model", "activation"), VARIANTS, ids=VARIANT_IDS)
def test_regions_is_the_argmax_on_the_grid_rows_along_y(data, model, activation) -> None:
    run = train(Settings(model=model, activation=activation, loss="ce"), data, 40)
    xs, ys = np.linspace(-3, 3, 13), np.linspace(-2, 2.5, 7)
    grid = regions(run, xs, ys)
    assert grid.shape == (7, 13)
    assert np.all((grid >= 0) & (grid < data.classes))
    for i, j in [(0, 0), (6, 12), (3, 5), (2, 11)]:
        point = np.array([[xs[j], ys[i]]])
        assert grid[i, j] == scores(run.settings, run.params, point).argmax()


def test_extent_is_a_square_on_half_steps_holding_every_point() -> None:
    data = _blobs(seed=4, n=60, held=30, noise=0.8)
    x0, x1, y0, y1 = extent(data)
    assert (x0, x1) == (y0, y1)
    points = np.concatenate([data.X, data.X_held])
    assert x0 <= points.min() - 0.25 and points.max() + 0.25 <= x1
    assert (2 * x0).is_integer() and (2 * x1).is_integer()
    assert extent(make_data([[0.1, -0.3], [0.2, 0.4]], [0, 1])) == (-1.0, 1.0, -1.0, 1.0)


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(loss="hinge2"), "loss must be one of"),
        (dict(model="cnn"), "model must be one of"),
        (dict(activation="gelu"), "activation must be one of"),
        (dict(regularizer="elastic"), "penalty must be one of"),
        (dict(optimizer="adam"), "optimizer must be one of"),
        (dict(learning_rate=0.0), "learning rate must be > 0"),
        (dict(learning_rate=-0.1), "learning rate must be > 0"),
        (dict(learning_rate=float("nan")), "learning rate must be > 0"),
        (dict(learning_rate=float("inf")), "learning rate must be > 0"),
        (dict(momentum=1.0), "momentum must be at least 0 and below 1"),
        (dict(momentum=-0.1), "momentum must be at least 0 and below 1"),
        (dict(hidden=0), f"hidden width must be 1 to {MAX_HIDDEN}"),
        (dict(hidden=MAX_HIDDEN + 1), f"hidden width must be 1 to {MAX_HIDDEN}"),
        (dict(lam=-1e-3), "lambda must be 0 or more"),
        (dict(lam=float("nan")), "lambda must be 0 or more"),
        (dict(batch_size=0), "batch size must be at least 1"),
        (dict(margin=-1.0), "margin must be 0 or more"),
    ],
)
def test_settings_refuse_bad_values(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        Settings(**kwargs)


def test_settings_name_every_loss_and_are_a_cache_key() -> None:
    for loss in LOSSES:
        assert Settings(loss=loss).loss == loss
    assert hash(Settings(lam=0.5)) == hash(Settings(lam=0.5))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([[0, 0], [1, 1], [2, 2]], [0, 1]), "one label per point"),
        (([[0, 0], [1, 1]], [0, 1], [[3, 3]], [0, 1]), "one label per point"),
        ((np.zeros((0, 2)), []), "at least one training point"),
        (([[0, 0], [1, 1]], [0, 0]), "at least two classes"),
        (([[0, 0], [1, 1]], [0, -1]), "labels must lie in"),
        (([[0, 0], [1, 1]], [0, 1], None, None, 1), "at least two classes"),
        (([[0, 0], [1, 1]], [0, 2], None, None, 2), "labels must lie in 0 to 1"),
        (([[0, np.nan], [1, 1]], [0, 1]), "finite"),
        (([[0, 0], [1, 1]], [0, 1], [[np.inf, 0]], [1]), "finite"),
    ],
)
def test_make_data_refuses_bad_points(args, message) -> None:
    with pytest.raises(ValueError, match=message):
        make_data(*args)


def test_make_data_packs_float_points_and_int_labels() -> None:
    data = make_data([[0, 1], [2, 3]], [1.0, 0.0], classes=4)
    assert data.X.dtype == np.float64 and data.y.dtype == np.int64
    assert data.classes == 4 and data.X_held.shape == (0, 2) and data.y_held.shape == (0,)


@pytest.mark.parametrize(
    ("model", "start"),
    [
        ("linear", (np.zeros((2, 2)), np.zeros(2))),  # two classes, the data has three
        ("linear", (np.zeros((3, 3)), np.zeros(3))),
        ("linear", (np.zeros((3, 2)),)),
        ("mlp", (np.zeros((3, 2)), np.zeros(3))),  # the linear model's shapes
        ("mlp", (np.zeros((8, 2)), np.zeros(8), np.zeros((3, 7)), np.zeros(3))),
    ],
)
def test_start_run_refuses_a_start_of_the_wrong_shape(data, model, start) -> None:
    with pytest.raises(ValueError, match="start weights must have shapes"):
        start_run(Settings(model=model), data, start)
