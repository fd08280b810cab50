"""The bone measures calculator: both front ends, labelling, errors and the live callbacks."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bonelearn.errors import ParameterError
from bonelearn.frontend import BOOK_BUILD_ENV
from bonelearn.models.measures import LSC_FACTOR, assess_change, bone_scores, who_category
from bonelearn.widgets import BoneMeasuresCalculator, bone_measures_calculator
from bonelearn.widgets.base import WIDGET_VIEW
from bonelearn.widgets.measures import describe_change, describe_scores, fmt, signed

CONTROLS = ("group", "bmd", "young_mean", "young_sd", "age_mean", "age_sd", "kind",
            "precision", "first", "second")


@pytest.fixture(scope="module")
def calc() -> BoneMeasuresCalculator:
    return bone_measures_calculator()


def test_bundle_has_live_view_and_static_html(calc, monkeypatch):
    monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    bundle = calc._repr_mimebundle_()
    assert WIDGET_VIEW in bundle and bundle[WIDGET_VIEW]["model_id"]
    page = bundle["text/html"]
    assert 'data-bl-widget="bone-measures"' in page
    assert "window.bonelearn.measures" in page  # the JS port is inlined
    assert bundle["text/plain"].startswith("<BoneMeasuresCalculator: T-score -1.3.")


def test_labelled_as_a_learning_tool_with_made_up_defaults(calc):
    page = calc.html()
    assert "Learning tool, not a clinical tool:" in page
    assert "made-up" in page and "not reference data" in page


def test_every_control_is_labelled(calc):
    page = calc.html()
    for name in CONTROLS:
        control_id = re.search(rf'id="([^"]+)" name="{name}"', page).group(1)
        assert f'<label for="{control_id}">' in page, name
    assert page.count('aria-live="polite"') == 2 and page.count('role="alert"') == 2
    assert re.search(r'name="age_mean" step="any" inputmode="decimal" value=""', page)


def test_static_payload_holds_the_constants(calc):
    payload = re.search(r'<script type="application/json" class="bl-data">(.*?)</script>',
                        calc.html(), re.S).group(1)
    data = json.loads(payload)
    assert data["factor"] == LSC_FACTOR == 2.77
    assert data["osteoporosisT"] == -2.5 and data["lowMassT"] == -1.0
    assert data["labels"]["young_sd"] == "young-adult reference SD"


def test_initial_text_is_the_python_reading(calc):
    page = calc.html()
    assert describe_scores(bone_scores(0.70, 0.85, 0.12)) in page
    assert describe_change(assess_change(0.70, 0.68, 1.5)).replace("×", "×") in page


def test_texts():
    s = bone_scores(0.55, 0.85, 0.12, 0.7, 0.1, group="younger")
    assert describe_scores(s) == (
        "Z-score -1.5: within the expected range for age. T-score -2.5 (not used for "
        "classification: the WHO categories are defined for postmenopausal women and men "
        "aged 50 or over).")
    assert describe_scores(bone_scores(0.85 - 2.496 * 0.12, 0.85, 0.12)) == (
        "T-score -2.5. Densitometric category (WHO): osteoporosis, a density category, not a "
        "diagnosis of its cause. Z-score: enter an age-matched mean and SD to compute it.")
    assert "Check the entries" in describe_scores(bone_scores(5.0, 0.85, 0.12))
    assert "Check the entries" not in describe_scores(bone_scores(0.5, 0.85, 0.12))
    a = assess_change(100, 120, 5.0)
    assert describe_change(a) == (
        "Change +20.00 % (+20.000 in the units entered). LSC = 2.77 × 5.00 % = 13.85 %. The "
        "increase equals or exceeds the LSC: larger than measurement error alone would give "
        "in 95 % of repeated pairs.")
    assert describe_change(assess_change(1.0, 0.95845, 1.5)).startswith(
        "Change -4.16 % (-0.042 in the units entered). LSC = 2.77 × 1.50 % = 4.16 %. The "
        "decrease equals or exceeds the LSC")
    assert describe_change(assess_change(0.52, 0.31, 15.0, "lognormal")) == (
        "Change -40.38 % (-0.210 in the units entered). Log-normal limits for a total CV of "
        "15.00 %: a fall of 33.85 % or a rise of 51.16 %. The decrease equals or exceeds the "
        "limit for a fall: larger than measurement error alone would give in 95 % of "
        "repeated pairs.")
    assert "LSC = 2.77 × 15.00 % = 41.55 %" in describe_change(assess_change(0.52, 0.31, 15.0))
    assert fmt(-0.0001, 2) == "0.00" and signed(-0.0001, 2) == "+0.00"
    assert signed(-0.01, 2) == "-0.01" and fmt(0.125, 2) == "0.13"


NUMBER = re.compile(r"[+-]?\d+\.\d+")


@given(st.floats(0.05, 3.0), st.floats(0.05, 3.0), st.floats(0.005, 1.0))
def test_printed_t_score_and_category_never_disagree(bmd, mean, sd):
    text = describe_scores(bone_scores(bmd, mean, sd))
    t = float(NUMBER.search(text).group())
    category = re.search(r"Densitometric category \(WHO\): (.*?), a density", text).group(1)
    assert category == who_category(t)


@given(st.floats(0.05, 500.0), st.floats(0.05, 500.0), st.floats(0.01, 40.0),
       st.sampled_from(["cv", "lognormal"]))
def test_printed_change_and_limit_never_contradict_the_verdict(first, second, cv, kind):
    a = assess_change(first, second, cv, kind)
    text = describe_change(a)
    shown = abs(float(NUMBER.search(text).group()))
    numbers = [float(x) for x in NUMBER.findall(text)]
    limit = numbers[-1] if kind == "cv" or a.change >= 0 else numbers[-2]
    real = "equals or exceeds" in text
    assert real == (shown != 0 and shown >= limit), text


def test_bad_initial_values_raise():
    with pytest.raises(ParameterError, match=r"young-adult reference SD \(young_sd\)"):
        bone_measures_calculator(young_sd=0)
    with pytest.raises(ParameterError, match=r"precision given as \(kind\)"):
        bone_measures_calculator(kind="percent")


def test_live_callbacks_recompute_and_show_errors_naming_the_field():
    calc = bone_measures_calculator()
    box = calc.live
    c, out = box.controls, box.outputs
    c["bmd"].value = 0.55
    assert "T-score -2.5. Densitometric category (WHO): osteoporosis" in out["scores"].value
    c["young_sd"].value = 0.0
    assert 'role="alert"' in out["scores"].value
    assert "young-adult reference SD (young_sd) must be greater than 0" in out["scores"].value
    c["young_sd"].value = 0.12
    c["age_mean"].value = "0.7"
    assert "age-matched reference SD (age_sd) is needed" in out["scores"].value
    c["age_sd"].value = "abc"
    assert "age-matched reference SD (age_sd) must be a number" in out["scores"].value
    c["age_sd"].value = "0.1"
    c["group"].value = "younger"
    assert "Z-score -1.5: within the expected range for age" in out["scores"].value
    c["second"].value = 0.60
    assert "equals or exceeds the LSC" in out["change"].value
    c["kind"].value = "sd"
    c["precision"].value = 0.5
    assert "LSC = 2.77 × 0.500 = 1.385." in out["change"].value
    c["kind"].value = "lognormal"
    c["precision"].value = 15.0
    assert "Log-normal limits for a total CV of 15.00 %" in out["change"].value
    c["precision"].value = -1
    assert "precision error (precision) must be greater than 0" in out["change"].value
