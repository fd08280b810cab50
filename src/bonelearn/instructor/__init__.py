"""The instructor kit: student and instructor notebooks, answer key, syllabus, links.

The usual entry point is the command line (``bonelearn assign``); the pieces are
importable for scripting::

    from bonelearn.course import Course
    from bonelearn.instructor import assign
    assign(Course.find(), ["remodelling"], "assignments/week1")

Names are imported lazily, so that light users (``tools/strip_outputs.py`` uses only
``bonelearn.instructor.notebooks``) do not load the quiz package.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "answers": ["Exercise", "answer_key", "extract_exercises"],
    "bundle": ["QUIZ_FILES", "Bundle", "OutputExistsError", "assign", "export_quizzes"],
    "document": ["Document", "md_escape"],
    "links": [
        "Links",
        "binder_url",
        "chapter_links",
        "check_hub_url",
        "colab_url",
        "links_for",
        "nbgitpuller_url",
        "reader_path",
    ],
    "notebooks": [
        "carries_outputs",
        "instructor_notebook",
        "read_notebook",
        "strip_outputs",
        "student_notebook",
        "write_notebook",
    ],
    "reader": ["convert_markdown", "reader_notebook", "write_reader_notebooks"],
    "schedule": ["format_minutes", "syllabus"],
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'bonelearn.instructor' has no attribute {name!r}")
    return getattr(import_module(f"bonelearn.instructor.{_WHERE[name]}"), name)


def __dir__() -> list[str]:
    return __all__
