"""The pathway explorer: drug classes and inflammation on the pathway knowledge base.

Python (``bonelearn.pathways.propagate``) and JavaScript (``widgets/js/propagate.js``)
compute the same prediction; this module draws it (``diagram.render_svg``) and writes
its text alternative: a summary sentence on the three outcomes and a table with each
node's direction, whether a drug blocks it, and the chain of edges that explains it.
The text rules below are mirrored in ``widgets/js/pathway-explorer.js``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.widgets.base import DualWidget, check_fraction, make_uid, static_fragment
from bonelearn.widgets.citations import reference_links, references
from bonelearn.widgets.diagram import (
    COLS,
    DEFAULT_COLS,
    DELTA_WORDS,
    GROUPS,
    delta_of,
    geometry,
    render_svg,
)

VIEWS = ("rankl_opg", "wnt", "il23_il17", "jak_stat", "all")
OUTCOMES = ("local_erosion", "systemic_bone_loss", "pathological_bone_formation")
CELL = {"up": "▲ up", "down": "▼ down", "unchanged": "unchanged"}
EFFECT = {"reduces": "lower than with no drug", "increases": "higher than with no drug",
          "no_change": "the same as with no drug"}
#: With drugs ticked, the summary says which comparison each half of a reading makes, so
#: that "above health" next to a ▲ and "lower than with no drug" do not read as a
#: contradiction (mirrored in pathway-explorer.js).
AGAINST_HEALTH = {"up": " (▲, against health)", "down": " (▼, against health)",
                  "unchanged": " (against health)"}
#: How the direction cell of the table reads.
#: How each outcome's predicted direction reads, and the disease it concerns. There are no
#: erosions and no pathological new bone in health, so a fall "below health" of those two
#: outcomes means "none predicted" (for erosion: resorption below its healthy level).
#: The static page receives this table, so the two front ends word it identically.
READINGS: dict[str, dict[str, str]] = {
    "local_erosion": {
        "scope": "joints, as in RA and PsA",
        "up": "erosive drive above health", "unchanged": "no erosive drive",
        "down": "no erosive drive, and resorption below its healthy level"},
    "systemic_bone_loss": {
        "scope": "the whole skeleton",
        "up": "more bone loss than in health", "unchanged": "as in health",
        "down": "less resorption than in health, a net gain of bone"},
    "pathological_bone_formation": {
        "scope": "entheses and spine, as in axial SpA and PsA; RA does not form such bone",
        "up": "more new bone than in health", "unchanged": "none predicted",
        "down": "none predicted"},
}
#: The clinical outcome in ``drugs.yaml`` that each map outcome stands for, and how a weak
#: rating reads. When a ticked drug changes an outcome whose evidence in people is
#: missing or uncertain, the summary says so (mirrored in pathway-explorer.js).
EVIDENCE_OF = {"local_erosion": "erosions", "systemic_bone_loss": "systemic_bmd",
               "pathological_bone_formation": "axspa_new_bone"}
WEAK_EVIDENCE = {"no_data": "no data in people", "uncertain": "uncertain evidence in people"}
INFLAMMATION_STEP = 0.05
_LAYOUTS: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
#: The default layout of each view: the live view's, and that entry of its layouts().
_DEFAULT_LAYOUT: dict[tuple[Any, ...], dict[str, Any]] = {}
ASSETS = ("js/propagate.js", "js/pathway-explorer.js")
#: The name of the knowledge-base part of the payload that every explorer shares.
SHARED_NAME = "explorer-kb"
LEGEND = ("▲ up, ▼ down: compared with health; the deeper the shading, the larger the "
          "change · “less”, “more”: compared with the same inflammation and no drug · "
          "struck through with a “blocked” badge: a selected drug acts on it · solid line "
          "with arrowhead: activates · dashed line ending in a bar (⊣): inhibits · the "
          "thicker the line, the stronger the signal it carries · faded arrow: its source "
          "is blocked")
SIZE_NOTE = "size: 1 = the rise of inflammation itself at its most severe"


def _items(collection: Any) -> list[dict[str, Any]]:
    """Knowledge-base entries as a list of dicts with an ``id`` (from a list or a mapping)."""
    if isinstance(collection, Mapping):
        return [{"id": k, **dict(v)} for k, v in collection.items()]
    return [dict(v) for v in collection]


# Fields of the knowledge base that propagate.js reads; the page carries only these.
_PROPAGATION_FIELDS = {
    "nodes": ("id", "kind", "group", "basal"),
    "edges": ("id", "source", "target", "sign", "weight", "evidence", "feedback"),
    "drugs": ("id", "targets"),
}


def propagation_kb(kb_dict: Mapping[str, Any]) -> dict[str, Any]:
    """``kb.to_dict()`` without the prose (descriptions, notes, evidence summaries) that
    propagation does not use, to keep the page small. The browser tests check that the
    JavaScript prediction from it equals Python's."""
    slim = dict(kb_dict)
    for key, keep in _PROPAGATION_FIELDS.items():
        slim[key] = [{k: item[k] for k in keep if k in item} for item in kb_dict[key]]
    return slim


def view_node_ids(kb: Mapping[str, Any], view: str) -> list[str]:
    """The node ids a named view draws, or UnknownItemError naming the view."""
    views = {v["id"]: v for v in _items(kb["views"])}
    if view not in views:
        raise UnknownItemError("pathway view", view, list(views))
    return list(views[view]["nodes"])


def states_of(prediction: Mapping[str, Any], untreated: Mapping[str, Any] | None = None
              ) -> dict[str, dict[str, Any]]:
    """``Prediction.to_dict()`` → node id → ``{"direction", "blocked", "blocked_by",
    "chain", "score", "delta"}``; ``delta`` compares with ``untreated`` (the same
    inflammation, no drug): ``lower``, ``higher`` or ``same``."""
    nodes = prediction.get("nodes", prediction)
    base = (untreated or prediction).get("nodes", untreated or prediction)
    return {nid: {"direction": p["direction"], "blocked": bool(p.get("blocked")),
                  "blocked_by": list(p.get("blocked_by") or []),
                  "chain": list(p.get("chain") or []), "score": float(p.get("score", 0.0)),
                  "delta": delta_of(float(p.get("score", 0.0)),
                                    float(base[nid].get("score", 0.0)))}
            for nid, p in nodes.items()}


def outcome_chips(outcomes: Sequence[str], states: Mapping[str, Mapping[str, Any]],
                  labels: Mapping[str, str], treated: bool) -> str:
    """Markup of the outcomes line: each outcome's mark and, with drugs, its tag."""
    chips = []
    for oid in outcomes:
        st = states[oid]
        text = f"{labels[oid]} {CELL[st['direction']]}"
        if treated:
            text += f", {DELTA_WORDS[st['delta']] or 'the same as with no drug'}"
        chips.append(f'<span class="bl-chip bl-{st["direction"]}" data-outcome="{oid}">'
                     f"{html.escape(text)}</span>")
    return f'<span class="bl-chips-title">Outcomes:</span> {" ".join(chips)}'


def outside_note(drugs: Sequence[str], targets: Mapping[str, Sequence[str]],
                 shown: Sequence[str], labels: Mapping[str, str],
                 drug_labels: Mapping[str, str], changed: bool) -> str:
    """Which ticked drugs act only on nodes this view does not draw, and whether the
    ticked drugs change anything drawn (mirrored in pathway-explorer.js)."""
    away = [d for d in drugs if not set(targets[d]) & set(shown)]
    text = ""
    if away:
        text = "Acting outside this view: " + "; ".join(
            f"{drug_labels[d]} (on {', '.join(labels[t] for t in targets[d])})"
            for d in away) + "."
    if drugs and not changed:
        text += (" The ticked drugs change nothing drawn here, at this inflammation; "
                 "the whole-network view shows where they act.")
    elif away:
        text += " Their effect reaches this view through the nodes tagged “less” or “more”."
    return text.strip()


def change_cell(state: Mapping[str, Any]) -> str:
    """The table's change cell: "▲ up 0.67" (mirrored in pathway-explorer.js)."""
    if state["direction"] == "unchanged":
        return CELL["unchanged"]
    return f"{CELL[state['direction']]} {abs(state['score']):.2f}"


def chain_text(chain: Sequence[str], edges: Mapping[str, Mapping[str, Any]],
               labels: Mapping[str, str]) -> str:
    """Chain items (edge ids, drug actions ``drug:node``) → "TNF → RANKL → Osteoclasts",
    with ⊣ for an inhibiting step; "—" for an empty chain."""
    if not chain:
        return "—"
    text = labels[edges[chain[0]]["source"]]
    for eid in chain:
        arrow = " ⊣ " if edges[eid]["sign"] == "inhibits" else " → "
        text += arrow + labels[edges[eid]["target"]]
    return text


class PathwayExplorer(DualWidget):
    """Dual front end of :func:`bonelearn.pathways.propagate` on one named view."""

    kind = "pathway-explorer"

    def __init__(self, view: str, drugs: Iterable[str], inflammation: float) -> None:
        super().__init__()
        from bonelearn.pathways import load_knowledge_base

        self.kb = load_knowledge_base()
        self.kb_dict = self.kb.to_dict()
        self.view = view
        ids = view_node_ids(self.kb_dict, view)
        all_nodes = {n["id"]: n for n in _items(self.kb_dict["nodes"])}
        self.nodes = [all_nodes[i] for i in ids]
        self.edges = {e["id"]: e for e in _items(self.kb_dict["edges"])}
        self.view_edges = [e for e in self.edges.values()
                           if e["source"] in ids and e["target"] in ids]
        self.labels = {i: str(n["label"]) for i, n in all_nodes.items()}
        self.drug_labels = {d["id"]: str(d["label"]) for d in _items(self.kb_dict["drugs"])}
        # Where the map and the clinical evidence disagree, said whenever the drug is ticked.
        self.caveats = {d.id: [" ".join(c.split()) for c in d.model_caveats]
                        for d in self.kb.drugs if d.model_caveats}
        self.evidence = {d.id: {oid: d.evidence[EVIDENCE_OF[oid]].status for oid in OUTCOMES}
                         for d in self.kb.drugs}
        # chain items: edge ids and drug actions ("drug:node", a drug inhibiting a node)
        self.links = {**self.edges, **{a["id"]: a for a in self.kb_dict.get("actions", [])}}
        self.chain_labels = {**self.drug_labels, **self.labels}
        if isinstance(drugs, str):
            raise ParameterError(f"drugs must be a list of drug-class ids, not {drugs!r}")
        drugs = list(drugs)
        self.uid = make_uid(self.kind, [view, sorted(map(str, drugs)), inflammation])
        self.set_state(drugs, inflammation)

    def set_state(self, drugs: Iterable[str], inflammation: float) -> None:
        """Validate the controls and recompute the prediction with Python's propagate."""
        from bonelearn.pathways import propagate

        if isinstance(drugs, str):
            raise ParameterError(f"drugs must be a list of drug-class ids, not {drugs!r}")
        drugs = list(drugs)
        x = check_fraction("inflammation", inflammation)
        if abs(x / INFLAMMATION_STEP - round(x / INFLAMMATION_STEP)) > 1e-9:
            raise ParameterError(f"inflammation must be a multiple of {INFLAMMATION_STEP} "
                                 f"(the slider step), got {x}")
        self.prediction = propagate(self.kb, drugs, x).to_dict()
        untreated = propagate(self.kb, [], x).to_dict() if drugs else self.prediction
        self.states = states_of(self.prediction, untreated)
        order = list(self.drug_labels)
        self.drugs = sorted(set(drugs), key=order.index)
        self.inflammation = round(x, 10)

    # -- text alternative ------------------------------------------------------------
    def summary(self) -> str:
        """The three outcome predictions in words (mirrored in pathway-explorer.js)."""
        names = [self.drug_labels[d] for d in self.drugs]
        text = (f"Drugs: {', '.join(names) if names else 'none'}; "
                f"inflammation {self.inflammation:.2f}.")
        for oid in OUTCOMES:
            reading = READINGS[oid]
            direction = self.states[oid]["direction"]
            text += f" {self.labels[oid]} ({reading['scope']}): {reading[direction]}"
            if self.drugs:
                effect = EFFECT[self.prediction["outcomes"][oid]["effect"]]
                text += f"{AGAINST_HEALTH[direction]}; {effect}"
            text += "."
        for d in self.drugs:
            weak = [self.labels[oid] + ": " + WEAK_EVIDENCE[self.evidence[d][oid]]
                    for oid in OUTCOMES
                    if self.prediction["outcomes"][oid]["effect"] != "no_change"
                    and self.evidence[d][oid] in WEAK_EVIDENCE]
            if weak:
                text += f" Evidence ({self.drug_labels[d]}): {'; '.join(weak)}."
            for caveat in self.caveats.get(d, []):
                text += f" Caveat ({self.drug_labels[d]}): {caveat}"
        return text

    def table_rows(self) -> list[tuple[str, str, str, str, str]]:
        """(node, change from health, against no drug, blocked, explanation) for every
        node of the view."""
        rows = []
        for n in self.nodes:
            st = self.states[n["id"]]
            blocked = ("blocked by " + ", ".join(self.drug_labels[d] for d in st["blocked_by"])
                       if st["blocked"] else "no")
            why = chain_text(st["chain"], self.links, self.chain_labels)
            outcome = self.prediction["outcomes"].get(n["id"])
            if self.drugs and outcome and outcome["effect"] != "no_change":
                # The chain above explains the level against health; the change the drugs
                # make against no drug can run through another route: say which.
                why += (f"; change from no drug through: "
                        f"{chain_text(outcome['effect_chain'], self.links, self.chain_labels)}")
            rows.append((self.labels[n["id"]], change_cell(st),
                         DELTA_WORDS[st["delta"]] or "the same" if self.drugs else "—",
                         blocked, why))
        return rows

    def table_html(self) -> str:
        """The prediction table (always present: the diagram's text alternative)."""
        body = "".join(
            f'<tr><th scope="row">{html.escape(row[0])}</th>'
            + "".join(f"<td>{html.escape(cell)}</td>" for cell in row[1:]) + "</tr>"
            for row in self.table_rows())
        return (
            '<div class="bl-table-wrap" tabindex="0" role="group" '
            f'aria-label="Predicted changes, as a table"><table class="bl-table">'
            "<caption>Predicted change of each node and why</caption><thead><tr>"
            '<th scope="col">Node</th>'
            f'<th scope="col">Predicted change from health ({SIZE_NOTE})</th>'
            '<th scope="col">Compared with no drug</th>'
            '<th scope="col">Blocked by a drug</th><th scope="col">Explanation (chain)</th>'
            f"</tr></thead><tbody>{body}</tbody></table></div>")

    @property
    def view_label(self) -> str:
        """The view's name, e.g. "Whole network"."""
        return {v["id"]: v.get("label", v["id"]) for v in _items(self.kb_dict["views"])}[self.view]

    def _layout_key(self) -> tuple[Any, ...]:
        return (self.view, tuple(n["id"] for n in self.nodes),
                tuple(e["id"] for e in self.view_edges))

    def layouts(self) -> list[dict[str, Any]]:
        """Every layout of this view, one per entry of ``COLS`` (computed once per view and
        process: the geometry depends on the knowledge base only, not on the state)."""
        key = self._layout_key()
        if key not in _LAYOUTS:
            _LAYOUTS[key] = [self.geometry() if cols == DEFAULT_COLS
                             else geometry(self.nodes, self.view_edges, cols) for cols in COLS]
        return _LAYOUTS[key]

    def geometry(self) -> dict[str, Any]:
        """The default layout (``DEFAULT_COLS`` boxes a row), computed alone: the live view
        needs only this one; the static page's ``layouts()`` adds the others."""
        key = self._layout_key()
        if key not in _DEFAULT_LAYOUT:
            _DEFAULT_LAYOUT[key] = geometry(self.nodes, self.view_edges, DEFAULT_COLS)
        return _DEFAULT_LAYOUT[key]

    def svg(self, interactive: bool = True) -> str:
        """The diagram for the current state (``interactive=False``: nothing focusable)."""
        description = (f"{len(self.nodes)} nodes in bands by group and "
                       f"{len(self.view_edges)} signed edges. {self.summary()} "
                       "The table below the diagram lists every node's predicted change.")
        return render_svg(self.nodes, self.view_edges, self.states, self.uid,
                          f"Pathway diagram: {self.view_label}", description, interactive,
                          self.geometry())

    def outcomes_html(self) -> str:
        """The three outcomes first, as a line above the diagram (whatever the view or
        the screen, they show without scrolling); mirrored in pathway-explorer.js."""
        return outcome_chips(OUTCOMES, self.states, self.labels, bool(self.drugs))

    def outside_note(self) -> str:
        """Ticked drugs that act outside this view, and whether anything drawn changes."""
        targets = {d["id"]: [t["node"] for t in d.get("targets", [])]
                   for d in _items(self.kb_dict["drugs"])}
        shown = [n["id"] for n in self.nodes]
        changed = any(self.states[i]["delta"] != "same" for i in shown)
        return outside_note(self.drugs, targets, shown, self.labels, self.drug_labels, changed)

    # -- details of a node or an edge --------------------------------------------------
    def details(self) -> dict[str, dict[str, Any]]:
        """``"node:<id>"`` / ``"edge:<id>"`` → title, subtitle, description and references
        (each ``[text, url or None]``). Per view: the whole network's details (39 kB) are
        larger than two views' (22 kB), so they are not in the shared part."""
        groups = dict(GROUPS)
        nodes, view_edges = self.nodes, self.view_edges
        cites: dict[str, list[str]] = {n["id"]: [] for n in nodes}
        for e in self.edges.values():
            for end in (e["source"], e["target"]):
                if end in cites:
                    cites[end] += [k for k in e.get("cite") or [] if k not in cites[end]]
        keys = ({k for ks in cites.values() for k in ks}
                | {k for e in view_edges for k in e.get("cite") or []})
        texts, urls = references(keys), reference_links(keys)
        refs = {k: [texts[k], urls[k]] for k in keys}
        out = {}
        for n in nodes:
            out[f"node:{n['id']}"] = {
                "title": self.labels[n["id"]],
                "subtitle": f"{n.get('kind', 'node')} · {groups.get(n['group'], n['group'])}",
                "description": " ".join(str(n.get("description", "")).split()),
                "refs": [refs[k] for k in cites[n["id"]]]}
        for e in view_edges:
            verb = "activates" if e["sign"] == "activates" else "inhibits"
            evidence = f" Evidence: {e['evidence']}." if e.get("evidence") else ""
            out[f"edge:{e['id']}"] = {
                "title": f"{self.labels[e['source']]} {verb} {self.labels[e['target']]}",
                "subtitle": "edge" + (" · feedback loop, not propagated" if e.get("feedback")
                                      else ""),
                "description": " ".join(str(e.get("mechanism", "")).split()) + evidence,
                "refs": [refs[k] for k in e.get("cite") or []]}
        return out

    @staticmethod
    def details_html(item: Mapping[str, Any]) -> str:
        """Markup of the details panel: each source links to its DOI, PubMed record or
        official address when it has one (mirrored in pathway-explorer.js)."""
        def ref(text: str, url: str | None) -> str:
            if not url:
                return f"<li>{html.escape(text)}</li>"
            return (f'<li>{html.escape(text)} <a href="{html.escape(url)}">'
                    f"{html.escape(url)}</a></li>")

        refs = ("<ul>" + "".join(ref(t, u) for t, u in item["refs"]) + "</ul>"
                if item["refs"] else "<p>No source recorded.</p>")
        return (f'<p class="bl-details-title">{html.escape(item["title"])}</p>'
                f"<p><em>{html.escape(item['subtitle'])}"
                f"</em></p><p>{html.escape(item['description'])}</p>"
                f"<p><strong>Sources</strong></p>{refs}")

    # -- static front end ------------------------------------------------------------
    @property
    def name(self) -> str:
        """The widget's accessible name; the page numbers copies that share it."""
        return f"Pathway explorer: {self.view_label}"

    def _controls_html(self) -> str:
        u = self.uid
        which = f'<span class="bl-sr-only bl-which">, {html.escape(self.name)}</span>'
        boxes = "".join(
            f'<label><input type="checkbox" name="drug" value="{html.escape(d)}"'
            f'{" checked" if d in self.drugs else ""}> {html.escape(label)}{which}</label>'
            for d, label in self.drug_labels.items())
        return (
            f'<div class="bl-controls"><fieldset><legend>Drug classes (tick any number)'
            f"{which}</legend>{boxes}</fieldset>"
            f'<div class="bl-control"><label for="{u}-inflammation">Inflammation (0 none, '
            f"1 severe){which}</label>"
            f'<input type="range" id="{u}-inflammation" name="inflammation" min="0" max="1" '
            f'step="{INFLAMMATION_STEP}" value="{self.inflammation:g}">'
            f'<output name="inflammation-value" for="{u}-inflammation">'
            f"{self.inflammation:.2f}</output></div></div>")

    def _zoom_html(self) -> str:
        which = f'<span class="bl-sr-only bl-which">, {html.escape(self.name)}</span>'
        buttons = "".join(
            f'<button type="button" data-zoom="{z}">{t}<span class="bl-sr-only">{s}{which}'
            "</span></button>"
            for z, t, s in (("out", '<span aria-hidden="true">−</span>', "Zoom out of the diagram"),
                            ("fit", "Fit to width", " of the diagram"),
                            ("in", '<span aria-hidden="true">+</span>', "Zoom into the diagram")))
        return (f'<div class="bl-zoom" role="group" aria-label="Diagram size">{buttons}'
                '<span class="bl-zoom-level" aria-live="polite"></span></div>')

    def _data(self) -> dict[str, Any]:
        """What the script needs for this explorer's view and state (see :meth:`_shared`)."""
        return {
            "view": self.view,
            "nodes": [{"id": n["id"], "label": self.labels[n["id"]]} for n in self.nodes],
            "groups": {n["id"]: n["group"] for n in self.nodes},
            "weights": {e["id"]: e.get("weight", 1.0) for e in self.view_edges},
            "details": self.details(), "layouts": self.layouts(),
            "defaultCols": DEFAULT_COLS,
        }

    def _shared(self) -> dict[str, Any]:
        """What the script needs that depends on the knowledge base alone, the same for
        every explorer: one copy per page, and one cached file per built book."""
        return {
            "kb": propagation_kb(self.kb_dict),
            "labels": self.labels, "chainLabels": self.chain_labels,
            "edgeInfo": {i: [e["source"], e["target"], e["sign"]] for i, e in self.links.items()},
            "targets": {d["id"]: [t["node"] for t in d.get("targets", [])]
                        for d in _items(self.kb_dict["drugs"])},
            "drugLabels": self.drug_labels, "outcomes": list(OUTCOMES),
            "readings": READINGS, "caveats": self.caveats,
            "evidence": self.evidence, "weakEvidence": WEAK_EVIDENCE,
        }

    def _build_html(self) -> str:
        u = self.uid
        body = (
            f'<p class="bl-summary" aria-live="polite">{html.escape(self.summary())}</p>'
            + self._controls_html()
            + f'<p class="bl-outside" aria-live="polite">{html.escape(self.outside_note())}</p>'
            + f'<p class="bl-outcomes" aria-hidden="true">{self.outcomes_html()}</p>'
            + self._zoom_html()
            + f'<a class="bl-skip" href="#{u}-after">Skip the diagram</a>'
            + f'<div class="bl-diagram-wrap">{self.svg()}</div>'
            + '<p class="bl-scroll-cue" hidden>Scroll sideways to see the rest of the '
              "diagram (drag, swipe, or Tab to the diagram and use the arrow keys).</p>"
            + f'<p class="bl-legend" id="{u}-after" tabindex="-1">{html.escape(LEGEND)}</p>'
            + '<div class="bl-details" aria-live="polite"><p>Select a node or an arrow to '
              "read what it is and its sources: click or tap it, or press Tab to reach the "
              "diagram, move with the arrow keys (left and right step through every node "
              "and its arrows, up and down from node to node) and press Enter.</p></div>"
            + self.table_html()
        )
        return static_fragment(self.kind, self.uid, self._data(), body, ASSETS, self.name,
                               "Pathway explorer", shared=(SHARED_NAME, self._shared()))

    def _build_live(self) -> Any:
        from bonelearn.widgets.live import explorer_live

        return explorer_live(self)


def pathway_explorer(view: str = "all", drugs: Iterable[str] = (),
                     inflammation: float = 0.7) -> PathwayExplorer:
    """An explorer of how drug classes and inflammation change the pathway network.

    ``view`` is one of :data:`VIEWS`; ``drugs`` canonical drug-class ids (any number);
    ``inflammation`` in [0, 1] in steps of 0.05. Unknown views raise UnknownItemError;
    bad drugs or inflammation raise the errors of :func:`bonelearn.pathways.propagate`
    or ParameterError.
    """
    return PathwayExplorer(view, drugs, inflammation)
