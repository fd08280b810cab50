"""Schema and cross-reference validation of the pathway data files.

Each malformed copy of the shipped data must raise DataFileError naming the file and the
entry at fault; the shipped data must load and expose the promised API.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from bonelearn.errors import DataFileError, UnknownItemError
from bonelearn.pathways import DRUG_IDS, OUTCOMES, load_knowledge_base, loader

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "src" / "bonelearn" / "pathways"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the shipped data; cwd is the book root so the bib is found."""
    monkeypatch.chdir(ROOT)
    target = tmp_path / "data"
    shutil.copytree(loader.default_data_dir(), target)
    return target


def edit(folder: Path, name: str, change) -> None:
    path = folder / f"{name}.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")


def entry(doc: dict, section: str, ident: str) -> dict:
    return next(e for e in doc[section] if e["id"] == ident)


def expect_error(folder: Path, *fragments: str) -> DataFileError:
    with pytest.raises(DataFileError) as info:
        load_knowledge_base(folder)
    text = str(info.value)
    for fragment in fragments:
        assert fragment in text, f"{fragment!r} not in {text!r}"
    return info.value


def test_shipped_data_loads_and_ships_inside_the_package() -> None:
    kb = load_knowledge_base()
    assert loader.default_data_dir().resolve().is_relative_to(PKG.resolve())
    assert {d.id for d in kb.drugs} == set(DRUG_IDS)
    assert set(OUTCOMES) <= {n.id for n in kb.nodes}
    assert load_knowledge_base() is kb  # cached default
    assert kb.order[0] == kb.source == "inflammation"
    position = {n: i for i, n in enumerate(kb.order)}
    assert all(position[e.source] < position[e.target] for e in kb.edges if not e.feedback)


def test_required_nodes_and_views_exist() -> None:
    kb = load_knowledge_base()
    ids = {n.id for n in kb.nodes}
    for nid in ("mcsf", "rankl", "rank", "opg", "tnf", "il1", "il6", "jak_stat", "il17", "il23",
                "th17", "b_cells", "t_cell_costim", "wnt", "lrp5_6", "beta_catenin", "dkk1",
                "sclerostin", "osteocytes", "osteoclasts", "osteoblasts", "synovial_fibroblasts",
                "entheseal_cells", "inflammation"):
        assert nid in ids
    assert {v.id for v in kb.views} >= {"rankl_opg", "wnt", "il23_il17", "jak_stat", "all"}
    assert set(kb.view("all").nodes) == ids


def test_every_drug_has_cited_evidence_for_the_four_outcomes() -> None:
    for drug in load_knowledge_base().drugs:
        assert set(drug.evidence) == {"erosions", "systemic_bmd", "fractures", "axspa_new_bone"}
        for ev in drug.evidence.values():
            assert ev.status == "no_data" or ev.cite, drug.id


def test_lookups_raise_unknown_item_error() -> None:
    kb = load_knowledge_base()
    assert kb.node("rankl").label == "RANKL"
    assert kb.drug("denosumab").targets[0].node == "rankl"
    with pytest.raises(UnknownItemError, match=r"unknown node 'RANKLL'.*rankl"):
        kb.node("RANKLL")
    with pytest.raises(UnknownItemError, match="unknown drug 'aspirin'"):
        kb.drug("aspirin")
    link = kb.link("denosumab:rankl")
    assert (link.source, link.target, link.sign) == ("denosumab", "rankl", "inhibits")
    assert kb.link("tnf-dkk1").target == "dkk1"
    with pytest.raises(UnknownItemError):
        kb.link("denosumab:tnf")


def test_to_dict_is_json_and_complete() -> None:
    kb = load_knowledge_base()
    d = json.loads(json.dumps(kb.to_dict()))
    assert len(d["nodes"]) == len(kb.nodes) and len(d["edges"]) == len(kb.edges)
    assert d["source"] == "inflammation" and d["outcomes"] == list(OUTCOMES)
    assert {a["id"] for a in d["actions"]} >= {"denosumab:rankl", "romosozumab:sclerostin"}


def test_schemas_are_valid_json_schema() -> None:
    for path in sorted((PKG / "schema").glob("*.schema.json")):
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text()))


def test_edge_to_unknown_node(data: Path) -> None:
    edit(data, "edges", lambda d: entry(d, "edges", "tnf-il1").update(target="RANKLL"))
    expect_error(data, "edges.yaml", "edge 'tnf-il1'", "target 'RANKLL' is not a node")


def test_schema_error_names_file_entry_and_field(data: Path) -> None:
    edit(data, "edges", lambda d: entry(d, "edges", "rankl-rank").update(sign="promotes"))
    expect_error(data, "edges.yaml", "edge 'rankl-rank'", "sign")


def test_missing_required_field(data: Path) -> None:
    edit(data, "nodes", lambda d: entry(d, "nodes", "tnf").pop("description"))
    expect_error(data, "nodes.yaml", "node 'tnf'", "description")


def test_weight_out_of_range(data: Path) -> None:
    edit(data, "edges", lambda d: entry(d, "edges", "tnf-dkk1").update(weight=1.5))
    expect_error(data, "edges.yaml", "edge 'tnf-dkk1'", "weight")


def test_drug_target_unknown(data: Path) -> None:
    edit(data, "drugs", lambda d: entry(d, "drugs", "denosumab")["targets"][0].update(node="rankx"))
    expect_error(data, "drugs.yaml", "drug 'denosumab'", "target 'rankx' is not a node")


def test_drug_target_may_not_be_an_outcome(data: Path) -> None:
    edit(data, "drugs",
         lambda d: entry(d, "drugs", "bisphosphonate")["targets"][0].update(node="local_erosion"))
    expect_error(data, "drugs.yaml", "drug 'bisphosphonate'", "outcome")


def test_established_evidence_needs_a_citation(data: Path) -> None:
    edit(data, "drugs",
         lambda d: entry(d, "drugs", "tnf_inhibitor")["evidence"]["erosions"].update(cite=[]))
    expect_error(data, "drugs.yaml", "drug 'tnf_inhibitor'", "evidence.erosions")


def test_unknown_citation_key_in_edge(data: Path) -> None:
    edit(data, "edges", lambda d: entry(d, "edges", "tnf-dkk1").update(cite=["nobody2099made"]))
    expect_error(data, "edges.yaml", "edge 'tnf-dkk1'", "'nobody2099made'", "references.bib")


def test_unknown_citation_key_in_drug(data: Path) -> None:
    edit(data, "drugs", lambda d: entry(d, "drugs", "romosozumab")["regulatory_notes"][0]
         .update(cite=["ghost2001paper"]))
    expect_error(data, "drugs.yaml", "drug 'romosozumab'", "regulatory_notes", "ghost2001paper")


def test_a_dose_or_interval_needs_its_source(data: Path) -> None:
    edit(data, "drugs", lambda d: entry(d, "drugs", "denosumab").pop("dosing_cite"))
    expect_error(data, "drugs.yaml", "drug 'denosumab'", "dosing gives numbers", "dosing_cite")


def test_unknown_citation_key_in_dosing(data: Path) -> None:
    edit(data, "drugs", lambda d: entry(d, "drugs", "romosozumab").update(
        dosing_cite=["nolabel2030x"]))
    expect_error(data, "drugs.yaml", "drug 'romosozumab'", "dosing_cite", "nolabel2030x")


def test_bib_check_is_skipped_without_a_book(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert loader.find_bibliography([data]) is None
    assert loader.find_bibliography([ROOT]) == ROOT / "references.bib"
    edit(data, "edges", lambda d: entry(d, "edges", "tnf-dkk1").update(cite=["nobody2099made"]))
    monkeypatch.setattr(loader, "find_bibliography", lambda starts=None: None)
    assert load_knowledge_base(data).edge("tnf-dkk1").cite == ("nobody2099made",)


def test_view_with_unknown_node(data: Path) -> None:
    edit(data, "views", lambda d: entry(d, "views", "wnt")["nodes"].append("frizzled"))
    expect_error(data, "views.yaml", "view 'wnt'", "'frizzled' is not a node")


def test_view_all_must_cover_every_node(data: Path) -> None:
    edit(data, "views", lambda d: entry(d, "views", "all")["nodes"].remove("dkk1"))
    expect_error(data, "views.yaml", "view 'all'", "dkk1")


def test_cycle_is_reported_by_its_nodes(data: Path) -> None:
    loop = {"id": "osteoblasts-tnf", "source": "osteoblasts", "target": "tnf",
            "sign": "activates", "weight": 0.1, "evidence": "hypothesis",
            "mechanism": "An invented loop for the test.", "cite": ["soos2022effects"]}
    edit(data, "edges", lambda d: d["edges"].append(loop))
    err = expect_error(data, "edges.yaml", "cycle", "osteoblasts", "tnf")
    cycle = str(err).split("cycle: ")[1].split(" (")[0].split(" -> ")
    assert cycle[0] == cycle[-1] and {"tnf", "osteoblasts"} <= set(cycle)


def test_feedback_edges_are_kept_out_of_the_cycle_check(data: Path) -> None:
    loop = {"id": "osteoblasts-tnf", "source": "osteoblasts", "target": "tnf",
            "sign": "activates", "weight": 0.1, "evidence": "hypothesis", "feedback": True,
            "mechanism": "An invented loop for the test.", "cite": ["soos2022effects"]}
    edit(data, "edges", lambda d: d["edges"].append(loop))
    kb = load_knowledge_base(data)
    assert "osteoblasts-tnf" not in {e.id for e in kb.incoming["tnf"]}


def test_duplicate_id(data: Path) -> None:
    edit(data, "nodes", lambda d: d["nodes"].append(dict(entry(d, "nodes", "rankl"))))
    expect_error(data, "nodes.yaml", "node 'rankl'", "duplicate")


def test_missing_canonical_drug(data: Path) -> None:
    edit(data, "drugs", lambda d: d["drugs"].remove(entry(d, "drugs", "rituximab")))
    expect_error(data, "drugs.yaml", "rituximab")


def test_unknown_drug_id(data: Path) -> None:
    edit(data, "drugs", lambda d: entry(d, "drugs", "rituximab").update(id="ocrelizumab"))
    expect_error(data, "drugs.yaml", "drug 'ocrelizumab'")


def test_outcome_cannot_be_a_source(data: Path) -> None:
    edit(data, "edges", lambda d: entry(d, "edges", "tnf-dkk1").update(source="local_erosion"))
    expect_error(data, "edges.yaml", "edge 'tnf-dkk1'", "outcome")


def test_missing_required_outcome(data: Path) -> None:
    def drop(d: dict) -> None:
        entry(d, "nodes", "pathological_bone_formation").update(id="new_bone")
    edit(data, "nodes", drop)
    expect_error(data, "nodes.yaml", "pathological_bone_formation")


def test_invalid_yaml_and_missing_file(data: Path) -> None:
    (data / "views.yaml").write_text("views: [unclosed\n", encoding="utf-8")
    expect_error(data, "views.yaml", "not valid YAML")
    (data / "views.yaml").unlink()
    expect_error(data, "views.yaml", "file not found")
