"""``bonelearn check``: validate all course content and report every problem.

Checks: question banks (schema, objectives, citation keys, unique ids across chapters),
chapter cards, chapter anatomy (objectives, timing, key points, an ``{exercise}``, the
card/key-points/quiz calls, tagged solutions), the pathway knowledge base (when its
package exists), citation keys in every page, DOI or PMID on every bib entry (or, for a
regulatory document, its official URL), glossary abbreviations linked where chapters use
them, no stored outputs outside ``keep-output`` cells, chapter notebooks in their
live form (collapsed solutions and hidden code, the canonical set-up cell), and the
reader notebooks (``notebooks/``) present and up to date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bonelearn.checks.content import (
    Problem,
    bank_problems,
    bib_problems,
    citation_problems,
    from_error,
    live_problems,
    notebook_problems,
    output_problems,
    pathway_problems,
    reader_problems,
    rel_path,
    stray_chapter_problems,
)
from bonelearn.checks.glossary import glossary_problems
from bonelearn.course.chapter import Chapter
from bonelearn.course.root import chapter_ids
from bonelearn.errors import DataFileError
from bonelearn.quiz.model import QuestionBank

__all__ = ["Problem", "Report", "run_checks"]


@dataclass
class Report:
    """What ``run_checks`` found."""

    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    chapters: int = 0
    questions: int = 0
    references: int = 0

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    def summary(self) -> str:
        """One line: counts checked and problems found."""
        counted = (
            f"{self.chapters} chapters, {self.questions} questions, {self.references} references"
        )
        if self.ok:
            return f"content OK: {counted} checked"
        files = len({p.file for p in self.problems})
        n = len(self.problems)
        return (
            f"{n} problem{'' if n == 1 else 's'} in {files} file{'' if files == 1 else 's'} "
            f"({counted})"
        )


def _chapter(chapter_id: str, root: Path, keys: set[str], report: Report) -> list[QuestionBank]:
    """Check one chapter; return its bank in a list (empty if it did not load)."""
    try:
        chapter = Chapter.load(chapter_id, root=root)
    except DataFileError as exc:
        report.problems.append(from_error(exc, root))
        return []
    report.chapters += 1
    report.problems += notebook_problems(chapter, root)
    if chapter.notebook_path.is_file():
        report.problems += live_problems(chapter, root)
    try:
        bank = chapter.bank()
    except DataFileError as exc:
        report.problems.append(from_error(exc, root))
        return []
    report.questions += len(bank)
    report.problems += bank_problems(chapter, bank, keys, root)
    return [bank]


def run_checks(root: Path) -> Report:
    """Run every content check on the course at ``root``."""
    report = Report()
    keys, problems = bib_problems(root)
    report.references = len(keys)
    report.problems += problems
    banks: list[QuestionBank] = []
    for chapter_id in chapter_ids(root):
        banks += _chapter(chapter_id, root, keys, report)
    seen: dict[str, str] = {}
    for bank in banks:
        for q in bank:
            if q.id in seen:
                where = rel_path(Path(bank.source or bank.chapter), root)
                problem = f"id also used in chapter {seen[q.id]!r}"
                report.problems.append(Problem(where, f"question {q.id!r}", problem))
            seen.setdefault(q.id, bank.chapter)
    report.problems += stray_chapter_problems(root)
    notebooks = [root / "chapters" / c / f"{c}.ipynb" for c in chapter_ids(root)]
    report.problems += glossary_problems(root, [p for p in notebooks if p.is_file()])
    report.problems += citation_problems(root, keys)
    report.problems += output_problems(root)
    report.problems += reader_problems(root)
    pathway, note = pathway_problems(root)
    report.problems += pathway
    if note:
        report.notes.append(note)
    return report
