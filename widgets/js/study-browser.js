/* bonelearn study browser: static front end (no kernel).
 *
 * bonelearn.widgets.studies renders each study's one-line summary as a list item and a JSON
 * payload that holds each fact once (the JSON records, the CSV's number-formatted fields,
 * the labels of the ids, each study's reference and the direction texts that name a
 * study's arms). Here each item becomes a <details> with the study's facts, outcomes and
 * reference (as bonelearn.widgets.studies.study_item_html writes them for the live view),
 * and the filter fields, search text and CSV rows are derived from the records. This script
 * repeats bonelearn.evidence.filter_studies (same filters, search and sort) whenever a
 * control changes: it re-orders the items, hides the others, updates the announced count,
 * and builds the CSV and JSON downloads of the studies shown. The browser tests compare the
 * page with Python for several selections, every study's details and search text, and
 * parse the downloads.
 */
(function () {
  "use strict";
  var bl = (window.bonelearn = window.bonelearn || {});
  var W = (bl.widgets = bl.widgets || {});

  function sortKey(sort) {
    function byName(a, b) {
      var x = a.name.toLowerCase(), y = b.name.toLowerCase();
      if (x !== y) return x < y ? -1 : 1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    }
    if (sort === "year_asc") return function (a, b) { return a.year - b.year || byName(a, b); };
    if (sort === "size_desc") {
      return function (a, b) { return (b.n || 0) - (a.n || 0) || b.year - a.year || byName(a, b); };
    }
    return function (a, b) { return b.year - a.year || byName(a, b); };
  }

  /* Mirror of bonelearn.evidence.query.filter_studies. */
  function filterStudies(studies, c) {
    var words = c.text.toLowerCase().split(/\s+/).filter(function (x) { return x; });
    var kept = studies.filter(function (s) {
      return (!c.cls || s.classes.indexOf(c.cls) >= 0) &&
        (!c.outcome || s.outcomes.indexOf(c.outcome) >= 0) &&
        (!c.design || s.design === c.design) &&
        (!c.disease || s.disease === c.disease) &&
        words.every(function (w) { return s.text.indexOf(w) >= 0; });
    });
    return kept.sort(sortKey(c.sort));
  }

  function csvField(value) {
    var s = String(value);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  /* Same text as bonelearn.evidence.to_csv (csv.DictWriter: minimal quoting, CRLF). */
  function toCsv(columns, rows) {
    var lines = [columns.map(csvField).join(",")];
    rows.forEach(function (r) {
      lines.push(columns.map(function (k) { return csvField(r[k]); }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  /* Mirror of bonelearn.evidence.Study.text: every searchable word, lower case. */
  function searchText(r, labels) {
    var parts = [r.name, r.first_author, String(r.year), labels.design[r.design], r.disease,
                 r.population, r.duration].concat(r.classes, r.agents,
                 [r.evidence_note, r.comparator || "", r.regimen || ""]);
    r.outcomes.forEach(function (o) {
      parts.push(labels.outcome[o.outcome], o.endpoint, o.result);
    });
    return parts.join(" ").toLowerCase();
  }

  /* The filter fields of each study (bonelearn.evidence.Study: outcome ids, search text). */
  function filterFields(data) {
    return data.records.map(function (r) {
      var outcomes = [];
      r.outcomes.forEach(function (o) {
        if (outcomes.indexOf(o.outcome) < 0) outcomes.push(o.outcome);
      });
      return { id: r.id, name: r.name, year: r.year, n: r.n, classes: r.classes,
               outcomes: outcomes, design: r.design, disease: r.disease,
               text: searchText(r, data.labels) };
    });
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function definitions(className, pairs) {
    var dl = el("dl", undefined, className);
    pairs.forEach(function (p) {
      var dd = el("dd");
      p[1].forEach(function (part) { dd.appendChild(part); });
      dl.appendChild(el("dt", p[0]));
      dl.appendChild(dd);
    });
    return dl;
  }

  function text(value) { return document.createTextNode(value); }

  /* Mirror of bonelearn.widgets.studies.study_item_html (and outcome_html): the facts,
   * outcomes, what the design can show and the linked reference of study i. */
  function studyDetails(data, i) {
    var r = data.records[i], labels = data.labels;
    var population = r.disease + ": " + r.population +
      (r.n ? " (" + r.n + " " + (r.n_kind || "participants") + ")" : "");
    var classes = r.classes.map(function (c) { return labels["class"][c] || c; }).join(", ");
    var facts = [
      ["Design", labels.design[r.design] + (r.blinding ? ", " + r.blinding : "")],
      ["Population", population],
      ["Drug classes and agents", classes + " (" + r.agents.join(", ") + ")"],
      ["Duration", r.duration]];
    if (r.regimen) facts.push(["Regimen", r.regimen]);
    if (r.comparator) facts.push(["Comparator", r.comparator]);
    var named = data.directions[r.id];
    var outcomes = r.outcomes.map(function (o, j) {
      var effect = data.csvNumbers[i][j][1];
      var parts = [text(o.result)];
      if (effect) parts.push(el("br"), text("Effect: " + effect));
      parts.push(el("br"), el("em", "Direction: " + (named ? named[j] : labels.direction[o.direction])));
      return [labels.outcome[o.outcome] + ": " + o.endpoint, parts];
    });
    var note = el("p");
    note.appendChild(el("strong", "What this design can show:"));
    note.appendChild(text(" " + r.evidence_note));
    var ref = el("p", "Reference: "), cite = data.refs[i];
    if (cite[1]) {
      var link = el("a", cite[0]);
      link.href = cite[1];
      ref.appendChild(link);
    } else {
      ref.appendChild(text(cite[0]));
    }
    return [definitions("bl-study-facts", facts.map(function (f) { return [f[0], [text(f[1])]]; })),
            definitions("bl-study-outcomes", outcomes), note, ref];
  }

  /* Each list item's summary line becomes the <summary> of a <details> with the study. */
  function expandItems(root, data) {
    var index = {};
    data.records.forEach(function (r, i) { index[r.id] = i; });
    Array.prototype.forEach.call(root.querySelectorAll(".bl-study-list > li"), function (li) {
      var details = el("details"), summary = el("summary");
      while (li.firstChild) summary.appendChild(li.firstChild);
      details.appendChild(summary);
      studyDetails(data, index[li.getAttribute("data-study")]).forEach(function (part) {
        details.appendChild(part);
      });
      li.appendChild(details);
    });
    var note = root.querySelector(".bl-nojs");
    if (note) note.parentNode.removeChild(note);
  }

  /* Mirror of bonelearn.evidence.export.rows: one flat row per study and outcome. */
  function csvRows(r, numbers) {
    return r.outcomes.map(function (o, j) {
      return { id: r.id, name: r.name, first_author: r.first_author, year: String(r.year),
               cite: r.cite, design: r.design, disease: r.disease, population: r.population,
               n: r.n === null ? "" : String(r.n), n_kind: r.n_kind || "",
               duration: r.duration, classes: r.classes.join(";"), agents: r.agents.join(";"),
               regimen: r.regimen || "", comparator: r.comparator || "",
               blinding: r.blinding || "", outcome: o.outcome, endpoint: o.endpoint,
               result: o.result, direction: o.direction, values: numbers[j][0],
               effect: numbers[j][1], evidence_note: r.evidence_note };
    });
  }

  function controls(root) {
    function val(name) { return root.querySelector("[name=" + name + "]").value; }
    return { cls: val("class"), outcome: val("outcome"), design: val("design"),
             disease: val("disease"), text: val("text"), sort: val("sort") };
  }

  function update(root, data) {
    var shown = filterStudies(data.studies, controls(root));
    var ids = shown.map(function (s) { return s.id; });
    var list = root.querySelector(".bl-study-list");
    var items = {};
    Array.prototype.forEach.call(list.children, function (li) {
      items[li.getAttribute("data-study")] = li;
      li.hidden = ids.indexOf(li.getAttribute("data-study")) < 0;
    });
    ids.forEach(function (id) { list.appendChild(items[id]); });
    root.querySelector(".bl-summary").textContent =
      "Showing " + ids.length + " of " + data.studies.length + " studies" +
      (data.scope || "") + ".";
    root._blState = { shown: ids };
  }

  function download(root, data, format) {
    var ids = root._blState.shown;
    var text, type;
    var byId = {}, numbers = {};
    data.records.forEach(function (r, i) { byId[r.id] = r; numbers[r.id] = data.csvNumbers[i]; });
    if (format === "csv") {
      var picked = [];
      ids.forEach(function (id) { picked = picked.concat(csvRows(byId[id], numbers[id])); });
      text = toCsv(data.columns, picked);
      type = "text/csv";
    } else {
      text = JSON.stringify({ studies: ids.map(function (id) { return byId[id]; }) }, null, 1) + "\n";
      type = "application/json";
    }
    return "data:" + type + ";charset=utf-8," + encodeURIComponent(text);
  }

  W.registry["study-browser"] = function (root) {
    var data = JSON.parse(root.querySelector("script.bl-data").textContent);
    data.studies = filterFields(data);
    expandItems(root, data);
    var form = root.querySelector("form");
    form.addEventListener("change", function () { update(root, data); });
    form.addEventListener("input", function (e) {
      if (e.target.name === "text") update(root, data);
    });
    Array.prototype.forEach.call(root.querySelectorAll(".bl-downloads a"), function (a) {
      a.addEventListener("click", function () {
        a.href = download(root, data, a.getAttribute("data-format"));
      });
    });
    update(root, data);
  };
  W.filterStudies = filterStudies;
  W.studySearchText = searchText;
  W.studiesCsv = toCsv;
})();
