"""A small fake course written into tmp_path (shared by the course, instructor, CLI and
check tests), plus tests of course-root discovery, _toc order and chapter cards."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import nbformat
import pytest
import yaml

from bonelearn.course import Chapter, Course, CourseNotFoundError, find_course_root
from bonelearn.errors import DataFileError, UnknownItemError
from bonelearn.instructor.live import prepare_live

TOC = """\
format: jb-book
root: pages/index
parts:
  - caption: Course
    chapters:
      - file: chapters/beta/beta
      - file: chapters/alpha/alpha
  - caption: Other
    chapters:
      - file: pages/guide
"""

CONFIG = """\
title: Fake course
repository:
  url: https://github.com/acme/bone-course
  branch: main
launch_buttons:
  binderhub_url: https://mybinder.org
  colab_url: https://colab.research.google.com
  jupyterhub_url: https://hub.example.edu
"""

BIB = """\
@article{smith2020bone,
  author = {Smith, A.},
  title = {Bone {and} things},
  journal = {J Bone},
  year = {2020},
  doi = {10.1000/xyz},
}
@article{jones2021marrow,
  author = {Jones, B.},
  title = {Marrow},
  journal = {J Marrow},
  year = {2021},
  pmid = {12345678},
}
"""


def card(chapter_id: str, **changes: object) -> dict:
    data = {
        "id": chapter_id,
        "title": f"Chapter {chapter_id.title()} & <friends>",
        "notebook": f"{chapter_id}.ipynb",
        "minutes": 45 if chapter_id == "alpha" else 30,
        "prerequisites": ["Basic cell biology"],
        "objectives": [
            {"id": "cells", "text": "Describe osteoclasts and osteoblasts."},
            {"id": "coupling", "text": "Explain coupling."},
        ],
        "key_points": ["Osteoclasts resorb bone.", "Osteoblasts form bone."],
        "questions": "questions.yaml",
    }
    data.update(changes)
    return data


def bank(chapter_id: str) -> dict:
    return {
        "chapter": chapter_id,
        "questions": [
            {
                "id": f"{chapter_id}-cells",
                "type": "single",
                "objective": "cells",
                "difficulty": "easy",
                "cite": ["smith2020bone"],
                "stem": f"({chapter_id}) Which cell resorbs bone when a < b & c?",
                "options": [
                    {"text": "Osteoclast", "correct": True, "feedback": "Yes: it resorbs."},
                    {"text": "Osteoblast <b>", "correct": False, "feedback": "No: it forms."},
                ],
            },
            {
                "id": f"{chapter_id}-order",
                "type": "ordering",
                "objective": "coupling",
                "difficulty": "medium",
                "cite": ["jones2021marrow"],
                "stem": f"({chapter_id}) Order the phases.",
                "items": ["Activation", "Resorption", "Formation"],
                "feedback": {"correct": "Resorption precedes formation.", "incorrect": "Retry."},
            },
            {
                "id": f"{chapter_id}-num",
                "type": "numeric",
                "objective": "coupling",
                "difficulty": "hard",
                "cite": ["smith2020bone"],
                "stem": f"({chapter_id}) How many weeks does formation take?",
                "answer": 12,
                "tolerance": 2,
                "units": "weeks",
                "feedback": {"correct": "About three months.", "incorrect": "Longer."},
            },
        ],
    }


def md(source: str, *tags: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(textwrap.dedent(source).strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def code(source: str, *tags: str, output: str | None = None) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(textwrap.dedent(source).strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    if output is not None:
        cell.execution_count = 3
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=output)]
    return cell


def notebook(chapter_id: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        code(
            f'from bonelearn.course import Chapter\nchapter = Chapter.load("{chapter_id}")\n'
            "chapter.card()",
            "hide-input",
        ),
        md("Narrative about bone {cite:p}`smith2020bone`."),
        md(
            """
            ```{exercise} Count the cells
            :label: ID-ex1

            How many osteoclasts are there if a < b & c?
            ```
            """.replace("ID", chapter_id)
        ),
        md(
            """
            ```{solution} ID-ex1
            :class: dropdown

            There are **three** SOLUTION_TEXT <script>alert(1)</script>.
            ```
            """.replace("ID", chapter_id),
            "solution",
        ),
        md(f"```{{exercise-start}} Plot it\n:label: {chapter_id}-ex2\n```"),
        code("x = 1  # starter code"),
        md("```{exercise-end}\n```"),
        md(f"```{{solution-start}} {chapter_id}-ex2\n:class: dropdown\n```", "solution"),
        code("SECRET_SOLUTION = 42", "solution"),
        md("```{solution-end}\n```", "solution"),
        md("Instructor note: TEACHER_ONLY.", "instructor"),
        code("print(2)", "keep-output", output="2\n"),
        code("chapter.key_points()"),
        code("chapter.quiz()"),
    ]
    return nb


def write_chapter(root: Path, chapter_id: str) -> Path:
    folder = root / "chapters" / chapter_id
    folder.mkdir(parents=True)
    (folder / "chapter.yaml").write_text(yaml.safe_dump(card(chapter_id), sort_keys=False))
    (folder / "questions.yaml").write_text(yaml.safe_dump(bank(chapter_id), sort_keys=False))
    (folder / "data.csv").write_text("t,x\n0,1\n")
    nb = notebook(chapter_id)
    prepare_live(nb, chapter_id, "https://github.com/acme/bone-course")
    nbformat.write(nb, str(folder / f"{chapter_id}.ipynb"))
    return folder


def make_course(base: Path) -> Path:
    """Write a complete, clean fake course under ``base/course`` and return its root."""
    root = base / "course"
    (root / "pages").mkdir(parents=True)
    (root / "_toc.yml").write_text(TOC)
    (root / "_config.yml").write_text(CONFIG)
    (root / "references.bib").write_text(BIB)
    (root / "pages" / "index.md").write_text("# Home\n\nSee {cite:t}`jones2021marrow`.\n")
    (root / "pages" / "guide.md").write_text("# Guide\n\nNo citations here.\n")
    for chapter_id in ("alpha", "beta"):
        write_chapter(root, chapter_id)
    from bonelearn.instructor.reader import write_reader_notebooks

    write_reader_notebooks(root)  # a clean course has its reader notebooks
    return root


@pytest.fixture
def course_root(tmp_path: Path) -> Path:
    return make_course(tmp_path)


# ----- tests of bonelearn.course ----------------------------------------------------------
def test_root_is_found_from_a_nested_folder_and_a_file(course_root: Path) -> None:
    nested = course_root / "chapters" / "alpha"
    assert find_course_root(nested) == course_root.resolve()
    assert find_course_root(nested / "alpha.ipynb") == course_root.resolve()


def test_root_from_cwd(course_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(course_root / "pages")
    assert Course.find().root == course_root.resolve()


def test_missing_root_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CourseNotFoundError, match=r"_toc\.yml"):
        find_course_root(tmp_path)


def test_chapters_follow_toc_order(course_root: Path) -> None:
    course = Course(course_root)
    assert course.chapter_ids() == ["beta", "alpha"]
    assert [c.id for c in course.chapters()] == ["beta", "alpha"]
    assert [c.id for c in course.select(["alpha", "beta"])] == ["beta", "alpha"]
    assert [c.id for c in course.select(["all"])] == ["beta", "alpha"]


def test_unknown_chapter_lists_known_ones(course_root: Path) -> None:
    with pytest.raises(
        UnknownItemError, match="unknown chapter 'gamma'; known chapters: alpha, beta"
    ):
        Course(course_root).chapter("gamma")


def test_chapter_card_fields(course_root: Path) -> None:
    chapter = Chapter.load("alpha", root=course_root)
    assert chapter.minutes == 45
    assert chapter.objective_ids == ["cells", "coupling"]
    assert chapter.notebook_path == (course_root / "chapters/alpha/alpha.ipynb").resolve()
    assert chapter.questions_path.name == "questions.yaml"


def test_chapter_loads_from_its_own_folder_outside_a_course(
    course_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    copy = tmp_path / "loose" / "alpha"
    shutil.copytree(course_root / "chapters" / "alpha", copy)
    monkeypatch.chdir(copy)
    assert Chapter.load("alpha").folder == copy.resolve()
    with pytest.raises(UnknownItemError):
        Chapter.load("beta")


@pytest.mark.parametrize(
    ("change", "item", "message"),
    [
        ({"minutes": 0}, "minutes", "less than the minimum"),
        ({"minutes": "long"}, "minutes", "not of type 'integer'"),
        ({"objectives": []}, "objectives", "should be non-empty"),
        ({"objectives": [{"id": "a", "text": ""}]}, "objectives[0].text", "non-empty"),
        ({"key_points": []}, "key_points", "should be non-empty"),
        ({"colour": "red"}, "(top level)", "'colour' was unexpected"),
        ({"id": "other"}, "id", "differs from the folder name"),
        (
            {"objectives": [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]},
            "objectives[1].id",
            "duplicate id",
        ),
    ],
)
def test_bad_cards_name_file_and_item(
    course_root: Path, change: dict, item: str, message: str
) -> None:
    path = course_root / "chapters" / "alpha" / "chapter.yaml"
    path.write_text(yaml.safe_dump(card("alpha", **change)))
    with pytest.raises(DataFileError) as info:
        Chapter.load("alpha", root=course_root)
    assert info.value.path == path.resolve() or info.value.path == path
    assert info.value.item == item
    assert message in info.value.problem


def test_missing_required_field(course_root: Path) -> None:
    data = card("alpha")
    del data["minutes"]
    (course_root / "chapters/alpha/chapter.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(DataFileError, match="'minutes' is a required property"):
        Chapter.load("alpha", root=course_root)


def test_invalid_yaml_names_the_file(course_root: Path) -> None:
    path = course_root / "chapters/alpha/chapter.yaml"
    path.write_text("id: [unclosed\n")
    with pytest.raises(DataFileError, match=r"chapter\.yaml: invalid YAML"):
        Chapter.load("alpha", root=course_root)


def test_card_and_key_points_display_as_markdown_and_escaped_html(course_root: Path) -> None:
    path = course_root / "chapters/alpha/chapter.yaml"
    path.write_text(yaml.safe_dump(card("alpha", prerequisites=["a < b & <script>x</script>"])))
    chapter = Chapter.load("alpha", root=course_root)
    bundle = chapter.card()._repr_mimebundle_()
    assert set(bundle) >= {"text/markdown", "text/html"}
    for part in ("Learning objectives", "Estimated time", "45 minutes", "Prerequisites"):
        assert part in bundle["text/markdown"] and part in bundle["text/html"]
    assert "Explain coupling." in bundle["text/html"]
    assert "<script>" not in bundle["text/html"]
    assert "a &lt; b &amp; &lt;script&gt;" in bundle["text/html"]
    points = chapter.key_points()._repr_mimebundle_()
    assert (
        "Key points" in points["text/html"]
        and "<li>Osteoblasts form bone.</li>" in points["text/html"]
    )


def test_quiz_returns_a_quiz_for_the_bank(course_root: Path) -> None:
    quiz_mod = pytest.importorskip("bonelearn.quiz")
    chapter = Chapter.load("alpha", root=course_root)
    quiz = chapter.quiz()
    assert isinstance(quiz, quiz_mod.Quiz)
    assert "Which cell resorbs bone" in quiz._repr_html_()
    # The chapter's own "## Check your understanding" heads the quiz: no second heading.
    assert quiz.title is None and 'class="bl-quiz-title"' not in quiz._repr_html_()
    titled = chapter.quiz(title="Vignette 1")
    assert '<h3 class="bl-quiz-title">Vignette 1</h3>' in titled._repr_html_()


def test_as_dict_round_trips_to_json(course_root: Path) -> None:
    data = Chapter.load("beta", root=course_root).as_dict()
    assert json.loads(json.dumps(data))["objectives"][1]["id"] == "coupling"


def test_chapter_falls_back_to_the_copy_a_wheel_carries(
    course_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import bonelearn.course.chapter as chapter_module

    packaged = tmp_path / "wheel" / "_chapters"
    shutil.copytree(course_root / "chapters" / "beta", packaged / "beta")
    monkeypatch.setattr(chapter_module, "PACKAGED_CHAPTERS", packaged)
    elsewhere = tmp_path / "colab"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert Chapter.load("beta").folder == (packaged / "beta").resolve()
