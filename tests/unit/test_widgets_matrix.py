"""The evidence matrix table: accessible markup, levels in words, links that never dangle."""

from __future__ import annotations

import re

from bonelearn.evidence import MATRIX_OUTCOMES, Outcome, Study, class_outcome_matrix, load_studies
from bonelearn.pathways.model import DRUG_IDS
from bonelearn.widgets import evidence_matrix
from bonelearn.widgets.matrix import chapter_href

STUDIES = load_studies()


def _row(page: str, label_fragment: str) -> str:
    return next(r for r in re.findall(r"<tr>(.*?)</tr>", page) if label_fragment in r)


def test_table_is_accessible_and_has_one_row_per_class() -> None:
    page = evidence_matrix().to_html()
    assert page.count("<caption>") == 1 and "Key (strongest design present)" in page
    assert page.count('<th scope="col"') == 1 + len(MATRIX_OUTCOMES)
    assert page.count('<th scope="row"') == len(DRUG_IDS)
    assert 'role="region" tabindex="0"' in page
    # every symbol is hidden from screen readers; the level is always written out
    assert page.count('<span aria-hidden="true">') == len(DRUG_IDS) * len(MATRIX_OUTCOMES)


def test_each_cell_states_level_count_and_diseases_from_the_data() -> None:
    page = evidence_matrix().to_html()
    matrix = class_outcome_matrix(STUDIES)
    cells = re.findall(r'<td data-level="([^"]+)" data-n="(\d+)"', page)
    assert len(cells) == len(matrix.cells)
    for (level, n), cell in zip(cells, matrix.cells, strict=True):
        assert level == (cell.level or "none") and int(n) == cell.n_studies
    row = _row(page, "Denosumab")
    assert "Randomised trial or meta-analysis</strong><br>2 studies: FREEDOM" in row
    assert "Strongest level in: postmenopausal osteoporosis" in row
    assert "No study in the evidence base" in row  # axial new bone


def test_rows_link_to_published_chapters_only() -> None:
    chapters = {"tnf_inhibitor": "tnf-inhibitors", "jak_inhibitor": "jak-inhibitors",
                "glucocorticoid": "therapies"}
    page = evidence_matrix(chapters=chapters, published=["tnf-inhibitors", "therapies"],
                           current="therapies").to_html()
    assert f'<a href="{chapter_href("tnf-inhibitors")}">TNF inhibitors</a>' in page
    assert "jak-inhibitors" not in page  # not in the table of contents yet: plain text
    assert "chapter in preparation" in _row(page, "JAK inhibitors")
    assert "this chapter" in _row(page, "Glucocorticoids") and "<a " not in _row(
        page, "Glucocorticoids")
    assert "<a " not in _row(page, "Rituximab")  # not mapped at all
    everything = evidence_matrix(chapters=chapters).to_html()
    assert 'href="../jak-inhibitors/jak-inhibitors.html"' in everything


def test_constructed_data_and_plain_text() -> None:
    s = Study(id="t", name="TOY", first_author="Doe", year=2020, cite="x",
              design="animal", disease="mouse", population="mice", duration="8 weeks",
              classes=("romosozumab",), agents=("anti-sclerostin",),
              outcomes=(Outcome("axial_new_bone", "e", "r", "experimental"),),
              evidence_note="n")
    table = evidence_matrix(studies=[s], classes=["romosozumab"])
    page = table.to_html()
    assert "Animal or cell experiments</strong><br>1 study: TOY" in page
    assert "experimental result in animals or cells" in page
    assert table.to_text().startswith("Romosozumab")
    assert "axial_new_bone: experimental (1)" in table._repr_mimebundle_()["text/plain"]


def test_weaker_designs_are_named_when_their_diseases_or_directions_differ() -> None:
    page = evidence_matrix().to_html()
    row = _row(page, "Denosumab")
    assert "All studies in: RA, mouse arthritis, rat arthritis" in row  # erosions: mice too
    gc = _row(page, "Glucocorticoids")
    assert ("Weaker designs also: no significant difference; association" in gc)  # RA cohorts
