/* bonelearn book: name the Markdown tables that scroll sideways (loaded on every page).
 *
 * pydata-sphinx-theme wraps each Markdown table in a .pst-scrollable-table-container and
 * makes it a Tab stop when the table is wider than the column (on a phone, most are). A
 * region that scrolls and takes focus needs a name, or a screen reader announces an
 * unnamed stop: while a container scrolls it becomes role="region" named after the table
 * (its caption, or else "Table: " and its column headings); when it fits again (a wider
 * window) it is plain again. Generated tables carry their region in the HTML
 * (bonelearn.widgets.tables) and are left alone.
 */
(function () {
  "use strict";

  var name = function (container) {
    var table = container.querySelector("table");
    if (!table) return "Table";
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    }).filter(Boolean);
    return heads.length ? "Table: " + heads.join(", ") : "Table";
  };

  var update = function () {
    var containers = document.querySelectorAll(".pst-scrollable-table-container");
    Array.prototype.forEach.call(containers, function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name(box));
        box.setAttribute("tabindex", "0");
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        box.removeAttribute("tabindex");
      }
    });
  };

  var pending = null;
  var later = function () {
    if (pending) clearTimeout(pending);
    pending = setTimeout(update, 150);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  else update();
  window.addEventListener("load", update);
  window.addEventListener("resize", later);
})();
