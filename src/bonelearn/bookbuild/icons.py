"""The theme's icons from a subset icon font instead of a 1.45 MB script.

pydata-sphinx-theme draws its icons (menu, search, colour mode, launch and download
buttons, admonition and external-link marks) with Font Awesome. Its style sheet already
carries Font Awesome's CSS (``.fa-bars:before{content:"\\f0c9"}`` and the ``@font-face``
rules for ``vendor/fontawesome/webfonts/``), so the icons show without
``fontawesome.js``, which only swaps each ``<i class="fa-…">`` for an inline SVG and
weighs 1.45 MB. :mod:`bonelearn.bookbuild.slim` drops that script from every page; this
module cuts the fonts (``fa-solid-900``, 150 KB, and ``fa-brands-400``, 115 KB, as
woff2) down to the glyphs the built book uses, a few KB, with fontTools.

The glyphs kept: every icon class (``fa-<name>``) named in a built page or in the
theme's scripts (which add some icons at run time), mapped to its code point through the
theme's style sheet, and every code point the style sheets use in ``content`` outside the
icon classes (the theme's ``--pst-icon-*`` marks).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from sphinx.application import Sphinx

WEBFONTS = Path("_static") / "vendor" / "fontawesome" / "webfonts"
#: ``.fa-bars:before,.fa-navicon:before{content:"\f0c9"}`` in Font Awesome's CSS.
ICON_RULE = re.compile(r"((?:\.fa-[a-z0-9-]+:{1,2}before,?)+)\{content:\"\\([0-9a-f]{1,6})\"\}")
ICON_CLASS = re.compile(r"\bfa-([a-z0-9-]+)")
ESCAPE = re.compile(r"\"\\([0-9a-f]{4,6})\"")
#: Fonts keep at least these: the space and the characters the CSS may fall back on.
ALWAYS = {0x20}


def icon_code_points(css: str) -> dict[str, int]:
    """Font Awesome icon names (``bars``) and their code points, from a style sheet."""
    points: dict[str, int] = {}
    for selectors, code in ICON_RULE.findall(css):
        for name in re.findall(r"\.fa-([a-z0-9-]+):", selectors):
            points[name] = int(code, 16)
    return points


def other_code_points(css: str) -> set[int]:
    """Code points the style sheet uses in ``content`` outside Font Awesome's icon rules."""
    return {int(code, 16) for code in ESCAPE.findall(ICON_RULE.sub("", css))}


def used_code_points(css: Iterable[str], pages: Iterable[str], scripts: Iterable[str]) -> set[int]:
    """Every icon code point the book can show: named in a page or script, or in the CSS."""
    css = list(css)
    names: dict[str, int] = {}
    points = set(ALWAYS)
    for sheet in css:
        names.update(icon_code_points(sheet))
        points |= other_code_points(sheet)
    for text in [*pages, *scripts]:
        points |= {names[n] for n in ICON_CLASS.findall(text) if n in names}
    return points


def drop_unused_icon_rules(css: str, code_points: set[int]) -> str:
    """``css`` without the Font Awesome icon rules whose glyph is not in ``code_points``."""
    return ICON_RULE.sub(lambda m: m.group(0) if int(m.group(2), 16) in code_points else "", css)


def subset_font(path: Path, code_points: set[int]) -> None:
    """Rewrite the font at ``path`` with only the glyphs of ``code_points`` (same format)."""
    font = TTFont(path)
    options = subset.Options()
    options.flavor = font.flavor  # woff2 stays woff2 (needs brotli), ttf stays ttf
    options.layout_features = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=code_points & set(font.getBestCmap() or {}))
    subsetter.subset(font)
    font.save(path)


def subset_icon_fonts(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, cut the theme's icon fonts to the glyphs the book uses."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    fonts = out / WEBFONTS
    if not fonts.is_dir():
        return
    static = out / "_static"
    sheets = {p: p.read_text(encoding="utf-8") for p in static.rglob("*.css")}
    css = list(sheets.values())
    scripts = [p.read_text(encoding="utf-8") for p in static.rglob("*.js")
               if p.name != "fontawesome.js"]
    pages = [p.read_text(encoding="utf-8") for p in out.rglob("*.html")
             if "_static" not in p.relative_to(out).parts]
    code_points = used_code_points(css, pages, scripts)
    for path, sheet in sheets.items():
        if ICON_RULE.search(sheet):
            path.write_text(drop_unused_icon_rules(sheet, code_points), encoding="utf-8")
    for font in sorted(fonts.iterdir()):
        if font.suffix in {".woff2", ".ttf"}:
            subset_font(font, code_points)
