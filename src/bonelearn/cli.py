"""The ``bonelearn`` command: chapters, assign, quiz export, evidence export and check.

Every command finds the course by walking up from the working directory to the folder
holding ``_toc.yml`` (or uses ``--root``). Errors bonelearn raises on purpose are printed
as one line, never as a traceback: exit 2 for bad arguments, unknown names or no course
found, 1 for content or file problems (and for a refused overwrite). What a command made
goes to standard output; warnings (such as the questions an export format could not
carry) go to standard error, as ``bonelearn <command>: warning: ...``.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from bonelearn import __version__
from bonelearn.course import Course
from bonelearn.course.root import CourseNotFoundError
from bonelearn.errors import BonelearnError, ParameterError, UnknownItemError

QUIZ_FORMATS = ("moodle", "gift", "qti", "json", "anki")
EVIDENCE_FORMATS = ("csv", "json")


def _warn(command: str, message: object) -> None:
    """One warning on standard error."""
    print(f"bonelearn {command}: warning: {message}", file=sys.stderr)


def _course(args: argparse.Namespace) -> Course:
    """The course at ``--root``, or found from the working directory."""
    return Course.find(args.root)


def cmd_chapters(args: argparse.Namespace) -> int:
    """List chapters in course order: id, minutes, title (exit 1 if a card is broken)."""
    from bonelearn.course import Chapter

    course = _course(args)
    ids = course.chapter_ids()
    width = max((len(c) for c in ids), default=2)
    print(f"{'id':<{width}}  {'min':>4}  title")
    total, broken = 0, 0
    for chapter_id in ids:
        try:
            c = Chapter.load(chapter_id, root=course.root)
        except BonelearnError as exc:
            broken += 1
            print(f"{chapter_id:<{width}}  {'?':>4}  (cannot read the card: {exc})")
            continue
        total += c.minutes
        print(f"{c.id:<{width}}  {c.minutes:>4}  {c.title}")
    print(f"{len(ids)} chapters, {total} minutes in total")
    return 1 if broken else 0


def cmd_assign(args: argparse.Namespace) -> int:
    """Write the teaching bundle."""
    from bonelearn.instructor import assign

    course = _course(args)
    bundle = assign(course, args.chapters, args.out, hub=args.hub, force=args.force)
    out = bundle.out
    print(f"wrote the bundle for {', '.join(bundle.chapters)} to {out}")
    for name in (
        "student/",
        "instructor/",
        "answer-key.html",
        "quizzes/",
        "syllabus.html",
        "links.md",
    ):
        print(f"  {out / name}")
    for note in bundle.notes:
        _warn("assign", note)
    return 0


def cmd_quiz_export(args: argparse.Namespace) -> int:
    """Export question banks in one LMS format."""
    from bonelearn.quiz import export_banks

    course = _course(args)
    chapters = course.select(args.chapters or ["all"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = export_banks([c.bank() for c in chapters], args.format, Path(args.out))
    for w in caught:
        _warn("quiz export", w.message)
    print(f"wrote {len(chapters)} question bank(s) as {args.format} to {out}")
    return 0


def cmd_evidence_export(args: argparse.Namespace) -> int:
    """Write the evidence base (optionally filtered) as CSV or JSON, atomically."""
    from bonelearn.datafiles import write_atomic
    from bonelearn.evidence import filter_studies, load_studies, to_csv, to_json

    studies = filter_studies(load_studies(), args.drug_class, args.outcome, args.design)
    text = (to_csv if args.format == "csv" else to_json)(studies)
    if args.out in (None, "-"):
        sys.stdout.write(text)
        return 0
    out = Path(args.out)
    if out.is_dir():
        out = out / f"bonelearn-studies.{args.format}"
    if not out.parent.is_dir():
        raise ParameterError(f"--out: folder {out.parent} does not exist")
    write_atomic(out, text)
    print(f"wrote {len(studies)} studies as {args.format} to {out}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate all course content."""
    from bonelearn.checks import run_checks

    course = _course(args)
    report = run_checks(course.root)
    for problem in report.problems:
        print(problem)
    for note in report.notes:
        print(f"note: {note}")
    print(report.summary())
    return 0 if report.ok else 1


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(
        prog="bonelearn",
        description="Tools for the bonelearn course: list chapters, build teaching "
        "bundles, export quizzes and check the content.",
    )
    parser.add_argument("--version", action="version", version=f"bonelearn {__version__}")
    parser.add_argument(
        "--root", metavar="DIR", help="course folder (default: found from the working directory)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "chapters",
        help="list chapters (id, minutes, title)",
        description="List the chapters in course order.",
    )
    p.set_defaults(func=cmd_chapters)

    p = sub.add_parser(
        "assign",
        help="write student/instructor notebooks, answer key, quizzes, syllabus and links",
        description="Write a teaching bundle for the chosen chapters: student/ and "
        "instructor/ notebooks, answer-key.md/.html, quizzes/ (Moodle XML, GIFT, Canvas "
        "QTI, JSON, an Anki deck), syllabus.md/.html, links.md and links.json.",
    )
    p.add_argument(
        "chapters",
        nargs="+",
        metavar="CHAPTER",
        help="chapter ids (see `bonelearn chapters`), or `all`",
    )
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the bundle to")
    p.add_argument(
        "--hub",
        metavar="URL",
        help="JupyterHub for nbgitpuller links (default: launch_buttons.jupyterhub_url)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace DIR if it exists and is not empty (swapped in only on success)",
    )
    p.set_defaults(func=cmd_assign)

    quiz = sub.add_parser("quiz", help="quiz tools (export)", description="Quiz tools.")
    qsub = quiz.add_subparsers(dest="quiz_command", metavar="COMMAND", required=True)
    p = qsub.add_parser(
        "export",
        help="export question banks for an LMS or Anki",
        description="Export question banks: moodle (Moodle XML), gift (Moodle GIFT), "
        "qti (Canvas QTI zip), json, or anki (an Anki .apkg deck with one subdeck per "
        "chapter). The file is written to a temporary name and renamed, so a failure "
        "never leaves a broken file; warnings go to standard error.",
    )
    p.add_argument("--format", required=True, choices=QUIZ_FORMATS)
    p.add_argument(
        "--chapters", nargs="+", metavar="CHAPTER", help="chapter ids or `all` (default: all)"
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help="file to write (or an existing folder: a name is chosen)",
    )
    p.set_defaults(func=cmd_quiz_export)

    ev = sub.add_parser("evidence", help="evidence base tools (export)",
                        description="The course's trial-level evidence base.")
    esub = ev.add_subparsers(dest="evidence_command", metavar="COMMAND", required=True)
    p = esub.add_parser(
        "export",
        help="export the studies as CSV or JSON",
        description="Write the evidence base (all studies, or those matching the filters) "
        "as CSV (one row per study and outcome) or JSON. The file is written to a "
        "temporary name and renamed, so a failure never leaves a broken file.",
    )
    p.add_argument("--format", required=True, choices=EVIDENCE_FORMATS)
    p.add_argument("--out", metavar="PATH", help="file or folder to write (default: stdout)")
    p.add_argument("--class", dest="drug_class", metavar="ID", help="one drug-class id")
    p.add_argument("--outcome", metavar="ID", help="one bone outcome id")
    p.add_argument("--design", metavar="ID", help="one study design id")
    p.set_defaults(func=cmd_evidence_export)

    p = sub.add_parser(
        "check",
        help="validate all course content",
        description="Validate question banks, chapter cards and notebooks, the pathway "
        "knowledge base, citation keys and bibliography entries, and stored outputs. "
        "Prints `file: item: problem` lines and a summary; exits 1 if anything is wrong.",
    )
    p.set_defaults(func=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2), already printed
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return args.func(args)
    except (UnknownItemError, ParameterError, CourseNotFoundError) as exc:
        print(f"bonelearn {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BonelearnError as exc:
        print(f"bonelearn {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a folder that cannot be written, a full disk: the file's problem
        print(f"bonelearn {args.command}: error: cannot write: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
