"""SVG of the pathway knowledge base: one generator for the live and the static explorer.

Nodes sit in columns by group (immune cells on the left, outcomes on the right).
Activation edges are solid with an arrowhead; inhibition edges are dashed and end in a
flat bar (⊣), so the two differ without colour. A node's predicted state is drawn as a
mark (▲ up, ▼ down), a border style and, when a drug blocks it, a strike-through and a
"blocked" badge. The static page's script changes only classes, marks and labels of
these elements (see ``widgets/js/pathway-explorer.js``); the geometry never moves.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

GROUPS: tuple[tuple[str, str], ...] = (
    ("synovium_immune", "Synovium and immune cells"),
    ("osteoclast_lineage", "Osteoclast lineage"),
    ("osteoblast_lineage", "Osteoblast lineage and osteocyte"),
    ("enthesis", "Enthesis"),
    ("outcome", "Outcomes"),
)
MARKS = {"up": "▲", "down": "▼", "unchanged": ""}
WORDS = {"up": "predicted to increase", "down": "predicted to decrease",
         "unchanged": "no predicted change"}
COL_W, NODE_W, NODE_H, ROW_H, TOP, PAD = 190, 150, 30, 46, 44, 14


def node_aria(label: str, state: Mapping[str, Any]) -> str:
    """The accessible name of a node in a given state (mirrored in the JS)."""
    text = f"{label}: {WORDS[state['direction']]}"
    return text + ", blocked by the selected drug" if state.get("blocked") else text


def node_classes(group: str, state: Mapping[str, Any]) -> str:
    """CSS classes of a node in a given state (mirrored in the JS)."""
    classes = f"bl-node bl-group-{group} bl-{state['direction']}"
    if group == "outcome":
        classes += " bl-outcome"
    return classes + (" bl-blocked" if state.get("blocked") else "")


def layout(nodes: Sequence[Mapping[str, Any]],
           edges: Sequence[Mapping[str, Any]]) -> dict[str, tuple[float, float]]:
    """Top-left corner of each node: a column per non-empty group, rows ordered so that
    each node sits near the mean row of its neighbours in earlier columns."""
    columns = [[n["id"] for n in nodes if n["group"] == g] for g, _ in GROUPS]
    columns = [c for c in columns if c]
    neighbours: dict[str, list[str]] = {n["id"]: [] for n in nodes}
    for e in edges:
        if e["source"] in neighbours and e["target"] in neighbours:
            neighbours[e["source"]].append(e["target"])
            neighbours[e["target"]].append(e["source"])
    row: dict[str, float] = {}
    for column in columns:
        def key(nid: str, column: list[str] = column) -> tuple[float, int]:
            placed = [row[m] for m in neighbours[nid] if m in row]
            mean = sum(placed) / len(placed) if placed else len(column) / 2
            return mean, column.index(nid)
        for i, nid in enumerate(sorted(column, key=key)):
            row[nid] = i
    positions = {}
    for c, column in enumerate(columns):
        for nid in column:
            positions[nid] = (PAD + c * COL_W, TOP + row[nid] * ROW_H)
    return positions


def _edge_path(a: tuple[float, float], b: tuple[float, float]) -> str:
    """A curve from box ``a`` to box ``b`` (top-left corners), side to side."""
    (ax, ay), (bx, by) = a, b
    ay, by = ay + NODE_H / 2, by + NODE_H / 2
    if abs(ax - bx) < 1:  # same column: bow out to the right
        x0, x1, bow = ax + NODE_W, bx + NODE_W + 6, ax + NODE_W + 30 + abs(by - ay) / 6
        return f"M{x0:.1f},{ay:.1f} C{bow:.1f},{ay:.1f} {bow:.1f},{by:.1f} {x1:.1f},{by:.1f}"
    if bx > ax:
        x0, x1 = ax + NODE_W, bx - 6
    else:
        x0, x1 = ax, bx + NODE_W + 6
    mid = (x0 + x1) / 2
    return f"M{x0:.1f},{ay:.1f} C{mid:.1f},{ay:.1f} {mid:.1f},{by:.1f} {x1:.1f},{by:.1f}"


def _defs(uid: str) -> str:
    return (
        "<defs>"
        f'<marker id="{uid}-act" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse">'
        '<path class="bl-arrow-act" d="M0,0 L10,5 L0,10 z"/></marker>'
        f'<marker id="{uid}-inh" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto" markerUnits="strokeWidth">'
        '<line class="bl-arrow-inh" x1="5" y1="0" x2="5" y2="10"/></marker>'
        "</defs>"
    )


def _node(node: Mapping[str, Any], xy: tuple[float, float], state: Mapping[str, Any]) -> str:
    x, y = xy
    label = str(node["label"])
    esc = html.escape(label)
    fit = f' textLength="{NODE_W - 30}" lengthAdjust="spacingAndGlyphs"' if len(label) > 21 else ""
    return (
        f'<g class="{node_classes(node["group"], state)}" data-node="{html.escape(node["id"])}" '
        f'tabindex="0" role="button" aria-pressed="false" '
        f'aria-label="{html.escape(node_aria(label, state))}">'
        f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="4"/>'
        f'<text class="bl-label" x="{x + 8}" y="{y + 19}"{fit}>{esc}</text>'
        f'<text class="bl-mark" x="{x + NODE_W - 16}" y="{y + 20}" aria-hidden="true">'
        f"{MARKS[state['direction']]}</text>"
        f'<line class="bl-strike" x1="{x + 4}" y1="{y + NODE_H / 2}" x2="{x + NODE_W - 4}" '
        f'y2="{y + NODE_H / 2}"/>'
        f'<text class="bl-badge" x="{x + NODE_W - 44}" y="{y - 2}" aria-hidden="true">'
        "blocked</text></g>"
    )


def _edge(edge: Mapping[str, Any], positions: Mapping[str, tuple[float, float]],
          labels: Mapping[str, str], uid: str, silenced: bool) -> str:
    sign = edge["sign"]
    verb = "activates" if sign == "activates" else "inhibits"
    marker = f"url(#{uid}-act)" if sign == "activates" else f"url(#{uid}-inh)"
    path = _edge_path(positions[edge["source"]], positions[edge["target"]])
    aria = f"{labels[edge['source']]} {verb} {labels[edge['target']]}"
    cls = f"bl-edge bl-{verb}" + (" bl-silenced" if silenced else "")
    return (
        f'<g class="{cls}" data-edge="{html.escape(edge["id"])}" tabindex="0" role="button" '
        f'aria-pressed="false" aria-label="{html.escape(aria)}">'
        f'<path class="bl-hit" d="{path}"/>'
        f'<path class="bl-line" d="{path}" marker-end="{marker}"/></g>'
    )


def render_svg(nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]],
               states: Mapping[str, Mapping[str, Any]], uid: str, title: str,
               description: str) -> str:
    """The whole diagram as an ``<svg>`` string.

    ``nodes`` and ``edges`` are the knowledge-base entries of one view (edges whose ends
    are both drawn), ``states`` maps node id → ``{"direction", "blocked"}`` and ``uid``
    makes the marker and title ids unique on the page.
    """
    positions = layout(nodes, edges)
    labels = {n["id"]: str(n["label"]) for n in nodes}
    used = [g for g, _ in GROUPS if any(n["group"] == g for n in nodes)]
    rows = max((sum(n["group"] == g for n in nodes) for g in used), default=1)
    width = PAD * 2 + len(used) * COL_W
    height = TOP + rows * ROW_H + PAD
    bands = "".join(
        f'<rect class="bl-group-band" x="{PAD + i * COL_W - 8}" y="4" width="{NODE_W + 16}" '
        f'height="{height - 8}" rx="6"/>'
        f'<text class="bl-group-label" x="{PAD + i * COL_W}" y="24">'
        f"{html.escape(dict(GROUPS)[g])}</text>"
        for i, g in enumerate(used)
    )
    edge_svg = "".join(
        _edge(e, positions, labels, uid, bool(states.get(e["source"], {}).get("blocked")))
        for e in edges
    )
    node_svg = "".join(_node(n, positions[n["id"]], states[n["id"]]) for n in nodes)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bl-diagram" role="group" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{uid}-title {uid}-desc">'
        f'<title id="{uid}-title">{html.escape(title)}</title>'
        f'<desc id="{uid}-desc">{html.escape(description)}</desc>'
        f"{_defs(uid)}{bands}<g class=\"bl-edges\">{edge_svg}</g>"
        f'<g class="bl-nodes">{node_svg}</g></svg>'
    )
