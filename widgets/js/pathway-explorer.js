/* bonelearn pathway explorer: static front end (no kernel).
 *
 * The Python side (bonelearn.widgets.explorer) renders the SVG diagram, the controls, the
 * table and a JSON payload. This script recomputes the prediction with
 * window.bonelearn.propagate(kb, drugs, inflammation) (widgets/js/propagate.js) whenever a
 * control changes, then updates classes, marks and labels of the existing SVG elements,
 * the summary sentence and the table. Its text rules mirror bonelearn.widgets.explorer
 * and bonelearn.widgets.diagram; the browser tests check that both agree.
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
  var CELL = { up: "\u25B2 up", down: "\u25BC down", unchanged: "unchanged" };

  function nodeAria(label, st) {
    if (st.blocked) return label + " blocked by a selected drug: " + WORDS[st.direction];
    return label + ": " + WORDS[st.direction];
  }
  function nodeClasses(group, st) {
    var c = "bl-node bl-group-" + group + " bl-" + st.direction;
    if (group === "outcome") c += " bl-outcome";
    return c + (st.blocked ? " bl-blocked" : "");
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
      return [n.label, CELL[st.direction], blocked, why];
    });
  }
  function summary(data, drugs, inflammation, states, outcomes) {
    var names = drugs.map(function (d) { return data.drugLabels[d]; });
    var text = "Drugs: " + (names.length ? names.join(", ") : "none") +
      "; inflammation " + inflammation.toFixed(2) + ".";
    data.outcomes.forEach(function (id) {
      var reading = data.readings[id];
      text += " " + data.labels[id] + " (" + reading.scope + "): " + reading[states[id].direction];
      if (drugs.length) text += "; " + EFFECT[outcomes[id].effect];
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
  /* Prediction dict (bonelearn.pathways Prediction.to_dict()) -> {node: {direction, blocked, chain}} */
  function readStates(pred) {
    var nodes = pred.nodes || pred;
    var out = {};
    Object.keys(nodes).forEach(function (id) {
      var p = nodes[id];
      out[id] = { direction: p.direction, blocked: !!p.blocked, blockedBy: p.blocked_by || [],
                  chain: p.chain || [] };
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
      ? "<ul>" + item.refs.map(function (r) { return "<li>" + esc(r) + "</li>"; }).join("") + "</ul>"
      : "<p>No source recorded.</p>";
    return "<h4>" + esc(item.title) + "</h4><p><em>" + esc(item.subtitle) + "</em></p><p>" +
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
    var states = readStates(pred);
    root.querySelector("output[name=inflammation-value]").textContent = c.inflammation.toFixed(2);
    var groups = root.querySelectorAll("g[data-node]");
    for (var i = 0; i < groups.length; i++) {
      var g = groups[i], id = g.getAttribute("data-node"), st = states[id];
      var selected = g.classList.contains("bl-selected");
      g.setAttribute("class", nodeClasses(data.groups[id], st) + (selected ? " bl-selected" : ""));
      g.setAttribute("aria-label", nodeAria(data.labels[id], st));
      g.querySelector(".bl-mark").textContent = MARKS[st.direction];
    }
    var edges = root.querySelectorAll("g[data-edge]");
    for (var j = 0; j < edges.length; j++) {
      var src = data.edgeInfo[edges[j].getAttribute("data-edge")][0];
      edges[j].classList.toggle("bl-silenced", !!(states[src] && states[src].blocked));
    }
    var body = root.querySelector(".bl-table tbody");
    body.innerHTML = rows(data, states, c.drugs, pred.outcomes).map(function (r) {
      return "<tr><th scope=\"row\">" + esc(r[0]) + "</th><td>" + esc(r[1]) + "</td><td>" +
        esc(r[2]) + "</td><td>" + esc(r[3]) + "</td></tr>";
    }).join("");
    root.querySelector(".bl-summary").textContent = summary(data, c.drugs, c.inflammation, states,
                                                            pred.outcomes);
    root._blState = { drugs: c.drugs, inflammation: c.inflammation, prediction: pred };
  }

  function select(root, data, el) {
    var prev = root.querySelectorAll(".bl-selected");
    for (var i = 0; i < prev.length; i++) {
      prev[i].classList.remove("bl-selected");
      prev[i].setAttribute("aria-pressed", "false");
    }
    el.classList.add("bl-selected");
    el.setAttribute("aria-pressed", "true");
    var key = el.hasAttribute("data-node") ? "node:" + el.getAttribute("data-node")
                                           : "edge:" + el.getAttribute("data-edge");
    root.querySelector(".bl-details").innerHTML = detailsHtml(data.details[key]);
  }

  function mount(root) {
    var data = JSON.parse(root.querySelector("script.bl-data").textContent);
    if (typeof bl.propagate !== "function") {
      root.querySelector(".bl-summary").textContent =
        "The interactive part needs propagate.js, which did not load.";
      return;
    }
    root.addEventListener("input", function (ev) {
      if (ev.target.matches("input[type=range]")) update(root, data);
    });
    root.addEventListener("change", function (ev) {
      if (ev.target.matches("input[type=checkbox]")) update(root, data);
    });
    root.addEventListener("click", function (ev) {
      var el = ev.target.closest("g[data-node], g[data-edge]");
      if (el && root.contains(el)) select(root, data, el);
    });
    root.addEventListener("keydown", function (ev) {
      if (ev.key !== "Enter" && ev.key !== " ") return;
      var el = ev.target.closest && ev.target.closest("g[data-node], g[data-edge]");
      if (el && root.contains(el)) {
        ev.preventDefault();
        select(root, data, el);
      }
    });
    update(root, data);
  }

  W.registry["pathway-explorer"] = mount;
  W.pathwayExplorer = { update: update, readStates: readStates, chainText: chainText };
})();
