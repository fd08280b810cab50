"""The exemplar chapter ``remodelling``: card, quiz bank, notebook structure and figure."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import matplotlib
import nbformat
import pytest

from bonelearn.course import Chapter
from bonelearn.models.komarova import Komarova2003, KomarovaParams
from bonelearn.quiz.bank import load_bank, validate_bank

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "chapters" / "remodelling"
CITE = re.compile(r"\{cite(?::[pt])?\}`([^`]+)`")


@pytest.fixture(scope="module")
def chapter() -> Chapter:
    return Chapter.load("remodelling", root=ROOT)


@pytest.fixture(scope="module")
def notebook() -> nbformat.NotebookNode:
    return nbformat.read(FOLDER / "remodelling.ipynb", as_version=4)


def bib_keys() -> set[str]:
    return set(re.findall(r"@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text()))


def test_card_has_four_to_six_objectives(chapter: Chapter) -> None:
    assert chapter.title == "Bone remodelling: cells, units and coupling"
    assert 4 <= len(chapter.objectives) <= 6
    assert chapter.minutes == 75


def test_bank_is_valid_and_covers_every_type_and_objective(chapter: Chapter) -> None:
    bank = load_bank(FOLDER / "questions.yaml")
    assert validate_bank(bank, chapter.objective_ids, bib_keys()) == []
    assert 6 <= len(bank.questions) <= 8
    types = Counter(q.type for q in bank.questions)
    assert set(types) == {"single", "multiple", "numeric", "ordering"}
    assert {q.objective for q in bank.questions} == set(chapter.objective_ids)


def test_numeric_answer_is_the_models_steady_state() -> None:
    """The quiz's Komarova question must agree with the model the chapter runs."""
    bank = load_bank(FOLDER / "questions.yaml")
    (q,) = [q for q in bank.questions if q.type == "numeric"]
    b_rest = Komarova2003(KomarovaParams.single_cycle()).steady_state()["B"]
    assert abs(q.answer - b_rest) <= q.tolerance
    assert round(b_rest) == 212


def test_notebook_is_stripped(notebook: nbformat.NotebookNode) -> None:
    """Only cells tagged keep-output carry outputs (nbval compares them); here exactly one."""
    kept = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if "keep-output" in cell.metadata.get("tags", []):
            kept.append(cell)
        else:
            assert cell.outputs == [] and cell.execution_count is None
    assert len(kept) == 1 and "KomarovaParams(" in kept[0].outputs[0]["text"]


def test_notebook_anatomy_and_tags(notebook: nbformat.NotebookNode) -> None:
    code = [c for c in notebook.cells if c.cell_type == "code"]
    tags = [set(c.metadata.get("tags", [])) for c in code]
    assert 'Chapter.load("remodelling")' in code[0].source and tags[0] == {"remove-input"}
    widgets = [t for c, t in zip(code, tags, strict=True)
               if "pathway_explorer(" in c.source or "remodelling_simulator()" in c.source]
    assert widgets and all("nbval-ignore-output" in t for t in widgets)
    (quiz,) = [t for c, t in zip(code, tags, strict=True) if "chapter.quiz()" in c.source]
    assert quiz == {"remove-input", "nbval-ignore-output"}
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    for heading in ("## Exercises", "## Key points", "## Check your understanding",
                    "## Further reading"):
        assert heading in text
    assert text.index("## Exercises") < text.index("## Key points") < text.index(
        "## Check your understanding") < text.index("## Further reading")


def test_solutions_are_tagged_and_gated(notebook: nbformat.NotebookNode) -> None:
    cells = notebook.cells
    labels = re.findall(r":label: (remodelling-ex-[\w-]+)", "\n".join(c.source for c in cells))
    assert len(labels) == 2
    for label in labels:
        refs = [c for c in cells if re.search(rf"\{{solution(-start)?\}} {label}\b", c.source)]
        assert len(refs) == 1 and "solution" in refs[0].metadata.get("tags", []), label
    start = next(i for i, c in enumerate(cells) if "{solution-start}" in c.source)
    end = next(i for i, c in enumerate(cells) if "{solution-end}" in c.source)
    assert start < end
    assert all("solution" in cells[i].metadata.get("tags", []) for i in range(start, end + 1))
    instructor = [c for c in cells if "instructor" in c.metadata.get("tags", [])]
    assert len(instructor) == 1 and "Instructor notes" in instructor[0].source


def test_every_citation_resolves(notebook: nbformat.NotebookNode) -> None:
    cited = {k.strip() for c in notebook.cells if c.cell_type == "markdown"
             for group in CITE.findall(c.source) for k in group.split(",")}
    assert len(cited) >= 15
    assert cited - bib_keys() == set()


def test_figure_cell_runs_and_its_alt_text_matches_the_model(
        notebook: nbformat.NotebookNode) -> None:
    (cell,) = [c for c in notebook.cells if c.cell_type == "code" and "alt = (" in c.source
               and "solution" not in c.metadata.get("tags", [])]
    namespace: dict[str, object] = {}
    exec(compile(cell.source, "figure-cell", "exec"), namespace)
    alt, z = namespace["alt"], namespace["z"]
    assert isinstance(alt, str) and len(alt.split()) > 40
    assert f"{z.min():.1f} %" in alt  # the dip it describes is the dip it plots
    assert 85 < z.min() < 95 and abs(z[-1] - 100) < 0.1
