"""One version number: pyproject, the package, CITATION.cff, the changelog and the footer."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

import bonelearn
from bonelearn.sphinxext import add_version, version_footer

ROOT = Path(__file__).resolve().parents[2]
BUILT_PAGE = ROOT / "_build" / "html" / "pages" / "index.html"


def pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"]


def test_package_and_citation_carry_the_pyproject_version() -> None:
    version = pyproject_version()
    assert bonelearn.__version__ == version
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(citation["version"]) == version


def test_changelog_opens_with_the_current_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\S+) \((\d{4}-\d{2}-\d{2})\)$", text, flags=re.MULTILINE)
    assert headings, "CHANGELOG.md has no '## <version> (<date>)' entries"
    latest, released = headings[0]
    assert latest == pyproject_version()
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(citation["date-released"]) == released
    versions = [v for v, _ in headings]
    assert len(versions) == len(set(versions)), "a version appears twice in CHANGELOG.md"


def test_sphinx_extension_puts_the_version_in_the_footer_once() -> None:
    config = SimpleNamespace(html_theme_options={"extra_footer": "<p>not advice</p>"},
                             version="", release="")
    add_version(None, config)
    add_version(None, config)  # idempotent
    footer = config.html_theme_options["extra_footer"]
    assert footer == "<p>not advice</p>" + version_footer(bonelearn.__version__)
    assert config.release == config.version == bonelearn.__version__


def test_footer_without_configured_text() -> None:
    config = SimpleNamespace(html_theme_options={}, version="", release="")
    add_version(None, config)
    assert config.html_theme_options["extra_footer"] == version_footer(bonelearn.__version__)


def test_built_book_shows_the_current_version() -> None:
    if not BUILT_PAGE.is_file():
        pytest.skip("the book is not built (make book)")
    page = BUILT_PAGE.read_text(encoding="utf-8")
    assert f"bonelearn version {bonelearn.__version__}." in page
