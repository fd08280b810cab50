"""Widget scripts and shared data as minified, shared files (bonelearn.bookbuild.pagescripts)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.errors import ExtensionError

from bonelearn.bookbuild import pagescripts
from bonelearn.widgets.base import guarded_script, mount_script, shared_block, static_fragment

ROOT = Path(__file__).resolve().parents[2]
TERSER = ROOT / "node_modules" / "terser"
needs_terser = pytest.mark.skipif(
    shutil.which("node") is None or not (TERSER / "dist" / "bundle.min.js").is_file(),
    reason="needs Node.js and the terser npm package (npm ci)")
SHARED = {"kb": {"nodes": ["rankl", "opg"]}, "labels": {"rankl": "RANKL </script>"}}


def _widget(uid: str) -> str:
    return static_fragment("pathway-explorer", uid, {"view": uid}, "<p>body</p>",
                           ("js/propagate.js",), "Explorer", shared=("explorer-kb", SHARED))


def _page(body: str, root: str = "../../") -> str:
    return (f'<!DOCTYPE html><html lang="en" data-content_root="{root}"><head>'
            f"<title>t</title></head><body>{body}</body></html>")


def _srcs(html: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"></script>', html)


def test_long_inline_scripts_become_shared_files_in_their_place() -> None:
    html = _page(_widget("a") + _widget("b"))
    scripts: dict[str, str] = {}
    out = pagescripts.share_scripts(html, scripts)
    mount_js, propagate_js = guarded_script("js/mount.js"), guarded_script("js/propagate.js")
    code = {pagescripts.script_name(s[len("<script>"):-len("</script>")])
            for s in (mount_js, propagate_js)}
    assert code <= set(scripts)
    for name in code:
        assert out.count(f'<script src="../../_static/bonelearn-js/{name}"></script>') == 1
    assert mount_js not in out and propagate_js not in out
    assert out.count(mount_script()) == 2, "the one-line mount calls stay inline, per widget"
    # the order of the page's scripts is kept: mount.js, propagate.js, then the mount call
    first = out.index("bonelearn-js/" + pagescripts.script_name(mount_js[8:-9]))
    assert first < out.index("bonelearn-js/" + pagescripts.script_name(propagate_js[8:-9]))
    assert out.index(mount_script()) > first


def test_shared_data_is_one_file_per_key_before_the_first_widget_reads_it() -> None:
    key, _ = shared_block("explorer-kb", SHARED)
    scripts: dict[str, str] = {}
    out = pagescripts.share_scripts(_page(_widget("a") + _widget("b")), scripts)
    assert 'class="bl-shared"' not in out
    link = f'<script src="../../_static/bonelearn-js/data-{key}.js"></script>'
    assert out.count(link) == 1
    assert out.index(link) < out.index('class="bl-data"'), "defined before the payload"
    assert out.count(f'"shared":"{key}"') == 2, "both payloads still name their shared part"


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_a_shared_data_file_defines_the_data_unchanged() -> None:
    key, block = shared_block("explorer-kb", SHARED)
    text = pagescripts.shared_script(key, block.split(">", 1)[1].rsplit("</script>", 1)[0])
    assert "</script" not in text.lower()
    run = ("var window = {};\n" + text
           + f"\nprocess.stdout.write(JSON.stringify(window.bonelearn.shared[{json.dumps(key)}]));")
    done = subprocess.run(["node", "-e", run], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == SHARED


def test_pages_without_a_content_root_and_short_scripts_are_left_alone() -> None:
    scripts: dict[str, str] = {}
    fragment = _widget("a")
    assert pagescripts.share_scripts(fragment, scripts) == fragment
    short = _page("<script>var x = 1;</script>")
    assert pagescripts.share_scripts(short, scripts) == short
    assert scripts == {}


@needs_terser
def test_minified_scripts_behave_as_the_originals() -> None:
    source = ("(function(){var bl=window.bonelearn=window.bonelearn||{};\n"
              "  /* a comment that goes */\n"
              "  function twice(value) { var doubled = value * 2; return doubled; }\n"
              "  bl.answer = twice(21) + ' ' + 'stays';\n})();\n")
    [small] = pagescripts.minify([source], pagescripts.terser_package(ROOT))
    assert len(small) < len(source) and "comment" not in small
    run = "var window = {};\n" + small + "\nprocess.stdout.write(window.bonelearn.answer);"
    done = subprocess.run(["node", "-e", run], capture_output=True, text=True, check=True)
    assert done.stdout == "42 stays"


@needs_terser
def test_a_script_terser_cannot_parse_fails_the_build_with_its_error() -> None:
    with pytest.raises(ExtensionError, match=r"Unexpected token|SyntaxError"):
        pagescripts.minify(["function ( {"], pagescripts.terser_package(ROOT))


def test_a_missing_terser_package_is_named(tmp_path: Path) -> None:
    with pytest.raises(ExtensionError, match=r"needs terser from npm at .*run `npm ci`"):
        pagescripts.terser_package(tmp_path)


def test_files_on_disk_are_not_minified_again_and_data_not_at_all(tmp_path: Path) -> None:
    folder = tmp_path / "bonelearn-js"
    folder.mkdir()
    (folder / "old.js").write_text("kept")
    calls: list[list[str]] = []

    def fake(texts: list[str]) -> list[str]:
        calls.append(texts)
        return [t.upper() for t in texts]

    pagescripts.write_scripts(folder, {"old.js": "old", "new.js": "new", "data-k.js": "d"}, fake)
    assert calls == [["new"]]
    assert [(folder / n).read_text() for n in ("old.js", "new.js", "data-k.js")] == \
        ["kept", "NEW", "d"]


def test_the_build_step_rewrites_pages_and_deletes_files_no_page_names(tmp_path: Path,
                                                                      monkeypatch) -> None:
    out = tmp_path / "html"
    (out / "chapters" / "x").mkdir(parents=True)
    (out / "_static" / pagescripts.FOLDER).mkdir(parents=True)
    stale = out / "_static" / pagescripts.FOLDER / "0123456789abcdef.js"
    stale.write_text("old")
    page = out / "chapters" / "x" / "x.html"
    page.write_text(_page(_widget("a")))
    monkeypatch.setattr(pagescripts, "terser_package", lambda srcdir: Path())
    monkeypatch.setattr(pagescripts, "minify", lambda texts, package: ["/*min*/" for _ in texts])
    app = SimpleNamespace(outdir=str(out), srcdir=str(tmp_path),
                          builder=SimpleNamespace(format="html"))
    pagescripts.share_page_scripts(app, None)
    html = page.read_text()
    written = sorted(p.name for p in (out / "_static" / pagescripts.FOLDER).glob("*.js"))
    assert not stale.exists()
    assert sorted(Path(s).name for s in _srcs(html)) == written
    assert len(written) == 3  # mount.js, propagate.js and the shared data
    for src in _srcs(html):
        assert (page.parent / src).resolve().is_file(), src
    # a second build (the page unchanged on disk) keeps the files the page names
    pagescripts.share_page_scripts(app, None)
    assert sorted(p.name for p in (out / "_static" / pagescripts.FOLDER).glob("*.js")) == written


def test_unminified_scripts_of_static_are_minified_once(tmp_path: Path) -> None:
    static = tmp_path / "_static"
    (static / "scripts").mkdir(parents=True)
    (static / "copybutton.js").write_text("function copy() { return 1; }\n")
    (static / "clipboard.min.js").write_text("already small")
    (static / "scripts" / "bootstrap.js").write_text("the theme's, minified")
    calls: list[list[str]] = []

    def fake(texts: list[str]) -> list[str]:
        calls.append(texts)
        return ["function copy(){return 1}" for _ in texts]

    assert pagescripts.minify_static_scripts(static, fake) == ["copybutton.js"]
    assert (static / "copybutton.js").read_text() == \
        pagescripts.MARK + "function copy(){return 1}\n"
    assert (static / "clipboard.min.js").read_text() == "already small"
    assert (static / "scripts" / "bootstrap.js").read_text() == "the theme's, minified"
    assert pagescripts.minify_static_scripts(static, fake) == [], "not minified twice"
    assert calls == [["function copy() { return 1; }\n"]]


@needs_terser
def test_licence_comments_survive_minification() -> None:
    source = "/*! Copyright: MIT */\n/* a plain comment */\nvar kept = 1;\n"
    [small] = pagescripts.minify([source], pagescripts.terser_package(ROOT))
    assert "/*! Copyright: MIT */" in small and "plain comment" not in small
