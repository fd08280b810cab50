"""The glossary check links abbreviations where chapters use them."""

from __future__ import annotations

from pathlib import Path

import nbformat

from bonelearn.checks import run_checks
from bonelearn.checks.glossary import (
    glossary_problems,
    glossary_terms,
    is_abbreviation,
    linked_terms,
)

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = """# Glossary

```{glossary}
RANKL
  Receptor activator of nuclear factor κB ligand.

Osteoclast
  The bone-resorbing cell.

IL-17
  Interleukin-17.
```
"""


def _course(tmp_path: Path, markdown: str) -> Path:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "glossary.md").write_text(GLOSSARY, encoding="utf-8")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(markdown),
                                         nbformat.v4.new_code_cell("RANKL = 1")])
    path = tmp_path / "ch.ipynb"
    nbformat.write(nb, str(path))
    return path


def test_terms_are_read_from_the_glossary_directive(tmp_path: Path) -> None:
    _course(tmp_path, "")
    assert glossary_terms(tmp_path) == ["RANKL", "Osteoclast", "IL-17"]
    assert [t for t in glossary_terms(tmp_path) if is_abbreviation(t)] == ["RANKL", "IL-17"]


def test_an_unlinked_abbreviation_is_reported(tmp_path: Path) -> None:
    path = _course(tmp_path, "Osteoclasts need RANKL. IL-17 raises it.")
    problems = glossary_problems(tmp_path, [path])
    assert [(p.item, p.problem.split(" (")[0]) for p in problems] == [
        ("term 'RANKL'", "used but never linked to the glossary"),
        ("term 'IL-17'", "used but never linked to the glossary")]


def test_one_link_anywhere_in_the_chapter_is_enough(tmp_path: Path) -> None:
    text = "{term}`RANKL` and {term}`interleukin-17 <IL-17>`.\n\nLater, RANKL and IL-17 again."
    assert glossary_problems(tmp_path, [_course(tmp_path, text)]) == []


def test_code_roles_links_and_longer_words_do_not_count_as_uses(tmp_path: Path) -> None:
    text = ("`RANKL` in code, {cite:p}`RANKL2020`, [a link](RANKL.html), RANKL-deficient "
            "mice and IL-17A.")
    assert glossary_problems(tmp_path, [_course(tmp_path, text)]) == []


def test_linked_terms_reads_both_role_forms() -> None:
    assert linked_terms("{term}`RANKL` {term}`the cytokine <IL-17>`") == {"rankl", "il-17"}


def test_the_course_links_every_abbreviation_it_uses() -> None:
    problems = [p for p in run_checks(ROOT).problems if "glossary" in p.problem]
    assert problems == [], problems
