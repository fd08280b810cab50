"""Short, readable references for citation keys (for the explorer's details panel).

Reads the course's ``references.bib`` through :mod:`bonelearn.bibliography`. Without the
file (a notebook opened outside the course), a key is shown as itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from bonelearn.bibliography import (
    find_bibliography,
    identifier_url,
    plain_text,
    read_bib,
    short_references,
)


def references(keys: Iterable[str], bib: Path | None = None,
               brief: bool = False) -> dict[str, str]:
    """Map each key to a short reference (or to the key itself when it is not in the bib)."""
    path = bib if bib is not None else find_bibliography()
    known = short_references(path, brief) if path is not None else {}
    return {k: known.get(k.lower(), k) for k in keys}


def reference_links(keys: Iterable[str], bib: Path | None = None) -> dict[str, str | None]:
    """Map each key to where it can be read (DOI, PubMed or official address; see
    :func:`bonelearn.bibliography.identifier_url`), or None when unknown."""
    path = bib if bib is not None else find_bibliography()
    urls = _urls(path.resolve(), path.stat().st_mtime_ns) if path is not None else {}
    return {k: urls.get(k.lower()) for k in keys}


@lru_cache(maxsize=4)
def _urls(path: Path, mtime_ns: int) -> dict[str, str | None]:
    return {entry.key.lower(): identifier_url({k: plain_text(v) for k, v in entry.fields.items()})
            for entry in read_bib(path)}
