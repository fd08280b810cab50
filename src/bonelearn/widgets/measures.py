"""Bone measures calculator: T-score, Z-score and WHO category; least significant change.

Two panels. The first turns a measured BMD and a reference mean and SD into a T-score
(and, given an age-matched mean and SD, a Z-score) with the WHO category where it
applies. The second compares two measurements with the least significant change
(LSC = 2.77 × precision error). Live: the Python functions of
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
    GROUPS,
    LABELS,
    LOW_FOR_AGE_Z,
    LOW_MASS_T,
    LSC_FACTOR,
    MAX_VALUE,
    OSTEOPOROSIS_T,
    TOLERANCE,
    BoneScores,
    ChangeAssessment,
    assess_change,
    bone_scores,
    z_interpretation,
)
from bonelearn.widgets.base import DualWidget, make_uid, static_fragment

ASSETS = ("js/bone-measures-model.js", "js/bone-measures.js")
NOTE = ("Learning tool, not a clinical tool: it does arithmetic on the numbers you enter "
        "and knows no reference values. The numbers filled in at the start are made-up "
        "example inputs, not reference data. A real T-score uses the young-adult reference "
        "mean and SD of the densitometer's reference database for that site and sex, and a "
        "real least significant change uses the precision error measured at that centre.")
GROUP_LABELS = {"older": "Postmenopausal woman, or man aged 50 or over",
                "younger": "Premenopausal woman, or man under 50"}
KIND_LABELS = {"cv": "Coefficient of variation (%)",
               "sd": "SD (in the units of the measurements)"}
#: Made-up example inputs (not reference values): shown when the widget opens.
EXAMPLE_SCORES: dict[str, Any] = {"bmd": 0.70, "young_mean": 0.85, "young_sd": 0.12,
                                  "age_mean": None, "age_sd": None, "group": "older"}
EXAMPLE_CHANGE: dict[str, Any] = {"first": 0.70, "second": 0.68, "precision": 1.5, "kind": "cv"}


def fmt(value: float, digits: int) -> str:
    """Fixed-point text, never "-0.00" (mirrored by ``fmt`` in bone-measures-model.js)."""
    text = f"{value:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def signed(value: float, digits: int) -> str:
    """Fixed-point text with an explicit sign."""
    text = fmt(value, digits)
    return text if text.startswith("-") else "+" + text


def describe_scores(s: BoneScores) -> str:
    """One-paragraph reading of the scores (mirrored by ``describeScores`` in JS)."""
    text = f"T-score {fmt(s.t, 2)}."
    if s.category is not None:
        text += f" WHO category: {s.category}."
    else:
        text += (" The WHO categories are defined for postmenopausal women and men aged 50 "
                 "or over, so none is given here; read the Z-score.")
    if s.z is None:
        text += " Z-score: enter an age-matched mean and SD to compute it."
    elif s.group == "younger":
        text += f" Z-score {fmt(s.z, 2)}: {z_interpretation(s.z)}."
    else:
        text += f" Z-score {fmt(s.z, 2)}."
    return text


def describe_change(a: ChangeAssessment) -> str:
    """One-paragraph reading of a change against the LSC (mirrored in JS)."""
    if a.kind == "cv":
        text = (f"Change {signed(a.percent_change, 2)} % ({signed(a.change, 3)} in the units "
                f"entered). LSC = 2.77 × {fmt(a.precision, 2)} % = {fmt(a.lsc, 2)} %.")
    else:
        text = (f"Change {signed(a.change, 3)} in the units entered "
                f"({signed(a.percent_change, 2)} %). LSC = 2.77 × {fmt(a.precision, 3)} = "
                f"{fmt(a.lsc, 3)}.")
    if a.exceeds:
        word = "decrease" if a.change < 0 else "increase"
        text += (f" The {word} equals or exceeds the LSC: larger than measurement error "
                 "alone would give in 95 % of repeated pairs.")
    else:
        text += (" The change is smaller than the LSC: it cannot be told apart from "
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
                "lowMassT": LOW_MASS_T, "lowForAgeZ": LOW_FOR_AGE_Z, "tolerance": TOLERANCE}

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
    measurements' units). Bad values raise :class:`~bonelearn.errors.ParameterError`.
    """
    return BoneMeasuresCalculator(
        {"bmd": bmd, "young_mean": young_mean, "young_sd": young_sd, "age_mean": age_mean,
         "age_sd": age_sd, "group": group},
        {"first": first, "second": second, "precision": precision, "kind": kind})


__all__ = ["BoneMeasuresCalculator", "bone_measures_calculator",
           "describe_change", "describe_scores"]
