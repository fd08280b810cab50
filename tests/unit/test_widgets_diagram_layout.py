"""Layouts of the pathway diagram and the explorer's new text rules (issue 13, part A)."""

from __future__ import annotations

import math

import pytest

from bonelearn.pathways import load_knowledge_base
from bonelearn.widgets import VIEWS, pathway_explorer, remodelling_simulator
from bonelearn.widgets.diagram import (
    COLS,
    COLUMNS,
    NODE_H,
    NODE_W,
    delta_of,
    edge_width,
    label_lines,
    layouts,
    shade,
)
from bonelearn.widgets.explorer import outside_note
from bonelearn.widgets.simulator import DAY_STEP, NO_DRUG_REASON

KB = load_knowledge_base()


def _view(view: str):
    exp = pathway_explorer(view=view)
    return exp, layouts(exp.nodes, exp.view_edges)


@pytest.mark.parametrize("view", VIEWS)
def test_each_layout_is_as_wide_as_its_boxes_and_no_box_overlaps(view):
    _exp, all_layouts = _view(view)
    assert [g["cols"] for g in all_layouts] == list(COLS)
    for geo in all_layouts:
        # 2 boxes a row fit a 390 px phone's column (324 px), 4 a 1366 px laptop's (636 px)
        assert geo["width"] == 2 * (4 + 6) + geo["cols"] * NODE_W + (geo["cols"] - 1) * 8
        boxes = list(geo["nodes"].values())
        assert all(x >= 0 and x + NODE_W <= geo["width"] and y + NODE_H <= geo["height"]
                   for x, y in boxes)
        for i, (x, y) in enumerate(boxes):
            for u, v in boxes[i + 1:]:
                assert abs(x - u) >= NODE_W or abs(y - v) >= NODE_H, (view, geo["cols"])
    assert all_layouts[0]["width"] <= 332 and all_layouts[2]["width"] <= 700


@pytest.mark.parametrize("view", VIEWS)
def test_bands_hold_their_nodes_in_signalling_order(view):
    exp, all_layouts = _view(view)
    groups = {n["id"]: ("stimulus" if n.get("kind") == "stimulus" else n["group"])
              for n in exp.nodes}
    order = [g for g, _ in COLUMNS]
    for geo in all_layouts:
        for nid, (x, y) in geo["nodes"].items():
            bx, by, bw, bh = geo["bands"][groups[nid]]
            assert bx <= x and x + NODE_W <= bx + bw and by <= y and y + NODE_H <= by + bh
        tops = [geo["bands"][g][1] for g in order if g in geo["bands"]]
        assert tops == sorted(tops)  # bands stacked in COLUMNS order, outcomes last


@pytest.mark.parametrize("view", VIEWS)
def test_every_edge_has_a_pick_point_outside_boxes_and_away_from_other_edges(view):
    _, all_layouts = _view(view)
    for geo in all_layouts:
        for eid, (px, py) in geo["picks"].items():
            assert not any(x - 3 <= px <= x + NODE_W + 3 and y - 3 <= py <= y + NODE_H + 3
                           for x, y in geo["nodes"].values()), (view, eid)


def test_covered_arrows_now_have_a_point_of_their_own():
    """Inflammation→TNF, TNF→IL-6 and TNF→Osteoclasts were covered by other arrows."""
    _exp, all_layouts = _view("all")
    for geo in all_layouts:
        for eid in ("inflammation-tnf", "tnf-il6", "tnf-osteoclasts"):
            assert eid in geo["picks"]
    # the browser tests click every pick point; here: the three are distinct points
    picks = [tuple(all_layouts[0]["picks"][e]) for e in ("inflammation-tnf", "tnf-il6",
                                                         "tnf-osteoclasts")]
    assert len(set(picks)) == 3 and all(math.isfinite(v) for p in picks for v in p)


def test_labels_wrap_instead_of_being_squeezed():
    assert label_lines("T-cell co-stimulation (CD80/86–CD28)") == [
        "T-cell", "co-stimulation", "(CD80/86–CD28)"]
    assert label_lines("RANKL") == ["RANKL"]
    for node in KB.nodes:
        assert 1 <= len(label_lines(node.label)) <= 3
    assert "textLength" not in pathway_explorer(view="all").html()


def test_strength_and_change_against_no_drug():
    assert shade(0.0) == 0.0 and shade(0.5) == 0.225 and shade(-3.0) == 0.45
    assert edge_width(0.7, 0.0) == 1.0 and edge_width(0.7, 1.0) == 3.8
    assert edge_width(2.0, -1.0) == 5.0
    assert delta_of(0.2, 0.5) == "lower" and delta_of(0.5, 0.2) == "higher"
    assert delta_of(0.501, 0.5) == "same"


def test_inflammation_changes_what_is_drawn():
    low, high = (pathway_explorer("rankl_opg", [], x).svg() for x in (0.05, 1.0))
    assert low != high


def test_drugs_acting_outside_the_view_are_named():
    exp = pathway_explorer("rankl_opg", ["tnf_inhibitor"], 0.7)
    note = exp.outside_note()
    assert note.startswith("Acting outside this view: TNF inhibitors (on TNF).")
    assert "tagged “less” or “more”" in note
    assert any(exp.states[n["id"]]["delta"] == "lower" for n in exp.nodes)
    assert pathway_explorer("rankl_opg", ["denosumab"], 0.7).outside_note() == ""
    silent = outside_note(["x"], {"x": ["far"]}, ["a"], {"far": "Far"}, {"x": "X"}, False)
    assert silent.startswith("Acting outside this view: X (on Far).")
    assert "change nothing drawn here" in silent


def test_node_tags_compare_with_no_drug():
    svg = pathway_explorer("rankl_opg", ["tnf_inhibitor"], 0.7).svg()
    assert 'data-node="local_erosion"' in svg
    erosion = svg[svg.index('data-node="local_erosion"'):]
    assert '<text class="bl-tag"' in erosion
    assert erosion.split('<text class="bl-tag"')[1].split(">")[1].startswith("less<")
    assert "bl-lower" in svg.split('data-node="local_erosion"')[0].rsplit("<g ", 1)[1]


def test_outcomes_line_shows_all_three_outcomes_in_every_view():
    for view in VIEWS:
        line = pathway_explorer(view, ["denosumab"], 0.7).outcomes_html()
        assert line.count('class="bl-chip ') == 3 and "than with no drug" in line


def test_every_control_label_names_its_widget():
    page = pathway_explorer(view="wnt").html()
    assert page.count('<span class="bl-sr-only bl-which">, Pathway explorer: Wnt') >= 5
    sim = remodelling_simulator().html()
    # 2 mode radios + 4 controls of the parameter mode + 3 of the schedule mode
    assert sim.count('<span class="bl-sr-only bl-which">, Remodelling simulator</span>') == 9


def test_static_simulator_disables_day_controls_without_a_drug():
    off = remodelling_simulator(drug=None).html()
    assert off.count(" disabled>") == 2 and NO_DRUG_REASON in off
    assert 'class="bl-plot-set bl-untreated-only"' in off
    on = remodelling_simulator(drug="denosumab").html()
    assert on.count(" disabled>") == 0 and 'class="bl-plot-set"' in on


def test_live_simulator_day_controls_step_and_number_boxes():
    box = remodelling_simulator(drug=None).live
    c = box.controls
    assert c["start"].disabled and c["duration_box"].disabled
    assert NO_DRUG_REASON in box.outputs["reason"].value
    assert c["start"].step == DAY_STEP and c["duration"].step == DAY_STEP
    c["drug"].value = "denosumab"
    assert not c["start"].disabled and box.outputs["reason"].value == ""
    c["start_box"].value = 183  # any whole day through the number box
    assert c["start"].value == 183
    assert "from day 183" in box.outputs["summary"].value
    c["duration"].value = 400
    assert c["duration_box"].value == 400
    assert c["drug"].layout.width == "max-content"  # drug names are not cut
