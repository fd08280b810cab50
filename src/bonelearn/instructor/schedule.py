"""The syllabus page: chapter titles, objectives, estimated times and prerequisites."""

from __future__ import annotations

from bonelearn.course.chapter import Chapter
from bonelearn.instructor.document import Document


def format_minutes(minutes: int) -> str:
    """``75`` → ``"1 h 15 min"``; ``45`` → ``"45 min"``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


def syllabus(chapters: list[Chapter]) -> Document:
    """A syllabus for the chosen chapters, in the order given."""
    doc = Document("Syllabus")
    total = sum(c.minutes for c in chapters)
    doc.text(
        f"{len(chapters)} chapter{'s' if len(chapters) != 1 else ''}; estimated student time "
        f"{format_minutes(total)} ({total} minutes) in total.",
        "Overview:",
    )
    doc.table(
        ["#", "Chapter", "Estimated time"],
        [[str(i), c.title, format_minutes(c.minutes)] for i, c in enumerate(chapters, 1)]
        + [["", "Total", format_minutes(total)]],
    )
    for i, c in enumerate(chapters, 1):
        doc.heading(2, f"{i}. {c.title}")
        doc.text(f"about {format_minutes(c.minutes)}", "Estimated time:")
        if c.prerequisites:
            doc.text("", "Prerequisites:")
            doc.items(list(c.prerequisites))
        else:
            doc.text("none", "Prerequisites:")
        doc.text("by the end of this chapter a student should be able to:", "Objectives:")
        doc.items([o.text for o in c.objectives], ordered=True)
    return doc
