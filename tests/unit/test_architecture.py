"""Imports flow one way: models → pathways → evidence → widgets and quiz → course →
instructor → checks → cli (``errors`` is the base of everything)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "bonelearn"

# Layer of each top-level part of the package. A module may import from its own part
# and from parts in lower layers only; parts that share a layer may not import each other.
LAYERS: dict[str, int] = {
    "errors": 0,
    "bookbuild": 0,  # a Sphinx extension that imports nothing of bonelearn
    "assets": 1, "figures": 1, "frontend": 1, "bibliography": 1, "datafiles": 1,
    "models": 2,
    "pathways": 3,
    "evidence": 4,
    "widgets": 5, "quiz": 5,
    "course": 6,
    "instructor": 7,
    "checks": 8,
    "cli": 9, "sphinxext": 9,
}


def _part(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m.startswith("bonelearn.")}


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


def test_every_part_has_a_layer() -> None:
    parts = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in MODULES}
    assert parts <= set(LAYERS), sorted(parts - set(LAYERS))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_flow_one_way(path: Path) -> None:
    own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    wrong = [
        module for module in _imports(path)
        if _part(module) != own and LAYERS[_part(module)] >= LAYERS[own]
    ]
    assert wrong == [], f"{own} (layer {LAYERS[own]}) imports upward or sideways: {wrong}"


def test_scipy_loads_with_the_first_model_solve_not_with_the_package() -> None:
    """Every notebook imports the widgets and the course; scipy's integrators and root
    finder (about 0.4 s to import) load only when a model is first solved."""
    heavy = ("scipy.integrate", "scipy.optimize")
    code = (
        "import sys\n"
        "import bonelearn.course, bonelearn.models, bonelearn.models.scenarios, "
        "bonelearn.widgets\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
        "bonelearn.models.Lemaire2004().simulate(10.0, n_points=3)\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.splitlines() == ["[]", str(sorted(heavy))]
