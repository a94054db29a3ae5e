"""The ▶ Play of the sweeps (Δ, c, T, λ): one frame per sweep value, ending on the slider's.

Each case builds a page's Play figure as its section does, at a value that is not the
default; frames must be one per sweep value, agree with ``core`` computed independently,
their last shown frame must be the static figure at the slider's value, and the scrub bar
must start there. The page's whole chart JSON at defaults stays within the 300 KiB budget.
"""

from __future__ import annotations

import numpy as np
import plotly.io as pio
import pytest

from core.losses import svm_margins
from core.pages.regularization import (
    GEOMETRY_GRID,
    PENALTIES,
    W_STAR,
    geometry,
    geometry_play,
    level_set,
    level_sets,
    path_penalty,
)
from core.pages.softmax_normalization import scale_sweep, temperature_sweep
from core.pages.svm_margin import margin_sweep
from core.regularization import REGULARIZERS
from core.softmax import softmax
from core.sweeps import sweep_values
from figures.regularization import geometry_figure
from figures.softmax_normalization import scale_sweep_figure, temperature_figure
from figures.svm_margin import margin_play
from sections import softmax_normalization as snorm_section
from sections import svm_margin as svmm_section
from tests.apptest_utils import chart_specs, open_page

SCORES = np.array([15.0, -3.0, 7.0])


def svm_case(delta: float = 7.5):
    sweep = margin_sweep(SCORES, 1, svmm_section.PLAY_MARGINS, current=delta)
    fig = margin_play(SCORES, 1, sweep.margins, sweep.terms, sweep.loss, sweep.low, sweep.index)
    return fig, sweep.margins, sweep.index, delta


def scale_case(c: float = 3.3, animate: bool = True):
    s = np.array([1.0, 2.0])
    sweep = scale_sweep(s, snorm_section.SCALES)
    values, index = sweep_values(snorm_section.PLAY_SCALES, c)
    play = scale_sweep(s, values)
    fig = scale_sweep_figure(
        sweep.scales,
        sweep.softmax,
        sweep.std,
        sweep.entropy,
        (play.scales, play.softmax, play.std, play.entropy),
        index,
        animate,
    )
    return fig, values, index, c


def temperature_case(t: float = 0.35, animate: bool = True):
    s = np.array([1.0, 2.0, -1.0])
    values, index = sweep_values(snorm_section.PLAY_TEMPERATURES, t)
    temps = snorm_section.TEMPERATURES
    fig = temperature_figure(
        temps, temperature_sweep(s, temps), (values, temperature_sweep(s, values)), index, animate
    )
    return fig, values, index, t


def regularization_case(exponent: float = 0.25, rho: float = 0.5, animate: bool = True):
    geo, play = geometry(rho), geometry_play(rho, exponent)
    fig = geometry_figure(
        GEOMETRY_GRID,
        geo.loss_grid,
        tuple((reg, geo.paths[reg]) for reg in PENALTIES),
        (play.lams, tuple((reg, play.optima[reg], play.levels[reg]) for reg in PENALTIES)),
        play.index,
        W_STAR,
        animate,
    )
    return fig, play.lams, play.index, 10.0**exponent


CASES = {"Δ": svm_case, "c": scale_case, "T": temperature_case, "λ": regularization_case}


@pytest.mark.parametrize("symbol", CASES, ids=["delta", "scale", "temperature", "lambda"])
def test_frames_one_per_value_and_play_ends_on_the_sliders_value(symbol) -> None:
    fig, values, index, current = CASES[symbol]()
    assert values[index] == pytest.approx(current)
    assert np.all(np.diff(values) > 0) and 40 <= len(values) <= 82
    names = [frame.name for frame in fig.frames]
    assert len(names) == len(set(names)) == len(values)
    play, pause = fig.layout.updatemenus[0].buttons
    assert (play.label, pause.label) == ("▶ Play", "❚❚ Pause")
    sequence, options = play.args
    assert sequence[0] == names[0] and names[-1] in sequence and sequence[-1] == names[index]
    assert options["frame"] == {"duration": 20, "redraw": False}  # 30+ frames a second
    assert options["transition"]["duration"] == 0 and options["mode"] == "immediate"
    (bar,) = fig.layout.sliders
    assert bar.active == index and bar.currentvalue.prefix == f"{symbol} = "
    assert [step.args[0][0] for step in bar.steps] == names  # the scrub bar's steps animate
    assert all(step.method == "animate" for step in bar.steps)
    # The last frame Play shows is the figure as drawn: after Play the page's numbers hold.
    last = fig.frames[index]
    for k, data in zip(last.traces, last.data, strict=True):
        for attr in ("x", "y", "text"):
            if data[attr] is not None:
                assert list(data[attr]) == list(fig.data[k][attr]), (k, attr)
        assert fig.data[k].type == "scatter"  # no heatmap or 3D per frame: redraw stays off


def test_svm_frames_agree_with_core_svm_margins() -> None:
    fig, values, _, _ = svm_case()
    for frame, delta in zip(fig.frames, values, strict=True):
        terms = svm_margins(SCORES, 1, margin=float(delta))
        bars, labels = frame.data[1].x, frame.data[1].text
        assert labels[-1] == f"L_i = {terms.sum():g}"
        assert frame.data[0].x[0] == pytest.approx(SCORES[1] - delta)  # the band's lower edge
        for n, j in enumerate((0, 2)):  # the wrong classes
            if terms[j] > 0:
                assert bars[3 * n + 1] == SCORES[j] and labels[3 * n + 1] == f"+{terms[j]:g}"
            else:
                assert bars[3 * n] is None and labels[3 * n + 1] == ""


def test_softmax_frames_agree_with_core_softmax() -> None:
    fig, values, _, _ = scale_case()
    for frame, c in zip(fig.frames, values, strict=True):
        dots = [v for v in frame.data[0].y[2:] if v is not None]
        expected = np.concatenate([softmax(c * np.array([1.0, 2.0])), [1 / 3, 2 / 3]])
        np.testing.assert_allclose(dots, expected, atol=5e-5)
    fig, values, _, _ = temperature_case()
    for frame, t in zip(fig.frames, values, strict=True):
        dots = [v for v in frame.data[0].y[2:] if v is not None]
        np.testing.assert_allclose(dots, softmax(np.array([1.0, 2.0, -1.0]) / t), atol=5e-5)


def penalty_by_hand(w: np.ndarray, rho: float) -> np.ndarray:
    """ρ Σ|w| + (1 − ρ) Σ w² over the last axis: L1 at ρ = 1, L2 at ρ = 0."""
    return rho * np.abs(w).sum(-1) + (1 - rho) * np.square(w).sum(-1)


def test_regularization_frames_follow_the_paths_of_optima() -> None:
    fig, lams, _, _ = regularization_case()
    geo = geometry(0.5)
    for frame, lam in zip(fig.frames, lams, strict=True):
        i = int(np.argmin(np.abs(geo.lams - lam)))
        for k, reg in enumerate(PENALTIES):
            level, dot = frame.data[2 * k], frame.data[2 * k + 1]
            assert (dot.x[0], dot.y[0]) == tuple(geo.paths[reg][i])
            # its level set is the penalty's level through the optimum (R by hand, ρ = 0.5)
            rho = {"l1": 1.0, "l2": 0.0}.get(reg, 0.5)
            xy = np.column_stack([level.x, level.y])
            np.testing.assert_allclose(
                penalty_by_hand(xy, rho), penalty_by_hand(geo.paths[reg][i], rho), atol=5e-3
            )


PLAY_SWITCHES = {
    "views/svm_margin.py": {"svmm_play": "true"},
    "views/softmax_normalization.py": {"snorm_play_c": "true", "snorm_play_t": "true"},
    "views/regularization.py": {"reg_play": "true"},
}


def _has_frames(spec: str) -> bool:
    return bool(pio.from_json(spec, skip_invalid=True).to_dict().get("frames"))


@pytest.mark.parametrize("page", PLAY_SWITCHES)
def test_the_play_is_off_by_default_and_within_the_payload_budget_when_on(page) -> None:
    """Off: no chart carries frames (a slider press sends and remounts no frames); on (a
    link with the switches): the Play's frames are there and the page's charts fit 300 KiB."""
    specs = chart_specs(open_page(page))
    assert not any(_has_frames(s) for s in specs)
    playing = chart_specs(open_page(page, PLAY_SWITCHES[page]))
    assert sum(len(s) for s in playing) <= 300 * 1024
    assert sum(_has_frames(s) for s in playing) == len(PLAY_SWITCHES[page])
    assert sum(len(s) for s in specs) < sum(len(s) for s in playing)


@pytest.mark.parametrize("symbol", ["c", "T", "λ"], ids=["scale", "temperature", "lambda"])
def test_without_animate_a_sweep_chart_marks_the_value_with_no_play(symbol) -> None:
    """The switch off: the same chart and mark at the slider's value, no frames, no Play."""
    animated, *_ = CASES[symbol]()
    still, *_ = CASES[symbol](animate=False)
    assert animated.frames and animated.layout.sliders and animated.layout.updatemenus
    assert not still.frames and not still.layout.sliders and not still.layout.updatemenus
    assert len(still.data) == len(animated.data)
    for a, b in zip(animated.data, still.data, strict=True):
        np.testing.assert_array_equal(np.asarray(a.x, dtype=object), np.asarray(b.x, dtype=object))
        np.testing.assert_array_equal(np.asarray(a.y, dtype=object), np.asarray(b.y, dtype=object))


def test_core_sweeps_are_one_call_over_the_grid_and_agree_value_by_value() -> None:
    """The vectorized sweeps behind the frames against the one-value functions of core."""
    sweep = margin_sweep(SCORES, 0, np.arange(0.0, 40.5, 1.0), current=7.5)
    assert sweep.margins[sweep.index] == 7.5 and sweep.margins.size == 42
    for delta, terms in zip(sweep.margins, sweep.terms, strict=True):
        np.testing.assert_array_equal(terms, svm_margins(SCORES, 0, margin=float(delta)))
    values, index = sweep_values([1.0, 2.0, 3.0], 2.01)  # 2 gives way to 2.01
    assert values.tolist() == [1.0, 2.01, 3.0] and index == 1
    w = np.array([[1.0, -2.0], [0.3, 0.0]])
    for reg in PENALTIES:
        kwargs = {"l1_ratio": 0.3} if reg == "elastic" else {}
        by_row = [REGULARIZERS[reg].penalty(row, **kwargs) for row in w]
        np.testing.assert_allclose(path_penalty(reg, w, l1_ratio=0.3), by_row)
        sets = level_sets(reg, [0.5, 2.0], l1_ratio=0.3, points=33)
        np.testing.assert_allclose(sets[1], level_set(reg, 2.0, l1_ratio=0.3, points=33))
