"""Softmax vs standard normalization: scale, sign, shift and temperature, side by side."""

import streamlit as st

from core.softmax_teaching import (
    geometric_grid,
    normalize_both,
    scale_sweep,
    sign_pattern,
    temperature_sweep,
)
from figures.softmax import (
    normalization_bars,
    scale_sweep_figure,
    temperature_figure,
)
from ui import controls
from ui.latex import num, vector

SCALES = geometric_grid(0.01, 100.0, 200)
TEMPERATURES = geometric_grid(0.05, 20.0, 200)
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


def _std_text(result) -> str:
    """The standard normalization as LaTeX, or a note that it is undefined."""
    return vector(result.std) if result.std is not None else r"\text{undefined (sum is 0)}"


st.title("Softmax vs standard normalization")
st.markdown(
    "Both turn scores into numbers that sum to 1. **Standard normalization** `s / Σ s` only "
    "looks at proportions, so `[1, 2]` and `[10, 20]` give the same answer. **Softmax** "
    "`e^s / Σ e^s` reacts to how *strong* the scores are: weak stimulation (a blurry image) "
    "gives a nearly uniform distribution, strong stimulation (a crisp image) a nearly one-hot one."
)

with st.sidebar:
    st.subheader("Scores")
    controls.preset_button(
        "Lecture: [1, 2]", {"snorm_scores": "1, 2", "snorm_scale": 1.0}, key="snorm_p_12"
    )
    controls.preset_button(
        "Lecture: [10, 20]",
        {"snorm_scores": "1, 2", "snorm_scale": 10.0},
        key="snorm_p_1020",
        help="The scores [1, 2] with stimulation 10",
    )
    controls.preset_button(
        "Mixed signs: [-1, 3]", {"snorm_scores": "-1, 3", "snorm_scale": 1.0}, key="snorm_p_mix"
    )
    controls.preset_button(
        "Sum zero: [-2, 2]", {"snorm_scores": "-2, 2", "snorm_scale": 1.0}, key="snorm_p_zero"
    )
    scores = controls.vector_input(
        "Scores s (2 to 10 numbers)",
        "snorm_scores",
        default="1, 2",
        min_length=2,
        max_length=10,
        min_value=-1e300,
        max_value=1e300,
        help="Numbers separated by commas, each within ±1e300, e.g. 1, 2 or -1, 3, 0.5",
    )
    scale = controls.slider(
        "Stimulation c (multiplies every score)",
        "snorm_scale",
        min_value=0.1,
        max_value=20.0,
        default=1.0,
        step=0.1,
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

scaled = normalize_both(scores, scale=scale)
z = scaled.scores
k = z.shape[0]

# ---------------------------------------------------------------- 1. scaling
st.header("1 · Turn up the stimulation")
exps = " + ".join(rf"e^{{{num(v)}}}" for v in z[:4]) + (r" + \cdots" if k > 4 else "")
st.latex(rf"c\,s = {num(scale)} \cdot {vector(scores)} = {vector(z)}")
st.latex(
    rf"\operatorname{{softmax}}(c\,s)_0 = \frac{{e^{{{num(z[0])}}}}}{{{exps}}} = "
    rf"{num(scaled.softmax[0])}, \qquad \operatorname{{softmax}}(c\,s) = {vector(scaled.softmax)}"
)
if scaled.std is None:
    st.latex(rf"\frac{{c\,s}}{{\sum_j c\,s_j}} = \frac{{{vector(z)}}}{{0}}\ \text{{(undefined)}}")
else:
    st.latex(
        rf"\frac{{c\,s}}{{\sum_j c\,s_j}} = \frac{{{vector(z)}}}{{{num(scaled.total)}}} = "
        rf"{vector(scaled.std)}"
    )
st.plotly_chart(
    normalization_bars(scaled.softmax, scaled.std, "Σ s = 0: undefined"),
    key="snorm_bars",
    theme=None,
)
st.caption(
    f"Softmax entropy H = {scaled.entropy:.4g} nats (uniform would be ln {k} = "
    f"{scaled.max_entropy:.4g}, one-hot 0): the lower, the crisper."
)

# ---------------------------------------------------------------- 2. sweep
st.header("2 · Every stimulation at once")
st.markdown(
    "Each class's output as the stimulation c grows (dotted line: your c). The dashed "
    "standard-normalization lines are flat: proportions do not change with c. Softmax slides "
    "from uniform (entropy ln K) to one-hot (entropy 0)."
)
sweep = scale_sweep(scores, SCALES)
st.plotly_chart(
    scale_sweep_figure(sweep.scales, sweep.softmax, sweep.std, sweep.entropy, scale),
    key="snorm_sweep",
    theme=None,
)

# ---------------------------------------------------------------- 3. signs, shift
st.header("3 · Negative scores and adding a constant")
pattern = sign_pattern(z)
if pattern == "positive":
    st.info(SIGN_NOTES[pattern])
else:
    st.warning(SIGN_NOTES[pattern])
shifted = normalize_both(scores, scale=scale, shift=shift)
st.latex(rf"c\,s + b = {vector(z)} + {num(shift)} = {vector(shifted.scores)}")
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

# ---------------------------------------------------------------- 4. temperature
st.header("4 · Temperature")
st.markdown(
    "Dividing your scores s by a temperature T is the stimulation dial turned the other way: "
    "softmax(s / T) is softmax(c·s) with c = 1/T. Small T sharpens softmax towards one-hot, "
    "large T flattens it towards uniform."
)
at_t = temperature_sweep(scores, [temperature])[0]
st.latex(
    rf"\operatorname{{softmax}}(s / T) = \operatorname{{softmax}}"
    rf"({vector(scores)} / {num(temperature)}) = {vector(at_t)}"
)
st.plotly_chart(
    temperature_figure(TEMPERATURES, temperature_sweep(scores, TEMPERATURES), temperature),
    key="snorm_temp_chart",
    theme=None,
)
