"""Imports flow one way: core pulls in numpy only, figures and the pure ui helpers no streamlit.

Each module is imported alone in a fresh interpreter (an import already made by
another test could hide one), and the modules it added to ``sys.modules`` are
checked. Modules are found by globbing, so a new file is covered without
editing this test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _modules(package: str) -> list[str]:
    names = [package]
    names += [f"{package}.{p.stem}" for p in sorted((ROOT / package).glob("*.py"))]
    return [n for n in names if not n.endswith(".__init__")]


def _imported_by(module: str) -> set[str]:
    """Top-level names of the modules that importing ``module`` adds, in a fresh interpreter."""
    code = (
        "import importlib, json, sys\n"
        "before = set(sys.modules)\n"
        f"importlib.import_module({module!r})\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return {name.split(".")[0] for name in json.loads(done.stdout.splitlines()[-1])}


def test_modules_are_found() -> None:
    assert {"core.losses", "core.softmax", "core.training"} <= set(_modules("core"))
    assert "figures.theme" in _modules("figures")


@pytest.mark.parametrize("module", _modules("core"))
def test_core_imports_numpy_and_the_standard_library_only(module: str) -> None:
    added = _imported_by(module)
    assert not added & {"streamlit", "plotly"}, (
        f"{module} pulls in {added & {'streamlit', 'plotly'}}"
    )
    third_party = {
        name for name in added if name not in sys.stdlib_module_names and not name.startswith("_")
    } - {"numpy", "core"}
    assert not third_party, f"{module} imports {sorted(third_party)}; core may use numpy only"


@pytest.mark.parametrize("module", _modules("figures"))
def test_figures_import_no_streamlit(module: str) -> None:
    assert "streamlit" not in _imported_by(module)


@pytest.mark.parametrize("module", ["ui.parsing", "ui.latex"])
def test_pure_ui_helpers_import_no_streamlit(module: str) -> None:
    assert "streamlit" not in _imported_by(module)
