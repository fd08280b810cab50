"""Short, readable references for citation keys (for the explorer's details panel).

Reads the course's ``references.bib`` through :mod:`bonelearn.bibliography`. Without the
file (a notebook opened outside the course), a key is shown as itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from bonelearn.bibliography import find_bibliography, plain_text, read_bib


@cache
def _entries(path: Path | None) -> dict[str, dict[str, str]]:
    if path is None:
        return {}
    return {e.key.lower(): {k: plain_text(v) for k, v in e.fields.items()}
            for e in read_bib(path)}


def short_reference(fields: dict[str, str], brief: bool = False) -> str:
    """"Lacey et al. 1998, Cell. doi:…" from the fields of one entry ("Lacey et al. 1998"
    when ``brief``, for tight places such as table cells)."""
    authors = [a.strip() for a in fields.get("author", "").split(" and ") if a.strip()]
    more = "others" in authors  # BibTeX's "and others": a truncated author list
    authors = [a for a in authors if a != "others"]
    first = authors[0].split(",")[0].strip() if authors else "Anonymous"
    if len(authors) > 2 or (more and authors):
        who = f"{first} et al."
    elif len(authors) == 2:
        who = f"{first} and {authors[1].split(',')[0].strip()}"
    else:
        who = first
    text = f"{who} {fields.get('year', 'n.d.')}"
    if brief:
        return text
    if fields.get("journal"):
        text += f", {fields['journal']}"
    if fields.get("doi"):
        text += f". doi:{fields['doi']}"
    elif fields.get("pmid"):
        text += f". PMID {fields['pmid']}"
    return text


def references(keys: Iterable[str], bib: Path | None = None,
               brief: bool = False) -> dict[str, str]:
    """Map each key to a short reference (or to the key itself when it is not in the bib)."""
    entries = _entries(bib if bib is not None else find_bibliography())
    return {k: short_reference(entries[k.lower()], brief) if k.lower() in entries else k
            for k in keys}
