"""Bone measures calculator: T-score, Z-score and WHO category; least significant change.

Two panels. The first turns a measured BMD and a reference mean and SD into a T-score
(and, given an age-matched mean and SD, a Z-score), printed to one decimal, with the WHO
category of the printed T-score where it applies. The second compares two measurements
with the least significant change (LSC = 2.77 × precision error, the symmetric DXA rule)
or, for a marker, with log-normal limits for a fall and a rise; change and limit are
compared as printed. Live: the Python functions of
:mod:`bonelearn.models.measures` run on every change. Static:
``widgets/js/bone-measures-model.js`` (a port of the same arithmetic, with the same
messages) recomputes in the browser and ``widgets/js/bone-measures.js`` updates the
page. Errors appear in the widget and name the field.

A learning tool, not a clinical tool: no reference values are built in, and the default
numbers are made-up example inputs.
"""

from __future__ import annotations

import html
from typing import Any

from bonelearn.models.measures import (
    CHANGE_DIGITS,
    GROUPS,
    IMPLAUSIBLE_SCORE,
    LABELS,
    LOW_FOR_AGE_Z,
    LOW_MASS_T,
    LSC_FACTOR,
    MAX_VALUE,
    OSTEOPOROSIS_T,
    ROUND_EPS,
    SCORE_DIGITS,
    TOLERANCE,
    BoneScores,
    ChangeAssessment,
    assess_change,
    bone_scores,
    reported,
    z_interpretation,
)
from bonelearn.widgets.base import DualWidget, make_uid, static_fragment

ASSETS = ("js/bone-measures-model.js", "js/bone-measures.js")
NOTE = ("Learning tool, not a clinical tool: it does arithmetic on the numbers you enter "
        "and knows no reference values. The numbers filled in at the start are made-up "
        "example inputs, not reference data. A real T-score uses the young-adult reference "
        "mean and SD that the densitometer's reference database gives for that site, and a "
        "real least significant change uses the precision error measured at that centre. "
        "The CV and SD options apply the symmetric 2.77 × precision rule used for DXA; for a "
        "bone turnover marker, whose total CV is large, the log-normal option gives separate "
        "limits for a fall and a rise.")
GROUP_LABELS = {"older": "Postmenopausal woman, or man aged 50 or over",
                "younger": "Premenopausal woman, or man under 50"}
KIND_LABELS = {"cv": "Coefficient of variation (%), DXA rule",
               "sd": "SD (in the units of the measurements), DXA rule",
               "lognormal": "Total CV (%), log-normal limits (markers)"}
#: Made-up example inputs (not reference values): shown when the widget opens.
EXAMPLE_SCORES: dict[str, Any] = {"bmd": 0.70, "young_mean": 0.85, "young_sd": 0.12,
                                  "age_mean": None, "age_sd": None, "group": "older"}
EXAMPLE_CHANGE: dict[str, Any] = {"first": 0.70, "second": 0.68, "precision": 1.5, "kind": "cv"}


def fmt(value: float, digits: int) -> str:
    """Fixed-point text of ``reported(value, digits)``, never "-0.00" (mirrored in JS).

    Rounding with :func:`reported` first (half away from zero) means Python and the
    browser never disagree on a tie, and the printed digits are the compared ones.
    """
    return f"{reported(value, digits):.{digits}f}"


def signed(value: float, digits: int) -> str:
    """Fixed-point text with an explicit sign."""
    text = fmt(value, digits)
    return text if text.startswith("-") else "+" + text


WHO_NOTE = "a density category, not a diagnosis of its cause"
YOUNGER_T_NOTE = ("not used for classification: the WHO categories are defined for "
                  "postmenopausal women and men aged 50 or over")
UNITS_NOTE = (" Check the entries: a score more than 5 SDs from the mean is rare and may "
              "come from mixed units (for example, mg/cm² against g/cm²).")


def describe_scores(s: BoneScores) -> str:
    """One-paragraph reading of the scores (mirrored by ``describeScores`` in JS).

    Scores are printed to one decimal; the category and the Z-score wording are those of
    the printed values. For the younger group the Z-score comes first.
    """
    d = SCORE_DIGITS
    if s.group == "younger":
        if s.z is None:
            text = ("Z-score: enter an age-matched mean and SD to compute it; in this group it "
                    "is the score to read.")
        else:
            text = f"Z-score {fmt(s.z, d)}: {z_interpretation(s.z)}."
        text += f" T-score {fmt(s.t, d)} ({YOUNGER_T_NOTE})."
    else:
        text = (f"T-score {fmt(s.t, d)}. Densitometric category (WHO): {s.category}, "
                f"{WHO_NOTE}.")
        if s.z is None:
            text += " Z-score: enter an age-matched mean and SD to compute it."
        else:
            text += f" Z-score {fmt(s.z, d)}."
    if s.implausible:
        text += UNITS_NOTE
    return text


def describe_change(a: ChangeAssessment) -> str:
    """One-paragraph reading of a change against the limit (mirrored in JS).

    The numbers printed are the ones compared, so the verdict agrees with them.
    """
    d = CHANGE_DIGITS[a.kind]
    if a.kind == "sd":
        text = (f"Change {signed(a.shown_change, d)} in the units entered "
                f"({signed(a.percent_change, 2)} %). LSC = 2.77 × {fmt(a.precision, 3)} = "
                f"{fmt(a.shown_limit, d)}.")
    elif a.kind == "cv":
        text = (f"Change {signed(a.shown_change, d)} % ({signed(a.change, 3)} in the units "
                f"entered). LSC = 2.77 × {fmt(a.precision, 2)} % = {fmt(a.shown_limit, d)} %.")
    else:
        text = (f"Change {signed(a.shown_change, d)} % ({signed(a.change, 3)} in the units "
                f"entered). Log-normal limits for a total CV of {fmt(a.precision, 2)} %: a "
                f"fall of {fmt(a.limit_fall, d)} % or a rise of {fmt(a.limit_rise, d)} %.")
    if a.exceeds:
        word = "decrease" if a.change < 0 else "increase"
        limit = ("the LSC" if a.kind != "lognormal"
                 else "the limit for a fall" if a.change < 0 else "the limit for a rise")
        text += (f" The {word} equals or exceeds {limit}: larger than measurement error "
                 "alone would give in 95 % of repeated pairs.")
    else:
        limit = "the LSC" if a.kind != "lognormal" else "its limit"
        text += (f" The change is smaller than {limit}: it cannot be told apart from "
                 "measurement error.")
    return text


class BoneMeasuresCalculator(DualWidget):
    """Dual front end of :mod:`bonelearn.models.measures`."""

    kind = "bone-measures"

    def __init__(self, scores: dict[str, Any], change: dict[str, Any]) -> None:
        super().__init__()
        self.set_scores(**scores)  # bad initial values raise: the caller passed them
        self.set_change(**change)
        self.uid = make_uid(self.kind, [scores, change])

    # -- state ---------------------------------------------------------------------------
    def set_scores(self, bmd: Any, young_mean: Any, young_sd: Any, age_mean: Any = None,
                   age_sd: Any = None, group: str = "older") -> None:
        """Validate and compute the T-/Z-score panel (raises ParameterError naming the field)."""
        self.scores = bone_scores(bmd, young_mean, young_sd, age_mean, age_sd, group)
        self.scores_inputs = {"bmd": bmd, "young_mean": young_mean, "young_sd": young_sd,
                              "age_mean": age_mean, "age_sd": age_sd, "group": group}

    def set_change(self, first: Any, second: Any, precision: Any, kind: str = "cv") -> None:
        """Validate and compute the LSC panel (raises ParameterError naming the field)."""
        self.change = assess_change(first, second, precision, kind)
        self.change_inputs = {"first": first, "second": second, "precision": precision,
                              "kind": kind}

    def scores_text(self) -> str:
        return describe_scores(self.scores)

    def change_text(self) -> str:
        return describe_change(self.change)

    def summary(self) -> str:
        return f"{self.scores_text()} {self.change_text()}"

    # -- static front end ------------------------------------------------------------------
    def _number(self, name: str, value: Any, optional: bool = False) -> str:
        u = self.uid
        shown = "" if value is None else f"{value:g}"
        hint = " (optional)" if optional else ""
        return (f'<div class="bl-control"><label for="{u}-{name}">{html.escape(LABELS[name])}'
                f'{hint}</label><input type="number" id="{u}-{name}" name="{name}" step="any" '
                f'inputmode="decimal" value="{shown}"></div>')

    def _select(self, name: str, options: dict[str, str], value: str) -> str:
        u = self.uid
        opts = "".join(f'<option value="{k}"{" selected" if k == value else ""}>'
                       f"{html.escape(v)}</option>" for k, v in options.items())
        return (f'<div class="bl-control"><label for="{u}-{name}">{html.escape(LABELS[name])}'
                f'</label><select id="{u}-{name}" name="{name}">{opts}</select></div>')

    def _panel(self, key: str, legend: str, controls: str, text: str) -> str:
        return (f'<fieldset class="bl-panel" data-panel="{key}"><legend>{legend}</legend>'
                f'<div class="bl-controls">{controls}</div>'
                f'<p class="bl-summary" data-out="{key}" aria-live="polite">{html.escape(text)}</p>'
                f'<p class="bl-error" data-err="{key}" role="alert"></p></fieldset>')

    def _data(self) -> dict[str, Any]:
        return {"factor": LSC_FACTOR, "maxValue": MAX_VALUE, "labels": LABELS,
                "groups": list(GROUPS), "osteoporosisT": OSTEOPOROSIS_T,
                "lowMassT": LOW_MASS_T, "lowForAgeZ": LOW_FOR_AGE_Z, "tolerance": TOLERANCE,
                "scoreDigits": SCORE_DIGITS, "changeDigits": CHANGE_DIGITS,
                "roundEps": ROUND_EPS, "implausibleScore": IMPLAUSIBLE_SCORE}

    def _build_html(self) -> str:
        s, c = self.scores_inputs, self.change_inputs
        scores_controls = (self._select("group", GROUP_LABELS, s["group"])
                           + "".join(self._number(n, s[n])
                                     for n in ("bmd", "young_mean", "young_sd"))
                           + self._number("age_mean", s["age_mean"], optional=True)
                           + self._number("age_sd", s["age_sd"], optional=True))
        change_controls = (self._select("kind", KIND_LABELS, c["kind"])
                           + "".join(self._number(n, c[n])
                                     for n in ("precision", "first", "second")))
        body = (f'<p class="bl-note"><strong>{NOTE.split(":")[0]}:</strong>'
                f'{html.escape(NOTE.split(":", 1)[1])}</p>'
                + self._panel("scores", "T-score and Z-score from a measured BMD",
                              scores_controls, self.scores_text())
                + self._panel("change", "Is the change larger than the least significant change?",
                              change_controls, self.change_text()))
        return static_fragment(self.kind, self.uid, self._data(), body, ASSETS,
                               "Bone measures calculator")

    # -- live front end --------------------------------------------------------------------
    def _build_live(self) -> Any:
        from bonelearn.widgets.live import measures_live

        return measures_live(self)


def bone_measures_calculator(bmd: float = EXAMPLE_SCORES["bmd"],
                             young_mean: float = EXAMPLE_SCORES["young_mean"],
                             young_sd: float = EXAMPLE_SCORES["young_sd"],
                             age_mean: float | None = None, age_sd: float | None = None,
                             group: str = "older",
                             first: float = EXAMPLE_CHANGE["first"],
                             second: float = EXAMPLE_CHANGE["second"],
                             precision: float = EXAMPLE_CHANGE["precision"],
                             kind: str = "cv") -> BoneMeasuresCalculator:
    """A calculator of T-/Z-scores and of the least significant change (learning tool).

    The defaults are made-up example inputs, not reference values. ``group`` is
    ``"older"`` (postmenopausal woman or man ≥ 50: WHO categories apply) or
    ``"younger"``; ``kind`` is ``"cv"`` (precision as CV %) or ``"sd"`` (in the
    measurements' units), both with the symmetric DXA rule, or ``"lognormal"`` (total CV %
    of a marker, asymmetric limits). Bad values raise :class:`~bonelearn.errors.ParameterError`.
    """
    return BoneMeasuresCalculator(
        {"bmd": bmd, "young_mean": young_mean, "young_sd": young_sd, "age_mean": age_mean,
         "age_sd": age_sd, "group": group},
        {"first": first, "second": second, "precision": precision, "kind": kind})


__all__ = ["BoneMeasuresCalculator", "bone_measures_calculator",
           "describe_change", "describe_scores"]
