"""Tests for the evidence table (bonelearn.widgets.evidence)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from bonelearn.errors import UnknownItemError
from bonelearn.pathways import load_knowledge_base
from bonelearn.pathways.model import DRUG_IDS, EVIDENCE_OUTCOMES, Evidence
from bonelearn.widgets import EvidenceTable, evidence_table
from bonelearn.widgets.evidence import OUTCOME_LABELS, STATUS_LABELS

DRUGS_YAML = (Path(__file__).resolve().parents[2]
              / "src/bonelearn/pathways/data/drugs.yaml")


def _yaml_status() -> dict[tuple[str, str], str]:
    data = yaml.safe_load(DRUGS_YAML.read_text(encoding="utf-8"))
    return {(d["id"], o): e["status"] for d in data["drugs"] for o, e in d["evidence"].items()}


def test_every_drug_and_outcome_present() -> None:
    bundle = evidence_table()._repr_mimebundle_()
    html, md = bundle["text/html"], bundle["text/markdown"]
    kb = load_knowledge_base()
    for d in DRUG_IDS:
        assert f">{kb.drug(d).label}</th>" in html.replace("&#x27;", "'")
        assert f"| {kb.drug(d).label} |" in md
    for o in EVIDENCE_OUTCOMES:
        assert f'<th scope="col">{OUTCOME_LABELS[o]}</th>' in html
    assert html.count("<tr>") == len(DRUG_IDS) + 1
    assert "<caption>" in html and 'role="region" tabindex="0"' in html


def test_statuses_match_drugs_yaml() -> None:
    html = evidence_table().to_html()
    rows = re.findall(r'<tr><th scope="row"[^>]*>.*?</tr>', html)
    statuses = _yaml_status()
    for drug, row in zip(DRUG_IDS, rows, strict=True):
        cells = re.findall(r'<td data-status="([a-z_]+)"[^>]*><strong><span aria-hidden="true">'
                           r'(.)</span> ([^<]+)</strong>', row)
        assert len(cells) == len(EVIDENCE_OUTCOMES)
        for outcome, (status, symbol, word) in zip(EVIDENCE_OUTCOMES, cells, strict=True):
            assert status == statuses[(drug, outcome)]
            assert (word, symbol) == STATUS_LABELS[status]


def test_subset_and_citations_as_short_references() -> None:
    table = evidence_table(["denosumab", "tnf_inhibitor"], ["erosions"])
    html = table.to_html()
    assert html.count('<th scope="row"') == 2
    assert "Systemic bone density" not in html
    assert "Takeuchi" in html and "Lipsky" in html  # short references, not raw keys
    assert "takeuchi2019effects" in table.to_markdown()


def test_text_is_escaped() -> None:
    kb = load_knowledge_base()
    drug = kb.drug("denosumab")
    evil = replace(drug, label="<script>x</script>", evidence={
        **drug.evidence, "erosions": Evidence("established", "a < b | c & <b>d</b>", ())})
    table = EvidenceTable((evil,), ("erosions",))
    html, md = table.to_html(), table.to_markdown()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>d</b>" not in html and "a &lt; b | c &amp; &lt;b&gt;d&lt;/b&gt;" in html
    assert "<script>" not in md and "a &lt; b \\| c &amp;" in md


def test_unknown_items_raise() -> None:
    with pytest.raises(UnknownItemError, match="no_such_drug"):
        evidence_table(["denosumab", "no_such_drug"])
    with pytest.raises(UnknownItemError, match="bone_age"):
        evidence_table(outcomes=["bone_age"])
