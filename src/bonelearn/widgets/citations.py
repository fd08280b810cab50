"""Short, readable references for citation keys (for the explorer's details panel).

Reads the course's ``references.bib`` through :mod:`bonelearn.bibliography`. Without the
file (a notebook opened outside the course), a key is shown as itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from bonelearn.bibliography import find_bibliography, short_references


def references(keys: Iterable[str], bib: Path | None = None,
               brief: bool = False) -> dict[str, str]:
    """Map each key to a short reference (or to the key itself when it is not in the bib)."""
    path = bib if bib is not None else find_bibliography()
    known = short_references(path, brief) if path is not None else {}
    return {k: known.get(k.lower(), k) for k in keys}
