"""A chart that follows its slider in the browser, before the server has rerun the page.

A key press on a Streamlit slider reaches the chart only after a round trip: the browser
sends the value, the server reruns the page (or its fragment), and the browser mounts
the new chart. Measured, most of that time is the browser's (the app's frame, the
elements a rerun redraws), not the server's (docs/streamlit.md, "Speed"). So this chart
carries, beside the figure at the slider's value, the figures at the ``WINDOW`` values on
each side of it, computed by the page's own builder on the server, as small frames
(``figures/live.py``). The chart component's JavaScript (``ui/plot_chart.py``) watches
the slider's ``value`` (set the moment a key press or a drag moves it) and redraws the
plot from the matching frame with ``Plotly.react``; the server's rerun then updates the
rest of the page and recentres the window. The browser computes nothing: every number it
draws came from the server.

A value outside the window (a long drag), or a browser without JavaScript frames, simply
waits for the rerun, as ``st.plotly_chart`` does. Neighbouring figures are cached by the
chart's key, the inputs the caller names and the value (a bounded LRU shared by all
sessions: a class opening the same page computes them once), so a press computes one new
figure at the window's edge.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence

import numpy as np
import streamlit as st

from figures.live import figure_json, fingerprint, frame, json_size
from ui import charts, plot_chart, presenter

WINDOW = 2  # frames on each side of the slider's value: presses a browser draws at once
CACHE_BYTES = 64 * 2**20  # figures kept, by their JSON size (10 KB to 170 KB each)


class _FigureCache:
    """Figures as JSON with their fingerprints, by key, least recently used out first once
    their JSON passes ``limit`` characters. Shared by every session, so thread-safe."""

    def __init__(self, limit: int = CACHE_BYTES) -> None:
        self.limit, self.total = limit, 0
        self._items: OrderedDict[Hashable, tuple[dict, str, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> tuple[dict, str] | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is None:
                return None
            self._items.move_to_end(key)
            return hit[0], hit[1]

    def put(self, key: Hashable, spec: dict, print_: str) -> None:
        size = json_size(spec)
        with self._lock:
            old = self._items.pop(key, None)
            self.total += size - (old[2] if old else 0)
            self._items[key] = (spec, print_, size)
            while self.total > self.limit and len(self._items) > 1:
                _, (_, _, gone) = self._items.popitem(last=False)
                self.total -= gone

    def keys(self) -> list[Hashable]:
        with self._lock:
            return list(self._items)


_CACHE = _FigureCache()
_BUILDING = threading.Lock()  # held by the one session building frames at a time


def slider_values(min_value: float, max_value: float, step: float) -> np.ndarray:
    """Every value a slider from ``min_value`` to ``max_value`` by ``step`` can take."""
    count = int(round((max_value - min_value) / step)) + 1
    return np.round(min_value + step * np.arange(count), 12)


def frozen(*parts) -> Hashable:
    """``parts`` as one hashable cache key: arrays by dtype, shape and bytes; lists, tuples and
    dataclasses item by item (``live_chart``'s ``inputs``)."""
    return tuple(_frozen(part) for part in parts)


def _frozen(part) -> Hashable:
    if isinstance(part, np.ndarray):
        return ("array", part.dtype.str, part.shape, part.tobytes())
    if isinstance(part, list | tuple):
        return tuple(_frozen(item) for item in part)
    if dataclasses.is_dataclass(part) and not isinstance(part, type):
        return (type(part).__name__, *(_frozen(v) for v in dataclasses.astuple(part)))
    hash(part)  # anything else must be hashable as it is
    return part


def _neighbour(
    key: Hashable, build: Callable[[float], object], value: float, *, may_build: bool
) -> tuple[dict, str] | None:
    """The shown figure ``build(value)`` as JSON with its fingerprint, from the cache, or
    built when ``may_build`` (else None)."""
    hit = _CACHE.get(key)
    if hit is not None or not may_build:
        return hit
    spec = figure_json(presenter.chart(build(value)))
    made = (spec, fingerprint(spec))
    _CACHE.put(key, *made)
    return made


def window(values: Sequence[float], value: float, size: int = WINDOW) -> list[float]:
    """The values within ``size`` places of ``value`` (nearest grid point), without it."""
    grid = np.asarray(values, dtype=float)
    at = int(np.argmin(np.abs(grid - value)))
    return [float(v) for i, v in enumerate(grid) if 0 < abs(i - at) <= size]


_MOVED = "_live_chart_moved"  # session: chart key -> (its sliders' values, the ones followed)


def _followed(key: str, now: dict[str, float]) -> set[str]:
    """The sliders whose frames a chart carries: on its first run all of them; then the
    ones the student moved last (a chart of nine sliders would otherwise build frames for
    eight sliders it was not moved by, at every press: every frame is a new state)."""
    seen = st.session_state.setdefault(_MOVED, {})
    before, followed = seen.get(key, (None, set(now)))
    if before is not None:
        moved = {name for name, value in now.items() if before.get(name) != value}
        followed = moved or followed  # a rerun for another reason keeps what was followed
    seen[key] = (dict(now), followed)
    return followed


def live_chart(
    where,
    figure_at: Callable[[float], object],
    *,
    key: str,
    slider: str,
    value: float,
    values: Sequence[float],
    inputs: Hashable,
    size: int = WINDOW,
) -> None:
    """Draw ``figure_at(value)``, the chart at the slider's value, so that it follows the slider.

    ``figure_at(v)``: the chart at slider value ``v``, all else as now; ``slider``: the
    slider widget's key; ``values``: every value it can take (``slider_values``);
    ``inputs``: everything else the figure depends on, hashable (the cache key: two calls
    with equal ``inputs`` and ``v`` must build equal figures); ``size``: the frames on
    each side. Recorded for the data download like any chart (``charts.plotly_chart``).
    """
    live_chart_of(
        where,
        lambda _, v: figure_at(v),
        key=key,
        sliders={slider: (value, values)},
        inputs=inputs,
        size=size,
    )


def live_chart_of(
    where,
    figure_at: Callable[[str, float], object],
    *,
    key: str,
    sliders: Mapping[str, tuple[float, Sequence[float]]],
    inputs: Hashable,
    size: int = WINDOW,
) -> None:
    """``live_chart`` for a chart that several sliders move, each one at a time.

    ``sliders``: each slider's key -> (its value, every value it can take);
    ``figure_at(name, v)``: the chart with slider ``name`` at ``v`` and every other at its
    value. Frames: ``size`` values on each side of the value of each slider followed
    (``_followed``: all on the chart's first run, then those moved last).
    """
    now = {name: float(value) for name, (value, _) in sliders.items()}
    first = next(iter(now))
    fig = figure_at(first, now[first])
    if not plot_chart.available() or fig.frames:  # a Play's frames: drawn whole, to play
        charts.plotly_chart(where, fig, key=key)  # (remembered there for the download)
        return
    charts.remember(key, fig)
    presenting = presenter.requested()
    followed = _followed(key, now)

    def cache_key(name: str, v: float) -> tuple:
        state = tuple((other, round(v if other == name else at, 9)) for other, at in now.items())
        return (key, inputs, presenting, state)

    shown = figure_json(presenter.chart(fig))
    print_shown = fingerprint(shown)
    _CACHE.put(cache_key(first, now[first]), shown, print_shown)  # a neighbour after a move
    frames, tolerances = [], {}
    # Frames are a bonus: while another session is building some, this one sends only the
    # frames already cached, so a busy server spends its time on answers first.
    may_build = _BUILDING.acquire(blocking=False)
    try:
        for name, (value, values) in sliders.items():
            grid = np.asarray(values, dtype=float)
            tolerances[name] = float(np.min(np.diff(grid))) / 2 if grid.size > 1 else 0.0
            for v in window(grid, value, size) if name in followed else ():
                build = functools.partial(figure_at, name)
                try:
                    made = _neighbour(cache_key(name, v), build, v, may_build=may_build)
                except ValueError:
                    continue  # not a valid input: the browser waits for the server's message
                if made is not None:
                    other, print_ = made
                    frames.append(
                        {"slider": name, "value": v, "print": print_, **frame(shown, other)}
                    )
    finally:
        if may_build:
            _BUILDING.release()
    data = json.dumps(
        {
            "figure": shown,
            "print": print_shown,
            "sliders": {
                name: {"value": now[name], "tolerance": tolerances[name]} for name in sliders
            },
            "frames": frames,
        }
    )
    plot_chart.draw(where, data, key=key)
