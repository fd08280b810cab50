"""The wheel works without the repository, as in Colab where only a notebook is opened."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import bonelearn, sys
assert "_wheel" in bonelearn.__file__, bonelearn.__file__
from bonelearn.course import Chapter
from bonelearn.widgets import pathway_explorer, remodelling_simulator
chapter = Chapter.load("remodelling")
assert "Learning objectives" in chapter.card()._repr_markdown_()
assert 'class="bl-quiz"' in chapter.quiz()._repr_html_()
for widget in (pathway_explorer(view="rankl_opg"), remodelling_simulator()):
    html = widget.html()  # the static front end, with its assets from the wheel
    assert "<script" in html and "window.bonelearn" in html
print("ok")
"""


@pytest.mark.slow
def test_wheel_runs_a_chapter_outside_the_repository(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = tmp_path.glob("bonelearn-*.whl")
    target = tmp_path / "_wheel"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(target)
    assert not any("mathjax" in n for n in names), "book-only vendor files leaked into the wheel"
    workdir = tmp_path / "colab"
    workdir.mkdir()
    run = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r})\n{SCRIPT}"],
        cwd=workdir, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "ok"
