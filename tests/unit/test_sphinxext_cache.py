"""Which files decide a chapter's executed output (for cache invalidation)."""

from __future__ import annotations

import os
from pathlib import Path

from bonelearn.sphinxext import chapter_inputs, newest_mtime


def test_chapter_inputs_cover_its_data_assets_and_package(tmp_path: Path) -> None:
    chapter = tmp_path / "chapters" / "demo"
    chapter.mkdir(parents=True)
    notebook = chapter / "demo.ipynb"
    for name in ("demo.ipynb", "questions.yaml", "chapter.yaml"):
        (chapter / name).write_text("x")
    (tmp_path / "widgets" / "js").mkdir(parents=True)
    (tmp_path / "widgets" / "js" / "quiz.js").write_text("x")
    inputs = chapter_inputs(notebook, tmp_path)
    names = {p.name for p in inputs}
    assert {"questions.yaml", "chapter.yaml", "quiz.js"} <= names
    assert notebook not in inputs, "the notebook's own code is what jupyter-cache hashes"
    assert any(p.parts[-2:] == ("figures", "__init__.py") for p in inputs), \
        "package code changes outputs too"
    build_code = [p for p in inputs if p.name == "sphinxext.py" or "bookbuild" in p.parts]
    assert build_code == [], "the Sphinx extensions' code changes no notebook output"


def test_newest_mtime_picks_the_latest_file(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.write_text("a")
    new.write_text("b")
    os.utime(old, (1_000_000, 1_000_000))
    os.utime(new, (2_000_000, 2_000_000))
    assert newest_mtime([old, new]).timestamp() == 2_000_000
    assert newest_mtime([tmp_path / "missing"]) is None
