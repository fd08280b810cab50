"""The browser port (widgets/js/denosumab-model.js) reproduces DenosumabPivonka.simulate.

Runs the script under Node for several regimens and compares every plotted quantity with
Python within the relative tolerance of ``test_js_model.py`` (1 %; the fixed-step RK4 of
0.25 day agrees far better in practice). Skipped only when ``node`` is not installed.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from bonelearn.models.denosumab import DenosumabPivonka, Regimen
from bonelearn.widgets.dosing import model_spec
from tests.unit.test_js_model import NODE, REL_TOL, RUNNER

SCRIPT = Path(__file__).parents[2] / "widgets" / "js" / "denosumab-model.js"

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

CASES = [
    {"first": 0.0, "interval": 182.625, "n_doses": 6, "dose_mg": 60.0, "t_end": 2190.0,
     "n_points": 366},
    {"first": 0.0, "interval": 365.25, "n_doses": 3, "dose_mg": 60.0, "t_end": 1500.0,
     "n_points": 101},
    {"first": 30.0, "interval": 91.3125, "n_doses": 12, "dose_mg": 60.0, "t_end": 1825.5,
     "n_points": 200},
    {"first": 0.0, "interval": 182.625, "n_doses": 0, "dose_mg": 60.0, "t_end": 400.0,
     "n_points": 41},
    {"first": 10.0, "interval": 30.4375, "n_doses": 1, "dose_mg": 210.0, "t_end": 730.0,
     "n_points": 731},
]


def run_js(cases: list[dict]) -> list[dict]:
    payload = json.dumps({"spec": model_spec(), "cases": cases})
    proc = subprocess.run([NODE, "-e", RUNNER, str(SCRIPT)], input=payload,
                          capture_output=True, text=True, timeout=300, check=True)
    return json.loads(proc.stdout)


def test_js_matches_python():
    model = DenosumabPivonka()
    for case, js in zip(CASES, run_js(CASES), strict=True):
        assert "error" not in js, (case, js)
        reg = Regimen(case["first"], case["interval"], case["n_doses"], case["dose_mg"])
        py = model.simulate(case["t_end"], reg, case["n_points"])
        assert np.allclose(js["t"], py.t, rtol=1e-12)
        for k in ("OBp", "OBa", "OCa", "vb", "RANKL", "BMD", "mineral"):
            rel = np.max(np.abs(np.asarray(js[k]) - py[k]) / np.abs(py[k]))
            assert rel < REL_TOL, (case, k, rel)
        # the concentration passes through zero: compare against its peak
        scale = max(float(np.max(py["C"])), 1.0)
        assert np.max(np.abs(np.asarray(js["C"]) - py["C"])) / scale < REL_TOL, case


def test_js_rejects_bad_controls():
    bad = [{"interval": 0}, {"n_doses": -1}, {"n_doses": 1.5}, {"t_end": None},
           {"first": -1}, {"dose_mg": 5000}]
    for c, res in zip(bad, run_js(bad), strict=True):
        assert "error" in res, c
