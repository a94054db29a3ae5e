"""Cached results of the SVM pages: training runs (``st.cache_data``) and figures that depend
only on their arguments (``st.cache_resource``: shared between sessions, never mutated).

Defined in a module, not in the page scripts: a decorator in a page is rebuilt, and its
function's source hashed again, on every rerun.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from core.svm import (
    LinearSvmFits,
    TwoClassDemo,
    accuracy,
    blobs,
    decision_regions,
    hinge,
    margin_view,
    region_agreement,
    train_linear_svm,
    two_class_demo,
)
from figures import svm as svm_figures
from figures import svm_margin as margin_figures

DELTAS = np.array([1.0, 5.0, 20.0])  # the margins trained side by side
GRID = np.linspace(-4.5, 4.5, 61)  # decision-region grid, both axes
N_POINTS = 90
DEMO_X = np.linspace(-4.0, 4.0, 161)  # inputs of the K = 2 demo


@st.cache_data(max_entries=32, show_spinner=False)
def train(
    lam: float, compensate: bool, seed: int
) -> tuple[np.ndarray, np.ndarray, LinearSvmFits, np.ndarray, np.ndarray, np.ndarray]:
    """One linear SVM per Δ in ``DELTAS`` on the seeded blobs, λ fixed or λ/Δ.

    Returns ``X``, ``y``, the fits, the regions ``(3, 61, 61)``, each run's
    agreement with the Δ = 1 regions and its training accuracy.
    """
    X, y = blobs(N_POINTS, seed=seed)
    fits = train_linear_svm(X, y, margins=DELTAS, lam=lam / DELTAS if compensate else lam)
    regions = decision_regions(fits.W, fits.b, GRID, GRID)
    return X, y, fits, regions, region_agreement(regions), accuracy(fits.W, fits.b, X, y)


@st.cache_resource(max_entries=32, show_spinner=False)
def regions_chart(lam: float, compensate: bool, seed: int) -> go.Figure:
    """The decision-region panels of ``train``'s runs, titled with ‖W‖ and the agreement."""
    X, y, fits, regions, agreement, _ = train(lam, compensate, seed)
    titles = [
        f"Δ = {d:g}: ‖W‖ = {n:.3g}, {100 * a:.1f}% same"
        for d, n, a in zip(DELTAS, fits.weight_norms, agreement, strict=True)
    ]
    return margin_figures.decision_regions(GRID, GRID, regions, X, y, titles)


@st.cache_resource(max_entries=64, show_spinner=False)
def two_class_view(w0: float, b0: float, w1: float, b1: float) -> tuple[TwoClassDemo, go.Figure]:
    """The K = 2 demo for weights ``w_k = (slope, bias)`` and its figure."""
    demo = two_class_demo(np.array([[w0, b0], [w1, b1]]), DEMO_X)
    return demo, svm_figures.binary_equivalence(DEMO_X, demo.multiclass, demo.binary)


# The charts below are rebuilt only when their own inputs change, so a rerun caused by
# another control (a K = 2 slider, the quiz, λ) reuses them.


@st.cache_resource(max_entries=64, show_spinner=False)
def terms_chart(terms: np.ndarray, labels: np.ndarray, classes, image_names) -> go.Figure:
    """``figures.svm.terms_heatmap``, cached by its inputs."""
    return svm_figures.terms_heatmap(terms, labels, classes, image_names)


@st.cache_resource(max_entries=64, show_spinner=False)
def losses_chart(
    losses: np.ndarray, batch_loss: float, image_names, labels: np.ndarray, classes
) -> go.Figure:
    """``figures.svm.loss_bars``, cached by its inputs."""
    return svm_figures.loss_bars(losses, batch_loss, image_names, labels, classes)


@st.cache_resource(max_entries=64, show_spinner=False)
def gradient_chart(grad: np.ndarray, labels: np.ndarray, classes, image_names) -> go.Figure:
    """``figures.svm.gradient_heatmap``, cached by its inputs."""
    return svm_figures.gradient_heatmap(grad, labels, classes, image_names)


@st.cache_resource(max_entries=64, show_spinner=False)
def margin_charts(scores: np.ndarray, label: int, delta: float) -> tuple[go.Figure, go.Figure]:
    """The number line and the hinge of one image, cached by scores, label and Δ."""
    view = margin_view(scores, label, margin=delta)
    low = min(float(view.diffs.min()), -delta) - 5.0
    high = max(float(view.diffs.max()), 0.0) + 5.0
    grid = np.linspace(low, high, 401)
    return (
        margin_figures.number_line(scores, label, view.terms, view.band),
        margin_figures.hinge_curve(grid, hinge(grid, margin=delta), view.diffs, view.terms, label),
    )
