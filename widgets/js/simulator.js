/* bonelearn remodelling simulator: static front end (no kernel).
 *
 * Two modes behind a labelled switch. "Drug as a parameter change (Lemaire 2004)": the
 * Python side (bonelearn.widgets.simulator) renders the controls, three SVG plots and a
 * JSON payload holding the model spec; on every control change this script runs
 * window.bonelearn.remodelling.simulate(spec, controls) (widgets/js/remodelling-model.js),
 * redraws the plots with the shared scaling rules (W.plot, widgets/js/plot.js) and updates
 * the text summary, announced through an aria-live region. Drug effects are a teaching
 * device. "Denosumab schedule (PK-PD model)": the controls and plots of
 * widgets/js/dosing.js (W.dosing.mountPanel) on the payload's "schedule" part.
 */
(function () {
  "use strict";
  var bl = (window.bonelearn = window.bonelearn || {});
  var W = (bl.widgets = bl.widgets || {});
  /* W.registry, W.mountAll and W.nameCopies come from widgets/js/mount.js, W.plot from
     widgets/js/plot.js, W.dosing from widgets/js/dosing.js (all inlined before). */

  function relative(course, baseline, key) {
    return course[key].map(function (v) { return 100 * v / baseline[key]; });
  }
  /* Keep equal to RemodellingSimulator.summary() */
  function summary(data, c, res) {
    var n = res.t.length, vt = res.treated.V[n - 1], vu = res.untreated.V[n - 1];
    var who = c.drug ? data.drugLabels[c.drug] : "no drug";
    var text = "Inflammation " + c.inflammation.toFixed(2) + ", " + who +
      (c.drug ? " from day " + c.start.toFixed(0) + " for " + c.duration.toFixed(0) + " days" : "") +
      ". Bone volume at day " + data.t_end.toFixed(0) + ": " + vu.toFixed(1) + " % without treatment";
    if (c.drug) {
      text += ", " + vt.toFixed(1) + " % with treatment (" + W.plot.signed(100 * (vt - vu) / vu) +
        " % relative change)";
    }
    return text + ".";
  }
  function drugNote(data, drug) {
    if (!drug) return "";
    var e = data.spec.drugs[drug];
    return e.label + ": " + e.mechanism + " " + e.caveat;
  }

  function controls(panel) {
    function val(name) { return panel.querySelector("[name=" + name + "]").value; }
    var drug = val("drug");
    return { inflammation: parseFloat(val("inflammation")), drug: drug === "none" ? null : drug,
             start: parseFloat(val("start")), duration: parseFloat(val("duration")) };
  }

  /* Recompute and redraw the parameter-change mode under `panel` (Lemaire 2004 with the
     drug mapped onto parameters); the state the tests read goes to holder._blState. */
  function update(panel, data, holder) {
    var c = controls(panel);
    ["inflammation", "start", "duration"].forEach(function (name) {
      panel.querySelector("output[name=" + name + "-value]").textContent =
        name === "inflammation" ? c.inflammation.toFixed(2) : c[name].toFixed(0);
    });
    var res = bl.remodelling.simulate(data.spec, {
      inflammation: c.inflammation, drug: c.drug, start: c.start, duration: c.duration,
      t_end: data.t_end, n_points: data.n_points });
    var tEnd = data.t_end;
    var w0 = c.drug ? Math.min(Math.max(c.start, 0), tEnd) : 0;
    var w1 = c.drug ? Math.min(Math.max(c.start + c.duration, 0), tEnd) : 0;
    var series = {};
    data.panels.forEach(function (p) {
      var key = p[0];
      var tr = relative(res.treated, res.baseline, key), un = relative(res.untreated, res.baseline, key);
      series[key] = { treated: tr, untreated: un };
      W.plot.draw(panel, key, res.t, tr, un, tEnd, w0, w1);
    });
    /* Under "No drug" the day controls cannot act: disabled, with the reason shown; the
       treated curve (equal to the untreated one) and its legend entries are hidden. */
    ["start", "duration"].forEach(function (name) {
      var input = panel.querySelector("input[name=" + name + "]");
      input.disabled = !c.drug;
      input.closest(".bl-control").classList.toggle("bl-disabled", !c.drug);
    });
    var reason = panel.querySelector(".bl-reason");
    var because = c.drug ? "" : data.noDrugReason;
    if (reason.textContent !== because) reason.textContent = because;
    panel.querySelector(".bl-plot-set").classList.toggle("bl-untreated-only", !c.drug);
    panel.querySelector(".bl-summary").textContent = summary(data, c, res);
    panel.querySelector(".bl-drug-note").textContent = drugNote(data, c.drug);
    holder._blState = { mode: "parameter", controls: c, t: res.t, series: series };
  }

  function mountParameterMode(panel, data, holder) {
    function redraw() { update(panel, data, holder); }
    panel.addEventListener("input", function (ev) {
      if (ev.target.matches("input[type=range]")) redraw();
    });
    panel.addEventListener("change", function (ev) {
      if (ev.target.matches("select")) redraw();
    });
    redraw();
    return redraw;
  }

  /* The two modes are two panels rendered by Python: the active one sits in
     .bl-mode-slot, the other in <template class="bl-mode-store"> (inert, out of the
     accessibility tree and of querySelector). The switch swaps them, keeping each
     panel's control values, and redraws the one shown. */
  function mount(root) {
    var data = JSON.parse(root.querySelector("script.bl-data").textContent);
    var missing = [];
    if (!W.plot) missing.push("plot.js");
    if (!bl.remodelling || typeof bl.remodelling.simulate !== "function") {
      missing.push("remodelling-model.js");
    }
    if (!W.dosing) missing.push("dosing.js");
    if (missing.length) {
      root.querySelector(".bl-summary").textContent =
        "The interactive part needs " + missing.join(", ") + ", which did not load.";
      return;
    }
    var slot = root.querySelector(".bl-mode-slot");
    var store = root.querySelector("template.bl-mode-store");
    var panels = {}, redraw = {};
    [store.content.firstElementChild, slot.firstElementChild].forEach(function (el) {
      panels[el.getAttribute("data-mode")] = el;
      /* the hidden mode first, so that holder._blState ends with the mode shown */
      redraw[el.getAttribute("data-mode")] = el.getAttribute("data-mode") === "schedule"
        ? W.dosing.mountPanel(el, data.schedule, root)
        : mountParameterMode(el, data, root);
    });
    function show(mode) {
      var current = slot.firstElementChild;
      if (!panels[mode] || current === panels[mode]) return;
      store.content.appendChild(current);
      slot.appendChild(panels[mode]);
      root.setAttribute("data-mode", mode);
      redraw[mode]();
      W.nameCopies(document);
    }
    root.addEventListener("change", function (ev) {
      if (ev.target.matches("input[type=radio][data-bl-mode]") && ev.target.checked) {
        show(ev.target.value);
      }
    });
  }

  W.registry["remodelling-simulator"] = mount;
  W.simulator = { update: update };
})();
