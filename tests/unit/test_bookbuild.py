"""The light-page Sphinx extension: MathML maths, slimmed pages, subset icon fonts, cache."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from fontTools.ttLib import TTFont
from sphinx.errors import ExtensionError

from bonelearn.bookbuild import icons, maths, slim
from bonelearn.bookbuild.execute import unexecuted

ROOT = Path(__file__).resolve().parents[2]
MATHJAX = ROOT / "node_modules" / "mathjax"
needs_mathjax = pytest.mark.skipif(
    shutil.which("node") is None or not (MATHJAX / "es5" / "node-main.js").is_file(),
    reason="needs Node.js and the mathjax npm package (npm ci)")


@needs_mathjax
def test_tex_becomes_mathml() -> None:
    inline, block = maths.tex_to_mathml([("g_{11}", False), (r"\frac{dC}{dt}", True)], MATHJAX)
    assert inline.startswith("<math") and "<msub>" in inline and "<mn>11</mn>" in inline
    assert 'display="block"' in block and "<mfrac>" in block


@needs_mathjax
def test_bad_tex_names_the_formula() -> None:
    with pytest.raises(ExtensionError, match=r"\\\\frac\{a\}\{b"):
        maths.tex_to_mathml([(r"\frac{a}{b", True)], MATHJAX)


def test_missing_mathjax_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(ExtensionError, match="npm ci"):
        maths.mathjax_package(tmp_path)


def test_mathml_carries_its_tex_as_alttext() -> None:
    out = maths._accessible('<math xmlns="x"><mi>a</mi></math>', 'a<b & "c"', "flex-grow:1")
    assert out.startswith('<math alttext="a&lt;b &amp; &quot;c&quot;" style="flex-grow:1" ')


PAGE = """<head>
  <script defer src="../_static/scripts/fontawesome.js?digest=1"></script>
  <link rel="preload" as="script" href="../_static/scripts/fontawesome.js?digest=1" />
  <link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=1" />
  <script src="../_static/scripts/bootstrap.js?digest=1"></script>
    <script src="../_static/searchtools.js"></script>
    <script src="../_static/language_data.js"></script>
    <script src="../searchindex.js"></script>
</head>"""


def test_pages_leave_out_fontawesome_and_the_search_index() -> None:
    out = slim.slim_page(PAGE, "chapters/remodelling/remodelling")
    assert "fontawesome" not in out and "search" not in out
    assert "bootstrap.js" in out


def test_the_theme_scripts_are_not_preloaded_before_the_first_paint() -> None:
    out = slim.slim_page(PAGE, "chapters/remodelling/remodelling")
    assert 'rel="preload"' not in out
    assert '<script defer src="../_static/scripts/bootstrap.js?digest=1"></script>' in out


def test_search_page_and_search_as_you_type_keep_the_index() -> None:
    assert "searchindex.js" in slim.slim_page(PAGE, "search")
    assert "searchindex.js" in slim.slim_page(PAGE, "index", search_as_you_type=True)


def test_repeated_inline_code_is_kept_once() -> None:
    code = "<script>" + "x=1;" * 400 + "</script>"
    style = "<style>" + "a{b:c}" * 300 + "</style>"
    data = '<script type="application/json">' + "1" * 2000 + "</script>"
    short = "<script>mount('a')</script>"
    page = (code + style + data + short) * 3
    out = slim.drop_repeated_inline(page)
    assert out.count(code) == 1 and out.count(style) == 1
    assert out.count(data) == 3, "data scripts (with attributes) are left alone"
    assert out.count(short) == 3, "short snippets are left alone"
    assert out.index(code) == 0, "the first copy is the one kept"


CSS = (r'.fa-bars:before,.fa-navicon:before{content:"\f0c9"}.fa-github:before{content:"\f09b"}'
       r'.fa-sun:before{content:"\f185"}:root{--pst-icon-info-circle:"\f05a"}'
       r'a.github:before{content:var(--pst-icon-github)}')


def test_icon_code_points_come_from_the_style_sheet() -> None:
    assert icons.icon_code_points(CSS) == {"bars": 0xF0C9, "navicon": 0xF0C9,
                                           "github": 0xF09B, "sun": 0xF185}
    assert icons.other_code_points(CSS) == {0xF05A}


def test_used_code_points_are_the_named_icons_and_the_css_marks() -> None:
    used = icons.used_code_points([CSS], ['<i class="fa-solid fa-bars"></i>'],
                                  ['el.className = "fab fa-github"'])
    assert used == {0x20, 0xF0C9, 0xF09B, 0xF05A}


def test_unused_icon_rules_are_dropped() -> None:
    out = icons.drop_unused_icon_rules(CSS, {0xF0C9})
    assert ".fa-bars:before" in out and ".fa-sun" not in out and ".fa-github:before" not in out
    assert "--pst-icon-info-circle" in out


def _theme_font() -> Path:
    import pydata_sphinx_theme

    fonts = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    return next(fonts.rglob("fa-solid-900.woff2"))


def test_subset_font_keeps_only_the_glyphs_asked_for(tmp_path: Path) -> None:
    font = tmp_path / "fa-solid-900.woff2"
    shutil.copy(_theme_font(), font)
    before = font.stat().st_size
    icons.subset_font(font, {0x20, 0xF0C9, 0xF002})
    cmap = TTFont(font).getBestCmap()
    assert set(cmap) == {0xF0C9, 0xF002}, "the icon font has no space; the rest is dropped"
    assert TTFont(font).flavor == "woff2"
    assert font.stat().st_size < before / 20


def test_unexecuted_lists_notebooks_without_a_cached_run(tmp_path: Path) -> None:
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(str(tmp_path / "cache"))
    paths = []
    for name, code in (("a", "1 + 1"), ("b", "2 + 2")):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        path = tmp_path / f"{name}.ipynb"
        nbformat.write(notebook, path)
        paths.append(path)
    executed = nbformat.read(paths[0], as_version=4)
    executed.cells[0].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"},
                                                        execution_count=1)]
    cache.cache_notebook_bundle(CacheBundleIn(executed, str(paths[0])), check_validity=False)
    pending = unexecuted(cache, paths)
    records = {r.pk: r.uri for r in cache.list_project_records()}
    assert [records[pk] for pk in pending] == [str(paths[1])]
    # Editing prose (a Markdown cell) keeps the cached run; editing code does not.
    prose = nbformat.read(paths[0], as_version=4)
    prose.cells.insert(0, nbformat.v4.new_markdown_cell("New prose."))
    nbformat.write(prose, paths[0])
    assert unexecuted(cache, paths[:1]) == []
    prose.cells[1].source = "1 + 2"
    nbformat.write(prose, paths[0])
    assert len(unexecuted(cache, paths[:1])) == 1


def test_head_scripts_are_deferred_but_documentation_options() -> None:
    page = ('<head><script src="_static/documentation_options.js?v=1"></script>'
            '<script src="_static/doctools.js?v=1"></script>'
            '<script data-sd-tabs-storage-prefix="x" src="_static/design-tabs.js"></script>'
            "<script>let inline = 1;</script></head>"
            '<body><script src="late.js"></script></body>')
    out = slim.slim_page(page, "index")
    assert '<script src="_static/documentation_options.js?v=1">' in out
    assert '<script defer src="_static/doctools.js?v=1">' in out
    assert '<script defer data-sd-tabs-storage-prefix="x" src="_static/design-tabs.js">' in out
    assert "<script>let inline = 1;</script>" in out
    assert '<body><script src="late.js"></script>' in out, "only the head's scripts"
    assert "defer" not in slim.slim_page(page, "search"), "the search page keeps its order"


def test_basic_css_is_linked_instead_of_the_theme_css_that_imports_it() -> None:
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    css = (theme / "static" / "styles" / "theme.css").read_text(encoding="utf-8")
    without_comments = re.sub(r"/\*.*?\*/", "", css, flags=re.S).strip()
    assert without_comments == '@import "../basic.css";', "theme.css changed: review slim.py"
    page = '<link href="../_static/styles/theme.css?digest=ab" rel="stylesheet" />'
    assert slim.link_basic_css(page) == '<link href="../_static/basic.css" rel="stylesheet" />'
