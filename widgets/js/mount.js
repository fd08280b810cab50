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
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { W.mountAll(document); });
  }
})();
