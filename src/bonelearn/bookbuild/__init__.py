"""A light book, built fast: build-time maths, a subset icon font, parallel execution.

A Sphinx extension (listed in ``_config.yml``) that keeps the book's pages small for
readers on phones and slow networks and its build fast as the course grows (issue 15;
``make bench`` measures the result):

- :mod:`.execute`: the notebooks a build must execute run in parallel, one per core;

- :mod:`.maths`: TeX becomes MathML when the book is built; no page loads a maths
  renderer;
- :mod:`.slim`: the theme's 1.45 MB ``fontawesome.js`` and its search index (on every
  page but the search page) are left out of the pages;
- :mod:`.icons`: the theme's icon fonts are cut to the glyphs the book shows;
- :mod:`.joincss`: each page links one style sheet, the theme's and extensions' joined,
  instead of ten (one round trip less before the first paint);
- :mod:`.pagescripts`: the widgets' scripts and the explorers' knowledge base are
  minified files under ``_static`` that every page shares (and a browser caches), not
  copies inlined in each page.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from bonelearn.bookbuild import execute, icons, joincss, maths, pagescripts

TEMPLATE_BRIDGE = "bonelearn.bookbuild.slim.LightTemplates"


def use_light_templates(app: Sphinx, config: Config) -> None:
    """Select :class:`~bonelearn.bookbuild.slim.LightTemplates` unless a bridge is set."""
    if not config.template_bridge:
        config.template_bridge = TEMPLATE_BRIDGE


def setup(app: Sphinx) -> dict[str, Any]:
    maths.setup(app)
    app.connect("config-inited", use_light_templates)
    app.connect("build-finished", icons.subset_icon_fonts)
    # Before joincss, whose PurgeCSS reads the scripts of _static for their classes.
    app.connect("build-finished", pagescripts.share_page_scripts, priority=800)
    # After the icons' rules are dropped from the theme's style sheet.
    app.connect("build-finished", joincss.join_page_styles, priority=900)
    app.connect("env-before-read-docs", execute.execute_in_parallel)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
