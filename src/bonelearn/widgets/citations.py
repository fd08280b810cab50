"""Short, readable references for citation keys (for the explorer's details panel).

Reads the course's ``references.bib`` through :mod:`bonelearn.bibliography`. Without the
file (a notebook opened outside the course), a key is shown as itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from bonelearn.bibliography import find_bibliography, plain_text, read_bib, short_reference


@cache
def _entries(path: Path | None) -> dict[str, dict[str, str]]:
    if path is None:
        return {}
    return {e.key.lower(): {k: plain_text(v) for k, v in e.fields.items()}
            for e in read_bib(path)}


def references(keys: Iterable[str], bib: Path | None = None,
               brief: bool = False) -> dict[str, str]:
    """Map each key to a short reference (or to the key itself when it is not in the bib)."""
    entries = _entries(bib if bib is not None else find_bibliography())
    return {k: short_reference(entries[k.lower()], brief) if k.lower() in entries else k
            for k in keys}
