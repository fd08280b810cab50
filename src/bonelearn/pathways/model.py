"""Typed records of the pathway knowledge base (nodes, edges, drugs, views).

The records are frozen dataclasses built by :mod:`bonelearn.pathways.loader` from the YAML
files in ``data/``; :class:`KnowledgeBase` adds look-ups that raise
:class:`~bonelearn.errors.UnknownItemError` and a JSON-ready :meth:`KnowledgeBase.to_dict`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from bonelearn.errors import UnknownItemError

#: Outcome nodes that every knowledge base must define (the API promises them).
OUTCOMES: tuple[str, ...] = ("local_erosion", "systemic_bone_loss", "pathological_bone_formation")
#: Canonical drug-class ids shared by the whole course.
DRUG_IDS: tuple[str, ...] = (
    "denosumab", "romosozumab", "bisphosphonate", "glucocorticoid", "tnf_inhibitor",
    "il6r_inhibitor", "il17_inhibitor", "il12_23_inhibitor", "il23_inhibitor",
    "jak_inhibitor", "abatacept", "rituximab",
)
#: Evidence levels of an edge, weakest first.
EVIDENCE_LEVELS: tuple[str, ...] = ("hypothesis", "animal", "established")
#: Evidence outcomes summarised for every drug.
EVIDENCE_OUTCOMES: tuple[str, ...] = ("erosions", "systemic_bmd", "fractures", "axspa_new_bone")


@dataclass(frozen=True)
class Node:
    """A molecule, cell, signal, the inflammation source or an outcome."""

    id: str
    label: str
    kind: str
    group: str
    description: str
    basal: float | None = None  # healthy level in relative units; None for source/outcomes


@dataclass(frozen=True)
class Edge:
    """A signed, weighted, cited influence of ``source`` on ``target``."""

    id: str
    source: str
    target: str
    sign: str  # "activates" | "inhibits"
    weight: float
    evidence: str
    mechanism: str
    cite: tuple[str, ...]
    feedback: bool = False

    @property
    def polarity(self) -> int:
        """+1 for activation, -1 for inhibition."""
        return 1 if self.sign == "activates" else -1


@dataclass(frozen=True)
class DrugTarget:
    """What one drug does to one node (``strength``: fraction of the level removed)."""

    node: str
    action: str
    strength: float
    note: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Status and cited summary of a drug's effect on one bone outcome."""

    status: str
    summary: str
    cite: tuple[str, ...]


@dataclass(frozen=True)
class CitedText:
    """A sentence with its citation keys."""

    text: str
    cite: tuple[str, ...]


@dataclass(frozen=True)
class Drug:
    """A drug class with its targets, practical notes and cited bone evidence."""

    id: str
    label: str
    agents: tuple[str, ...]
    molecular_target: str
    targets: tuple[DrugTarget, ...]
    route: str
    dosing: str
    regulatory_notes: tuple[CitedText, ...]
    evidence: dict[str, Evidence]
    hypotheses: tuple[CitedText, ...] = ()
    model_caveats: tuple[str, ...] = ()
    dosing_cite: tuple[str, ...] = ()  # the trial report or label the dosing text follows


@dataclass(frozen=True)
class View:
    """A named subset of nodes for a focused diagram."""

    id: str
    label: str
    nodes: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    """Endpoints of an edge or of a drug action (the items of an explanation chain)."""

    id: str
    source: str
    target: str
    sign: str


def action_id(drug: str, node: str) -> str:
    """Id of the chain item for ``drug`` acting on ``node`` (e.g. ``denosumab:rankl``)."""
    return f"{drug}:{node}"


@dataclass(frozen=True)
class KnowledgeBase:
    """Validated nodes, edges, drugs and views, plus the propagation order."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    drugs: tuple[Drug, ...]
    views: tuple[View, ...]
    order: tuple[str, ...]  # topological order of node ids (feedback edges ignored)
    source: str  # id of the single stimulus node
    _index: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update(
            node={n.id: n for n in self.nodes},
            edge={e.id: e for e in self.edges},
            drug={d.id: d for d in self.drugs},
            view={v.id: v for v in self.views},
        )

    def _get(self, kind: str, name: object) -> Any:
        table = self._index[kind]
        if not isinstance(name, str) or name not in table:
            raise UnknownItemError(kind, name, list(table))
        return table[name]

    def node(self, node_id: str) -> Node:
        """The node ``node_id``; :class:`UnknownItemError` if there is none."""
        return self._get("node", node_id)

    def edge(self, edge_id: str) -> Edge:
        """The edge ``edge_id``; :class:`UnknownItemError` if there is none."""
        return self._get("edge", edge_id)

    def drug(self, drug_id: str) -> Drug:
        """The drug class ``drug_id``; :class:`UnknownItemError` if there is none."""
        return self._get("drug", drug_id)

    def view(self, view_id: str) -> View:
        """The view ``view_id``; :class:`UnknownItemError` if there is none."""
        return self._get("view", view_id)

    def link(self, link_id: str) -> Link:
        """Endpoints of a chain item: an edge id or a drug action id (``drug:node``)."""
        if link_id in self._index["edge"]:
            e = self._index["edge"][link_id]
            return Link(e.id, e.source, e.target, e.sign)
        drug_id, _, node_id = link_id.partition(":")
        drug = self._index["drug"].get(drug_id)
        if drug is not None and any(t.node == node_id for t in drug.targets):
            return Link(link_id, drug_id, node_id, "inhibits")
        raise UnknownItemError("chain link", link_id)

    @cached_property
    def incoming(self) -> dict[str, tuple[Edge, ...]]:
        """Non-feedback edges into each node, in file order."""
        table: dict[str, list[Edge]] = {n.id: [] for n in self.nodes}
        for e in self.edges:
            if not e.feedback:
                table[e.target].append(e)
        return {k: tuple(v) for k, v in table.items()}

    @cached_property
    def outcomes(self) -> tuple[str, ...]:
        """Ids of the outcome nodes, in file order."""
        return tuple(n.id for n in self.nodes if n.kind == "outcome")

    def actions(self) -> list[dict[str, Any]]:
        """Every drug action as a chain link (id ``drug:node``, sign ``inhibits``)."""
        return [
            {"id": action_id(d.id, t.node), "source": d.id, "target": t.node,
             "sign": "inhibits", "action": t.action, "strength": t.strength}
            for d in self.drugs for t in d.targets
        ]

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form, read by the web page and by ``propagate.js``."""
        from bonelearn.pathways.propagation import EPS, NOTE  # local: it imports this module

        def clean(obj: Any) -> Any:
            if isinstance(obj, dict):
                return {k: clean(v) for k, v in obj.items() if v is not None}
            if isinstance(obj, (list, tuple)):
                return [clean(v) for v in obj]
            return obj

        return {
            "version": 1,
            "source": self.source,
            "outcomes": list(self.outcomes),
            "params": {"eps": EPS, "note": NOTE},
            "nodes": [clean(asdict(n)) for n in self.nodes],
            "edges": [clean(asdict(e)) for e in self.edges],
            "drugs": [clean(asdict(d)) for d in self.drugs],
            "views": [clean(asdict(v)) for v in self.views],
            "actions": self.actions(),
        }
