"""One joined style sheet per page (bonelearn.bookbuild.joincss)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from bonelearn.bookbuild import joincss

HEAD = """<!DOCTYPE html>
<html lang="en" data-content_root="../" data-theme="light">
<head>
  <link href="../_static/basic.css" rel="stylesheet" />
<link href="../_static/styles/theme-x.css?digest=abc" rel="stylesheet" />
<link rel="preload" as="font" href="../_static/font.woff2" />
    <link rel="stylesheet" type="text/css" href="../_static/b.css?v=1" />
    <link rel="stylesheet" type="text/css" href="https://example.org/remote.css" />
    <link rel="stylesheet" type="text/css" href="../_static/print.css" media="print" />
    <style>.inline{}</style>
    <link rel="stylesheet" type="text/css" href="../_static/c.css" />
</head>
<body><p>text</p></body></html>
"""


def _static(tmp_path: Path) -> Path:
    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "basic.css").write_text("div{background:url(file.png)}\n")
    (static / "styles" / "theme-x.css").write_text(
        '@charset "UTF-8";\n@font-face{src:url(../vendor/f.woff2) format("woff2")}'
        '.a{background:url("data:image/svg+xml;utf8,<svg/>")}'
        ".b{background:url('img/x.png')}\n/*# sourceMappingURL=theme-x.css.map*/\n")
    (static / "b.css").write_text(".bb{}\n")
    (static / "c.css").write_text(".cc{}\n")
    return static


def test_urls_are_rebased_to_the_static_folder() -> None:
    css = ('@font-face{src:url(../vendor/f.woff2)}.x{background:url("a b.png")}'
           ".y{background:url(data:image/png;base64,AA==)}.z{background:url(#f)}")
    out = joincss.rebase_urls(css, "styles")
    assert 'url("vendor/f.woff2")' in out and 'url("styles/a b.png")' in out
    assert "url(data:image/png;base64,AA==)" in out and "url(#f)" in out
    assert joincss.rebase_urls(css, "") == css


def test_a_run_of_local_style_sheets_becomes_one_link(tmp_path: Path) -> None:
    static = _static(tmp_path)
    written: dict[str, str] = {}
    html = joincss.join_styles(HEAD, static, written)
    [(name, text)] = written.items()
    assert name.startswith(joincss.PREFIX) and name.endswith(".css")
    assert (f'<link rel="stylesheet" href="../_static/{name}" '
            'data-bl-joins="basic.css styles/theme-x.css b.css" />') in html
    for gone in ("basic.css\"", "theme-x.css?", "b.css?v=1"):
        assert gone not in html
    # Left alone: the preload, the remote sheet, the print sheet and the sheet after <style>.
    for kept in ('href="../_static/font.woff2"', "https://example.org/remote.css",
                 'media="print"', 'href="../_static/c.css"', "<style>.inline{}</style>"):
        assert kept in html
    assert html.index(name) < html.index("remote.css") < html.index("<style>")
    # The joined text: in order, one @charset first, no source map, urls from _static.
    assert text.startswith('@charset "UTF-8";') and text.count("@charset") == 1
    assert text.index("file.png") < text.index("vendor/f.woff2") < text.index(".bb{}")
    assert 'url("vendor/f.woff2")' in text and 'url("styles/img/x.png")' in text
    assert "sourceMappingURL" not in text and "<svg/>" in text


def test_joining_again_uses_the_current_files(tmp_path: Path) -> None:
    """An incremental build rewrites the joined sheet of pages it did not render again."""
    static = _static(tmp_path)
    first: dict[str, str] = {}
    html = joincss.join_styles(HEAD, static, first)
    assert joincss.join_styles(html, static, {}) == html
    (static / "b.css").write_text(".bb{color:red}\n")
    second: dict[str, str] = {}
    again = joincss.join_styles(html, static, second)
    [(name, text)] = second.items()
    assert name not in first and ".bb{color:red}" in text
    assert f'href="../_static/{name}" data-bl-joins="basic.css styles/theme-x.css b.css"' in again


def test_a_page_without_a_head_or_root_is_unchanged(tmp_path: Path) -> None:
    static = _static(tmp_path)
    for html in ("<p>fragment</p>", HEAD.replace(' data-content_root="../"', "")):
        assert joincss.join_styles(html, static, {}) == html


ROOT = Path(__file__).resolve().parents[2]
PURGECSS = ROOT / "node_modules" / "purgecss"
needs_purgecss = pytest.mark.skipif(
    shutil.which("node") is None or not (PURGECSS / "lib" / "purgecss.js").is_file(),
    reason="needs Node.js and the purgecss npm package (npm ci)")


@needs_purgecss
def test_rules_that_match_nothing_in_the_book_are_dropped() -> None:
    css = ('@font-face{font-family:x;src:url(a.woff2)}.used{color:red}.unused{color:blue}'
           "html[data-theme=dark] .used{color:white}.bs-tooltip-auto{top:0}"
           ".added-by-script{margin:0}:root{--unused-variable:1px}")
    content = [('<html data-theme="light"><p class="used">x</p></html>', "html"),
               ('el.classList.add("added-by-script"); el.dataset.theme = "dark";', "js")]
    [purged] = joincss.purge_unused([css], content, joincss.purgecss_package(ROOT))
    for kept in ("@font-face", ".used{color:red}", "html[data-theme=dark] .used",
                 ".bs-tooltip-auto{top:0}", ".added-by-script", "--unused-variable"):
        assert kept in purged, kept
    assert ".unused" not in purged


@needs_purgecss
def test_purged_sheets_are_minified_keeping_licence_comments_and_rule_order() -> None:
    css = ("/*! Licence: MIT */\n/* a note */\n.a {\n  color: red;\n}\n\n.b { color: blue; }\n"
           ".a {\n  margin: 0;\n}\n")
    content = [('<p class="a b">x</p>', "html")]
    [small] = joincss.purge_unused([css], content, joincss.purgecss_package(ROOT))
    assert small == "/*! Licence: MIT */\n.a{color:red}.b{color:#00f}.a{margin:0}"


def test_a_missing_purgecss_package_is_named(tmp_path: Path) -> None:
    with pytest.raises(ExtensionError, match=r"needs PurgeCSS from npm at .*run `npm ci`"):
        joincss.purgecss_package(tmp_path)


def test_joined_files_are_named_by_their_purged_text(tmp_path: Path) -> None:
    static = _static(tmp_path)
    written: dict[str, str] = {}
    html = joincss.join_styles(HEAD, static, written, lambda texts: [".only{}" for _ in texts])
    [(name, text)] = written.items()
    assert text == ".only{}" and f'href="../_static/{name}"' in html
