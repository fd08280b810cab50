"""The course on disk: its root, its chapters in ``_toc.yml`` order and their cards.

>>> from bonelearn.course import Course
>>> course = Course.find()                       # walks up from the working directory
>>> [c.id for c in course.chapters()]            # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bonelearn.course.chapter import Chapter, Objective
from bonelearn.course.render import Rich, html_page, markdown_to_html
from bonelearn.course.root import (
    CourseNotFoundError,
    Repository,
    chapter_ids,
    find_course_root,
    repository,
    toc_files,
)
from bonelearn.course.topics import drug_chapters
from bonelearn.errors import UnknownItemError

__all__ = [
    "Chapter",
    "Course",
    "CourseNotFoundError",
    "Objective",
    "Repository",
    "Rich",
    "chapter_ids",
    "drug_chapters",
    "find_course_root",
    "html_page",
    "markdown_to_html",
    "repository",
    "toc_files",
]


@dataclass(frozen=True)
class Course:
    """A course checkout: the folder holding ``_toc.yml``."""

    root: Path

    @classmethod
    def find(cls, start: str | Path | None = None) -> Course:
        """The course at or above ``start`` (default: the working directory)."""
        return cls(find_course_root(start))

    def chapter_ids(self) -> list[str]:
        """Chapter ids in ``_toc.yml`` order."""
        return chapter_ids(self.root)

    def chapter(self, chapter_id: str) -> Chapter:
        """Load one chapter; an id not in ``_toc.yml`` raises UnknownItemError."""
        known = self.chapter_ids()
        if chapter_id not in known:
            raise UnknownItemError("chapter", chapter_id, known)
        return Chapter.load(chapter_id, root=self.root)

    def chapters(self) -> list[Chapter]:
        """Every chapter, in course order."""
        return [self.chapter(c) for c in self.chapter_ids()]

    def select(self, ids: list[str]) -> list[Chapter]:
        """Chapters by id (``all`` = every chapter), in course order, without duplicates."""
        known = self.chapter_ids()
        if "all" in ids:
            return self.chapters()
        for c in ids:
            if c not in known:
                raise UnknownItemError("chapter", c, known)
        return [self.chapter(c) for c in known if c in ids]

    def drug_chapters(self) -> dict[str, str]:
        """Drug-class id → id of the chapter that teaches it (``seeds/topic-map.yaml``)."""
        return drug_chapters(self.root)

    def repository(self) -> Repository:
        """Repository URL, branch and launch services from ``_config.yml``."""
        return repository(self.root)
