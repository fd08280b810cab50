/* bonelearn widget mounting, shared by every static widget front end.
 *
 * Each widget script registers a mount function under its kind in
 * window.bonelearn.widgets.registry; mountAll(scope) mounts every widget root under scope
 * (default: the document) that is not mounted yet. Inlined before the widget scripts by
 * bonelearn.widgets.base.static_fragment, once per page.
 */
(function () {
  "use strict";
  var bl = (window.bonelearn = window.bonelearn || {});
  var W = (bl.widgets = bl.widgets || {});
  W.registry = W.registry || {};
  W.mountAll = function (scope) {
    scope = scope || document;
    if (!scope.querySelectorAll) return;
    var roots = scope.querySelectorAll(".bl-widget[data-bl-widget]:not([data-bl-mounted])");
    for (var i = 0; i < roots.length; i++) {
      var mount = W.registry[roots[i].getAttribute("data-bl-widget")];
      if (mount) {
        roots[i].setAttribute("data-bl-mounted", "true");
        mount(roots[i]);
      }
    }
    W.nameCopies(document);
  };
  /* Widgets that share a name on one page (two explorers of the same view, say) are
   * numbered, in their region label and in the hidden part of each control's label
   * (span.bl-which), so that every control has a unique accessible name. */
  W.nameCopies = function (scope) {
    var roots = scope.querySelectorAll(".bl-widget[data-bl-widget][aria-label]");
    var seen = {}, list = [];
    for (var i = 0; i < roots.length; i++) {
      var r = roots[i];
      if (!r.hasAttribute("data-bl-name")) r.setAttribute("data-bl-name", r.getAttribute("aria-label"));
      var base = r.getAttribute("data-bl-name");
      (seen[base] = seen[base] || []).push(r);
      list.push(r);
    }
    list.forEach(function (r) {
      var same = seen[r.getAttribute("data-bl-name")];
      var name = r.getAttribute("data-bl-name");
      if (same.length > 1) name += " (" + (same.indexOf(r) + 1) + " of " + same.length + ")";
      if (r.getAttribute("aria-label") !== name) r.setAttribute("aria-label", name);
      var named = r.querySelectorAll("[data-bl-named]");
      for (var j = 0; j < named.length; j++) {
        var full = named[j].getAttribute("data-bl-named") + ", " + name;
        if (named[j].getAttribute("aria-label") !== full) named[j].setAttribute("aria-label", full);
      }
      var spans = r.querySelectorAll(".bl-which");
      for (var k = 0; k < spans.length; k++) {
        if (spans[k].textContent !== ", " + name) spans[k].textContent = ", " + name;
      }
    });
  };
  /* Data that every widget of a kind carries alike (the explorer's knowledge base,
   * bonelearn.widgets.base.shared_block): parsed once per page from the first
   * <script type="application/json" class="bl-shared"> with its key (in the widget's own
   * output first: JupyterLab may run it in a host not yet in the page), or defined by a
   * script file of the built book (bonelearn.bookbuild.pagescripts). */
  W.sharedData = function (key, root) {
    var store = (bl.shared = bl.shared || {});
    if (!Object.prototype.hasOwnProperty.call(store, key)) {
      var selector = 'script.bl-shared[data-bl-shared="' + key + '"]';
      var el = (root && root.querySelector(selector)) || document.querySelector(selector);
      if (!el) return null;
      store[key] = JSON.parse(el.textContent);
    }
    return store[key];
  };
  /* A widget's JSON payload with its shared part merged in. */
  W.readData = function (root) {
    var data = JSON.parse(root.querySelector("script.bl-data").textContent);
    if (data.shared) {
      var shared = W.sharedData(data.shared, root);
      if (!shared) throw new Error("bonelearn: the shared data " + data.shared + " did not load");
      Object.keys(shared).forEach(function (k) { data[k] = shared[k]; });
      delete data.shared;
    }
    return data;
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { W.mountAll(document); });
  }
})();
