"""Helpers for AppTest-based page tests: start the app, switch page, read Plotly charts."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import numpy as np
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def open_page(page: str | None = None, query: dict[str, str] | None = None) -> AppTest:
    """Run the app as a fresh session, optionally with URL query values, on ``page``.

    ``page`` is a path like ``"views/svm_margin.py"``; None stays on the home page.
    Query values are seeded before the first run, as if the user opened a link.
    """
    at = AppTest.from_file(APP, default_timeout=30)
    # The link's values are in the URL from the session's first run, as when a browser
    # opens the link: the app-wide presentation toggle is drawn (and seeded) on every page.
    for name, value in (query or {}).items():
        at.query_params[name] = value
    if page is None:
        return at.run()
    at.run()
    for name, value in (query or {}).items():
        at.query_params[name] = value
    return at.switch_page(page).run()


def decode(value):
    """Plotly 7 encodes numpy arrays as {dtype, bdata, shape}; turn them back into arrays."""
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if shape:
            arr = arr.reshape([int(n) for n in str(shape).split(",")])
        return arr
    if isinstance(value, dict):
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


PLOT_CHART = "lfe_chart"  # ui/plot_chart.py's component: every chart of the app


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def chart_elements(at) -> list:
    """Every Plotly chart on the page, in page order: the charts ``ui/plot_chart.py``
    draws (all of the app's, live ones too) and ``st.plotly_chart`` elements (its fallback).
    ``at`` is an AppTest or any block of its page (a column, a tab)."""
    return [
        node
        for node in _walk(getattr(at, "_tree", at))
        if getattr(node, "type", None) == "plotly_chart"
        or (
            getattr(node, "type", None) == "bidi_component"
            and node.proto.component_name == PLOT_CHART
        )
    ]


def chart_spec(element) -> str:
    """A chart element's figure JSON, whichever way it is drawn."""
    if element.type == "plotly_chart":
        return element.proto.spec
    return json.dumps(json.loads(json.loads(element.proto.json))["figure"])  # data is JSON text


def live_chart_data(at: AppTest, key: str) -> dict:
    """What chart ``key`` sent: the figure, its fingerprint and, from ``ui/live_chart.py``,
    its sliders and the frames at their neighbouring values (none for other charts)."""
    for element in chart_elements(at):
        if element.type == "bidi_component" and element.proto.id.endswith("-" + key):
            return json.loads(json.loads(element.proto.json))
    raise KeyError(f"no chart {key!r} drawn by ui/plot_chart.py on the page")


def chart_payload(element) -> int:
    """Characters a chart sends to the browser: its figure, and a live chart's frames too."""
    if element.type == "plotly_chart":
        return len(element.proto.spec)
    return len(json.loads(element.proto.json))


def chart_specs(at: AppTest) -> list[str]:
    """The figure JSON of every chart on the page, in the order of ``chart_keys``."""
    return [chart_spec(el) for el in chart_elements(at)]


def figures(at: AppTest) -> list[dict]:
    """Every Plotly chart on the page as a decoded figure dict (``data``, ``layout``)."""
    return [decode(json.loads(spec)) for spec in chart_specs(at)]


def chart_keys(at) -> list[str]:
    """The ``key`` of every Plotly chart on the page, in order (element ids end in the key;
    a chart without a key gives ``"None"``)."""
    return [re.sub(r"^\$\$ID-[0-9a-f]+-", "", el.proto.id) for el in chart_elements(at)]


def texts(at: AppTest) -> str:
    """All markdown, captions, metrics and LaTeX on the page joined into one string."""
    parts = [el.value for el in at.markdown] + [el.value for el in at.latex]
    parts += [el.value for el in at.caption]
    parts += [f"{el.label}: {el.value}" for el in at.metric]
    return "\n".join(str(p) for p in parts)


def assert_clean(at: AppTest) -> None:
    """No exception on the page (a user would see a traceback)."""
    assert not at.exception, [e.value for e in at.exception]


def share_query(at: AppTest) -> dict[str, str]:
    """The query of the sidebar's "Link to this view": what a link shared now would carry.

    Controls at their default are left out of it (as from the address bar).
    """
    (link,) = [c.value for c in at.sidebar.code]
    return dict(parse_qsl(urlsplit(link).query, keep_blank_values=True))
