"""The browser port (widgets/js/bone-measures-model.js) gives Python's numbers, texts and errors.

Runs the script under Node for valid and invalid inputs of both panels and compares the
results, the reading and every error message with bonelearn.models.measures and
bonelearn.widgets.measures. Skipped only when ``node`` is not installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from bonelearn.errors import ParameterError
from bonelearn.models.measures import assess_change, bone_scores
from bonelearn.widgets.measures import BoneMeasuresCalculator, describe_change, describe_scores

SCRIPT = Path(__file__).parents[2] / "widgets" / "js" / "bone-measures-model.js"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

RUNNER = """
const m = require(process.argv[1]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const nan = v => (v === 'NaN' ? NaN : v);
const fix = c => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, nan(v)]));
const run = (f, d) => { try { const r = f(); return {result: r, text: d(r)}; }
                        catch (e) { return {error: String(e.message)}; } };
process.stdout.write(JSON.stringify({
  scores: input.scores.map(c => run(() => m.scores(input.spec, fix(c)),
                                    r => m.describeScores(input.spec, r))),
  change: input.change.map(c => run(() => m.change(input.spec, fix(c)),
                                    r => m.describeChange(input.spec, r))),
}));
"""

def sc(bmd, mean, sd, age_mean=None, age_sd=None, group="older"):
    return {"bmd": bmd, "young_mean": mean, "young_sd": sd, "age_mean": age_mean,
            "age_sd": age_sd, "group": group}


SCORES = [
    sc(0.70, 0.85, 0.12),
    sc(0.55, 0.85, 0.12, 0.7, 0.1),
    sc(0.43, 0.858, 0.12, 0.7, 0.11, "younger"),
    sc(1.234, 1.047, 0.11, group="younger"),
    sc(812.0, 870.0, 60.0, 790, 75),
    sc(0.85 - 2.496 * 0.12, 0.85, 0.12),           # printed -2.5: osteoporosis
    sc(0.85 - 2.449 * 0.12, 0.85, 0.12),           # printed -2.4
    sc(0.85 - 0.951 * 0.12, 0.85, 0.12, 0.8, 0.1),  # printed -1.0: normal
    sc(0.6, 0.85, 0.12, 0.8, 0.1, "younger"),      # Z -2.0
    sc(0.55, 0.85, 0.12, None, None, "younger"),
    sc(5.0, 0.85, 0.12),                           # implausible: units note
    sc(0.85 - 0.25 * 0.12, 0.85, 0.12),            # -0.25: a half
    # errors
    sc(0.7, 0.85, 0),
    sc("NaN", 0.85, 0.1),
    sc(0.7, -0.85, 0.1),
    sc(0.7, 0.85, 0.1, 0.8, None),
    sc(0.7, 0.85, 0.1, None, 0.1),
    sc(0.7, 0.85, 0.1, 0.8, -1),
    sc(0.7, 0.85, 0.1, group="kid"),
    sc(3e6, 0.85, 0.1),
    sc(None, 0.85, 0.1),
]
CHANGE = [
    {"first": 0.70, "second": 0.68, "precision": 1.5, "kind": "cv"},
    {"first": 0.812, "second": 0.761, "precision": 1.2, "kind": "cv"},
    {"first": 0.45, "second": 0.21, "precision": 12.0, "kind": "cv"},   # a marker, made-up CV
    {"first": 45.0, "second": 52.0, "precision": 6.5, "kind": "cv"},
    {"first": 0.912, "second": 0.95, "precision": 0.011, "kind": "sd"},
    {"first": 0.912, "second": 0.93, "precision": 0.011, "kind": "sd"},
    {"first": 1.0, "second": 1.0, "precision": 1.0, "kind": "cv"},
    {"first": 1.0, "second": 0.95845, "precision": 1.5, "kind": "cv"},   # equal when printed
    {"first": 100, "second": 100 - 2.765, "precision": 1.0, "kind": "cv"},
    {"first": 100, "second": 100 - 2.764, "precision": 1.0, "kind": "cv"},
    {"first": 0.52, "second": 0.31, "precision": 15.0, "kind": "lognormal"},
    {"first": 0.52, "second": 0.31, "precision": 15.0, "kind": "cv"},
    {"first": 0.52, "second": 0.75, "precision": 15.0, "kind": "lognormal"},
    {"first": 45.0, "second": 75.0, "precision": 20.0, "kind": "lognormal"},
    {"first": 0.8, "second": 0.8, "precision": 0.125, "kind": "cv"},     # a tie in printing
    # errors
    {"first": 0.7, "second": 0.68, "precision": 0, "kind": "cv"},
    {"first": 0.7, "second": 0.68, "precision": 100, "kind": "cv"},
    {"first": 0.7, "second": 0.68, "precision": 1, "kind": "abs"},
    {"first": "NaN", "second": 0.68, "precision": 1, "kind": "cv"},
    {"first": 0.7, "second": -0.68, "precision": 1, "kind": "sd"},
    {"first": 0.7, "second": 0.6, "precision": 100, "kind": "lognormal"},
    {"first": 0.7, "second": 0.6, "precision": 0.001, "kind": "cv"},
    {"first": None, "second": 0.6, "precision": 1, "kind": "cv"},
]


def python(fn, describe, case):
    case = {k: (float("nan") if v == "NaN" else v) for k, v in case.items()}
    try:
        return {"text": describe(fn(**case))}
    except ParameterError as exc:
        return {"error": str(exc)}


@pytest.fixture(scope="module")
def js():
    spec = BoneMeasuresCalculator.__new__(BoneMeasuresCalculator)._data()
    payload = json.dumps({"spec": spec, "scores": SCORES, "change": CHANGE})
    proc = subprocess.run([NODE, "-e", RUNNER, str(SCRIPT)], input=payload, capture_output=True,
                          text=True, timeout=60, check=True)
    return json.loads(proc.stdout)


@pytest.mark.parametrize("i", range(len(SCORES)))
def test_scores_panel_matches_python(js, i):
    expected = python(bone_scores, describe_scores, SCORES[i])
    got = js["scores"][i]
    assert got.get("error") == expected.get("error")
    assert got.get("text") == expected.get("text")


@pytest.mark.parametrize("i", range(len(CHANGE)))
def test_change_panel_matches_python(js, i):
    expected = python(assess_change, describe_change, CHANGE[i])
    got = js["change"][i]
    assert got.get("error") == expected.get("error")
    assert got.get("text") == expected.get("text")


def test_numbers_match(js):
    valid_scores = [(c, g) for c, g in zip(SCORES, js["scores"], strict=True) if "result" in g]
    valid_change = [(c, g) for c, g in zip(CHANGE, js["change"], strict=True) if "result" in g]
    assert len(valid_scores) == 12 and len(valid_change) == 15
    for case, got in valid_scores:
        s = bone_scores(**case)
        assert got["result"]["t"] == s.t  # the printed value, identical
        assert got["result"]["t_exact"] == pytest.approx(s.t_exact, rel=1e-12)
        assert got["result"]["category"] == s.category
    for case, got in valid_change:
        a = assess_change(**case)
        assert got["result"]["lsc"] == pytest.approx(a.lsc, rel=1e-12)
        assert got["result"]["shown_change"] == a.shown_change
        assert got["result"]["shown_limit"] == a.shown_limit
        assert got["result"]["exceeds"] == a.exceeds
