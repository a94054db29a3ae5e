"""The limits of linear models: data no line separates, and a lift to R³ that a plane splits."""

import streamlit as st

from sections import linear_limits as sections
from ui import presenter

presenter.header(
    "The limits of linear models",
    "A linear classifier splits the plane with a **line**: no line separates two concentric "
    "circles, or XOR. Add one feature, such as **x₁² + x₂²**, and the points move to R³, "
    "where a **plane** splits them; read back in R², that plane is a curve.",
    lesson=(
        "A linear classifier can only draw **lines**; add the right feature and data no line "
        "splits becomes separable by a **plane**."
    ),
)

sections.settings()
sections.explorer()
st.header("What this means for the next lecture")
sections.next_lecture()
