"""Sections of the training playground (views/playground.py).

The run on screen is a pure function of the settings, the data, the start and the
step count (``core.pages.playground.train``), so the share link carries the step
count (``pg_steps``) and a link reopens the same run. The session keeps its latest
run, so Step, Run and Play only compute the new steps.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import streamlit as st

from core.datasets import points_from_csv, points_to_csv
from core.losses import LOSSES
from core.memo import memoize
from core.pages.playground import (
    ACTIVATIONS,
    DATASET_IDS,
    MAX_HIDDEN,
    MAX_STEPS,
    WITH_CLASSES,
    Data,
    Run,
    Settings,
    advance,
    dataset,
    extent,
    flatten,
    gradients,
    lecture_start,
    make_data,
    point_table,
    regions,
    start_run,
    unflatten,
)
from figures.playground import COMPARE_HEIGHT, compare_figure, curves_figure, regions_figure
from ui import charts, controls
from ui.latex import num
from ui.live_chart import frozen, live_chart, slider_values
from ui.parsing import parse_number, parse_vector
from ui.text import inert, inert_message

DATASET_NAMES = {
    "blobs": "Blobs",
    "circles": "Circles",
    "spiral": "Spiral",
    "xor": "XOR",
    "lecture": "Lecture: dog, bird, truck",
}
LECTURE_NAMES = ("Dog", "Bird", "Truck")
MODEL_NAMES = {"linear": "Linear: s = Wx + b", "mlp": "Two-layer network"}
ACTIVATION_NAMES = {"relu": "ReLU", "tanh": "tanh", "sigmoid": "sigmoid"}
PENALTY_NAMES = {"none": "none", "l1": "L1", "l2": "L2"}
OPTIMIZER_NAMES = {"gd": "Gradient descent (all points)", "sgd": "SGD (mini-batches)"}
LAMBDAS = ("0", "0.0001", "0.001", "0.01", "0.1", "1")
RATES = ("0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10", "100")
MOMENTA = ("0", "0.5", "0.9", "0.99")
SVM_LOSSES = tuple(key for key, loss in LOSSES.items() if "margin" in loss.params)
GRID_POINTS = 60  # the regions chart's grid, per axis
CHUNK = 100  # steps between two progress updates of a long run
PLAY_EVERY = 0.1  # seconds from one redraw to the next run while playing
CURVES_EVERY = 0.5  # seconds between two redraws of the curves while playing
PLAY_STEPS = 5  # steps per redraw while playing
MARGIN_STEP = 0.1
MARGINS = slider_values(0.0, 5.0, MARGIN_STEP)  # every Δ the slider can take
LIVE_STEPS = 300  # up to this many steps, the regions carry frames at Δ ± 0.1 (each a new run)
STEPS_KEY, START_KEY = "pg_steps", "pg_start"
_RUN, _RUN_B = "_pg_run", "_pg_run_b"  # the session's latest runs: (identity, Run)
PLAY_KEY = "pg_play"  # the Play switch: this session's only, never in a link
_STOP = "_pg_stop"  # the play stopped itself: the switch goes off on the next page run
_RERUN_PAGE = "_pg_rerun_page"  # a button changed what the sidebar shows: rerun the page


@dataclass(frozen=True)
class Setup:
    """What the sidebar decided: the data (and the key it is cached under) and the model."""

    data: Data
    data_key: tuple
    names: tuple[str, ...]
    model: str
    hidden: int
    activation: str
    optimizer: str
    batch_size: int
    momentum: float
    seed: int
    uploaded: str | None  # the uploaded file's name, when the points are the student's


def _steps_text(raw: str) -> int:
    return int(parse_number(raw, name="steps", min_value=0, max_value=MAX_STEPS, integer=True))


def _params_text(params) -> str:
    """Parameters as link text, each number exactly (Python's shortest round-trip form)."""
    return ", ".join(repr(float(v)) for v in flatten(params))


def _lecture_start_text() -> str:
    return _params_text(lecture_start())


def settings() -> Setup:
    """The sidebar: presets, the data, the model and the optimizer."""
    with controls.sidebar():
        st.subheader("Training playground")
        _presets()
        st.markdown("**Data**")
        name = controls.selectbox(
            "Data set", "pg_data", DATASET_IDS, default="blobs", labels=DATASET_NAMES
        )
        fixed = name == "lecture"
        classes = controls.slider(
            "Classes", "pg_classes", min_value=2, max_value=5, default=3, step=1,
            disabled=name not in WITH_CLASSES, help="blobs, circles and spiral: 2 to 5; XOR has 2",
        )  # fmt: skip
        points = controls.slider(
            "Points", "pg_points", min_value=20, max_value=1000, default=300, step=10,
            disabled=fixed,
        )  # fmt: skip
        noise = controls.slider(
            "Noise", "pg_noise", min_value=0.0, max_value=1.0, default=0.6, step=0.05,
            disabled=fixed, help="standard deviation of the Gaussian noise on every point",
        )  # fmt: skip
        held = controls.slider(
            "Held out", "pg_held", min_value=0.0, max_value=0.5, default=0.2, step=0.05,
            disabled=fixed, help="the share of points kept out of training (drawn as rings)",
        )  # fmt: skip
        data_seed = controls.number_input(
            "Data seed", "pg_dseed", min_value=0, max_value=999, default=0, step=1, disabled=fixed
        )
        uploaded = st.file_uploader(
            "Or your own points (CSV: x1, x2, label)", type=["csv", "txt"], key="pg_csv",
            help="Up to 1000 rows; labels 0 to 4. A link cannot carry a file: it opens the "
            "data set chosen above.",
        )  # fmt: skip
        st.markdown("**Model**")
        model = controls.radio(
            "Model", "pg_model", ("linear", "mlp"), default="linear", labels=MODEL_NAMES
        )
        hidden = controls.slider(
            "Hidden units", "pg_hidden", min_value=2, max_value=MAX_HIDDEN, default=8, step=1,
            disabled=model == "linear",
        )  # fmt: skip
        activation = controls.selectbox(
            "Activation", "pg_act", ACTIVATIONS, default="relu", labels=ACTIVATION_NAMES,
            disabled=model == "linear",
        )  # fmt: skip
        st.markdown("**Optimizer**")
        optimizer = controls.radio(
            "Updates", "pg_opt", ("gd", "sgd"), default="gd", labels=OPTIMIZER_NAMES
        )
        batch = controls.slider(
            "Batch size", "pg_batch", min_value=1, max_value=256, default=32, step=1,
            disabled=optimizer == "gd",
        )  # fmt: skip
        momentum = controls.selectbox(
            "Momentum μ", "pg_mom", MOMENTA, default="0",
            help="v ← μv − η∇L, W ← W + v (0: plain gradient descent)",
        )  # fmt: skip
        seed = controls.number_input(
            "Start seed", "pg_seed", min_value=0, max_value=9999, default=0, step=1,
            help="draws the start weights (and SGD's batches)",
        )  # fmt: skip
    data, key, names, uploaded_name = _data(name, classes, points, noise, held, data_seed, uploaded)
    with controls.sidebar():
        st.download_button(
            "Download these points (CSV)", _points_csv(data), file_name="points.csv",
            mime="text/csv", key="pg_download",
            help="the training and held-out points in use, as x1, x2, label: edit, upload",
        )  # fmt: skip
    return Setup(
        data, key, names, model, hidden, activation, optimizer, batch, float(momentum), seed,
        uploaded_name,
    )  # fmt: skip


def _presets() -> None:
    """One click per lesson: the lecture's three images, and the data a line cannot split."""
    lecture = {
        "pg_data": "lecture", "pg_model": "linear", "pg_loss": "svm", "pg_margin": 1.0,
        "pg_reg": "none", "pg_lr": "0.1", "pg_opt": "gd", "pg_mom": "0",
        START_KEY: _lecture_start_text(), STEPS_KEY: 0,
    }  # fmt: skip
    controls.preset_button(
        "Lecture example: dog, bird, truck",
        lecture,
        key="pg_preset_lecture",
        help="The lecture's three images as three points, starting at exactly the lecture's "
        "scores (the per-point table shows them)",
    )
    circles = {
        "pg_data": "circles", "pg_classes": 2, "pg_model": "mlp", "pg_hidden": 8,
        "pg_act": "tanh", "pg_loss": "ce", "pg_reg": "l2", "pg_lam": "0.001", "pg_lr": "1",
        "pg_opt": "gd", "pg_mom": "0.9", "pg_noise": 0.1, START_KEY: "", STEPS_KEY: 300,
    }  # fmt: skip
    controls.preset_button(
        "Circles: a hidden layer learns them",
        circles,
        key="pg_preset_circles",
        help="No line splits two rings; eight tanh units do",
    )
    spiral = {
        "pg_data": "spiral", "pg_classes": 2, "pg_model": "mlp", "pg_hidden": 16,
        "pg_act": "tanh", "pg_loss": "ce", "pg_reg": "none", "pg_lr": "1", "pg_opt": "gd",
        "pg_mom": "0.9", "pg_noise": 0.05, START_KEY: "", STEPS_KEY: 1500,
    }  # fmt: skip
    controls.preset_button(
        "Spiral: sixteen tanh units",
        spiral,
        key="pg_preset_spiral",
        help="Two interleaved arms: about 97% of held-out points right after 1500 steps",
    )


def _points_csv(data: Data) -> str:
    X = np.concatenate([data.X, data.X_held])
    return points_to_csv(X, np.concatenate([data.y, data.y_held]))


@memoize(16)
def _uploaded_points(content: bytes) -> Data:
    X, y = points_from_csv(content)
    return make_data(X, y)


def _data(name, classes, points, noise, held, data_seed, uploaded):
    """The points to train on: the student's file if one was uploaded and is valid, else the
    seeded data set. Returns the data, its cache key, the class names and the file's name."""
    if uploaded is not None:
        content = uploaded.getvalue()
        try:
            data = _uploaded_points(content)
        except ValueError as exc:
            st.error(
                f"Your file {inert(uploaded.name)} was not used: {inert_message(str(exc))} "
                "Showing the data set chosen in the sidebar instead."
            )
        else:
            names = tuple(f"class {k}" for k in range(data.classes))
            return data, ("csv", hash(content)), names, uploaded.name
    held = 0.0 if name == "lecture" else held
    data = dataset(
        name, classes=classes, n_samples=points, noise=noise, held_out=held, seed=data_seed
    )
    names = LECTURE_NAMES if name == "lecture" else tuple(f"class {k}" for k in range(data.classes))
    return data, (name, classes, points, noise, held, data_seed), names, None


def _run_controls(setup: Setup) -> Settings:
    """The loss, its margin, the penalty, its strength and the step size, stacked in the
    column left of the charts (as TensorFlow Playground keeps its controls beside them)."""
    loss = controls.selectbox(
        "Loss", "pg_loss", tuple(LOSSES), default="svm",
        labels={key: entry.name for key, entry in LOSSES.items()},
    )  # fmt: skip
    margin = controls.slider(
        "Margin Δ", "pg_margin", min_value=0.0, max_value=5.0, default=1.0, step=MARGIN_STEP,
        disabled=loss not in SVM_LOSSES, help="the SVM losses' Δ",
    )  # fmt: skip
    penalty = controls.selectbox(
        "Penalty R(W)", "pg_reg", ("none", "l1", "l2"), default="l2", labels=PENALTY_NAMES
    )
    lam = controls.selectbox(
        "Strength λ", "pg_lam", LAMBDAS, default="0.001", disabled=penalty == "none"
    )
    rate = controls.selectbox(
        "Learning rate η", "pg_lr", RATES, default="0.1", help="the step size of every update"
    )
    return Settings(
        model=setup.model, hidden=setup.hidden, activation=setup.activation, loss=loss,
        margin=margin, regularizer=penalty, lam=float(lam), optimizer=setup.optimizer,
        batch_size=setup.batch_size, learning_rate=float(rate), momentum=setup.momentum,
        seed=setup.seed,
    )  # fmt: skip


def _start(settings: Settings, data: Data) -> tuple[np.ndarray, ...] | None:
    """The start the link or an edit gave (None: the seeded start). A start that no longer
    fits (the model or the class count changed) is dropped with a message."""
    text = controls.link_state(START_KEY, default="", parse=_start_text)
    if not text:
        return None
    try:
        return unflatten(settings, data.classes, parse_vector(text, name="start weights"))
    except ValueError as exc:
        st.info(f"The edited start weights do not fit this model: {inert_message(str(exc))} "
                "Starting from the seeded weights.")  # fmt: skip
        return None


def _start_text(raw: str) -> str:
    if raw:
        parse_vector(raw, name="start weights", min_value=-1e6, max_value=1e6)
    return raw


def _identity(setup: Setup, settings: Settings, start) -> tuple:
    """What decides a run besides its length: runs with the same identity extend each other."""
    return (setup.data_key, settings, _start_key(start))


def _start_key(start) -> bytes | None:
    return None if start is None else flatten(start).tobytes()


def _run_to(setup: Setup, settings: Settings, start, steps: int, store: str = _RUN) -> Run:
    """The run at ``steps``: continued from the session's run when it is the same run and not
    past ``steps``, else trained from the start; a progress bar for long stretches."""
    identity = _identity(setup, settings, start)
    cached = st.session_state.get(store)
    if cached is not None and cached[0] == identity and cached[1].steps <= steps:
        run = cached[1]
    else:
        run = start_run(settings, setup.data, start)
    todo = steps - run.steps
    bar = st.progress(0.0, text="Training…") if todo > 3 * CHUNK else None
    while run.steps < steps and run.diverged_at is None:
        run = advance(run, setup.data, min(CHUNK, steps - run.steps))
        if bar is not None:
            bar.progress(1.0 - (steps - run.steps) / todo, text=f"Training… step {run.steps}")
    if bar is not None:
        bar.empty()
    st.session_state[store] = (identity, run)
    return run


def _set_steps(value: int) -> None:
    st.session_state[STEPS_KEY] = int(min(max(value, 0), MAX_STEPS))


def _play_changed() -> None:
    st.session_state[_RERUN_PAGE] = True  # Play starts (or ends) the charts' timer


def _reseed() -> None:
    st.session_state["pg_seed"] = (int(st.session_state.get("pg_seed", 0)) + 1) % 10000
    st.session_state[START_KEY] = ""
    st.session_state[STEPS_KEY] = 0
    st.session_state[_RERUN_PAGE] = True  # the seed is a sidebar control


def _buttons(steps: int) -> bool:
    """Step, Run N, Reset, Re-seed, N, and the Play switch. Returns whether it plays.

    Play is a switch, not a button: a switch's state goes with every request the
    browser sends, so a click on it cannot be lost to a rerun of the playing charts
    (a button's one-shot click can be, and then Pause did nothing).
    """
    if st.session_state.pop(_STOP, False):
        st.session_state[PLAY_KEY] = False  # the run stopped itself: set before the switch
    playing = bool(st.session_state.get(PLAY_KEY, False))
    rows = [st.columns(2, vertical_alignment="bottom") for _ in range(2)]
    n = int(
        controls.selectbox("Steps per Run", "pg_n", ("10", "100", "1000"), default="100",
                           where=rows[1][1], help="how many updates Run makes")
    )  # fmt: skip
    (step, run), (reset, _) = rows
    step.button("Step", key="pg_step", on_click=_set_steps, args=(steps + 1,), disabled=playing,
                help="one update of the weights",
                width="stretch")  # fmt: skip
    run.button(f"Run {n}", key="pg_run", on_click=_set_steps, args=(steps + n,),
               disabled=playing, help=f"{n} updates",
               width="stretch")  # fmt: skip
    reset.button("Reset", key="pg_reset", on_click=_set_steps, args=(0,), disabled=playing,
                 help="back to step 0, same start",
                 width="stretch")  # fmt: skip
    play, reseed = st.columns(2, vertical_alignment="center")
    playing = controls.session_toggle(
        "Play", PLAY_KEY, where=play, on_change=_play_changed,
        help="train and redraw continuously; stops by itself when nothing moves any more",
    )  # fmt: skip
    reseed.button("Re-seed", key="pg_reseed", on_click=_reseed, disabled=playing,
                  help="new start weights (start seed + 1), step 0",
                  width="stretch")  # fmt: skip
    return playing


@controls.fragment
def trainer(setup: Setup) -> None:
    """The main section: the run's controls and buttons beside the live charts, then the
    formula, the weights with their gradients, the table of points and the comparison.

    A fragment: a control or a button reruns this section only. The charts are a
    fragment of their own inside it (``_live``), which Play reruns every
    ``PLAY_EVERY`` s without drawing the controls again.
    """
    if st.session_state.pop(_RERUN_PAGE, False):
        st.rerun()  # Play / Pause / Re-seed: the charts' timer or the sidebar changes
    steps = controls.link_state(STEPS_KEY, default=0, parse=_steps_text)
    side, main = st.columns([1.0, 2.3])
    with side:
        try:
            settings = _run_controls(setup)
        except ValueError as exc:
            st.error(f"{inert_message(str(exc))} Change the settings above.")
            return
        playing = _buttons(steps)
    start = _start(settings, setup.data)
    if start is not None:
        controls.record_state(START_KEY, _params_text(start), "")
    with main:
        left, right = st.columns(2)
        with left:
            controls.fragment(_live, run_every=PLAY_EVERY if playing else None)(
                setup, settings, start, playing
            )
        with right:
            controls.fragment(_curves, run_every=CURVES_EVERY if playing else None)(
                setup, settings, start
            )
    if playing:
        st.caption("Playing: the formula, the weights and the table follow when you stop.")
        return
    stored = st.session_state.get(_RUN)
    if stored is None or stored[0] != _identity(setup, settings, start):
        return  # the charts could not train (their message says why)
    run = stored[1]
    table = point_table(run, setup.data)
    _formula(run)
    _weights(run, setup, settings)
    _points(table, setup, _selected_point(table.y.size))
    _compare(run, setup, settings, start)


def _live(setup: Setup, settings: Settings, start, timed: bool) -> None:
    """The status line and the decision regions at the current step; while playing, each
    run trains ``PLAY_STEPS`` more steps first and stops the play when the run diverged,
    reached ``MAX_STEPS`` or stopped moving. ``timed``: this fragment has Play's timer."""
    steps = st.session_state.get(STEPS_KEY, 0)
    playing = bool(st.session_state.get(PLAY_KEY, False))
    if timed and not playing:
        st.rerun()  # paused, but the page's run that drops the timer was lost: run it again
    if playing:
        steps = min(steps + PLAY_STEPS, MAX_STEPS)
    try:
        run = _run_to(setup, settings, start, steps)
    except ValueError as exc:
        st.error(f"{inert_message(str(exc))} Change the settings or reset.")
        return
    _set_steps(steps)
    controls.record_state(STEPS_KEY, str(steps), "0")
    if playing and (run.diverged_at is not None or run.steps >= MAX_STEPS or _settled(run)):
        st.session_state[_STOP] = True
        st.rerun()  # the page again: the switch off, no timer, the details below the charts
    highlight = _selected_point(setup.data.y.size + setup.data.y_held.size)

    def regions_at(margin: float):  # the regions after the same steps with margin Δ
        moved = (
            run
            if margin == settings.margin
            else _trained(setup, replace(settings, margin=margin), start, steps)
        )
        return _regions_figure(setup, moved, highlight, playing)

    if playing or settings.loss not in SVM_LOSSES or steps > LIVE_STEPS:
        charts.plotly_chart(st, regions_at(settings.margin), key="pg_regions")
    else:  # a frame each way: each trains the run again with that Δ
        live_chart(
            st,
            regions_at,
            key="pg_regions",
            slider="pg_margin",
            value=settings.margin,
            values=MARGINS,
            inputs=frozen(
                setup.data_key,
                setup.names,
                replace(settings, margin=0.0),
                _start_key(start),
                steps,
                highlight,
            ),
            size=1,
        )
    _status(run, setup)  # under the chart: the chart stays whole on a 720 px screen


def _trained(setup: Setup, settings: Settings, start, steps: int) -> Run:
    """A fresh run trained ``steps`` steps, in the chunks ``_run_to`` takes (the same run)."""
    run = start_run(settings, setup.data, start)
    while run.steps < steps and run.diverged_at is None:
        run = advance(run, setup.data, min(CHUNK, steps - run.steps))
    return run


def _regions_figure(setup: Setup, run: Run, highlight: int | None, playing: bool):
    """The decision regions of ``run`` with the training and held-out points."""
    table = point_table(run, setup.data)
    lo, hi, _, _ = extent(setup.data)
    grid = np.linspace(lo, hi, GRID_POINTS)
    return regions_figure(
        grid,
        grid,
        regions(run, grid, grid),
        table.X,
        table.y,
        table.held,
        setup.names,
        f"Decision regions at step {run.steps}",
        highlight,
        live=playing,
    )


def _curves(setup: Setup, settings: Settings, start) -> None:
    """The loss and accuracy curves of the session's run. A fragment of its own: while
    playing it redraws every ``CURVES_EVERY`` s, less often than the regions, since the
    browser's time per chart update is what limits the regions' frame rate."""
    stored = st.session_state.get(_RUN)
    if stored is None or stored[0] != _identity(setup, settings, start):
        return
    run = stored[1]
    charts.plotly_chart(
        st,
        curves_figure(
            run.data_loss,
            run.reg_loss,
            run.train_accuracy,
            run.held_accuracy,
            "Loss and accuracy",
        ),
        key="pg_curves",
    )


def _settled(run: Run) -> bool:
    """Nothing left to watch: the total loss moved by less than 1e-7 over the last 50 steps."""
    total = run.data_loss + run.reg_loss
    return run.steps > 50 and abs(total[-1] - total[-51]) < 1e-7


def _status(run: Run, setup: Setup) -> None:
    """Where the run stands, in one line; a divergence said plainly."""
    held = run.held_accuracy[-1]
    held_text = "" if np.isnan(held) else f" · held-out accuracy **{held:.0%}**"
    source = f" · your points: {inert(setup.uploaded)}" if setup.uploaded else ""
    st.markdown(
        f"Step **{run.steps}** · loss **{run.data_loss[-1] + run.reg_loss[-1]:.4g}** "
        f"(data {run.data_loss[-1]:.4g} + λR {run.reg_loss[-1]:.4g}) · training "
        f"accuracy **{run.train_accuracy[-1]:.0%}**{held_text}{source}"
    )
    if run.diverged_at is not None:
        st.error(
            f"Training diverged at step {run.diverged_at}: the loss grew past 10⁶ (the learning "
            f"rate η = {run.settings.learning_rate:g} is too large for this model and data). "
            "The charts show the last step before; lower η and press Reset."
        )


def _selected_point(count: int) -> int | None:
    """The table row the student selected (the chart circles that point)."""
    rows = st.session_state.get("pg_table", {}).get("selection", {}).get("rows", [])
    return int(rows[0]) if rows and 0 <= rows[0] < count else None


def _formula(run: Run) -> None:
    """The objective and the update with this step's numbers."""
    s = run.settings
    loss = LOSSES[s.loss]
    reg = "" if s.regularizer == "none" else r" + \lambda R(W)"
    rows = [
        rf"L &= \frac{{1}}{{N}}\sum_i L_i{reg} = {num(run.data_loss[-1], 4)}"
        + (rf" + {num(s.lam)} \cdot {num(run.reg_loss[-1] / s.lam, 4)}" if reg else "")
        + rf" = {num(run.data_loss[-1] + run.reg_loss[-1], 4)}",
        rf"& {loss.formula}",
        rf"W &\leftarrow W - \eta\,\nabla_W L,\quad \eta = {num(s.learning_rate)}"
        + (rf",\ \text{{momentum }}\mu = {num(s.momentum)}" if s.momentum else ""),
    ]
    st.latex(r"\begin{aligned}" + r"\\".join(rows) + r"\end{aligned}")


def _weights(run: Run, setup: Setup, settings: Settings) -> None:
    """W and b with their gradients; for the linear model, editable (an edit restarts the
    run from the edited weights)."""
    grads = gradients(run, setup.data)
    if settings.model != "linear":
        W1, _, W2, _ = run.params
        st.caption(
            f"Two-layer network: W₁ is {W1.shape[0]} × 2, W₂ is {W2.shape[0]} × {W2.shape[1]}; "
            f"‖∇W₁‖ = {np.linalg.norm(grads[0]):.3g}, ‖∇W₂‖ = {np.linalg.norm(grads[2]):.3g}."
        )
        return
    W, b = run.params
    frame = pd.DataFrame(
        {
            "class": list(setup.names),
            "w₁": W[:, 0], "w₂": W[:, 1], "b": b,
            "∂L/∂w₁": grads[0][:, 0], "∂L/∂w₂": grads[0][:, 1], "∂L/∂b": grads[1],
        }
    )  # fmt: skip
    st.markdown("**Weights and their gradients** (edit w₁, w₂ or b: the run restarts from there)")
    key = f"_pg_weights_{run.steps}_{hash(flatten(run.params).tobytes())}"
    st.data_editor(
        frame, key=key, hide_index=True, width="stretch",
        disabled=["class", "∂L/∂w₁", "∂L/∂w₂", "∂L/∂b"],
        column_config={c: st.column_config.NumberColumn(format="%.4f") for c in frame.columns[1:]},
        on_change=_edited, args=(key, W.copy(), b.copy()),
    )  # fmt: skip


def _edited(key: str, W: np.ndarray, b: np.ndarray) -> None:
    """An edit of the weights table: the edited weights become the run's start, at step 0."""
    columns = {"w₁": (W, 0), "w₂": (W, 1), "b": (b, None)}
    for row, changes in st.session_state.get(key, {}).get("edited_rows", {}).items():
        for column, value in changes.items():
            if column in columns and value is not None and np.isfinite(float(value)):
                target, index = columns[column]
                if index is None:
                    target[int(row)] = float(np.clip(value, -1e6, 1e6))
                else:
                    target[int(row), index] = float(np.clip(value, -1e6, 1e6))
    st.session_state[START_KEY] = _params_text((W, b))
    st.session_state[STEPS_KEY] = 0


def _points(table, setup: Setup, highlight: int | None) -> None:
    """The CS231n demo's table: every point with its scores and loss; select a row to circle
    the point on the chart."""
    frame = pd.DataFrame(
        {
            "point": np.arange(table.y.size),
            "set": np.where(table.held, "held out", "training"),
            "x₁": table.X[:, 0],
            "x₂": table.X[:, 1],
            "label": [setup.names[k] for k in table.y],
            **{f"s ({name})": table.scores[:, k] for k, name in enumerate(setup.names)},
            "L_i": table.loss,
            "predicted": [setup.names[k] for k in table.predicted],
        }
    )
    st.markdown("**Every point** (click a column to sort, a row to circle the point above)")
    st.dataframe(
        frame, key="pg_table", on_select="rerun", selection_mode="single-row", hide_index=True,
        height=320, width="stretch",
        column_config={c: st.column_config.NumberColumn(format="%.3f") for c in frame.columns
                       if c.startswith(("x", "s (", "L_i"))},
    )  # fmt: skip
    if highlight is not None:
        k = int(table.y[highlight])
        scores = ", ".join(f"{v:.3f}" for v in table.scores[highlight])
        st.caption(
            f"Point {highlight}: x = ({table.X[highlight, 0]:.3f}, {table.X[highlight, 1]:.3f}), "
            f"label {inert(setup.names[k])}, scores ({scores}), L_i = {table.loss[highlight]:.4f}."
        )


def _compare(run: Run, setup: Setup, settings: Settings, start) -> None:
    """The same data, start and step count under a second loss or a second λ, side by side."""
    st.subheader("Compare two runs")
    if not controls.toggle(
        "Train a second run beside this one", "pg_cmp", default=False,
        help="same data, same start, same number of steps; one setting differs",
    ):  # fmt: skip
        st.caption(
            "Turn this on to see, for example, that the SVM stops caring once every margin "
            "is met, while softmax never does."
        )
        return
    c1, c2 = st.columns(2)
    what = controls.radio(
        "The second run differs in", "pg_cmp_what", ("loss", "lam"), default="loss",
        labels={"loss": "the loss", "lam": "λ"}, where=c1, horizontal=True,
    )  # fmt: skip
    if what == "loss":
        other = controls.selectbox(
            "Second loss", "pg_cmp_loss", tuple(LOSSES), default="ce",
            labels={key: entry.name for key, entry in LOSSES.items()}, where=c2,
        )  # fmt: skip
        second = replace(settings, loss=other)
        names = (LOSSES[settings.loss].name, LOSSES[other].name)
    else:
        other = controls.selectbox("Second λ", "pg_cmp_lam", LAMBDAS, default="0.1", where=c2)
        penalty = "l2" if settings.regularizer == "none" else settings.regularizer
        second = replace(settings, regularizer=penalty, lam=float(other))
        names = (f"λ = {settings.lam:g}" if settings.regularizer != "none" else "no penalty",
                 f"{PENALTY_NAMES[penalty]}, λ = {float(other):g}")  # fmt: skip
    if second == settings:
        st.info("The second run has the same settings as the first: pick another value.")
        return
    other_run = _run_to(setup, second, start, run.steps, store=_RUN_B)
    lo, hi, _, _ = extent(setup.data)
    grid = np.linspace(lo, hi, GRID_POINTS)
    table = point_table(run, setup.data)
    for where, each, name, key in zip(
        st.columns(2), (run, other_run), names, ("pg_cmp_a", "pg_cmp_b"), strict=True
    ):
        charts.plotly_chart(
            where,
            regions_figure(
                grid,
                grid,
                regions(each, grid, grid),
                table.X,
                table.y,
                table.held,
                setup.names,
                f"{name}: {each.train_accuracy[-1]:.0%}",
                None,
                COMPARE_HEIGHT,
            ),
            key=key,
        )
    chart, words = st.columns([1.6, 1.0], vertical_alignment="center")
    charts.plotly_chart(
        chart,
        compare_figure(
            names,
            (run.data_loss, other_run.data_loss),
            (run.zero_fraction, other_run.zero_fraction),
            (run.weight_norm, other_run.weight_norm),
        ),
        key="pg_compare",
    )
    with words:
        for each, name in ((run, names[0]), (other_run, names[1])):
            growth = _growth(each.weight_norm)
            st.markdown(
                f"**{name}**: data loss {each.data_loss[-1]:.4g}, "
                f"{each.zero_fraction[-1]:.0%} of the points at L_i = 0, ‖W‖ = "
                f"{each.weight_norm[-1]:.3g}"
                + ("" if growth is None else f" (grew {growth:+.1%} over the last fifth)")
            )
        st.caption(
            "An SVM's L_i is exactly 0 once the point's margin is met, so those points stop "
            "pushing W; cross-entropy's L_i is never 0, so W keeps growing (unless λ stops it)."
        )


def _growth(norm: np.ndarray) -> float | None:
    """Relative change of ``||W||`` over the last fifth of the run (None for short runs)."""
    if norm.size < 26 or norm[-(norm.size // 5)] == 0:
        return None
    return float(norm[-1] / norm[-(norm.size // 5)] - 1.0)
