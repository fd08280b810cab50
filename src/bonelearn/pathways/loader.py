"""Load and validate the pathway knowledge base from its YAML files.

Each file is checked against its JSON Schema (``schema/*.schema.json``) and then across
files: edges join existing nodes, drug targets exist, views list known nodes, every
citation key is in ``references.bib`` (when the book's root can be found), and the graph
used for propagation (feedback edges left out) has no cycle. Any problem raises
:class:`~bonelearn.errors.DataFileError` naming the file and the entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from bonelearn.bibliography import bib_keys, find_bibliography
from bonelearn.datafiles import read_entries
from bonelearn.errors import DataFileError
from bonelearn.pathways.model import (
    DRUG_IDS,
    OUTCOMES,
    CitedText,
    Drug,
    DrugTarget,
    Edge,
    Evidence,
    KnowledgeBase,
    Node,
    View,
)

FILES = ("nodes", "edges", "drugs", "views")
_SINGULAR = {"nodes": "node", "edges": "edge", "drugs": "drug", "views": "view"}


def default_data_dir() -> Path:
    """Folder of the data files shipped inside the package."""
    return Path(str(resources.files("bonelearn.pathways") / "data"))


@cache
def _schema(name: str) -> dict[str, Any]:
    text = (resources.files("bonelearn.pathways") / "schema" / f"{name}.schema.json").read_text(
        encoding="utf-8"
    )
    return json.loads(text)


def _read(path: Path, name: str) -> list[dict[str, Any]]:
    """Parse one YAML file and validate it against its schema; return its entries."""
    return read_entries(path, _schema(name), name, _SINGULAR[name])


def _unique(path: Path, kind: str, entries: list[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry["id"] in seen:
            raise DataFileError(path, f"{kind} {entry['id']!r}", "duplicate id")
        seen.add(entry["id"])


def topological_order(nodes: list[str], edges: list[tuple[str, str]]) -> list[str]:
    """Kahn's algorithm; ties go to the node listed first. Raises ValueError naming a cycle."""
    position = {n: i for i, n in enumerate(nodes)}
    indegree = dict.fromkeys(nodes, 0)
    children: dict[str, list[str]] = {n: [] for n in nodes}
    for s, t in edges:
        children[s].append(t)
        indegree[t] += 1
    ready = sorted((n for n in nodes if indegree[n] == 0), key=position.__getitem__)
    order: list[str] = []
    while ready:
        n = ready.pop(0)
        order.append(n)
        for c in children[n]:
            indegree[c] -= 1
            if indegree[c] == 0:
                ready.append(c)
                ready.sort(key=position.__getitem__)
    if len(order) < len(nodes):
        raise ValueError(" -> ".join(_find_cycle(nodes, children, set(order))))
    return order


def _find_cycle(nodes: list[str], children: dict[str, list[str]], done: set[str]) -> list[str]:
    """One cycle among the nodes left over by Kahn's algorithm, closed on its first node."""
    left = [n for n in nodes if n not in done]
    path: list[str] = []
    on_path: set[str] = set()
    visited: set[str] = set()

    def dfs(n: str) -> list[str] | None:
        path.append(n)
        on_path.add(n)
        visited.add(n)
        for c in children[n]:
            if c in on_path:
                return [*path[path.index(c):], c]
            if c not in visited and c not in done:
                found = dfs(c)
                if found:
                    return found
        path.pop()
        on_path.discard(n)
        return None

    for n in left:
        if n not in visited:
            found = dfs(n)
            if found:
                return found
    return left  # unreachable for a real cycle; keeps the message informative


def _cited(entries: Iterable[Mapping[str, Any]]) -> tuple[CitedText, ...]:
    return tuple(CitedText(e["text"].strip(), tuple(e["cite"])) for e in entries)


def _build_drug(entry: Mapping[str, Any]) -> Drug:
    return Drug(
        id=entry["id"],
        label=entry["label"],
        agents=tuple(entry["agents"]),
        molecular_target=entry["molecular_target"].strip(),
        targets=tuple(DrugTarget(t["node"], t["action"], float(t["strength"]), t.get("note"))
                      for t in entry["targets"]),
        route=entry["route"],
        dosing=entry["dosing"].strip(),
        regulatory_notes=_cited(entry["regulatory_notes"]),
        evidence={k: Evidence(v["status"], v["summary"].strip(), tuple(v["cite"]))
                  for k, v in entry["evidence"].items()},
        hypotheses=_cited(entry.get("hypotheses", [])),
        model_caveats=tuple(c.strip() for c in entry.get("model_caveats", [])),
        dosing_cite=tuple(entry.get("dosing_cite", [])),
    )


def _drug_cites(drug: Drug) -> Iterable[tuple[str, str]]:
    for name, ev in drug.evidence.items():
        for key in ev.cite:
            yield f"evidence.{name}", key
    for label, notes in (("regulatory_notes", drug.regulatory_notes),
                         ("hypotheses", drug.hypotheses)):
        for note in notes:
            for key in note.cite:
                yield label, key
    for key in drug.dosing_cite:
        yield "dosing_cite", key


def load_knowledge_base(data_dir: str | Path | None = None) -> KnowledgeBase:
    """Load, validate and return the knowledge base (cached for the packaged data).

    ``data_dir`` defaults to the files shipped with the package. Raises
    :class:`~bonelearn.errors.DataFileError` naming the file and entry of any problem.
    """
    if data_dir is None:
        return _default_kb()
    return _load(Path(data_dir))


@lru_cache(maxsize=1)
def _default_kb() -> KnowledgeBase:
    return _load(default_data_dir())


def _load(folder: Path) -> KnowledgeBase:
    paths = {name: folder / f"{name}.yaml" for name in FILES}
    raw = {name: _read(paths[name], name) for name in FILES}
    for name in FILES:
        _unique(paths[name], _SINGULAR[name], raw[name])

    nodes = [Node(n["id"], n["label"], n["kind"], n["group"], n["description"].strip(),
                  float(n["basal"]) if "basal" in n else None) for n in raw["nodes"]]
    by_id = {n.id: n for n in nodes}
    p = paths["nodes"]
    sources = [n.id for n in nodes if n.kind == "stimulus"]
    if len(sources) != 1:
        raise DataFileError(p, None, f"need exactly one stimulus node, found {sources}")
    for out in OUTCOMES:
        if out not in by_id or by_id[out].kind != "outcome":
            raise DataFileError(p, f"node {out!r}", "required outcome node is missing")

    edges = [Edge(e["id"], e["source"], e["target"], e["sign"], float(e["weight"]),
                  e["evidence"], e["mechanism"].strip(), tuple(e["cite"]),
                  bool(e.get("feedback", False))) for e in raw["edges"]]
    p = paths["edges"]
    for e in edges:
        item = f"edge {e.id!r}"
        for end in ("source", "target"):
            if getattr(e, end) not in by_id:
                raise DataFileError(p, item, f"{end} {getattr(e, end)!r} is not a node")
        if by_id[e.source].kind == "outcome":
            raise DataFileError(p, item, f"source {e.source!r} is an outcome (outcomes are ends)")
        if by_id[e.target].kind == "stimulus":
            raise DataFileError(p, item, f"target {e.target!r} is the stimulus (it has no inputs)")
        if e.source == e.target:
            raise DataFileError(p, item, "an edge cannot join a node to itself")

    drugs = [_build_drug(d) for d in raw["drugs"]]
    p = paths["drugs"]
    for d in drugs:
        seen: set[str] = set()
        for t in d.targets:
            item = f"drug {d.id!r}"
            if t.node not in by_id:
                raise DataFileError(p, item, f"target {t.node!r} is not a node")
            if by_id[t.node].kind in ("stimulus", "outcome"):
                raise DataFileError(p, item, f"target {t.node!r} is a {by_id[t.node].kind} node")
            if t.node in seen:
                raise DataFileError(p, item, f"target {t.node!r} is listed twice")
            seen.add(t.node)
    missing = [d for d in DRUG_IDS if d not in {x.id for x in drugs}]
    if missing:
        raise DataFileError(p, None, f"missing canonical drug ids: {', '.join(missing)}")

    views = [View(v["id"], v["label"], tuple(v["nodes"])) for v in raw["views"]]
    p = paths["views"]
    for v in views:
        for n in v.nodes:
            if n not in by_id:
                raise DataFileError(p, f"view {v.id!r}", f"{n!r} is not a node")
        if v.id == "all" and set(v.nodes) != set(by_id):
            left_out = sorted(set(by_id) - set(v.nodes))
            raise DataFileError(p, "view 'all'", f"does not list {', '.join(left_out)}")

    for d in drugs:
        if any(ch.isdigit() for ch in d.dosing) and not d.dosing_cite:
            raise DataFileError(paths["drugs"], f"drug {d.id!r}",
                                "dosing gives numbers but has no dosing_cite (the trial "
                                "report or label it follows)")

    bib = find_bibliography()
    if bib is not None:
        keys = bib_keys(bib)
        for e in edges:
            for key in e.cite:
                if key not in keys:
                    raise DataFileError(paths["edges"], f"edge {e.id!r}",
                                        f"citation {key!r} is not in {bib.name}")
        for d in drugs:
            for where, key in _drug_cites(d):
                if key not in keys:
                    raise DataFileError(paths["drugs"], f"drug {d.id!r}",
                                        f"{where}: citation {key!r} is not in {bib.name}")

    try:
        order = topological_order([n.id for n in nodes],
                                  [(e.source, e.target) for e in edges if not e.feedback])
    except ValueError as exc:
        raise DataFileError(paths["edges"], None,
                            f"the propagation graph has a cycle: {exc} "
                            "(mark one edge 'feedback: true' to keep it out)") from None

    return KnowledgeBase(tuple(nodes), tuple(edges), tuple(drugs), tuple(views),
                         tuple(order), sources[0])
