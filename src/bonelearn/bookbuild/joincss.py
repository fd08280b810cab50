"""One small style sheet per page instead of ten, so the first paint comes sooner.

A page of the book links ten style sheets in its head (Sphinx's ``basic.css``, the two
themes', Pygments', sphinx-togglebutton's, sphinx-copybutton's, myst-nb's, the exercise
and sphinx-design ones and the book's own): 467 KB, of which the book uses about a third.
Each blocks the first paint, and a browser fetches at most six files at once from one
HTTP/1.1 host, so on a slow network with long latency the second batch costs a second
round trip (about 0.56 s on the slow 4G profile of ``make bench``).

After the HTML build (``build-finished``, after :mod:`.icons` has trimmed the theme's
style sheet) :func:`join_page_styles` replaces each page's run of local style sheet links
with one link to ``_static/bonelearn-styles-<digest>.css``:

- the files joined in their order, their relative ``url(...)`` references rewritten for
  the new folder, ``@charset`` and source-map comments dropped;
- minified by CSSO (white space and comments only: no rule is merged or moved);
- without the rules that match nothing in the book: PurgeCSS (the ``purgecss`` npm
  package, run by ``purgecss.js``) keeps a rule when the classes, ids, elements and
  attributes of one of its selectors occur in a built page or in a script of
  ``_static`` (scripts add classes at run time; Bootstrap builds the ``bs-*`` ones from
  parts, so those are always kept). It runs on the whole built book at every build, so a
  class that a new page uses keeps its rules;
- named by the digest of its text, so a browser never keeps a stale copy.

The link keeps the list of files it replaces in ``data-bl-joins``, so that a later
incremental build (which writes only the pages that changed) joins the current files again
for every page. Links with a ``media`` attribute, remote links and links separated by an
inline ``<style>`` (whose place in the cascade must not change) are left alone. The link
is a plain relative one, so it works from ``file://`` as from a server.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import posixpath
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

PREFIX = "bonelearn-styles-"
#: ``<link rel="stylesheet" type="text/css" href="../_static/x.css?v=1" />`` in either
#: attribute order, or the joined link this module writes.
LINK = re.compile(r'[ \t]*<link(?=[^>]*\srel="stylesheet")[^>]*\shref="([^"]+)"[^>]*/?>\n?')
JOINS = re.compile(r'\sdata-bl-joins="([^"]+)"')
#: ``url("a.woff2")``, ``url('a')`` or ``url(a)``.
URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)""")
CHARSET = re.compile(r'@charset\s+"[^"]*"\s*;')
SOURCE_MAP = re.compile(r"/\*#\s*sourceMappingURL=[^*]*\*/")
STATIC = "_static/"
PURGE_SCRIPT = Path(__file__).with_name("purgecss.js")
#: Classes that scripts build from parts (Bootstrap's ``bs-tooltip-auto``), always kept.
SAFELIST = (r"^bs-",)
#: Scripts copied into ``_static`` that no page loads (see :mod:`.slim`).
UNUSED_SCRIPTS = {"fontawesome.js"}

Group = tuple[int, int, tuple[str, ...]]  # start and end in the page, files joined
Purge = Callable[[list[str]], list[str]]


def _local_static(href: str, root: str) -> str | None:
    """The path under ``_static`` of a page-relative ``href`` (``root`` leads to the book's
    root), or None for a remote or non-static link."""
    path = href.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith(root + STATIC) or "//" in path or not path.endswith(".css"):
        return None
    return path[len(root + STATIC):]


def rebase_urls(css: str, folder: str) -> str:
    """``css`` from ``_static/<folder>`` with its relative ``url()``s made relative to
    ``_static``."""
    if not folder:
        return css

    def rebased(match: re.Match[str]) -> str:
        url = next(g for g in match.groups() if g is not None)
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", url, re.I):
            return match.group(0)  # data:, http:, absolute or a fragment
        return f'url("{posixpath.normpath(posixpath.join(folder, url))}")'

    return URL.sub(rebased, css)


def joined_css(static: Path, names: Iterable[str]) -> str:
    """The style sheets ``names`` (paths under ``static``) as one, in order."""
    parts = ['@charset "UTF-8";']
    for name in names:
        text = (static / name).read_text(encoding="utf-8")
        text = SOURCE_MAP.sub("", CHARSET.sub("", text))
        parts.append(f"/* {name} */\n{rebase_urls(text, posixpath.dirname(name))}")
    return "\n".join(parts) + "\n"


def content_root(html: str) -> str | None:
    """The path from a built page to the book's root (``data-content_root``), or None."""
    head = html.partition("</head>")
    found = re.search(r'data-content_root="([^"]*)"', head[0])
    return found.group(1) if head[1] and found else None


def style_groups(html: str) -> list[Group]:
    """The runs of local style sheet links in the page's head that can be joined (two or
    more, or one joined before), with the files each run links, in order."""
    root = content_root(html)
    if root is None:
        return []
    head = html.partition("</head>")[0]
    runs: list[list[re.Match[str]]] = [[]]
    last = 0
    for match in LINK.finditer(head):
        if "<style" in head[last:match.start()]:
            runs.append([])
        last = match.end()
        tag = match.group(0)
        if " media=" in tag or (not JOINS.search(tag)
                                and _local_static(match.group(1), root) is None):
            runs.append([])
            continue
        runs[-1].append(match)
    groups = []
    for run in runs:
        if len(run) > 1 or (run and JOINS.search(run[0].group(0))):
            names = tuple(name for m in run for name in _names(m, root))
            groups.append((run[0].start(), run[-1].end(), names))
    return groups


def _names(match: re.Match[str], root: str) -> list[str]:
    joins = JOINS.search(match.group(0))
    if joins:
        return joins.group(1).split()
    return [_local_static(match.group(1), root) or ""]


def link_joined(html: str, groups: list[Group], files: dict[tuple[str, ...], str]) -> str:
    """``html`` with each run of ``groups`` replaced by one link to its joined file
    (``files``: joined file name by the names it joins; runs without one are kept)."""
    root = content_root(html) or ""
    for start, end, names in reversed(groups):
        if names not in files:
            continue
        between = LINK.sub("", html[start:end])  # what lies between the links (a preload)
        link = (f'    <link rel="stylesheet" href="{root}{STATIC}{files[names]}" '
                f'data-bl-joins="{" ".join(names)}" />\n')
        html = html[:start] + link + between + html[end:]
    return html


def join_styles(html: str, static: Path, written: dict[str, str],
                purge: Purge = lambda texts: texts) -> str:
    """``html`` linking one joined (and purged) style sheet per run of local style sheets;
    each joined sheet's text is added to ``written`` under its file name."""
    groups = style_groups(html)
    files = _write_joined({names for _, _, names in groups}, static, written, purge)
    return link_joined(html, groups, files)


def _write_joined(lists: Iterable[tuple[str, ...]], static: Path, written: dict[str, str],
                  purge: Purge) -> dict[tuple[str, ...], str]:
    """Join (and purge) each list of files; add the texts to ``written`` by file name and
    return the file name of each list."""
    lists = [names for names in lists if all((static / n).is_file() for n in names)]
    texts = purge([joined_css(static, names) for names in lists])
    files = {}
    for names, text in zip(lists, texts, strict=True):
        name = f"{PREFIX}{hashlib.sha256(text.encode()).hexdigest()[:16]}.css"
        written[name] = text
        files[names] = name
    return files


def purgecss_package(srcdir: Path) -> Path:
    """The ``purgecss`` npm package of the project (``npm ci`` installs it, and the
    ``csso`` package beside it that minifies the result)."""
    path = (srcdir / "node_modules" / "purgecss").resolve()
    if not (path / "lib" / "purgecss.js").is_file():
        raise ExtensionError(
            f"joining the style sheets needs PurgeCSS from npm at {path}: run `npm ci` "
            "(make book does it)")
    csso = path.parent / "csso"
    if not (csso / "package.json").is_file():
        raise ExtensionError(
            f"joining the style sheets needs CSSO from npm at {csso}: run `npm ci` "
            "(make book does it)")
    return path


def purge_unused(texts: list[str], content: list[tuple[str, str]], package: Path) -> list[str]:
    """``texts`` (style sheets) without the rules that match nothing in ``content``
    (``(text, extension)`` pairs: the built pages and scripts), in one Node.js process."""
    if not texts:
        return []
    node = shutil.which("node")
    if node is None:
        raise ExtensionError("joining the style sheets needs Node.js (`node`) on the PATH")
    job = json.dumps({"css": texts, "safelist": list(SAFELIST),
                      "content": [{"raw": raw, "extension": ext} for raw, ext in content]})
    done = subprocess.run([node, str(PURGE_SCRIPT), str(package)], input=job, text=True,
                          capture_output=True, check=False)
    if done.returncode != 0:
        raise ExtensionError(done.stderr.strip() or "purgecss.js failed")
    return json.loads(done.stdout)


def _book_content(out: Path, pages: dict[Path, str]) -> list[tuple[str, str]]:
    scripts = [(p.read_text(encoding="utf-8"), "js")
               for p in sorted((out / "_static").rglob("*.js")) if p.name not in UNUSED_SCRIPTS]
    return [*((html, "html") for html in pages.values()), *scripts]


def join_page_styles(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, give every page one joined, purged style sheet (see above)."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    static = out / "_static"
    pages = {p: p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))
             if not {"_static", "_sources"} & set(p.relative_to(out).parts)}
    groups = {p: style_groups(html) for p, html in pages.items()}
    lists = set(itertools.chain.from_iterable(
        (names for _, _, names in page_groups) for page_groups in groups.values()))
    package = purgecss_package(Path(app.srcdir))
    content = _book_content(out, pages)
    written: dict[str, str] = {}
    files = _write_joined(sorted(lists), static, written,
                          lambda texts: purge_unused(texts, content, package))
    for name, text in written.items():
        (static / name).write_text(text, encoding="utf-8")
    for page, html in pages.items():
        joined = link_joined(html, groups[page], files)
        if joined != html:
            page.write_text(joined, encoding="utf-8")
    for old in static.glob(f"{PREFIX}*.css"):
        if old.name not in written:
            old.unlink()
