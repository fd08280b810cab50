"""The individual content checks behind ``bonelearn check``.

Each check returns a list of :class:`Problem` (``file: item: problem``); none raises on
bad content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bonelearn.bibliography import BibEntry, read_bib
from bonelearn.course.chapter import Chapter
from bonelearn.course.root import chapter_ids, repository, toc_files
from bonelearn.errors import BonelearnError, DataFileError
from bonelearn.instructor.live import prepare_live
from bonelearn.instructor.myst import blank_code, cite_keys
from bonelearn.instructor.notebooks import (
    carries_outputs,
    directive_names,
    read_notebook,
    solution_span_cells,
    tags,
)
from bonelearn.instructor.reader import reader_notebook_problems
from bonelearn.quiz.model import QuestionBank

#: Calls every chapter notebook must make (pattern → what it shows).
REQUIRED_CALLS = {
    r"\.card\(\s*\)": "the chapter card (chapter.card())",
    r"\.key_points\(\s*\)": "the key points (chapter.key_points())",
    # the quiz may take options: chapter.quiz(select=[...]) shows part of the bank
    r"\.quiz\((\s*\)|\s*(title|select|quiz_id)\s*=)": "the quiz (chapter.quiz())",
}


@dataclass(frozen=True)
class Problem:
    """One problem in the content: the file, the item in it, and what is wrong."""

    file: str
    item: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item}: {self.problem}"


def rel_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def from_error(exc: DataFileError, root: Path) -> Problem:
    """A Problem from a DataFileError."""
    return Problem(rel_path(exc.path, root), exc.item or "(file)", exc.problem)


# ----- bibliography --------------------------------------------------------------------
def bib_problems(root: Path) -> tuple[set[str], list[Problem]]:
    """Keys of ``references.bib`` and its problems (duplicates, no DOI/PMID)."""
    path = root / "references.bib"
    if not path.is_file():
        return set(), [Problem("references.bib", "(file)", "missing")]
    entries: list[BibEntry] = read_bib(path)
    problems, seen = [], {}
    text = path.read_text(encoding="utf-8")
    starts = [n for n, line in enumerate(text.splitlines(), 1)
              if re.match(r"@(?!comment|string|preamble)[A-Za-z]+\s*[{(]", line, re.I)]
    parsed = {e.line for e in entries}
    by_doi: dict[str, str] = {}
    for e in entries:
        doi = e.fields.get("doi", "").strip().lower()
        if doi and doi in by_doi and by_doi[doi] != e.key:
            problems.append(Problem(path.name, f"{e.key} (line {e.line})",
                                    f"same DOI as {by_doi[doi]!r}: cite one key"))
        if doi:
            by_doi.setdefault(doi, e.key)
    for n in starts:
        if n not in parsed:
            problems.append(Problem(path.name, f"line {n}", "entry swallowed by the one before "
                                    "it (is a closing brace missing above?)"))
    for e in entries:
        item = f"{e.key} (line {e.line})"
        if e.key in seen:
            problems.append(
                Problem(path.name, item, f"duplicate key (first at line {seen[e.key]})")
            )
        seen.setdefault(e.key, e.line)
        if not (e.fields.get("doi") or e.fields.get("pmid")):
            problem = regulatory_problem(e)
            if problem:
                problems.append(Problem(path.name, item, problem))
    return set(seen), problems


#: Hosts of the regulators whose documents (safety communications, product labels) the
#: course may cite by URL. A subdomain of one of these counts too.
REGULATOR_HOSTS = ("fda.gov", "ema.europa.eu", "ec.europa.eu", "gov.uk", "tga.gov.au",
                   "pmda.go.jp", "canada.ca")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def regulatory_problem(entry: BibEntry) -> str | None:
    """Why an entry without DOI or PMID is not an acceptable regulatory citation, or None.

    Accepted: ``@misc`` with an ``https`` ``url`` on a regulator's host
    (:data:`REGULATOR_HOSTS`), a ``urldate`` (YYYY-MM-DD, when it was read) and a
    ``note`` that says "Regulatory document". Everything else needs a DOI or PMID.
    """
    url = entry.fields.get("url", "")
    if entry.type != "misc" or not url:
        return "has neither a doi nor a pmid (only a regulatory @misc with a url may omit both)"
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not any(host == h or host.endswith("." + h)
                                          for h in REGULATOR_HOSTS):
        return (f"has neither a doi nor a pmid, and its url {url!r} is not an https address "
                f"of a regulator ({', '.join(REGULATOR_HOSTS)})")
    if not _DATE.match(entry.fields.get("urldate", "")):
        return "regulatory document needs urldate = {YYYY-MM-DD}, the day its url was read"
    if "regulatory document" not in entry.fields.get("note", "").lower():
        return 'regulatory document needs note = {Regulatory document}'
    return None


# ----- citations -----------------------------------------------------------------------
def content_files(root: Path) -> list[Path]:
    """Every notebook and Markdown page of the book (``_toc.yml``) plus all chapter notebooks."""
    files: list[Path] = []
    for entry in toc_files(root):
        base = root / entry
        for candidate in (base, base.with_suffix(".md"), base.with_suffix(".ipynb")):
            if candidate.suffix in {".md", ".ipynb"} and candidate.is_file():
                files.append(candidate)
                break
    chapters = root / "chapters"
    if chapters.is_dir():
        files += sorted(p for p in chapters.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    unique: list[Path] = []
    for f in files:
        if f.resolve() not in {u.resolve() for u in unique}:
            unique.append(f)
    return unique


def citation_problems(root: Path, keys: set[str]) -> list[Problem]:
    """Every ``{cite}``/``{cite:p}``/``{cite:t}`` key in every page resolves in references.bib."""
    problems = []
    for path in content_files(root):
        rel = rel_path(path, root)
        try:
            if path.suffix == ".ipynb":
                cells = enumerate(read_notebook(path).cells)
                texts = [
                    (f"cell {i}", blank_code(c.source))
                    for i, c in cells
                    if c.cell_type == "markdown"
                ]
            else:
                lines = blank_code(path.read_text(encoding="utf-8")).splitlines()
                texts = [(f"line {i}", line) for i, line in enumerate(lines, 1)]
        except DataFileError as exc:
            problems.append(from_error(exc, root))
            continue
        for item, text in texts:
            for key in cite_keys(text):
                if key not in keys:
                    problems.append(
                        Problem(rel, item, f"citation key {key!r} not in references.bib")
                    )
    return problems


# ----- notebooks -----------------------------------------------------------------------
def output_problems(root: Path) -> list[Problem]:
    """Code cells that carry outputs (or execution counts) without the ``keep-output`` tag."""
    problems = []
    for path in content_files(root):
        if path.suffix != ".ipynb":
            continue
        try:
            nb = read_notebook(path)
        except DataFileError as exc:
            problems.append(from_error(exc, root))
            continue
        for i in carries_outputs(nb):
            problems.append(
                Problem(
                    rel_path(path, root),
                    f"cell {i}",
                    "carries outputs but is not tagged keep-output "
                    "(run tools/strip_outputs.py on the notebook)",
                )
            )
    return problems


def reader_problems(root: Path) -> list[Problem]:
    """Reader notebooks (``notebooks/<id>.ipynb``) missing, extra, or different from a
    fresh rendering of their chapter (see :mod:`bonelearn.instructor.reader`)."""
    try:
        found = reader_notebook_problems(root)
    except DataFileError as exc:
        return [Problem(rel_path(exc.path, root), exc.item or "reader notebook",
                        f"{exc.problem} (while rendering the reader notebooks)")]
    return [Problem(path, "reader notebook", problem) for path, problem in found]


def live_problems(chapter: Chapter, root: Path) -> list[Problem]:
    """A chapter notebook not in its live form (collapsed solutions and hidden code, the
    run note and the canonical set-up cell; see :mod:`bonelearn.instructor.live`)."""
    rel = rel_path(chapter.notebook_path, root)
    try:
        nb = read_notebook(chapter.notebook_path)
        url = repository(root).url
    except DataFileError as exc:
        return [from_error(exc, root)]
    if prepare_live(nb, chapter.id, url):
        return [Problem(rel, "live form", "solutions, hidden code or the set-up cell are not "
                        "in their live form (run tools/strip_outputs.py on the notebook)")]
    return []


def notebook_problems(chapter: Chapter, root: Path) -> list[Problem]:
    """Anatomy of a chapter notebook: exercises, required calls, tagged solutions."""
    rel = rel_path(chapter.notebook_path, root)
    if chapter.notebook != f"{chapter.id}.ipynb":
        return [
            Problem(rel_path(chapter.card_path, root), "notebook", f"must be {chapter.id}.ipynb")
        ]
    if not chapter.notebook_path.is_file():
        return [Problem(rel, "(file)", "missing")]
    try:
        nb = read_notebook(chapter.notebook_path)
    except DataFileError as exc:
        return [from_error(exc, root)]
    problems = []
    names = [directive_names(c) for c in nb.cells]
    if not any(n & {"exercise", "exercise-start"} for n in names):
        problems.append(Problem(rel, "exercises", "no {exercise} directive"))
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for pattern, what in REQUIRED_CALLS.items():
        if not re.search(pattern, code):
            problems.append(Problem(rel, "anatomy", f"no code cell shows {what}"))
    span = solution_span_cells(nb)
    for i, cell in enumerate(nb.cells):
        if (names[i] & {"solution", "solution-start", "solution-end"} or i in span) and (
            "solution" not in tags(cell)
        ):
            problems.append(
                Problem(rel, f"cell {i}", "holds a solution but is not tagged solution")
            )
    return problems


def bank_problems(
    chapter: Chapter, bank: QuestionBank, keys: set[str], root: Path
) -> list[Problem]:
    """A loaded bank belongs to its chapter, is not empty, and its references exist."""
    rel = rel_path(chapter.questions_path, root)
    problems = []
    if bank.chapter != chapter.id:
        problems.append(Problem(rel, "chapter", f"{bank.chapter!r} should be {chapter.id!r}"))
    if not len(bank):
        problems.append(Problem(rel, "questions", "the bank is empty"))
    objectives = set(chapter.objective_ids)
    for q in bank:
        item = f"question {q.id!r}"
        if q.objective not in objectives:
            problems.append(
                Problem(
                    rel,
                    item,
                    f"objective {q.objective!r} is not in chapter.yaml "
                    f"(known: {', '.join(chapter.objective_ids)})",
                )
            )
        problems += [
            Problem(rel, item, f"citation key {k!r} not in references.bib")
            for k in q.cite
            if k not in keys
        ]
    return problems


def stray_chapter_problems(root: Path) -> list[Problem]:
    """Chapter folders that ``_toc.yml`` does not list."""
    listed = set(chapter_ids(root))
    folder = root / "chapters"
    if not folder.is_dir():
        return []
    return [
        Problem(f"chapters/{p.name}", "(folder)", "not listed in _toc.yml")
        for p in sorted(folder.iterdir())
        if p.is_dir() and not p.name.startswith((".", "_")) and p.name not in listed
    ]


def pathway_problems(root: Path) -> tuple[list[Problem], str | None]:
    """Load the pathway knowledge base if its package exists; (problems, note)."""
    try:
        from bonelearn.pathways import load_knowledge_base
    except ImportError as exc:
        return [], f"pathway knowledge base not checked ({exc})"
    try:
        load_knowledge_base()
    except DataFileError as exc:
        return [from_error(exc, root)], None
    except BonelearnError as exc:
        return [Problem("src/bonelearn/pathways", "knowledge base", str(exc))], None
    return [], None
