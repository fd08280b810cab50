"""The browser port (widgets/js/remodelling-model.js) reproduces simulate_scenario.

Runs the script under Node for several (inflammation, drug, start, duration) settings,
covering every drug class, and compares every state of both courses with Python within
a relative tolerance of 1 % (in practice the fixed-step RK4 of 0.25 day agrees to about
1e-6). Skipped only when ``node`` is not installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from bonelearn.models.scenarios import drug_ids, scenario_spec, simulate_scenario

SCRIPT = Path(__file__).parents[2] / "widgets" / "js" / "remodelling-model.js"
NODE = shutil.which("node")
REL_TOL = 0.01

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

RUNNER = """
const m = require(process.argv[1]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = input.cases.map(c => {
  try { return m.simulate(input.spec, c); } catch (e) { return {error: String(e.message)}; }
});
process.stdout.write(JSON.stringify(out));
"""


def run_js(cases: list[dict]) -> list[dict]:
    payload = json.dumps({"spec": scenario_spec(), "cases": cases})
    proc = subprocess.run([NODE, "-e", RUNNER, str(SCRIPT)], input=payload,
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(proc.stdout)


def cases() -> list[dict]:
    out = [{"inflammation": 0.0, "drug": None, "start": 0.0, "duration": 0.0,
            "t_end": 365.0, "n_points": 13},
           {"inflammation": 1.0, "drug": None, "start": 0.0, "duration": 0.0,
            "t_end": 1095.0, "n_points": 50}]
    for i, drug in enumerate(drug_ids()):
        out.append({"inflammation": [0.2, 0.5, 0.8, 1.0][i % 4], "drug": drug,
                    "start": [0.0, 90.0, 180.0, 365.5][i % 4],
                    "duration": [365.0, 30.0, 730.0, 100.0][i % 4],
                    "t_end": [730.0, 1095.0, 1500.0, 600.0][i % 4], "n_points": 97})
    # treatment running past the end, and starting after it
    out.append({"inflammation": 0.6, "drug": "denosumab", "start": 500.0, "duration": 900.0,
                "t_end": 730.0, "n_points": 40})
    out.append({"inflammation": 0.6, "drug": "romosozumab", "start": 800.0, "duration": 90.0,
                "t_end": 730.0, "n_points": 40})
    return out


def test_js_matches_python_for_every_drug():
    todo = cases()
    results = run_js(todo)
    assert {c["drug"] for c in todo} >= set(drug_ids())
    for c, js in zip(todo, results, strict=True):
        assert "error" not in js, (c, js)
        py = simulate_scenario(c["inflammation"], c["drug"], c["start"], c["duration"],
                               c["t_end"], c["n_points"])
        assert np.allclose(js["t"], py.t, rtol=1e-12)
        assert js["teaching_device"] is True and js["label"] == py.label
        for course in ("treated", "untreated"):
            for k, v in getattr(py, course).items():
                got = np.asarray(js[course][k])
                scale = np.abs(v) if k != "V" else np.full_like(v, 100.0)
                rel = np.max(np.abs(got - v) / scale)
                assert rel < REL_TOL, (c, course, k, rel)


def test_js_rejects_bad_controls():
    bad = [{"inflammation": 1.5}, {"inflammation": 0.5, "drug": "aspirin"},
           {"inflammation": 0.5, "start": -1}, {"inflammation": 0.5, "duration": -2},
           {"inflammation": float("nan")}]
    for c, res in zip(bad, run_js(json.loads(json.dumps(bad).replace("NaN", "null"))),
                      strict=True):
        assert "error" in res, c
