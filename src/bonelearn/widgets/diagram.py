"""SVG of the pathway knowledge base: one generator for the live and the static explorer.

Nodes sit in columns by group (immune cells on the left, outcomes on the right; the
inflammation source has a column of its own), in signalling order from top to bottom
within a group.
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
# Columns of the diagram: the stimulus (the inflammation source, a synovium node in the
# data) gets its own first column so that its many arrows run left to right.
COLUMNS: tuple[tuple[str, str], ...] = (("stimulus", "Disease activity"), *GROUPS)
MARKS = {"up": "▲", "down": "▼", "unchanged": ""}
WORDS = {"up": "up compared with health", "down": "down compared with health",
         "unchanged": "unchanged from health"}
COL_W, NODE_W, NODE_H, ROW_H, TOP, PAD, SPLIT = 160, 134, 28, 42, 50, 12, 7
MIN_SCALE = 0.8  # below this the diagram scrolls sideways instead of shrinking further


def column_of(node: Mapping[str, Any]) -> str:
    """The diagram column of a node: its group, or ``stimulus`` for the source node."""
    return "stimulus" if node.get("kind") == "stimulus" else str(node["group"])


def node_aria(label: str, state: Mapping[str, Any]) -> str:
    """The accessible name of a node in a given state (mirrored in the JS)."""
    if state.get("blocked"):  # starts with the visible text "<label> blocked"
        return f"{label} blocked by a selected drug: {WORDS[state['direction']]}"
    return f"{label}: {WORDS[state['direction']]}"


def node_classes(group: str, state: Mapping[str, Any]) -> str:
    """CSS classes of a node in a given state (mirrored in the JS)."""
    classes = f"bl-node bl-group-{group} bl-{state['direction']}"
    if group == "outcome":
        classes += " bl-outcome"
    return classes + (" bl-blocked" if state.get("blocked") else "")


def _depths(ids: Sequence[str], edges: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Longest-path depth of each node from the view's sources (feedback edges ignored)."""
    inside = set(ids)
    preds: dict[str, list[str]] = {i: [] for i in ids}
    for e in edges:
        if e["source"] in inside and e["target"] in inside and not e.get("feedback"):
            preds[e["target"]].append(e["source"])
    depth: dict[str, int] = {}

    def visit(nid: str, stack: frozenset[str]) -> int:
        if nid not in depth:
            depth[nid] = 1 + max((visit(p, stack | {nid}) for p in preds[nid] if p not in stack),
                                 default=-1)
        return depth[nid]

    for nid in ids:
        visit(nid, frozenset())
    return depth


def layout(nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]]
           ) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """Place nodes in a column per group (``GROUPS`` order, left to right); a group with
    more than ``SPLIT`` nodes takes two columns. Within a group, nodes go down in
    signalling order (depth from the view's sources), so most in-group arrows point down.

    Returns the top-left corner of each node and each group's (x, width).
    """
    ids = [n["id"] for n in nodes]
    depth = _depths(ids, edges)
    preds: dict[str, list[str]] = {i: [] for i in ids}
    for e in edges:
        if e["source"] in preds and e["target"] in preds:
            preds[e["target"]].append(e["source"])
    positions: dict[str, tuple[float, float]] = {}
    spans: dict[str, tuple[float, float]] = {}
    x = PAD
    for group, _ in COLUMNS:
        members = [n["id"] for n in nodes if column_of(n) == group]
        if not members:
            continue

        def key(m: str) -> tuple[int, float, int]:
            placed = [positions[p][1] for p in preds[m] if p in positions]
            return depth[m], (sum(placed) / len(placed) if placed else 0.0), ids.index(m)

        ordered = sorted(members, key=key)
        ncols = 2 if len(ordered) > SPLIT else 1
        per_col = -(-len(ordered) // ncols)
        for i, m in enumerate(ordered):
            col, row = divmod(i, per_col)
            positions[m] = (x + col * COL_W, TOP + row * ROW_H + col * ROW_H / 2)
        spans[group] = (x, ncols * COL_W - (COL_W - NODE_W))
        x += ncols * COL_W
    return positions, spans


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


_BUTTON = 'tabindex="0" role="button" aria-pressed="false" '


def _node(node: Mapping[str, Any], xy: tuple[float, float], state: Mapping[str, Any],
          interactive: bool = True) -> str:
    x, y = xy
    label = str(node["label"])
    esc = html.escape(label)
    fit = f' textLength="{NODE_W - 30}" lengthAdjust="spacingAndGlyphs"' if len(label) > 21 else ""
    return (
        f'<g class="{node_classes(node["group"], state)}" data-node="{html.escape(node["id"])}" '
        f'{_BUTTON if interactive else ""}'
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
          labels: Mapping[str, str], uid: str, silenced: bool, interactive: bool = True) -> str:
    sign = edge["sign"]
    verb = "activates" if sign == "activates" else "inhibits"
    marker = f"url(#{uid}-act)" if sign == "activates" else f"url(#{uid}-inh)"
    path = _edge_path(positions[edge["source"]], positions[edge["target"]])
    aria = f"{labels[edge['source']]} {verb} {labels[edge['target']]}"
    cls = f"bl-edge bl-{verb}" + (" bl-silenced" if silenced else "")
    return (
        f'<g class="{cls}" data-edge="{html.escape(edge["id"])}" '
        f'{_BUTTON if interactive else ""}aria-label="{html.escape(aria)}">'
        f'<path class="bl-hit" d="{path}"/>'
        f'<path class="bl-line" d="{path}" marker-end="{marker}"/></g>'
    )


def render_svg(nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]],
               states: Mapping[str, Mapping[str, Any]], uid: str, title: str,
               description: str, interactive: bool = True) -> str:
    """The whole diagram as an ``<svg>`` string.

    ``nodes`` and ``edges`` are the knowledge-base entries of one view (edges whose ends
    are both drawn), ``states`` maps node id → ``{"direction", "blocked"}`` and ``uid``
    makes the marker and title ids unique on the page. With ``interactive=False`` nodes and
    edges are not focusable buttons (the live ipywidgets view has no script to handle them).
    """
    positions, spans = layout(nodes, edges)
    labels = {n["id"]: str(n["label"]) for n in nodes}
    width = max((x + w for x, w in spans.values()), default=0) + PAD + 40
    height = max((y for _, y in positions.values()), default=TOP) + NODE_H + ROW_H / 2 + PAD
    bands_svg = ""
    for group, (x, w) in spans.items():
        words, lines = dict(COLUMNS)[group].split(), [""]
        for word in words:
            if len(lines[-1]) + len(word) > 20 and lines[-1]:
                lines.append("")
            lines[-1] = f"{lines[-1]} {word}".strip()
        tspans = "".join(f'<tspan x="{x}" dy="{0 if i == 0 else 14}">{html.escape(t)}</tspan>'
                         for i, t in enumerate(lines))
        bands_svg += (f'<rect class="bl-group-band" x="{x - 8}" y="4" width="{w + 16}" '
                      f'height="{height - 8}" rx="6"/>'
                      f'<text class="bl-group-label" x="{x}" y="20">{tspans}</text>')
    edge_svg = "".join(
        _edge(e, positions, labels, uid, bool(states.get(e["source"], {}).get("blocked")),
              interactive)
        for e in edges
    )
    node_svg = "".join(_node(n, positions[n["id"]], states[n["id"]], interactive) for n in nodes)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bl-diagram" role="group" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'style="min-width: {MIN_SCALE * width:.0f}px" '
        f'aria-labelledby="{uid}-title {uid}-desc">'
        f'<title id="{uid}-title">{html.escape(title)}</title>'
        f'<desc id="{uid}-desc">{html.escape(description)}</desc>'
        f"{_defs(uid)}{bands_svg}<g class=\"bl-edges\">{edge_svg}</g>"
        f'<g class="bl-nodes">{node_svg}</g></svg>'
    )
