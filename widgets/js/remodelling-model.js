/*
 * bonelearn remodelling model, browser side: a dependency-free port of
 * bonelearn.models.scenarios.simulate_scenario (Lemaire et al. 2004, J Theor Biol
 * 229:293-309, with the course's added bone volume V).
 *
 * TEACHING DEVICE: the disease and drug mappings come from the spec produced by
 * bonelearn.models.scenarios.scenario_spec(); they show directions of effect only.
 *
 * Numerics: classical fixed-step Runge-Kutta (RK4) on (ln R, ln B, ln C, V), so the cell
 * populations stay positive. The step is spec.integrator.max_step_days (0.25 day): every
 * interval between output times and phase switches is cut into equal steps no longer
 * than that. Time in days, cells in pM, V in % of baseline.
 *
 * Usage: window.bonelearn.remodelling.simulate(spec, controls) or, in Node,
 * require("./remodelling-model.js").simulate(spec, controls), where controls =
 * {inflammation, drug (id or null), start, duration, t_end, n_points}.
 */
(function (root) {
  "use strict";

  var DRIVES = ["rankl", "opg", "wnt"];

  function fail(msg) {
    throw new Error("bonelearn.remodelling: " + msg);
  }

  function num(name, v, lo, hi) {
    if (typeof v !== "number" || !isFinite(v)) fail(name + " must be a finite number, got " + v);
    if (v < lo || v > hi) fail(name + " = " + v + " is outside [" + lo + ", " + hi + "]");
    return v;
  }

  /* Parameter multipliers and inputs (pM/day) for one phase; mirrors scenarios.effective. */
  function effective(spec, x, drug) {
    var entry = drug === null ? {} : spec.drugs[drug];
    var blocks = entry.blocks || {};
    var drive = { rankl: 0, opg: 0, wnt: 0 };
    var meds = spec.inflammation.mediators;
    Object.keys(meds).forEach(function (m) {
      var level = x * (1 - (blocks[m] || 0));
      DRIVES.forEach(function (k) { drive[k] += (meds[m].weights[k] || 0) * level; });
    });
    var mx = spec.inflammation.max_effects;
    var mult = { K_OP: 1 - drive.opg * mx.opg_suppression,
                 D_R: 1 - drive.wnt * mx.osteoblast_suppression };
    var dm = entry.multipliers || {};
    Object.keys(dm).forEach(function (p) { mult[p] = (p in mult ? mult[p] : 1) * dm[p]; });
    var inputs = { RANKL: drive.rankl * mx.rankl_input, OPG: 0, PTH: 0 };
    var di = entry.inputs || {};
    Object.keys(di).forEach(function (k) { inputs[k] += di[k]; });
    return { mult: mult, inputs: inputs };
  }

  /* Right-hand side in u = (ln R, ln B, ln C, V) for fixed parameters and inputs. */
  function makeRhs(spec, eff) {
    var p = {};
    Object.keys(spec.params).forEach(function (k) {
      p[k] = spec.params[k] * (k in eff.mult ? eff.mult[k] : 1);
    });
    var iL = eff.inputs.RANKL, iO = eff.inputs.OPG, iP = eff.inputs.PTH;
    var kForm = p.turnover / spec.volume_reference.B;
    var kRes = p.turnover / spec.volume_reference.C;
    var dB = p.f0 * p.d_B;
    var piP = (iP / p.k_P + p.S_P / p.k_P) / (iP / p.k_P + p.k6 / p.k5);
    var den0 = 1 + p.k3 * p.K / p.k4;
    var kOPG = p.k1 / (p.k2 * p.k_O);
    return function (u, out) {
      var r = Math.exp(u[0]), b = Math.exp(u[1]), c = Math.exp(u[2]);
      var piC = (c + p.f0 * p.C_s) / (c + p.C_s);
      var piL = p.k3 / p.k4 * p.K_LP * piP * b / (den0 + kOPG * (p.K_OP * r / piP + iO)) *
        (1 + iL / p.r_L);
      out[0] = (p.D_R * piC - dB / piC * r) / r;
      out[1] = (dB / piC * r - p.k_B * b) / b;
      out[2] = (p.D_C * piL - p.D_A * piC * c) / c;
      out[3] = kForm * b - kRes * c;
    };
  }

  function rk4(f, u, h, n) {
    var k1 = [0, 0, 0, 0], k2 = [0, 0, 0, 0], k3 = [0, 0, 0, 0], k4 = [0, 0, 0, 0];
    var tmp = [0, 0, 0, 0], i, j;
    for (j = 0; j < n; j++) {
      f(u, k1);
      for (i = 0; i < 4; i++) tmp[i] = u[i] + 0.5 * h * k1[i];
      f(tmp, k2);
      for (i = 0; i < 4; i++) tmp[i] = u[i] + 0.5 * h * k2[i];
      f(tmp, k3);
      for (i = 0; i < 4; i++) tmp[i] = u[i] + h * k3[i];
      f(tmp, k4);
      for (i = 0; i < 4; i++) u[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
  }

  /* Consecutive [t0, t1, drug|null] phases; mirrors scenarios.phases. */
  function phases(drug, start, duration, tEnd) {
    var stop = start + duration;
    if (drug === null || duration === 0 || start >= tEnd) return [[0, tEnd, null]];
    var set = {}, edges;
    [0, start, Math.min(stop, tEnd), tEnd].forEach(function (e) { set[e] = e; });
    edges = Object.keys(set).map(function (k) { return set[k]; })
      .sort(function (a, b) { return a - b; });
    var out = [];
    for (var i = 0; i + 1 < edges.length; i++) {
      out.push([edges[i], edges[i + 1], (start <= edges[i] && edges[i] < stop) ? drug : null]);
    }
    return out;
  }

  function course(spec, x, drug, start, duration, tEnd, times) {
    var hMax = spec.integrator.max_step_days;
    var names = spec.state_names;
    var res = {};
    names.forEach(function (n) { res[n] = new Array(times.length); });
    var u = [Math.log(spec.initial.R), Math.log(spec.initial.B), Math.log(spec.initial.C),
             spec.initial.V];
    var ph = phases(drug, start, duration, tEnd);
    var k = 0;  // next output index
    var record = function () {
      res.R[k] = Math.exp(u[0]); res.B[k] = Math.exp(u[1]); res.C[k] = Math.exp(u[2]);
      res.V[k] = u[3]; k++;
    };
    record();
    ph.forEach(function (seg) {
      var f = makeRhs(spec, effective(spec, x, seg[2]));
      var t = seg[0];
      while (t < seg[1]) {
        var next = (k < times.length && times[k] <= seg[1]) ? times[k] : seg[1];
        var n = Math.max(1, Math.ceil((next - t) / hMax - 1e-9));
        if (next > t) rk4(f, u, (next - t) / n, n);
        t = next;
        if (k < times.length && times[k] === t) record();
      }
    });
    return res;
  }

  function simulate(spec, controls) {
    var c = controls || {};
    var x = num("inflammation", c.inflammation, 0, 1);
    var drug = c.drug === undefined || c.drug === null || c.drug === "" ? null : c.drug;
    if (drug !== null && !Object.prototype.hasOwnProperty.call(spec.drugs, drug)) {
      fail("unknown drug " + JSON.stringify(drug) + "; known: " + Object.keys(spec.drugs).join(", "));
    }
    var start = num("start", c.start === undefined ? 180 : c.start, 0, Infinity);
    var duration = num("duration", c.duration === undefined ? 365 : c.duration, 0, Infinity);
    var tEnd = num("t_end", c.t_end === undefined ? 1095 : c.t_end, 1e-9, 36500);
    var nPoints = c.n_points === undefined ? 366 : c.n_points;
    if (!(nPoints >= 2 && Math.floor(nPoints) === nPoints)) fail("n_points must be an integer >= 2");
    var times = new Array(nPoints);
    for (var i = 0; i < nPoints; i++) times[i] = i === nPoints - 1 ? tEnd : tEnd * i / (nPoints - 1);
    var untreated = course(spec, x, null, start, duration, tEnd, times);
    return {
      t: times,
      treated: drug === null ? untreated : course(spec, x, drug, start, duration, tEnd, times),
      untreated: untreated,
      baseline: spec.initial,
      teaching_device: true,
      label: spec.caveat
    };
  }

  var api = { simulate: simulate, effective: effective, phases: phases };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof window !== "undefined") {
    window.bonelearn = window.bonelearn || {};
    window.bonelearn.remodelling = api;
  }
})(this);
