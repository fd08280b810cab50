/*
 * bonelearn denosumab model, browser side: a dependency-free port of
 * bonelearn.models.denosumab.DenosumabPivonka (denosumab pharmacokinetics, RANKL binding,
 * Pivonka 2008 cells with the Martínez-Reina and Pivonka 2019 parameter set, bone volume
 * fraction and the daily mineralisation queue that gives the BMD readout).
 *
 * The spec (parameters, steady state) comes from bonelearn.widgets.dosing.model_spec();
 * every value in it names its source on the Python side. No mechanics, no
 * postmenopausal-osteoporosis driver (the widget starts from the healthy steady state).
 *
 * Numerics: classical Runge-Kutta (RK4) on (ln OBp, ln OBa, ln OCa, vb, A, C) with steps of
 * at most spec.max_step_days (0.25 day) between consecutive events (whole days, output
 * times, injections); an injection adds dose F / V_c to the depot A. The queue is advanced
 * once a day, as in Python, and BMD is interpolated linearly between days.
 *
 * Usage: window.bonelearn.denosumab.simulate(spec, controls) or, in Node,
 * require("./denosumab-model.js").simulate(spec, controls), where controls =
 * {first, interval, n_doses, dose_mg, t_end, n_points} (days, mg).
 */
(function () {
  "use strict";

  function fail(msg) {
    throw new Error("bonelearn.denosumab: " + msg);
  }

  function num(name, v, lo, hi) {
    if (typeof v !== "number" || !isFinite(v)) fail(name + " must be a finite number, got " + v);
    if (v < lo || v > hi) fail(name + " = " + v + " is outside [" + lo + ", " + hi + "]");
    return v;
  }

  function act(x, k) { return x / (x + k); }
  function rep(x, k) { return k / (x + k); }

  /* Right-hand side in u = (ln OBp, ln OBa, ln OCa, vb, A, C); mirrors DenosumabPivonka._derivs. */
  function makeRhs(spec) {
    var p = spec.params, ss = spec.steady_state;
    var pth = p.beta_PTH / p.D_PTH;
    var pthAct = act(pth, p.K_D5), pthRep = rep(pth, p.K_D7);
    var tgfActSs = act(p.alpha * p.k_res * ss.OCa / p.D_TGFb, p.K_D1);
    var decoyPerNgMl = p.chi * p.K_A_den * 1e6 / p.molar_mass;
    return function (u, out) {
      var obp = Math.exp(u[0]), oba = Math.exp(u[1]), oca = Math.exp(u[2]);
      var c = u[5] > 0 ? u[5] : 0;
      var tgf = p.alpha * p.k_res * oca / p.D_TGFb;
      var prodOpg = p.p_OPG * oba * pthRep;
      var opg = prodOpg * p.C_OPG_max / (prodOpg + p.D_OPG * p.C_OPG_max);
      var eff = p.R_RANKL * obp * pthAct;
      var rankl = eff / (1 + p.K_A1 * opg + p.K_A2 * p.RANK + decoyPerNgMl * c) *
        p.beta_RANKL / (p.beta_RANKL + p.D_RANKL * eff);
      var occupancy = act(p.K_A2 * p.RANK * rankl, p.K_D8);
      var tgfAct = act(tgf, p.K_D1);
      var diff = p.D_OBp * rep(tgf, p.K_D2) * obp;
      var dObp = p.D_OBu * tgfAct - diff + p.a_prolif * p.D_OBu * (tgfActSs * obp / ss.OBp - tgfAct);
      var dOba = diff - p.A_OBa * oba;
      var dOca = p.D_OCp * occupancy - p.A_OCa * act(tgf, p.K_D3) * oca;
      out[0] = dObp / obp;
      out[1] = dOba / oba;
      out[2] = dOca / oca;
      out[3] = p.k_form * oba - p.k_res_bv * oca;
      out[4] = -p.k_a * u[4];
      out[5] = p.k_a * u[4] - p.V_max / p.V_c * u[5] / (p.K_m + u[5]) - p.k_el * u[5];
      return rankl;
    };
  }

  var N = 6, k1 = new Float64Array(N), k2 = new Float64Array(N), k3 = new Float64Array(N);
  var k4 = new Float64Array(N), tmp = new Float64Array(N);
  function rk4(f, u, h, n) {
    var i, j;
    for (j = 0; j < n; j++) {
      f(u, k1);
      for (i = 0; i < N; i++) tmp[i] = u[i] + 0.5 * h * k1[i];
      f(tmp, k2);
      for (i = 0; i < N; i++) tmp[i] = u[i] + 0.5 * h * k2[i];
      f(tmp, k3);
      for (i = 0; i < N; i++) tmp[i] = u[i] + h * k3[i];
      f(tmp, k4);
      for (i = 0; i < N; i++) u[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
  }

  /* Mineral content by packet age 0..n-1 days; mirrors bonelearn.models.denosumab.mineral_law. */
  function mineralLaw(p) {
    var n = Math.floor(p.queue_days), m = new Array(n);
    for (var a = 0; a < n; a++) {
      if (a <= p.lag) m[a] = 0;
      else if (a <= p.lag + p.t_prim) m[a] = p.v_prim * (a - p.lag) / p.t_prim;
      else m[a] = p.v_max + (p.v_prim - p.v_max) * Math.exp(-p.kappa * (a - p.lag - p.t_prim));
    }
    m[n - 1] = p.v_max;
    return m;
  }

  /* The daily queue of bonelearn.models.denosumab.mineral_queue (which computes it in
   * closed form), in O(lag + t_prim) work per day instead of one pass over 1000 packets:
   * - young packets (age <= lag) sit in a small array and are not resorbed;
   * - old packets (lag < age <= n - 2) sit in a ring buffer as q / S, where S is the running
   *   product of the daily survival 1 - resorbed / vb, so ageing them is a move of the
   *   ring's head and resorbing them is one multiplication of S;
   * - beyond the primary phase the mineral law is v_max + (law[A] - v_max) e^(-kappa (a - A)),
   *   so the mineral of those packets needs only their sum and one exponentially weighted
   *   sum, each updated as packets enter and leave; the primary-phase packets (at most
   *   t_prim of them) are summed directly.
   * The oldest bone (the queue's last element) holds the rest of the volume at v_max. */
  function mineralQueue(p, oba, oca, vb) {
    var n = Math.floor(p.queue_days), lag = Math.floor(p.lag), law = mineralLaw(p);
    var vmax = law[n - 1], A = lag + 1, a;
    while (A < n - 1 && A <= p.lag + p.t_prim) A++;  /* first age on the exponential branch */
    var L = n - 2 - lag;                               /* number of old packets */
    var decay = Math.exp(-p.kappa), amp = law[A] - vmax;
    var wLeave = Math.exp(-p.kappa * (n - 2 - A));
    var young = new Float64Array(lag + 1), ring = new Float64Array(L), head = 0;
    var S = 1, sumOld = 0, expSum = 0;
    /* ring[(head + a - lag - 1) mod L] holds the packet of age a (old ages lag+1 .. n-2) */
    function at(age) { return ring[(head + age - lag - 1) % L]; }
    function step(ob, oc, v) {
      var frac = v / 100, keep = 1 - p.k_res_bv * oc / 100 / frac, i;
      var entering = young[lag] / S;          /* q / S_old, i.e. (q keep) / S_new */
      var leaving = at(n - 2), crossing = at(A - 1);
      expSum = (expSum - leaving * wLeave) * decay + (A - 1 > lag ? crossing : entering);
      sumOld += entering - leaving;
      head = (head - 1 + L) % L;
      ring[head] = entering;
      S *= keep;
      for (i = lag; i > 0; i--) young[i] = young[i - 1];
      young[0] = p.k_form * ob / 100;
      var sumYoung = 0, primary = 0, primarySum = 0, x;
      for (i = 0; i <= lag; i++) sumYoung += young[i];
      for (a = lag + 1; a < A; a++) {
        x = at(a);
        primarySum += x;
        primary += x * law[a];
      }
      var packets = sumYoung + S * sumOld;
      var mineral = S * (primary + vmax * (sumOld - primarySum) + amp * expSum);
      return mineral + vmax * Math.max(frac - packets, 0);
    }
    var vol = new Array(oba.length), content = new Array(oba.length), bmd = new Array(oba.length);
    for (var d = 0; d < n; d++) vol[0] = step(oba[0], oca[0], vb[0]);
    for (d = 1; d < oba.length; d++) vol[d] = step(oba[d], oca[d], vb[d]);
    for (d = 0; d < oba.length; d++) {
      content[d] = vol[d] / (vb[d] / 100);
      bmd[d] = 100 * vol[d] / vol[0];
    }
    return { content: content, bmd: bmd };
  }

  function interp(t, days, y) {
    var i = Math.min(Math.floor(t), days.length - 2);
    if (i < 0) return y[0];
    var f = t - days[i];
    return f <= 0 ? y[i] : y[i] + (y[i + 1] - y[i]) * Math.min(f, 1);
  }

  function simulate(spec, controls) {
    var c = controls || {};
    var p = spec.params;
    var first = num("first", c.first === undefined ? 0 : c.first, 0, 36500);
    var interval = num("interval", c.interval === undefined ? 182.5 : c.interval, 1, 3650);
    var nDoses = c.n_doses === undefined ? 1 : c.n_doses;
    if (!(typeof nDoses === "number" && Math.floor(nDoses) === nDoses && nDoses >= 0 && nDoses <= 100)) {
      fail("n_doses must be an integer in [0, 100], got " + nDoses);
    }
    var doseMg = num("dose_mg", c.dose_mg === undefined ? 60 : c.dose_mg, 0, 1000);
    var tEnd = num("t_end", c.t_end === undefined ? 3650 : c.t_end, 1, 36500);
    var nPoints = c.n_points === undefined ? 501 : c.n_points;
    if (!(nPoints >= 2 && Math.floor(nPoints) === nPoints)) fail("n_points must be an integer >= 2");

    var times = new Array(nPoints), i;
    for (i = 0; i < nPoints; i++) times[i] = tEnd * i / (nPoints - 1);
    var nDays = Math.floor(tEnd) + 1, doses = [];
    for (i = 0; i < nDoses; i++) if (first + i * interval < tEnd) doses.push(first + i * interval);
    var jump = doseMg * 1e6 * p.F / (p.V_c * p.body_weight);

    /* events: whole days, output times, injections (each list sorted; merged, unique) */
    var events = [], di = 0, ti = 0, xi = 0, next;
    while (di < nDays || ti < nPoints || xi < doses.length) {
      next = Math.min(di < nDays ? di : Infinity, ti < nPoints ? times[ti] : Infinity,
                      xi < doses.length ? doses[xi] : Infinity);
      events.push(next);
      if (di < nDays && di === next) di++;
      if (ti < nPoints && times[ti] === next) ti++;
      if (xi < doses.length && doses[xi] === next) xi++;
    }
    var doseIdx = 0;

    var ss = spec.steady_state, f = makeRhs(spec), scratch = new Array(6);
    var u = [Math.log(ss.OBp), Math.log(ss.OBa), Math.log(ss.OCa), p.vb0, 0, 0];
    var names = ["OBp", "OBa", "OCa", "vb", "A", "C", "RANKL"];
    var res = {}, k = 0;
    names.forEach(function (n) { res[n] = new Array(nPoints); });
    var daily = { OBa: new Array(nDays), OCa: new Array(nDays), vb: new Array(nDays) };
    var t = 0, hMax = spec.max_step_days;
    events.forEach(function (e) {
      if (e > t) {
        var n = Math.max(1, Math.ceil((e - t) / hMax - 1e-9));
        rk4(f, u, (e - t) / n, n);
        t = e;
      }
      if (doseIdx < doses.length && doses[doseIdx] === e) { u[4] += jump; doseIdx++; }
      if (Math.floor(e) === e && e < nDays) {
        daily.OBa[e] = Math.exp(u[1]); daily.OCa[e] = Math.exp(u[2]); daily.vb[e] = u[3];
      }
      while (k < nPoints && times[k] === e) {
        var rankl = f(u, scratch);
        res.OBp[k] = Math.exp(u[0]); res.OBa[k] = Math.exp(u[1]); res.OCa[k] = Math.exp(u[2]);
        res.vb[k] = u[3]; res.A[k] = u[4]; res.C[k] = u[5]; res.RANKL[k] = rankl;
        k++;
      }
    });
    for (i = 0; i < nDays; i++) {
      if (daily.vb[i] < 1) fail("the bone volume fraction falls below 1 % at day " + i);
    }
    var dayIdx = [];
    for (i = 0; i < nDays; i++) dayIdx.push(i);
    var q = mineralQueue(p, daily.OBa, daily.OCa, daily.vb);
    res.BMD = times.map(function (tt) { return interp(tt, dayIdx, q.bmd); });
    res.mineral = times.map(function (tt) { return interp(tt, dayIdx, q.content); });
    res.t = times;
    res.doses = doses;
    res.steady_state = ss;
    return res;
  }

  var api = { simulate: simulate, mineralLaw: mineralLaw };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof window !== "undefined") {
    window.bonelearn = window.bonelearn || {};
    window.bonelearn.denosumab = api;
  }
})();
