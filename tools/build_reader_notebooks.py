#!/usr/bin/env python3
"""Write the reader notebooks: ``notebooks/<id>.ipynb`` for every chapter in ``_toc.yml``.

A reader notebook is the student version of a chapter (no solutions, no instructor
notes, no outputs) with its MyST Markdown rendered to plain Markdown, so that JupyterLab,
Colab and GitHub show readable citations, working links between chapters, exercises and
admonitions. The book's Binder, Colab and JupyterHub buttons and ``bonelearn assign``'s
links open these files (``bonelearn.instructor.reader``). They are generated: edit the
chapter, then run this tool and commit both.

Usage:
    tools/build_reader_notebooks.py            # write the notebooks that changed
    tools/build_reader_notebooks.py --prune    # also delete notebooks of removed chapters
    tools/build_reader_notebooks.py --check    # change nothing; exit 1 if any is stale

``bonelearn check`` runs the same comparison.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bonelearn.errors import BonelearnError
from bonelearn.instructor.reader import reader_notebook_problems, write_reader_notebooks

REPO = Path(__file__).resolve().parent.parent


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with ``--check`` only compare) the reader notebooks; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help=(
                        "change nothing; list missing, stale or extra notebooks; exit 1 if any"))
    parser.add_argument("--prune", action="store_true",
                        help="delete reader notebooks of chapters no longer in _toc.yml")
    parser.add_argument("--root", type=Path, default=REPO, help="course root (default: this repo)")
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = reader_notebook_problems(args.root)
            for path, problem in problems:
                print(f"{path}: {problem}")
            return 1 if problems else 0
        for path in write_reader_notebooks(args.root, prune=args.prune):
            print(f"{path}: written" if (args.root / path).exists() else f"{path}: deleted")
    except BonelearnError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
