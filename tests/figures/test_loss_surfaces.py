"""figures.loss_surfaces: the traces carry the surfaces, gradient norms and paths core computed."""

from __future__ import annotations

import numpy as np
import pytest

from core.pages.loss_surfaces import descent, network, slice_at, surfaces
from figures.loss_surfaces import (
    CAMERAS,
    PATH_NAMES,
    SURFACE_COLORS,
    gradient_maps,
    slice_figure,
    surface_figure,
)

NAMES = ("W1 (x₁ → h₁)", "W2 (h₁ → output)")


@pytest.fixture(scope="module")
def parts():
    net = network(100, 2, seed=8)
    surf = surfaces(net, 6.0, 51)
    run = descent(net, (5.0, 5.0), 1.0, 6.0, 51)
    paths3 = tuple(np.column_stack([run.path[i], run.loss[i]]) for i in range(2))
    return net, surf, run, paths3


def _surface(parts, shown=(True, True), camera="paper", scaled=False):
    _, surf, _, paths3 = parts
    return surface_figure(surf.w1, surf.w2, surf.loss, shown, paths3, NAMES, camera, scaled)


def test_the_surfaces_carry_both_losses_as_float32(parts) -> None:
    _, surf, _, _ = parts
    fig = _surface(parts)
    ce, mse = [t for t in fig.data if t.type == "surface"]
    assert (ce.name, mse.name) == ("cross-entropy", "MSE")
    np.testing.assert_allclose(ce.z, surf.loss[0], rtol=1e-6)
    np.testing.assert_allclose(mse.z, surf.loss[1], rtol=1e-6)
    assert ce.z.dtype == np.float32
    np.testing.assert_allclose(ce.x, surf.w1)
    assert ce.colorscale[0][1] == "#000000" and mse.colorscale[0][1] == "#8b0000"


def test_the_descent_paths_lie_on_their_surfaces(parts) -> None:
    _, _, run, _ = parts
    fig = _surface(parts)
    lines = {t.name: t for t in fig.data if t.type == "scatter3d" and t.mode == "lines"}
    for index, name in enumerate(PATH_NAMES):
        np.testing.assert_allclose(lines[name].x, run.path[index, :, 0])
        np.testing.assert_allclose(lines[name].z, run.loss[index])


def test_scaled_surfaces_run_from_0_to_1_and_the_hover_reads_the_loss(parts) -> None:
    _, surf, run, _ = parts
    fig = _surface(parts, scaled=True)
    for index, trace in enumerate(t for t in fig.data if t.type == "surface"):
        assert trace.z.min() == 0.0 and trace.z.max() == pytest.approx(1.0)
        np.testing.assert_allclose(trace.customdata, surf.loss[index], rtol=1e-6)
        assert "customdata" in trace.hovertemplate
    (mse_path,) = [t for t in fig.data if t.name == PATH_NAMES[1]]
    low, high = surf.loss[1].min(), surf.loss[1].max()
    np.testing.assert_allclose(mse_path.z, (run.loss[1] - low) / (high - low))
    np.testing.assert_allclose(mse_path.customdata, run.loss[1])


def test_no_z_tick_at_0_where_it_would_sit_on_the_w2_labels(parts) -> None:
    ticks = _surface(parts).layout.scene.zaxis.tickvals
    assert ticks[0] > 0 and ticks[-1] <= _surface(parts).layout.scene.zaxis.range[1]


@pytest.mark.parametrize("shown", [(True, False), (False, True), (False, False)], ids=str)
def test_a_surface_switched_off_is_not_drawn(parts, shown) -> None:
    fig = _surface(parts, shown=shown)
    names = {t.name for t in fig.data if t.type == "surface"}
    assert names == {n for n, on in zip(("cross-entropy", "MSE"), shown, strict=True) if on}


@pytest.mark.parametrize("camera", list(CAMERAS))
def test_each_camera_preset_sets_the_eye_and_keeps_rotations_until_changed(parts, camera) -> None:
    fig = _surface(parts, camera=camera)
    assert fig.layout.scene.camera.eye.x == CAMERAS[camera]["eye"]["x"]
    assert fig.layout.scene.uirevision == camera
    assert fig.layout.scene.xaxis.title.text == NAMES[0]


def test_the_gradient_maps_show_log10_of_each_norm_on_one_colour_axis(parts) -> None:
    _, surf, run, _ = parts
    fig = gradient_maps(surf.w1, surf.w2, surf.grad_norm, (run.path[0], run.path[1]), NAMES, 0.0)
    heat = [t for t in fig.data if t.type == "heatmap"]
    assert len(heat) == 2 and {h.coloraxis for h in heat} == {"coloraxis"}
    for index in range(2):
        np.testing.assert_allclose(heat[index].z, np.log10(surf.grad_norm[index]), atol=6e-3)
    paths = [t for t in fig.data if t.type == "scatter"]
    np.testing.assert_allclose(paths[1].y, run.path[1, :, 1])
    assert [a.text for a in fig.layout.annotations] == ["<b>cross-entropy</b>", "<b>MSE</b>"]
    assert [s.y0 for s in fig.layout.shapes] == [0.0, 0.0]


def test_the_slice_figure_plots_both_losses_along_w1(parts) -> None:
    net = parts[0]
    w1 = np.linspace(-6, 6, 201)
    loss = slice_at(net, 2.0, 6.0)
    fig = slice_figure(w1, loss, 2.0, NAMES[0])
    assert [t.name for t in fig.data] == ["cross-entropy", "MSE"]
    assert [t.line.color for t in fig.data] == list(SURFACE_COLORS)
    np.testing.assert_allclose(fig.data[1].y, loss[1])
    assert fig.layout.title.text == "Slice at W2 = 2"


def test_the_default_figures_fit_the_payload_budget(parts) -> None:
    _, surf, run, _ = parts
    size = len(_surface(parts).to_json()) + len(
        gradient_maps(
            surf.w1, surf.w2, surf.grad_norm, (run.path[0], run.path[1]), NAMES, 0.0
        ).to_json()
    )
    assert size < 300 * 1024
