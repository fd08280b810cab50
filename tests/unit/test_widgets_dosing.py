"""The denosumab dosing widget: both front ends, validation and the live callback."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from bonelearn.errors import ParameterError
from bonelearn.frontend import BOOK_BUILD_ENV
from bonelearn.widgets import denosumab_dosing
from bonelearn.widgets.base import WIDGET_VIEW
from bonelearn.widgets.dosing import DAYS_PER_MONTH, doses_to_end, model_spec


@pytest.fixture(scope="module")
def dos():
    return denosumab_dosing(interval_months=6, doses=6, t_end=2190)


def test_bundle_has_live_view_and_static_html(dos, monkeypatch):
    monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    bundle = dos._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    page = bundle["text/html"]
    assert 'data-bl-widget="denosumab-dosing"' in page
    assert "window.bonelearn.denosumab" in page and 'W.registry["denosumab-dosing"]' in page
    assert "Model, not a prediction:" in page and "without the paper&#x27;s mechanical" in page
    assert bundle["text/plain"].startswith("<DenosumabDosing: 6 injections of 60 mg every 6")


def test_static_payload_carries_the_model_spec(dos):
    page = dos.html()
    data = json.loads(re.search(r'<script type="application/json" class="bl-data">(.*?)'
                                r"</script>", page, re.S).group(1))
    assert data["spec"] == json.loads(json.dumps(model_spec()))
    assert data["spec"]["params"]["chi"] == 0.012 and data["t_end"] == 2190


def test_controls_are_labelled_and_bounded(dos):
    page = dos.html()
    for name in ("interval", "doses", "continue"):
        control_id = re.search(rf'id="([^"]+)" name="{name}"', page).group(1)
        assert f'<label for="{control_id}">' in page
    assert re.search(r'name="interval" min="1" max="12" step="1" value="6"', page)
    assert re.search(r'name="doses" min="0" max="20" step="1" value="6"', page)
    assert 'aria-live="polite"' in page


def test_summary_reports_stop_and_no_rebound(dos):
    text = dos.summary()
    stop = 6 * 6 * DAYS_PER_MONTH
    assert f"would have been due on day {stop:.0f}" in text
    high = float(re.search(r"at most ([0-9.]+) % of baseline", text).group(1))
    assert 99.0 < high < 101.0  # the model's osteoclasts return to baseline, no overshoot
    assert re.search(r"BMD peaks at \+\d+\.\d %", text)


def test_band_and_curves_follow_the_regimen(dos):
    page = dos.plots_html()
    for key in ("C", "OCa", "BMD"):
        block = re.search(rf'<svg[^>]*data-panel="{key}".*?</svg>', page, re.S).group(0)
        assert block.count("<polyline") == 2
    width = float(re.search(r'class="bl-window" x="[0-9.]+" y="\d+" width="([0-9.]+)"',
                            page).group(1))
    assert width == pytest.approx(238 * (6 * 6 * DAYS_PER_MONTH) / 2190, abs=0.1)


def test_keep_dosing_ignores_the_count_and_never_stops():
    d = denosumab_dosing(interval_months=6, doses=2, continue_to_end=True, t_end=1095)
    assert d.regimen.n_doses == doses_to_end(6 * DAYS_PER_MONTH, 1095) == 6
    assert d.stop_day is None and d.summary().endswith("runs to the end of the plot.")


def test_no_doses_is_flat():
    d = denosumab_dosing(doses=0, t_end=365)
    assert np.allclose(d.result["BMD"], 100.0)
    assert d.summary().startswith("No injections")


@pytest.mark.parametrize("kwargs", [{"interval_months": 0}, {"interval_months": 6.5},
                                    {"doses": 21}, {"doses": -1}, {"t_end": 100},
                                    {"continue_to_end": "yes"}, {"doses": True}])
def test_bad_controls_are_named(kwargs):
    with pytest.raises(ParameterError):
        denosumab_dosing(**kwargs)


def test_live_callback_redraws():
    d = denosumab_dosing(t_end=730)
    box = d.live
    before = box.outputs["plots"].value
    box.controls["interval"].value = 12
    assert box.outputs["plots"].value != before
    assert "every 12 months" in box.outputs["summary"].value
    box.controls["continue"].value = True
    assert "runs to the end" in box.outputs["summary"].value
