/* bonelearn bone measures: the arithmetic of bonelearn.models.measures in the browser.
 *
 * T-score and Z-score from a measured BMD and a reference mean and SD, the WHO category
 * where it applies, and the least significant change (LSC = 2.77 x precision error)
 * between two measurements. Every bad input throws an Error whose message names the
 * field, with the same words as the Python ParameterError. The texts of describeScores
 * and describeChange equal bonelearn.widgets.measures.describe_scores/describe_change.
 * A learning tool, not a clinical tool. Works in the browser and under Node (tests).
 */
(function (root) {
  "use strict";

  function fail(message) { throw new Error(message); }
  function field(spec, name) { return spec.labels[name] + " (" + name + ")"; }
  /* Python's repr() of the strings and numbers that can reach an error message. */
  function repr(v) { return typeof v === "string" ? "'" + v + "'" : String(v); }

  /* Keep equal to check_value in measures.py. `value` is a number, or NaN for an empty or
     unreadable field (the Python side only sees numbers). */
  function checkValue(spec, name, value) {
    if (typeof value !== "number") fail(field(spec, name) + " must be a number, got " + repr(value));
    if (!isFinite(value)) fail(field(spec, name) + " must be a finite number");
    if (value <= 0) fail(field(spec, name) + " must be greater than 0");
    if (Math.abs(value) >= spec.maxValue) fail(field(spec, name) + " must be smaller than 1000000 in size");
    return value;
  }

  function whoCategory(spec, t) {
    if (t <= spec.osteoporosisT + spec.tolerance) return "osteoporosis";
    if (t < spec.lowMassT - spec.tolerance) return "low bone mass (osteopenia)";
    return "normal";
  }
  function zInterpretation(spec, z) {
    return z <= spec.lowForAgeZ + spec.tolerance ? "below the expected range for age" : "within the expected range for age";
  }

  /* inputs: {bmd, young_mean, young_sd, age_mean, age_sd, group}; age_* null when empty. */
  function scores(spec, c) {
    if (spec.groups.indexOf(c.group) < 0) {
      fail(field(spec, "group") + " must be one of " + spec.groups.join(", ") + ", got " + repr(c.group));
    }
    var b = checkValue(spec, "bmd", c.bmd);
    var m = checkValue(spec, "young_mean", c.young_mean);
    var s = checkValue(spec, "young_sd", c.young_sd);
    var t = (b - m) / s;
    var noMean = c.age_mean === null || c.age_mean === undefined;
    var noSd = c.age_sd === null || c.age_sd === undefined;
    if (noMean !== noSd) {
      fail(field(spec, noSd ? "age_sd" : "age_mean") + " is needed when the other age-matched value " +
           "is given (or leave both empty)");
    }
    var z = null;
    if (!noMean) {
      checkValue(spec, "bmd", c.bmd);
      var am = checkValue(spec, "age_mean", c.age_mean);
      var as = checkValue(spec, "age_sd", c.age_sd);
      z = (b - am) / as;
    }
    return { t: t, z: z, group: c.group, category: c.group === "older" ? whoCategory(spec, t) : null };
  }

  /* inputs: {first, second, precision, kind}. */
  function change(spec, c) {
    if (c.kind !== "cv" && c.kind !== "sd") fail(field(spec, "kind") + " must be 'cv' or 'sd', got " + repr(c.kind));
    var p = checkValue(spec, "precision", c.precision);
    if (c.kind === "cv" && p >= 100) fail(field(spec, "precision") + " must be below 100 % as a CV");
    var lsc = spec.factor * p;
    var a = checkValue(spec, "first", c.first);
    var b = checkValue(spec, "second", c.second);
    var d = b - a, percent = 100 * d / a;
    var compared = c.kind === "cv" ? percent : d;
    return { first: a, second: b, kind: c.kind, precision: p, change: d, percent_change: percent,
             lsc: lsc, exceeds: Math.abs(compared) >= lsc - spec.tolerance };
  }

  /* Keep equal to fmt/signed in bonelearn/widgets/measures.py */
  function fmt(value, digits) {
    var text = value.toFixed(digits);
    return text.charAt(0) === "-" && Number(text) === 0 ? text.slice(1) : text;
  }
  function signed(value, digits) {
    var text = fmt(value, digits);
    return text.charAt(0) === "-" ? text : "+" + text;
  }

  function describeScores(spec, s) {
    var text = "T-score " + fmt(s.t, 2) + ".";
    if (s.category !== null) {
      text += " WHO category: " + s.category + ".";
    } else {
      text += " The WHO categories are defined for postmenopausal women and men aged 50 " +
              "or over, so none is given here; read the Z-score.";
    }
    if (s.z === null) text += " Z-score: enter an age-matched mean and SD to compute it.";
    else if (s.group === "younger") text += " Z-score " + fmt(s.z, 2) + ": " + zInterpretation(spec, s.z) + ".";
    else text += " Z-score " + fmt(s.z, 2) + ".";
    return text;
  }

  function describeChange(a) {
    var text;
    if (a.kind === "cv") {
      text = "Change " + signed(a.percent_change, 2) + " % (" + signed(a.change, 3) + " in the units " +
             "entered). LSC = 2.77 × " + fmt(a.precision, 2) + " % = " + fmt(a.lsc, 2) + " %.";
    } else {
      text = "Change " + signed(a.change, 3) + " in the units entered (" + signed(a.percent_change, 2) +
             " %). LSC = 2.77 × " + fmt(a.precision, 3) + " = " + fmt(a.lsc, 3) + ".";
    }
    if (a.exceeds) {
      text += " The " + (a.change < 0 ? "decrease" : "increase") + " equals or exceeds the LSC: larger " +
              "than measurement error alone would give in 95 % of repeated pairs.";
    } else {
      text += " The change is smaller than the LSC: it cannot be told apart from measurement error.";
    }
    return text;
  }

  var api = { scores: scores, change: change, describeScores: describeScores,
              describeChange: describeChange, fmt: fmt, signed: signed };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof window !== "undefined") {
    window.bonelearn = window.bonelearn || {};
    window.bonelearn.measures = api;
  }
})(this);
