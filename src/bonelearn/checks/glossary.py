"""The glossary check: every abbreviation the glossary defines is linked where it is used.

``pages/glossary.md`` holds one MyST ``{glossary}`` directive. For each term in it that is
an abbreviation (two or more capital letters, such as RANKL, IL-17 or axSpA), a chapter
whose narrative uses the term must link it at least once with a ``{term}`` role. This is
checked reliably because abbreviations are matched as whole, case-sensitive words. Plain
words (osteoclast, enthesis) are not checked: they appear in too many forms; the
contributor guide asks authors to link them at first use. Sphinx itself fails the build
on a ``{term}`` that the glossary does not define.
"""

from __future__ import annotations

import re
from pathlib import Path

from bonelearn.checks.content import Problem, rel_path
from bonelearn.instructor.myst import blank_code
from bonelearn.instructor.notebooks import read_notebook

GLOSSARY = Path("pages") / "glossary.md"
_ROLE = re.compile(r"\{term\}`(?:[^`<]*<(?P<target>[^>`]+)>|(?P<text>[^`]+))`")
_SPANS = re.compile(r"\{[a-z:]+\}`[^`]*`|`[^`]*`|\]\([^)]*\)|\$[^$]*\$")


def glossary_terms(root: Path) -> list[str]:
    """The terms of the glossary page, in page order ([] if there is no glossary)."""
    path = root / GLOSSARY
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    if "```{glossary}" not in text:
        return []
    block = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    return [line.strip() for line in block.splitlines()
            if line.strip() and not line.startswith((" ", ":"))]


def is_abbreviation(term: str) -> bool:
    """RANKL, IL-17, axSpA, LRP5/6: two or more capitals."""
    return sum(ch.isupper() for ch in term) >= 2


def _uses(text: str, term: str) -> bool:
    plain = _SPANS.sub(" ", text)
    return re.search(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])", plain) is not None


def linked_terms(text: str) -> set[str]:
    """Terms (lower case) that ``text`` links with ``{term}`` roles."""
    return {(m.group("target") or m.group("text")).strip().lower()
            for m in _ROLE.finditer(text)}


def glossary_problems(root: Path, notebooks: list[Path]) -> list[Problem]:
    """A chapter uses a glossary abbreviation in its narrative but never links it."""
    abbreviations = [t for t in glossary_terms(root) if is_abbreviation(t)]
    problems = []
    for path in notebooks:
        text = "\n".join(blank_code(c.source) for c in read_notebook(path).cells
                         if c.cell_type == "markdown")
        linked = linked_terms(text)
        for term in abbreviations:
            if term.lower() not in linked and _uses(text, term):
                problems.append(Problem(rel_path(path, root), f"term {term!r}",
                                        "used but never linked to the glossary "
                                        f"(write {{term}}`{term}` at its first use)"))
    return problems
