/* bonelearn pathway propagation: JavaScript port of bonelearn.pathways.propagation.
 *
 * window.bonelearn.propagate(kbDict, drugs, inflammation) (and module.exports.propagate
 * under Node) returns exactly the structure of Python's Prediction.to_dict(). kbDict is
 * KnowledgeBase.to_dict(). The rules (see the Python module docstring and PROPAGATION.md)
 * are mirrored operation by operation, in the same order, so that the floating-point
 * results agree; tests/unit/test_pathways_js.py checks this for every drug.
 * Dependency-free, ES5.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  }
  if (typeof window !== "undefined") {
    var bl = (window.bonelearn = window.bonelearn || {});
    bl.propagate = api.propagate;
    bl.propagation = api;
  }
})(this, function () {
  "use strict";

  var EPS = 0.005;
  var NOTE = "Teaching device: directions follow signed, cited edges with illustrative " +
    "weights; they are not quantitative predictions for a patient.";
  var EVIDENCE_LEVELS = ["hypothesis", "animal", "established"];

  function BonelearnError(name, message) {
    var err = new Error(message);
    err.name = name;
    return err;
  }

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  /* Kahn's algorithm; ties go to the node listed first (same as loader.topological_order). */
  function topologicalOrder(nodeIds, edges) {
    var position = {}, indegree = {}, children = {}, i;
    for (i = 0; i < nodeIds.length; i++) {
      position[nodeIds[i]] = i;
      indegree[nodeIds[i]] = 0;
      children[nodeIds[i]] = [];
    }
    for (i = 0; i < edges.length; i++) {
      children[edges[i][0]].push(edges[i][1]);
      indegree[edges[i][1]] += 1;
    }
    var byPos = function (a, b) { return position[a] - position[b]; };
    var ready = nodeIds.filter(function (n) { return indegree[n] === 0; }).sort(byPos);
    var order = [];
    while (ready.length) {
      var n = ready.shift();
      order.push(n);
      for (var j = 0; j < children[n].length; j++) {
        var c = children[n][j];
        indegree[c] -= 1;
        if (indegree[c] === 0) {
          ready.push(c);
          ready.sort(byPos);
        }
      }
    }
    if (order.length < nodeIds.length) {
      throw BonelearnError("DataFileError", "the propagation graph has a cycle");
    }
    return order;
  }

  /* Derived tables of a kbDict, cached on the object (kbDict is treated as read-only). */
  function prepare(kb) {
    if (kb.__blPrepared) return kb.__blPrepared;
    var nodes = {}, edges = {}, drugs = {}, incoming = {}, ids = [], links = [], outcomes = [];
    var source = kb.source, i;
    for (i = 0; i < kb.nodes.length; i++) {
      var n = kb.nodes[i];
      nodes[n.id] = n;
      ids.push(n.id);
      incoming[n.id] = [];
      if (n.kind === "outcome") outcomes.push(n.id);
      if (!source && n.kind === "stimulus") source = n.id;
    }
    for (i = 0; i < kb.edges.length; i++) {
      var e = kb.edges[i];
      edges[e.id] = e;
      if (!e.feedback) {
        incoming[e.target].push(e);
        links.push([e.source, e.target]);
      }
    }
    for (i = 0; i < kb.drugs.length; i++) drugs[kb.drugs[i].id] = kb.drugs[i];
    var prepared = {
      nodes: nodes, edges: edges, drugs: drugs, incoming: incoming, ids: ids,
      outcomes: outcomes, source: source, order: topologicalOrder(ids, links),
      eps: kb.params && typeof kb.params.eps === "number" ? kb.params.eps : EPS,
      note: kb.params && typeof kb.params.note === "string" ? kb.params.note : NOTE
    };
    try {
      Object.defineProperty(kb, "__blPrepared", { value: prepared, enumerable: false });
    } catch (ignore) { /* frozen object: recompute next time */ }
    return prepared;
  }

  function checkInflammation(value) {
    if (typeof value !== "number") {
      throw BonelearnError("ParameterError",
        "inflammation must be a number in [0, 1], got " + JSON.stringify(value));
    }
    if (!isFinite(value) || value < 0 || value > 1) {
      throw BonelearnError("ParameterError",
        "inflammation must be a finite number in [0, 1], got " + String(value));
    }
    return value;
  }

  function checkDrugs(P, drugs) {
    if (typeof drugs === "string") {
      throw BonelearnError("ParameterError",
        "drugs must be a list of drug ids, not the string " + JSON.stringify(drugs));
    }
    if (drugs === null || drugs === undefined || typeof drugs.length !== "number") {
      throw BonelearnError("ParameterError", "drugs must be a list of drug ids");
    }
    var seen = {}, out = [];
    for (var i = 0; i < drugs.length; i++) {
      var d = drugs[i];
      if (typeof d !== "string" || !has(P.drugs, d)) {
        throw BonelearnError("UnknownItemError", "unknown drug " + JSON.stringify(d) +
          "; known drugs: " + Object.keys(P.drugs).sort().join(", "));
      }
      if (!seen[d]) {
        seen[d] = true;
        out.push(d);
      }
    }
    return out.sort();
  }

  function direction(a, eps) {
    return a > eps ? "up" : a < -eps ? "down" : "unchanged";
  }

  /* Largest candidate with the sign of a (first of equals); null if a == 0. */
  function pick(cands, a) {
    var sign = a > 0 ? 1.0 : a < 0 ? -1.0 : 0.0;
    var best = null;
    for (var i = 0; i < cands.length; i++) {
      var v = cands[i][0];
      if (sign * v > 0 && (best === null || sign * v > sign * best[0])) best = cands[i];
    }
    return best;
  }

  function follow(P, run, nid, best, chains) {
    if (best === null) return null;
    if (best[1] === null) {
      var acts = run.actors[nid], strongest = acts[0];
      for (var i = 1; i < acts.length; i++) {
        if (acts[i][1] > strongest[1]) strongest = acts[i];
      }
      return [strongest[0] + ":" + nid];
    }
    var prev = chains[P.edges[best[1]].source] || [];
    return prev.concat([best[1]]);
  }

  function basalOf(node) {
    return typeof node.basal === "number" ? node.basal : 0.0;
  }

  function runOnce(P, drugs, inflammation) {
    var keep = {}, actors = {}, i, j;
    for (i = 0; i < drugs.length; i++) {
      var targets = P.drugs[drugs[i]].targets;
      for (j = 0; j < targets.length; j++) {
        var t = targets[j];
        keep[t.node] = (has(keep, t.node) ? keep[t.node] : 1.0) * (1.0 - t.strength);
        (actors[t.node] = actors[t.node] || []).push([drugs[i], t.strength]);
      }
    }
    var run = { act: {}, trace: {}, actors: actors, keep: keep, raw: {}, contrib: {} };
    for (i = 0; i < P.order.length; i++) {
      var nid = P.order[i], node = P.nodes[nid];
      if (nid === P.source) {
        run.act[nid] = inflammation;
        run.raw[nid] = inflammation;
        run.trace[nid] = [];
        continue;
      }
      var k = has(keep, nid) ? keep[nid] : 1.0;
      var raw = 0.0, cands = [], inc = P.incoming[nid];
      for (j = 0; j < inc.length; j++) {
        var e = inc[j];
        var c = e.weight * run.act[e.source];
        if (e.sign === "inhibits") c = -c;
        run.contrib[e.id] = c;
        raw += c;
        cands.push([k * c, e.id]);
      }
      var a;
      if (node.kind === "outcome") {
        a = raw;
      } else {
        var basal = basalOf(node);
        a = Math.max(k * (basal + raw) - basal, -basal);
        if (has(actors, nid)) cands.push([(k - 1.0) * basal, null]);
      }
      run.act[nid] = a;
      run.raw[nid] = raw;
      run.trace[nid] = follow(P, run, nid, pick(cands, a), run.trace);
    }
    return run;
  }

  function effectChains(P, treated, base) {
    var chains = {};
    for (var i = 0; i < P.order.length; i++) {
      var nid = P.order[i], node = P.nodes[nid];
      if (nid === P.source) {
        chains[nid] = [];
        continue;
      }
      var k = has(treated.keep, nid) ? treated.keep[nid] : 1.0;
      var cands = [], inc = P.incoming[nid];
      for (var j = 0; j < inc.length; j++) {
        var id = inc[j].id;
        cands.push([k * (treated.contrib[id] - base.contrib[id]), id]);
      }
      if (node.kind !== "outcome" && has(treated.actors, nid)) {
        cands.push([(k - 1.0) * (basalOf(node) + base.raw[nid]), null]);
      }
      var delta = treated.act[nid] - base.act[nid];
      chains[nid] = follow(P, treated, nid, pick(cands, delta), chains);
    }
    return chains;
  }

  function evidenceOf(P, chain) {
    if (!chain.length) return null;
    var best = EVIDENCE_LEVELS.length - 1;
    for (var i = 0; i < chain.length; i++) {
      var level = chain[i].indexOf(":") >= 0 ? "established" : P.edges[chain[i]].evidence;
      best = Math.min(best, EVIDENCE_LEVELS.indexOf(level));
    }
    return EVIDENCE_LEVELS[best];
  }

  function propagate(kb, drugs, inflammation) {
    var P = prepare(kb);
    var level = checkInflammation(inflammation);
    var selected = checkDrugs(P, drugs);
    var run = runOnce(P, selected, level);
    var base = selected.length ? runOnce(P, [], level) : run;
    var echains = effectChains(P, run, base);
    var eps = P.eps, nodesOut = {}, outcomesOut = {}, i;
    for (i = 0; i < P.ids.length; i++) {
      var nid = P.ids[i], a = run.act[nid], dir = direction(a, eps);
      var chain = dir !== "unchanged" ? (run.trace[nid] || []) : [];
      var by = (run.actors[nid] || []).map(function (x) { return x[0]; });
      nodesOut[nid] = {
        direction: dir, blocked: by.length > 0, blocked_by: by, score: a,
        chain: chain.slice(), evidence: evidenceOf(P, chain)
      };
    }
    for (i = 0; i < P.outcomes.length; i++) {
      var oid = P.outcomes[i], s = nodesOut[oid];
      var delta = run.act[oid] - base.act[oid];
      var effect = delta < -eps ? "reduces" : delta > eps ? "increases" : "no_change";
      outcomesOut[oid] = {
        direction: s.direction, score: s.score, chain: s.chain.slice(), evidence: s.evidence,
        delta: delta, effect: effect,
        effect_chain: effect !== "no_change" ? (echains[oid] || []).slice() : []
      };
    }
    return {
      inflammation: level, drugs: selected, eps: eps, note: P.note,
      nodes: nodesOut, outcomes: outcomesOut
    };
  }

  return { propagate: propagate, topologicalOrder: topologicalOrder, EPS: EPS, NOTE: NOTE };
});
