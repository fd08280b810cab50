"""Locate the browser assets (JavaScript and CSS) that the static front ends inline.

The assets live in the repository's top-level ``widgets/`` folder. Wheels carry a copy
as ``bonelearn/_browser`` (see ``pyproject.toml``); an editable install or a source
checkout reads ``widgets/`` directly. This module is a leaf: it imports nothing else
from bonelearn except the errors.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bonelearn.errors import UnknownItemError

_PACKAGE = Path(__file__).resolve().parent


@cache
def asset_root() -> Path:
    """Return the folder that holds the browser assets."""
    packaged = _PACKAGE / "_browser"
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE.parent.parent / "widgets"  # src/bonelearn → repository root
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"bonelearn's browser assets are missing: looked in {packaged} and {checkout}"
    )


def read_asset(relative: str) -> str:
    """Return the text of one asset, e.g. ``read_asset("js/quiz.js")``."""
    root = asset_root()
    path = (root / relative).resolve()
    if root.resolve() not in path.parents or not path.is_file():
        known = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
        raise UnknownItemError("browser asset", relative, known)
    return path.read_text(encoding="utf-8")
