"""Teaching scenarios on Lemaire 2004: inflammation, the twelve drug classes, the spec."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
import yaml

from bonelearn.bibliography import bib_keys
from bonelearn.errors import DataFileError, ParameterError, UnknownItemError
from bonelearn.models import scenarios
from bonelearn.models.scenarios import DATA_FILE, drug_ids, scenario_spec, simulate_scenario

ROOT = Path(__file__).resolve().parents[2]

CANONICAL = ["denosumab", "romosozumab", "bisphosphonate", "glucocorticoid", "tnf_inhibitor",
             "il6r_inhibitor", "il17_inhibitor", "il12_23_inhibitor", "il23_inhibitor",
             "jak_inhibitor", "abatacept", "rituximab"]


def test_every_canonical_drug_is_mapped_and_labelled():
    assert sorted(drug_ids()) == sorted(CANONICAL)
    spec = scenario_spec()
    for d in CANONICAL:
        entry = spec["drugs"][d]
        assert entry["teaching_device"] is True
        assert entry["caveat"].strip().endswith(".")
        assert entry["citation"]


def test_citations_resolve_in_the_bibliography():
    from pathlib import Path
    bib = (Path(__file__).parents[2] / "references.bib").read_text(encoding="utf-8")
    spec = scenario_spec()
    keys = {e["citation"] for e in spec["drugs"].values()}
    keys |= {e["citation"] for e in spec["inflammation"]["mediators"].values()}
    for key in keys:
        assert "{" + key + "," in bib, key


def test_spec_is_json_serialisable_and_complete():
    spec = json.loads(json.dumps(scenario_spec()))
    assert spec["teaching_device"] is True and spec["caveat"]
    assert set(spec["initial"]) == {"R", "B", "C", "V"}
    assert spec["integrator"] == {"method": "rk4", "max_step_days": scenarios.RK4_STEP_DAYS}
    assert "D_R" in spec["params"] and "turnover" in spec["params"]


def test_no_inflammation_no_drug_stays_at_baseline():
    r = simulate_scenario(0.0, None, t_end=730.0, n_points=11)
    for k, v in r.untreated.items():
        assert np.allclose(v, r.baseline[k], rtol=1e-7), k
    assert r.teaching_device is True and "Teaching device" in r.label


def test_more_inflammation_more_osteoclasts_and_more_bone_loss():
    finals = [simulate_scenario(x, None, t_end=730.0, n_points=3) for x in (0.0, 0.3, 0.6, 1.0)]
    c = [r.untreated["C"][-1] for r in finals]
    v = [r.untreated["V"][-1] for r in finals]
    assert c == sorted(c) and c[-1] > 1.5 * c[0]
    assert v == sorted(v, reverse=True) and v[-1] < 95.0
    # Wnt inhibitors (DKK1, sclerostin) hold osteoblasts below baseline in severe disease
    assert finals[-1].untreated["B"][-1] < finals[0].untreated["B"][-1]


def test_bone_loss_is_calibrated_to_the_cited_cohort():
    """Untreated disease at the calibration level loses the stated % in the first year."""
    cal = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))["calibration"]
    run = simulate_scenario(cal["inflammation"], None, t_end=365.0, n_points=2)
    assert 100.0 - run.relative("untreated")["V"][-1] == pytest.approx(cal["loss_first_year"],
                                                                        abs=1e-6)
    assert cal["citation"] in bib_keys(ROOT / "references.bib")


@pytest.mark.parametrize("drug", CANONICAL)
def test_each_drug_changes_the_course_only_while_and_after_given(drug):
    r = simulate_scenario(0.7, drug, start=100.0, duration=200.0, t_end=600.0, n_points=601)
    before = r.t <= 100.0
    for k in r.treated:
        assert np.allclose(r.treated[k][before], r.untreated[k][before], rtol=1e-7), k
    during = (r.t > 150.0) & (r.t <= 300.0)
    assert not np.allclose(r.treated["C"][during], r.untreated["C"][during], rtol=1e-3)
    for course in (r.treated, r.untreated):
        for k in "RBC":
            assert np.all(course[k] > 0) and np.all(np.isfinite(course[k]))


@pytest.mark.parametrize("drug", ["denosumab", "bisphosphonate", "tnf_inhibitor",
                                  "il6r_inhibitor", "il17_inhibitor", "jak_inhibitor",
                                  "abatacept", "rituximab", "romosozumab"])
def test_anti_resorptive_and_anti_inflammatory_drugs_lower_osteoclasts_and_spare_bone(drug):
    r = simulate_scenario(0.8, drug, start=100.0, duration=365.0, t_end=465.0, n_points=466)
    assert r.treated["C"][-1] < r.untreated["C"][-1]
    assert r.treated["V"][-1] > r.untreated["V"][-1]


def test_denosumab_suppresses_resorption_strongly():
    r = simulate_scenario(0.5, "denosumab", start=0.0, duration=365.0, t_end=365.0)
    assert r.treated["C"][-1] < 0.3 * r.baseline["C"]


def test_romosozumab_raises_osteoblasts_and_glucocorticoid_lowers_them():
    romo = simulate_scenario(0.5, "romosozumab", start=0.0, duration=200.0, t_end=200.0)
    gc = simulate_scenario(0.5, "glucocorticoid", start=0.0, duration=200.0, t_end=200.0)
    assert romo.treated["B"][-1] > 1.5 * romo.untreated["B"][-1]
    assert gc.treated["B"][-1] < gc.untreated["B"][-1]


def test_treatment_past_the_end_and_zero_duration_are_no_ops():
    for kwargs in ({"start": 900.0}, {"duration": 0.0}):
        r = simulate_scenario(0.5, "denosumab", **({"start": 10.0} | kwargs), t_end=800.0,
                              n_points=5)
        assert np.allclose(r.treated["C"], r.untreated["C"])


def test_relative_courses_are_percent_of_baseline():
    r = simulate_scenario(0.0, "bisphosphonate", start=0.0, duration=10.0, t_end=10.0,
                          n_points=3)
    assert r.relative("untreated")["C"][0] == pytest.approx(100.0)
    assert r.relative()["C"][-1] < 100.0


def test_unknown_drug_raises():
    with pytest.raises(UnknownItemError, match="aspirin"):
        simulate_scenario(0.5, "aspirin")


@pytest.mark.parametrize("kwargs", [
    {"inflammation": -0.1}, {"inflammation": 1.01}, {"inflammation": math.nan},
    {"start": -1.0}, {"duration": -5.0}, {"start": math.inf}, {"t_end": 0.0},
    {"t_end": math.nan}, {"n_points": 1},
])
def test_bad_scenario_arguments_raise(kwargs):
    args = {"inflammation": 0.5, "drug": "denosumab"} | kwargs
    with pytest.raises(ParameterError):
        simulate_scenario(**args)


@pytest.fixture
def broken_yaml(tmp_path, monkeypatch):
    good = yaml.safe_load(scenarios.DATA_FILE.read_text(encoding="utf-8"))

    def write(mutate):
        data = json.loads(json.dumps(good))
        mutate(data)
        path = tmp_path / "scenarios.yaml"
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        monkeypatch.setattr(scenarios, "DATA_FILE", path)
        scenarios._load.cache_clear()
        return path

    yield write
    scenarios._load.cache_clear()


@pytest.mark.parametrize(("mutate", "where"), [
    (lambda d: d["drugs"]["denosumab"].pop("citation"), "drugs.denosumab"),
    (lambda d: d["drugs"]["abatacept"]["multipliers"].update(D_X=2.0), "drugs.abatacept"),
    (lambda d: d["drugs"]["tnf_inhibitor"]["blocks"].update(TNF=1.5), "drugs.tnf_inhibitor"),
    (lambda d: d["drugs"]["rituximab"]["blocks"].update(IL99=0.5), "drugs.rituximab"),
    (lambda d: d["drugs"]["glucocorticoid"].update(teaching_device=False),
     "drugs.glucocorticoid"),
    (lambda d: d["inflammation"]["mediators"]["TNF"]["weights"].update(rankl=0.9), "rankl"),
    (lambda d: d.update(teaching_device=False), "teaching_device"),
])
def test_malformed_data_file_names_file_and_entry(broken_yaml, mutate, where):
    path = broken_yaml(mutate)
    with pytest.raises(DataFileError) as err:
        scenarios.drug_ids()
    assert str(path) in str(err.value) and where in str(err.value)
