"""core against PyTorch (CPU, float64): losses, autograd gradients, the softmax family.

PyTorch is not a dependency: without it this module is skipped. Each test
compares one quantity on one batch: random scores, scores of order 1e4 and
1e300, and the lecture's batch. Where both sides are finite the relative
difference ``|a - b| / max(|b|, 1)`` must stay within ``TOLERANCE``; both
sides must be finite at the same places (1e300 scores square past the float64
range in the MSE, on both sides), and equal where they are not.

Conventions that differ: ``torch.nn.functional.multi_margin_loss`` divides the
hinge sum by K (core sums), so it is multiplied by K here; ``mse_loss`` with
one-hot targets is averaged over classes on both sides. Gradients on the torch
side are autograd's, of the summed per-sample losses: row i is dL_i/ds_i.
Run with ``-s`` to see each comparison's largest differences.

Where core is more exact than torch: ``|a - b| / max(|b|, 1)`` is an absolute
test for values below 1, so it cannot see the cross-entropy of a correct class
that leads by 37 or more, where torch 2.x computes ``log(sum)`` of a sum that
rounds to 1 and returns 0 while core keeps the representable ``(K - 1) e^{-gap}``
(``log1p``). ``test_cross_entropy_at_large_margins_against_the_exact_value``
compares both with a 50-digit reference there instead of loosening anything.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
import pytest

from core.losses import (
    cross_entropy_grad,
    cross_entropy_loss,
    mse_grad,
    mse_loss,
    svm_loss,
    svm_loss_grad,
)
from core.softmax import log_softmax, logsumexp, softmax
from tests.core.test_losses import ce_exact

torch = pytest.importorskip(
    "torch", reason="PyTorch is not installed (not a dependency): no cross-check against it"
)

TOLERANCE = 1e-10
MARGIN = 1.0
QUANTITIES = [
    "cross_entropy_loss",
    "cross_entropy_grad",
    "svm_loss",  # torch's multi_margin_loss x K
    "svm_loss_grad",
    "mse_loss",
    "mse_grad",
    "softmax",
    "log_softmax",
    "logsumexp",
]
CASES = ["normal", "scale-1e4", "scale-1e300", "lecture", "large-margin"]
MARGINS = np.arange(0.0, 800.25, 0.25)  # the correct class's lead in "large-margin"


@functools.cache
def batches() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Float64 batches ``(N, K)`` with labels, from ordinary to extreme scores (seeded)."""
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, size=2000)
    return {
        "normal": (rng.normal(scale=3.0, size=(2000, 10)), labels),
        "scale-1e4": (rng.normal(scale=1e4, size=(2000, 10)), labels),
        "scale-1e300": (rng.uniform(-1e300, 1e300, size=(2000, 10)), labels),
        "lecture": (
            np.array([[3.0, 6.2, -2.1], [0.9, 5.1, 3.4], [1.6, 2.3, -4.5]]),
            np.array([0, 1, 2]),
        ),
        # class 0 leads the others (0, 0.25, ... below the best other) by 0 to 800:
        # every difference s_j - s_y is an exact float, so the exact loss is known
        "large-margin": (
            np.column_stack([MARGINS, np.broadcast_to(-0.25 * np.arange(4), (MARGINS.size, 4))]),
            np.zeros(MARGINS.size, dtype=np.int64),
        ),
    }


@functools.cache
def torch_reference(case: str) -> dict[str, np.ndarray]:
    """PyTorch's value of every compared quantity, gradients by autograd of the summed loss."""
    scores, labels = batches()[case]
    functional = torch.nn.functional
    y = torch.from_numpy(labels)
    num_classes = scores.shape[1]

    def with_grad(loss_fn: Callable) -> tuple[np.ndarray, np.ndarray]:
        s = torch.tensor(scores, dtype=torch.float64, requires_grad=True)
        per_sample = loss_fn(s)
        per_sample.sum().backward()
        return per_sample.detach().numpy(), s.grad.numpy()

    def hinge(s):  # torch divides by K, core sums
        return functional.multi_margin_loss(s, y, margin=MARGIN, reduction="none") * num_classes

    def squared(s):
        target = functional.one_hot(y, num_classes).to(torch.float64)
        return functional.mse_loss(s, target, reduction="none").mean(dim=1)

    ce, ce_grad = with_grad(lambda s: functional.cross_entropy(s, y, reduction="none"))
    svm, svm_grad = with_grad(hinge)
    mse, mse_g = with_grad(squared)
    s = torch.from_numpy(scores)
    return {
        "cross_entropy_loss": ce,
        "cross_entropy_grad": ce_grad,
        "svm_loss": svm,
        "svm_loss_grad": svm_grad,
        "mse_loss": mse,
        "mse_grad": mse_g,
        "softmax": torch.softmax(s, dim=1).numpy(),
        "log_softmax": torch.log_softmax(s, dim=1).numpy(),
        "logsumexp": torch.logsumexp(s, dim=1).numpy(),
    }


def core_value(case: str, quantity: str) -> np.ndarray:
    """The same quantity from ``core``."""
    scores, labels = batches()[case]
    functions = {
        "cross_entropy_loss": lambda: cross_entropy_loss(scores, labels),
        "cross_entropy_grad": lambda: cross_entropy_grad(scores, labels),
        "svm_loss": lambda: svm_loss(scores, labels, margin=MARGIN),
        "svm_loss_grad": lambda: svm_loss_grad(scores, labels, margin=MARGIN),
        "mse_loss": lambda: mse_loss(scores, labels),
        "mse_grad": lambda: mse_grad(scores, labels),
        "softmax": lambda: softmax(scores),
        "log_softmax": lambda: log_softmax(scores),
        "logsumexp": lambda: logsumexp(scores),
    }
    with np.errstate(over="ignore"):  # MSE of 1e300 scores squares past the float64 range
        return np.asarray(functions[quantity]())


def test_every_quantity_is_compared() -> None:
    assert set(torch_reference("lecture")) == set(QUANTITIES)


@pytest.mark.parametrize("quantity", QUANTITIES)
@pytest.mark.parametrize("case", CASES)
def test_core_matches_torch(case: str, quantity: str) -> None:
    ours, theirs = core_value(case, quantity), torch_reference(case)[quantity]
    assert ours.shape == theirs.shape
    finite = np.isfinite(ours) & np.isfinite(theirs)
    np.testing.assert_array_equal(np.isfinite(ours), np.isfinite(theirs))
    np.testing.assert_array_equal(ours[~finite], theirs[~finite])  # the same inf (or NaN)
    diff = np.abs(ours[finite] - theirs[finite])
    relative = diff / np.maximum(np.abs(theirs[finite]), 1.0)
    largest_abs = float(diff.max(initial=0.0))
    largest_rel = float(relative.max(initial=0.0))
    print(f"\n{case:<12} {quantity:<19} max abs {largest_abs:9.3g}  max rel {largest_rel:9.3g}")
    assert largest_rel <= TOLERANCE, f"{case} {quantity}: relative difference {largest_rel:.3g}"


def test_cross_entropy_at_large_margins_against_the_exact_value() -> None:
    """Core is within 1e-14 of the 50-digit value at every margin; torch is never closer.

    Documents, rather than tolerates, where the two differ: once the correct class
    leads by about 37 torch returns 0 (relative error 1) for a loss of about
    4 e^{-gap} that float64 can still hold (down to about 5e-324, gap ~ 745).
    """
    scores, labels = batches()["large-margin"]
    ours = core_value("large-margin", "cross_entropy_loss")
    theirs = torch_reference("large-margin")["cross_entropy_loss"]
    exact = np.array([ce_exact(row, int(y)) for row, y in zip(scores, labels, strict=True)])
    normal = exact >= np.finfo(np.float64).tiny
    core_error = np.abs(ours - exact) / np.where(normal, exact, 1.0)
    torch_error = np.abs(theirs - exact) / np.where(normal, exact, 1.0)
    assert np.all(core_error[normal] <= 1e-14)
    assert np.all(np.abs(ours - exact)[~normal] <= 4 * 5e-324)
    assert np.all(core_error <= torch_error + 1e-14)  # core is never the less exact one
    torch_zero = normal & (theirs == 0)
    print(
        f"\nlarge margins: core max rel error {core_error[normal].max():.2g}; torch max rel error "
        f"{torch_error[normal].max():.2g}, torch returns 0 from margin "
        f"{MARGINS[torch_zero].min() if torch_zero.any() else float('nan'):g} on, "
        f"core then {ours[torch_zero][:1]}"
    )
