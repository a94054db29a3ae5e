"""Sections of the softmax vs standard normalization page (views/softmax_normalization.py)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.pages.softmax_normalization import (
    Normalized,
    normalize_both,
    scale_sweep,
    sign_pattern,
    slide_examples,
    temperature_sweep,
)
from core.sweeps import sweep_values
from figures.softmax_normalization import (
    normalization_bars,
    scale_sweep_figure,
    temperature_figure,
)
from ui import charts, controls
from ui.latex import num, vector
from ui.live_chart import frozen, live_chart, slider_values
from ui.parsing import format_vector

SCALE_STEP = 0.1
SCALE_VALUES = slider_values(0.1, 20.0, SCALE_STEP)  # every c the slider can take
SCALES = np.geomspace(0.01, 100.0, 200)
TEMPERATURES = np.geomspace(0.05, 20.0, 200)
# The Plays' frames: 41 values over each slider's range (the slider's own value put in).
PLAY_SCALES = np.geomspace(0.1, 20.0, 41)
PLAY_TEMPERATURES = np.geomspace(0.05, 20.0, 41)
SIGN_NOTES = {
    "positive": "All scores are positive: both methods give proper probabilities.",
    "negative": (
        "All scores are negative: s / Σ s still lies in [0, 1], but **backwards**: the "
        "*largest* score (closest to 0) gets the *smallest* share. Softmax keeps the order."
    ),
    "mixed": (
        "The scores are mixed in sign: s / Σ s gives outputs that are **negative or above 1**, "
        "so they are not probabilities at all. Softmax outputs always lie in (0, 1)."
    ),
    "zero sum": (
        "The scores sum to 0, so s / Σ s divides by zero: standard normalization is "
        "**undefined** here. Softmax has no such problem."
    ),
}
PRESETS = (  # (button, scores, stimulation, help)
    ("Lecture: [1, 2]", "1, 2", 1.0, None),
    ("Lecture: [10, 20]", "1, 2", 10.0, "The scores [1, 2] with stimulation 10"),
    ("Mixed signs: [-1, 3]", "-1, 3", 1.0, None),
    ("Sum zero: [-2, 2]", "-2, 2", 1.0, None),
)
PRESET_KEYS = ("snorm_p_12", "snorm_p_1020", "snorm_p_mix", "snorm_p_zero")


def _std_text(result: Normalized) -> str:
    """The standard normalization as LaTeX, or a note that it is undefined."""
    return vector(result.std) if result.std is not None else r"\text{undefined (sum is 0)}"


def settings() -> tuple[np.ndarray, float, float, float]:
    """The sidebar: presets, the scores, stimulation c, shift b and temperature T."""
    with controls.sidebar():
        st.subheader("Scores")
        for (label, scores, scale, help_text), key in zip(PRESETS, PRESET_KEYS, strict=True):
            controls.preset_button(
                label, {"snorm_scores": scores, "snorm_scale": scale}, key=key, help=help_text
            )
        scores = controls.scores_input("snorm_scores", default="1, 2", example="1, 2 or -1, 3, 0.5")
        scale = controls.slider(
            "Stimulation c (multiplies every score)",
            "snorm_scale",
            min_value=0.1,
            max_value=20.0,
            default=1.0,
            step=SCALE_STEP,
        )
        shift = controls.slider(
            "Constant b added to every score",
            "snorm_shift",
            min_value=-20.0,
            max_value=20.0,
            default=0.0,
            step=0.5,
        )
        temperature = controls.slider(
            "Temperature T", "snorm_temp", min_value=0.05, max_value=20.0, default=1.0, step=0.05
        )
    return scores, scale, shift, temperature


def stimulation(scores: np.ndarray, scale: float) -> Normalized:
    """Both normalizations of c·s with the numbers substituted, as bars."""
    scaled = normalize_both(scores, scale=scale)
    z = scaled.scores
    k = z.shape[0]
    exps = " + ".join(rf"e^{{{num(v)}}}" for v in z[:4]) + (r" + \cdots" if k > 4 else "")
    # Chart and formulas side by side: the chart is on a 1280 x 720 projector's first screen.
    left, right = st.columns(2, gap="medium")
    live_chart(
        left,
        lambda c: _bars_figure(scores, c),
        key="snorm_bars",
        slider="snorm_scale",
        value=scale,
        values=SCALE_VALUES,
        inputs=frozen(scores),
    )
    right.latex(rf"c\,s = {num(scale)} \cdot {vector(scores)} = {vector(z)}")
    right.latex(
        rf"\begin{{aligned}}\operatorname{{softmax}}(c\,s)_0 &= "
        rf"\frac{{e^{{{num(z[0])}}}}}{{{exps}}} = {num(scaled.softmax[0])} \\ "
        rf"\operatorname{{softmax}}(c\,s) &= {vector(scaled.softmax)}\end{{aligned}}"
    )
    if scaled.std is None:
        right.latex(
            rf"\frac{{c\,s}}{{\sum_j c\,s_j}} = \frac{{{vector(z)}}}{{0}}\ \text{{(undefined)}}"
        )
    else:
        right.latex(
            rf"\frac{{c\,s}}{{\sum_j c\,s_j}} = \frac{{{vector(z)}}}{{{num(scaled.total)}}} = "
            rf"{vector(scaled.std)}"
        )
    right.caption(
        f"Softmax entropy H = {scaled.entropy:.4g} nats (uniform would be ln {k} = "
        f"{scaled.max_entropy:.4g}, one-hot 0): the lower, the crisper."
    )
    st.info(slide_note())
    return scaled


def _bars_figure(scores: np.ndarray, scale: float):
    """softmax(c·s) beside c·s / Σ c·s, as bars, for stimulation ``scale``."""
    scaled = normalize_both(scores, scale=scale)
    return normalization_bars(scaled.softmax, scaled.std, "Σ c·s = 0: undefined", scale)


def slide_note() -> str:
    """Where the slide rounds its softmax examples, with the unrounded numbers core computes."""
    ex = slide_examples()
    return (
        "**Comparing with the slide:** it rounds softmax to two decimals. softmax([1, 2]) is "
        f"[{format_vector(ex.softmax_1_2, 4)}], its [0.27, 0.73]; softmax([10, 20]) is "
        f"[{format_vector(ex.softmax_10_20, 5)}], which it writes as [0, 1]. For finite scores "
        'softmax never reaches exactly 0 or 1 (the preset "Lecture: [10, 20]" shows it).'
    )


def every_stimulation(scores: np.ndarray, scale: float) -> None:
    """Each class's output against c on a log axis, with the current c marked."""
    st.markdown(
        "Each class's output as the stimulation c grows (dotted line: your c). The dashed "
        "standard-normalization lines are flat: proportions do not change with c. Softmax slides "
        "from uniform (entropy ln K) to one-hot (entropy 0). Switch on ▶ Play to move c from "
        "0.1 to 20 in your browser and back to your c."
    )
    animate = _play_toggle("▶ Play c from 0.1 to 20 in the chart", "snorm_play_c")
    sweep = scale_sweep(scores, SCALES)
    values, index = sweep_values(PLAY_SCALES, scale)
    play = scale_sweep(scores, values)
    charts.plotly_chart(
        st,
        scale_sweep_figure(
            sweep.scales,
            sweep.softmax,
            sweep.std,
            sweep.entropy,
            (play.scales, play.softmax, play.std, play.entropy),
            index,
            animate,
        ),
        key="snorm_sweep",
    )


def _play_toggle(label: str, key: str) -> bool:
    """The switch that gives a sweep chart its ▶ Play (frames, in the browser).

    Off by default: while a chart carries its 41 frames, every move of its slider sends and
    remounts them (about 30 KiB and 60-100 ms per press to paint, measured), so the
    sliders stay quick until a lecturer wants the sweep played; a link keeps it on.
    """
    return controls.toggle(
        label,
        key,
        default=False,
        help="Play and a scrub bar inside the chart: the sweep runs in your browser (no "
        "server round trip) and comes back to the slider's value.",
    )


def signs_and_shift(scores: np.ndarray, scale: float, shift: float, scaled: Normalized) -> None:
    """What the scores' signs do to s / Σ s, and adding a constant b to every score."""
    pattern = sign_pattern(scaled.scores)
    if pattern == "positive":
        st.info(SIGN_NOTES[pattern])
    else:
        st.warning(SIGN_NOTES[pattern])
    shifted = normalize_both(scores, scale=scale, shift=shift)
    st.latex(rf"c\,s + b = {vector(scaled.scores)} + {num(shift)} = {vector(shifted.scores)}")
    left, right = st.columns(2)
    with left:
        st.markdown("**Softmax**: adding b changes nothing (e^b cancels)")
        st.latex(
            r"\begin{aligned}"
            rf"\operatorname{{softmax}}(c\,s) &= {vector(scaled.softmax)}\\[8pt]"
            rf"\operatorname{{softmax}}(c\,s + b) &= {vector(shifted.softmax)}"
            r"\end{aligned}"
        )
    with right:
        st.markdown("**Standard normalization**: adding b changes the proportions")
        st.latex(
            r"\begin{aligned}"
            rf"\frac{{c\,s}}{{\sum c\,s}} &= {_std_text(scaled)}\\[8pt]"
            rf"\frac{{c\,s + b}}{{\sum (c\,s + b)}} &= {_std_text(shifted)}"
            r"\end{aligned}"
        )
        if shifted.std is None and shift != 0:
            st.warning(SIGN_NOTES["zero sum"])


def temperature(scores: np.ndarray, temperature: float) -> None:
    """softmax(s / T) with the numbers, and every class's output against T."""
    st.markdown(
        "Dividing your scores s by a temperature T is the stimulation dial turned the other way: "
        "softmax(s / T) is softmax(c·s) with c = 1/T. Small T sharpens softmax towards one-hot, "
        "large T flattens it towards uniform. Switch on ▶ Play to move T from 0.05 to 20 in your "
        "browser and back to your T."
    )
    at_t = temperature_sweep(scores, [temperature])[0]
    st.latex(
        rf"\operatorname{{softmax}}(s / T) = \operatorname{{softmax}}"
        rf"({vector(scores)} / {num(temperature)}) = {vector(at_t)}"
    )
    animate = _play_toggle("▶ Play T from 0.05 to 20 in the chart", "snorm_play_t")
    values, index = sweep_values(PLAY_TEMPERATURES, temperature)
    charts.plotly_chart(
        st,
        temperature_figure(
            TEMPERATURES,
            temperature_sweep(scores, TEMPERATURES),
            (values, temperature_sweep(scores, values)),
            index,
            animate,
        ),
        key="snorm_temp_chart",
    )
