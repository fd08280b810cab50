"""The remodelling simulator: both front ends, validation and the live callback."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.frontend import BOOK_BUILD_ENV
from bonelearn.models.scenarios import simulate_scenario
from bonelearn.widgets.base import WIDGET_VIEW
from bonelearn.widgets.plots import extent
from bonelearn.widgets.simulator import remodelling_simulator


@pytest.fixture(scope="module")
def sim():
    return remodelling_simulator(inflammation=0.6, drug="denosumab", start=180, duration=365)


def test_bundle_has_live_view_and_static_html(sim, monkeypatch):
    monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    bundle = sim._repr_mimebundle_()
    assert WIDGET_VIEW in bundle and bundle[WIDGET_VIEW]["model_id"]
    page = bundle["text/html"]
    assert 'data-bl-widget="remodelling-simulator"' in page
    assert "window.bonelearn.remodelling" in page  # the JS port is inlined
    assert "Teaching device:" in page and "not a result of the published models" in page
    assert bundle["text/plain"].startswith("<RemodellingSimulator: Inflammation 0.60")


def test_static_payload_is_the_model_spec(sim):
    page = sim.html()
    payload = re.search(r'<script type="application/json" class="bl-data">(.*?)</script>',
                        page, re.S).group(1)
    data = json.loads(payload)
    assert data["spec"]["teaching_device"] is True
    assert set(data["spec"]["drugs"]) >= {"denosumab", "romosozumab", "tnf_inhibitor"}
    assert data["t_end"] == 1095 and data["n_points"] == 366


def test_controls_are_labelled_and_bounded(sim):
    page = sim.html()
    for name in ("inflammation", "start", "duration", "drug"):
        control_id = re.search(rf'id="([^"]+)" name="{name}"', page).group(1)
        assert f'<label for="{control_id}">' in page
    assert re.search(r'name="inflammation" min="0" max="1" step="0.05" value="0.6"', page)
    assert re.search(r'name="start" min="0" max="1095" step="1" value="180"', page)
    assert '<option value="none">No drug</option>' in page
    assert 'aria-live="polite"' in page


def test_plots_draw_treated_and_untreated_with_different_styles(sim):
    page = sim.html()
    for key in ("C", "B", "V"):
        block = re.search(rf'<svg[^>]*data-panel="{key}".*?</svg>', page, re.S).group(0)
        assert block.count("<polyline") == 2
        assert "bl-treated" in block and "bl-untreated" in block
        assert "<title" in block


def test_curves_match_python_model(sim):
    result = simulate_scenario(0.6, "denosumab", 180, 365, 1095, 366)
    v = 100 * result.treated["V"] / result.baseline["V"]
    untreated = 100 * result.untreated["V"] / result.baseline["V"]
    block = re.search(r'<svg[^>]*data-panel="V".*?</svg>', sim.html(), re.S).group(0)
    points = re.search(r'class="bl-curve bl-treated" points="([^"]+)"', block).group(1)
    ys = np.array([float(p.split(",")[1]) for p in points.split()])
    lo, hi = extent([*v, *untreated])
    # invert the y scale of plots.py (H=180, TOP=24, BOTTOM=34)
    values = lo + (180 - 34 - ys) * (hi - lo) / (180 - 24 - 34)
    assert values[0] == pytest.approx(v[0], abs=0.2)
    assert values[-1] == pytest.approx(v[-1], abs=0.2)


def test_summary_reports_final_bone_volume(sim):
    result = simulate_scenario(0.6, "denosumab", 180, 365, 1095, 366)
    vt, vu = result.treated["V"][-1], result.untreated["V"][-1]
    assert f"{vu:.1f} % without treatment" in sim.summary()
    assert f"{vt:.1f} % with treatment" in sim.summary()


def test_live_callback_redraws_plots_and_summary():
    sim = remodelling_simulator(inflammation=0.6, drug=None)
    box = sim.live
    before_plots, before_summary = box.outputs["plots"].value, box.outputs["summary"].value
    box.controls["drug"].value = "romosozumab"
    assert box.outputs["plots"].value != before_plots
    assert "Romosozumab" in box.outputs["summary"].value != before_summary
    assert sim.drug == "romosozumab"
    box.controls["inflammation"].value = 0.9
    assert sim.inflammation == 0.9
    assert "Inflammation 0.90" in box.outputs["summary"].value
    import html

    from bonelearn.models.scenarios import scenario_spec

    caveat = scenario_spec()["drugs"]["romosozumab"]["caveat"]
    assert html.escape(caveat) in box.outputs["note"].value


def test_no_drug_means_one_course_and_no_window():
    sim = remodelling_simulator(inflammation=0.3, drug=None)
    assert "without treatment." in sim.summary() and "with treatment (" not in sim.summary()
    assert 'class="bl-window" x="52.0" y="24" width="0.0"' in sim.html()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"inflammation": 1.5}, "inflammation"),
        ({"inflammation": -0.1}, "inflammation"),
        ({"inflammation": float("nan")}, "inflammation"),
        ({"inflammation": 0.62}, "multiple of 0.05"),
        ({"inflammation": "high"}, "inflammation"),
        ({"start": -1}, "start"),
        ({"start": 2000}, "start"),
        ({"start": 10.5}, "whole number"),
        ({"duration": 5000}, "duration"),
        ({"t_end": 10}, "t_end"),
    ],
)
def test_bad_values_raise_parameter_error(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        remodelling_simulator(**kwargs)


def test_unknown_drug_names_it():
    with pytest.raises(UnknownItemError, match="aspirin"):
        remodelling_simulator(drug="aspirin")
