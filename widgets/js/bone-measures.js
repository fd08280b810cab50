/* bonelearn bone measures calculator: static front end (no kernel).
 *
 * The Python side (bonelearn.widgets.measures) renders two panels of labelled number
 * fields and drop-downs and a JSON payload with the constants. On every input this
 * script recomputes with window.bonelearn.measures (widgets/js/bone-measures-model.js)
 * and writes the reading into the panel's aria-live summary, or the error (naming the
 * field) into its role=alert paragraph. A learning tool, not a clinical tool.
 */
(function () {
  "use strict";
  var bl = (window.bonelearn = window.bonelearn || {});
  var W = (bl.widgets = bl.widgets || {});
  /* W.registry and W.mountAll come from widgets/js/mount.js, inlined first. */

  function read(root, name) {
    var el = root.querySelector("[name=" + name + "]");
    return el.value;
  }
  /* An empty required field is null (named as empty), unreadable text NaN. */
  function number(root, name) {
    var text = read(root, name).trim();
    return text === "" ? null : Number(text);
  }
  function optional(root, name) {
    var text = read(root, name).trim();
    return text === "" ? null : Number(text);
  }

  function panel(root, key, compute) {
    var out = root.querySelector("[data-out=" + key + "]");
    var err = root.querySelector("[data-err=" + key + "]");
    try {
      var text = compute();
      out.textContent = text;
      err.textContent = "";
      return { text: text, error: null };
    } catch (e) {
      out.textContent = "";
      err.textContent = e.message;
      return { text: null, error: e.message };
    }
  }

  function update(root, data) {
    var M = bl.measures;
    var scores = panel(root, "scores", function () {
      return M.describeScores(data, M.scores(data, {
        group: read(root, "group"), bmd: number(root, "bmd"),
        young_mean: number(root, "young_mean"), young_sd: number(root, "young_sd"),
        age_mean: optional(root, "age_mean"), age_sd: optional(root, "age_sd") }));
    });
    var change = panel(root, "change", function () {
      return M.describeChange(data, M.change(data, {
        kind: read(root, "kind"), precision: number(root, "precision"),
        first: number(root, "first"), second: number(root, "second") }));
    });
    root._blState = { scores: scores, change: change };
  }

  function mount(root) {
    var data = JSON.parse(root.querySelector("script.bl-data").textContent);
    if (!bl.measures || typeof bl.measures.scores !== "function") {
      root.querySelector("[data-err=scores]").textContent =
        "The interactive part needs bone-measures-model.js, which did not load.";
      return;
    }
    root.addEventListener("input", function () { update(root, data); });
    root.addEventListener("change", function () { update(root, data); });
    update(root, data);
  }

  W.registry["bone-measures"] = mount;
  W.boneMeasures = { update: update };
})();
