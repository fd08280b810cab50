"""``bonelearn assign``: write a teaching bundle for chosen chapters.

Layout of the bundle::

    student/<id>/<id>.ipynb      solutions and instructor notes removed, outputs cleared
    instructor/<id>/<id>.ipynb   everything kept, outputs cleared
    (both carry the chapter folder's other files, e.g. chapter.yaml and questions.yaml)
    answer-key.md, answer-key.html
    quizzes/                     Moodle XML, GIFT, Canvas QTI zip, JSON, Anki deck
    syllabus.md, syllabus.html
    links.md, links.json         Binder, Colab and nbgitpuller links per chapter (they open
                                 the reader notebooks, notebooks/<id>.ipynb in the repository)

The bundle is built in a temporary folder next to the destination and moved into place
only when complete, so a failure never leaves a half-written or half-replaced bundle.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from nbformat import NotebookNode

from bonelearn.course import Chapter, Course, Repository
from bonelearn.errors import BonelearnError
from bonelearn.instructor.answers import answer_key
from bonelearn.instructor.document import Document, md_escape
from bonelearn.instructor.links import Links, chapter_links, check_hub_url
from bonelearn.instructor.notebooks import (
    instructor_notebook,
    read_notebook,
    student_notebook,
    write_notebook,
)
from bonelearn.instructor.schedule import syllabus

if TYPE_CHECKING:
    from bonelearn.quiz import QuestionBank

#: Export format → file name inside ``quizzes/``.
QUIZ_FILES = {
    "moodle": "moodle.xml",
    "gift": "moodle.gift.txt",
    "qti": "canvas-qti.zip",
    "json": "questions.json",
    "anki": "bonelearn-anki.apkg",
}
ANKI_NOTE = (
    f"`{QUIZ_FILES['anki']}` is for students who study with Anki: they open it with Anki "
    "(File > Import on the desktop; AnkiMobile and AnkiDroid open it too). It holds every "
    "question as a card, with the answer, the explanations and the sources on the back, "
    "in one subdeck per chapter, tagged by chapter, objective and difficulty. Importing a "
    "newer export updates the cards a student already has instead of adding copies. The "
    "cards show the answers: use the deck for study, not for assessment."
)
_SKIP = shutil.ignore_patterns("*.ipynb", ".*", "__pycache__", "_build")


class OutputExistsError(BonelearnError, FileExistsError):
    """The output folder exists and is not empty (and ``force`` was not given)."""


def _check_destination(out: Path, course: Course, force: bool) -> None:
    target, root = out.resolve(), course.root.resolve()
    if target == root or target in root.parents or (target / "_toc.yml").exists():
        raise OutputExistsError(f"refusing to write the bundle into {out}: it holds a course")
    if root / "chapters" in (target, *target.parents):
        raise OutputExistsError(f"refusing to write the bundle into {out}: it is inside chapters/")
    if (target / ".git").exists():
        raise OutputExistsError(f"refusing to write the bundle into {out}: it is a git checkout")
    if out.exists() and not out.is_dir():
        raise OutputExistsError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise OutputExistsError(
            f"{out} exists and is not empty; choose another --out or pass --force to replace it"
        )


def _copy_chapter(
    chapter: Chapter, dest: Path, derive: Callable[..., NotebookNode], source: str
) -> Path:
    """Copy the chapter folder's files and write the derived notebook into ``dest``."""
    shutil.copytree(chapter.folder, dest, ignore=_SKIP)
    path = dest / chapter.notebook
    write_notebook(derive(read_notebook(chapter.notebook_path), source=source), path)
    return path


def _is_placeholder(url: str | None) -> bool:
    host = urlsplit(url or "").hostname or ""
    return host.endswith((".example.org", ".example.com", ".example.edu", ".example"))


def links_document(
    chapters: list[Chapter], links: list[Links], repo: Repository, hub: str | None
) -> Document:
    """The launch links page."""
    doc = Document("Launch links")
    doc.text(
        f"These links open the reader notebooks of {repo.url} (branch {repo.branch}), "
        "notebooks/<chapter>.ipynb: the book's launch buttons open the same files. A reader "
        "notebook is the student version of the chapter (no solutions, no instructor notes) "
        "in plain Markdown that Jupyter and Colab render. The full chapters with solutions "
        "are in instructor/."
    )
    if not hub:
        doc.text("No JupyterHub configured: pass --hub URL to add nbgitpuller links.")
    elif _is_placeholder(hub):
        doc.text(f"The JupyterHub {hub} is a placeholder: pass --hub with your hub's URL.")
    for chapter, link in zip(chapters, links, strict=True):
        doc.heading(2, chapter.title)
        doc.markdown(
            f"- Binder: <{link.binder}>\n- Colab: <{link.colab}>\n"
            + (f"- JupyterHub (nbgitpuller): <{link.jupyterhub}>\n" if link.jupyterhub else "")
        )
    return doc


def export_quizzes(banks: Sequence[QuestionBank], folder: Path) -> list[str]:
    """Write every bank in every LMS format into ``folder``; return the exporters' warnings.

    Also writes ``folder/README.md`` naming each file and any warning.
    """
    from bonelearn.quiz import EXPORT_FORMATS, export_banks

    folder.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    lines = ["# Quiz exports", ""]
    for fmt, name in QUIZ_FILES.items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            export_banks(banks, fmt, folder / name)
        lines.append(f"- `{name}`: {EXPORT_FORMATS[fmt][2]}")
        for w in caught:
            notes.append(f"quizzes/{name}: {w.message}")
            lines.append(f"  - warning: {w.message}")
    if "anki" in QUIZ_FILES:
        lines += ["", ANKI_NOTE]
    (folder / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return notes


def readme(chapters: list[Chapter]) -> str:
    """The bundle's README: what each file is and who may see it."""
    titles = "\n".join(f"- `{c.id}`: {md_escape(c.title)}" for c in chapters)
    return f"""# Teaching bundle (generated by bonelearn assign)

Chapters:

{titles}

| Path | Contents | Audience |
|---|---|---|
| `student/` | notebooks without solutions or instructor notes, outputs cleared | students |
| `instructor/` | full notebooks with solutions and instructor notes | instructors |
| `answer-key.html`, `.md` | exercise solutions, quiz answers, explanations | instructors |
| `quizzes/` | Moodle XML, GIFT, Canvas QTI, JSON, Anki (see `quizzes/README.md`) | LMS, study |
| `syllabus.html`, `syllabus.md` | objectives, estimated times, prerequisites | everyone |
| `links.md`, `links.json` | Binder, Colab and JupyterHub links | everyone |

Each notebook folder also holds the chapter's other files (`chapter.yaml`,
`questions.yaml`, data), which the notebook reads. `questions.yaml` contains the quiz
answers, so the in-notebook quiz is for self-checking; use `quizzes/` for graded quizzes.
"""


def build_bundle(course: Course, chapters: list[Chapter], out: Path, hub: str | None) -> list[str]:
    """Write the bundle into ``out`` (an empty or missing folder); return notes to show."""
    repo = course.repository()
    banks = [c.bank() for c in chapters]
    for chapter in chapters:
        source = chapter.notebook_path.relative_to(course.root.resolve()).as_posix()
        _copy_chapter(chapter, out / "student" / chapter.id, student_notebook, source)
        _copy_chapter(chapter, out / "instructor" / chapter.id, instructor_notebook, source)
    key = answer_key(list(zip(chapters, banks, strict=True)))
    (out / "answer-key.md").write_text(key.to_markdown(), encoding="utf-8")
    (out / "answer-key.html").write_text(key.to_html(), encoding="utf-8")
    (out / "README.md").write_text(readme(chapters), encoding="utf-8")
    plan = syllabus(chapters)
    (out / "syllabus.md").write_text(plan.to_markdown(), encoding="utf-8")
    (out / "syllabus.html").write_text(plan.to_html(), encoding="utf-8")
    notes = export_quizzes(banks, out / "quizzes")
    links = [chapter_links(repo, c.id, hub) for c in chapters]
    (out / "links.md").write_text(
        links_document(chapters, links, repo, hub).to_markdown(), encoding="utf-8"
    )
    data = {
        "repository": repo.url,
        "branch": repo.branch,
        "jupyterhub": hub,
        "chapters": [
            {"id": c.id, "title": c.title, **link.as_dict()}
            for c, link in zip(chapters, links, strict=True)
        ],
    }
    (out / "links.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    if hub and _is_placeholder(hub):
        notes.append(f"links: the JupyterHub {hub} is a placeholder; pass --hub with your hub")
    return notes


def _swap_into_place(tmp: Path, out: Path) -> None:
    """Move the finished bundle ``tmp`` to ``out``, keeping the old ``out`` until it worked."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        old.rmdir()
        out.rename(old)
    try:
        tmp.rename(out)
    except OSError:
        if old is not None:
            old.rename(out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@dataclass(frozen=True)
class Bundle:
    """What ``assign`` wrote: the folder, the chapters and notes (exporter warnings)."""

    out: Path
    chapters: list[str]
    notes: list[str] = field(default_factory=list)


def assign(
    course: Course,
    chapter_ids: list[str],
    out: str | Path,
    hub: str | None = None,
    force: bool = False,
) -> Bundle:
    """Write the bundle for ``chapter_ids`` (``["all"]`` = every chapter) to ``out``.

    Raises UnknownItemError for an unknown chapter, OutputExistsError when ``out`` is not
    empty and ``force`` is false, ParameterError for a malformed hub URL.
    """
    chapters = course.select(list(chapter_ids))
    out = Path(out).absolute()
    hub = check_hub_url(hub) if hub else course.repository().jupyterhub_url
    _check_destination(out, course, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)  # mkdtemp makes it private; the bundle is meant to be shared
    try:
        notes = build_bundle(course, chapters, tmp, hub)
        _swap_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Bundle(out, [c.id for c in chapters], notes)
