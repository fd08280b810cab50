"""Arithmetic of bone measurements: T-score, Z-score, WHO category and least significant change.

These are the small calculations a reader does with a densitometry report or two
bone-marker results. They are a learning tool, not a clinical tool: no reference
values are built in, so the young-adult (and age-matched) mean and SD must come from
the reference database the densitometer uses, and the precision error from the
centre's own precision study.

* ``t_score``: SDs from the young-adult reference mean.
* ``z_score``: SDs from the age-matched reference mean.
* ``reported``: round half away from zero to a fixed number of decimals. The calculator
  prints T- and Z-scores to one decimal (``SCORE_DIGITS``) and classifies the printed
  value, so that the category always agrees with the number shown.
* ``who_category``: the WHO densitometric categories (T ≤ −2.5 osteoporosis; −2.5 < T < −1
  low bone mass, "osteopenia"; T ≥ −1 normal). They are defined for postmenopausal
  women and men aged 50 or over; for younger people the ISCD prefers Z-scores, with
  Z ≤ −2.0 "below the expected range for age".
* ``least_significant_change`` and ``assess_change``: a change between two
  measurements is counted as real at about 95 % confidence when it equals or exceeds
  LSC = 2.77 × precision error. 2.77 is 1.96 × √2 rounded: 1.96 for a two-sided 95 %
  criterion and √2 because each of the two measurements carries the error. This
  symmetric rule is the DXA convention (``kind="cv"`` or ``"sd"``).
* ``lognormal_limits`` and ``assess_change(kind="lognormal")``: for markers with a large
  total CV, the limits computed on the log scale, which are asymmetric: with
  σ = √ln(1 + CV²), a fall counts when it exceeds 1 − exp(−2.77σ) and a rise when it
  exceeds exp(2.77σ) − 1.
* The change and the limit are compared as they are printed (``CHANGE_DIGITS``), so the
  verdict never contradicts the numbers shown.

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
#: Decimals of a printed T- or Z-score; the category is read from the printed value.
SCORE_DIGITS = 1
#: Decimals of a printed change and limit: % for a CV, measurement units for an SD.
CHANGE_DIGITS = {"cv": 2, "sd": 3, "lognormal": 2}
#: Added before rounding, so that a half (2.765 stored as 2.76499999...) rounds up.
ROUND_EPS = 1e-9
#: A T- or Z-score further than this from 0 gets a note to check the units.
IMPLAUSIBLE_SCORE = 5.0

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
    "group": "patient group",
}
#: How the precision error is expressed: CV (%) or SD with the symmetric DXA rule, or a
#: total CV (%) with log-normal (asymmetric) limits for markers.
PRECISION_KINDS = ("cv", "sd", "lognormal")
#: Who the person is: the WHO categories apply only to the first group.
GROUPS = ("older", "younger")

CATEGORY_OSTEOPOROSIS = "osteoporosis"
CATEGORY_LOW_MASS = "low bone mass (osteopenia)"
CATEGORY_NORMAL = "normal"


def _field(name: str) -> str:
    return f"{LABELS[name]} ({name})"


def check_value(name: str, value: object, *, positive: bool = True) -> float:
    """Return ``value`` as a finite float (> 0 when ``positive``), or raise naming the field."""
    if value is None:
        raise ParameterError(f"{_field(name)} is empty: enter a number")
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


def reported(value: float, digits: int) -> float:
    """``value`` rounded half away from zero to ``digits`` decimals, as it is printed.

    Mirrored by ``reported`` in bone-measures-model.js with the same float operations,
    so both ports print and classify the same number. Never returns -0.0.
    """
    scale = 10 ** digits
    n = math.floor(abs(value) * scale + 0.5 + ROUND_EPS)
    if n == 0:
        return 0.0
    r = n / scale
    return -r if value < 0 else r


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
    """T-score, optional Z-score and, where it applies, the WHO category.

    ``t`` and ``z`` are the printed values (one decimal); the category and the Z-score
    wording are read from them. ``t_exact`` and ``z_exact`` keep the unrounded values.
    """

    t: float
    z: float | None
    group: str
    category: str | None  # None when the WHO categories do not apply (group "younger")
    t_exact: float
    z_exact: float | None

    @property
    def implausible(self) -> bool:
        """True when a score lies more than IMPLAUSIBLE_SCORE SDs from the mean."""
        scores = [self.t_exact] + ([] if self.z_exact is None else [self.z_exact])
        return any(abs(s) > IMPLAUSIBLE_SCORE for s in scores)


def bone_scores(bmd: float, young_mean: float, young_sd: float, age_mean: float | None = None,
                age_sd: float | None = None, group: str = "older") -> BoneScores:
    """T-score (always), Z-score (when both age-matched values are given) and WHO category.

    ``group`` is ``"older"`` (postmenopausal woman or man aged 50 or over: the WHO
    categories apply) or ``"younger"`` (premenopausal woman or man under 50: they do
    not, and the Z-score is the one to read). Scores are rounded to one decimal and the
    category is that of the rounded T-score.
    """
    if group not in GROUPS:
        raise ParameterError(f"{_field('group')} must be one of {', '.join(GROUPS)}, got {group!r}")
    t = t_score(bmd, young_mean, young_sd)
    if (age_mean is None) != (age_sd is None):
        missing = "age_sd" if age_sd is None else "age_mean"
        raise ParameterError(f"{_field(missing)} is needed when the other age-matched value "
                             "is given (or leave both empty)")
    z = None if age_mean is None else z_score(bmd, age_mean, age_sd)  # type: ignore[arg-type]
    t_shown = reported(t, SCORE_DIGITS)
    z_shown = None if z is None else reported(z, SCORE_DIGITS)
    category = who_category(t_shown) if group == "older" else None
    return BoneScores(t_shown, z_shown, group, category, t, z)


def _check_kind(kind: object, allowed: tuple[str, ...]) -> None:
    if kind not in allowed:
        names = ", ".join(f"'{k}'" for k in allowed[:-1]) + f" or '{allowed[-1]}'"
        raise ParameterError(f"{_field('kind')} must be {names}, got {kind!r}")


def _check_precision(precision: float, kind: str) -> float:
    p = check_value("precision", precision)
    if kind != "sd" and p >= 100:
        raise ParameterError(f"{_field('precision')} must be below 100 % as a CV")
    return p


def least_significant_change(precision: float, kind: str = "cv") -> float:
    """LSC = 2.77 × precision error, in % (``kind="cv"``) or in measurement units (``"sd"``).

    This is the symmetric rule used for DXA; for the log-normal limits of a marker use
    :func:`lognormal_limits`.
    """
    _check_kind(kind, ("cv", "sd"))
    return LSC_FACTOR * _check_precision(precision, kind)


def lognormal_limits(cv: float) -> tuple[float, float]:
    """(fall, rise) in % that a change must reach when values are log-normal with total CV ``cv`` %.

    σ = √ln(1 + (CV/100)²) is the SD on the natural-log scale; a fall counts from
    100 × (1 − exp(−2.77σ)) % and a rise from 100 × (exp(2.77σ) − 1) %.
    """
    p = _check_precision(cv, "lognormal")
    sigma = math.sqrt(math.log(1 + (p / 100) ** 2))
    return 100 * (1 - math.exp(-LSC_FACTOR * sigma)), 100 * (math.exp(LSC_FACTOR * sigma) - 1)


@dataclass(frozen=True)
class ChangeAssessment:
    """A change between two measurements compared with the least significant change."""

    first: float
    second: float
    kind: str
    precision: float
    change: float          # second − first, in measurement units
    percent_change: float  # 100 × (second − first) / first
    lsc: float             # symmetric: the LSC; log-normal: the limit in the change's direction
    limit_fall: float      # the limit for a fall (equals lsc for the symmetric kinds)
    limit_rise: float      # the limit for a rise (equals lsc for the symmetric kinds)
    shown_change: float    # the compared change as printed (CHANGE_DIGITS[kind] decimals)
    shown_limit: float     # the limit in the change's direction, as printed
    exceeds: bool          # |shown_change| ≥ shown_limit (and the change is not 0)

    @property
    def compared(self) -> float:
        """The change in the limit's units (% for a CV, measurement units for an SD)."""
        return self.change if self.kind == "sd" else self.percent_change


def assess_change(first: float, second: float, precision: float,
                  kind: str = "cv") -> ChangeAssessment:
    """Compare the change from ``first`` to ``second`` with the limit set by ``precision``.

    ``kind="cv"``: the precision error is a CV in % and the percentage change is compared
    with LSC = 2.77 × CV. ``kind="sd"``: it is an SD in the measurements' units and the
    absolute change is compared with 2.77 × SD. ``kind="lognormal"``: it is a total CV in %
    (for a marker: analytical and within-person variation) and the percentage change is
    compared with the log-normal limit for a fall or a rise. Change and limit are rounded
    to the printed decimals before they are compared.
    """
    _check_kind(kind, PRECISION_KINDS)
    p = _check_precision(precision, kind)
    if kind == "lognormal":
        fall, rise = lognormal_limits(p)
    else:
        fall = rise = LSC_FACTOR * p
    a = check_value("first", first)
    b = check_value("second", second)
    digits = CHANGE_DIGITS[kind]
    if reported(min(fall, rise), digits) == 0:
        raise ParameterError(f"{_field('precision')} is too small: its limit rounds to 0 "
                             f"at {digits} decimals")
    change = b - a
    percent = 100.0 * change / a
    compared = change if kind == "sd" else percent
    limit = fall if compared < 0 else rise
    shown_change = reported(compared, digits)
    shown_limit = reported(limit, digits)
    exceeds = shown_change != 0 and abs(shown_change) >= shown_limit
    return ChangeAssessment(a, b, kind, p, change, percent, limit, fall, rise,
                            shown_change, shown_limit, exceeds)
