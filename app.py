"""Loss Function Explorer: entry point. Run with ``streamlit run app.py``.

Sets the page config, lists the pages in lecture order (a page is listed
only once it works), draws the shared sidebar frame, and runs the page.
"""

from __future__ import annotations

from pathlib import Path

# Before any page: plotly finds pandas in sys.modules when it checks an array, so on a
# fresh server the first sessions' threads could meet it half imported and fail with
# "partially initialized module 'pandas'" (python bench/load.py --cold: 18 of 22 first
# loads). An import statement waits for another thread's import of the module to finish.
import pandas  # noqa: F401
import streamlit as st

from ui import charts, controls, presenter

# The favicon is this PNG, served by Streamlit itself. Without a page_icon the current
# page's icon would become the favicon, and Streamlit fetches a :material: icon's favicon
# from a font CDN (a browser test caught that). Page icons are :material: icons: they are
# drawn with the font Streamlit bundles, where an emoji needs an emoji font the machine
# may not have (a lecture PC without one showed empty boxes).
ICON = Path(__file__).resolve().parent / "assets" / "icon.png"

st.set_page_config(
    page_title="Loss Function Explorer",
    page_icon=str(ICON),
    layout="wide",
    # Collapsed in presentation mode (a link with present=true, or the sidebar's toggle).
    initial_sidebar_state=presenter.sidebar_state(),
)

# Streamlit leaves 6rem above a page's title; on a 720 px projector that pushes each page's
# first chart below the fold. A style-only st.html takes no room on the page.
st.html("<style>[data-testid='stMainBlockContainer'] { padding-top: 2rem; }</style>")

# Lecture order. The page files live in views/, not pages/: a folder named
# pages/ beside the entry script puts Streamlit into its legacy multipage mode,
# where a shared link opened first on a fresh server runs the page without
# this file (no navigation, no layout, no link box).
PAGES = {
    "Foundations": [
        st.Page(
            "views/home.py",
            title="Training pipeline",
            icon=":material/model_training:",
            default=True,
        ),
        st.Page(
            "views/linear_model.py",
            title="Linear model and bias trick",
            icon=":material/functions:",
        ),
        st.Page(
            "views/linear_limits.py",
            title="Limits of linear models",
            icon=":material/scatter_plot:",
        ),
    ],
    "Multiclass SVM": [
        st.Page("views/svm_loss.py", title="Multiclass SVM loss", icon=":material/calculate:"),
        st.Page("views/svm_margin.py", title="The SVM margin", icon=":material/straighten:"),
    ],
    "Regularization": [
        st.Page(
            "views/regularization.py", title="L1 vs L2 regularization", icon=":material/balance:"
        ),
    ],
    "Softmax": [
        st.Page(
            "views/softmax_normalization.py",
            title="Softmax vs normalization",
            icon=":material/thermostat:",
        ),
        st.Page("views/cross_entropy.py", title="Softmax cross-entropy", icon=":material/target:"),
    ],
    "Mean squared error": [
        st.Page("views/mse.py", title="Mean squared error", icon=":material/square_foot:"),
        st.Page(
            "views/loss_surfaces.py",
            title="Cross-entropy vs MSE surfaces",
            icon=":material/landscape:",
        ),
    ],
    "Training": [
        st.Page(
            "views/playground.py", title="Training playground", icon=":material/sports_esports:"
        ),
    ],
}

page = st.navigation({section: pages for section, pages in PAGES.items() if pages})

st.sidebar.markdown("## :material/monitoring: Loss Function Explorer")
st.sidebar.caption(
    "See how classification losses behave: change a number, watch the loss, "
    "the formula and the chart respond. Runs fully offline."
)

controls.start_page(page.url_path)
charts.start_page()
presenter.toggle()
page.run()


controls.share_box()
charts.download_button()
