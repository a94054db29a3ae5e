"""Cross-check ``core`` against PyTorch (CPU, float64): losses, gradients, softmax family.

Run from the repo root: ``python bench/crosscheck_torch.py``. PyTorch is not a
dependency: where it is not installed the script says so and exits 0.
Prints the largest absolute and relative difference of each quantity on
random batches and on extreme ones (scores of order 1e4 and 1e300), and exits
1 if any relative difference exceeds ``TOLERANCE`` or one side is finite where
the other is not.

Conventions that differ: ``torch.nn.functional.multi_margin_loss`` divides the
hinge sum by K (ours sums), so it is multiplied by K here; ``mse_loss`` with
one-hot targets is averaged over classes on both sides.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.losses import (  # noqa: E402
    cross_entropy_grad,
    cross_entropy_loss,
    mse_grad,
    mse_loss,
    svm_loss,
    svm_loss_grad,
)
from core.softmax import log_softmax, logsumexp, softmax  # noqa: E402

TOLERANCE = 1e-10
MARGIN = 1.0


def torch_reference(torch, scores: np.ndarray, labels: np.ndarray) -> dict[str, np.ndarray]:
    """PyTorch's value of every compared quantity, gradients by autograd of the summed loss."""
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
        "svm_loss (torch x K)": svm,
        "svm_loss_grad": svm_grad,
        "mse_loss": mse,
        "mse_grad": mse_g,
        "softmax": torch.softmax(s, dim=1).numpy(),
        "log_softmax": torch.log_softmax(s, dim=1).numpy(),
        "logsumexp": torch.logsumexp(s, dim=1).numpy(),
    }


def core_values(scores: np.ndarray, labels: np.ndarray) -> dict[str, np.ndarray]:
    """The same quantities from ``core``."""
    with np.errstate(over="ignore"):  # MSE of 1e300 scores squares past the float64 range
        mse, mse_g = mse_loss(scores, labels), mse_grad(scores, labels)
    return {
        "cross_entropy_loss": cross_entropy_loss(scores, labels),
        "cross_entropy_grad": cross_entropy_grad(scores, labels),
        "svm_loss (torch x K)": svm_loss(scores, labels, margin=MARGIN),
        "svm_loss_grad": svm_loss_grad(scores, labels, margin=MARGIN),
        "mse_loss": mse,
        "mse_grad": mse_g,
        "softmax": softmax(scores),
        "log_softmax": log_softmax(scores),
        "logsumexp": logsumexp(scores),
    }


def compare(ours: np.ndarray, theirs: np.ndarray) -> tuple[float, float, bool]:
    """Largest absolute and relative difference where both are finite; do the finite masks agree?"""
    finite = np.isfinite(ours) & np.isfinite(theirs)
    same_mask = bool(np.array_equal(np.isfinite(ours), np.isfinite(theirs)))
    if not finite.any():
        return 0.0, 0.0, same_mask
    diff = np.abs(ours[finite] - theirs[finite])
    scale = np.maximum(np.abs(theirs[finite]), 1.0)
    return float(diff.max()), float((diff / scale).max()), same_mask


def cases(rng: np.random.Generator) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Random float64 batches ``(N, K)`` with labels, from ordinary to extreme scores."""
    labels = rng.integers(0, 10, size=2000)
    return {
        "random N(0, 3)": (rng.normal(scale=3.0, size=(2000, 10)), labels),
        "scale 1e4": (rng.normal(scale=1e4, size=(2000, 10)), labels),
        "scale 1e300": (rng.uniform(-1e300, 1e300, size=(2000, 10)), labels),
        "lecture batch": (
            np.array([[3.0, 6.2, -2.1], [0.9, 5.1, 3.4], [1.6, 2.3, -4.5]]),
            np.array([0, 1, 2]),
        ),
    }


def main() -> int:
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed: nothing to cross-check (it is not a dependency).")
        return 0
    print(f"core vs torch {torch.__version__} (CPU, float64); relative diff = |a-b| / max(|b|, 1)")
    print(f"{'case':<15} {'quantity':<22} {'max abs diff':>13} {'max rel diff':>13}  finite agree")
    worst = 0.0
    masks_agree = True
    for name, (scores, labels) in cases(np.random.default_rng(0)).items():
        ours = core_values(scores, labels)
        theirs = torch_reference(torch, scores, labels)
        for quantity, value in ours.items():
            abs_diff, rel_diff, same_mask = compare(np.asarray(value), theirs[quantity])
            worst = max(worst, rel_diff)
            masks_agree &= same_mask
            print(f"{name:<15} {quantity:<22} {abs_diff:>13.3g} {rel_diff:>13.3g}  {same_mask}")
    ok = worst <= TOLERANCE and masks_agree
    print(f"largest relative difference {worst:.3g}: {'OK' if ok else 'MISMATCH'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
