"""The pathway explorer: diagram, text alternative, both front ends and validation."""

from __future__ import annotations

import json
import re

import pytest

from bonelearn.assets import read_asset
from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.frontend import BOOK_BUILD_ENV
from bonelearn.pathways import load_knowledge_base, propagate
from bonelearn.widgets import VIEWS, pathway_explorer, remodelling_simulator
from bonelearn.widgets.base import WIDGET_VIEW
from bonelearn.widgets.diagram import MARKS
from bonelearn.widgets.explorer import READINGS

KB = load_knowledge_base()


@pytest.fixture(scope="module")
def explorer():
    return pathway_explorer(view="all", drugs=["denosumab"], inflammation=0.7)


def _payload(page: str) -> dict:
    text = re.search(r'<script type="application/json" class="bl-data">(.*?)</script>',
                     page, re.S).group(1)
    return json.loads(text)


def test_bundle_has_live_view_and_static_html(explorer, monkeypatch):
    monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    bundle = explorer._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    assert 'data-bl-widget="pathway-explorer"' in bundle["text/html"]
    assert "window.bonelearn" in bundle["text/html"] and "propagate" in bundle["text/html"]
    assert bundle["text/plain"].startswith("<PathwayExplorer: Drugs: Denosumab")


@pytest.mark.parametrize("view", VIEWS)
def test_svg_has_one_option_per_node_and_edge_of_the_view(view):
    """Nodes and arrows are options of one listbox; none is a Tab stop until the page's
    script makes one of them the roving tabindex="0" (one Tab stop per diagram)."""
    exp = pathway_explorer(view=view)
    svg = exp.svg()
    ids = list(KB.view(view).nodes)
    drawn = re.findall(r'<g class="bl-node[^"]*" data-node="([^"]+)" transform="[^"]+" '
                       r'tabindex="-1" role="option"', svg)
    assert sorted(drawn) == sorted(ids)
    inside = set(ids)
    expected_edges = sorted(e.id for e in KB.edges if e.source in inside and e.target in inside)
    edges = re.findall(r'data-edge="([^"]+)" data-pick="[^"]+" tabindex="-1" role="option"', svg)
    assert sorted(edges) == expected_edges
    assert svg.count('role="listbox"') == 1 and 'tabindex="0"' not in svg
    assert "<title id=" in svg and "<desc id=" in svg
    # one name per option, plus the listbox and its two groups (arrows, nodes)
    assert svg.count("aria-label=") == len(ids) + len(expected_edges) + 3


def test_activation_and_inhibition_differ_without_colour(explorer):
    svg = explorer.svg()
    act = re.search(r'class="bl-edge bl-activates[^"]*".*?marker-end="url\(#([^)]+)\)"', svg)
    inh = re.search(r'class="bl-edge bl-inhibits[^"]*".*?marker-end="url\(#([^)]+)\)"', svg)
    assert act.group(1).endswith("-act") and inh.group(1).endswith("-inh")
    css = read_asset("css/widgets.css")
    assert re.search(r"\.bl-edge\.bl-inhibits \.bl-line \{[^}]*stroke-dasharray", css)


def test_node_states_follow_python_propagate(explorer):
    pred = propagate(KB, ["denosumab"], 0.7).to_dict()["nodes"]
    svg = explorer.svg()
    for nid, state in pred.items():
        m = re.search(rf'<g class="([^"]+)" data-node="{nid}".*?class="bl-mark"[^>]*>([^<]*)<',
                      svg)
        classes = m.group(1).split()
        assert f"bl-{state['direction']}" in classes
        assert ("bl-blocked" in classes) == state["blocked"]
        assert m.group(2) == MARKS[state["direction"]]
    assert pred["rankl"]["blocked"]  # the fixture really exercises a blocked node


def test_table_is_the_text_alternative(explorer):
    rows = explorer.table_rows()
    assert [r[0] for r in rows] == [KB.node(n).label for n in KB.view("all").nodes]
    rankl = next(r for r in rows if r[0] == "RANKL")
    score = explorer.prediction["nodes"]["rankl"]["score"]
    assert rankl[1] == f"▼ down {abs(score):.2f}" and rankl[2] == "lower than with no drug"
    assert rankl[3].startswith("blocked by Denosumab")
    assert rankl[4] == f"{KB.drug('denosumab').label} ⊣ RANKL"
    osteoclasts = next(r for r in rows if r[0] == "Osteoclasts")
    assert osteoclasts[4].endswith("RANKL → RANK → Osteoclasts")
    table = re.search(r"<table.*?</table>", explorer.html(), re.S).group(0)
    assert "<caption>" in table and table.count("<tr>") == len(rows) + 1


def test_summary_states_the_three_outcomes(explorer):
    text = explorer.summary()
    for label in ("Local erosion", "Systemic bone loss", "Pathological bone formation"):
        assert label in text
    # Denosumab at inflammation 0.7: erosion cannot fall "below health" (there is none in
    # health), so the reading says there is no erosive drive, and compares with no drug.
    # Each half of the reading names its comparison (health, then no drug), so that the
    # two never read as a contradiction (issue 13).
    assert ("Local erosion (joints, as in RA and PsA): no erosive drive, and resorption "
            "below its healthy level (▼, against health); lower than with no drug.") in text
    assert "compared with health" not in text


@pytest.mark.parametrize("drugs", [[], ["tnf_inhibitor"], ["denosumab"], ["romosozumab"]])
def test_summary_names_the_disease_each_outcome_concerns(drugs):
    text = pathway_explorer("all", drugs, 0.7).summary()
    assert "Pathological bone formation (entheses and spine, as in axial SpA and PsA; " \
           "RA does not form such bone)" in text


def test_every_outcome_direction_has_a_reading():
    for outcome in ("local_erosion", "systemic_bone_loss", "pathological_bone_formation"):
        assert set(READINGS[outcome]) == {"scope", "up", "down", "unchanged"}


@pytest.mark.parametrize("drug", ["romosozumab", "tnf_inhibitor", "il23_inhibitor",
                                  "denosumab"])
def test_summary_states_where_the_map_disagrees_with_the_evidence(drug):
    text = pathway_explorer("all", [drug], 0.7).summary()
    label = KB.drug(drug).label
    for caveat in KB.drug(drug).model_caveats:
        assert f"Caveat ({label}): {' '.join(caveat.split())}" in text
    assert "Caveat" not in pathway_explorer("all", [], 0.7).summary()


def _shared(page: str) -> dict:
    key = _payload(page)["shared"]
    text = re.search(rf'<script type="application/json" class="bl-shared" '
                     rf'data-bl-shared="{key}">(.*?)</script>', page, re.S).group(1)
    return json.loads(text)


def test_every_explorer_shares_one_knowledge_base_part_of_its_payload():
    """The knowledge base goes in a shared block that is equal for every view and state
    (one copy per page, one file per book); the payload keeps what depends on the view."""
    pages = [pathway_explorer(view, drugs, 0.7).html()
             for view, drugs in (("all", ["denosumab"]), (VIEWS[-1], []))]
    keys = {_payload(p)["shared"] for p in pages}
    assert len(keys) == 1
    assert _shared(pages[0]) == _shared(pages[1])
    assert {"kb", "labels", "edgeInfo", "evidence"} <= set(_shared(pages[0]))
    assert not set(_shared(pages[0])) & set(_payload(pages[0]))
    assert {"view", "nodes", "details", "layouts"} <= set(_payload(pages[0]))


def test_html_escapes_its_data(explorer):
    page = explorer.html()
    data = _shared(page)
    full = KB.to_dict()
    assert [n["id"] for n in data["kb"]["nodes"]] == [n["id"] for n in full["nodes"]]
    assert data["kb"]["drugs"][0]["targets"] == full["drugs"][0]["targets"]
    for script in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S):
        assert "</" not in script and "<" not in script


def test_details_have_descriptions_and_readable_references(explorer):
    details = explorer.details()
    rankl = details["node:rankl"]
    assert rankl["title"] == "RANKL" and "osteoclast" in rankl["description"].lower()
    assert any("doi:" in text and url.startswith("https://doi.org/10.")
               for text, url in rankl["refs"])
    panel = explorer.details_html(rankl)
    assert re.search(r'<a href="https://doi\.org/10\.[^"]+">https://doi\.org/10\.', panel)
    edge = next(e for e in KB.edges if e.source == "rankl" and e.target == "rank")
    assert details[f"edge:{edge.id}"]["title"] == "RANKL activates RANK"


def test_controls_are_labelled(explorer):
    page = explorer.html()
    for drug in KB.drugs:
        assert re.search(rf'<label><input type="checkbox" name="drug" value="{drug.id}"', page)
    assert re.search(r'<input type="checkbox" name="drug" value="denosumab" checked>', page)
    slider = re.search(r'<input type="range" id="([^"]+)" name="inflammation" min="0" max="1" '
                       r'step="0.05" value="0.7">', page)
    assert f'<label for="{slider.group(1)}">' in page


def test_live_callbacks_rerender_diagram_and_table():
    exp = pathway_explorer(view="all", drugs=[], inflammation=0.7)
    box = exp.live
    before = box.outputs["diagram"].value, box.outputs["table"].value
    box.controls["drugs"]["tnf_inhibitor"].value = True
    assert exp.drugs == ["tnf_inhibitor"]
    assert box.outputs["diagram"].value != before[0] and box.outputs["table"].value != before[1]
    tnf = re.search(r'<g class="([^"]+)" data-node="tnf"', box.outputs["diagram"].value).group(1)
    assert "bl-blocked" in tnf
    box.controls["inflammation"].value = 0.0
    assert exp.inflammation == 0.0 and "inflammation 0.00" in box.outputs["summary"].value
    box.controls["details"].value = "node:rankl"
    assert '<p class="bl-details-title">RANKL</p>' in box.outputs["details"].value


def test_unknown_view_is_named():
    with pytest.raises(UnknownItemError, match="pathway view 'bones'"):
        pathway_explorer(view="bones")


def test_unknown_drug_is_named():
    with pytest.raises(UnknownItemError, match="aspirin"):
        pathway_explorer(drugs=["aspirin"])


@pytest.mark.parametrize("bad", [1.2, -0.5, float("nan"), "0.5", 0.33])
def test_bad_inflammation_raises(bad):
    with pytest.raises(ParameterError, match="inflammation"):
        pathway_explorer(inflammation=bad)


def test_drugs_as_a_bare_string_is_rejected():
    with pytest.raises(ParameterError, match="drugs"):
        pathway_explorer(drugs="denosumab")


def test_a_front_end_update_message_runs_the_python_callback():
    """What a browser sends over the comm ("update" with new state) reaches the callback."""
    exp = pathway_explorer(view="rankl_opg", drugs=[], inflammation=0.7)
    box = exp.live
    box.controls["drugs"]["denosumab"]._handle_msg(
        {"content": {"data": {"method": "update", "state": {"value": True},
                              "buffer_paths": []}}, "buffers": []})
    assert exp.drugs == ["denosumab"]
    assert "blocked by Denosumab" in box.outputs["table"].value


def test_drugs_may_be_any_iterable():
    exp = pathway_explorer(drugs=(d for d in ["denosumab", "tnf_inhibitor"]))
    assert exp.drugs == ["denosumab", "tnf_inhibitor"]


def test_live_diagram_has_no_dead_keyboard_targets():
    """In Jupyter the SVG sits in an HTML output with no script: nodes must not pose as
    buttons (the "Details for" menu selects them instead); the book's SVG keeps them."""
    exp = pathway_explorer(view="rankl_opg")
    live_svg = exp.live.outputs["diagram"].value
    assert "tabindex=" not in live_svg and 'role="option"' not in live_svg
    assert 'tabindex="-1"' in exp.html() and 'role="option"' in exp.html()


def test_live_sliders_leave_room_for_the_track():
    """A long description and the readout left the default 300 px slider no track."""
    for widget in (pathway_explorer(), remodelling_simulator()):
        slider = widget.live.controls["inflammation"]
        assert slider.layout.width == "28em"


def test_a_change_with_weak_human_evidence_says_so():
    text = pathway_explorer("all", ["rituximab"], 0.7).summary()
    assert ("Evidence (Rituximab (anti-CD20)): Systemic bone loss: uncertain evidence in "
            "people; Pathological bone formation: no data in people.") in text
    # Denosumab's systemic-density evidence is established: nothing to flag there.
    assert "Evidence (Denosumab" not in pathway_explorer("all", ["denosumab"], 0.7).summary()


def test_glucocorticoids_are_never_shown_as_protecting_bone_without_a_fracture_caveat():
    low = propagate(KB, ["glucocorticoid"], 0.3).outcomes["systemic_bone_loss"]
    assert low.effect == "increases"  # suppressing osteoblasts outweighs little inflammation
    text = pathway_explorer("all", ["glucocorticoid"], 0.7).summary()
    assert "fracture risk rises with the daily dose" in text


def test_each_layout_is_computed_once_and_the_live_view_needs_only_the_default(monkeypatch):
    """geometry() (the live view's) computes the default layout alone; layouts() (the
    static page's) adds the other widths and reuses it, in the order of COLS, and another
    explorer of the same view reuses both."""
    from bonelearn.widgets import explorer as module
    from bonelearn.widgets.diagram import COLS, DEFAULT_COLS

    monkeypatch.setattr(module, "_LAYOUTS", {})
    monkeypatch.setattr(module, "_DEFAULT_LAYOUT", {})
    made: list[int] = []
    one = module.geometry

    def counted(nodes, edges, cols):  # type: ignore[no-untyped-def]
        made.append(cols)
        return one(nodes, edges, cols)

    monkeypatch.setattr(module, "geometry", counted)
    widget = pathway_explorer(view="wnt")
    alone = widget.geometry()
    assert made == [DEFAULT_COLS]
    every = widget.layouts()
    assert [g["cols"] for g in every] == list(COLS)
    assert sorted(made) == sorted(COLS), "the default layout is not computed again"
    assert every[COLS.index(DEFAULT_COLS)] is alone
    assert every == [one(widget.nodes, widget.view_edges, cols) for cols in COLS]
    other = pathway_explorer(view="wnt", drugs=["denosumab"])
    assert other.geometry() is alone and other.layouts() is every
    assert sorted(made) == sorted(COLS)
