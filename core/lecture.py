"""The lecture's worked example as data: the dog / bird / truck score table and a model for it.

Stored once, so every page and test uses the same numbers.
"""

from __future__ import annotations

import numpy as np

from core.linear import bias_trick

# The lecture's three-image batch (the "Example for Multiclass SVM" slide):
# columns are the dog, bird and truck images, rows the dog / bird / truck
# class scores. Stored here once, one row per image, so every page and test
# uses the same numbers.
LECTURE_CLASSES = ("Dog", "Bird", "Truck")
LECTURE_SCORES = np.array(
    [
        [3.0, 6.2, -2.1],  # dog image
        [0.9, 5.1, 3.4],  # bird image
        [1.6, 2.3, -4.5],  # truck image
    ]
)
LECTURE_LABELS = np.array([0, 1, 2])
# Four made-up pixel intensities per image: the slide gives scores, not
# pixels, so ``lecture_model`` fits weights that reproduce its scores exactly.
LECTURE_PIXELS = np.array(
    [
        [0.9, 0.6, 0.3, 0.2],
        [0.2, 0.8, 0.9, 0.4],
        [0.5, 0.1, 0.2, 0.9],
    ]
)


def lecture_model() -> tuple[np.ndarray, np.ndarray]:
    """Weights ``(W, b)`` of shape ``(3, 4)`` and ``(3,)`` whose scores on
    ``LECTURE_PIXELS`` are exactly ``LECTURE_SCORES``.

    Found with the bias trick: the smallest ``[W b]`` (least norm) solving
    ``[X 1] [W b]^T = S``; three images, five unknowns per class, so the fit
    is exact.
    """
    num_classes = LECTURE_SCORES.shape[1]
    _, x_aug = bias_trick(
        np.zeros((num_classes, LECTURE_PIXELS.shape[1])), np.zeros(num_classes), LECTURE_PIXELS
    )
    w_aug = np.linalg.lstsq(x_aug, LECTURE_SCORES, rcond=None)[0].T
    return w_aug[:, :-1], w_aug[:, -1]
