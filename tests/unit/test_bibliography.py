"""The BibTeX reader: what it parses, and that a file is parsed once until it changes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from bonelearn import bibliography
from bonelearn.bibliography import bib_keys, parse_bib, read_bib

ROOT = Path(__file__).resolve().parents[2]


def _fields(text: str) -> dict[str, str]:
    (entry,) = parse_bib(text)
    return entry.fields


def test_nested_braces_are_kept_inside_a_braced_value() -> None:
    assert _fields("@article{k, title={The {RANKL}/{OPG} {{axis}}}, year={1998}}") == {
        "title": "The {RANKL}/{OPG} {{axis}}", "year": "1998"}


def test_quoted_values_keep_escaped_quotes_and_braces() -> None:
    fields = _fields('@misc{k, title = "A \\"so-called\\" {B}one, really", note="x"}')
    assert fields == {"title": 'A \\"so-called\\" {B}one, really', "note": "x"}


def test_bare_values_end_at_a_comma_brace_or_space() -> None:
    assert _fields("@book{k, year = 2020, month=jan}") == {"year": "2020", "month": "jan"}


def test_white_space_inside_a_value_collapses_to_single_spaces() -> None:
    assert _fields("@article{k, title={Bone\n   loss\tin   RA}}") == {"title": "Bone loss in RA"}


def test_an_unclosed_value_or_entry_reads_to_the_end_without_error() -> None:
    assert list(_fields("@article{k, title={never closed")) == ["title"]
    assert _fields('@article{k, title="no closing quote}') == {"title": "no closing quote"}
    assert _fields('@article{k, title="ends in a backslash\\}') == {
        "title": "ends in a backslash\\"}


def test_line_numbers_count_every_line_before_each_entry() -> None:
    text = ("% header\n@comment{skip {this}\n entry}\n"
            "@article{a, title={two\nlines}}\n\n@book{b, year=1}\n@misc{c}")
    assert [(e.type, e.key, e.line) for e in parse_bib(text)] == [
        ("article", "a", 4), ("book", "b", 7), ("misc", "c", 8)]


def test_the_course_bibliography_parses_completely() -> None:
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    keys = re.findall(r"^@(?!comment|string|preamble)\w+\{([^,\s]+),", text, re.M | re.I)
    entries = read_bib(ROOT / "references.bib")
    assert [e.key for e in entries] == keys and len(keys) > 100
    assert all(e.fields.get("title") and e.fields.get("author") for e in entries)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every text parse_bib is given (read_bib's cache emptied first)."""
    calls: list[str] = []
    real = bibliography.parse_bib

    def counting(text: str) -> list[bibliography.BibEntry]:
        calls.append(text)
        return real(text)

    bibliography._parsed.cache_clear()
    bibliography._keys.cache_clear()
    monkeypatch.setattr(bibliography, "parse_bib", counting)
    return calls


def test_a_file_is_parsed_once_while_it_does_not_change(tmp_path: Path,
                                                        counted: list[str]) -> None:
    bib = tmp_path / "references.bib"
    bib.write_text("@article{a, title={A}}\n", encoding="utf-8")
    first, second = read_bib(bib), read_bib(bib)
    assert [e.key for e in first] == [e.key for e in second] == ["a"]
    assert bib_keys(bib) == {"a"}
    assert len(counted) == 1


def test_a_changed_file_is_read_again(tmp_path: Path, counted: list[str]) -> None:
    bib = tmp_path / "references.bib"
    bib.write_text("@article{a, title={A}}\n", encoding="utf-8")
    assert [e.key for e in read_bib(bib)] == ["a"]
    stat = bib.stat()
    bib.write_text("@article{b, title={B}}\n", encoding="utf-8")  # same size
    os.utime(bib, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert [e.key for e in read_bib(bib)] == ["b"]
    assert bib_keys(bib) == {"b"}
    assert len(counted) == 2


def test_each_caller_gets_its_own_copy_of_the_entries(tmp_path: Path,
                                                      counted: list[str]) -> None:
    bib = tmp_path / "references.bib"
    bib.write_text("@article{a, title={A}}\n", encoding="utf-8")
    mine = read_bib(bib)
    mine[0].fields["title"] = "changed"
    mine.append(mine[0])
    again = read_bib(bib)
    assert len(again) == 1 and again[0].fields == {"title": "A"}
    assert len(counted) == 1
