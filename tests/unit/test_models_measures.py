"""T-score, Z-score, WHO category and least significant change (bonelearn.models.measures)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bonelearn.errors import ParameterError
from bonelearn.models.measures import (
    CATEGORY_LOW_MASS,
    CATEGORY_NORMAL,
    CATEGORY_OSTEOPOROSIS,
    LSC_FACTOR,
    assess_change,
    bone_scores,
    least_significant_change,
    lognormal_limits,
    reported,
    t_score,
    who_category,
    z_interpretation,
    z_score,
)


def test_t_and_z_scores_are_sds_from_the_reference_mean():
    # made-up inputs: a BMD two reference SDs below the mean
    assert t_score(0.6, 0.8, 0.1) == pytest.approx(-2.0)
    assert z_score(0.9, 0.8, 0.05) == pytest.approx(2.0)
    assert t_score(1.0, 1.0, 0.2) == 0.0


@pytest.mark.parametrize(("t", "category"), [
    (-3.1, CATEGORY_OSTEOPOROSIS), (-2.5, CATEGORY_OSTEOPOROSIS), (-2.49, CATEGORY_LOW_MASS),
    (-1.01, CATEGORY_LOW_MASS), (-1.0, CATEGORY_NORMAL), (0.4, CATEGORY_NORMAL),
])
def test_who_categories_and_their_boundaries(t, category):
    assert who_category(t) == category


def test_reported_rounds_half_away_from_zero_and_never_gives_minus_zero():
    assert reported(-2.45, 1) == -2.5 and reported(2.45, 1) == 2.5
    assert reported(-2.449, 1) == -2.4 and reported(4.155, 2) == 4.16
    assert reported(-0.04, 1) == 0.0 and math.copysign(1, reported(-0.04, 1)) == 1.0
    assert reported(2.765, 2) == 2.77  # stored as 2.76499999..., still a half


def test_category_is_that_of_the_printed_t_score():
    # review finding: T = -2.496 was printed "-2.50" but classified as low bone mass
    s = bone_scores(0.85 - 2.496 * 0.12, 0.85, 0.12)
    assert s.t == -2.5 and s.t_exact == pytest.approx(-2.496)
    assert s.category == CATEGORY_OSTEOPOROSIS
    s = bone_scores(0.85 - 2.449 * 0.12, 0.85, 0.12)
    assert s.t == -2.4 and s.category == CATEGORY_LOW_MASS
    s = bone_scores(0.85 - 0.951 * 0.12, 0.85, 0.12)
    assert s.t == -1.0 and s.category == CATEGORY_NORMAL
    z = bone_scores(0.6, 0.85, 0.12, 0.8, 0.1, group="younger")
    assert z.z_exact == pytest.approx(-2.0) and z.z == -2.0
    z = bone_scores(0.8 - 1.96 * 0.1, 0.85, 0.12, 0.8, 0.1, group="younger")
    assert z.z == -2.0 and z_interpretation(z.z) == "below the expected range for age"


def test_thresholds_survive_rounding_error():
    assert (0.55 - 0.85) / 0.12 > -2.5  # floating point puts this a hair above -2.5
    assert bone_scores(0.55, 0.85, 0.12).category == CATEGORY_OSTEOPOROSIS


def test_z_score_wording_of_the_iscd():
    assert z_interpretation(-2.0) == "below the expected range for age"
    assert z_interpretation(-1.99) == "within the expected range for age"


def test_who_category_is_withheld_for_younger_people():
    older = bone_scores(0.6, 0.85, 0.1, group="older")
    younger = bone_scores(0.6, 0.85, 0.1, 0.7, 0.1, group="younger")
    assert older.category == CATEGORY_OSTEOPOROSIS and older.z is None
    assert younger.category is None and younger.z == pytest.approx(-1.0)


def test_lsc_is_2_77_times_precision():
    assert pytest.approx(1.96 * math.sqrt(2), abs=0.005) == LSC_FACTOR
    assert least_significant_change(1.0) == pytest.approx(2.77)
    assert least_significant_change(0.012, kind="sd") == pytest.approx(0.03324)


def test_assess_change_with_a_cv():
    small = assess_change(0.800, 0.780, 1.0)       # -2.5 % against LSC 2.77 %
    large = assess_change(0.800, 0.770, 1.0)       # -3.75 %
    assert small.percent_change == pytest.approx(-2.5) and not small.exceeds
    assert large.exceeds and large.change == pytest.approx(-0.03)
    assert large.compared == large.percent_change


def test_assess_change_with_an_sd_compares_units_not_percent():
    a = assess_change(0.800, 0.770, 0.010, kind="sd")  # |−0.030| ≥ 0.0277
    assert a.lsc == pytest.approx(0.0277) and a.exceeds and a.compared == a.change
    b = assess_change(0.800, 0.775, 0.010, kind="sd")
    assert not b.exceeds


@pytest.mark.parametrize(("second", "exceeds"), [
    (100 - 2.765, True),   # shown -2.77 against LSC 2.77: equal, so real
    (100 - 2.764, False),  # shown -2.76
    (100 + 2.775, True),   # shown +2.78
    (100 + 2.7649, False),
])
def test_change_is_compared_with_the_lsc_as_printed(second, exceeds):
    a = assess_change(100, second, 1.0)
    assert a.shown_limit == 2.77 and a.exceeds is exceeds
    assert a.exceeds == (abs(a.shown_change) >= a.shown_limit)


def test_review_example_change_equal_to_lsc_when_printed():
    a = assess_change(1.0, 0.95845, 1.5)   # -4.155 % against 2.77 x 1.5 = 4.155 %
    assert a.shown_change == -4.16 and a.shown_limit == 4.16 and a.exceeds


def test_lognormal_limits_are_asymmetric():
    fall, rise = lognormal_limits(15.0)
    sigma = math.sqrt(math.log(1 + 0.15 ** 2))
    assert sigma == pytest.approx(0.1492, abs=1e-4)
    assert fall == pytest.approx(100 * (1 - math.exp(-2.77 * sigma)))
    assert (round(fall, 2), round(rise, 2)) == (33.85, 51.16)
    assert fall < LSC_FACTOR * 15 < rise
    small_fall, small_rise = lognormal_limits(1.0)  # a small CV: nearly symmetric
    assert small_fall == pytest.approx(2.77, abs=0.05)
    assert small_rise == pytest.approx(2.77, abs=0.05)


def test_lognormal_assessment_uses_the_limit_of_the_direction():
    fall = assess_change(0.52, 0.31, 15.0, kind="lognormal")   # -40.4 %: beyond 33.85 %
    sym = assess_change(0.52, 0.31, 15.0)                      # but not beyond 41.55 %
    assert fall.exceeds and fall.shown_limit == 33.85 and not sym.exceeds
    rise = assess_change(0.52, 0.75, 15.0, kind="lognormal")   # +44.2 %: short of 51.16 %
    assert not rise.exceeds and rise.shown_limit == 51.16 and rise.compared == rise.percent_change


@pytest.mark.parametrize(("call", "field"), [
    (lambda: t_score(0, 0.8, 0.1), "measured BMD (bmd) must be greater than 0"),
    (lambda: t_score(0.7, -1, 0.1), "young-adult reference mean (young_mean) must be greater"),
    (lambda: t_score(0.7, 0.8, 0), "young-adult reference SD (young_sd) must be greater than"),
    (lambda: t_score(float("nan"), 0.8, 0.1), "measured BMD (bmd) must be a finite number"),
    (lambda: t_score("0.7", 0.8, 0.1), "measured BMD (bmd) must be a number, got '0.7'"),
    (lambda: t_score(True, 0.8, 0.1), "measured BMD (bmd) must be a number"),
    (lambda: t_score(2e6, 0.8, 0.1), "measured BMD (bmd) must be smaller than 1000000"),
    (lambda: z_score(0.7, 0.8, float("inf")), "age-matched reference SD (age_sd) must be a"),
    (lambda: bone_scores(0.7, 0.8, 0.1, age_mean=0.8), "age-matched reference SD (age_sd) is"),
    (lambda: bone_scores(0.7, 0.8, 0.1, age_sd=0.1), "age-matched reference mean (age_mean) is"),
    (lambda: bone_scores(0.7, 0.8, 0.1, group="child"), "patient group (group) must be one of"),
    (lambda: least_significant_change(0), "precision error (precision) must be greater than 0"),
    (lambda: least_significant_change(100), "precision error (precision) must be below 100 %"),
    (lambda: least_significant_change(1, kind="%"), "precision given as (kind) must be 'cv'"),
    (lambda: assess_change(-1, 0.7, 1), "first measurement (first) must be greater than 0"),
    (lambda: assess_change(0.7, 0, 1), "second measurement (second) must be greater than 0"),
    (lambda: who_category(float("nan")), "T-score (t) must be a finite number"),
    (lambda: t_score(None, 0.8, 0.1), "measured BMD (bmd) is empty: enter a number"),
    (lambda: assess_change(0.7, 0.6, 1, kind="%"),
     "precision given as (kind) must be 'cv', 'sd' or 'lognormal', got '%'"),
    (lambda: assess_change(0.7, 0.6, 100, kind="lognormal"), "must be below 100 % as a CV"),
    (lambda: assess_change(0.7, 0.6, 0.001), "precision error (precision) is too small"),
    (lambda: least_significant_change(5, kind="lognormal"), "must be 'cv' or 'sd'"),
])
def test_bad_input_raises_parameter_error_naming_the_field(call, field):
    with pytest.raises(ParameterError, match=field.replace("(", r"\(").replace(")", r"\)")):
        call()


positive = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False, allow_infinity=False)


@given(positive, positive, positive)
def test_t_score_inverts_to_the_measured_value(bmd, mean, sd):
    assert mean + t_score(bmd, mean, sd) * sd == pytest.approx(bmd, rel=1e-9, abs=1e-9)


@given(positive, positive, st.floats(min_value=0.01, max_value=50))
def test_change_exceeds_lsc_iff_printed_change_reaches_printed_lsc(first, second, cv):
    a = assess_change(first, second, cv)
    assert a.shown_limit == reported(2.77 * cv, 2)
    assert a.shown_change == reported(100 * (second - first) / first, 2)
    assert a.exceeds == (a.shown_change != 0 and abs(a.shown_change) >= a.shown_limit)
    assert assess_change(second, first, cv).lsc == a.lsc


@given(positive, positive, positive)
def test_category_always_matches_the_printed_t_score(bmd, mean, sd):
    s = bone_scores(bmd, mean, sd)
    assert s.category == who_category(float(f"{s.t:.1f}"))
    assert abs(s.t - s.t_exact) <= 0.05 + 1e-9
