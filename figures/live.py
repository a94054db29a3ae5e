"""A chart's figures at neighbouring slider values, as small differences from the one shown.

``ui/live_chart.py`` sends the figure at the slider's value together with the figures at
the values next to it, so the browser can redraw the chart the moment the slider moves,
before the server has rerun the page. Sending each neighbour whole would multiply the
chart's payload; a frame carries only what differs from the figure shown: the traces
that changed (by index) and the top-level layout keys that changed (the title, a marker
line). ``compose`` is what the browser does with a frame, in Python, for the tests.
"""

from __future__ import annotations

import hashlib
import json


def figure_json(fig) -> dict:
    """A Plotly figure as the JSON object the browser receives (numpy arrays as ``bdata``)."""
    return json.loads(fig.to_json())


def json_size(spec: dict) -> int:
    """About how many characters ``spec`` takes as JSON (its strings and numbers; the
    base64 arrays are nearly all of a figure): what a cache of figures holds."""
    if isinstance(spec, dict):
        return sum(len(k) + json_size(v) for k, v in spec.items())
    if isinstance(spec, list):
        return sum(json_size(v) for v in spec)
    return len(spec) if isinstance(spec, str) else 8


def fingerprint(spec: dict) -> str:
    """A short digest of a figure's JSON: equal figures, equal fingerprints."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def frame(shown: dict, other: dict) -> dict:
    """What turns figure ``shown`` into figure ``other`` (both ``figure_json`` objects).

    ``data``: the changed traces by index (all of ``other``'s traces when the count
    differs; ``count`` then says how many); ``layout``: the changed or added top-level
    layout keys; ``drop``: the layout keys ``other`` does not have.
    """
    data_shown, data_other = shown.get("data", []), other.get("data", [])
    if len(data_shown) == len(data_other):
        changed = {str(i): t for i, t in enumerate(data_other) if t != data_shown[i]}
    else:
        changed = {str(i): t for i, t in enumerate(data_other)}
    layout_shown, layout_other = shown.get("layout", {}), other.get("layout", {})
    return {
        "data": changed,
        "count": len(data_other),
        "layout": {k: v for k, v in layout_other.items() if layout_shown.get(k) != v},
        "drop": sorted(set(layout_shown) - set(layout_other)),
    }


def compose(shown: dict, step: dict) -> dict:
    """Figure ``shown`` with frame ``step`` applied: ``compose(a, frame(a, b)) == b``."""
    traces = shown.get("data", [])
    data = [
        step["data"].get(str(i), traces[i] if i < len(traces) else None)
        for i in range(step["count"])
    ]
    layout = {k: v for k, v in shown.get("layout", {}).items() if k not in step["drop"]}
    layout.update(step["layout"])
    return {"data": data, "layout": layout}
