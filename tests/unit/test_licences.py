"""Every file the book ships from elsewhere is listed, with its licence, on one page."""

from __future__ import annotations

import fnmatch
import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "pages" / "licences.md"
VENDOR = ROOT / "widgets" / "vendor"
STATIC = ROOT / "_build" / "html" / "_static"


def tables() -> dict[str, list[list[str]]]:
    """The page's Markdown tables by section heading: rows of cells (header row dropped)."""
    out: dict[str, list[list[str]]] = {}
    heading = ""
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
        elif line.startswith("|") and not re.fullmatch(r"\|(\s*-+\s*\|)+", line):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            out.setdefault(heading, []).append(cells)
    return {h: rows[1:] for h, rows in out.items()}


def section(prefix: str) -> list[list[str]]:
    [rows] = [rows for heading, rows in tables().items() if heading.startswith(prefix)]
    return rows


def code_spans(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def test_every_vendored_file_is_listed_with_a_licence() -> None:
    rows = section("Vendored into the repository")
    listed = {span: row[-1] for row in rows for span in code_spans(row[0])}
    on_disk = sorted(p.relative_to(ROOT).as_posix() for p in VENDOR.rglob("*") if p.is_file())
    assert on_disk, "widgets/vendor is empty"
    missing = [p for p in on_disk if p not in listed]
    assert not missing, f"vendored files not listed on pages/licences.md: {missing}"
    assert all(licence for licence in listed.values())
    stale = [p for p in listed if not (ROOT / p).is_file()]
    assert not stale, f"pages/licences.md lists files that no longer exist: {stale}"


def test_every_node_package_is_listed_with_its_pinned_version() -> None:
    rows = section("Node packages")
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    listed = {row[0].split()[0]: row for row in rows}
    assert set(listed) == set(pinned), "pages/licences.md and package.json list other packages"
    for name, version in pinned.items():
        assert listed[name][0] == f"{name} {version}", f"{name}: version differs"
        assert listed[name][-1], f"{name}: no licence"
    # Every package the Makefile copies into the book (none at present) is marked as shipped.
    copied = set(re.findall(r"cp node_modules/([^/]+)/", (ROOT / "Makefile").read_text()))
    for name in copied:
        assert listed[name][1].startswith("yes"), f"{name} is copied into the book"


def static_patterns() -> list[str]:
    rows = section("Copied by the build")
    patterns = [span for row in rows for span in code_spans(row[0])]
    assert all(row[-1] for row in rows), "a row of the build table has no licence"
    return patterns


def test_every_file_of_the_built_book_is_listed() -> None:
    if not STATIC.is_dir():
        pytest.skip("the book is not built (make book)")
    patterns = static_patterns()
    files = sorted(p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*") if p.is_file())
    missing = [f for f in files if not any(fnmatch.fnmatch(f, pat) for pat in patterns)]
    assert not missing, f"files of _build/html/_static not listed on pages/licences.md: {missing}"


def test_page_is_in_the_contributors_part_of_the_toc() -> None:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    [part] = [p for p in toc["parts"] if p["caption"] == "For instructors and contributors"]
    assert {"file": "pages/licences"} in part["chapters"]
