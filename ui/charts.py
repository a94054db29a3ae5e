"""Charts on a page: drawn with the app's settings and kept for the view's data download.

Every section shows a figure with ``charts.plotly_chart(where, fig, key=...)``: drawn by
``ui/plot_chart.py`` with the app's own plotly.js and the figure's own fonts (the
projector's), and remembered under its key for this page. The sidebar's "Chart data"
button (``download_button``, drawn by app.py) builds a ZIP with one CSV per chart only
when clicked, from the figures the page shows at that moment (a fragment's rerun updates
its own), so no rerun pays for it.
"""

from __future__ import annotations

import streamlit as st

from figures import theme
from figures.export import charts_zip
from ui import plot_chart, presenter

_FIGURES = "_chart_figures"  # this page's charts: key -> the figure shown last


def start_page() -> None:
    """Forget the previous page's charts (app.py calls it before a page runs)."""
    theme.use_as_default()
    st.session_state[_FIGURES] = {}


def plotly_chart(where, fig, *, key: str) -> None:
    """Draw ``fig`` under ``key``, remembered for the data download; its fonts enlarged in
    presentation mode. Drawn by ``plot_chart`` (the app's plotly.js, updated in place),
    or by ``where.plotly_chart(fig, key=key, theme=None)`` when plotly.js is not served."""
    remember(key, fig)
    shown = presenter.chart(fig)
    if plot_chart.available():
        plot_chart.plot_chart(where, shown, key=key)
    else:
        where.plotly_chart(shown, key=key, theme=None)


def remember(key: str, fig) -> None:
    """Keep ``fig`` as this page's chart ``key`` for the data download."""
    st.session_state.setdefault(_FIGURES, {})[key] = fig


def download_button() -> None:
    """The sidebar's button for this view's chart data: a ZIP of ``<chart key>.csv`` files,
    built on click (on Streamlit's download thread, not in a rerun)."""
    figures = st.session_state.get(_FIGURES, {})
    if not figures:
        return
    page = str(st.context.url or "").split("?")[0].rstrip("/").rsplit("/", 1)[-1] or "home"
    st.sidebar.download_button(
        "Chart data of this view (CSV)",
        data=lambda: charts_zip(dict(figures)),
        file_name=f"{page}-charts.zip",
        mime="application/zip",
        key="_chart_data",
        on_click="ignore",
        icon=":material/download:",
        help="a ZIP with one CSV per chart (trace, type, x, y, z), as shown now",
    )
