"""core.lecture: the stored slide numbers and the model that reproduces them."""

from __future__ import annotations

import numpy as np

from core.lecture import LECTURE_PIXELS, LECTURE_SCORES, lecture_model


def test_lecture_model_reproduces_the_slide_scores() -> None:
    W, b = lecture_model()
    assert W.shape == (3, 4) and b.shape == (3,)
    np.testing.assert_allclose(LECTURE_PIXELS @ W.T + b, LECTURE_SCORES, atol=1e-12)
