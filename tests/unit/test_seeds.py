"""The seeds: the source review's record and the map from its topics to chapters."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SHARED_RECORD = ROOT.parent / "shared" / "seeds"
DRUG_CLASSES = {
    "denosumab", "romosozumab", "bisphosphonate", "glucocorticoid", "tnf_inhibitor",
    "il6r_inhibitor", "il17_inhibitor", "il12_23_inhibitor", "il23_inhibitor",
    "jak_inhibitor", "abatacept", "rituximab",
}


def _chapters_in_toc() -> set[str]:
    toc = (ROOT / "_toc.yml").read_text()
    return {line.split("chapters/")[1].split("/")[0] for line in toc.splitlines()
            if "file: chapters/" in line}


def test_source_review_record_matches_its_identifiers() -> None:
    record = yaml.safe_load((SEEDS / "source-review.yaml").read_text())
    assert record["doi"] == "10.1038/s41584-022-00764-w"
    assert record["pmid"] == "35273387"
    assert (record["journal_abbrev"], record["year"], record["volume"]) == (
        "Nat Rev Rheumatol", 2022, 18)
    assert [a["family"] for a in record["authors"]] == [
        "Soós", "Szentpétery", "Raterman", "Lems", "Bhattoa", "Szekanecz"]
    bib = (ROOT / "references.bib").read_text()
    assert "{" + record["id"] + "," in bib


def test_source_review_abstract_is_not_copied() -> None:
    """No sentence of the review's abstract appears in the seeds."""
    shared = list(SHARED_RECORD.glob("*.txt"))
    if not shared:  # the abstract is only on machines that have the shared folder
        return
    record = yaml.safe_load((SEEDS / "source-review.yaml").read_text())
    abstract = shared[0].read_text().split("## Content", 1)[-1].replace(record["title"], "")
    sentences = [s.strip() for s in abstract.replace("\n", " ").split(". ") if len(s) > 60]
    ours = " ".join(p.read_text() for p in SEEDS.glob("*")).replace("\n", " ")
    ours = " ".join(ours.split())
    copied = [s for s in sentences if " ".join(s.split())[:60] in ours]
    assert copied == []


def test_every_topic_maps_to_a_known_or_planned_chapter() -> None:
    topics = yaml.safe_load((SEEDS / "topic-map.yaml").read_text())
    available = set(topics["chapters"]["available"])
    planned = set(topics["chapters"]["planned"])
    assert available == _chapters_in_toc()
    assert not available & planned
    ids = [t["id"] for t in topics["topics"]]
    assert len(ids) == len(set(ids)), "duplicate topic ids"
    for topic in topics["topics"]:
        expected = available if topic["status"] == "available" else planned
        assert topic["chapter"] in expected, topic["id"]
        assert len(topic["summary"].split()) >= 8, topic["id"]


def test_topic_map_covers_every_drug_class() -> None:
    text = (SEEDS / "topic-map.yaml").read_text()
    missing = sorted(d for d in DRUG_CLASSES if d not in text)
    assert missing == []


def test_landing_page_lists_exactly_the_planned_chapters() -> None:
    """The landing page's "in preparation" list stays true as chapters land."""
    import re

    page = (ROOT / "pages" / "index.md").read_text(encoding="utf-8")
    block = page.split("<!-- planned-chapters")[1].split("<!-- /planned-chapters -->")[0]
    listed = set(re.findall(r"\(`([a-z0-9-]+)`\)", block))
    topic_map = yaml.safe_load((SEEDS / "topic-map.yaml").read_text())
    assert listed == set(topic_map["chapters"]["planned"])
    items = re.findall(r"^\s*[-*] ", block, re.M)
    assert len(items) == len(listed), "every planned item names its chapter id as (`id`)"
    assert not listed & _chapters_in_toc()
