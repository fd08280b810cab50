/* bonelearn pathway explorer: static front end (no kernel).
 *
 * The Python side (bonelearn.widgets.explorer, bonelearn.widgets.diagram) renders the SVG
 * diagram, the controls, the table and a JSON payload with every layout of the diagram
 * (2 to 5 boxes a row). This script
 * - recomputes the prediction with window.bonelearn.propagate(kb, drugs, inflammation)
 *   (widgets/js/propagate.js), with and without the ticked drugs, whenever a control
 *   changes, and updates classes, marks, tags, shading and line weights of the existing
 *   SVG elements, the summary sentence, the note on drugs acting outside the view and the
 *   table. Its text rules mirror bonelearn.widgets.explorer and bonelearn.widgets.diagram;
 *   the browser tests check that both agree;
 * - picks the widest layout that fits the column at 11 px text, offers zoom and
 *   fit-to-width, and shows a scroll cue (and makes the scrolling box a labelled, focusable
 *   region) only when the diagram is wider than its box;
 * - makes the diagram one Tab stop (a listbox with a roving tabindex): left/right step
 *   through every node and its outgoing arrows, up/down from node to node, Home/End,
 *   Enter or Space selects;
 * - selects by pointer the node under it, else the arrow nearest to it (within 12 px), so
 *   that arrows covered by other arrows can still be clicked or tapped (20 px for a
 *   finger).
 */
(function () {
  "use strict";
  var bl = (window.bonelearn = window.bonelearn || {});
  var W = (bl.widgets = bl.widgets || {});
  /* W.registry and W.mountAll come from widgets/js/mount.js, inlined first. */

  var MARKS = { up: "\u25B2", down: "\u25BC", unchanged: "" };
  var WORDS = { up: "up compared with health", down: "down compared with health",
                unchanged: "unchanged from health" };
  var EFFECT = { reduces: "lower than with no drug", increases: "higher than with no drug",
                 no_change: "the same as with no drug" };
  var AGAINST_HEALTH = { up: " (\u25B2, against health)", down: " (\u25BC, against health)",
                         unchanged: " (against health)" };
  var CELL = { up: "\u25B2 up", down: "\u25BC down", unchanged: "unchanged" };
  var DELTA_TAGS = { lower: "less", higher: "more", same: "" };
  var DELTA_WORDS = { lower: "lower than with no drug", higher: "higher than with no drug",
                      same: "" };
  var EPS = 0.005, PICK_PX = 12, TOUCH_PX = 20, SAMPLES = 96;
  var ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
  var SVGNS = "http://www.w3.org/2000/svg";

  /* -- text and state rules (mirrored in Python) ------------------------------------- */
  function deltaOf(treated, untreated) {
    var d = treated - untreated;
    return d < -EPS ? "lower" : d > EPS ? "higher" : "same";
  }
  function shade(score) {
    return Math.abs(score) > EPS ? Math.round(450 * Math.min(Math.abs(score), 1)) / 1000 : 0;
  }
  function edgeWidth(weight, sourceScore) {
    return Math.round(100 * (1 + 4 * Math.min(Math.abs(weight * sourceScore), 1))) / 100;
  }
  function nodeAria(label, st) {
    var shown = label + (st.blocked ? " blocked" : "") +
      (st.delta !== "same" ? " " + DELTA_TAGS[st.delta] : "");
    var meaning = WORDS[st.direction] + (st.delta !== "same" ? ", " + DELTA_WORDS[st.delta] : "") +
      (st.blocked ? ", a selected drug acts on it" : "");
    return shown + ": " + meaning;
  }
  function nodeClasses(group, st) {
    var c = "bl-node bl-group-" + group + " bl-" + st.direction;
    if (group === "outcome") c += " bl-outcome";
    if (st.delta !== "same") c += " bl-" + st.delta;
    return c + (st.blocked ? " bl-blocked" : "");
  }
  function changeCell(st) {
    if (st.direction === "unchanged") return CELL.unchanged;
    return CELL[st.direction] + " " + Math.abs(st.score).toFixed(2);
  }
  function chainText(data, chain) {
    if (!chain || !chain.length) return "\u2014";
    var first = data.edgeInfo[chain[0]];
    var text = data.chainLabels[first[0]];
    for (var i = 0; i < chain.length; i++) {
      var e = data.edgeInfo[chain[i]];
      text += (e[2] === "inhibits" ? " \u22A3 " : " \u2192 ") + data.chainLabels[e[1]];
    }
    return text;
  }
  function rows(data, states, drugs, outcomes) {
    return data.nodes.map(function (n) {
      var st = states[n.id];
      var blocked = st.blocked ? "blocked by " + st.blockedBy.map(function (d) {
        return data.drugLabels[d];
      }).join(", ") : "no";
      var why = chainText(data, st.chain);
      var outcome = outcomes[n.id];
      if (drugs.length && outcome && outcome.effect !== "no_change") {
        why += "; change from no drug through: " + chainText(data, outcome.effect_chain);
      }
      var against = drugs.length ? (DELTA_WORDS[st.delta] || "the same") : "\u2014";
      return [n.label, changeCell(st), against, blocked, why];
    });
  }
  function summary(data, drugs, inflammation, states, outcomes) {
    var names = drugs.map(function (d) { return data.drugLabels[d]; });
    var text = "Drugs: " + (names.length ? names.join(", ") : "none") +
      "; inflammation " + inflammation.toFixed(2) + ".";
    data.outcomes.forEach(function (id) {
      var reading = data.readings[id], dir = states[id].direction;
      text += " " + data.labels[id] + " (" + reading.scope + "): " + reading[dir];
      if (drugs.length) text += AGAINST_HEALTH[dir] + "; " + EFFECT[outcomes[id].effect];
      text += ".";
    });
    drugs.forEach(function (d) {
      var weak = [];
      data.outcomes.forEach(function (id) {
        var status = data.evidence[d][id];
        if (outcomes[id].effect !== "no_change" && data.weakEvidence[status]) {
          weak.push(data.labels[id] + ": " + data.weakEvidence[status]);
        }
      });
      if (weak.length) text += " Evidence (" + data.drugLabels[d] + "): " + weak.join("; ") + ".";
      (data.caveats[d] || []).forEach(function (c) {
        text += " Caveat (" + data.drugLabels[d] + "): " + c;
      });
    });
    return text;
  }
  function outcomeChips(data, states, treated) {
    return "<span class=\"bl-chips-title\">Outcomes:</span> " + data.outcomes.map(function (id) {
      var st = states[id], text = data.labels[id] + " " + CELL[st.direction];
      if (treated) text += ", " + (DELTA_WORDS[st.delta] || "the same as with no drug");
      return "<span class=\"bl-chip bl-" + st.direction + "\" data-outcome=\"" + id + "\">" +
        esc(text) + "</span>";
    }).join(" ");
  }
  function outsideNote(data, drugs, states) {
    var shown = data.nodes.map(function (n) { return n.id; });
    var away = drugs.filter(function (d) {
      return !data.targets[d].some(function (t) { return shown.indexOf(t) >= 0; });
    });
    var changed = shown.some(function (id) { return states[id].delta !== "same"; });
    var text = "";
    if (away.length) {
      text = "Acting outside this view: " + away.map(function (d) {
        return data.drugLabels[d] + " (on " + data.targets[d].map(function (t) {
          return data.labels[t];
        }).join(", ") + ")";
      }).join("; ") + ".";
    }
    if (drugs.length && !changed) {
      text += " The ticked drugs change nothing drawn here, at this inflammation; " +
        "the whole-network view shows where they act.";
    } else if (away.length) {
      text += " Their effect reaches this view through the nodes tagged \u201Cless\u201D " +
        "or \u201Cmore\u201D.";
    }
    return text.trim();
  }
  /* Prediction dicts (Prediction.to_dict()) -> {node: {direction, blocked, chain, score, delta}} */
  function readStates(pred, untreated) {
    var nodes = pred.nodes || pred, base = untreated ? (untreated.nodes || untreated) : nodes;
    var out = {};
    Object.keys(nodes).forEach(function (id) {
      var p = nodes[id], score = p.score || 0;
      out[id] = { direction: p.direction, blocked: !!p.blocked, blockedBy: p.blocked_by || [],
                  chain: p.chain || [], score: score,
                  delta: deltaOf(score, base[id].score || 0) };
    });
    return out;
  }
  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }
  function detailsHtml(item) {
    var refs = item.refs.length
      ? "<ul>" + item.refs.map(function (r) {
          return "<li>" + esc(r[0]) +
            (r[1] ? " <a href=\"" + esc(r[1]) + "\">" + esc(r[1]) + "</a>" : "") + "</li>";
        }).join("") + "</ul>"
      : "<p>No source recorded.</p>";
    return "<p class=\"bl-details-title\">" + esc(item.title) + "</p><p><em>" +
      esc(item.subtitle) + "</em></p><p>" +
      esc(item.description) + "</p><p><strong>Sources</strong></p>" + refs;
  }

  function controls(root) {
    var drugs = [];
    var boxes = root.querySelectorAll("input[type=checkbox][name=drug]");
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) drugs.push(boxes[i].value);
    var slider = root.querySelector("input[type=range][name=inflammation]");
    return { drugs: drugs, inflammation: parseFloat(slider.value) };
  }

  function update(root, data) {
    var c = controls(root);
    var pred = bl.propagate(data.kb, c.drugs, c.inflammation);
    var untreated = c.drugs.length ? bl.propagate(data.kb, [], c.inflammation) : pred;
    var states = readStates(pred, untreated);
    root.querySelector("output[name=inflammation-value]").textContent = c.inflammation.toFixed(2);
    var groups = root.querySelectorAll("g[data-node]");
    for (var i = 0; i < groups.length; i++) {
      var g = groups[i], id = g.getAttribute("data-node"), st = states[id];
      var selected = g.classList.contains("bl-selected");
      g.setAttribute("class", nodeClasses(data.groups[id], st) + (selected ? " bl-selected" : ""));
      g.setAttribute("aria-label", nodeAria(data.labels[id], st));
      g.querySelector(".bl-mark").textContent = MARKS[st.direction];
      g.querySelector(".bl-tag").textContent = DELTA_TAGS[st.delta];
      g.querySelector(".bl-shade").style.fillOpacity = String(shade(st.score));
    }
    var edges = root.querySelectorAll("g[data-edge]");
    for (var j = 0; j < edges.length; j++) {
      var eid = edges[j].getAttribute("data-edge"), src = states[data.edgeInfo[eid][0]];
      edges[j].classList.toggle("bl-silenced", !!(src && src.blocked));
      edges[j].querySelector(".bl-line").style.strokeWidth =
        edgeWidth(data.weights[eid], src ? src.score : 0) + "px";
    }
    var body = root.querySelector(".bl-table tbody");
    body.innerHTML = rows(data, states, c.drugs, pred.outcomes).map(function (r) {
      return "<tr><th scope=\"row\">" + esc(r[0]) + "</th>" + r.slice(1).map(function (x) {
        return "<td>" + esc(x) + "</td>";
      }).join("") + "</tr>";
    }).join("");
    root.querySelector(".bl-summary").textContent = summary(data, c.drugs, c.inflammation, states,
                                                            pred.outcomes);
    root.querySelector(".bl-outside").textContent = outsideNote(data, c.drugs, states);
    root.querySelector(".bl-outcomes").innerHTML = outcomeChips(data, states, c.drugs.length > 0);
    root._blState = { drugs: c.drugs, inflammation: c.inflammation, prediction: pred,
                      states: states };
  }

  /* -- selection ---------------------------------------------------------------------- */
  function select(root, data, el) {
    var prev = root.querySelectorAll(".bl-selected");
    for (var i = 0; i < prev.length; i++) {
      prev[i].classList.remove("bl-selected");
      prev[i].setAttribute("aria-selected", "false");
    }
    el.classList.add("bl-selected");
    el.setAttribute("aria-selected", "true");
    setRoving(root, el);
    var key = el.hasAttribute("data-node") ? "node:" + el.getAttribute("data-node")
                                           : "edge:" + el.getAttribute("data-edge");
    root.querySelector(".bl-details").innerHTML = detailsHtml(data.details[key]);
  }

  /* -- layout, zoom and scroll cue ------------------------------------------------------ */
  function layoutFor(data, cols) {
    for (var i = 0; i < data.layouts.length; i++) if (data.layouts[i].cols === cols) return data.layouts[i];
    return data.layouts[0];
  }
  function fittingLayout(data, width) {
    var best = data.layouts[0];  /* the narrowest, if none fits */
    data.layouts.forEach(function (L) { if (L.width <= width && L.width >= best.width) best = L; });
    return best;
  }
  function applyLayout(root, data, L) {
    var svg = root.querySelector("svg.bl-diagram");
    svg.setAttribute("viewBox", "0 0 " + L.width + " " + L.height);
    svg.setAttribute("width", L.width);
    svg.setAttribute("height", L.height);
    var nodes = svg.querySelectorAll("g[data-node]");
    for (var i = 0; i < nodes.length; i++) {
      var xy = L.nodes[nodes[i].getAttribute("data-node")];
      nodes[i].setAttribute("transform", "translate(" + xy[0] + "," + xy[1] + ")");
    }
    var bands = svg.querySelectorAll("rect[data-band]");
    for (var b = 0; b < bands.length; b++) {
      var box = L.bands[bands[b].getAttribute("data-band")], rect = bands[b];
      rect.setAttribute("x", box[0]); rect.setAttribute("y", box[1]);
      rect.setAttribute("width", box[2]); rect.setAttribute("height", box[3]);
    }
    var labels = svg.querySelectorAll("text[data-band]");
    for (var t = 0; t < labels.length; t++) {
      var at = L.bands[labels[t].getAttribute("data-band")];
      labels[t].setAttribute("x", at[0] + 6); labels[t].setAttribute("y", at[1] + 15);
    }
    var edges = svg.querySelectorAll("g[data-edge]");
    for (var e = 0; e < edges.length; e++) {
      var id = edges[e].getAttribute("data-edge"), paths = edges[e].querySelectorAll("path");
      for (var p = 0; p < paths.length; p++) paths[p].setAttribute("d", L.edges[id]);
      edges[e].setAttribute("data-pick", L.picks[id].join(","));
    }
    root._blLayout = L;
    root._blSamples = null;
    root._blOrder = null;
  }
  function sizeDiagram(root, data) {
    var z = root._blZoom, wrap = root.querySelector(".bl-diagram-wrap");
    if (z.fit) applyLayout(root, data, fittingLayout(data, wrap.clientWidth));
    var L = root._blLayout, svg = root.querySelector("svg.bl-diagram");
    svg.style.maxWidth = "none";
    svg.style.width = (L.width * z.zoom) + "px";
    svg.style.height = (L.height * z.zoom) + "px";
    var over = wrap.scrollWidth > wrap.clientWidth + 1;
    root.querySelector(".bl-scroll-cue").hidden = !over;
    wrap.classList.toggle("bl-overflowing", over);
    if (over) {
      wrap.setAttribute("role", "region");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("aria-label", "Pathway diagram, scrolls sideways");
    } else {
      wrap.removeAttribute("role");
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("aria-label");
    }
    var level = root.querySelector(".bl-zoom-level");
    var text = z.fit ? "" : Math.round(z.zoom * 100) + " %";
    if (level.textContent !== text) level.textContent = text;
  }
  function zoom(root, data, how) {
    var z = root._blZoom;
    if (how === "fit") { z.fit = true; z.zoom = 1; }
    else {
      var i = ZOOMS.indexOf(z.zoom);
      if (i < 0) i = ZOOMS.indexOf(1);
      i = Math.max(0, Math.min(ZOOMS.length - 1, i + (how === "in" ? 1 : -1)));
      z.zoom = ZOOMS[i];
      z.fit = false;
    }
    sizeDiagram(root, data);
  }

  /* -- keyboard: one Tab stop, arrow keys inside ---------------------------------------- */
  function order(root) {
    if (root._blOrder) return root._blOrder;
    var L = root._blLayout, svg = root.querySelector("svg.bl-diagram");
    var nodes = Array.prototype.slice.call(svg.querySelectorAll("g[data-node]"));
    nodes.sort(function (a, b) {
      var p = L.nodes[a.getAttribute("data-node")], q = L.nodes[b.getAttribute("data-node")];
      return (p[1] - q[1]) || (p[0] - q[0]);
    });
    var bySource = {};
    Array.prototype.forEach.call(svg.querySelectorAll("g[data-edge]"), function (g) {
      var info = root._blData.edgeInfo[g.getAttribute("data-edge")];
      (bySource[info[0]] = bySource[info[0]] || []).push(g);
    });
    var items = [];
    nodes.forEach(function (n) {
      items.push(n);
      (bySource[n.getAttribute("data-node")] || []).sort(function (a, b) {
        var ta = L.nodes[root._blData.edgeInfo[a.getAttribute("data-edge")][1]];
        var tb = L.nodes[root._blData.edgeInfo[b.getAttribute("data-edge")][1]];
        return (ta[1] - tb[1]) || (ta[0] - tb[0]);
      }).forEach(function (e) { items.push(e); });
    });
    root._blOrder = items;
    return items;
  }
  function setRoving(root, el) {
    var current = root.querySelectorAll("svg.bl-diagram [tabindex='0']");
    for (var i = 0; i < current.length; i++) current[i].setAttribute("tabindex", "-1");
    el.setAttribute("tabindex", "0");
  }
  function move(root, from, key) {
    var items = order(root), i = items.indexOf(from), next = null;
    var isNode = function (el) { return el.hasAttribute("data-node"); };
    if (key === "Home") next = items[0];
    else if (key === "End") next = items[items.length - 1];
    else if (key === "ArrowRight") next = items[Math.min(items.length - 1, i + 1)];
    else if (key === "ArrowLeft") next = items[Math.max(0, i - 1)];
    else if (key === "ArrowDown") {
      for (var d = i + 1; d < items.length && !next; d++) if (isNode(items[d])) next = items[d];
    } else if (key === "ArrowUp") {
      for (var u = i - 1; u >= 0 && !next; u--) if (isNode(items[u])) next = items[u];
    }
    return next;
  }

  /* -- pointer: the node under it, else the nearest arrow --------------------------------- */
  function samples(root) {
    if (root._blSamples) return root._blSamples;
    var out = [];
    Array.prototype.forEach.call(root.querySelectorAll("g[data-edge]"), function (g) {
      var path = g.querySelector(".bl-line"), len = path.getTotalLength(), pts = [];
      for (var k = 0; k <= SAMPLES; k++) {
        var p = path.getPointAtLength(len * k / SAMPLES);
        pts.push([p.x, p.y]);
      }
      out.push({ el: g, pts: pts });
    });
    root._blSamples = out;
    return out;
  }
  function segDist(px, py, a, b) {
    var dx = b[0] - a[0], dy = b[1] - a[1], l2 = dx * dx + dy * dy;
    var t = l2 ? Math.max(0, Math.min(1, ((px - a[0]) * dx + (py - a[1]) * dy) / l2)) : 0;
    var x = a[0] + t * dx - px, y = a[1] + t * dy - py;
    return Math.sqrt(x * x + y * y);
  }
  function nearestEdge(root, ev) {
    var svg = root.querySelector("svg.bl-diagram"), ctm = svg.getScreenCTM();
    if (!ctm) return null;
    var pt = svg.createSVGPoint();
    pt.x = ev.clientX; pt.y = ev.clientY;
    var reach = ev.pointerType === "touch" ? TOUCH_PX : PICK_PX;
    var p = pt.matrixTransform(ctm.inverse()), limit = reach / (ctm.a || 1);
    var best = null, bestD = limit;
    samples(root).forEach(function (s) {
      for (var k = 0; k < s.pts.length - 1; k++) {
        var d = segDist(p.x, p.y, s.pts[k], s.pts[k + 1]);
        if (d < bestD) { bestD = d; best = s.el; }
      }
    });
    return best;
  }
  function pointed(root, ev) {
    var node = ev.target.closest && ev.target.closest("g[data-node]");
    if (node && root.contains(node)) return node;
    if (!ev.target.closest || !ev.target.closest("svg.bl-diagram")) return null;
    return nearestEdge(root, ev);
  }

  function mount(root) {
    var data = W.readData(root);
    root._blData = data;
    if (typeof bl.propagate !== "function") {
      root.querySelector(".bl-summary").textContent =
        "The interactive part needs propagate.js, which did not load.";
      return;
    }
    var svg = root.querySelector("svg.bl-diagram");
    root.addEventListener("input", function (ev) {
      if (ev.target.matches("input[type=range]")) update(root, data);
    });
    root.addEventListener("change", function (ev) {
      if (ev.target.matches("input[type=checkbox]")) update(root, data);
    });
    root.addEventListener("click", function (ev) {
      var z = ev.target.closest && ev.target.closest("button[data-zoom]");
      if (z && root.contains(z)) { zoom(root, data, z.getAttribute("data-zoom")); return; }
      var el = pointed(root, ev);
      if (el) { select(root, data, el); el.focus({ preventScroll: true }); }
    });
    var hovered = null;
    svg.addEventListener("pointermove", function (ev) {
      var el = pointed(root, ev);
      if (el === hovered) return;
      if (hovered) hovered.classList.remove("bl-hover");
      hovered = el;
      if (el) el.classList.add("bl-hover");
      svg.style.cursor = el ? "pointer" : "";
    });
    svg.addEventListener("pointerleave", function () {
      if (hovered) hovered.classList.remove("bl-hover");
      hovered = null;
    });
    svg.addEventListener("keydown", function (ev) {
      var el = ev.target.closest && ev.target.closest("g[data-node], g[data-edge]");
      if (!el) return;
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        select(root, data, el);
        return;
      }
      var next = move(root, el, ev.key);
      if (next) {
        ev.preventDefault();
        setRoving(root, next);
        next.focus();
      }
    });
    root._blZoom = { fit: true, zoom: 1 };
    applyLayout(root, data, layoutFor(data, data.defaultCols));
    var first = order(root)[0];
    if (first) setRoving(root, first);
    sizeDiagram(root, data);
    if (typeof ResizeObserver === "function") {
      var last = -1;
      new ResizeObserver(function () {
        var w = root.querySelector(".bl-diagram-wrap").clientWidth;
        if (w === last) return;
        last = w;
        var focused = root.querySelector("svg.bl-diagram [tabindex='0']");
        sizeDiagram(root, data);
        if (focused) setRoving(root, focused);
      }).observe(root.querySelector(".bl-diagram-wrap"));
    }
    update(root, data);
  }

  W.registry["pathway-explorer"] = mount;
  W.pathwayExplorer = { update: update, readStates: readStates, chainText: chainText,
                        zoom: zoom, fittingLayout: fittingLayout };
})();
