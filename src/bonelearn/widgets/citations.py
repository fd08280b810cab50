"""Short, readable references for citation keys (for the explorer's details panel).

Reads ``references.bib`` from the course checkout (the folder above ``src/``, or the
nearest folder at or above the working directory that holds it). Without the file, a
key is shown as itself. This is a deliberately small BibTeX reader: it handles the
``field = {value}`` entries that bonelearn's bibliography uses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

_ENTRY = re.compile(r"@\w+\s*\{\s*([^,\s]+)\s*,(.*?)\n\}", re.S)
_FIELD = re.compile(r"(\w+)\s*=\s*\{((?:[^{}]|\{[^{}]*\})*)\}", re.S)
_ACCENT = re.compile(r"\{?\\(['`\"^~cvH])\{?(\w)\}?\}?")
_COMBINING = {"'": "\u0301", "`": "\u0300", '"': "\u0308", "^": "\u0302", "~": "\u0303",
              "c": "\u0327", "v": "\u030c", "H": "\u030b"}


def _clean(text: str) -> str:
    """Resolve LaTeX accents (``{\\'o}`` → ó), drop braces and collapse white space."""
    text = _ACCENT.sub(lambda m: unicodedata.normalize("NFC", m.group(2) + _COMBINING[m.group(1)]),
                       text)
    return re.sub(r"\s+", " ", text.replace("{", "").replace("}", "")).strip()


def find_bib() -> Path | None:
    """The course's ``references.bib``, or None when it cannot be found."""
    candidates = [Path(__file__).resolve().parents[3], Path.cwd(), *Path.cwd().parents]
    for folder in candidates:
        if (folder / "references.bib").is_file():
            return folder / "references.bib"
    return None


@cache
def _entries(path: Path | None) -> dict[str, dict[str, str]]:
    if path is None:
        return {}
    text = path.read_text(encoding="utf-8")
    return {m.group(1).lower(): {k.lower(): _clean(v) for k, v in _FIELD.findall(m.group(2))}
            for m in _ENTRY.finditer(text)}


def short_reference(fields: dict[str, str]) -> str:
    """"Lacey et al. 1998, Cell. doi:…" from the fields of one entry."""
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
    if fields.get("journal"):
        text += f", {fields['journal']}"
    if fields.get("doi"):
        text += f". doi:{fields['doi']}"
    elif fields.get("pmid"):
        text += f". PMID {fields['pmid']}"
    return text


def references(keys: Iterable[str], bib: Path | None = None) -> dict[str, str]:
    """Map each key to a short reference (or to the key itself when it is not in the bib)."""
    entries = _entries(bib if bib is not None else find_bib())
    return {k: short_reference(entries[k.lower()]) if k.lower() in entries else k for k in keys}
