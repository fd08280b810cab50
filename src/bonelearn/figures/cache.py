"""A cache of figures' encodings, keyed by matplotlib's SVG of the whole figure.

``show()`` encodes every figure three ways and keeps the smallest: a trimmed SVG (two
drawing passes, one to find the trim box) and a 2x raster encoded as PNG and as WebP;
about a second a figure in all. The same figure is drawn again and again: by the book
build, then by nbval for its chapter and for the chapter's reader notebook, and on every
rerun. Matplotlib's SVG of the untrimmed figure takes one pass and describes the figure
completely (every mark, text and embedded image, with six decimals), so two figures with
the same such SVG have the same encodings, which are looked up by a hash of it.

The key also holds everything else the pixels depend on: the resolution, and the versions
of matplotlib, Pillow and libwebp. Fonts are not in the key: after installing or removing
fonts, delete the folder. The folder is ``$BONELEARN_FIGURE_CACHE`` if set (``off`` turns
the cache off), else ``bonelearn/figures`` in ``$XDG_CACHE_HOME`` or ``~/.cache``. A
folder that cannot be read or written is no cache: the figure is drawn as if it were
empty, never lost. Each file is written whole under a temporary name and then renamed,
so a reader in another process sees an entry whole or not at all.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import matplotlib
import PIL
from PIL import features

ENV = "BONELEARN_FIGURE_CACHE"
#: Raised whenever the encodings change in a way the versions below do not show.
ENCODING_VERSION = "1"
SUFFIXES = (".png", ".webp", ".svg")


def folder() -> Path | None:
    """Where the entries are, or None when the cache is off."""
    value = os.environ.get(ENV, "").strip()
    if value.lower() == "off":
        return None
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bonelearn" / "figures"


def key(svg: str, dpi: int, density: int) -> str:
    """The entry name for a figure whose SVG is ``svg``, drawn at ``density`` x ``dpi``."""
    digest = hashlib.sha256()
    for part in (ENCODING_VERSION, matplotlib.__version__, PIL.__version__,
                 str(features.version("webp")), str(dpi), str(density), svg):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def load(name: str) -> tuple[bytes, ...] | None:
    """The PNG, WebP and SVG stored under ``name``, or None if any is missing or unreadable."""
    where = folder()
    if where is None:
        return None
    try:
        return tuple((where / f"{name}{suffix}").read_bytes() for suffix in SUFFIXES)
    except OSError:
        return None


def store(name: str, *encodings: bytes) -> None:
    """Keep the PNG, WebP and SVG under ``name``; nothing if the folder cannot be written."""
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        for suffix, data in zip(SUFFIXES, encodings, strict=True):
            temporary = where / f".{name}{suffix}.{os.getpid()}.tmp"
            try:
                temporary.write_bytes(data)
                os.replace(temporary, where / f"{name}{suffix}")
            finally:
                temporary.unlink(missing_ok=True)
    except OSError:
        return
