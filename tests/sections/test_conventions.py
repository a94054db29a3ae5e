"""What every section module must do the app's way, read from the source.

* A fragment is ``@controls.fragment``, never ``st.fragment``: the wrapper writes the
  sidebar's share link after each run of the section, so the link stays current when
  only the fragment reruns (a plain ``st.fragment`` left it stale).
* A chart is shown with ``charts.plotly_chart(where, fig, key=...)``, never a bare
  ``.plotly_chart``: it keeps the projector fonts (``theme=None``) and the figure for the
  sidebar's chart-data download.
* Sidebar controls go into ``controls.sidebar()``, never ``st.sidebar``: the sidebar is
  laid out before the page runs (the page's area, then the link box), and anything
  written to ``st.sidebar`` would land below the link box.
* No emoji in the text of a page: an emoji needs a colour-emoji font the lecture PC may
  not have (Debian's Chromium here drew "➕ Add image" as an empty box); icons are
  ``:material/...:`` names, drawn with the font Streamlit serves.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = sorted((ROOT / "sections").glob("*.py"))
PAGE_TEXT = SECTIONS + sorted((ROOT / "views").glob("*.py")) + sorted((ROOT / "ui").glob("*.py"))
# Pictographs, dingbats and symbols that fonts draw only as emoji (not math or arrows, which
# the app's text fonts have: Δ, λ, ✓, ·, →)
EMOJI = re.compile("[\U0001f000-\U0001faff\u2795-\u27bf\u2b00-\u2bff\ufe0f]")


@pytest.mark.parametrize("path", SECTIONS, ids=[p.stem for p in SECTIONS])
def test_sections_use_the_apps_fragment_and_sidebar(path: Path) -> None:
    source = path.read_text()
    assert not re.findall(r"\bst\.fragment\b", source), "use @controls.fragment"
    assert not re.findall(r"\bst\.sidebar\b", source), "use controls.sidebar()"
    bare = re.findall(r"(?<!charts)\.plotly_chart\(", source)
    assert not bare, "show charts with charts.plotly_chart(where, fig, key=...)"


def test_the_check_reads_every_page_with_a_fragment() -> None:
    """The pages with a main-control fragment are among the files read above."""
    with_fragments = [p.stem for p in SECTIONS if "@controls.fragment" in p.read_text()]
    assert {"regularization", "mse", "linear_model"} <= set(with_fragments)


@pytest.mark.parametrize("path", PAGE_TEXT, ids=[f"{p.parent.name}/{p.stem}" for p in PAGE_TEXT])
def test_no_emoji_in_what_a_page_shows(path: Path) -> None:
    found = sorted(set(EMOJI.findall(path.read_text())))
    assert not found, f"use a :material/...: icon instead of {found}"
