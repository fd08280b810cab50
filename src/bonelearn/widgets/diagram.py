"""SVG of the pathway knowledge base: one generator for the live and the static explorer.

The groups are stacked as horizontal bands, in signalling order from top to bottom:
disease activity (the inflammation source), synovium and immune cells, the osteoclast
lineage, the osteoblast lineage, the enthesis and, last, the outcomes. Inside a band the
nodes fill rows of ``cols`` boxes, so the same diagram is laid out for any width:
:func:`layouts` computes it for 2 to 5 boxes a row (324 to 792 px at 11 px text), the
static page picks the widest that fits its column and the live view uses
:data:`DEFAULT_COLS`. Text is never squeezed: long labels wrap onto up to three lines.

Activation edges are solid with an arrowhead; inhibition edges are dashed and end in a
flat bar (⊣), so the two differ without colour. A line's weight grows with the signal it
carries (edge weight × the source's change). A node's predicted state is drawn as a mark
(▲ up, ▼ down from health), a shading whose depth grows with the size of the change, a
border style and, when a drug blocks it, a strike-through and a "blocked" badge; with
drugs ticked, a "less"/"more" tag compares it with the same inflammation and no drug.
The static page's script changes only classes, marks, tags, line weights and (when it
switches layout) positions; see ``widgets/js/pathway-explorer.js``.
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
# Bands of the diagram: the stimulus (the inflammation source, a synovium node in the
# data) gets its own first band so that its many arrows run downwards.
COLUMNS: tuple[tuple[str, str], ...] = (("stimulus", "Disease activity"), *GROUPS)
MARKS = {"up": "▲", "down": "▼", "unchanged": ""}
WORDS = {"up": "up compared with health", "down": "down compared with health",
         "unchanged": "unchanged from health"}
#: The tag a node carries when the ticked drugs change it against no drug.
DELTA_TAGS = {"lower": "less", "higher": "more", "same": ""}
DELTA_WORDS = {"lower": "lower than with no drug", "higher": "higher than with no drug",
               "same": ""}
LISTBOX_NAME = "Nodes and arrows: arrow keys move, Enter selects"
EPS = 0.005  # as in bonelearn.pathways (rule 6): smaller changes count as none
NODE_W, NODE_H, GAP, ROW_GAP = 148, 44, 8, 18
PAD, BAND_PAD, BAND_LABEL, BAND_GAP = 4, 6, 20, 8
LINE_CHARS, LINE_H = 15, 12
COLS = (2, 3, 4, 5)
DEFAULT_COLS = 4  # the live view and the page before its script runs: 636 px wide
SAMPLES = 48  # points per edge when looking for a spot no other edge comes near
MIN_GAP = 6.0  # px between an edge's pick point and any other edge, where possible


def column_of(node: Mapping[str, Any]) -> str:
    """The diagram band of a node: its group, or ``stimulus`` for the source node."""
    return "stimulus" if node.get("kind") == "stimulus" else str(node["group"])


def node_aria(label: str, state: Mapping[str, Any]) -> str:
    """The accessible name of a node in a given state (mirrored in the JS). It starts with
    the words the box shows, in their order (label, "blocked", "less"/"more"), then says
    what they mean."""
    delta = state.get("delta", "same")
    shown = label + (" blocked" if state.get("blocked") else "")
    shown += f" {DELTA_TAGS[delta]}" if delta != "same" else ""
    meaning = WORDS[state["direction"]]
    meaning += f", {DELTA_WORDS[delta]}" if delta != "same" else ""
    meaning += ", a selected drug acts on it" if state.get("blocked") else ""
    return f"{shown}: {meaning}"


def node_classes(group: str, state: Mapping[str, Any]) -> str:
    """CSS classes of a node in a given state (mirrored in the JS)."""
    classes = f"bl-node bl-group-{group} bl-{state['direction']}"
    if group == "outcome":
        classes += " bl-outcome"
    delta = state.get("delta", "same")
    if delta != "same":
        classes += f" bl-{delta}"
    return classes + (" bl-blocked" if state.get("blocked") else "")


def shade(score: float) -> float:
    """Opacity of a node's shading: grows with the size of its change, up to 0.45 at a
    change of 1 (the rise under severe inflammation); mirrored in the JS."""
    return round(0.45 * min(abs(score), 1.0), 3) if abs(score) > EPS else 0.0


def edge_width(weight: float, source_score: float) -> float:
    """Line weight of an edge: 1 px plus up to 4 px for the signal it carries (edge
    weight × the source's change, capped at 1); mirrored in the JS."""
    return round(1.0 + 4.0 * min(abs(weight * source_score), 1.0), 2)


def delta_of(treated: float, untreated: float) -> str:
    """``lower``, ``higher`` or ``same``: a node's score against no drug."""
    diff = treated - untreated
    return "lower" if diff < -EPS else "higher" if diff > EPS else "same"


def label_lines(label: str) -> list[str]:
    """A label broken at spaces into lines of at most ``LINE_CHARS`` characters where
    possible (a longer word keeps its own line); never more than three lines."""
    lines = [""]
    for word in label.split():
        if lines[-1] and len(lines[-1]) + 1 + len(word) > LINE_CHARS:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    if len(lines) > 3:
        lines = [*lines[:2], " ".join(lines[2:])]
    return lines


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


Box = tuple[float, float]
Band = tuple[float, float, float, float]


def layout(nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]],
           cols: int = DEFAULT_COLS) -> tuple[dict[str, Box], dict[str, Band], float, float]:
    """Place the nodes in stacked bands (``COLUMNS`` order, top to bottom), ``cols`` boxes
    a row. Within a band nodes go in signalling order (depth from the view's sources, then
    the mean x of their placed sources), so most arrows point down.

    Returns the top-left corner of each node, each band's (x, y, width, height), and the
    diagram's width and height.
    """
    ids = [n["id"] for n in nodes]
    depth = _depths(ids, edges)
    preds: dict[str, list[str]] = {i: [] for i in ids}
    for e in edges:
        if e["source"] in preds and e["target"] in preds:
            preds[e["target"]].append(e["source"])
    positions: dict[str, Box] = {}
    bands: dict[str, Band] = {}
    inner = cols * NODE_W + (cols - 1) * GAP
    width = 2 * (PAD + BAND_PAD) + inner
    y = PAD
    for group, _ in COLUMNS:
        members = [n["id"] for n in nodes if column_of(n) == group]
        if not members:
            continue

        def key(m: str) -> tuple[int, float, int]:
            placed = [positions[p][0] for p in preds[m] if p in positions]
            return depth[m], (sum(placed) / len(placed) if placed else 0.0), ids.index(m)

        ordered = sorted(members, key=key)
        rows = -(-len(ordered) // cols)
        top = y + BAND_LABEL + ROW_GAP / 2
        for i, m in enumerate(ordered):
            row, col = divmod(i, cols)
            in_row = min(cols, len(ordered) - row * cols)
            offset = (inner - in_row * NODE_W - (in_row - 1) * GAP) / 2  # centre short rows
            positions[m] = (PAD + BAND_PAD + offset + col * (NODE_W + GAP),
                            top + row * (NODE_H + ROW_GAP))
        height = BAND_LABEL + rows * (NODE_H + ROW_GAP)
        bands[group] = (PAD, y, width - 2 * PAD, height)
        y += height + BAND_GAP
    return positions, bands, width, y - BAND_GAP + PAD


Curve = tuple[Box, Box, Box, Box]


def _curves(edges: Sequence[Mapping[str, Any]], positions: Mapping[str, Box]
            ) -> dict[str, Curve]:
    """A cubic Bézier curve per edge. Downward edges leave a box's bottom and enter the
    target's top; edges within a row or upwards leave and enter by the top (or, upwards,
    the target's bottom). Endpoints on one side of a box are spread out in the order of
    the other ends, so that arrows do not start or end on top of each other."""
    sides: dict[tuple[str, str], list[tuple[float, str, str]]] = {}
    plans = {}
    for e in edges:
        (sx, sy), (tx, ty) = positions[e["source"]], positions[e["target"]]
        if ty > sy + 1:
            out_side, in_side = "bottom", "top"
        elif ty < sy - 1:
            out_side, in_side = "top", "bottom"
        else:
            out_side, in_side = "top", "top"
        plans[e["id"]] = (out_side, in_side)
        sides.setdefault((e["source"], out_side), []).append((tx, e["id"], "out"))
        sides.setdefault((e["target"], in_side), []).append((sx, e["id"], "in"))
    ports: dict[tuple[str, str], float] = {}
    for (node, _side), ends in sides.items():
        ends.sort()
        x0 = positions[node][0]
        for i, (_, eid, role) in enumerate(ends):
            ports[(eid, role)] = x0 + 12 + (NODE_W - 24) * (i + 1) / (len(ends) + 1)
    curves = {}
    for e in edges:
        out_side, in_side = plans[e["id"]]
        sy = positions[e["source"]][1] + (NODE_H if out_side == "bottom" else 0)
        ty = positions[e["target"]][1] + (NODE_H if in_side == "bottom" else 0)
        ty += {"top": -5, "bottom": 5}[in_side]  # room for the arrowhead or bar
        sx, tx = ports[(e["id"], "out")], ports[(e["id"], "in")]
        if out_side == in_side:  # an arc over the row
            lift = 14 + min(abs(tx - sx) / 10, 10)
            c1, c2 = (sx, sy - lift), (tx, ty - lift)
        else:
            bend = max(abs(ty - sy) / 2, 20) * (1 if out_side == "bottom" else -1)
            c1, c2 = (sx, sy + bend), (tx, ty - bend)
        curves[e["id"]] = ((sx, sy), c1, c2, (tx, ty))
    return curves


def _point(curve: Curve, t: float) -> Box:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = curve
    u = 1 - t
    return (u ** 3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t ** 3 * x3,
            u ** 3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t ** 3 * y3)


def _samples(curve: Curve) -> Any:
    import numpy as np

    t = np.linspace(0.0, 1.0, SAMPLES + 1)[:, None]
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = curve
    p0, p1, p2, p3 = (np.array(v, dtype=float) for v in ((x0, y0), (x1, y1), (x2, y2), (x3, y3)))
    u = 1 - t
    return u ** 3 * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t ** 3 * p3


def _best_point(own: Any, others: Any, boxes: Any) -> tuple[Box, float]:
    """The sample of ``own`` (not near its ends, outside every box) farthest from every
    point of ``others`` (a KD-tree of them, or None), and that distance."""
    import numpy as np

    cand = own[2:-2]
    inside = ((cand[:, None, 0] >= boxes[None, :, 0] - 3)
              & (cand[:, None, 0] <= boxes[None, :, 0] + NODE_W + 3)
              & (cand[:, None, 1] >= boxes[None, :, 1] - 3)
              & (cand[:, None, 1] <= boxes[None, :, 1] + NODE_H + 3)).any(axis=1)
    gaps = others.query(cand)[0] if others is not None else np.full(len(cand), 99.0)
    gaps = np.where(inside, -1.0, gaps)
    i = int(np.argmax(gaps))
    return (round(float(cand[i][0]), 1), round(float(cand[i][1]), 1)), float(gaps[i])


def _tree(pts: Mapping[str, Any], leave_out: str) -> Any:
    """A KD-tree of every edge's samples but ``leave_out``'s (None if there are none)."""
    import numpy as np
    from scipy.spatial import cKDTree

    rest = [v for k, v in pts.items() if k != leave_out]
    return cKDTree(np.concatenate(rest)) if rest else None


def _bent(curve: Curve, factor: float) -> Curve:
    """The same curve with its control points pulled ``factor`` times as far from the
    ends (a flatter or a deeper bend)."""
    (a, c1, c2, b) = curve
    return (a, (a[0] + (c1[0] - a[0]) * factor, a[1] + (c1[1] - a[1]) * factor),
            (b[0] + (c2[0] - b[0]) * factor, b[1] + (c2[1] - b[1]) * factor), b)


def separate(curves: dict[str, Curve], positions: Mapping[str, Box], rounds: int = 2
             ) -> dict[str, Curve]:
    """Re-bend edges that run on top of another edge all along, so that each has a spot
    at least ``MIN_GAP`` px from every other edge where possible."""
    import numpy as np

    boxes = np.array(list(positions.values()), dtype=float).reshape(-1, 2)
    pts = {e: _samples(c) for e, c in curves.items()}
    for _ in range(rounds):
        for eid in list(curves):
            others = _tree(pts, eid)
            _, gap = _best_point(pts[eid], others, boxes)
            if gap >= MIN_GAP:
                continue
            best = (gap, curves[eid])
            for factor in (0.5, 1.6, 0.25, 2.2):
                trial = _bent(curves[eid], factor)
                _, g = _best_point(_samples(trial), others, boxes)
                if g > best[0]:
                    best = (g, trial)
            curves[eid], pts[eid] = best[1], _samples(best[1])
    return curves


def pick_points(curves: Mapping[str, Curve], positions: Mapping[str, Box]) -> dict[str, Box]:
    """For each edge, the point on it that lies farthest from every other edge and
    outside every node box: where a click or a tap selects that edge (the page picks the
    edge nearest to the pointer), and where the browser tests click it."""
    import numpy as np

    boxes = np.array(list(positions.values()), dtype=float).reshape(-1, 2)
    pts = {e: _samples(c) for e, c in curves.items()}
    picks = {}
    for eid in curves:
        picks[eid] = _best_point(pts[eid], _tree(pts, eid), boxes)[0]
    return picks


def _d(curve: Curve) -> str:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = curve
    return f"M{x0:.1f},{y0:.1f} C{x1:.1f},{y1:.1f} {x2:.1f},{y2:.1f} {x3:.1f},{y3:.1f}"


def geometry(nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]],
             cols: int = DEFAULT_COLS) -> dict[str, Any]:
    """One layout as a JSON-ready dict: width, height, node corners, band boxes, edge
    paths and pick points."""
    positions, bands, width, height = layout(nodes, edges, cols)
    curves = separate(_curves(edges, positions), positions)
    return {
        "cols": cols, "width": width, "height": height,
        "nodes": {k: [round(x, 1), round(y, 1)] for k, (x, y) in positions.items()},
        "bands": {k: [round(v, 1) for v in b] for k, b in bands.items()},
        "edges": {k: _d(c) for k, c in curves.items()},
        "picks": {k: list(p) for k, p in pick_points(curves, positions).items()},
    }


def layouts(nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]]
            ) -> list[dict[str, Any]]:
    """Every layout the page may switch to, one per entry of ``COLS``."""
    return [geometry(nodes, edges, cols) for cols in COLS]


def _defs(uid: str) -> str:
    return (
        "<defs>"
        f'<marker id="{uid}-act" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
        'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path class="bl-arrow-act" d="M0,0 L10,5 L0,10 z"/></marker>'
        f'<marker id="{uid}-inh" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="11" '
        'markerHeight="11" markerUnits="userSpaceOnUse" orient="auto">'
        '<line class="bl-arrow-inh" x1="5" y1="0" x2="5" y2="10"/></marker>'
        "</defs>"
    )


def _item_attrs(interactive: bool) -> str:
    """Nodes and arrows are options of one listbox: one Tab stop, arrow keys inside
    (the page's script makes one of them tabindex 0)."""
    return 'tabindex="-1" role="option" aria-selected="false" ' if interactive else ""


def _node(node: Mapping[str, Any], xy: Sequence[float], state: Mapping[str, Any],
          interactive: bool = True) -> str:
    x, y = xy
    label = str(node["label"])
    lines = label_lines(label)
    first = NODE_H / 2 - (len(lines) - 1) * LINE_H / 2 + 4
    # a space ends every line but the last, so the text reads as the label it is
    tspans = "".join(f'<tspan x="7" y="{first + i * LINE_H:.1f}">{html.escape(t)}'
                     f'{" " if i < len(lines) - 1 else ""}</tspan>'
                     for i, t in enumerate(lines))
    delta = state.get("delta", "same")
    return (
        f'<g class="{node_classes(node["group"], state)}" data-node="{html.escape(node["id"])}" '
        f'transform="translate({x},{y})" {_item_attrs(interactive)}'
        f'aria-label="{html.escape(node_aria(label, state))}">'
        f'<rect class="bl-ring" x="-4" y="-4" width="{NODE_W + 8}" height="{NODE_H + 8}" '
        'rx="7"/>'
        f'<rect class="bl-box" width="{NODE_W}" height="{NODE_H}" rx="4"/>'
        f'<rect class="bl-shade" width="{NODE_W}" height="{NODE_H}" rx="4" '
        f'style="fill-opacity:{shade(state.get("score", 0.0))}"/>'
        f'<text class="bl-label">{tspans}</text> '  # spaces: the words read apart
        f'<text class="bl-badge" x="{NODE_W - 36}" y="-3" text-anchor="end" '
        'aria-hidden="true">blocked</text> '
        f'<text class="bl-mark" x="{NODE_W - 8}" y="16" text-anchor="end" aria-hidden="true">'
        f"{MARKS[state['direction']]}</text> "
        f'<text class="bl-tag" x="{NODE_W - 6}" y="{NODE_H - 6}" text-anchor="end" '
        f'aria-hidden="true">{DELTA_TAGS[delta]}</text>'
        f'<line class="bl-strike" x1="4" y1="{first - 4:.1f}" x2="{NODE_W - 26}" '
        f'y2="{first - 4:.1f}"/></g>'
    )


def _edge(edge: Mapping[str, Any], d: str, pick: Sequence[float], labels: Mapping[str, str],
          uid: str, silenced: bool, width: float, interactive: bool = True) -> str:
    sign = edge["sign"]
    verb = "activates" if sign == "activates" else "inhibits"
    marker = f"url(#{uid}-act)" if sign == "activates" else f"url(#{uid}-inh)"
    aria = f"{labels[edge['source']]} {verb} {labels[edge['target']]}"
    cls = f"bl-edge bl-{verb}" + (" bl-silenced" if silenced else "")
    return (
        f'<g class="{cls}" data-edge="{html.escape(edge["id"])}" '
        f'data-pick="{pick[0]},{pick[1]}" '
        f'{_item_attrs(interactive)}aria-label="{html.escape(aria)}">'
        f'<path class="bl-ring" d="{d}"/>'
        f'<path class="bl-line" d="{d}" marker-end="{marker}" style="stroke-width:{width}px"/>'
        "</g>"
    )


def render_svg(nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]],
               states: Mapping[str, Mapping[str, Any]], uid: str, title: str,
               description: str, interactive: bool = True,
               geo: Mapping[str, Any] | None = None) -> str:
    """The whole diagram as an ``<svg>`` string, in layout ``geo`` (from :func:`geometry`;
    by default the :data:`DEFAULT_COLS` one).

    ``nodes`` and ``edges`` are the knowledge-base entries of one view (edges whose ends
    are both drawn), ``states`` maps node id → ``{"direction", "blocked", "score",
    "delta"}`` and ``uid`` makes the marker and title ids unique on the page. With
    ``interactive=False`` nodes and edges are not focusable (the live ipywidgets view has
    no script to handle them).
    """
    geo = geo or geometry(nodes, edges, DEFAULT_COLS)
    positions, bands = geo["nodes"], geo["bands"]
    width, height = geo["width"], geo["height"]
    labels = {n["id"]: str(n["label"]) for n in nodes}
    bands_svg = "".join(
        f'<rect class="bl-group-band" data-band="{group}" x="{x}" y="{y}" width="{w}" '
        f'height="{h}" rx="6"/>' for group, (x, y, w, h) in bands.items())
    # band labels go over the arrows (drawn after them), under the nodes
    labels_svg = "".join(
        f'<text class="bl-group-label" data-band="{group}" x="{x + BAND_PAD}" '
        f'y="{y + 15}">{html.escape(dict(COLUMNS)[group])}</text>'
        for group, (x, y, _w, _h) in bands.items())
    edge_svg = "".join(
        _edge(e, geo["edges"][e["id"]], geo["picks"][e["id"]], labels, uid,
              bool(states.get(e["source"], {}).get("blocked")),
              edge_width(e.get("weight", 1.0), states.get(e["source"], {}).get("score", 0.0)),
              interactive)
        for e in edges
    )
    node_svg = "".join(_node(n, positions[n["id"]], states[n["id"]], interactive) for n in nodes)
    items = (f'role="listbox" aria-label="{LISTBOX_NAME}, {html.escape(title)}" '
             f'data-bl-named="{LISTBOX_NAME}"' if interactive else "")
    groups = ('role="group" aria-label="Arrows"', 'role="group" aria-label="Nodes"') \
        if interactive else ("", "")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bl-diagram" role="group" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{uid}-title {uid}-desc">'
        f'<title id="{uid}-title">{html.escape(title)}</title>'
        f'<desc id="{uid}-desc">{html.escape(description)}</desc>'
        f'{_defs(uid)}<g class="bl-bands" aria-hidden="true">{bands_svg}</g>'
        f'<g class="bl-items" {items}><g class="bl-edges" {groups[0]}>{edge_svg}</g>'
        f'<g class="bl-band-labels" aria-hidden="true">{labels_svg}</g>'
        f'<g class="bl-nodes" {groups[1]}>{node_svg}</g></g></svg>'
    )
