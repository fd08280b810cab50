#!/usr/bin/env python3
"""Strip outputs from chapter notebooks and put them in their live form.

Outputs and execution counts are cleared, except in cells tagged ``keep-output``. The
live form (``bonelearn.instructor.live``) collapses solutions, instructor notes and the
code the book hides, keeps the "how to run" note, and writes the canonical set-up cell.

Usage:
    tools/strip_outputs.py chapters/remodelling/remodelling.ipynb   # strip in place
    tools/strip_outputs.py                                         # every chapters/**/*.ipynb
    tools/strip_outputs.py --check [NOTEBOOK ...]                  # list, exit 1 if any

Saved widget state is dropped too, unless a kept output still shows a widget. A notebook's
chapter id is its file name without ``.ipynb``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bonelearn.course.root import repository
from bonelearn.errors import BonelearnError
from bonelearn.instructor.live import prepare_live
from bonelearn.instructor.notebooks import read_notebook, strip_outputs, write_notebook

REPO = Path(__file__).resolve().parent.parent


def default_notebooks(root: Path = REPO) -> list[Path]:
    """Every notebook under ``chapters/`` (checkpoints excluded)."""
    return sorted(
        p for p in (root / "chapters").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Strip (or with ``--check`` only list) notebooks; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="notebooks (default: every chapters/**/*.ipynb)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; list notebooks that carry outputs, exit 1 if any",
    )
    args = parser.parse_args(argv)
    paths = args.notebooks or default_notebooks()
    dirty = []
    try:
        repo_url = repository(REPO).url
    except BonelearnError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in paths:
        try:
            nb = read_notebook(path)
        except BonelearnError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        stripped = strip_outputs(nb)
        if prepare_live(nb, path.stem, repo_url) | stripped:
            dirty.append(path)
            if not args.check:
                write_notebook(nb, path)
    verb = "carries outputs or is not in live form" if args.check else "stripped and prepared"
    for path in dirty:
        print(f"{path}: {verb}")
    if args.check and dirty:
        print(
            f"{len(dirty)} notebook(s) carry outputs; run tools/strip_outputs.py on them",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
