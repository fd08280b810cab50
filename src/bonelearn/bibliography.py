"""The course bibliography: find ``references.bib`` and read it.

One small BibTeX reader serves the content checks (keys, ``doi``, ``pmid``, duplicates),
the pathway loader (do its citation keys exist?) and the widgets (readable short
references). It understands braced and quoted values and nested braces, and skips
``@comment``, ``@string`` and ``@preamble``. Why not pybtex: it is a build-time
dependency of Sphinx only, and the runtime environment (Binder, Colab) should not need
it for three fields of one file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

_ENTRY = re.compile(r"@(?P<type>[A-Za-z]+)\s*[{(]")
_FIELD = re.compile(r"\s*,?\s*(?P<name>[A-Za-z][\w-]*)\s*=\s*")
_SKIP = {"comment", "string", "preamble"}
_BRACE = re.compile(r"[{}]")
_QUOTED = re.compile(r'(?:[^"\\]|\\.)*', re.S)  # up to the closing quote; \" escapes it
_BARE = re.compile(r"[^,}\s]*")


@dataclass
class BibEntry:
    """One entry: its type, key, fields (lower-case names) and 1-based line."""

    type: str
    key: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)


def _value(text: str, i: int) -> tuple[str, int]:
    """Read one field value starting at ``text[i]``; return it and the index after it."""
    if text[i] == "{":
        j = _closing_brace(text, i + 1)
        return (text[i + 1 : j - 1], j) if j else (text[i + 1 :], len(text))
    if text[i] == '"':
        j = _QUOTED.match(text, i + 1).end()  # type: ignore[union-attr]  # always matches
        if j < len(text) and text[j] == "\\":  # a backslash ending the text escapes nothing
            j += 2
        return text[i + 1 : j], j + 1
    m = _BARE.match(text, i)
    return (m.group(0) if m else ""), (m.end() if m else i)


def _closing_brace(text: str, start: int, depth: int = 1) -> int:
    """Index after the brace that closes ``depth`` open braces, scanning from ``start``;
    0 when the text ends first. Scans brace to brace with a regular expression: a
    character-by-character loop made reading the course bibliography take 0.2 s."""
    for m in _BRACE.finditer(text, start):
        depth += 1 if m.group() == "{" else -1
        if depth == 0:
            return m.end()
    return 0


def _body_end(text: str, start: int) -> int:
    return _closing_brace(text, start) or len(text)


def parse_bib(text: str) -> list[BibEntry]:
    """All entries of a BibTeX text, in order (duplicates kept, for the checker)."""
    entries: list[BibEntry] = []
    pos, line, counted = 0, 1, 0
    while (m := _ENTRY.search(text, pos)) is not None:
        kind = m.group("type").lower()
        end = _body_end(text, m.end())
        pos = end
        if kind in _SKIP:
            continue
        line += text.count("\n", counted, m.start())
        counted = m.start()
        body = text[m.end() : end - 1]
        key, _, rest = body.partition(",")
        entry = BibEntry(kind, key.strip(), line)
        i = 0
        while (f := _FIELD.match(rest, i)) is not None and f.end() < len(rest):
            value, i = _value(rest, f.end())
            entry.fields[f.group("name").lower()] = " ".join(value.split())
        entries.append(entry)
    return entries


def read_bib(path: Path) -> list[BibEntry]:
    """Entries of a ``.bib`` file.

    The file is parsed once per process and again only when it changes (its modification
    time or size); each call returns its own copies, which the caller may change.
    """
    stat = path.stat()
    parsed = _parsed(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    return [replace(entry, fields=dict(entry.fields)) for entry in parsed]


@lru_cache(maxsize=4)
def _parsed(path: str, mtime_ns: int, size: int) -> tuple[BibEntry, ...]:
    return tuple(parse_bib(Path(path).read_text(encoding="utf-8")))


def find_bibliography(starts: Iterable[Path] | None = None) -> Path | None:
    """``references.bib`` of the book: walk up from cwd and the package to ``_toc.yml``."""
    starts = list(starts) if starts is not None else [Path.cwd(), Path(__file__).resolve()]
    for start in starts:
        for folder in [start, *start.parents]:
            if (folder / "_toc.yml").is_file() and (folder / "references.bib").is_file():
                return folder / "references.bib"
    return None


def bib_keys(path: Path) -> frozenset[str]:
    """Citation keys defined in a BibTeX file (read again only when the file changes)."""
    stat = path.stat()
    return _keys(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _keys(path: str, mtime_ns: int, size: int) -> frozenset[str]:
    return frozenset(entry.key for entry in read_bib(Path(path)))


_ACCENT = re.compile(r"\{?\\(['`\"^~cvH])\{?(\w)\}?\}?")
_COMBINING = {"'": "\u0301", "`": "\u0300", '"': "\u0308", "^": "\u0302", "~": "\u0303",
              "c": "\u0327", "v": "\u030c", "H": "\u030b"}


def plain_text(value: str) -> str:
    """Resolve LaTeX accents (``{\\'o}`` → ó), drop braces and collapse white space."""
    value = _ACCENT.sub(
        lambda m: unicodedata.normalize("NFC", m.group(2) + _COMBINING[m.group(1)]), value)
    value = value.replace("\\&", "&").replace("\\%", "%")
    return re.sub(r"\s+", " ", value.replace("{", "").replace("}", "")).strip()


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


DOI_URL = "https://doi.org/"
PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/"


def identifier_url(fields: dict[str, str]) -> str | None:
    """Where an entry can be read: its DOI, else its PubMed record, else its official
    ``url`` (regulatory documents); ``None`` when it has none of them."""
    if fields.get("doi"):
        return DOI_URL + fields["doi"]
    if fields.get("pmid"):
        return f"{PUBMED_URL}{fields['pmid']}/"
    return fields.get("url") or None


def short_references(path: Path, brief: bool = False) -> dict[str, str]:
    """:func:`short_reference` of every entry of a ``.bib`` file, by lower-case key.

    Cached until the file changes, so the widgets and the exports read it once.
    """
    path = path.resolve()
    return dict(_short_references(path, path.stat().st_mtime_ns, brief))


@lru_cache(maxsize=8)
def _short_references(path: Path, mtime_ns: int, brief: bool) -> tuple[tuple[str, str], ...]:
    return tuple(
        (entry.key.lower(),
         short_reference({k: plain_text(v) for k, v in entry.fields.items()}, brief))
        for entry in read_bib(path)
    )
