"""The playground's losses and backprop against PyTorch's autograd (CPU, float64).

PyTorch is not a dependency: without it this module is skipped. Each loss is written
out in torch from its formula (the one-vs-all and Crammer–Singer SVMs have no torch
function), the model's forward pass too, and autograd's gradient of the regularized
batch loss is compared with ``core.pages.playground.evaluate``'s hand-written backprop
for every loss, both models, every activation and every penalty. Points are drawn away
from the kinks (hinge terms, ReLU pre-activations, |w| at 0), where a subgradient is a
choice, not a value.
"""

from __future__ import annotations

import numpy as np
import pytest

from core.losses import LOSSES
from core.pages.playground import ACTIVATIONS, Settings, evaluate, init_params

torch = pytest.importorskip(
    "torch", reason="PyTorch is not installed (not a dependency): no cross-check against it"
)

TOLERANCE = 1e-10
MARGIN = 0.7
K, N, HIDDEN = 3, 12, 5
KINK = 1e-3  # no hinge term, pre-activation or weight closer than this to its kink


def torch_loss(name: str, s, y):
    """Per-sample ``L_i`` (N,) from the formulas, in torch."""
    n, k = s.shape
    correct = s[torch.arange(n), y][:, None]
    others = torch.ones_like(s, dtype=torch.bool)
    others[torch.arange(n), y] = False
    if name == "svm":
        return torch.where(others, torch.relu(s - correct + MARGIN), 0.0).sum(dim=1)
    if name == "ova":
        t = torch.where(others, -1.0, 1.0).to(s.dtype)
        return torch.relu(MARGIN - t * s).sum(dim=1)
    if name == "cs":
        worst = torch.where(others, s, -torch.inf).max(dim=1).values
        return torch.relu(worst - correct[:, 0] + MARGIN)
    if name == "ce":
        return torch.nn.functional.cross_entropy(s, y, reduction="none")
    onehot = torch.nn.functional.one_hot(y, k).to(s.dtype)
    return ((s - onehot) ** 2).mean(dim=1)


def torch_objective(settings: Settings, params, X, y):
    """The regularized batch loss, its parameters as leaf tensors with gradients."""
    leaves = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in params]
    x = torch.tensor(X, dtype=torch.float64)
    if settings.model == "linear":
        W, b = leaves
        s = x @ W.T + b
        penalized = [W]
    else:
        W1, b1, W2, b2 = leaves
        act = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid}
        s = act[settings.activation](x @ W1.T + b1) @ W2.T + b2
        penalized = [W1, W2]
    loss = torch_loss(settings.loss, s, torch.tensor(y)).mean()
    if settings.regularizer == "l1":
        loss = loss + settings.lam * sum(W.abs().sum() for W in penalized)
    elif settings.regularizer == "l2":
        loss = loss + settings.lam * sum((W * W).sum() for W in penalized)
    loss.backward()
    return float(loss.detach()), [leaf.grad.numpy() for leaf in leaves]


def away_from_kinks(settings: Settings, seed: int):
    """Seeded weights and points with every kink at least ``KINK`` away (re-drawn until so)."""
    rng = np.random.default_rng(seed)
    for _ in range(1000):
        params = tuple(p + 0.3 * rng.standard_normal(p.shape) for p in init_params(settings, K))
        X, y = rng.standard_normal((N, 2)), rng.integers(0, K, N)
        if settings.model == "linear":
            s, pre = X @ params[0].T + params[1], None
        else:
            pre = X @ params[0].T + params[1]
            hidden = {"relu": np.maximum(pre, 0), "tanh": np.tanh(pre)}.get(
                settings.activation, 1 / (1 + np.exp(-pre))
            )
            s = hidden @ params[2].T + params[3]
        correct = s[np.arange(N), y][:, None]
        hinge = np.concatenate([(s - correct + MARGIN).ravel(), (MARGIN - s).ravel(),
                                (MARGIN + s).ravel()])  # fmt: skip
        weights = np.concatenate([p.ravel() for p in params[::2]])
        if (
            np.abs(hinge).min() > KINK
            and (pre is None or np.abs(pre).min() > KINK)
            and np.abs(weights).min() > KINK
            and np.ptp(np.sort(s, axis=1)[:, -2:], axis=1).min() > KINK  # no tie at the top
        ):
            return params, X, y
    raise AssertionError("no point away from the kinks found")


SETTINGS = [
    Settings(model=model, activation=act, loss=loss, margin=MARGIN, regularizer=reg, lam=0.3)
    for loss in LOSSES
    for model, act in [("linear", "relu"), *[("mlp", a) for a in ACTIVATIONS]]
    for reg in ("none", "l1", "l2")
]


@pytest.mark.parametrize(
    "settings",
    SETTINGS,
    ids=[f"{s.loss}-{s.model}-{s.activation}-{s.regularizer}" for s in SETTINGS],
)
def test_backprop_matches_autograd(settings: Settings) -> None:
    params, X, y = away_from_kinks(settings, seed=len(settings.loss) * 7 + len(settings.model))
    ours = evaluate(settings, params, X, y)
    total, grads = torch_objective(settings, params, X, y)
    assert abs(ours.total - total) <= TOLERANCE * max(abs(total), 1.0)
    assert ours.data_loss > 0  # a zero loss would make the gradient check empty
    for mine, theirs in zip(ours.grads, grads, strict=True):
        np.testing.assert_allclose(mine, theirs, rtol=TOLERANCE, atol=TOLERANCE)
