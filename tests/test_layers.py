"""Imports flow one way: app > views > sections > ui > figures > core.

Two checks:

* Every project module's imports, read from its source (``ast``), go only down
  the ranking or within its own layer, and never sideways between pages: a page's
  module in ``sections/``, ``figures/`` or ``core/pages/`` imports no other page's
  module there (shared code lives in ``ui/``, ``figures/theme.py`` or a ``core``
  contract module). ``views/`` pages call their sections and nothing below ``ui``.
* What a module pulls in at run time: each ``core`` and ``figures`` module is
  imported alone in a fresh interpreter (an import made by another test could
  hide one) and the third-party packages it added are checked: ``core`` uses
  numpy only, ``figures`` never streamlit.

Modules are found by globbing, so a new file is covered without editing this test.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RANK = {"app": 5, "views": 4, "sections": 3, "ui": 2, "figures": 1, "core": 0}
PAGE_LAYERS = ("sections", "figures", "core.pages")
SHARED_IN_PAGE_LAYERS = {"figures.theme"}  # what page modules of one layer may share


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    files = [ROOT / "app.py"]
    for layer in ("views", "sections", "ui", "figures", "core"):
        files += sorted((ROOT / layer).rglob("*.py"))
    return {module_name(p): p for p in files}


MODULES = project_modules()


def project_imports(path: Path) -> set[str]:
    """The project modules ``path`` imports (``from ui import controls`` gives ``ui.controls``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(n for n in names if n in MODULES or n.split(".")[0] in RANK)
    return {n for n in found if n in MODULES}


def layer_of(module: str) -> str:
    return module.split(".")[0]


def page_layer_of(module: str) -> str | None:
    """``sections``, ``figures`` or ``core.pages`` for a page's module there, else None."""
    for layer in PAGE_LAYERS:
        prefix = layer + "."
        if module.startswith(prefix) and module not in SHARED_IN_PAGE_LAYERS:
            return layer
    return None


def forbidden_imports(module: str, imported: set[str]) -> list[str]:
    """Why each import of ``module`` breaks the direction, or [] when all are fine."""
    problems = []
    here = layer_of(module)
    for target in sorted(imported):
        there = layer_of(target)
        if RANK[there] > RANK[here]:
            problems.append(f"{module} imports {target}: {there} sits above {here}")
        elif here == "views" and RANK[there] < RANK["ui"]:
            problems.append(f"{module} imports {target}: a page calls its sections, no lower")
        elif (
            page_layer_of(module) is not None
            and page_layer_of(module) == page_layer_of(target)
            and target != module
        ):
            problems.append(f"{module} imports {target}: another page's module (sideways)")
    return problems


def test_modules_are_found() -> None:
    assert {"app", "views.home", "sections.home", "ui.controls", "figures.theme"} <= set(MODULES)
    assert {"core.losses", "core.pages.svm_margin", "core.memo"} <= set(MODULES)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_flow_down_the_layers(module: str) -> None:
    problems = forbidden_imports(module, project_imports(MODULES[module]))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("module", "imported", "breaks"),
    [
        ("core.losses", {"figures.theme"}, True),  # upward
        ("figures.svm_loss", {"ui.latex"}, True),
        ("views.home", {"core.losses"}, True),  # a page does its math through its sections
        ("sections.svm_loss", {"sections.svm_margin"}, True),  # sideways between pages
        ("core.pages.svm_loss", {"core.pages.svm_margin"}, True),
        ("figures.svm_loss", {"figures.svm_margin"}, True),
        ("sections.svm_loss", {"ui.controls", "figures.svm_loss", "core.pages.svm_loss"}, False),
        ("figures.svm_loss", {"figures.theme", "core.memo"}, False),
        ("views.home", {"sections.home"}, False),
    ],
    ids=["up", "figures-ui", "view-core", "sections-side", "core-side", "figures-side",
         "section-down", "figure-theme", "view-section"],
)  # fmt: skip
def test_the_rule_itself(module: str, imported: set[str], breaks: bool) -> None:
    assert bool(forbidden_imports(module, imported)) is breaks


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


@pytest.mark.parametrize("module", [m for m in MODULES if layer_of(m) == "core"])
def test_core_imports_numpy_and_the_standard_library_only(module: str) -> None:
    added = _imported_by(module)
    third_party = {
        name for name in added if name not in sys.stdlib_module_names and not name.startswith("_")
    } - {"numpy", "core"}
    assert not third_party, f"{module} imports {sorted(third_party)}; core may use numpy only"


@pytest.mark.parametrize("module", [m for m in MODULES if layer_of(m) == "figures"])
def test_figures_import_no_streamlit(module: str) -> None:
    assert "streamlit" not in _imported_by(module)


@pytest.mark.parametrize("module", ["ui.parsing", "ui.latex", "ui.text"])
def test_pure_ui_helpers_import_no_streamlit(module: str) -> None:
    assert "streamlit" not in _imported_by(module)
