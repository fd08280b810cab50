"""Prepare an authored chapter notebook for live reading in JupyterLab, Binder and Colab.

The book hides some cells with tags (``hide-input``, ``remove-input``, ``solution``…),
but JupyterLab ignores tags. :func:`prepare_live` writes the same intent into the
notebook format's own display metadata and keeps three generated cells in their one
canonical form:

- code the book hides starts collapsed (``jupyter.source_hidden``);
- solutions (cells tagged ``solution``, ``{solution}`` directives and
  ``{solution-start}`` … ``{solution-end}`` spans) and instructor notes start collapsed,
  input and output, so a student sees a collapsed cell until choosing to expand it.
  JupyterLab shows the first line of a collapsed cell, so a collapsed cell that does not
  open with a directive fence or a comment gets a comment line (:data:`COLLAPSED_LABEL`;
  MyST drops ``%`` comments, so the book looks the same);
- a short "how to run this notebook" cell (tagged ``remove-cell``, so the book drops it)
  sits right before the set-up cell;
- the set-up cell, which in Colab installs the course package and, if that fails, stops
  the run with one message saying what failed and what to do (``SystemExit`` ends "Run
  all" in IPython without a long traceback);
- the notebook's ``kernelspec`` and ``language_info`` exactly as JupyterLab writes them
  when it starts the Binder kernel (:data:`NOTEBOOK_METADATA`), so that opening a
  notebook there does not mark it modified.

``tools/strip_outputs.py`` applies it; ``bonelearn check`` fails on a notebook that is
not in this form. The book build ignores the display metadata.
"""

from __future__ import annotations

import copy
import json

import nbformat
from nbformat import NotebookNode

from bonelearn.instructor.notebooks import directive_names, solution_span_cells, tags

RUN_NOTE_TAG = "bl-run-note"
HIDE_CODE_TAGS = frozenset({"hide-input", "remove-input"})
COLLAPSE_TAGS = frozenset({"solution", "instructor"})

# The Python of repo2docker's ``python-3.11`` environment (``.binder/runtime.txt``), as
# locked by the repo2docker release pinned in requirements/build.txt; a test reads that
# lock file, so a new repo2docker pin that moves it fails until this is updated.
BINDER_PYTHON = "3.11.14"

# What JupyterLab writes into a notebook when it starts the Binder kernel (ipykernel's
# kernelspec and kernel_info reply). If the file says anything else, JupyterLab
# rewrites it on open and marks the notebook modified.
NOTEBOOK_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                   "name": "python3"},
    "language_info": {
        "codemirror_mode": {"name": "ipython", "version": 3},
        "file_extension": ".py",
        "mimetype": "text/x-python",
        "name": "python",
        "nbconvert_exporter": "python",
        "pygments_lexer": "ipython3",
        "version": BINDER_PYTHON,
    },
}

# The first line of a collapsed solution or note, where the cell would otherwise open with
# its answer (JupyterLab previews a collapsed cell's first line).
COLLAPSED_LABEL = {
    ("solution", "markdown"): "% Solution (collapsed in notebooks: expand the cell to read it)",
    ("solution", "code"): "# Worked solution",
    ("instructor", "markdown"): "% Instructor notes (collapsed in notebooks)",
    ("instructor", "code"): "# Instructor notes",
}
_SAFE_FIRST_LINE = {"markdown": ("```", ":::", "%", "<!--"), "code": ("#",)}

RUN_NOTE = (
    "**Running this notebook.** Run the cells in order from the top (in JupyterLab: "
    "*Run › Run All Cells*). Widgets and quizzes appear only once their cell has run; after "
    "reopening the notebook or restarting the kernel, run the cells again. Solutions and "
    "instructor notes start collapsed: click the bar beside a collapsed cell to expand it."
)

SETUP_TEMPLATE = '''\
# Set-up: run this cell first. In Colab it installs the course package (Binder and
# JupyterHub already have it) and stops with one clear message if the install fails.
import sys

if "google.colab" in sys.modules:  # pragma: no cover
    import subprocess

    _source = "{install}"
    _pip = subprocess.run([sys.executable, "-m", "pip", "install", "-q", _source],
                          capture_output=True, text=True)
    if _pip.returncode != 0:
        raise SystemExit(
            "Could not install the course package (bonelearn) from " + _source + ", so "
            "the rest of this notebook cannot run.\\n" + _pip.stderr.strip()[-600:] + "\\n"
            "Check that the Colab runtime is connected to the internet, then run this cell "
            "again; or open the course in Binder, where everything is installed.")
from bonelearn.course import Chapter

chapter = Chapter.load("{chapter}")
chapter.card()'''


def install_source(repo_url: str) -> str:
    """The pip requirement that installs the course package from its repository."""
    return f"bonelearn @ git+{repo_url.rstrip('/')}"


def setup_source(chapter_id: str, repo_url: str) -> str:
    """The canonical set-up cell of chapter ``chapter_id``."""
    return SETUP_TEMPLATE.format(install=install_source(repo_url), chapter=chapter_id)


def _set_hidden(cell: NotebookNode, source: bool, outputs: bool) -> None:
    """Set (or clear) the cell's collapsed state in its ``jupyter`` metadata."""
    meta = cell.setdefault("metadata", {})
    jupyter = {k: v for k, v in meta.get("jupyter", {}).items()
               if k not in ("source_hidden", "outputs_hidden")}
    if source:
        jupyter["source_hidden"] = True
    if outputs and cell.get("cell_type") == "code":
        jupyter["outputs_hidden"] = True
    if jupyter:
        meta["jupyter"] = jupyter
    else:
        meta.pop("jupyter", None)


def _label_collapsed(cell: NotebookNode, what: str) -> None:
    """Give a collapsed cell a first line that reveals nothing (see COLLAPSED_LABEL)."""
    kind = cell.get("cell_type")
    if kind not in _SAFE_FIRST_LINE:
        return
    first = cell.source.lstrip("\n").split("\n", 1)[0].strip()
    if not first.startswith(_SAFE_FIRST_LINE[kind]):
        cell.source = f"{COLLAPSED_LABEL[what, kind]}\n{cell.source}"


def _run_note(nb: NotebookNode) -> NotebookNode:
    cell = nbformat.v4.new_markdown_cell(RUN_NOTE,
                                         metadata={"tags": ["remove-cell", RUN_NOTE_TAG]})
    if (nb.nbformat, nb.nbformat_minor) < (4, 5):
        cell.pop("id", None)
    else:
        cell["id"] = RUN_NOTE_TAG
    return cell


def prepare_live(nb: NotebookNode, chapter_id: str, repo_url: str) -> bool:
    """Put ``nb`` in its live form in place (see the module docstring); report changes."""
    before = json.dumps(nb, sort_keys=True)
    nb.metadata.update(copy.deepcopy(NOTEBOOK_METADATA))
    nb.cells = [c for c in nb.cells if RUN_NOTE_TAG not in tags(c)]
    code = [i for i, c in enumerate(nb.cells) if c.get("cell_type") == "code"]
    if code:
        nb.cells[code[0]].source = setup_source(chapter_id, repo_url)
        nb.cells.insert(code[0], _run_note(nb))
    span = solution_span_cells(nb)
    for i, cell in enumerate(nb.cells):
        collapse = (i in span or bool(tags(cell) & COLLAPSE_TAGS)
                    or "solution" in directive_names(cell))
        hide_code = cell.get("cell_type") == "code" and bool(tags(cell) & HIDE_CODE_TAGS)
        _set_hidden(cell, source=collapse or hide_code, outputs=collapse)
        if collapse:
            _label_collapsed(cell, "instructor" if "instructor" in tags(cell) else "solution")
    return json.dumps(nb, sort_keys=True) != before
