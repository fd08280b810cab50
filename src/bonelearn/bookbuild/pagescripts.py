"""The widgets' scripts and shared data as minified files that every page shares.

Each widget and quiz output carries its own JavaScript inline (so that a notebook output
works alone), and each pathway explorer its own copy of the knowledge base
(``<script type="application/json" class="bl-shared">``, see
``bonelearn.widgets.base.shared_block``). After the HTML build (``build-finished``),
:func:`share_page_scripts` rewrites every page:

- each inline ``<script>`` without attributes of at least :data:`MIN_SIZE` characters
  becomes ``<script src="…/_static/bonelearn-js/<digest>.js">``, its text minified by
  terser (the ``terser`` npm package, run by ``minify.js``). Without ``defer`` or
  ``async``, a parser-inserted script runs where the inline one ran, in the same order
  and with the same ``document.currentScript``, so the widgets mount as before;
- a later copy of the same script goes (as :mod:`.slim` drops them: the widget scripts
  run once per page);
- the first shared data block of each key becomes ``<script src="…/data-<key>.js">``,
  a script that stores the data under ``window.bonelearn.shared[key]`` (where
  ``W.sharedData`` in ``widgets/js/mount.js`` looks first); later blocks of that key go.

The scripts that Sphinx and the extensions copy into ``_static`` unminified (copy buttons,
toggles, tabs, highlighting, search; see :func:`minify_static_scripts`) are minified in
place, each marked with :data:`MARK` so that a rebuild that leaves them alone does not
minify them again; licence comments (``/*!`` or ``@license``) stay.

The files are named by the digest of what they replace, so a browser caches each one
once for the whole book and never keeps a stale copy, and an unchanged script is not
minified again at the next build. Links are plain relative ones, so the pages work from
``file://`` as from a server (no ``fetch``). Files that no page names any more are
deleted. This runs before :mod:`.joincss`, whose PurgeCSS reads the scripts of
``_static`` for the classes they add.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from bonelearn.bookbuild.joincss import content_root

FOLDER = "bonelearn-js"
#: An inline script without attributes (data blocks and external scripts have some).
INLINE = re.compile(r"<script>(.*?)</script>", re.S)
#: ``<script type="application/json" class="bl-shared" data-bl-shared="key">…</script>``
#: as ``bonelearn.widgets.base.shared_block`` writes it.
SHARED = re.compile(r'<script type="application/json" class="bl-shared" '
                    r'data-bl-shared="([a-z0-9-]+)">(.*?)</script>', re.S)
#: Files this module wrote: ``<digest>.js`` or ``data-<key>.js``.
WRITTEN = re.compile(rf'_static/{FOLDER}/((?:data-)?[a-z0-9-]+\.js)"')
#: Shorter inline scripts stay (a one-line mount call costs less than a request).
MIN_SIZE = 1024
MINIFY_SCRIPT = Path(__file__).with_name("minify.js")
#: The first line of a script of ``_static`` that the build has minified.
MARK = "/*! minified by the book build (bonelearn.bookbuild.pagescripts) */\n"

Minify = Callable[[list[str]], list[str]]


def script_name(text: str) -> str:
    """The file name of an inline script's text: a digest of the text as written."""
    return f"{hashlib.sha256(text.encode()).hexdigest()[:16]}.js"


def shared_script(key: str, json_text: str) -> str:
    """A script that stores ``json_text`` (HTML-safe JSON) as ``bonelearn.shared[key]``."""
    return ("(function(b){(b.shared=b.shared||{})[" + json.dumps(key) + "]="
            + json_text + ";})(window.bonelearn=window.bonelearn||{});\n")


def share_scripts(html: str, scripts: dict[str, str]) -> str:
    """``html`` with its long inline scripts and shared data blocks replaced by links to
    files under ``_static/bonelearn-js``; each file's text (not yet minified) is added to
    ``scripts`` under its name. A page without a content root is returned as it is."""
    root = content_root(html)
    if root is None:
        return html
    folder = f"{root}_static/{FOLDER}/"
    seen: set[str] = set()

    def external(match: re.Match[str]) -> str:
        text = match.group(1)
        if len(text) < MIN_SIZE:
            return match.group(0)
        name = script_name(text)
        if name in seen:
            return ""  # a later copy (:mod:`.slim` drops them too; widgets run once)
        seen.add(name)
        scripts.setdefault(name, text)
        return f'<script src="{folder}{name}"></script>'

    def shared(match: re.Match[str]) -> str:
        name = f"data-{match.group(1)}.js"
        if name in seen:
            return ""
        seen.add(name)
        key = match.group(1)
        scripts.setdefault(name, shared_script(key, match.group(2)))
        return f'<script src="{folder}{name}"></script>'

    return INLINE.sub(external, SHARED.sub(shared, html))


def terser_package(srcdir: Path) -> Path:
    """The ``terser`` npm package of the project (``npm ci`` installs it)."""
    path = (srcdir / "node_modules" / "terser").resolve()
    if not (path / "dist" / "bundle.min.js").is_file():
        raise ExtensionError(
            f"minifying the widget scripts needs terser from npm at {path}: run `npm ci` "
            "(make book does it)")
    return path


def minify(texts: list[str], package: Path) -> list[str]:
    """``texts`` (scripts) minified by terser, in one Node.js process."""
    if not texts:
        return []
    node = shutil.which("node")
    if node is None:
        raise ExtensionError("minifying the widget scripts needs Node.js (`node`) on the PATH")
    done = subprocess.run([node, str(MINIFY_SCRIPT), str(package)], input=json.dumps(texts),
                          text=True, capture_output=True, check=False)
    if done.returncode != 0:
        raise ExtensionError(done.stderr.strip() or "minify.js failed")
    return json.loads(done.stdout)


def write_scripts(folder: Path, scripts: dict[str, str], minifier: Minify) -> None:
    """Write the scripts not on disk yet into ``folder`` (data files as they are, the
    others minified)."""
    folder.mkdir(parents=True, exist_ok=True)
    new = {name: text for name, text in scripts.items() if not (folder / name).is_file()}
    code = sorted(name for name in new if not name.startswith("data-"))
    for name, text in zip(code, minifier([new[n] for n in code]), strict=True):
        new[name] = text
    for name, text in new.items():
        (folder / name).write_text(text, encoding="utf-8")


def minify_static_scripts(static: Path, minifier: Minify) -> list[str]:
    """Minify in place the scripts directly in ``static`` that are not minified yet (not
    ``*.min.js``, not marked with :data:`MARK`); return their names. The theme's own
    scripts (``static/scripts``) ship minified and are left alone."""
    names = sorted(p.name for p in static.glob("*.js")
                   if not p.name.endswith(".min.js")
                   and not (static / p.name).read_text(encoding="utf-8").startswith(MARK))
    if not names:
        return []
    texts = [(static / name).read_text(encoding="utf-8") for name in names]
    for name, text in zip(names, minifier(texts), strict=True):
        (static / name).write_text(MARK + text + "\n", encoding="utf-8")
    return names


def share_page_scripts(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, move the pages' widget scripts and shared data into cached,
    minified files (see above)."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    folder = out / "_static" / FOLDER
    scripts: dict[str, str] = {}
    named: set[str] = set()
    for page in sorted(out.rglob("*.html")):
        if {"_static", "_sources"} & set(page.relative_to(out).parts):
            continue
        html = page.read_text(encoding="utf-8")
        shared = share_scripts(html, scripts)
        if shared != html:
            page.write_text(shared, encoding="utf-8")
        named.update(WRITTEN.findall(shared))
    package = terser_package(Path(app.srcdir))
    write_scripts(folder, scripts, lambda texts: minify(texts, package))
    minify_static_scripts(out / "_static", lambda texts: minify(texts, package))
    if folder.is_dir():
        for old in folder.glob("*.js"):
            if old.name not in named:
                old.unlink()
