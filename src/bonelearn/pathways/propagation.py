"""Signed propagation of inflammation and drug effects through the pathway graph.

A teaching device, not a quantitative model: it turns the cited, signed graph into
directions (up, down, unchanged) that can be explained edge by edge. The rules, mirrored
exactly by ``widgets/js/propagate.js`` (see also ``PROPAGATION.md``):

1. Every node has an *activity*: its change from the healthy, untreated baseline, in units
   where severe uncontrolled inflammation is 1. Nodes are visited in a fixed topological
   order (Kahn's algorithm, ties to the node listed first in ``nodes.yaml``). Edges marked
   ``feedback: true`` are drawn but not propagated, so the graph used here is acyclic.
2. The stimulus node (``inflammation``) takes the slider value ``I`` in [0, 1].
3. Every other node sums its incoming edges in file order: ``raw = Σ ±weight · a(source)``
   (``+`` for *activates*, ``−`` for *inhibits*).
4. Outcome nodes take ``a = raw``.
5. Other nodes have a healthy level ``basal``. The selected drugs acting on the node keep
   ``k = Π (1 − strength)`` of its absolute level (product in sorted drug-id order), so
   ``a = k · (basal + raw) − basal``; a level cannot fall below zero: ``a ≥ −basal``.
6. Direction: *up* if ``a > EPS``, *down* if ``a < −EPS``, else *unchanged*.
7. Explanation: the candidate contributions to a node are ``k · (±weight · a(source))`` for
   each incoming edge (file order) and, if drugs act on it, ``(k − 1) · basal`` for the
   drugs. The *dominant* contribution is the largest one with the sign of ``a`` (first one
   wins a tie). Its chain is the source's chain plus the edge id, or, for a drug, the single
   action id ``drug:node`` of the strongest acting drug (ties to the first in sorted
   order). The stimulus has an empty chain; so does every node whose direction is
   *unchanged*. The evidence of a chain is its weakest edge (drug actions count as
   established).
8. Outcomes also report ``delta``, the change against the same inflammation with no drug,
   ``effect`` (reduces / increases / no_change, with the same EPS) and ``effect_chain``,
   which explains the change the same way as rule 7 but on differences: an edge carries
   ``k · (c_treated − c_untreated)``, the drugs ``(k − 1) · (basal + raw_untreated)``; the
   candidates sum to the change, and the largest with the sign of ``delta`` is followed.

Weights, basal levels and drug strengths are teaching choices documented in the data files.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bonelearn.errors import ParameterError
from bonelearn.pathways.model import EVIDENCE_LEVELS, KnowledgeBase, action_id

#: Activities within ±EPS of the baseline count as unchanged (relative units).
EPS = 0.005
NOTE = ("Teaching device: directions follow signed, cited edges with illustrative weights; "
        "they are not quantitative predictions for a patient.")


@dataclass(frozen=True)
class NodeState:
    """Predicted state of one node."""

    direction: str  # "up" | "down" | "unchanged"
    blocked: bool
    blocked_by: tuple[str, ...]
    score: float
    chain: tuple[str, ...]
    evidence: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"direction": self.direction, "blocked": self.blocked,
                "blocked_by": list(self.blocked_by), "score": self.score,
                "chain": list(self.chain), "evidence": self.evidence}


@dataclass(frozen=True)
class OutcomePrediction:
    """Predicted direction of a bone outcome, and its change against no treatment."""

    direction: str
    score: float
    chain: tuple[str, ...]
    evidence: str | None
    delta: float
    effect: str  # "reduces" | "increases" | "no_change"
    effect_chain: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"direction": self.direction, "score": self.score, "chain": list(self.chain),
                "evidence": self.evidence, "delta": self.delta, "effect": self.effect,
                "effect_chain": list(self.effect_chain)}


@dataclass(frozen=True)
class Prediction:
    """Result of :func:`propagate`: every node's state and the three outcomes."""

    inflammation: float
    drugs: tuple[str, ...]
    nodes: Mapping[str, NodeState]
    outcomes: Mapping[str, OutcomePrediction]

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form; ``propagate.js`` returns exactly this structure."""
        return {
            "inflammation": self.inflammation,
            "drugs": list(self.drugs),
            "eps": EPS,
            "note": NOTE,
            "nodes": {k: v.to_dict() for k, v in self.nodes.items()},
            "outcomes": {k: v.to_dict() for k, v in self.outcomes.items()},
        }


def _direction(a: float) -> str:
    return "up" if a > EPS else "down" if a < -EPS else "unchanged"


def _check_inflammation(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ParameterError(f"inflammation must be a number in [0, 1], got {value!r}")
    x = float(value)
    if not math.isfinite(x) or x < 0.0 or x > 1.0:
        raise ParameterError(f"inflammation must be a finite number in [0, 1], got {value!r}")
    return x


def _check_drugs(kb: KnowledgeBase, drugs: Iterable[str]) -> tuple[str, ...]:
    if isinstance(drugs, str):
        raise ParameterError(f"drugs must be a list of drug ids, not the string {drugs!r}")
    try:
        items = list(drugs)
    except TypeError:
        raise ParameterError(f"drugs must be a list of drug ids, got {drugs!r}") from None
    for d in items:
        kb.drug(d)  # raises UnknownItemError naming the drug and the known ones
    return tuple(sorted(set(items)))


@dataclass
class _Run:
    """Internal record of one pass: activities, traces and the pieces needed for deltas."""

    act: dict[str, float]
    trace: dict[str, list[str] | None]
    actors: dict[str, list[tuple[str, float]]]
    keep: dict[str, float]
    raw: dict[str, float]
    contrib: dict[str, float]  # edge id -> ±weight · a(source), before the drug factor


def _pick(cands: list[tuple[float, str | None]], a: float) -> tuple[float, str | None] | None:
    """Largest candidate with the sign of ``a`` (first of equals); None if a == 0."""
    sign = 1.0 if a > 0 else -1.0 if a < 0 else 0.0
    best: tuple[float, str | None] | None = None
    for value, ident in cands:
        if sign * value > 0 and (best is None or sign * value > sign * best[0]):
            best = (value, ident)
    return best


def _follow(kb: KnowledgeBase, run: _Run, nid: str, best: tuple[float, str | None] | None,
            chains: dict[str, list[str] | None]) -> list[str] | None:
    if best is None:
        return None
    if best[1] is None:
        strongest = max(run.actors[nid], key=lambda ds: ds[1])  # first of equals (sorted)
        return [action_id(strongest[0], nid)]
    return [*(chains[kb.edge(best[1]).source] or []), best[1]]


def _run(kb: KnowledgeBase, drugs: tuple[str, ...], inflammation: float) -> _Run:
    """One propagation pass (rules 1-7 of the module docstring)."""
    keep: dict[str, float] = {}
    actors: dict[str, list[tuple[str, float]]] = {}
    for d in drugs:  # sorted
        for t in kb.drug(d).targets:
            keep[t.node] = keep.get(t.node, 1.0) * (1.0 - t.strength)
            actors.setdefault(t.node, []).append((d, t.strength))
    run = _Run({}, {}, actors, keep, {}, {})
    nodes = {n.id: n for n in kb.nodes}
    for nid in kb.order:
        node = nodes[nid]
        if nid == kb.source:
            run.act[nid], run.raw[nid], run.trace[nid] = inflammation, inflammation, []
            continue
        k = keep.get(nid, 1.0)
        raw = 0.0
        cands: list[tuple[float, str | None]] = []  # (value, edge id; None for the drugs)
        for e in kb.incoming[nid]:
            c = e.weight * run.act[e.source]
            if e.sign == "inhibits":
                c = -c
            run.contrib[e.id] = c
            raw += c
            cands.append((k * c, e.id))
        if node.kind == "outcome":
            a = raw
        else:
            basal = node.basal if node.basal is not None else 0.0
            a = max(k * (basal + raw) - basal, -basal)
            if nid in actors:
                cands.append(((k - 1.0) * basal, None))
        run.act[nid], run.raw[nid] = a, raw
        run.trace[nid] = _follow(kb, run, nid, _pick(cands, a), run.trace)
    return run


def _effect_chains(kb: KnowledgeBase, treated: _Run, base: _Run) -> dict[str, list[str] | None]:
    """Explain each node's change against no treatment (rule 8)."""
    nodes = {n.id: n for n in kb.nodes}
    chains: dict[str, list[str] | None] = {}
    for nid in kb.order:
        if nid == kb.source:
            chains[nid] = []
            continue
        k = treated.keep.get(nid, 1.0)
        cands: list[tuple[float, str | None]] = [
            (k * (treated.contrib[e.id] - base.contrib[e.id]), e.id) for e in kb.incoming[nid]
        ]
        node = nodes[nid]
        if node.kind != "outcome" and nid in treated.actors:
            basal = node.basal if node.basal is not None else 0.0
            cands.append(((k - 1.0) * (basal + base.raw[nid]), None))
        delta = treated.act[nid] - base.act[nid]
        chains[nid] = _follow(kb, treated, nid, _pick(cands, delta), chains)
    return chains


def _evidence(kb: KnowledgeBase, chain: list[str]) -> str | None:
    if not chain:
        return None
    levels = [kb.edge(c).evidence if ":" not in c else "established" for c in chain]
    return min(levels, key=EVIDENCE_LEVELS.index)


def propagate(kb: KnowledgeBase, drugs: Iterable[str], inflammation: float) -> Prediction:
    """Predict every node's direction for an inflammation level and a set of drugs.

    ``inflammation`` is in [0, 1] (0 none, 1 severe uncontrolled disease); ``drugs`` are
    canonical drug-class ids. Raises :class:`~bonelearn.errors.ParameterError` for a bad
    inflammation value and :class:`~bonelearn.errors.UnknownItemError` for an unknown drug.
    The rules are in this module's docstring.
    """
    level = _check_inflammation(inflammation)
    selected = _check_drugs(kb, drugs)
    run = _run(kb, selected, level)
    base = run if not selected else _run(kb, (), level)
    effect_chains = _effect_chains(kb, run, base)

    states: dict[str, NodeState] = {}
    for n in kb.nodes:
        a = run.act[n.id]
        direction = _direction(a)
        chain = (run.trace[n.id] or []) if direction != "unchanged" else []
        by = tuple(d for d, _ in run.actors.get(n.id, ()))
        states[n.id] = NodeState(direction, bool(by), by, a, tuple(chain), _evidence(kb, chain))
    outcomes: dict[str, OutcomePrediction] = {}
    for oid in kb.outcomes:
        s = states[oid]
        delta = run.act[oid] - base.act[oid]
        effect = "reduces" if delta < -EPS else "increases" if delta > EPS else "no_change"
        echain = (effect_chains[oid] or []) if effect != "no_change" else []
        outcomes[oid] = OutcomePrediction(s.direction, s.score, s.chain, s.evidence, delta,
                                          effect, tuple(echain))
    return Prediction(level, selected, states, outcomes)
