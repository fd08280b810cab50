"""A small Sphinx extension for the bonelearn book.

myst-nb injects the saved ipywidgets state, ``require.js`` and ``embed-amd.js`` (the
latter two from CDNs) into every page whose notebook created a widget. bonelearn's
widgets render their own self-contained ``text/html`` front end in the book, so that
state is dead weight and the CDN scripts are external requests that fail offline.
This extension drops those entries once the environment is complete.

It also removes sphinx-thebe's page resources. Jupyter Book 1 always loads sphinx-thebe,
which declares ``THEBE_JS_URL`` twice (a console error on every page) and points at a
CDN; bonelearn's pages run without a remote kernel, so thebe is switched off in
``_config.yml`` and its leftovers are dropped here. Finally it gives the theme a default
colour mode, without which pydata-sphinx-theme logs "Got invalid theme mode" on
every first visit. It sets ``BONELEARN_BOOK_BUILD=1`` (see ``bonelearn.frontend``) so
that the kernels the build starts add each widget's static front end. It writes the
package version (``bonelearn.__version__``) into the footer of every page and into
Sphinx's ``version``/``release``, so a printed or hosted copy says which version of the
course it is (``CHANGELOG.md`` says what each version changed). A chapter's Binder,
Colab and JupyterHub buttons open its reader notebook (``notebooks/<id>.ipynb``).

The references page uses the ``bonelearn`` bibliography style: pybtex's ``plain`` style
with every entry's identifier shown as a link (DOI, PubMed from the ``pmid`` field, and
the official URL with its access date for regulatory documents).

Jupyter Book executes notebooks in cache mode, and jupyter-cache keys a notebook on its
code alone. A chapter's output also depends on data it reads (its ``chapter.yaml`` and
``questions.yaml``, the pathway and scenario data, the browser assets and the package
code), so a change there would leave stale output. ``stale_chapters`` finds the
chapters whose inputs are newer than their cached execution, removes those cache
records and asks Sphinx to read the chapters again.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from bonelearn.bibliography import PUBMED_URL
from bonelearn.frontend import BOOK_BUILD_ENV

IPYWIDGETS_PREFIX = "ipywidgets_"
#: A chapter page's name: ``chapters/<id>/<id>``.
CHAPTER_PAGE = re.compile(r"^chapters/(?P<id>[^/]+)/(?P=id)$")
#: Parts of the package that only build the book (editing them re-executes nothing).
BOOK_BUILD_CODE = {"sphinxext.py", "bookbuild"}


def drop_ipywidgets_scripts(app: Sphinx, env: BuildEnvironment) -> None:
    """Remove myst-nb's per-page ``ipywidgets_*`` script entries (state, require.js, embed)."""
    for page in getattr(env, "nb_metadata", {}).values():
        js_files = page.get("js_files", {})
        for key in [k for k in js_files if k.startswith(IPYWIDGETS_PREFIX)]:
            del js_files[key]


def _is_thebe(resource: object) -> bool:
    filename = getattr(resource, "filename", None) or str(resource)
    body = getattr(resource, "attributes", {}).get("body", "")
    return "thebe" in filename or "THEBE_JS_URL" in body


def drop_thebe_resources(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Remove sphinx-thebe's scripts and stylesheet from a page's context."""
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [res for res in context[key] if not _is_thebe(res)]


def set_default_colour_mode(app: Sphinx, config: Any) -> None:
    """Give pydata-sphinx-theme a valid default mode (light) unless one is configured."""
    config.html_context.setdefault("default_mode", "light")


VERSION_CLASS = "bl-version"


def version_footer(version: str) -> str:
    """The footer line that names the course version."""
    return (f'<p class="{VERSION_CLASS}">bonelearn version {version}. '
            "What changed in each version: CHANGELOG.md in the repository.</p>")


def add_version(app: Sphinx, config: Any) -> None:
    """Put the package version in the footer (after ``extra_footer``) and in ``release``."""
    from bonelearn import __version__

    config.version = config.release = __version__
    options = config.html_theme_options
    footer = options.get("extra_footer") or ""
    if VERSION_CLASS not in footer:
        options["extra_footer"] = footer + version_footer(__version__)


def chapter_inputs(notebook: Path, project_root: Path) -> list[Path]:
    """Files besides the notebook's code that determine a chapter's executed output."""
    package = Path(__file__).resolve().parent
    inputs = [p for p in notebook.parent.iterdir() if p.is_file() and p != notebook]
    inputs += [p for p in (project_root / "widgets").rglob("*") if p.is_file()]
    inputs += [p for p in package.rglob("*") if p.suffix in {".py", ".yaml", ".json", ".js"}
               and not _builds_the_book(p.relative_to(package))]
    return inputs


def _builds_the_book(relative: Path) -> bool:
    """True for the Sphinx extensions' own code, which no notebook output depends on."""
    return relative.parts[0] in BOOK_BUILD_CODE


def newest_mtime(paths: Iterable[Path]) -> datetime | None:
    stamps = [p.stat().st_mtime for p in paths if p.exists()]
    return datetime.fromtimestamp(max(stamps), tz=UTC) if stamps else None


def stale_chapters(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Drop cache records older than a chapter's data; return those chapters to re-read."""
    if app.config.nb_execution_mode != "cache":
        return []
    from jupyter_cache import get_cache

    cache_path = app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache"
    if not Path(cache_path).is_dir():
        return []
    cache = get_cache(str(cache_path))
    srcdir = Path(app.srcdir)
    outdated = []
    for record in cache.list_cache_records():
        notebook = Path(record.uri)
        if not notebook.is_file() or srcdir not in notebook.parents:
            continue
        newest = newest_mtime(chapter_inputs(notebook, srcdir))
        if newest and newest > record.created.replace(tzinfo=UTC):
            cache.remove_cache(record.pk)
            docname = notebook.relative_to(srcdir).with_suffix("").as_posix()
            if docname in env.found_docs:
                outdated.append(docname)
    return outdated


def use_reader_notebook_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Point a chapter's Binder, Colab and JupyterHub buttons at its reader notebook.

    The buttons open ``notebooks/<id>.ipynb`` (no solutions, plain Markdown; see
    ``bonelearn.instructor.reader``), not the authored chapter, through the same
    :func:`bonelearn.instructor.links.chapter_links` that ``bonelearn assign`` uses, so
    the book's buttons and the instructor kit's links are one implementation. On a page
    that is not a chapter only the JupyterHub button changes (sphinx-book-theme builds
    that link without ``targetpath``, values partly encoded), to the nbgitpuller link of
    the page's own source.
    """
    from bonelearn.course import repository
    from bonelearn.course.root import chapter_ids
    from bonelearn.instructor.links import chapter_links, links_for

    groups = [g for g in context.get("header_buttons", []) if g.get("label") == "launch-buttons"]
    if not groups:
        return
    root = Path(app.srcdir)
    repo = repository(root)
    chapter = CHAPTER_PAGE.match(pagename)
    if chapter and chapter.group("id") in chapter_ids(root):
        links = chapter_links(repo, chapter.group("id"))
        urls = {"Binder": links.binder, "Colab": links.colab, "JupyterHub": links.jupyterhub}
    else:
        links = links_for(repo, str(app.env.doc2path(pagename, False)))
        urls = {"JupyterHub": links.jupyterhub}
    for group in groups:
        for button in group.get("buttons", []):
            url = urls.get(button.get("text", ""))
            if url:
                button["url"] = url


#: How BibTeX writes a truncated author list ("Cummings and others").
OTHERS = "others"


def register_bibliography_style() -> None:
    """Register pybtex's ``bonelearn`` style: ``plain`` that links each entry's PMID too.

    pybtex's own styles read a ``pubmed`` field; the course's ``references.bib`` uses the
    more common ``pmid``. Imported here because pybtex is a build-time dependency only.
    """
    from pybtex.plugin import register_plugin
    from pybtex.richtext import Text
    from pybtex.style.formatting.plain import Style as PlainStyle
    from pybtex.style.template import field, href, join, node, sentence

    @node
    def names_et_al(children, context, role, **kwargs):  # type: ignore[no-untyped-def]
        """Names of ``role``; a truncated list (BibTeX "and others") ends with "et al."."""
        persons = context["entry"].persons[role]
        real = [p for p in persons if str(p) != OTHERS]
        style = context["style"]
        formatted = [style.format_name(p, style.abbreviate_names) for p in real]
        text = join(**kwargs)[formatted].format_data(context)
        return Text(text, " et al.") if len(real) < len(persons) else text

    class BonelearnStyle(PlainStyle):
        def format_pubmed(self, e):  # type: ignore[no-untyped-def]
            url = join[PUBMED_URL, field("pmid", raw=True), "/"]
            return href(url)[join["PMID: ", field("pmid", raw=True)]]

        def format_names(self, role, as_sentence=True):  # type: ignore[no-untyped-def]
            formatted = names_et_al(role, sep=", ", sep2=" and ", last_sep=", and ")
            return sentence[formatted] if as_sentence else formatted

    register_plugin("pybtex.style.formatting", "bonelearn", BonelearnStyle, force=True)



def mark_truncated_author_lists(app: Sphinx) -> None:
    """Make in-text labels of a truncated author list read "Cummings et al., 2018".

    BibTeX writes a truncated list as "Cummings and others"; the author-year labels of
    sphinxcontrib-bibtex would print "Cummings and others". Padding the list with a second
    "others" person makes the label style use its "et al." form; the references page's
    style (above) drops every "others" and adds "et al." itself. Idempotent, so a cached
    bibliography is not padded twice.
    """
    from pybtex.database import Person

    domain = app.env.get_domain("cite")
    bibdata = getattr(domain, "bibdata", None)
    if bibdata is None:
        return
    for entry in bibdata.data.entries.values():
        for persons in entry.persons.values():
            if persons and str(persons[-1]) == OTHERS and (
                    len(persons) < 3 or str(persons[-2]) != OTHERS):
                persons.append(Person(OTHERS))


def setup(app: Sphinx) -> dict[str, Any]:
    # Kernels started by the build inherit this, so widgets add their static front end.
    os.environ[BOOK_BUILD_ENV] = "1"
    register_bibliography_style()
    app.connect("builder-inited", mark_truncated_author_lists, priority=900)
    app.connect("html-page-context", use_reader_notebook_links, priority=600)
    app.connect("env-get-outdated", stale_chapters)
    app.connect("config-inited", set_default_colour_mode)
    app.connect("config-inited", add_version)
    app.connect("env-updated", drop_ipywidgets_scripts)
    app.connect("html-page-context", drop_thebe_resources)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
