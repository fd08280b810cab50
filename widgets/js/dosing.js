/* bonelearn denosumab schedule: static front end (no kernel) of the PK-PD model's controls
 * and plots, used by the remodelling simulator's schedule mode and by the standalone
 * dosing widget (bonelearn.widgets.dosing).
 *
 * The Python side renders the controls, three SVG plots and a JSON payload holding the
 * model spec. On every control change this script runs
 * window.bonelearn.denosumab.simulate(spec, controls) (widgets/js/denosumab-model.js),
 * redraws the plots with the shared scaling rules (W.plot, widgets/js/plot.js) and updates
 * the text summary, which is announced through an aria-live region.
 */
(function () {
  "use strict";
  var bl = (window.bonelearn = window.bonelearn || {});
  var W = (bl.widgets = bl.widgets || {});
  /* W.registry comes from widgets/js/mount.js, W.plot from widgets/js/plot.js. */

  function controls(panel, data) {
    var interval = parseInt(panel.querySelector("input[name=interval]").value, 10);
    var doses = parseInt(panel.querySelector("input[name=doses]").value, 10);
    var keep = panel.querySelector("input[name=continue]").checked;
    var days = interval * data.days_per_month;
    var n = keep ? Math.ceil(data.t_end / days - 1e-9) : doses;
    return { interval: interval, doses: doses, keep: keep, days: days, n: n };
  }

  /* Keep equal to DenosumabDosing.summary() */
  function summary(data, c, res) {
    var signed = W.plot.signed;
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

  /* Recompute and redraw the schedule controls and plots under `panel`; the state the
     tests read goes to holder._blState. */
  function update(panel, data, holder) {
    var c = controls(panel, data);
    panel.querySelector("output[name=interval-value]").textContent = String(c.interval);
    panel.querySelector("output[name=doses-value]").textContent = String(c.doses);
    panel.querySelector("input[name=doses]").disabled = c.keep;
    var res = bl.denosumab.simulate(data.spec, {
      first: 0, interval: c.days, n_doses: c.n, dose_mg: data.dose_mg, t_end: data.t_end,
      n_points: data.n_points });
    var tEnd = data.t_end;
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
      var key = p[0], tr = shown[key];
      W.plot.draw(panel, key, res.t, tr, tr.map(function () { return flat[key]; }), tEnd, 0, w1);
    });
    panel.querySelector(".bl-summary").textContent = summary(data, c, res);
    holder._blState = { controls: c, t: res.t, series: shown };
  }

  /* Wire the controls under `panel` and draw once; returns the redraw function. */
  function mountPanel(panel, data, holder) {
    if (!bl.denosumab || typeof bl.denosumab.simulate !== "function" || !W.plot) {
      panel.querySelector(".bl-summary").textContent =
        "The interactive part needs denosumab-model.js and plot.js, which did not load.";
      return function () {};
    }
    function redraw() { update(panel, data, holder); }
    panel.addEventListener("input", function (ev) {
      if (ev.target.matches("input[type=range]")) redraw();
    });
    panel.addEventListener("change", function (ev) {
      if (ev.target.matches("input[type=checkbox]")) redraw();
    });
    redraw();
    return redraw;
  }

  W.registry["denosumab-dosing"] = function (root) {
    mountPanel(root, JSON.parse(root.querySelector("script.bl-data").textContent), root);
  };
  W.dosing = { update: update, mountPanel: mountPanel };
})();
