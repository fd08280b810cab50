"""Accessible table of the curated bone evidence for each drug class.

Reads ``pathways/data/drugs.yaml`` through the knowledge base; adds nothing to it. Status
is shown as a word and a symbol (never colour alone), with each cell's summary and its
sources as short references.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from bonelearn.errors import UnknownItemError
from bonelearn.pathways import load_knowledge_base
from bonelearn.pathways.model import DRUG_IDS, EVIDENCE_OUTCOMES, Drug
from bonelearn.widgets.citations import references
from bonelearn.widgets.tables import table_region

#: Column headings for the evidence outcomes.
OUTCOME_LABELS: dict[str, str] = {
    "erosions": "Erosions (radiographic progression)",
    "systemic_bmd": "Systemic bone density",
    "fractures": "Fractures",
    "axspa_new_bone": "New bone in axSpA",
}
#: Status word and symbol shown in each cell.
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "established": ("Established", "●"),
    "probable": ("Probable", "◐"),
    "uncertain": ("Uncertain", "?"),
    "no_data": ("No data", "–"),
}


_CELL = "vertical-align:top;min-width:9em;padding:0.3em 0.5em"


@dataclass(frozen=True)
class EvidenceTable:
    """The evidence of ``drugs`` on ``outcomes``; renders as HTML and Markdown."""

    drugs: tuple[Drug, ...]
    outcomes: tuple[str, ...]
    caption: str = ("Bone evidence by drug class, as curated in the course's knowledge "
                    "base (educational summary, not treatment advice)")

    def _status(self, drug: Drug, outcome: str) -> tuple[str, str]:
        return STATUS_LABELS[drug.evidence[outcome].status]

    def to_html(self) -> str:
        """An accessible table: caption, scoped headers, status as word and symbol."""
        keys = {k for d in self.drugs for o in self.outcomes for k in d.evidence[o].cite}
        refs = references(sorted(keys), brief=True)  # full details: the references page
        head = "".join(f'<th scope="col">{escape(OUTCOME_LABELS[o])}</th>'
                       for o in self.outcomes)
        rows = []
        for d in self.drugs:
            cells = []
            for o in self.outcomes:
                ev = d.evidence[o]
                word, symbol = self._status(d, o)
                cites = "; ".join(escape(refs[k]) for k in ev.cite)
                src = (f'<br><small class="bl-evidence-src" style="overflow-wrap:anywhere">'
                       f'Sources: {cites}</small>'
                       if cites else "")
                cells.append(
                    f'<td data-status="{escape(ev.status)}" style="{_CELL}"><strong>'
                    f'<span aria-hidden="true">{symbol}</span> {escape(word)}</strong>'
                    f"<br>{escape(ev.summary)}{src}</td>")
            rows.append(f'<tr><th scope="row" style="{_CELL}">{escape(d.label)}</th>'
                        f'{"".join(cells)}</tr>')
        legend = "; ".join(f"{s} {w}" for w, s in STATUS_LABELS.values())
        return table_region(
            self.caption,
            f'<table class="bl-evidence-table" style="font-size:0.85em">'
            f'<caption>{escape(self.caption)}'
            f'<br><small>Key: {escape(legend)}</small></caption>'
            f'<thead><tr><th scope="col">Drug class</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>', "bl-evidence")

    def to_markdown(self) -> str:
        """The same table in Markdown (status word and symbol, summary, citation keys)."""
        def cell(text: str) -> str:
            return escape(text, quote=False).replace("|", "\\|").replace("\n", " ")

        lines = [f"**{cell(self.caption)}**", "",
                 "| Drug class | " + " | ".join(cell(OUTCOME_LABELS[o])
                                                 for o in self.outcomes) + " |",
                 "|---" * (len(self.outcomes) + 1) + "|"]
        for d in self.drugs:
            parts = []
            for o in self.outcomes:
                ev = d.evidence[o]
                word, symbol = self._status(d, o)
                src = f" ({cell(', '.join(ev.cite))})" if ev.cite else ""
                parts.append(f"{symbol} {word}: {cell(ev.summary)}{src}")
            lines.append(f"| {cell(d.label)} | " + " | ".join(parts) + " |")
        return "\n".join(lines)

    def _repr_mimebundle_(self, include: object = None, exclude: object = None
                          ) -> dict[str, str]:
        return {"text/html": self.to_html(), "text/markdown": self.to_markdown(),
                "text/plain": f"EvidenceTable({len(self.drugs)} drugs x "
                              f"{len(self.outcomes)} outcomes)"}


def evidence_table(drugs: Sequence[str] | None = None,
                   outcomes: Sequence[str] | None = None) -> EvidenceTable:
    """Table of the curated evidence for ``drugs`` (ids; default all) on ``outcomes``.

    Outcomes are ``erosions``, ``systemic_bmd``, ``fractures`` and ``axspa_new_bone``
    (default all). An unknown drug or outcome raises :class:`UnknownItemError`.
    """
    kb = load_knowledge_base()
    chosen = [kb.drug(d) for d in (DRUG_IDS if drugs is None else drugs)]
    outs = tuple(EVIDENCE_OUTCOMES if outcomes is None else outcomes)
    for o in outs:
        if o not in EVIDENCE_OUTCOMES:
            raise UnknownItemError("evidence outcome", o, list(EVIDENCE_OUTCOMES))
    return EvidenceTable(tuple(chosen), outs)
