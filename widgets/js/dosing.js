/* bonelearn denosumab dosing widget: static front end (no kernel).
 *
 * The Python side (bonelearn.widgets.dosing) renders the controls, three SVG plots and a
 * JSON payload holding the model spec. On every control change this script runs
 * window.bonelearn.denosumab.simulate(spec, controls) (widgets/js/denosumab-model.js),
 * redraws the polylines, tick labels and treatment band with the scaling rules of
 * bonelearn.widgets.plots (extent, stride) and updates the text summary, which is announced
 * through an aria-live region.
 */
(function () {
  "use strict";
  var bl = (window.bonelearn = window.bonelearn || {});
  var W = (bl.widgets = bl.widgets || {});
  /* W.registry and W.mountAll come from widgets/js/mount.js, inlined first. */

  /* Geometry and scaling: keep equal to bonelearn/widgets/plots.py */
  var G = { W: 300, H: 180, LEFT: 52, RIGHT: 10, TOP: 24, BOTTOM: 34, MAX_POINTS: 240 };

  function extent(values) {
    var lo = Infinity, hi = -Infinity;
    for (var i = 0; i < values.length; i++) {
      if (values[i] < lo) lo = values[i];
      if (values[i] > hi) hi = values[i];
    }
    var span = hi - lo;
    var pad = span > 1e-12 ? span * 0.08 : Math.max(Math.abs(hi) * 0.05, 1e-9);
    return [lo >= 0 ? Math.max(lo - pad, 0) : lo - pad, hi + pad];
  }
  function stride(n) { return Math.max(1, Math.ceil(n / G.MAX_POINTS)); }
  function fmt(v) { return String(Number(v.toPrecision(3))); }
  function points(t, y, tEnd, lo, hi) {
    var step = stride(t.length), idx = [];
    for (var i = 0; i < t.length; i += step) idx.push(i);
    if (idx[idx.length - 1] !== t.length - 1) idx.push(t.length - 1);
    var sx = (G.W - G.LEFT - G.RIGHT) / tEnd, sy = (G.H - G.TOP - G.BOTTOM) / (hi - lo);
    return idx.map(function (k) {
      return (G.LEFT + t[k] * sx).toFixed(1) + "," + (G.H - G.BOTTOM - (y[k] - lo) * sy).toFixed(1);
    }).join(" ");
  }
  function signed(v) { return (v >= 0 ? "+" : "") + v.toFixed(1); }

  function controls(root, data) {
    var interval = parseInt(root.querySelector("input[name=interval]").value, 10);
    var doses = parseInt(root.querySelector("input[name=doses]").value, 10);
    var keep = root.querySelector("input[name=continue]").checked;
    var days = interval * data.days_per_month;
    var n = keep ? Math.ceil(data.t_end / days - 1e-9) : doses;
    return { interval: interval, doses: doses, keep: keep, days: days, n: n };
  }

  /* Keep equal to DenosumabDosing.summary() */
  function summary(data, c, res) {
    if (c.n === 0) {
      return "No injections: the model stays at its steady state (BMD 100.0 % at day " +
        data.t_end + ").";
    }
    var bmd = res.BMD, peak = 0, i;
    for (i = 1; i < bmd.length; i++) if (bmd[i] > bmd[peak]) peak = i;
    var text = c.n + " injection" + (c.n > 1 ? "s" : "") + " of 60 mg every " + c.interval +
      " month" + (c.interval > 1 ? "s" : "") + ". BMD peaks at " + signed(bmd[peak] - 100) +
      " % on day " + res.t[peak].toFixed(0) + "; at day " + data.t_end + ": " +
      signed(bmd[bmd.length - 1] - 100) + " %.";
    var stop = c.keep ? null : (c.n - 1) * c.days + c.days;
    if (stop === null || stop >= data.t_end) return text + " Treatment runs to the end of the plot.";
    var high = -Infinity;
    for (i = 0; i < res.t.length; i++) if (res.t[i] >= stop && res.OCa[i] > high) high = res.OCa[i];
    return text + " The next injection would have been due on day " + stop.toFixed(0) +
      "; after that, active osteoclasts reach at most " +
      (100 * high / res.OCa[0]).toFixed(1) +
      " % of baseline (no rebound in this model; in people turnover overshoots).";
  }

  function update(root, data) {
    var c = controls(root, data);
    root.querySelector("output[name=interval-value]").textContent = String(c.interval);
    root.querySelector("output[name=doses-value]").textContent = String(c.doses);
    root.querySelector("input[name=doses]").disabled = c.keep;
    var res = bl.denosumab.simulate(data.spec, {
      first: 0, interval: c.days, n_doses: c.n, dose_mg: data.dose_mg, t_end: data.t_end,
      n_points: data.n_points });
    var tEnd = data.t_end, sx = (G.W - G.LEFT - G.RIGHT) / tEnd;
    var stop = c.keep ? tEnd : c.n * c.days;
    var w1 = c.n ? Math.min(Math.max(stop, 0), tEnd) : 0;
    /* rounded to 1e-6 as DenosumabDosing.panels() does: noise never sets a flat plot's scale */
    function r6(v) { return Math.round(v * 1e6) / 1e6; }
    var shown = {
      C: res.C.map(r6),
      OCa: res.OCa.map(function (v) { return r6(100 * v / res.OCa[0]); }),
      BMD: res.BMD.map(r6)
    };
    var flat = { C: 0, OCa: 100, BMD: 100 };
    data.panels.forEach(function (p) {
      var key = p[0], svg = root.querySelector("svg[data-panel=" + key + "]");
      var tr = shown[key], un = tr.map(function () { return flat[key]; });
      var ext = extent(tr.concat(un)), lo = ext[0], hi = ext[1];
      svg.querySelector("polyline.bl-treated").setAttribute("points", points(res.t, tr, tEnd, lo, hi));
      svg.querySelector("polyline.bl-untreated").setAttribute("points", points(res.t, un, tEnd, lo, hi));
      var ticks = svg.querySelectorAll("text.bl-ytick");
      for (var i = 0; i < ticks.length; i++) {
        ticks[i].textContent = fmt(lo + Number(ticks[i].getAttribute("data-tick")) * (hi - lo) / 2);
      }
      var band = svg.querySelector("rect.bl-window");
      band.setAttribute("x", G.LEFT.toFixed(1));
      band.setAttribute("width", Math.max(w1 * sx, 0).toFixed(1));
    });
    root.querySelector(".bl-summary").textContent = summary(data, c, res);
    root._blState = { controls: c, t: res.t, series: shown };
  }

  function mount(root) {
    var data = JSON.parse(root.querySelector("script.bl-data").textContent);
    if (!bl.denosumab || typeof bl.denosumab.simulate !== "function") {
      root.querySelector(".bl-summary").textContent =
        "The interactive part needs denosumab-model.js, which did not load.";
      return;
    }
    root.addEventListener("input", function (ev) {
      if (ev.target.matches("input[type=range]")) update(root, data);
    });
    root.addEventListener("change", function (ev) {
      if (ev.target.matches("input[type=checkbox]")) update(root, data);
    });
    update(root, data);
  }

  W.registry["denosumab-dosing"] = mount;
  W.dosing = { update: update };
})();
