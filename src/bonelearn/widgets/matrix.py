"""The class-by-outcome evidence matrix as an accessible HTML table.

Renders :func:`bonelearn.evidence.class_outcome_matrix`: one row per drug class (linked
to its chapter when that chapter is published), one column per bone outcome, and in each
cell the strongest evidence level present in words (a symbol only repeats it), the number
of studies with their names, the diseases studied and the directions reported. It counts
designs; the curated judgement per outcome is :func:`bonelearn.widgets.evidence_table`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from bonelearn.evidence import (
    DIRECTIONS,
    LEVELS,
    OUTCOMES,
    ClassOutcomeMatrix,
    MatrixCell,
    Study,
    class_outcome_matrix,
)
from bonelearn.pathways import load_knowledge_base
from bonelearn.widgets.tables import table_region

#: Column headings of the matrix.
COLUMN_LABELS: dict[str, str] = {
    "radiographic_progression": "Local erosion (radiographic progression)",
    "systemic_bmd": "Systemic bone density",
    "turnover_markers": "Bone turnover markers",
    "fractures": "Fractures",
    "axial_new_bone": "Axial new bone (axSpA)",
}
#: A symbol per level; it repeats the word and is hidden from screen readers.
SYMBOLS: dict[str | None, str] = {
    "randomised": "●", "randomised_secondary": "◑", "observational": "○",
    "experimental": "◇", None: "–",
}
_CELL = "vertical-align:top;min-width:9em;padding:0.3em 0.5em"


def chapter_href(chapter_id: str) -> str:
    """Relative address of a chapter page from another chapter page of the book."""
    return f"../{chapter_id}/{chapter_id}.html"


@dataclass(frozen=True)
class EvidenceMatrixTable:
    """The matrix with each class's chapter: ``links`` maps a class to a page or None."""

    matrix: ClassOutcomeMatrix
    labels: Mapping[str, str]
    links: Mapping[str, str | None]
    notes: Mapping[str, str]
    caption: str = ("Drug class by bone outcome: the strongest kind of study in the course's "
                    "evidence base (a count of designs, not a rating; educational summary, "
                    "not treatment advice)")

    def _row_header(self, drug_class: str) -> str:
        label = escape(self.labels.get(drug_class, drug_class))
        href = self.links.get(drug_class)
        head = f'<a href="{escape(href)}">{label}</a>' if href else label
        note = self.notes.get(drug_class)
        if note:
            head += f'<br><small>{escape(note)}</small>'
        return f'<th scope="row" style="{_CELL}">{head}</th>'

    @staticmethod
    def _cell_html(cell: MatrixCell) -> str:
        symbol = f'<span aria-hidden="true">{SYMBOLS[cell.level]}</span>'
        if not cell.studies:
            return (f'<td data-level="none" data-n="0" style="{_CELL}">{symbol} '
                    f"{escape(cell.level_label)}</td>")
        n = cell.n_studies
        names = "; ".join(escape(s.name) for s in cell.studies)
        top = "; ".join(escape(DIRECTIONS[d]) for d in cell.strongest_directions)
        others = [d for d in cell.directions if d not in cell.strongest_directions]
        rest = ("<br><small>Weaker designs also: "
                + "; ".join(escape(DIRECTIONS[d]) for d in others) + "</small>") if others else ""
        everyone = ("" if cell.diseases == cell.strongest_diseases else
                    f"<br><small>All studies in: {escape(', '.join(cell.diseases))}</small>")
        return (f'<td data-level="{escape(cell.level)}" data-n="{n}" style="{_CELL}">'
                f"<strong>{symbol} {escape(cell.level_label)}</strong>"
                f"<br>{n} {'study' if n == 1 else 'studies'}: {names}"
                f"<br><small>Strongest level in: {escape(', '.join(cell.strongest_diseases))}; "
                f"direction: {top}</small>"
                f"{everyone}{rest}</td>")

    def to_html(self) -> str:
        """An accessible table: caption with key, scoped headers, levels as words."""
        head = "".join(f'<th scope="col" style="{_CELL}">'
                       f"{escape(COLUMN_LABELS.get(o, OUTCOMES[o]))}</th>"
                       for o in self.matrix.outcomes)
        rows = [f"<tr>{self._row_header(c)}"
                + "".join(self._cell_html(cell) for cell in self.matrix.row(c)) + "</tr>"
                for c in self.matrix.classes]
        key = "; ".join(f"{SYMBOLS[lid]} {label}" for lid, label, _ in LEVELS)
        key += f"; {SYMBOLS[None]} no study"
        return table_region(
            self.caption,
            f'<table class="bl-evidence-table bl-evidence-matrix" style="font-size:0.85em">'
            f"<caption>{escape(self.caption)}<br><small>Key (strongest design present): "
            f"{escape(key)}</small></caption>"
            f'<thead><tr><th scope="col" style="{_CELL}">Drug class</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>', "bl-evidence")

    def to_text(self) -> str:
        """One line per class: each outcome's level and number of studies."""
        lines = []
        for c in self.matrix.classes:
            parts = [f"{o}: {cell.level or 'none'} ({cell.n_studies})"
                     for o, cell in zip(self.matrix.outcomes, self.matrix.row(c), strict=True)]
            lines.append(f"{self.labels.get(c, c)}: " + "; ".join(parts))
        return "\n".join(lines)

    def _repr_mimebundle_(self, include: object = None, exclude: object = None
                          ) -> dict[str, str]:
        return {"text/html": self.to_html(), "text/plain": self.to_text()}


def evidence_matrix(chapters: Mapping[str, str] | None = None,
                    published: Collection[str] | None = None, current: str | None = None,
                    classes: Sequence[str] | None = None, outcomes: Sequence[str] | None = None,
                    studies: Iterable[Study] | None = None) -> EvidenceMatrixTable:
    """The class-by-outcome matrix of the evidence base as an accessible table.

    ``chapters`` maps a drug-class id to the id of the chapter that teaches it (the course
    reads it from ``seeds/topic-map.yaml``: :meth:`bonelearn.course.Course.drug_chapters`).
    A class row links to its chapter only when that chapter is in ``published`` (the
    chapters of ``_toc.yml``; ``None`` means every mapped chapter) and is not ``current``
    (the page showing the table, marked "this chapter" instead); otherwise the class is
    plain text, so the table never carries a dead link. ``classes``, ``outcomes`` and
    ``studies`` are passed to :func:`bonelearn.evidence.class_outcome_matrix`.
    """
    matrix = class_outcome_matrix(studies, classes, outcomes)
    labels = {d.id: d.label for d in load_knowledge_base().drugs}
    links: dict[str, str | None] = {}
    notes: dict[str, str] = {}
    for c in matrix.classes:
        target = (chapters or {}).get(c)
        if target is None:
            links[c] = None
        elif target == current:
            links[c] = None
            notes[c] = "this chapter"
        elif published is not None and target not in published:
            links[c] = None
            notes[c] = "chapter in preparation"
        else:
            links[c] = chapter_href(target)
    return EvidenceMatrixTable(matrix, labels, links, notes)
