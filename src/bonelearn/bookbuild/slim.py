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
- the theme's ``styles/theme.css``, whose only content is ``@import "../basic.css"``: the
  page links ``basic.css`` itself, which saves one round trip before the first paint;
- the theme's ``<link rel="preload">`` of its two scripts (``bootstrap.js``,
  ``pydata-sphinx-theme.js``), which are deferred anyway (see ``SCRIPT_PRELOAD``);
- (not removed but deferred) the scripts in the page's head, which only add behaviour
  (copy buttons, toggles, tabs, highlighting) once the page is parsed: ``defer`` lets the
  page paint before they arrive. ``documentation_options.js`` stays as it is, as inline
  scripts may use it;
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
#: ``<link rel="preload" as="script" href="…/bootstrap.js?digest=…" />``: the theme asks
#: for its two deferred scripts early, at high priority, so that on a slow network they
#: share the bandwidth with the page and its style sheet before the first paint. Without
#: the hint they load when the parser reaches their ``<script defer>`` tags and still run
#: before ``DOMContentLoaded``.
SCRIPT_PRELOAD = re.compile(r'[ \t]*<link rel="preload" as="script" href="[^"]*" />\n?')
#: The theme's search-as-you-type scripts (kept on the search page).
SEARCH = re.compile(
    r'[ \t]*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js'
    r'|searchindex\.js)"></script>\n?')
SEARCH_PAGE = "search"
#: ``<link href="../_static/styles/theme.css?digest=…" rel="stylesheet" />``
THEME_CSS = re.compile(
    r'<link href="([^"]*)_static/styles/theme\.css(?:\?[^"]*)?" rel="stylesheet" />')
#: An external script in the head that blocks parsing (no ``defer``, ``async``, ``type``).
HEAD_SCRIPT = re.compile(r'<script((?: data-[a-z-]+="[^"]*")*) src="([^"]+)"></script>')
KEEP_BLOCKING = ("documentation_options.js",)
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


def defer_head_scripts(html: str) -> str:
    """``html`` whose head scripts (but ``documentation_options.js``) carry ``defer``."""
    head, mark, body = html.partition("</head>")
    if not mark:
        return html

    def deferred(match: re.Match[str]) -> str:
        if match.group(2).split("?")[0].endswith(KEEP_BLOCKING):
            return match.group(0)
        return f'<script defer{match.group(1)} src="{match.group(2)}"></script>'

    return HEAD_SCRIPT.sub(deferred, head) + mark + body


def link_basic_css(html: str) -> str:
    """``html`` linking ``basic.css`` instead of the theme's ``theme.css`` that imports it."""
    return THEME_CSS.sub(r'<link href="\1_static/basic.css" rel="stylesheet" />', html)


def slim_page(html: str, pagename: str, search_as_you_type: bool = False) -> str:
    """``html`` without fontawesome.js, the theme's script preloads, repeated inline blocks
    and (but on the search page) the search scripts, and with head scripts deferred;
    ``basic.css`` linked."""
    html = link_basic_css(drop_repeated_inline(SCRIPT_PRELOAD.sub("", FONTAWESOME.sub("", html))))
    if pagename == SEARCH_PAGE or search_as_you_type:
        return html  # the search scripts run in order as the page loads
    return defer_head_scripts(SEARCH.sub("", html))


class LightTemplates(BuiltinTemplateLoader):
    """Sphinx's template loader, whose HTML pages leave out the scripts above."""

    def render(self, template: str, context: dict[str, Any]) -> str:
        html = super().render(template, context)
        if not template.endswith(".html"):
            return html
        as_you_type = str(context.get("theme_search_as_you_type", "")).lower() == "true"
        return slim_page(html, context.get("pagename", ""), as_you_type)
