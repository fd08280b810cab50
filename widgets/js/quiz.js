/* bonelearn accessible quiz: mounts every .bl-quiz container on the page.
 *
 * The HTML (questions, inputs, buttons, live regions) is rendered by Python
 * (bonelearn.quiz.render); this script only adds behaviour. Every string from the
 * question data is inserted with textContent, never innerHTML.
 * Safe to include many times: the code is defined once on window.bonelearnQuiz, and
 * each inclusion mounts the containers that are not mounted yet.
 *
 * A checked answer explains only the option(s) chosen. After a wrong answer the reader
 * may "Try again" (clears the marks) or "Show answer" (marks every option with its
 * explanation). The score counts each question's first checked answer only.
 */
(function () {
  "use strict";

  if (!window.bonelearnQuiz) {
    var TOL_EPS = 1e-9;
    var NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

    var api = { definitions: 0, mounted: 0 };

    var el = function (tag, cls, text) {
      var node = document.createElement(tag);
      if (cls) node.className = cls;
      if (text !== undefined) node.textContent = text;
      return node;
    };

    var FEEDBACK_CLASSES = ["bl-fb-correct", "bl-fb-incorrect", "bl-fb-info", "bl-fb-answer"];

    var setFeedback = function (qEl, ok, lines) {
      // ok: true (correct), false (not quite), null (information, not graded),
      // "answer" (the answer, shown on request). A line may be a string or a DOM node.
      var region = qEl.querySelector(".bl-feedback");
      region.textContent = "";
      FEEDBACK_CLASSES.forEach(function (c) { region.classList.remove(c); });
      region.classList.add(ok === true ? "bl-fb-correct" : ok === false ? "bl-fb-incorrect"
        : ok === "answer" ? "bl-fb-answer" : "bl-fb-info");
      if (ok === "answer") {
        region.appendChild(el("p", "bl-verdict", "Answer:"));
      } else if (ok !== null) {
        var verdict = el("p", "bl-verdict");
        var icon = el("span", "bl-icon", ok ? "\u2713" : "\u2717");
        icon.setAttribute("aria-hidden", "true");
        verdict.appendChild(icon);
        verdict.appendChild(document.createTextNode(ok ? " Correct." : " Not quite."));
        region.appendChild(verdict);
      }
      lines.forEach(function (line) {
        if (!line) return;
        region.appendChild(typeof line === "string" ? el("p", "bl-explanation", line) : line);
      });
    };

    var showRetry = function (qEl, shown) {
      var retry = qEl.querySelector(".bl-retry");
      if (!retry) return;
      retry.hidden = !shown;
      var reveal = retry.querySelector(".bl-show-answer");
      if (reveal) reveal.hidden = false;
    };

    var clearMarks = function (qEl) {
      var region = qEl.querySelector(".bl-feedback");
      region.textContent = "";
      FEEDBACK_CLASSES.forEach(function (c) { region.classList.remove(c); });
      showRetry(qEl, false);
      qEl.classList.remove("bl-answered-correct", "bl-answered-incorrect");
      Array.prototype.forEach.call(
        qEl.querySelectorAll(".bl-option, .bl-order-item"),
        function (node) { node.classList.remove("bl-is-correct", "bl-is-wrong"); }
      );
      Array.prototype.forEach.call(
        qEl.querySelectorAll(".bl-option-feedback, .bl-item-feedback"),
        function (node) { node.textContent = ""; }
      );
      var input = qEl.querySelector(".bl-input");
      if (input) input.removeAttribute("aria-invalid");
    };

    var mark = function (node, ok, label, explanation) {
      node.textContent = "";
      var icon = el("span", "bl-icon", ok ? "\u2713" : "\u2717");
      icon.setAttribute("aria-hidden", "true");
      node.appendChild(icon);
      node.appendChild(el("strong", null, " " + label + "."));
      if (explanation) node.appendChild(document.createTextNode(" " + explanation));
    };

    var gradeChoice = function (qEl, q) {
      var inputs = qEl.querySelectorAll(".bl-option input");
      var chosen = [];
      Array.prototype.forEach.call(inputs, function (input, i) { if (input.checked) chosen.push(i); });
      if (!chosen.length) {
        setFeedback(qEl, null, [q.type === "single" ? "Choose an answer first." : "Select at least one option first."]);
        return null;
      }
      var rightChosen = 0, wrongChosen = 0, rightTotal = 0;
      q.options.forEach(function (opt, i) {
        var picked = chosen.indexOf(i) >= 0;
        if (opt.correct) rightTotal += 1;
        if (picked && opt.correct) rightChosen += 1;
        if (picked && !opt.correct) wrongChosen += 1;
        // Only the options chosen are explained: the others would give the answer away.
        if (picked) markOption(qEl, i, opt, true);
      });
      var ok = rightChosen === rightTotal && wrongChosen === 0;
      var lines;
      if (q.type === "single") {
        lines = [q.options[chosen[0]].feedback];
      } else {
        lines = [
          "You chose " + rightChosen + " of the " + rightTotal + " correct options" +
          (wrongChosen ? " and " + wrongChosen + " incorrect " + (wrongChosen === 1 ? "one" : "ones") : "") + ".",
          "Each option you chose now shows why it is right or wrong."
        ];
      }
      setFeedback(qEl, ok, lines);
      return ok;
    };

    var markOption = function (qEl, i, opt, picked) {
      var row = qEl.querySelector('.bl-option[data-index="' + i + '"]');
      row.classList.add(opt.correct ? "bl-is-correct" : "bl-is-wrong");
      var label = (opt.correct ? "Correct option" : "Incorrect option") + (picked ? " (your choice)" : "");
      mark(row.querySelector(".bl-option-feedback"), opt.correct, label, opt.feedback);
    };

    var show = function (x) { return String(Number(x.toPrecision(12))); };  // 0.1+0.2 → 0.3

    var expectedNumber = function (q) {
      var units = q.units ? " " + q.units : "";
      return "The expected answer is " + show(q.answer) + units +
        (q.tolerance > 0 ? " (accepted: " + show(q.answer - q.tolerance) + " to " +
          show(q.answer + q.tolerance) + units + ")." : ".");
    };

    var revealAnswer = function (qEl, q) {
      // "Show answer": the right answer, with every option explained.
      var lines = [];
      if (q.type === "numeric") {
        lines = [expectedNumber(q), q.feedback.correct];
      } else if (q.type === "ordering") {
        var list = el("ol", "bl-answer-order");
        q.items.forEach(function (item) { list.appendChild(el("li", null, item)); });
        lines = ["The right order, first at the top:", list, q.feedback.correct];
      } else {
        var chosen = [];
        Array.prototype.forEach.call(qEl.querySelectorAll(".bl-option input"), function (input, i) {
          if (input.checked) chosen.push(i);
        });
        var right = [];
        q.options.forEach(function (opt, i) {
          markOption(qEl, i, opt, chosen.indexOf(i) >= 0);
          if (opt.correct) right.push(String.fromCharCode(65 + i) + ". " + opt.text);
        });
        lines = [(right.length > 1 ? "The correct options: " : "The correct option: ") + right.join("; "),
          "Each option now shows why it is right or wrong."];
      }
      setFeedback(qEl, "answer", lines);
    };

    var parseNumber = function (raw) {
      var text = raw.trim().replace(/\u2212/g, "-");
      if (!text) return { error: "Type a number first." };
      if (/^[+-]?\d*,\d+$/.test(text)) {
        return { error: "Use a dot, not a comma, for decimals (for example 1.5)." };
      }
      if (!NUMBER_RE.test(text)) {
        return { error: "\u201c" + raw.trim() + "\u201d is not a number. Type digits only, with a dot for decimals (for example 2.5)." };
      }
      return { value: parseFloat(text) };
    };

    var gradeNumeric = function (qEl, q) {
      var input = qEl.querySelector(".bl-input");
      var parsed = parseNumber(input.value);
      if (parsed.error) {
        input.setAttribute("aria-invalid", "true");
        setFeedback(qEl, null, [parsed.error]);
        return null;
      }
      input.removeAttribute("aria-invalid");
      var ok = Math.abs(parsed.value - q.answer) <= q.tolerance + TOL_EPS * Math.max(1, Math.abs(q.answer));
      var lines = [];
      if (ok) {
        lines.push(expectedNumber(q));
        lines.push(q.feedback.correct);
      } else {
        lines.push(q.feedback.incorrect);
      }
      setFeedback(qEl, ok, lines);
      return ok;
    };

    var gradeOrdering = function (qEl, q) {
      var items = qEl.querySelectorAll(".bl-order-item");
      var right = 0;
      Array.prototype.forEach.call(items, function (item, position) {
        var ok = Number(item.getAttribute("data-item")) === position;
        if (ok) right += 1;
        item.classList.add(ok ? "bl-is-correct" : "bl-is-wrong");
        mark(item.querySelector(".bl-item-feedback"), ok, ok ? "In the right place" : "Not in the right place");
      });
      var ok = right === items.length;
      setFeedback(qEl, ok, [
        right + " of " + items.length + " items are in the right place.",
        ok ? q.feedback.correct : q.feedback.incorrect
      ]);
      return ok;
    };

    var refreshMoveButtons = function (list) {
      var items = list.querySelectorAll(".bl-order-item");
      Array.prototype.forEach.call(items, function (item, position) {
        var pos = item.querySelector(".bl-order-pos");
        if (pos) pos.textContent = (position + 1) + ".";
        item.querySelectorAll(".bl-move").forEach(function (button) {
          var dir = Number(button.getAttribute("data-dir"));
          var edge = (dir < 0 && position === 0) || (dir > 0 && position === items.length - 1);
          if (edge) button.setAttribute("aria-disabled", "true");
          else button.removeAttribute("aria-disabled");
        });
      });
    };

    var move = function (qEl, button) {
      var item = button.closest(".bl-order-item");
      var list = item.parentNode;
      var status = qEl.querySelector(".bl-order-status");
      var text = item.querySelector(".bl-order-text").textContent;
      var dir = Number(button.getAttribute("data-dir"));
      var neighbour = dir < 0 ? item.previousElementSibling : item.nextElementSibling;
      if (button.getAttribute("aria-disabled") === "true" || !neighbour) {
        status.textContent = "\u201c" + text + "\u201d is already " + (dir < 0 ? "first." : "last.");
        return;
      }
      if (dir < 0) list.insertBefore(item, neighbour);
      else list.insertBefore(neighbour, item);
      refreshMoveButtons(list);
      button.focus();
      var items = Array.prototype.slice.call(list.querySelectorAll(".bl-order-item"));
      status.textContent = "\u201c" + text + "\u201d moved to position " + (items.indexOf(item) + 1) + " of " + items.length + ".";
      clearMarks(qEl);
    };

    var uniquify = function (container, n) {
      // A second copy of the same quiz on one page would repeat every id (and radio
      // name); give the copy fresh ones.
      if (!container.id || document.getElementById(container.id) === container) return;
      var suffix = "-copy" + n;
      var map = {};
      var nodes = [container].concat(Array.prototype.slice.call(container.querySelectorAll("[id]")));
      nodes.forEach(function (node) { map[node.id] = node.id + suffix; node.id = map[node.id]; });
      ["for", "aria-describedby", "aria-labelledby", "name"].forEach(function (attr) {
        Array.prototype.forEach.call(container.querySelectorAll("[" + attr + "]"), function (node) {
          var value = node.getAttribute(attr).split(" ").map(function (v) { return map[v] || v; });
          node.setAttribute(attr, value.join(" "));
        });
      });
    };

    var mount = function (container) {
      if (container.getAttribute("data-bl-mounted")) return;
      container.setAttribute("data-bl-mounted", "true");
      var data;
      try {
        data = JSON.parse(container.querySelector("script.bl-quiz-data").textContent);
      } catch (err) {
        var note = container.querySelector(".bl-noscript");
        if (note) note.textContent = "This quiz could not load its questions (" + err.message + ").";
        return;
      }
      api.mounted += 1;
      uniquify(container, api.mounted);
      var byId = {};
      data.questions.forEach(function (q) { byId[q.id] = q; });
      var firstAttempt = {};  // question id -> true/false: the only answer the score counts
      var score = container.querySelector(".bl-score");
      var template = score.getAttribute("data-template") || "Score: {right} of {total} correct";
      var total = data.questions.length;
      var updateScore = function () {
        var right = 0;
        Object.keys(firstAttempt).forEach(function (k) { if (firstAttempt[k] === true) right += 1; });
        score.textContent = template.replace("{right}", right).replace("{total}", total);
      };
      var noscript = container.querySelector(".bl-noscript");
      if (noscript) noscript.hidden = true;
      score.hidden = false;
      var note = container.querySelector(".bl-score-note");
      if (note) note.hidden = false;
      updateScore();

      Array.prototype.forEach.call(container.querySelectorAll(".bl-question"), function (qEl) {
        var q = byId[qEl.getAttribute("data-question-id")];
        if (!q) return;
        var check = qEl.querySelector(".bl-check");
        check.hidden = false;
        var grade = function () {
          clearMarks(qEl);
          var ok = q.type === "numeric" ? gradeNumeric(qEl, q)
            : q.type === "ordering" ? gradeOrdering(qEl, q)
            : gradeChoice(qEl, q);
          if (ok === null) return;
          var first = !(q.id in firstAttempt);
          if (first) firstAttempt[q.id] = ok;
          if (!ok) {
            qEl.querySelector(".bl-feedback").appendChild(el("p", "bl-explanation",
              "Try again, or show the answer." +
              (first ? " The score counts this first answer." : "")));
          } else if (!first && firstAttempt[q.id] === false) {
            qEl.querySelector(".bl-feedback").appendChild(el("p", "bl-explanation",
              "The score still counts your first answer, which was not correct."));
          }
          showRetry(qEl, !ok);
          qEl.classList.remove("bl-answered-correct", "bl-answered-incorrect");
          qEl.classList.add(ok ? "bl-answered-correct" : "bl-answered-incorrect");
          updateScore();
        };
        check.addEventListener("click", grade);
        var retry = qEl.querySelector(".bl-retry");
        if (retry) {
          retry.querySelector(".bl-try-again").addEventListener("click", function () {
            clearMarks(qEl);
            // Back to the answer: the chosen option, the number field or the first item.
            var target = qEl.querySelector(".bl-option input:checked") ||
              qEl.querySelector(".bl-option input, .bl-input, .bl-move:not([aria-disabled])");
            if (target) target.focus();
            if (target && target.classList.contains("bl-input")) target.select();
          });
          var reveal = retry.querySelector(".bl-show-answer");
          reveal.addEventListener("click", function () {
            revealAnswer(qEl, q);
            // The answer is on screen: keep "Try again", move focus to it.
            retry.hidden = false;
            reveal.hidden = true;
            retry.querySelector(".bl-try-again").focus();
          });
        }
        // Changing an answer never grades it; it only clears the stale marks.
        // (A text field's "change" fires on blur, when the reader clicks "Show answer"
        // after pressing Enter: typing is handled by "input" below, so it is ignored here.)
        qEl.addEventListener("change", function (event) {
          if (event.target.classList && event.target.classList.contains("bl-input")) return;
          clearMarks(qEl);
        });
        var input = qEl.querySelector(".bl-input");
        if (input) {
          input.addEventListener("input", function () { clearMarks(qEl); });
          input.addEventListener("keydown", function (event) {
            if (event.key === "Enter") { event.preventDefault(); grade(); }
          });
        }
        Array.prototype.forEach.call(qEl.querySelectorAll(".bl-move"), function (button) {
          button.addEventListener("click", function () { move(qEl, button); });
        });
      });
    };

    api.mount = mount;
    api.mountAll = function (root) {
      var scope = root || document;
      if (!scope.querySelectorAll) return;
      Array.prototype.forEach.call(scope.querySelectorAll(".bl-quiz:not([data-bl-mounted])"), mount);
    };
    api.parseNumber = parseNumber;
    api.definitions += 1;
    window.bonelearnQuiz = api;
  }

  var quiz = window.bonelearnQuiz;
  var me = document.currentScript;
  if (me && me.parentNode) quiz.mountAll(me.parentNode);
  quiz.mountAll(document);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { quiz.mountAll(document); });
  }
})();
