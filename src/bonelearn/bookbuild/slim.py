"""Leave out of each page the theme's scripts that the book does not need.

pydata-sphinx-theme writes these into its page template (not into Sphinx's list of page
scripts, so a ``html-page-context`` handler cannot drop them):

- ``scripts/fontawesome.js`` (1.45 MB): it only swaps icon ``<i>`` elements for SVG; the
  theme's style sheet draws the same icons from the icon font, which
  :mod:`bonelearn.bookbuild.icons` cuts down to the glyphs in use;
- ``searchindex.js`` (about 260 KB and growing with the course), ``searchtools.js`` and
  ``language_data.js`` on every page, for the theme's "search as you type", which is off
  (``search_as_you_type`` is False). The search box sends the query to ``search.html``,
  which loads all three itself;
- repeated copies of the same inline script or style sheet. Each widget and quiz output
  carries its own copy of the browser code it needs (so that a notebook output works
  alone); on a page with five quizzes and widgets that is five copies. The copies are
  written to run once per page and to mount on ``DOMContentLoaded`` too, so the first
  copy does all the work and the later ones can go.

:class:`LightTemplates` is Sphinx's own template loader with these tags removed from each
rendered page; ``template_bridge`` selects it (set by :func:`bonelearn.bookbuild.setup`).
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.jinja2glue import BuiltinTemplateLoader

#: ``<script defer src="../_static/scripts/fontawesome.js?digest=…"></script>`` and any
#: ``<link rel="preload" … href="…fontawesome.js…">``.
FONTAWESOME = re.compile(
    r'[ \t]*<script[^>]*\ssrc="[^"]*/fontawesome\.js[^"]*"[^>]*></script>\n?'
    r'|[ \t]*<link[^>]*\shref="[^"]*/fontawesome\.js[^"]*"[^>]*/?>\n?')
#: The theme's search-as-you-type scripts (kept on the search page).
SEARCH = re.compile(
    r'[ \t]*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js'
    r'|searchindex\.js)"></script>\n?')
SEARCH_PAGE = "search"
#: An inline ``<script>`` or ``<style>`` without attributes (data scripts have some).
INLINE = re.compile(r"<(script|style)>.*?</\1>", re.S)
#: Shorter inline blocks are left alone (a repeated one-liner costs little).
MIN_REPEATED = 1024


def drop_repeated_inline(html: str) -> str:
    """``html`` with only the first of identical inline scripts and style sheets."""
    seen: set[str] = set()

    def first_only(match: re.Match[str]) -> str:
        block = match.group(0)
        if len(block) < MIN_REPEATED:
            return block
        if block in seen:
            return ""
        seen.add(block)
        return block

    return INLINE.sub(first_only, html)


def slim_page(html: str, pagename: str, search_as_you_type: bool = False) -> str:
    """``html`` without fontawesome.js, repeated inline blocks and (but on the search
    page) the search scripts."""
    html = drop_repeated_inline(FONTAWESOME.sub("", html))
    if pagename != SEARCH_PAGE and not search_as_you_type:
        html = SEARCH.sub("", html)
    return html


class LightTemplates(BuiltinTemplateLoader):
    """Sphinx's template loader, whose HTML pages leave out the scripts above."""

    def render(self, template: str, context: dict[str, Any]) -> str:
        html = super().render(template, context)
        if not template.endswith(".html"):
            return html
        as_you_type = str(context.get("theme_search_as_you_type", "")).lower() == "true"
        return slim_page(html, context.get("pagename", ""), as_you_type)
