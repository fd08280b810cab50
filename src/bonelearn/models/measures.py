"""Arithmetic of bone measurements: T-score, Z-score, WHO category and least significant change.

These are the small calculations a reader does with a densitometry report or two
bone-marker results. They are a learning tool, not a clinical tool: no reference
values are built in, so the young-adult (and age-matched) mean and SD must come from
the reference database the densitometer uses, and the precision error from the
centre's own precision study.

* ``t_score``: SDs from the young-adult reference mean.
* ``z_score``: SDs from the age-matched reference mean.
* ``who_category``: the WHO densitometric categories (T ≤ −2.5 osteoporosis; −2.5 < T < −1
  low bone mass, "osteopenia"; T ≥ −1 normal). They are defined for postmenopausal
  women and men aged 50 or over; for younger people the ISCD prefers Z-scores, with
  Z ≤ −2.0 "below the expected range for age".
* ``least_significant_change`` and ``assess_change``: a change between two
  measurements is counted as real at about 95 % confidence when it equals or exceeds
  LSC = 2.77 × precision error. 2.77 is 1.96 × √2 rounded: 1.96 for a two-sided 95 %
  criterion and √2 because each of the two measurements carries the error.

Every bad input raises :class:`bonelearn.errors.ParameterError` naming the field. The
browser port is ``widgets/js/bone-measures-model.js``; keep the two in step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bonelearn.errors import ParameterError

#: 1.96 × √2 rounded to two decimals, the conventional LSC multiplier (95 % confidence).
LSC_FACTOR = 2.77
#: Largest accepted input: keeps every value far from float formatting edge cases.
MAX_VALUE = 1e6
#: WHO densitometric thresholds on the T-score.
OSTEOPOROSIS_T = -2.5
LOW_MASS_T = -1.0
#: ISCD threshold on the Z-score for "below the expected range for age".
LOW_FOR_AGE_Z = -2.0
#: Comparisons with a threshold allow this much rounding error, so that a score of exactly
#: -2.5 computed as -2.4999999999999996 (0.55 - 0.85 over 0.12) is still -2.5.
TOLERANCE = 1e-9

#: Human labels of each field, used in error messages next to the argument name.
LABELS: dict[str, str] = {
    "bmd": "measured BMD",
    "young_mean": "young-adult reference mean",
    "young_sd": "young-adult reference SD",
    "age_mean": "age-matched reference mean",
    "age_sd": "age-matched reference SD",
    "precision": "precision error",
    "first": "first measurement",
    "second": "second measurement",
    "kind": "precision given as",
    "group": "person",
}
#: How the precision error is expressed.
PRECISION_KINDS = ("cv", "sd")
#: Who the person is: the WHO categories apply only to the first group.
GROUPS = ("older", "younger")

CATEGORY_OSTEOPOROSIS = "osteoporosis"
CATEGORY_LOW_MASS = "low bone mass (osteopenia)"
CATEGORY_NORMAL = "normal"


def _field(name: str) -> str:
    return f"{LABELS[name]} ({name})"


def check_value(name: str, value: object, *, positive: bool = True) -> float:
    """Return ``value`` as a finite float (> 0 when ``positive``), or raise naming the field."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ParameterError(f"{_field(name)} must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ParameterError(f"{_field(name)} must be a finite number")
    if positive and number <= 0:
        raise ParameterError(f"{_field(name)} must be greater than 0")
    if abs(number) >= MAX_VALUE:
        raise ParameterError(f"{_field(name)} must be smaller than 1000000 in size")
    return number


def t_score(bmd: float, young_mean: float, young_sd: float) -> float:
    """SDs by which ``bmd`` lies above (+) or below (−) the young-adult reference mean."""
    b = check_value("bmd", bmd)
    m = check_value("young_mean", young_mean)
    s = check_value("young_sd", young_sd)
    return (b - m) / s


def z_score(bmd: float, age_mean: float, age_sd: float) -> float:
    """SDs by which ``bmd`` lies above (+) or below (−) the age-matched reference mean."""
    b = check_value("bmd", bmd)
    m = check_value("age_mean", age_mean)
    s = check_value("age_sd", age_sd)
    return (b - m) / s


def who_category(t: float) -> str:
    """The WHO densitometric category of a T-score (postmenopausal women, men ≥ 50)."""
    if isinstance(t, bool) or not isinstance(t, int | float) or not math.isfinite(t):
        raise ParameterError(f"T-score (t) must be a finite number, got {t!r}")
    if t <= OSTEOPOROSIS_T + TOLERANCE:
        return CATEGORY_OSTEOPOROSIS
    if t < LOW_MASS_T - TOLERANCE:
        return CATEGORY_LOW_MASS
    return CATEGORY_NORMAL


def z_interpretation(z: float) -> str:
    """The ISCD wording for a Z-score (premenopausal women, men under 50)."""
    return ("below the expected range for age" if z <= LOW_FOR_AGE_Z + TOLERANCE
            else "within the expected range for age")


@dataclass(frozen=True)
class BoneScores:
    """T-score, optional Z-score and, where it applies, the WHO category."""

    t: float
    z: float | None
    group: str
    category: str | None  # None when the WHO categories do not apply (group "younger")


def bone_scores(bmd: float, young_mean: float, young_sd: float, age_mean: float | None = None,
                age_sd: float | None = None, group: str = "older") -> BoneScores:
    """T-score (always), Z-score (when both age-matched values are given) and WHO category.

    ``group`` is ``"older"`` (postmenopausal woman or man aged 50 or over: the WHO
    categories apply) or ``"younger"`` (premenopausal woman or man under 50: they do
    not, and the Z-score is the one to read).
    """
    if group not in GROUPS:
        raise ParameterError(f"{_field('group')} must be one of {', '.join(GROUPS)}, got {group!r}")
    t = t_score(bmd, young_mean, young_sd)
    if (age_mean is None) != (age_sd is None):
        missing = "age_sd" if age_sd is None else "age_mean"
        raise ParameterError(f"{_field(missing)} is needed when the other age-matched value "
                             "is given (or leave both empty)")
    z = None if age_mean is None else z_score(bmd, age_mean, age_sd)  # type: ignore[arg-type]
    category = who_category(t) if group == "older" else None
    return BoneScores(t, z, group, category)


def least_significant_change(precision: float, kind: str = "cv") -> float:
    """LSC = 2.77 × precision error, in % (``kind="cv"``) or in measurement units (``"sd"``)."""
    if kind not in PRECISION_KINDS:
        raise ParameterError(f"{_field('kind')} must be 'cv' or 'sd', got {kind!r}")
    p = check_value("precision", precision)
    if kind == "cv" and p >= 100:
        raise ParameterError(f"{_field('precision')} must be below 100 % as a CV")
    return LSC_FACTOR * p


@dataclass(frozen=True)
class ChangeAssessment:
    """A change between two measurements compared with the least significant change."""

    first: float
    second: float
    kind: str
    precision: float
    change: float          # second − first, in measurement units
    percent_change: float  # 100 × (second − first) / first
    lsc: float             # in % (kind "cv") or measurement units (kind "sd")
    exceeds: bool          # |change| ≥ LSC (less TOLERANCE), in the LSC's units

    @property
    def compared(self) -> float:
        """The change in the LSC's units (% for a CV, measurement units for an SD)."""
        return self.percent_change if self.kind == "cv" else self.change


def assess_change(first: float, second: float, precision: float,
                  kind: str = "cv") -> ChangeAssessment:
    """Compare the change from ``first`` to ``second`` with the LSC of ``precision``.

    With ``kind="cv"`` the precision error is a coefficient of variation in % and the
    percentage change is compared with LSC %; with ``kind="sd"`` it is an SD in the
    measurements' own units and the absolute change is compared with LSC.
    """
    lsc = least_significant_change(precision, kind)
    a = check_value("first", first)
    b = check_value("second", second)
    change = b - a
    percent = 100.0 * change / a
    compared = percent if kind == "cv" else change
    return ChangeAssessment(a, b, kind, float(precision), change, percent, lsc,
                            abs(compared) >= lsc - TOLERANCE)
