"""Light pages (issue 15): maths without a renderer, icons without fontawesome.js, sharp
figures with alt text, search from the search page only.

Sizes and speed are measured by ``make bench``, never asserted here; these tests check
that the lighter pages still show and say what they should.
"""

from __future__ import annotations

import re

import pytest

from .conftest import BOOK, book_pages

PAGES = book_pages() if BOOK.is_dir() else []
MATHS_PAGE = "chapters/remodelling/remodelling.html"
#: Script or style sheet names of browser maths renderers.
RENDERER = re.compile(r"mathjax|katex|mathml.*\.js|tex-(svg|chtml|mml)", re.I)
#: Draws a character in the icon font, a code point no icon uses (U+E000: the font's
#: "missing glyph" box) in the icon font, and the character in the browser's fallback
#: font alone; true when the icon font draws a glyph of its own for the character.
GLYPH_DRAWN = """async ([family, weight, character]) => {
  const font = `${weight} 32px "${family}"`;
  await document.fonts.load(font, character);
  const draw = (text, face) => {
    const canvas = document.createElement('canvas');
    canvas.width = 48; canvas.height = 48;
    const ctx = canvas.getContext('2d');
    ctx.font = face; ctx.fillText(text, 4, 40);
    return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(',');
  };
  const own = draw(character, font);
  const fallback = draw(character, `${weight} 32px "bl-no-such-font"`);
  return own !== draw('\\ue000', font) && own !== fallback && /[1-9]/.test(own);
}"""


def _load(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_timeout(200)


def test_maths_shows_as_mathml_readable_by_screen_readers(page, book_url: str) -> None:
    _load(page, f"{book_url}/{MATHS_PAGE}")
    every = page.locator(".math math").count()
    assert page.get_by_role("math", include_hidden=True).count() == every
    formulas = page.get_by_role("math")  # those shown (not in a folded solution)
    assert formulas.count() >= 10
    for i in range(formulas.count()):
        formula = formulas.nth(i)
        assert formula.is_visible()
        box = formula.bounding_box()
        assert box and box["width"] > 4 and box["height"] > 4, f"formula {i} not drawn"
        assert formula.get_attribute("alttext"), f"formula {i} has no TeX alttext"
        name = formula.aria_snapshot()
        assert re.match(r"- math: \S", name), f"formula {i} has no accessible name: {name}"
    block = page.locator("div.math").get_by_role("math").first
    assert block.get_attribute("display") == "block"
    assert "α" in block.aria_snapshot() and "β" in block.aria_snapshot()
    fraction = block.locator("mfrac").first.bounding_box()
    assert fraction and fraction["height"] > 20, "a fraction is drawn over two lines"


@pytest.mark.parametrize("path", PAGES)
def test_no_page_loads_a_maths_renderer_or_fontawesome(page, book_url: str, path: str) -> None:
    _load(page, f"{book_url}/{path}")
    renderers = [url for url in page.log.requests if RENDERER.search(url.rsplit("/", 1)[-1])]
    assert renderers == [], f"{path} loads a maths renderer: {renderers}"
    assert not [u for u in page.log.requests if "fontawesome.js" in u], f"{path}: fontawesome.js"
    search = [u for u in page.log.requests if re.search(r"searchindex\.js|searchtools\.js", u)]
    if path != "search.html":
        assert search == [], f"{path} loads the search index, which only search.html needs"
    assert page.log.external_requests(book_url) == [], f"{path} asked the network"


def test_theme_icons_show_from_the_subset_font(page, book_url: str) -> None:
    _load(page, f"{book_url}/{MATHS_PAGE}")
    page.evaluate("document.fonts.ready")
    icons = page.locator(":is(header, .article-header-buttons) :is(i, span)[class*='fa-']")
    assert icons.count() >= 5
    seen = set()
    for i in range(icons.count()):
        icon = icons.nth(i)
        style = icon.evaluate("""el => { const s = getComputedStyle(el, '::before');
            return [s.content, s.fontFamily, s.fontWeight]; }""")
        content, family, weight = style
        assert re.fullmatch(r'"\S"', content), f"icon {icon.get_attribute('class')}: {content}"
        family = family.split(",")[0].strip('"')
        assert family.startswith("Font Awesome"), family
        assert page.evaluate(GLYPH_DRAWN, [family, weight, content.strip('"')]), (
            f"the icon font does not draw {icon.get_attribute('class')}")
        seen.add(icon.get_attribute("class"))
    assert any("fa-github" in c for c in seen) and any("fa-bars" in c for c in seen)


def test_icon_fonts_shipped_are_small(page, book_url: str) -> None:
    fonts = list((BOOK / "_static" / "vendor" / "fontawesome" / "webfonts").glob("*.woff2"))
    assert fonts and all(f.stat().st_size < 20_000 for f in fonts), "fonts not subset"


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("chapters/")])
def test_figures_keep_alt_text_and_are_sharp(page, book_url: str, path: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    _load(page, f"{book_url}/{path}")
    figures = page.locator("figure.bl-figure img")
    for i in range(figures.count()):
        img = figures.nth(i)
        alt = (img.get_attribute("alt") or "").strip()
        assert len(alt.split()) >= 5, f"{path}: figure {i} alt={alt!r}"
        src = img.get_attribute("src") or ""
        assert src.startswith(("data:image/svg+xml,", "data:image/png;base64,",
                               "data:image/webp;base64,")), src[:40]
        natural, shown = img.evaluate("el => [el.naturalWidth, el.getBoundingClientRect().width]")
        assert shown > 0 and natural > 0, f"{path}: figure {i} not shown"
        if not src.startswith("data:image/svg+xml"):
            assert natural >= 2 * shown - 1, f"{path}: figure {i} {natural}px shown {shown}px"


def test_search_page_still_finds_pages(page, book_url: str) -> None:
    _load(page, f"{book_url}/search.html?q=osteoclast")
    results = page.locator("#search-results li")
    results.first.wait_for(timeout=15_000)
    assert results.count() >= 3
    assert page.log.page_errors == []


SHARED_PAGE = "chapters/therapies/therapies.html"  # two explorers, a simulator, quizzes
SHARED_JS = "_static/bonelearn-js/"


def _all_mounted(page) -> None:
    page.wait_for_function("""() => [...document.querySelectorAll('.bl-widget, .bl-quiz')]
        .every(el => el.hasAttribute('data-bl-mounted'))""", timeout=15_000)


def test_widget_scripts_and_knowledge_base_load_once_from_shared_files(page,
                                                                       book_url: str) -> None:
    """The widgets' scripts and the explorers' knowledge base are files of _static, each
    loaded once; nothing long is left inline, and every widget and quiz mounts."""
    _load(page, f"{book_url}/{SHARED_PAGE}")
    _all_mounted(page)
    shared = [u for u in page.log.requests if SHARED_JS in u]
    assert len(shared) == len(set(shared)) >= 5, shared
    assert len([u for u in shared if "/data-explorer-kb-" in u]) == 1
    assert page.locator("script.bl-shared").count() == 0
    inline = page.evaluate("""[...document.scripts].filter(s => !s.src && !s.type)
                              .map(s => s.text.length)""")
    assert inline and max(inline) < 1024, inline
    kbs = page.evaluate("""[...document.querySelectorAll('.bl-pathway-explorer')]
                           .map(r => r._blData && Object.keys(r._blData.kb).length)""")
    assert len(kbs) == 2 and all(kbs), kbs
    assert page.log.page_errors == [] and page.log.console_errors == []


def test_widgets_work_from_a_file_url(page) -> None:
    """Opened from disk (no server, no fetch), the shared files load and an explorer
    recomputes when a drug is ticked."""
    _load(page, (BOOK / SHARED_PAGE).resolve().as_uri())
    _all_mounted(page)
    root = page.locator(".bl-pathway-explorer").first
    before = root.locator(".bl-summary").text_content()
    box = root.locator("input[type=checkbox][name=drug]").first
    box.check() if not box.is_checked() else box.uncheck()
    page.wait_for_function("""([el, text]) => el.textContent !== text""",
                           arg=[root.locator(".bl-summary").element_handle(), before])
    assert page.log.page_errors == []
    assert all(u.startswith(("file:", "data:")) for u in page.log.requests)
