"""A chart's data as CSV, and a view's charts as a ZIP of CSVs (the sidebar's download).

Plain text out of built figures (no streamlit): a lecturer or student takes the
numbers behind a chart into a spreadsheet or their own plot.
"""

from __future__ import annotations

import csv
import io
import zipfile

import numpy as np
import plotly.graph_objects as go

COLUMNS = ("trace", "type", "x", "y", "z")


def _values(trace, name: str) -> np.ndarray | None:
    value = getattr(trace, name, None) if name in trace else None
    return None if value is None else np.asarray(value)


def _rows(trace) -> list[tuple]:
    """``(x, y, z)`` rows of one trace: a grid (heatmap, contour, surface) gives a row per
    cell, anything else a row per point; a coordinate a trace does not have is empty."""
    x, y, z = (_values(trace, name) for name in ("x", "y", "z"))
    if z is not None and z.ndim == 2:  # a grid: z[i, j] sits at (x[j], y[i])
        xs = np.arange(z.shape[1]) if x is None else x
        ys = np.arange(z.shape[0]) if y is None else y
        gx = xs if xs.ndim == 2 else np.broadcast_to(xs[None, :], z.shape)
        gy = ys if ys.ndim == 2 else np.broadcast_to(ys[:, None], z.shape)
        return list(zip(np.ravel(gx), np.ravel(gy), np.ravel(z), strict=True))
    columns = [c for c in (x, y, z) if c is not None]
    if not columns:
        return []
    n = max(c.size for c in columns)
    filled = [np.full(n, "", dtype=object) if c is None else np.ravel(c) for c in (x, y, z)]
    return list(zip(*filled, strict=True))


def _text(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    return str(value)


def figure_csv(fig: go.Figure) -> str:
    """The data of every trace of ``fig`` as CSV: ``trace, type, x, y, z``, one row per point
    (per cell for a heatmap, contour or surface; ``z[i, j]`` at ``(x[j], y[i])``).

    Floats are written exactly (Python's shortest round-trip form); legend-only traces
    (no data) give no rows.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for index, trace in enumerate(fig.data):
        name = trace.name if getattr(trace, "name", None) else f"trace {index}"
        for row in _rows(trace):
            cells = [_text(v) for v in row]
            if not any(cells):
                continue  # a legend entry drawn with [None] points
            writer.writerow([name, trace.type, *cells])
    return out.getvalue()


def charts_zip(figures: dict[str, go.Figure]) -> bytes:
    """A ZIP with ``<key>.csv`` (``figure_csv``) for each chart of a view, by its key."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for key, fig in figures.items():
            archive.writestr(f"{key}.csv", figure_csv(fig))
    return buffer.getvalue()
