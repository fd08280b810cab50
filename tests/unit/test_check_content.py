"""``bonelearn check`` catches each class of problem on a fake course tree."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
import yaml

from bonelearn.bibliography import parse_bib
from bonelearn.checks import run_checks
from bonelearn.errors import DataFileError
from tests.unit.test_course_tree import bank, card, course_root, md  # noqa: F401


@pytest.fixture(autouse=True)
def pathways(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """A stand-in pathway package, so the fake tree is judged on its own."""
    fake = types.ModuleType("bonelearn.pathways")
    fake.load_knowledge_base = lambda: None
    monkeypatch.setitem(sys.modules, "bonelearn.pathways", fake)
    return fake


def problems(root: Path) -> list[str]:
    return [str(p) for p in run_checks(root).problems]


def edit_yaml(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def edit_nb(path: Path, change: Callable[[nbformat.NotebookNode], None]) -> None:
    nb = nbformat.read(str(path), as_version=4)
    change(nb)
    nbformat.write(nb, str(path))


def test_clean_tree_passes(course_root: Path) -> None:  # noqa: F811
    report = run_checks(course_root)
    assert report.ok, report.problems
    assert (report.chapters, report.questions, report.references) == (2, 6, 2)


ALPHA = "chapters/alpha"


def test_a_regulatory_document_may_be_cited_by_its_official_url(course_root: Path) -> None:  # noqa: F811
    bib = course_root / "references.bib"
    bib.write_text(bib.read_text() + "@misc{fda2024label, author={{U.S. FDA}}, title={Label},"
                   " url={https://www.fda.gov/drugs/label}, urldate={2026-12-01},"
                   " note={Regulatory document}}\n")
    report = run_checks(course_root)
    assert report.ok, report.problems


def _set(key: str, value: object) -> Callable[[dict], None]:
    return lambda d: d.__setitem__(key, value)


def _drop(key: str) -> Callable[[dict], None]:
    return lambda d: d.pop(key)


CASES: list[tuple[str, str, Callable[[Path], None]]] = [
    (
        "bib entry without doi or pmid",
        "references.bib: noid2020x (line 1): has neither a doi nor a pmid",
        lambda r: (r / "references.bib").write_text(
            "@article{noid2020x, title={T}, year={2020}}\n" + (r / "references.bib").read_text()
        ),
    ),
    (
        "regulatory entry on a host that is not a regulator's",
        "references.bib: blog2024x (line 1): has neither a doi nor a pmid, and its url "
        "'https://example.com/prolia' is not an https address of a regulator",
        lambda r: (r / "references.bib").write_text(
            "@misc{blog2024x, title={T}, url={https://example.com/prolia}, urldate={2026-12-01},"
            " note={Regulatory document}}\n" + (r / "references.bib").read_text()
        ),
    ),
    (
        "regulatory entry without the date it was read",
        "references.bib: fda2024x (line 1): regulatory document needs urldate",
        lambda r: (r / "references.bib").write_text(
            "@misc{fda2024x, title={T}, url={https://www.fda.gov/drugs/x},"
            " note={Regulatory document}}\n" + (r / "references.bib").read_text()
        ),
    ),
    (
        "an article with only a url",
        "references.bib: web2024x (line 1): has neither a doi nor a pmid (only a regulatory",
        lambda r: (r / "references.bib").write_text(
            "@article{web2024x, title={T}, url={https://www.fda.gov/x}}\n"
            + (r / "references.bib").read_text()
        ),
    ),
    (
        "bib entry without its closing brace",
        "references.bib: line 2: entry swallowed by the one before it",
        lambda r: (r / "references.bib").write_text(
            "@article{open2020x, doi={10.1/x},\n" + (r / "references.bib").read_text()
        ),
    ),
    (
        "two keys for one paper",
        "references.bib: twin2020y (line 2): same DOI as 'twin2020x'",
        lambda r: (r / "references.bib").write_text(
            "@article{twin2020x, doi={10.1/X}}\n@article{twin2020y, doi={10.1/x}}\n"
            + (r / "references.bib").read_text()
        ),
    ),
    (
        "duplicate bib key",
        "references.bib: smith2020bone (line 15): duplicate key (first at line 1)",
        lambda r: (r / "references.bib").write_text(
            (r / "references.bib").read_text() + "@misc{smith2020bone, doi={10.1/x}}\n"
        ),
    ),
    (
        "unknown cite key in a notebook",
        f"{ALPHA}/alpha.ipynb: cell 2: citation key 'ghost2019' not in references.bib",
        lambda r: edit_nb(
            r / ALPHA / "alpha.ipynb",
            lambda nb: setattr(nb.cells[2], "source", "Text {cite:t}`smith2020bone,ghost2019`."),
        ),
    ),
    (
        "unknown cite key in a Markdown page",
        "pages/index.md: line 3: citation key 'nobody2000' not in references.bib",
        lambda r: (r / "pages/index.md").write_text("# Home\n\n{cite:p}`nobody2000`\n"),
    ),
    (
        "no objectives",
        f"{ALPHA}/chapter.yaml: objectives: [] should be non-empty",
        lambda r: edit_yaml(r / ALPHA / "chapter.yaml", _set("objectives", [])),
    ),
    (
        "no timing",
        f"{ALPHA}/chapter.yaml: (top level): 'minutes' is a required property",
        lambda r: edit_yaml(r / ALPHA / "chapter.yaml", _drop("minutes")),
    ),
    (
        "no key points",
        f"{ALPHA}/chapter.yaml: key_points: [] should be non-empty",
        lambda r: edit_yaml(r / ALPHA / "chapter.yaml", _set("key_points", [])),
    ),
    (
        "no exercise",
        f"{ALPHA}/alpha.ipynb: exercises: no {{exercise}} directive",
        lambda r: edit_nb(
            r / ALPHA / "alpha.ipynb",
            lambda nb: setattr(nb, "cells", [c for c in nb.cells if "exercise" not in c.source]),
        ),
    ),
    (
        "empty bank",
        f"{ALPHA}/questions.yaml: (file): questions: [] should be non-empty",
        lambda r: edit_yaml(r / ALPHA / "questions.yaml", _set("questions", [])),
    ),
    (
        "question objective not in chapter.yaml",
        f"{ALPHA}/questions.yaml: question 'alpha-cells': objective 'bones' is not in "
        "chapter.yaml (known: cells, coupling)",
        lambda r: edit_yaml(
            r / ALPHA / "questions.yaml",
            lambda d: d["questions"][0].__setitem__("objective", "bones"),
        ),
    ),
    (
        "question cite key unknown",
        f"{ALPHA}/questions.yaml: question 'alpha-num': citation key 'nobody2000' not in "
        "references.bib",
        lambda r: edit_yaml(
            r / ALPHA / "questions.yaml",
            lambda d: d["questions"][2].__setitem__("cite", ["nobody2000"]),
        ),
    ),
    (
        "a question text XML cannot carry (U+FFFE)",
        f"{ALPHA}/questions.yaml: question 'alpha-cells': stem contains the non-character(s) "
        "U+FFFE, which XML exports cannot carry",
        lambda r: edit_yaml(
            r / ALPHA / "questions.yaml",
            lambda d: d["questions"][0].__setitem__("stem", "Which \ufffe cell?"),
        ),
    ),
    (
        "a lone surrogate in an option's feedback",
        f"{ALPHA}/questions.yaml: question 'alpha-cells': option 2 feedback contains the lone "
        "surrogate(s) U+D800",
        lambda r: (r / ALPHA / "questions.yaml").write_text(
            (r / ALPHA / "questions.yaml").read_text().replace(
                "'No: it forms.'", '"No: \\ud800 it forms."')  # a YAML escape
        ),
    ),
    (
        "bank for another chapter",
        f"{ALPHA}/questions.yaml: chapter: 'beta' should be 'alpha'",
        lambda r: edit_yaml(r / ALPHA / "questions.yaml", _set("chapter", "beta")),
    ),
    (
        "duplicate question id across chapters",
        "chapters/alpha/questions.yaml: question 'beta-cells': id also used in chapter 'beta'",
        lambda r: (r / ALPHA / "questions.yaml").write_text(
            yaml.safe_dump(
                {
                    **bank("alpha"),
                    "questions": [bank("beta")["questions"][0], *bank("alpha")["questions"][1:]],
                }
            ).replace("(beta)", "(alpha)")
        ),
    ),
    (
        "notebook does not show the quiz",
        f"{ALPHA}/alpha.ipynb: anatomy: no code cell shows the quiz (chapter.quiz())",
        lambda r: edit_nb(
            r / ALPHA / "alpha.ipynb",
            lambda nb: setattr(nb, "cells", [c for c in nb.cells if "quiz()" not in c.source]),
        ),
    ),
    (
        "notebook does not show the card",
        f"{ALPHA}/alpha.ipynb: anatomy: no code cell shows the chapter card (chapter.card())",
        lambda r: edit_nb(
            r / ALPHA / "alpha.ipynb",
            lambda nb: setattr(nb.cells[1], "source", "import bonelearn"),
        ),
    ),
    (
        "notebook does not show the key points",
        f"{ALPHA}/alpha.ipynb: anatomy: no code cell shows the key points (chapter.key_points())",
        lambda r: edit_nb(
            r / ALPHA / "alpha.ipynb",
            lambda nb: setattr(nb.cells[13], "source", "pass"),
        ),
    ),
    (
        "stored output without keep-output",
        f"{ALPHA}/alpha.ipynb: cell 6: carries outputs but is not tagged keep-output",
        lambda r: edit_nb(
            r / ALPHA / "alpha.ipynb",
            lambda nb: nb.cells[6].__setitem__(
                "outputs", [nbformat.v4.new_output("stream", name="stdout", text="1")]
            ),
        ),
    ),
    (
        "solution without the solution tag",
        f"{ALPHA}/alpha.ipynb: cell 9: holds a solution but is not tagged solution",
        lambda r: edit_nb(
            r / ALPHA / "alpha.ipynb",
            lambda nb: nb.cells[9].metadata.__setitem__("tags", []),
        ),
    ),
    (
        "chapter folder missing from _toc.yml",
        "chapters/stray: (folder): not listed in _toc.yml",
        lambda r: (r / "chapters" / "stray").mkdir(),
    ),
    (
        "missing notebook",
        f"{ALPHA}/alpha.ipynb: (file): missing",
        lambda r: (r / ALPHA / "alpha.ipynb").unlink(),
    ),
    (
        "bad YAML in a bank",
        f"{ALPHA}/questions.yaml: (file): not valid YAML",
        lambda r: (r / ALPHA / "questions.yaml").write_text("chapter: [\n"),
    ),
]


@pytest.mark.parametrize(("name", "expected", "breakage"), CASES, ids=[c[0] for c in CASES])
def test_each_problem_class_is_reported(
    course_root: Path,  # noqa: F811
    name: str,
    expected: str,
    breakage: Callable[[Path], None],
) -> None:
    breakage(course_root)
    found = problems(course_root)
    assert any(p.startswith(expected) for p in found), f"{name}: {found}"


def test_roles_inside_code_are_not_citations(course_root: Path) -> None:  # noqa: F811
    (course_root / "pages/guide.md").write_text(
        "Cite with `` {cite}`key` ``.\n\n```markdown\n{cite:p}`example`\n```\n"
    )
    assert problems(course_root) == []


def test_broken_pathway_knowledge_base_is_reported(
    course_root: Path,  # noqa: F811
    pathways: types.ModuleType,
) -> None:
    def broken() -> None:
        raise DataFileError(course_root / "pathways.yaml", "node 'rankl'", "unknown target")

    pathways.load_knowledge_base = broken
    assert problems(course_root) == ["pathways.yaml: node 'rankl': unknown target"]


def test_missing_pathway_package_is_a_note_not_a_problem(
    course_root: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "bonelearn.pathways", None)  # import raises ImportError
    report = run_checks(course_root)
    assert report.ok and "pathway knowledge base not checked" in report.notes[0]


def test_bib_parser_reads_braces_quotes_and_skips_comments() -> None:
    entries = parse_bib(
        '@comment{ignored, doi={x}}\n@article{a1, title={A {B} c}, doi = "10.1/x", year=2020}\n'
        "@book{b2,\n author={X},\n}"
    )
    assert [(e.key, e.line) for e in entries] == [("a1", 2), ("b2", 3)]
    assert entries[0].fields == {"title": "A {B} c", "doi": "10.1/x", "year": "2020"}


@pytest.mark.parametrize("call", ["chapter.quiz()", "chapter.quiz( )",
                                  'chapter.quiz(select=["a-b", "c-d"])',
                                  'chapter.quiz(\n    title="Vignette 1", quiz_id="x-1")'])
def test_a_quiz_with_or_without_options_counts_as_the_quiz(call: str) -> None:
    import re

    from bonelearn.checks.content import REQUIRED_CALLS

    pattern = next(p for p, what in REQUIRED_CALLS.items() if "quiz" in what)
    assert re.search(pattern, call)
    assert not re.search(pattern, "chapter.quizzes()") and not re.search(pattern, "quiz(1)")
