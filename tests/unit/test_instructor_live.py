"""The live form of chapter notebooks: collapsed solutions and hidden code, the run note,
and a Colab set-up cell that stops a run with one clear message when the install fails."""

from __future__ import annotations

import copy
import subprocess
import sys
import types
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from bonelearn.course.root import repository
from bonelearn.instructor.live import (
    COLLAPSED_LABEL,
    NOTEBOOK_METADATA,
    RUN_NOTE_TAG,
    prepare_live,
    setup_source,
)
from bonelearn.instructor.notebooks import read_notebook, tags
from tests.unit.test_course_tree import notebook

ROOT = Path(__file__).resolve().parents[2]
URL = "https://github.com/acme/bone-course"


def hidden(cell: nbformat.NotebookNode) -> tuple[bool, bool]:
    meta = cell.metadata.get("jupyter", {})
    return bool(meta.get("source_hidden")), bool(meta.get("outputs_hidden"))


@pytest.fixture
def prepared() -> nbformat.NotebookNode:
    nb = notebook("alpha")
    assert prepare_live(nb, "alpha", URL)
    return nb


def test_kernel_metadata_is_what_jupyterlab_writes_and_the_rest_is_kept() -> None:
    nb = notebook("alpha")
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["widgets"] = {"kept": True}
    assert prepare_live(nb, "alpha", URL)
    for key, value in NOTEBOOK_METADATA.items():
        assert nb.metadata[key] == value
    assert nb.metadata["widgets"] == {"kept": True}
    assert not prepare_live(nb, "alpha", URL)


def test_a_collapsed_cell_never_opens_with_its_answer(prepared) -> None:
    """JupyterLab previews the first line of a collapsed cell: it must reveal nothing."""
    safe = ("```", ":::", "%", "#")
    collapsed = [c for c in prepared.cells if hidden(c)[0] and (
        "solution" in tags(c) or "instructor" in tags(c) or hidden(c)[1]
        or c.cell_type == "markdown")]
    assert collapsed
    for cell in collapsed:
        assert cell.source.lstrip("\n").startswith(safe), cell.source[:80]


def test_the_label_is_added_once_and_only_where_needed() -> None:
    nb = notebook("alpha")
    answer = nbformat.v4.new_markdown_cell("The answer is 42.", metadata={"tags": ["solution"]})
    fenced = nbformat.v4.new_markdown_cell(":::{solution} x\nThe answer.\n:::",
                                           metadata={"tags": ["solution"]})
    nb.cells += [answer, fenced]
    prepare_live(nb, "alpha", URL)
    assert answer.source == COLLAPSED_LABEL["solution", "markdown"] + "\nThe answer is 42."
    assert fenced.source.startswith(":::{solution} x")
    prepare_live(nb, "alpha", URL)
    assert answer.source.count(COLLAPSED_LABEL["solution", "markdown"]) == 1


def test_solutions_and_instructor_notes_start_collapsed(prepared) -> None:
    text = {i: c.source for i, c in enumerate(prepared.cells)}
    for i, cell in enumerate(prepared.cells):
        secret = any(s in text[i] for s in ("SOLUTION_TEXT", "SECRET_SOLUTION", "TEACHER_ONLY",
                                            "solution-start", "solution-end"))
        if secret:
            assert hidden(cell) == (True, cell.cell_type == "code"), text[i]
    exercise = next(c for c in prepared.cells if "{exercise} Count" in c.source)
    starter = next(c for c in prepared.cells if "starter code" in c.source)
    assert hidden(exercise) == hidden(starter) == (False, False)


def test_code_the_book_hides_starts_collapsed_with_its_output_visible(prepared) -> None:
    setup = next(c for c in prepared.cells if c.cell_type == "code")
    assert "hide-input" in tags(setup) and hidden(setup) == (True, False)


def test_one_run_note_right_before_the_set_up_cell_and_dropped_by_the_book(prepared) -> None:
    notes = [i for i, c in enumerate(prepared.cells) if RUN_NOTE_TAG in tags(c)]
    first_code = next(i for i, c in enumerate(prepared.cells) if c.cell_type == "code")
    assert notes == [first_code - 1]
    assert "remove-cell" in tags(prepared.cells[notes[0]])
    assert "Run the cells in order" in prepared.cells[notes[0]].source


def test_prepare_is_idempotent_and_repairs_drift(prepared) -> None:
    assert not prepare_live(prepared, "alpha", URL)
    drifted = copy.deepcopy(prepared)
    note = next(c for c in drifted.cells if RUN_NOTE_TAG in tags(c))
    drifted.cells.append(copy.deepcopy(note))  # a second run note, misplaced
    solution = next(c for c in drifted.cells if "SECRET_SOLUTION" in c.source)
    del solution.metadata["jupyter"]
    assert prepare_live(drifted, "alpha", URL)
    assert drifted == prepared


def test_set_up_cell_is_canonical_and_names_its_chapter(prepared) -> None:
    setup = next(c for c in prepared.cells if c.cell_type == "code")
    assert setup.source == setup_source("alpha", URL)
    assert 'Chapter.load("alpha")' in setup.source
    assert f"bonelearn @ git+{URL}" in setup.source


@pytest.mark.parametrize("path", sorted(ROOT.glob("chapters/*/*.ipynb")),
                         ids=lambda p: p.stem)
def test_every_chapter_notebook_is_in_live_form(path: Path) -> None:
    nb = read_notebook(path)
    assert not prepare_live(nb, path.stem, repository(ROOT).url), (
        f"{path.name}: run tools/strip_outputs.py")


def _fake_colab(monkeypatch: pytest.MonkeyPatch, returncode: int) -> list[list[str]]:
    calls: list[list[str]] = []

    def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess:
        calls.append(cmd)
        return subprocess.CompletedProcess(cmd, returncode, "", "ERROR: network unreachable")

    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    monkeypatch.setattr(subprocess, "run", run)
    return calls


def test_in_colab_a_failed_install_stops_with_one_message(monkeypatch) -> None:
    calls = _fake_colab(monkeypatch, returncode=1)
    with pytest.raises(SystemExit) as stop:
        exec(setup_source("alpha", URL), {})
    message = str(stop.value)
    assert calls and calls[0][-1] == f"bonelearn @ git+{URL}"
    assert message.startswith("Could not install the course package (bonelearn)")
    assert "network unreachable" in message and "run this cell again" in message


def test_in_colab_a_successful_install_goes_on_to_load_the_chapter(monkeypatch) -> None:
    _fake_colab(monkeypatch, returncode=0)
    monkeypatch.chdir(ROOT)
    scope: dict[str, object] = {}
    exec(setup_source("remodelling", repository(ROOT).url), scope)
    assert scope["chapter"].id == "remodelling"


def test_run_all_in_a_kernel_stops_at_the_failed_install(tmp_path: Path) -> None:
    """What a Colab reader sees: the set-up cell fails with the message, nothing runs after."""
    fake = ("import sys, types, subprocess\n"
            "sys.modules['google.colab'] = types.ModuleType('google.colab')\n"
            "subprocess.run = lambda cmd, **k: subprocess.CompletedProcess(cmd, 1, '', 'no net')")
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(fake),
        nbformat.v4.new_code_cell(setup_source("alpha", URL)),
        nbformat.v4.new_code_cell("print('later cell ran')"),
    ])
    client = NotebookClient(nb, timeout=60, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    with pytest.raises(CellExecutionError) as failure:
        client.execute()
    assert "Could not install the course package" in str(failure.value)
    assert nb.cells[2].outputs == []
