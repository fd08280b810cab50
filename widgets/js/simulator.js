/* bonelearn remodelling simulator: static front end (no kernel).
 *
 * The Python side (bonelearn.widgets.simulator) renders the controls, three SVG plots and
 * a JSON payload holding the model spec. On every control change this script runs
 * window.bonelearn.remodelling.simulate(spec, controls) (widgets/js/remodelling-model.js)
 * and redraws the polylines, tick labels and drug window with the scaling rules of
 * bonelearn.widgets.plots (extent, stride), then updates the text summary, which is
 * announced through an aria-live region. Drug effects are a teaching device.
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
  function relative(course, baseline, key) {
    return course[key].map(function (v) { return 100 * v / baseline[key]; });
  }
  function signed(v) { return (v >= 0 ? "+" : "") + v.toFixed(1); }

  /* Keep equal to RemodellingSimulator.summary() */
  function summary(data, c, res) {
    var n = res.t.length, vt = res.treated.V[n - 1], vu = res.untreated.V[n - 1];
    var who = c.drug ? data.drugLabels[c.drug] : "no drug";
    var text = "Inflammation " + c.inflammation.toFixed(2) + ", " + who +
      (c.drug ? " from day " + c.start.toFixed(0) + " for " + c.duration.toFixed(0) + " days" : "") +
      ". Bone volume at day " + data.t_end.toFixed(0) + ": " + vu.toFixed(1) + " % without treatment";
    if (c.drug) {
      text += ", " + vt.toFixed(1) + " % with treatment (" + signed(100 * (vt - vu) / vu) +
        " % relative change)";
    }
    return text + ".";
  }
  function drugNote(data, drug) {
    if (!drug) return "";
    var e = data.spec.drugs[drug];
    return e.label + ": " + e.mechanism + " " + e.caveat;
  }

  function controls(root) {
    function val(name) { return root.querySelector("[name=" + name + "]").value; }
    var drug = val("drug");
    return { inflammation: parseFloat(val("inflammation")), drug: drug === "none" ? null : drug,
             start: parseFloat(val("start")), duration: parseFloat(val("duration")) };
  }

  function update(root, data) {
    var c = controls(root);
    ["inflammation", "start", "duration"].forEach(function (name) {
      root.querySelector("output[name=" + name + "-value]").textContent =
        name === "inflammation" ? c.inflammation.toFixed(2) : c[name].toFixed(0);
    });
    var res = bl.remodelling.simulate(data.spec, {
      inflammation: c.inflammation, drug: c.drug, start: c.start, duration: c.duration,
      t_end: data.t_end, n_points: data.n_points });
    var tEnd = data.t_end, sx = (G.W - G.LEFT - G.RIGHT) / tEnd;
    var w0 = c.drug ? Math.min(Math.max(c.start, 0), tEnd) : 0;
    var w1 = c.drug ? Math.min(Math.max(c.start + c.duration, 0), tEnd) : 0;
    var series = {};
    data.panels.forEach(function (p) {
      var key = p[0], svg = root.querySelector("svg[data-panel=" + key + "]");
      var tr = relative(res.treated, res.baseline, key), un = relative(res.untreated, res.baseline, key);
      series[key] = { treated: tr, untreated: un };
      var ext = extent(tr.concat(un)), lo = ext[0], hi = ext[1];
      svg.querySelector("polyline.bl-treated").setAttribute("points", points(res.t, tr, tEnd, lo, hi));
      svg.querySelector("polyline.bl-untreated").setAttribute("points", points(res.t, un, tEnd, lo, hi));
      var ticks = svg.querySelectorAll("text.bl-ytick");
      for (var i = 0; i < ticks.length; i++) {
        ticks[i].textContent = fmt(lo + Number(ticks[i].getAttribute("data-tick")) * (hi - lo) / 2);
      }
      var band = svg.querySelector("rect.bl-window");
      band.setAttribute("x", (G.LEFT + w0 * sx).toFixed(1));
      band.setAttribute("width", Math.max((w1 - w0) * sx, 0).toFixed(1));
    });
    /* Under "No drug" the day controls cannot act: disabled, with the reason shown; the
       treated curve (equal to the untreated one) and its legend entries are hidden. */
    ["start", "duration"].forEach(function (name) {
      var input = root.querySelector("input[name=" + name + "]");
      input.disabled = !c.drug;
      input.closest(".bl-control").classList.toggle("bl-disabled", !c.drug);
    });
    var reason = root.querySelector(".bl-reason");
    var because = c.drug ? "" : data.noDrugReason;
    if (reason.textContent !== because) reason.textContent = because;
    root.querySelector(".bl-plot-set").classList.toggle("bl-untreated-only", !c.drug);
    root.querySelector(".bl-summary").textContent = summary(data, c, res);
    root.querySelector(".bl-drug-note").textContent = drugNote(data, c.drug);
    root._blState = { controls: c, t: res.t, series: series };
  }

  function mount(root) {
    var data = JSON.parse(root.querySelector("script.bl-data").textContent);
    if (!bl.remodelling || typeof bl.remodelling.simulate !== "function") {
      root.querySelector(".bl-summary").textContent =
        "The interactive part needs remodelling-model.js, which did not load.";
      return;
    }
    root.addEventListener("input", function (ev) {
      if (ev.target.matches("input[type=range]")) update(root, data);
    });
    root.addEventListener("change", function (ev) {
      if (ev.target.matches("select")) update(root, data);
    });
    update(root, data);
  }

  W.registry["remodelling-simulator"] = mount;
  W.simulator = { update: update, extent: extent, stride: stride };
})();
