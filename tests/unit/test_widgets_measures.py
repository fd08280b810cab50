"""The bone measures calculator: both front ends, labelling, errors and the live callbacks."""

from __future__ import annotations

import json
import re

import pytest

from bonelearn.errors import ParameterError
from bonelearn.models.measures import LSC_FACTOR, assess_change, bone_scores
from bonelearn.widgets import BoneMeasuresCalculator, bone_measures_calculator
from bonelearn.widgets.base import WIDGET_VIEW
from bonelearn.widgets.measures import describe_change, describe_scores, fmt, signed

CONTROLS = ("group", "bmd", "young_mean", "young_sd", "age_mean", "age_sd", "kind",
            "precision", "first", "second")


@pytest.fixture(scope="module")
def calc() -> BoneMeasuresCalculator:
    return bone_measures_calculator()


def test_bundle_has_live_view_and_static_html(calc):
    bundle = calc._repr_mimebundle_()
    assert WIDGET_VIEW in bundle and bundle[WIDGET_VIEW]["model_id"]
    page = bundle["text/html"]
    assert 'data-bl-widget="bone-measures"' in page
    assert "window.bonelearn.measures" in page  # the JS port is inlined
    assert bundle["text/plain"].startswith("<BoneMeasuresCalculator: T-score -1.25")


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
        "T-score -2.50. The WHO categories are defined for postmenopausal women and men aged "
        "50 or over, so none is given here; read the Z-score. Z-score -1.50: within the "
        "expected range for age.")
    a = assess_change(100, 120, 5.0)
    assert describe_change(a) == (
        "Change +20.00 % (+20.000 in the units entered). LSC = 2.77 × 5.00 % = 13.85 %. The "
        "increase equals or exceeds the LSC: larger than measurement error alone would give "
        "in 95 % of repeated pairs.")
    assert fmt(-0.0001, 2) == "0.00" and signed(-0.0001, 2) == "+0.00"
    assert signed(-0.01, 2) == "-0.01"


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
    assert "T-score -2.50. WHO category: osteoporosis." in out["scores"].value
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
    assert "Z-score -1.50: within the expected range for age" in out["scores"].value
    c["second"].value = 0.60
    assert "equals or exceeds the LSC" in out["change"].value
    c["kind"].value = "sd"
    c["precision"].value = 0.5
    assert "LSC = 2.77 × 0.500 = 1.385." in out["change"].value
    c["precision"].value = -1
    assert "precision error (precision) must be greater than 0" in out["change"].value
