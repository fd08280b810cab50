/* bonelearn bone measures: the arithmetic of bonelearn.models.measures in the browser.
 *
 * T-score and Z-score from a measured BMD and a reference mean and SD, printed to one
 * decimal, with the WHO category of the printed T-score where it applies; and the change
 * between two measurements against the least significant change (LSC = 2.77 x precision
 * error, the symmetric DXA rule) or, for a marker, against log-normal limits for a fall
 * and a rise. Change and limit are compared as printed. Every bad input throws an Error
 * whose message names the field, with the same words as the Python ParameterError. The
 * texts of describeScores and describeChange equal
 * bonelearn.widgets.measures.describe_scores/describe_change.
 * A learning tool, not a clinical tool. Works in the browser and under Node (tests).
 */
(function (root) {
  "use strict";

  function fail(message) { throw new Error(message); }
  function field(spec, name) { return spec.labels[name] + " (" + name + ")"; }
  /* Python's repr() of the strings and numbers that can reach an error message. */
  function repr(v) { return typeof v === "string" ? "'" + v + "'" : String(v); }

  /* Keep equal to check_value in measures.py. `value` is a number, null for an empty
     field, or NaN for an unreadable one. */
  function checkValue(spec, name, value) {
    if (value === null || value === undefined) fail(field(spec, name) + " is empty: enter a number");
    if (typeof value !== "number") fail(field(spec, name) + " must be a number, got " + repr(value));
    if (!isFinite(value)) fail(field(spec, name) + " must be a finite number");
    if (value <= 0) fail(field(spec, name) + " must be greater than 0");
    if (Math.abs(value) >= spec.maxValue) fail(field(spec, name) + " must be smaller than 1000000 in size");
    return value;
  }

  /* Keep equal to reported() in measures.py: the same float operations in the same order. */
  function reported(spec, value, digits) {
    var scale = Math.pow(10, digits);
    var n = Math.floor(Math.abs(value) * scale + 0.5 + spec.roundEps);
    if (n === 0) return 0;
    var r = n / scale;
    return value < 0 ? -r : r;
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
    var tShown = reported(spec, t, spec.scoreDigits);
    var zShown = z === null ? null : reported(spec, z, spec.scoreDigits);
    return { t: tShown, z: zShown, group: c.group,
             category: c.group === "older" ? whoCategory(spec, tShown) : null,
             t_exact: t, z_exact: z };
  }

  function implausible(spec, s) {
    return Math.abs(s.t_exact) > spec.implausibleScore ||
           (s.z_exact !== null && Math.abs(s.z_exact) > spec.implausibleScore);
  }

  var KINDS = ["cv", "sd", "lognormal"];
  function checkKind(spec, kind, allowed) {
    if (allowed.indexOf(kind) < 0) {
      var names = allowed.slice(0, -1).map(repr).join(", ") + " or " + repr(allowed[allowed.length - 1]);
      fail(field(spec, "kind") + " must be " + names + ", got " + repr(kind));
    }
  }
  function checkPrecision(spec, precision, kind) {
    var p = checkValue(spec, "precision", precision);
    if (kind !== "sd" && p >= 100) fail(field(spec, "precision") + " must be below 100 % as a CV");
    return p;
  }
  /* Keep equal to lognormal_limits() in measures.py. */
  function lognormalLimits(spec, p) {
    var sigma = Math.sqrt(Math.log(1 + Math.pow(p / 100, 2)));
    return [100 * (1 - Math.exp(-spec.factor * sigma)), 100 * (Math.exp(spec.factor * sigma) - 1)];
  }

  /* inputs: {first, second, precision, kind}. Keep equal to assess_change(). */
  function change(spec, c) {
    checkKind(spec, c.kind, KINDS);
    var p = checkPrecision(spec, c.precision, c.kind);
    var fall, rise;
    if (c.kind === "lognormal") {
      var limits = lognormalLimits(spec, p);
      fall = limits[0]; rise = limits[1];
    } else {
      fall = rise = spec.factor * p;
    }
    var a = checkValue(spec, "first", c.first);
    var b = checkValue(spec, "second", c.second);
    var digits = spec.changeDigits[c.kind];
    if (reported(spec, Math.min(fall, rise), digits) === 0) {
      fail(field(spec, "precision") + " is too small: its limit rounds to 0 at " + digits + " decimals");
    }
    var d = b - a, percent = 100 * d / a;
    var compared = c.kind === "sd" ? d : percent;
    var limit = compared < 0 ? fall : rise;
    var shownChange = reported(spec, compared, digits);
    var shownLimit = reported(spec, limit, digits);
    return { first: a, second: b, kind: c.kind, precision: p, change: d, percent_change: percent,
             lsc: limit, limit_fall: fall, limit_rise: rise, shown_change: shownChange,
             shown_limit: shownLimit, exceeds: shownChange !== 0 && Math.abs(shownChange) >= shownLimit };
  }

  /* Keep equal to fmt/signed in bonelearn/widgets/measures.py: the text of reported(). */
  function fmt(spec, value, digits) { return reported(spec, value, digits).toFixed(digits); }
  function signed(spec, value, digits) {
    var text = fmt(spec, value, digits);
    return text.charAt(0) === "-" ? text : "+" + text;
  }

  var WHO_NOTE = "a density category, not a diagnosis of its cause";
  var YOUNGER_T_NOTE = "not used for classification: the WHO categories are defined for " +
                       "postmenopausal women and men aged 50 or over";
  var UNITS_NOTE = " Check the entries: a score more than 5 SDs from the mean is rare and may " +
                   "come from mixed units (for example, mg/cm² against g/cm²).";

  function describeScores(spec, s) {
    var d = spec.scoreDigits, text;
    if (s.group === "younger") {
      if (s.z === null) {
        text = "Z-score: enter an age-matched mean and SD to compute it; in this group it " +
               "is the score to read.";
      } else {
        text = "Z-score " + fmt(spec, s.z, d) + ": " + zInterpretation(spec, s.z) + ".";
      }
      text += " T-score " + fmt(spec, s.t, d) + " (" + YOUNGER_T_NOTE + ").";
    } else {
      text = "T-score " + fmt(spec, s.t, d) + ". Densitometric category (WHO): " + s.category +
             ", " + WHO_NOTE + ".";
      if (s.z === null) text += " Z-score: enter an age-matched mean and SD to compute it.";
      else text += " Z-score " + fmt(spec, s.z, d) + ".";
    }
    if (implausible(spec, s)) text += UNITS_NOTE;
    return text;
  }

  function describeChange(spec, a) {
    var d = spec.changeDigits[a.kind], text;
    if (a.kind === "sd") {
      text = "Change " + signed(spec, a.shown_change, d) + " in the units entered (" +
             signed(spec, a.percent_change, 2) + " %). LSC = 2.77 × " + fmt(spec, a.precision, 3) +
             " = " + fmt(spec, a.shown_limit, d) + ".";
    } else if (a.kind === "cv") {
      text = "Change " + signed(spec, a.shown_change, d) + " % (" + signed(spec, a.change, 3) +
             " in the units entered). LSC = 2.77 × " + fmt(spec, a.precision, 2) + " % = " +
             fmt(spec, a.shown_limit, d) + " %.";
    } else {
      text = "Change " + signed(spec, a.shown_change, d) + " % (" + signed(spec, a.change, 3) +
             " in the units entered). Log-normal limits for a total CV of " + fmt(spec, a.precision, 2) +
             " %: a fall of " + fmt(spec, a.limit_fall, d) + " % or a rise of " +
             fmt(spec, a.limit_rise, d) + " %.";
    }
    if (a.exceeds) {
      var word = a.change < 0 ? "decrease" : "increase";
      var limit = a.kind !== "lognormal" ? "the LSC"
                : (a.change < 0 ? "the limit for a fall" : "the limit for a rise");
      text += " The " + word + " equals or exceeds " + limit + ": larger than measurement error " +
              "alone would give in 95 % of repeated pairs.";
    } else {
      text += " The change is smaller than " + (a.kind !== "lognormal" ? "the LSC" : "its limit") +
              ": it cannot be told apart from measurement error.";
    }
    return text;
  }

  var api = { scores: scores, change: change, describeScores: describeScores,
              describeChange: describeChange, reported: reported, fmt: fmt, signed: signed };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof window !== "undefined") {
    window.bonelearn = window.bonelearn || {};
    window.bonelearn.measures = api;
  }
})(this);
