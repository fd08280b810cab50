"""``make pdf``: one PDF of the whole book, with every chapter title and figure caption,
widgets printed in their default state and quizzes printed with their answers.

The PDF is rendered here from the built book by the same script ``make pdf`` runs
(``tools/build_pdf.py``), into a temporary folder, and read back with pypdf.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

import bonelearn
from bonelearn.widgets.bench import CHROMIUM

from .conftest import BOOK

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def squash(text: str) -> str:
    """Text compared without layout: ligatures expanded, no whitespace, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]


def page_soup(docname: str) -> BeautifulSoup:
    return BeautifulSoup((BOOK / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def without_headerlinks(node) -> str:
    for link in node.select(".headerlink"):
        link.decompose()
    return node.get_text(" ", strip=True)


def chapter_title(docname: str) -> str:
    return without_headerlinks(page_soup(docname).select_one("main h1, article h1"))


def narrative_count(phrase: str) -> int:
    """How often ``phrase`` occurs in the book's own text, outside widgets and quizzes.

    Controls of widgets and quizzes must not print, but the chapters may mention them
    ("press Check answer"); the PDF may hold a phrase at most this often.
    """
    count = 0
    for doc in toc_pages():
        soup = page_soup(doc)
        for node in soup.select(".bl-widget, .bl-quiz, script, style"):
            node.decompose()
        count += squash(soup.get_text(" ")).count(squash(phrase))
    return count


def figure_captions(docname: str) -> list[str]:
    return [without_headerlinks(c) for c in page_soup(docname).select("article figcaption")]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    if not (BOOK / "index.html").is_file():
        pytest.fail(f"the built book is missing at {BOOK}: run `make book` first")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run tools/ensure-chromium.sh")
    out = tmp_path_factory.mktemp("pdf") / "bonelearn.pdf"
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_pdf.py"), "--book", str(BOOK),
                    "--out", str(out), "--quiet"], check=True, timeout=900)
    return PdfReader(out)


@pytest.fixture(scope="module")
def text(pdf: PdfReader) -> str:
    return squash("\n".join(page.extract_text() or "" for page in pdf.pages))


def test_pdf_has_every_chapter_title_in_toc_order(pdf: PdfReader, text: str) -> None:
    titles = [chapter_title(doc) for doc in toc_pages()]
    assert len(titles) >= 18
    missing = [t for t in titles if squash(t) not in text]
    assert not missing, f"chapter titles missing from the PDF: {missing}"
    # The outline (bookmarks) lists the chapters in the book's order.
    def flatten(items) -> list[str]:
        out = []
        for item in items:
            out += flatten(item) if isinstance(item, list) else [item.title]
        return out

    outline = flatten(pdf.outline)
    assert [t for t in outline if t in titles] == titles


def test_pdf_has_every_figure_caption(text: str) -> None:
    captions = [c for doc in toc_pages() for c in figure_captions(doc)]
    assert len(captions) >= 20, "fewer figure captions than the chapters have"
    missing = [c[:80] for c in captions if squash(c) not in text]
    assert not missing, f"figure captions missing from the PDF: {missing}"


def test_pdf_has_title_page_contents_and_version(pdf: PdfReader, text: str) -> None:
    first = squash(pdf.pages[0].extract_text())
    assert squash(f"Version {bonelearn.__version__}") in first
    assert "contents" in squash(pdf.pages[1].extract_text())
    # Running heads carry the version; page numbers run through the whole book.
    last = pdf.pages[-1].extract_text()
    assert str(len(pdf.pages)) in last.split()


def test_quizzes_print_answers_and_no_controls(text: str) -> None:
    assert text.count(squash("Answer:")) + text.count(squash("Answers:")) >= 100
    assert squash("Answer, in order:") in text
    for control in ("Check answer", "Move up", "Checking answers needs JavaScript",
                    "Score: 0 of"):
        assert text.count(squash(control)) <= narrative_count(control), control


def test_widgets_print_their_default_state_without_dead_controls(text: str) -> None:
    for label in ("Pathway explorer", "Remodelling simulator", "Bone measures calculator",
                  "Study browser"):
        assert squash(f"{label}, printed as it first appears") in text, label
    # Default state: the explorer's summary and table, the simulator's summary.
    assert squash("Predicted change of each node and why") in text
    assert squash("Bone volume at day 1095") in text
    # Controls and panels that do nothing on paper are gone.
    for control in ("Drug classes (tick any number)", "Select a node or an arrow",
                    "Download the studies shown"):
        assert text.count(squash(control)) <= narrative_count(control), control
    # A slider's setting prints as text after its label (the slider itself is hidden).
    assert re.search(r"drugstartsonday\d+", text)


def test_print_only_parts_are_hidden_on_screen_and_shown_in_print(page, book_url: str) -> None:
    page.goto(f"{book_url}/chapters/gallery/gallery.html")
    visible = """sel => Array.from(document.querySelectorAll(sel))
        .map(el => getComputedStyle(el).display !== 'none')"""
    answers, notes = page.evaluate(visible, ".bl-print-answer"), page.evaluate(
        visible, ".bl-print-note")
    assert answers and notes
    assert not any(answers) and not any(notes)
    checks = page.evaluate(visible, ".bl-quiz .bl-check")
    assert all(checks), "the quiz's Check answer buttons should show on screen"
    page.emulate_media(media="print")
    assert all(page.evaluate(visible, ".bl-print-answer"))
    assert all(page.evaluate(visible, ".bl-print-note"))
    assert not any(page.evaluate(visible, ".bl-quiz .bl-check"))
    assert not any(page.evaluate(visible, ".bl-widget input[type=range]"))
