"""A chapter's card (``chapter.yaml``) and the displayables built from it.

A notebook's set-up cell typically does::

    from bonelearn.course import Chapter
    chapter = Chapter.load("remodelling")
    chapter.card()
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema

from bonelearn.course.render import Rich
from bonelearn.course.root import (
    CourseNotFoundError,
    chapter_ids,
    find_course_root,
    read_yaml,
)
from bonelearn.errors import DataFileError, UnknownItemError

if TYPE_CHECKING:
    from bonelearn.quiz import QuestionBank, Quiz

CARD = "chapter.yaml"
#: Chapter folders shipped inside a wheel (for Colab, where only the notebook is present).
PACKAGED_CHAPTERS = Path(__file__).resolve().parent.parent / "_chapters"
SCHEMA_PATH = Path(__file__).with_name("chapter.schema.json")


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def _where(error: jsonschema.ValidationError) -> str:
    """Render a schema error's location as ``objectives[1].text``."""
    out = ""
    for part in error.absolute_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


@dataclass(frozen=True)
class Objective:
    """One learning objective: a short id (referenced by quiz questions) and its text."""

    id: str
    text: str


@dataclass(frozen=True)
class Chapter:
    """A validated chapter card plus the folder it lives in."""

    id: str
    title: str
    notebook: str
    minutes: int
    prerequisites: tuple[str, ...]
    objectives: tuple[Objective, ...]
    key_points_list: tuple[str, ...]
    questions: str
    folder: Path

    # ----- loading -------------------------------------------------------------------
    @classmethod
    def from_file(cls, path: str | Path) -> Chapter:
        """Read and validate one ``chapter.yaml``; errors name the file and the entry."""
        path = Path(path)
        data = read_yaml(path)
        errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
        if errors:
            e = errors[0]
            raise DataFileError(path, _where(e), e.message)
        if data["id"] != path.parent.name:
            raise DataFileError(
                path, "id", f"{data['id']!r} differs from the folder name {path.parent.name!r}"
            )
        seen: set[str] = set()
        for i, obj in enumerate(data["objectives"]):
            if obj["id"] in seen:
                raise DataFileError(path, f"objectives[{i}].id", f"duplicate id {obj['id']!r}")
            seen.add(obj["id"])
        return cls(
            id=data["id"],
            title=data["title"],
            notebook=data["notebook"],
            minutes=data["minutes"],
            prerequisites=tuple(data["prerequisites"]),
            objectives=tuple(Objective(o["id"], o["text"]) for o in data["objectives"]),
            key_points_list=tuple(data["key_points"]),
            questions=data["questions"],
            folder=path.parent.resolve(),
        )

    @classmethod
    def load(cls, chapter_id: str, root: str | Path | None = None) -> Chapter:
        """Load a chapter by id.

        Looks in ``<course root>/chapters/<id>/`` (course root found from ``root`` or the
        working directory); outside a course (a student bundle, a copied folder) it falls
        back to ``./chapter.yaml`` or ``./<id>/chapter.yaml``, then to the copy of the
        chapters a wheel carries as ``bonelearn/_chapters`` (so Colab works once the
        package is installed).
        """
        course: Path | None = None
        try:
            course = find_course_root(root)
        except CourseNotFoundError:
            if root is not None:
                raise
        if course is not None:
            path = course / "chapters" / chapter_id / CARD
            if path.is_file():
                return cls.from_file(path)
            if chapter_id in chapter_ids(course):
                raise DataFileError(path, None, "chapter card missing")
            if root is not None:
                raise UnknownItemError("chapter", chapter_id, chapter_ids(course))
        here = Path.cwd()
        for path in (here / CARD, here / chapter_id / CARD, PACKAGED_CHAPTERS / chapter_id / CARD):
            if path.parent.name == chapter_id and path.is_file():
                return cls.from_file(path)
        raise UnknownItemError("chapter", chapter_id, chapter_ids(course) if course else None)

    # ----- paths ---------------------------------------------------------------------
    @property
    def card_path(self) -> Path:
        """The ``chapter.yaml`` this chapter was read from."""
        return self.folder / CARD

    @property
    def notebook_path(self) -> Path:
        """The chapter's notebook."""
        return self.folder / self.notebook

    @property
    def questions_path(self) -> Path:
        """The chapter's quiz bank."""
        return self.folder / self.questions

    @property
    def objective_ids(self) -> list[str]:
        """Ids of the learning objectives, in order."""
        return [o.id for o in self.objectives]

    # ----- displayables --------------------------------------------------------------
    def card_markdown(self) -> str:
        """The card (objectives, estimated time, prerequisites) as Markdown."""
        lines = [f"**Estimated time:** about {self.minutes} minutes", ""]
        if self.prerequisites:
            lines += ["**Prerequisites:**", ""] + [f"- {p}" for p in self.prerequisites]
        else:
            lines += ["**Prerequisites:** none"]
        lines += ["", "**Learning objectives.** By the end of this chapter you should be able to:"]
        lines += [""]
        lines += [f"{i}. {o.text}" for i, o in enumerate(self.objectives, 1)]
        return "\n".join(lines) + "\n"

    def card(self) -> Rich:
        """Display object for the chapter card (Markdown and HTML)."""
        return Rich.from_markdown(self.card_markdown(), css_class="bl-card")

    def key_points_markdown(self) -> str:
        """The key points as a Markdown list."""
        return "**Key points**\n\n" + "\n".join(f"- {k}" for k in self.key_points_list) + "\n"

    def key_points(self) -> Rich:
        """Display object for the key points (Markdown and HTML)."""
        return Rich.from_markdown(self.key_points_markdown(), css_class="bl-key-points")

    def bank(self) -> QuestionBank:
        """The chapter's question bank, loaded by :func:`bonelearn.quiz.load_bank`."""
        from bonelearn.quiz import load_bank

        return load_bank(self.questions_path)

    def quiz(self, **options: Any) -> Quiz:
        """The chapter's quiz (a :class:`bonelearn.quiz.Quiz`), ready to display.

        Keyword arguments (e.g. ``title``) are passed on to ``Quiz``. Without a ``title``
        the quiz shows no heading of its own: a chapter puts it under its
        "## Check your understanding" heading, which would otherwise appear twice.
        """
        from bonelearn.quiz import Quiz

        options.setdefault("title", None)
        return Quiz(self.bank(), **options)

    def as_dict(self) -> dict[str, Any]:
        """Plain data (for JSON output)."""
        return {
            "id": self.id,
            "title": self.title,
            "minutes": self.minutes,
            "prerequisites": list(self.prerequisites),
            "objectives": [{"id": o.id, "text": o.text} for o in self.objectives],
            "key_points": list(self.key_points_list),
        }
