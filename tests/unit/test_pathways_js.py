"""The JavaScript port (widgets/js/propagate.js) must agree with Python's propagate.

One Node process runs every case: every single drug, several combinations and several
inflammation levels. Directions, chains, effects and evidence must match exactly; scores
and deltas to 1e-9.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from bonelearn.pathways import DRUG_IDS, load_knowledge_base, propagate

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "widgets" / "js" / "propagate.js"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

HARNESS = """
const api = require(process.argv[1]);
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const job = JSON.parse(input);
  const out = job.cases.map(([drugs, x]) => {
    try { return api.propagate(job.kb, drugs, x); }
    catch (e) { return { error: e.name, message: e.message }; }
  });
  process.stdout.write(JSON.stringify(out));
});
"""

LEVELS = (0.0, 0.05, 0.3, 0.5, 0.77, 1.0)
COMBOS = [
    (),
    ("tnf_inhibitor", "denosumab"),
    ("glucocorticoid", "bisphosphonate"),
    ("glucocorticoid", "tnf_inhibitor"),
    ("romosozumab", "denosumab"),
    ("il17_inhibitor", "il23_inhibitor", "il12_23_inhibitor"),
    ("jak_inhibitor", "glucocorticoid", "denosumab"),
    ("abatacept", "rituximab", "il6r_inhibitor"),
    tuple(DRUG_IDS),
]


def run_node(kb_dict: dict, cases: list) -> list:
    proc = subprocess.run(
        [NODE, "-e", HARNESS, str(SCRIPT)],
        input=json.dumps({"kb": kb_dict, "cases": cases}),
        capture_output=True, text=True, timeout=60, check=True,
    )
    return json.loads(proc.stdout)


def assert_same(py: dict, js: dict, where: str) -> None:
    assert set(py) == set(js), where
    for key in ("drugs", "eps", "note"):
        assert py[key] == js[key], f"{where}: {key}"
    assert py["inflammation"] == pytest.approx(js["inflammation"], abs=0)
    for section, numbers in (("nodes", ("score",)), ("outcomes", ("score", "delta"))):
        assert set(py[section]) == set(js[section]), where
        for nid, p in py[section].items():
            j = js[section][nid]
            assert set(p) == set(j), f"{where} {nid}"
            for field, value in p.items():
                if field in numbers:
                    assert abs(value - j[field]) <= 1e-9, f"{where} {nid}.{field}"
                else:
                    assert value == j[field], f"{where} {nid}.{field}: {value!r} != {j[field]!r}"


def test_js_matches_python_for_every_drug_and_combination() -> None:
    kb = load_knowledge_base()
    kb_dict = json.loads(json.dumps(kb.to_dict()))  # exactly what the page receives
    drug_sets = [(d,) for d in DRUG_IDS] + COMBOS
    cases = [[list(ds), x] for ds, x in itertools.product(drug_sets, LEVELS)]
    results = run_node(kb_dict, cases)
    assert len(results) == len(cases)
    for (drugs, x), js in zip(cases, results, strict=True):
        assert "error" not in js, js
        py = json.loads(json.dumps(propagate(kb, drugs, x).to_dict()))
        assert_same(py, js, f"drugs={drugs} inflammation={x}")


def test_js_rejects_what_python_rejects() -> None:
    kb_dict = load_knowledge_base().to_dict()
    cases = [[["denosumab"], 1.5], [["denosumab"], -0.1], [["aspirin"], 0.5],
             ["denosumab", 0.5], [[], "high"]]
    names = [r.get("error") for r in run_node(kb_dict, cases)]
    assert names == ["ParameterError", "ParameterError", "UnknownItemError",
                     "ParameterError", "ParameterError"]
