"""A cache of figures' encodings, keyed by matplotlib's SVG of the whole figure.

``show()`` encodes every figure three ways and keeps the smallest: a trimmed SVG (two
drawing passes, one to find the trim box) and a 2x raster encoded as PNG and as WebP;
about a second a figure in all. The same figure is drawn again and again: by the book
build, then by nbval for its chapter and for the chapter's reader notebook, and on every
rerun. Matplotlib's SVG of the untrimmed figure takes one pass and holds every mark, text
and embedded image (with six decimals), so it is the key, with what else the encodings
depend on: the resolution, matplotlib's settings (``rcParams``: the trim's padding,
anti-aliasing, snapping, hinting), the code of the encoders and the versions of
matplotlib, Pillow and libwebp.

Not in the key, so not seen by the cache: fonts (after installing or removing fonts,
delete the folder), and properties of single artists that change the trim or the pixels
but not the SVG (``set_in_layout``, ``set_antialiased``, ``set_snap``); no figure of the
course sets them. The folder is ``$BONELEARN_FIGURE_CACHE`` if set (``off`` turns the
cache off; a relative path is taken from the kernel's working folder, the notebook's),
else ``bonelearn/figures`` in ``$XDG_CACHE_HOME`` or ``~/.cache``. It keeps the
``MAX_ENTRIES`` most recently used figures. A folder that cannot be found, read or
written is no cache: the figure is drawn as if it were empty, never lost. Each file is
written under a temporary name and renamed, so another process sees each file whole or
not at all; the reader checks that the three belong together (``figures._cached``).
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
import time
from pathlib import Path

import matplotlib
import PIL
from PIL import features

ENV = "BONELEARN_FIGURE_CACHE"
SUFFIXES = (".png", ".webp", ".svg")
#: Figures kept (about 90 kB each); the least recently used go first.
MAX_ENTRIES = 400
#: Temporary files older than this (seconds) were left by a process that was stopped.
STALE_TEMPORARY_S = 3600


def folder() -> Path | None:
    """Where the entries are, or None when the cache is off or has no home."""
    value = os.environ.get(ENV, "").strip()
    if value.lower() == "off":
        return None
    try:
        if value:
            return Path(value).expanduser()
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except RuntimeError:  # no $HOME and no user entry to find one
        return None
    return Path(base) / "bonelearn" / "figures"


@functools.cache
def _fixed_inputs() -> str:
    """The encoders' code and the libraries' versions (the same for a whole process)."""
    code = b"".join(p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py")))
    return "\0".join((hashlib.sha256(code).hexdigest(), matplotlib.__version__,
                      PIL.__version__, str(features.version("webp"))))


def key(svg: str, dpi: int, density: int) -> str:
    """The entry name for a figure whose untrimmed SVG is ``svg``, drawn at ``density`` x
    ``dpi`` under the current matplotlib settings."""
    settings = repr(sorted((k, repr(v)) for k, v in matplotlib.rcParams.items()))
    digest = hashlib.sha256()
    for part in (_fixed_inputs(), str(dpi), str(density), settings, svg):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def load(name: str) -> tuple[bytes, ...] | None:
    """The PNG, WebP and SVG stored under ``name``, or None if any is missing or unreadable.
    A hit marks the entry as recently used."""
    where = folder()
    if where is None:
        return None
    try:
        found = tuple((where / f"{name}{suffix}").read_bytes() for suffix in SUFFIXES)
        os.utime(where / f"{name}{SUFFIXES[-1]}")
    except OSError:
        return None
    return found


def store(name: str, *encodings: bytes) -> None:
    """Keep the PNG, WebP and SVG under ``name``, then drop the least recently used
    entries beyond ``MAX_ENTRIES``; nothing happens if the folder cannot be written."""
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        for suffix, data in zip(SUFFIXES, encodings, strict=True):
            handle, temporary = tempfile.mkstemp(dir=where, prefix=f".{name}", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, where / f"{name}{suffix}")
            finally:
                Path(temporary).unlink(missing_ok=True)
        prune(where)
    except OSError:
        return


def prune(where: Path, keep: int = MAX_ENTRIES) -> None:
    """Remove all but the ``keep`` most recently used entries of ``where``, and temporary
    files that a stopped process left."""
    now = time.time()
    for path in where.glob(".*.tmp"):
        if now - path.stat().st_mtime > STALE_TEMPORARY_S:
            path.unlink(missing_ok=True)
    entries = sorted(where.glob(f"*{SUFFIXES[-1]}"), key=lambda p: p.stat().st_mtime)
    for marker in entries[:max(0, len(entries) - keep)]:
        for suffix in SUFFIXES:
            marker.with_suffix(suffix).unlink(missing_ok=True)
